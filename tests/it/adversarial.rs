//! Adversarial trees, each run through every output format: no panic, no hang, exit 0, 1 or 2 as
//! documented, JSON that parses, XML that is well formed, no raw control, bidi or zero-width
//! character and no raw `<script>` from user data in any output. Big inputs are generated here,
//! in a temporary directory; determinism is checked at the end. The cases of a hundred thousand
//! entities or fifty megabytes are `#[ignore]`d in the debug suite, where each takes from ten
//! seconds to a minute: `.ci/run` runs them against a release binary
//! (`ORGLINT_TEST_BIN=target/release/orglint cargo test --test it -- --ignored`).

use crate::support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::{strip_sgr, toml_string, write};

use crate::support::wellformed;

/// How an output is checked beyond what every output is checked for.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Text for a terminal or a log.
    Text,
    /// `--color always`: orglint's own `ESC [ ... m` colour codes are stripped before the check.
    Coloured,
    /// One JSON document.
    Json,
    /// One well-formed XML document.
    Xml,
    /// HTML, Markdown or Mermaid, which a browser or renderer reads: no raw `<script`.
    Markup,
}

/// Every output orglint writes for a tree: `check` in each format, `report`, `graph`.
const FORMATS: &[(&[&str], Kind)] = &[
    (
        &["check", "--format", "human", "--color", "always"],
        Kind::Coloured,
    ),
    (&["check", "--format", "short"], Kind::Text),
    (&["check", "--format", "json"], Kind::Json),
    (&["check", "--format", "sarif"], Kind::Json),
    (&["check", "--format", "github"], Kind::Text),
    (&["check", "--format", "junit"], Kind::Xml),
    (&["check", "--format", "markdown"], Kind::Markup),
    (&["report", "--format", "html"], Kind::Markup),
    (&["report", "--format", "markdown"], Kind::Markup),
    (&["graph", "--format", "dot"], Kind::Text),
    (&["graph", "--format", "mermaid"], Kind::Markup),
];

/// What one run of orglint gave.
struct Run {
    args: String,
    code: i32,
    stdout: String,
    stderr: String,
}

/// A hang becomes a failure after this long; no test asserts a time (STYLE.md: performance lives
/// in benchmarks).
const WATCHDOG: Duration = Duration::from_secs(120);

/// At most this many runs at once: a 50 MB tree takes memory in each.
const IN_PARALLEL: usize = 4;

/// Runs `orglint args` in `dir` under the watchdog, with `NO_COLOR` and `CLICOLOR_FORCE` unset so
/// that the flags alone decide colour.
fn orglint(dir: &Path, args: &[&str]) -> Run {
    let env = [("NO_COLOR", None), ("CLICOLOR_FORCE", None)];
    let (code, stdout, stderr) = support::watched(dir, args, &env, WATCHDOG);
    let text = |bytes: Vec<u8>, what: &str| {
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("{args:?}: {what} is not UTF-8: {e}"))
    };
    Run {
        args: format!("{args:?}"),
        code,
        stdout: text(stdout, "stdout"),
        stderr: text(stderr, "stderr"),
    }
}

/// Fails unless `text` is free of every character that can drive a terminal or hide text
/// (`orglint::render::is_unsafe`: C0 but newline, DEL, C1, bidi, zero-width), but a tab in the
/// Markdown and Mermaid outputs' own indentation is none of ours, and they escape user tabs.
fn assert_no_raw_controls(what: &str, text: &str) {
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| c != '\n' && orglint::render::is_unsafe(c))
    {
        let from = text[..at]
            .char_indices()
            .rev()
            .nth(80)
            .map_or(0, |(i, _)| i);
        let to = text[at..]
            .char_indices()
            .nth(80)
            .map_or(text.len(), |(i, _)| at + i);
        panic!("{what}: a raw {c:?} at byte {at}: {:?}", &text[from..to]);
    }
}

/// Fails if GitHub's runner would read a line of `run`'s output as a workflow command, but the
/// annotations `check --format github` writes on stdout (its own commands).
fn assert_no_workflow_command(run: &Run, stdout: &str, stderr: &str) {
    // Only the annotations of `check --format github`: not its `--statistics` nor `--diff`.
    let own = run.args.starts_with("[\"check\"")
        && run.args.contains("\"github\"")
        && !run.args.contains("--statistics")
        && !run.args.contains("--diff");
    for (name, text, own) in [("stdout", stdout, own), ("stderr", stderr, false)] {
        if let Err(e) = wellformed::no_workflow_command(text, own) {
            panic!("{} {name}: {e}\n{}", run.args, cut(text));
        }
    }
}

/// Fails unless `doc` is one well-formed XML document.
fn assert_xml(what: &str, doc: &str) {
    let mut reader = quick_xml::Reader::from_str(doc);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut roots = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => {
                roots += usize::from(depth == 0);
                depth += 1;
            }
            Ok(quick_xml::events::Event::Empty(_)) => roots += usize::from(depth == 0),
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{what}: not well-formed XML: {e}"),
        }
    }
    assert!(
        depth == 0 && roots == 1,
        "{what}: {roots} roots, {depth} open"
    );
}

/// Runs every output of [`FORMATS`] on `dir` ([`IN_PARALLEL`] at a time) and checks each: an exit
/// code in `codes` (never 101, a panic; `report` and `graph` exit 0 where `check` exits 1), no panic message, and the checks of its [`Kind`]. Returns
/// the runs, in the order of [`FORMATS`], for a test's own checks.
fn every_format(dir: &Path, codes: &[i32]) -> Vec<Run> {
    let mut runs = Vec::new();
    for batch in FORMATS.chunks(IN_PARALLEL) {
        let done: Vec<Run> = std::thread::scope(|s| {
            let handles: Vec<_> = batch
                .iter()
                .map(|(args, _)| s.spawn(move || orglint(dir, args)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a run"))
                .collect()
        });
        runs.extend(done);
    }
    for (run, (_, kind)) in runs.iter().zip(FORMATS) {
        let what = &run.args;
        let codes: Vec<i32> = if run.args.starts_with("[\"check\"") {
            codes.to_vec()
        } else {
            codes.iter().map(|&c| if c == 1 { 0 } else { c }).collect()
        };
        assert!(
            codes.contains(&run.code),
            "{what}: exit {} (not one of {codes:?})\n{}",
            run.code,
            cut(&run.stderr)
        );
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
            "{what}: {}",
            cut(&run.stderr)
        );
        if run.code == 2 {
            // A usage or configuration error: one message on stderr, nothing else.
            assert!(!run.stderr.is_empty(), "{what}: exit 2 without a message");
        } else {
            assert!(!run.stdout.is_empty(), "{what}: no output");
        }
        let (stdout, stderr) = if *kind == Kind::Coloured {
            (strip_sgr(&run.stdout), strip_sgr(&run.stderr))
        } else {
            (run.stdout.clone(), run.stderr.clone())
        };
        assert_no_raw_controls(&format!("{what} stdout"), &stdout);
        assert_no_raw_controls(&format!("{what} stderr"), &stderr);
        assert_no_workflow_command(run, &stdout, &stderr);
        if run.code == 2 {
            continue;
        }
        match kind {
            Kind::Json => {
                serde_json::from_str::<serde_json::Value>(&stdout)
                    .unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
            }
            Kind::Xml => assert_xml(what, &stdout),
            Kind::Markup => assert!(
                !stdout.to_ascii_lowercase().contains("<script"),
                "{what}: a raw <script"
            ),
            Kind::Text | Kind::Coloured => {}
        }
    }
    runs
}

/// The first 2,000 characters of `s`, for a failure message.
fn cut(s: &str) -> &str {
    s.char_indices().nth(2_000).map_or(s, |(i, _)| &s[..i])
}

/// The run of `check --format json` among `runs`, parsed.
fn json(runs: &[Run]) -> serde_json::Value {
    let run = runs
        .iter()
        .find(|r| r.args.contains("\"json\""))
        .expect("a JSON run");
    serde_json::from_str(&run.stdout).expect("JSON")
}

/// The rules of the findings of a JSON report, sorted, each once.
fn rules(report: &serde_json::Value) -> Vec<String> {
    let mut rules: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().expect("rule").to_owned())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

/// The smallest org, as `org.toml`.
const ORG: &str = crate::tiny_org!();

/// A fresh tree holding `org.toml` ([`ORG`]) and `files`.
fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = support::tree(&[("org.toml", ORG.as_bytes())]);
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

/// `n` people, `p0` ... , each reporting to the next and the last to Ada: one `reports_to` chain.
fn people_chain(n: usize) -> String {
    let mut s = String::with_capacity(n * 80);
    for i in 0..n {
        let up = if i + 1 < n {
            format!("p{}", i + 1)
        } else {
            "ada".to_owned()
        };
        s.push_str(&format!(
            "[[person]]\nid = \"p{i}\"\nname = \"P{i}\"\nrole = \"software-engineer\"\nreports_to = \"{up}\"\n\n"
        ));
    }
    s
}

// Size.

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_fifty_megabyte_file() {
    // 20,000 people whose names are 2,500 bytes of many scripts: 50 MB in 80,000 values, well
    // under the value limit, so it is parsed and linted, and every name is cut in messages.
    let name: String = "Zoë 中文 👩‍💻 é\u{301} ".repeat(2_500 / 30);
    let mut text = String::with_capacity(52 << 20);
    let mut i = 0;
    while text.len() < 50 << 20 {
        text.push_str(&format!(
            "[[person]]\nid = \"p{i}\"\nname = \"{name}\"\nrole = \"ml-engineer\"\nreports_to = \"ada\"\n\n"
        ));
        i += 1;
    }
    let dir = tree(&[("people.toml", text.as_bytes())]);
    let runs = every_format(dir.path(), &[0, 1]);
    let report = json(&runs);
    assert_eq!(report["summary"]["broken_files"], 0);
    // 20,000 people in no team, all reporting to Ada.
    assert_eq!(rules(&report), ["orphan-person", "span-of-control"]);
    for run in &runs {
        // Messages cut long values: no output holds one name whole.
        assert!(!run.stdout.contains(&name), "{}: a name whole", run.args);
    }
}

#[test]
fn a_hundred_thousand_deep_array() {
    let depth = 100_000;
    let text = format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let dir = tree(&[("deep.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[1]));
    assert_eq!(rules(&report), ["invalid-toml"]);
    assert_eq!(report["diagnostics"][0]["file"], "deep.toml");
}

#[test]
fn a_fifty_thousand_deep_inline_table() {
    let depth = 50_000;
    let text = format!("x = {}1{}\n", "{a=".repeat(depth), "}".repeat(depth));
    let dir = tree(&[("deep.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[1]));
    assert_eq!(rules(&report), ["invalid-toml"]);
    assert_eq!(report["diagnostics"][0]["file"], "deep.toml");
}

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_hundred_thousand_people_in_one_file() {
    let mut text = String::new();
    for i in 0..100_000 {
        text.push_str(&format!(
            "[[person]]\nid = \"p{i}\"\nname = \"P{i}\"\nrole = \"software-engineer\"\nreports_to = \"ada\"\n\n"
        ));
    }
    let members: Vec<String> = (0..100_000).map(|i| format!("\"p{i}\"")).collect();
    text.push_str(&format!(
        "[[team]]\nid = \"all\"\nname = \"All\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\", {}]\n",
        members.join(", ")
    ));
    let dir = tree(&[("people.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[0, 1]));
    assert_eq!(report["summary"]["broken_files"], 0);
    // One team of 100,001 people is too big, and Ada leads 100,000 people directly.
    assert_eq!(rules(&report), ["span-of-control", "team-size"]);
}

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_hundred_thousand_member_team_on_one_line() {
    // Every member unknown: 100,000 findings on one line, cut to a hundred and counted.
    let members: Vec<String> = (0..100_000).map(|i| format!("\"ghost{i}\"")).collect();
    let text = format!(
        "[[team]]\nid = \"big\"\nname = \"Big\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\", {}]\n",
        members.join(", ")
    );
    let dir = tree(&[("big.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[1]));
    assert!(
        report["summary"]["errors"].as_u64().expect("errors") >= 100_000,
        "{}",
        report["summary"]
    );
}

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_hundred_thousand_long_reports_to_chain() {
    let dir = tree(&[("people.toml", people_chain(100_000).as_bytes())]);
    let report = json(&every_format(dir.path(), &[0, 1]));
    assert!(rules(&report).contains(&"management-depth".to_owned()));
}

// One person in each of 100,000 chained teams: `team-size` once scanned all of a member's teams
// for each umbrella above them, quadratic here (past the watchdog in a debug build).
#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_hundred_thousand_long_parent_chain() {
    let n = 100_000;
    let mut text = String::with_capacity(n * 100);
    for i in 0..n {
        let parent = if i > 0 {
            format!("parent = \"t{}\"\n", i - 1)
        } else {
            String::new()
        };
        text.push_str(&format!(
            "[[team]]\nid = \"t{i}\"\nname = \"T{i}\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\n{parent}\n"
        ));
    }
    let dir = tree(&[("teams.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[0, 1]));
    assert_eq!(report["summary"]["broken_files"], 0);
    assert!(!rules(&report).contains(&"team-cycle".to_owned()));
}

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn many_overlapping_cycles() {
    // 1,000 reporting cycles of 10, each with a tail of 40 people running into it; and, through
    // ids defined twice, cycles that share people (`q{i}` reports both to `q{i+1}` and to
    // `q{i+2}`); the same shapes in teams' `parent`.
    let mut text = String::new();
    let person = |id: &str, up: &str| {
        format!(
            "[[person]]\nid = \"{id}\"\nname = \"N\"\nrole = \"sre\"\nreports_to = \"{up}\"\n\n"
        )
    };
    let team = |id: &str, up: &str| {
        format!(
            "[[team]]\nid = \"{id}\"\nname = \"N\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\nparent = \"{up}\"\n\n"
        )
    };
    for c in 0..1_000 {
        for i in 0..10 {
            let (id, up) = (format!("c{c}-{i}"), format!("c{c}-{}", (i + 1) % 10));
            text.push_str(&person(&id, &up));
            text.push_str(&team(&format!("t{id}"), &format!("t{up}")));
        }
        for i in 0..40 {
            let id = format!("c{c}-tail{i}");
            let up = if i == 0 {
                format!("c{c}-0")
            } else {
                format!("c{c}-tail{}", i - 1)
            };
            text.push_str(&person(&id, &up));
        }
    }
    for i in 0..2_000 {
        text.push_str(&person(&format!("q{i}"), &format!("q{}", (i + 1) % 2_000)));
        text.push_str(&person(&format!("q{i}"), &format!("q{}", (i + 2) % 2_000)));
        text.push_str(&team(&format!("tq{i}"), &format!("tq{}", (i + 1) % 2_000)));
        text.push_str(&team(&format!("tq{i}"), &format!("tq{}", (i + 3) % 2_000)));
    }
    let dir = tree(&[("cycles.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[1]));
    let fired = rules(&report);
    for rule in ["duplicate-id", "reporting-cycle", "team-cycle"] {
        assert!(fired.contains(&rule.to_owned()), "{rule}: {fired:?}");
    }
}

#[test]
fn a_two_hundred_thousand_character_id() {
    let id = "a".repeat(200_000);
    let text = format!(
        "[[person]]\nid = \"{id}\"\nname = \"Long\"\nrole = \"cto\"\nreports_to = \"{id}\"\n\n\
         [[team]]\nid = \"{id}\"\nname = \"Long\"\nkind = \"platform\"\nlead = \"{id}\"\nmembers = [\"{id}\"]\nparent = \"{id}\"\n"
    );
    let dir = tree(&[("long.toml", text.as_bytes())]);
    let runs = every_format(dir.path(), &[1]);
    assert!(rules(&json(&runs)).contains(&"invalid-value".to_owned()));
    for run in &runs {
        // Messages cut it; the report and the graph may name it, a few times at most.
        let check = run.args.starts_with("[\"check\"");
        assert!(
            !check || !run.stdout.contains(&id),
            "{}: the id whole",
            run.args
        );
        assert!(
            run.stdout.len() < 20 * text.len(),
            "{}: {} bytes",
            run.args,
            run.stdout.len()
        );
    }
}

// Bytes that are not TOML.

/// Checks that `file` in a tree is reported as `invalid-toml` with `message`, at `line:column`,
/// in every format, and that the other files still report.
fn not_toml(file: &str, bytes: &[u8], line: u64, column: u64, message: &str) {
    let team = b"[[team]]\nid = \"x\"\nname = \"X\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\ncolour = \"red\"\n";
    let dir = tree(&[(file, bytes), ("teams/other.toml", team)]);
    let report = json(&every_format(dir.path(), &[1]));
    let broken = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "invalid-toml")
        .expect("an invalid-toml finding");
    assert_eq!(broken["file"], file);
    assert_eq!(
        (&broken["line"], &broken["column"]),
        (&line.into(), &column.into())
    );
    let got = broken["message"].as_str().expect("message");
    assert!(got.contains(message), "{got}");
    assert_eq!(rules(&report), ["invalid-toml", "unknown-field"]);
}

#[test]
fn nul_bytes() {
    not_toml(
        "nul.toml",
        b"[[person]]\nid = \"n\0l\"\n",
        2,
        8,
        "invalid basic string",
    );
}

#[test]
fn invalid_utf8() {
    not_toml(
        "latin1.toml",
        b"[[person]]\nid = \"jo\"\nname = \"Jos\xe9\"\n\xff\xfe\xc0\x80\n",
        3,
        12,
        "not valid UTF-8 (invalid byte at offset 32)",
    );
}

#[test]
fn utf16_with_a_byte_order_mark() {
    let utf16 = |bom: [u8; 2], be: bool| {
        let mut bytes = bom.to_vec();
        for unit in "[[person]]\nid = \"u\"\n".encode_utf16() {
            bytes.extend(if be {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    not_toml(
        "le.toml",
        &utf16([0xff, 0xfe], false),
        1,
        1,
        "UTF-16 (little-endian",
    );
    not_toml(
        "be.toml",
        &utf16([0xfe, 0xff], true),
        1,
        1,
        "UTF-16 (big-endian",
    );
}

#[test]
fn lone_cr_line_endings() {
    // TOML has no lone CR newline: the first CR is the error, on line 1, past the CR.
    not_toml(
        "cr.toml",
        b"[[person]]\rid = \"c\"\rname = \"C\"\r",
        1,
        12,
        "carriage return",
    );
}

// What users write.

/// Bidi overrides, zero-width joiners, combining characters, emoji and wide CJK.
const WIDE: &str = "中文👩\u{200d}💻e\u{301}\u{202e}!\u{2066}字";

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

// Many files and odd names.

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn fifty_thousand_tiny_files() {
    let dir = tree(&[]);
    for i in 0..50_000 {
        write(
            dir.path(),
            &format!("people/{:02}/p{i}.toml", i % 100),
            format!(
                "[[person]]\nid = \"p{i}\"\nname = \"P\"\nrole = \"sre\"\nreports_to = \"ada\"\n"
            ),
        );
    }
    let report = json(&every_format(dir.path(), &[0, 1]));
    assert_eq!(report["summary"]["files"], 50_001);
}

#[test]
fn five_hundred_nested_directories() {
    let dir = tree(&[]);
    let deep: PathBuf = (0..500).map(|i| format!("d{i}")).collect();
    let path = deep.join("team.toml");
    write(
        dir.path(),
        path.to_str().expect("UTF-8"),
        b"[[team]]\nid = \"x\"\nname = \"X\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\ncolour = \"red\"\n",
    );
    let report = json(&every_format(dir.path(), &[1]));
    assert_eq!(rules(&report), ["team-size", "unknown-field"]);
    let file = report["diagnostics"][0]["file"].as_str().expect("file");
    assert!(
        file.starts_with("d0/d1/") && file.ends_with("/d499/team.toml"),
        "{file}"
    );
}

#[cfg(unix)]
#[test]
fn file_names_with_newlines_and_bytes_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tree(&[]);
    let team = |id: &str| {
        format!(
            "[[team]]\nid = \"{id}\"\nname = \"X\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\ncolour = \"red\"\n"
        )
    };
    let names: [&[u8]; 4] = [
        b"new\nline.toml",
        b"\r\n::error file=x::forged.toml",
        b"caf\xe9 \xff.toml",
        b"<script>x\x1b[31m\x07\xc2\x9b.toml",
    ];
    for (i, name) in names.iter().enumerate() {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, team(&format!("t{i}"))).expect("write");
    }
    let dirname = dir.path().join(std::ffi::OsStr::from_bytes(b"dir\n\xfe"));
    std::fs::create_dir(&dirname).expect("mkdir");
    std::fs::write(dirname.join("in.toml"), team("t9")).expect("write");
    let runs = every_format(dir.path(), &[1]);
    let report = json(&runs);
    let found = report["diagnostics"].as_array().expect("list");
    let unknown = found
        .iter()
        .filter(|d| d["rule"] == "unknown-field")
        .count();
    assert_eq!(unknown, 5, "one per file");
    // One finding, one line, and the summary: no name breaks a line of the short or GitHub output.
    for i in [1, 4] {
        let lines = runs[i].stdout.lines().count();
        assert_eq!(lines, found.len() + 1, "{}", runs[i].stdout);
    }
}

// A hostile orglint.toml.

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_huge_orglint_toml() {
    // 4 MB of rules that do not exist (20 MB took two minutes in a debug build): a configuration error, its list cut at twenty.
    let mut config = String::from("[rules]\n");
    let mut i = 0;
    while config.len() < 4 << 20 {
        config.push_str(&format!("no-such-rule-{i} = \"warn\"\n"));
        i += 1;
    }
    let dir = tree(&[("orglint.toml", config.as_bytes())]);
    for run in every_format(dir.path(), &[2]) {
        assert!(
            run.stderr.len() < 20_000,
            "{}: {} bytes",
            run.args,
            run.stderr.len()
        );
    }
}

#[test]
fn a_deeply_nested_orglint_toml() {
    let depth = 100_000;
    let config = format!(
        "[rules]\nteam-size = {}1{}\n[files]\nexclude = {}{}\n",
        "{a=".repeat(depth),
        "}".repeat(depth),
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let dir = tree(&[("orglint.toml", config.as_bytes())]);
    every_format(dir.path(), &[2]);
}

#[test]
fn an_orglint_toml_of_wrong_types() {
    let config = "files = 1\nrules = [1, 2]\nroles = { ml = \"x\", software = [1, {a = 2}] }\n\
                  suppressions = { require_reason = \"yes\" }\n[[x]]\ny = 1979-05-27T07:32:00Z\n";
    let dir = tree(&[("orglint.toml", config.as_bytes())]);
    every_format(dir.path(), &[2]);
}

#[test]
fn pathological_exclude_globs() {
    // Globs a backtracking matcher would take exponential time on; globset compiles them to
    // automata. A thousand of them, the limit, over a tree of a thousand files.
    let mut globs: Vec<String> = vec![
        "**/**/**/**/*".to_owned(),
        format!("{}x", "*a".repeat(300)),
        format!("{}/never", "**/".repeat(300)),
        "[!a-z][!a-z][!a-z]{a,b,{c,{d,{e,f}}}}/**".to_owned(),
    ];
    globs.extend((0..996).map(|i| format!("{}*{i}*/**/never", "?".repeat(i % 200))));
    let list: Vec<String> = globs.iter().map(|g| toml_string(g)).collect();
    // The tree may be empty: every file excluded is then no error, and every output is drawn.
    let config = format!(
        "[files]\nexclude = [{}]\nallow_empty = true\n",
        list.join(", ")
    );
    let dir = tree(&[("orglint.toml", config.as_bytes())]);
    for i in 0..1_000 {
        write(
            dir.path(),
            &format!("a/b/c/d/e/p{i}.toml"),
            format!(
                "[[person]]\nid = \"p{i}\"\nname = \"P\"\nrole = \"sre\"\nreports_to = \"ada\"\n"
            ),
        );
    }
    let report = json(&every_format(dir.path(), &[0, 1]));
    // `**/**/**/**/*` excludes every file, `org.toml` too: nothing is linted but the missing org.
    assert_eq!(rules(&report), ["missing-org"]);
}

#[test]
fn thousands_of_suppression_comments() {
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(&format!(
            "# orglint: allow(unknown-field, no-such-rule-{i}) -- because {i}\n[[team]]\nid = \"t{i}\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\n\
             # orglint: allow(unknown-field) -- <script>\u{9b}2J\ncolour = \"red\"\n\n"
        ));
    }
    let dir = tree(&[("teams.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[0, 1]));
    assert_eq!(report["summary"]["suppressed"], 5_000);
    assert!(rules(&report).contains(&"invalid-suppression".to_owned()));
}

// Determinism.

/// A small deterministic shuffle (a linear congruential generator): the test needs orders that
/// differ, not randomness, and no new dependency.
fn shuffled<T>(mut items: Vec<T>, seed: u64) -> Vec<T> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..items.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        items.swap(i, (state >> 33) as usize % (i + 1));
    }
    items
}

/// The entity files of the example org and of the hostile-names tree, and fifty more with
/// findings of their own, as `(path, text)` pairs.
fn many_texts() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut add = |base: &Path, prefix: &str| {
        let mut stack = vec![base.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "toml")
                    && path.file_name().is_some_and(|n| n != "orglint.toml")
                {
                    let rel = path.strip_prefix(base).expect("below");
                    let text = std::fs::read_to_string(&path).expect("UTF-8");
                    files.push((Path::new(prefix).join(rel), text));
                }
            }
        }
    };
    add(&support::repo().join("fixtures/example-org"), "example");
    let hostile = support::hostile_tree();
    add(hostile.path(), "hostile");
    for i in 0..50 {
        files.push((
            PathBuf::from(format!("more/{}/t{i}.toml", i % 7)),
            format!(
                "[[team]]\nid = \"dup\"\nname = {}\nkind = \"feature\"\nlead = \"p{i}\"\nmembers = [\"ada\", \"p{i}\"]\nparent = \"dup\"\n",
                toml_string(&format!("{WIDE} {i}"))
            ),
        ));
    }
    files
}

#[test]
fn every_format_is_the_same_whatever_order_the_files_come_in() {
    // The walk sorts each directory's listing, so a shuffled listing cannot be shown to it
    // without a hook in the binary; `load_texts` takes the files in any order the caller gives,
    // which is the same order-independence (both end in one sorted list), proven here without
    // a test-only path in orglint itself.
    let root = Path::new("/nonexistent/orglint-order");
    let files = many_texts();
    let render = |files: Vec<(PathBuf, String)>| {
        let report = support::lint_texts(root, files);
        assert!(
            report.findings.len() > 20,
            "{} findings",
            report.findings.len()
        );
        orglint::render::FORMATS
            .iter()
            .map(|f| (f.name(), f.render(&report, Default::default())))
            .collect::<Vec<_>>()
    };
    let first = render(files.clone());
    for seed in 1..=5 {
        let other = render(shuffled(files.clone(), seed));
        for ((name, a), (_, b)) in first.iter().zip(&other) {
            assert!(a == b, "{name} differs with shuffle {seed}");
        }
    }
    let mut reversed = files;
    reversed.reverse();
    assert!(render(reversed) == first, "reversed order");
}

/// The exit code, stdout and stderr of one run.
type Outputs = (i32, String, String);

#[test]
fn every_output_is_the_same_with_one_two_or_eight_threads_and_any_creation_order() {
    // The same tree written in three orders (on file systems whose listing follows creation
    // order, such as tmpfs, the listings differ), each run with 1, 2 and 8 threads.
    let files = many_texts();
    let mut outputs: Vec<(String, Vec<Outputs>)> = Vec::new();
    for seed in [0, 7, 11] {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "org.toml", ORG);
        for (path, text) in shuffled(files.clone(), seed) {
            write(dir.path(), path.to_str().expect("UTF-8"), text);
        }
        for threads in ["1", "2", "8"] {
            let runs: Vec<Outputs> = FORMATS
                .iter()
                .map(|(args, _)| {
                    let out =
                        support::command(dir.path(), args, &[("RAYON_NUM_THREADS", Some(threads))])
                            .output()
                            .expect("run orglint");
                    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
                    (support::code(&out), text(&out.stdout), text(&out.stderr))
                })
                .collect();
            outputs.push((format!("order {seed}, {threads} threads"), runs));
        }
    }
    let (_, first) = &outputs[0];
    assert!(
        first
            .iter()
            .all(|(code, out, _)| *code < 2 && !out.is_empty())
    );
    for (what, runs) in &outputs[1..] {
        for ((args, _), (a, b)) in FORMATS.iter().zip(first.iter().zip(runs)) {
            assert!(a == b, "{args:?} differs with {what}");
        }
    }
}
