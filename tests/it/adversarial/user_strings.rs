//! What users write: wide, bidirectional and combining characters, markup and escapes in every
//! string, text a CI runner would read as a command, and invisible characters.

use super::*;

#[test]
fn wide_bidi_and_combining_characters_keep_columns_right() {
    let line = format!(
        "person = [{{ id = \"bo\", name = {}, role = \"nope\", reports_to = \"ada\" }}]",
        toml_string(WIDE)
    );
    let dir = tree(&[("p.toml", format!("{line}\n").as_bytes())]);
    let runs = every_format(dir.path(), &[0]);
    let at = line.find("\"nope\"").expect("nope");
    // Columns count Unicode scalar values (SPEC §6).
    let column = line[..at].chars().count() + 1;
    let report = json(&runs);
    let role = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "unknown-role")
        .expect("unknown-role");
    assert_eq!(role["column"], column);
    assert_eq!(role["end_column"], column + 6);
    let short = &runs[1].stdout;
    assert!(
        short.contains(&format!("p.toml:1:{column}: warning[unknown-role]")),
        "{short}"
    );
    let github = &runs[4].stdout;
    assert!(
        github.contains(&format!("line=1,col={column},")),
        "{github}"
    );
    // The human report: the label's underline starts under `"nope"` on the drawn line, by display
    // width, as miette measures it.
    let human = strip_sgr(&runs[0].stdout);
    let lines: Vec<&str> = human.lines().collect();
    let drawn = lines
        .iter()
        .position(|l| l.contains("role = \"nope\""))
        .expect("the drawn line");
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let text = lines[drawn];
    let under = width(&text[..text.find("\"nope\"").expect("nope")]);
    let mark = lines[drawn + 1];
    let first = mark.find('─').expect("an underline");
    assert_eq!(width(&mark[..first]), under, "\n{text}\n{mark}");
}

/// A string that tries to be markup, a terminal escape and a line break at once.
const EVIL: &str =
    "<script>alert(1)</script>\u{1b}[31m\u{1b}]0;t\u{7}\u{9b}2J\r\n::error::x\u{202e}";

#[test]
fn script_and_escapes_in_every_user_string() {
    let s = toml_string(EVIL);
    let org = format!(
        "[org]\nname = {s}\nstage = {s}\nai_focus = {s}\nleadership = [{s}, \"ada\"]\nai_intake = {s}\n\
         [org.standards]\nci_cd = {s}\n{s} = {s}\n\n\
         [[person]]\nid = \"ada\"\nname = {s}\nrole = {s}\nemail = {s}\nreports_to = {s}\n{s} = 1\n\n\
         [[person]]\nid = {s}\nname = {s}\nrole = \"cto\"\n\n\
         [[team]]\nid = \"t\"\nname = {s}\nkind = {s}\nfunction = {s}\nfocus = {s}\nparent = {s}\n\
         lead = {s}\nmembers = [{s}]\nstakeholders = [{s}]\npartners = [{s}]\nsyncs_with = [{s}]\n\
         budget = {s}\nintake = {s}\nknowledge_sharing = [{s}]\nowns = [{s}]\n\
         [team.tooling]\nci_cd = {s}\n{s} = {s}\n[team.exceptions]\n{s} = {s}\n\n\
         [[guild]]\nid = \"g\"\nname = {s}\ntopic = {s}\nmembers = [{s}]\ncadence = {s}\n\
         # orglint: allow({EVIL_COMMENT}) {EVIL_COMMENT}\n"
    );
    let dir = support::tree(&[("org.toml", org.as_bytes())]);
    let report = json(&every_format(dir.path(), &[1]));
    assert_eq!(report["summary"]["broken_files"], 0);
    // The same string raw (not valid TOML), so that it reaches the snippet of an error.
    write(dir.path(), "raw.toml", format!("x = \"{EVIL}\"\n"));
    every_format(dir.path(), &[1]);
    let config = format!("[rules]\n{s} = {s}\n");
    write(dir.path(), "orglint.toml", config);
    every_format(dir.path(), &[2]);
}

/// Values, keys, names and file names that spell workflow commands of GitHub's runner, where each
/// output puts them: a file name at the start of a `--format short` line, `##[` in the org's name
/// that the baseline warning quotes on stderr before the annotations, a message that the human
/// report wraps so that a command starts a line, the snippet of a file that does not parse.
#[cfg(unix)]
#[test]
fn no_output_holds_a_workflow_command() {
    let org = "[org]\nname = \"##[stop-commands]pwned\"\nleadership = [\"ada\"]\n\n\
               [[person]]\nid = \"ada\"\nname = \"##[add-mask]Ada\"\nrole = \"cto\"\n";
    let dir = support::tree(&[("org.toml", org)]);
    let team = |id: &str, extra: &str| {
        format!(
            "[[team]]\nid = \"{id}\"\nname = \"##[group]{id}\"\nkind = \"platform\"\nlead = \"ada\"\n\
             members = [\"ada\", \"::error::x\", \"##[error]nobody\"]\n{extra}\n"
        )
    };
    write(
        dir.path(),
        "::error file=org.toml,line=1,title=X::y.toml",
        team("t0", "colour = 1"),
    );
    write(
        dir.path(),
        " ::add-mask::z.toml",
        team("t1", "\"::warning::k\" = 1"),
    );
    write(
        dir.path(),
        "##[stop-commands]w.toml",
        team("t2", "\"##[x]\" = 1"),
    );
    // Words before a command, so that wrapping at 80 columns puts it at the start of a line for
    // one of the paddings.
    for pad in 0..12 {
        let words = "word ".repeat(pad) + &"x".repeat(pad);
        let function = toml_string(&format!("{words} ::error::wrapped ##[error]wrapped"));
        let extra = format!("function = {function}\nbudget = {function}");
        write(
            dir.path(),
            &format!("teams/p{pad}.toml"),
            team(&format!("p{pad}"), &extra),
        );
    }
    write(
        dir.path(),
        "broken ##[x].toml",
        "x = \"##[error]::error::\n  ::warning::y\n",
    );
    let runs = every_format(dir.path(), &[1]);
    assert!(
        runs[1].stdout.starts_with("./ ::add-mask::z.toml:"),
        "{:?}",
        runs[1].args
    );
    for args in [
        &["check", "--statistics"][..],
        &["check", "--statistics", "--format", "json"],
        &[
            "check",
            "--format",
            "short",
            "::error file=org.toml,line=1,title=X::y.toml",
        ],
    ] {
        let run = orglint(dir.path(), args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert_no_workflow_command(&run, &run.stdout, &run.stderr);
    }
    // A baseline of another org: its warning quotes both names on stderr, before the annotations.
    write(
        dir.path(),
        "base.json",
        "{\"version\": 1, \"tool\": \"orglint\", \"org\": \"::error::other\", \"findings\": [{\"file\": \
         null, \"rule\": \"missing-org\", \"fingerprint\": \"0123456789abcdef\", \"message\": \"\"}]}",
    );
    let run = orglint(
        dir.path(),
        &["check", "--baseline", "base.json", "--format", "github"],
    );
    assert!(run.stderr.contains("another org"), "{}", run.stderr);
    assert_no_workflow_command(&run, &run.stdout, &run.stderr);
}

#[test]
fn the_oracle_finds_what_the_runner_would_read() {
    let ok = |text: &str, own: bool| wellformed::no_workflow_command(text, own).is_ok();
    for text in [
        "plain\nlines\n",
        "a ::b\n",
        "x\u{23}[y ##x [#[\n",
        "#\\u{23}[ \\u{3a}:x\n",
    ] {
        assert!(ok(text, false), "{text:?}");
    }
    let annotation = "::warning file=a%3Ab.toml,line=1,col=2,endLine=1,endColumn=5,\
                      title=orglint (team-size)::x ##[y%0Ahelp: z\n";
    assert!(ok(annotation, true) && !ok(annotation, false));
    assert!(ok(
        "::error title=orglint (missing-org)::no org\n1 error\n",
        true
    ));
    for text in [
        "::add-mask::x\n",
        "  \u{3000}::error::x\n",
        "ok\r::stop-commands::t\n",
        "a ##[group]b\n",
        "\t##[",
        "::error file=x::y\n",
        "::error title=orglint (x)\n",
        "::warning title=orglint (a-b)::m\n::add-mask::x\n",
    ] {
        assert!(!ok(text, true) && !ok(text, false), "{text:?}");
    }
}

/// Characters that show as nothing, each a code point of Unicode's `Default_Ignorable_Code_Point`
/// or general category `Cf` (written out here, not taken from orglint): tag characters, which
/// can spell a hidden text, invisible operators, the soft hyphen, variation selectors, the
/// Mongolian vowel separator, fillers, interlinear annotation, and Arabic and Egyptian signs.
const INVISIBLE: &[char] = &[
    '\u{E0001}',
    '\u{E0041}',
    '\u{E007F}',
    '\u{E0100}',
    '\u{206A}',
    '\u{206F}',
    '\u{2064}',
    '\u{180E}',
    '\u{00AD}',
    '\u{034F}',
    '\u{FE0F}',
    '\u{FE00}',
    '\u{3164}',
    '\u{115F}',
    '\u{FFA0}',
    '\u{FFF9}',
    '\u{FFFB}',
    '\u{0600}',
    '\u{06DD}',
    '\u{13430}',
    '\u{1BCA0}',
    '\u{1D173}',
];

#[test]
fn invisible_characters_never_reach_an_output_raw() {
    let hidden: String = INVISIBLE.iter().collect();
    let s = toml_string(&format!("ok{hidden}ok"));
    let org = format!(
        "[org]\nname = {s}\nleadership = [\"ada\", {s}]\n\n\
         [[person]]\nid = \"ada\"\nname = {s}\nrole = {s}\n\n\
         [[team]]\nid = \"t\"\nname = {s}\nkind = \"platform\"\nfunction = {s}\nlead = \"ada\"\n\
         members = [\"ada\", {s}]\n{s} = 1\n"
    );
    let dir = support::tree(&[("org.toml", org.as_bytes())]);
    write(dir.path(), &format!("file{hidden}.toml"), "x = [\n");
    let runs = every_format(dir.path(), &[1]);
    for run in &runs {
        for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            if let Some(c) = text.chars().find(|c| INVISIBLE.contains(c)) {
                panic!("{} {name}: a raw {c:?}\n{}", run.args, cut(text));
            }
        }
    }
    // Shown, not dropped: the JSON report decodes to the very characters.
    let report = json(&runs);
    let names: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert!(
        names.contains(&format!("file{hidden}.toml").as_str()),
        "{names:?}"
    );
}

/// [`EVIL`] as a comment can hold it:
/// TOML allows no C0 control in a comment, but C1 and bidi characters.
const EVIL_COMMENT: &str = "<script>x</script>\u{9b}2J\u{202e}";
