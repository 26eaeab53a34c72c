//! The human and short reports: nothing from a file reaches the terminal raw, snippets stay small
//! and cut to the width, headers name the severity and the rule.

use crate::support;

use std::path::Path;

use crate::support::{headers, strip_sgr, tree, utf8, write};

/// Runs `orglint ARGS` in `dir`, colour left to the flags; returns stdout and stderr, as bytes.
fn run(dir: &Path, args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let out = support::output(dir, args, &[("NO_COLOR", None)]);
    (out.stdout, out.stderr)
}

/// What `orglint ARGS` in `dir` writes to stdout.
fn report(dir: &Path, args: &[&str]) -> String {
    utf8(&run(dir, args).0)
}

const ORG: &[u8] = crate::tiny_org!().as_bytes();

/// Characters that must never reach a terminal raw: they move the cursor, start escape
/// sequences (U+009B is a one-character CSI), reorder or hide text.
const HOSTILE: &[char] = &[
    '\u{7}', '\u{0}', '\r', '\u{7f}', '\u{85}', '\u{9b}', '\u{202a}', '\u{202e}', '\u{2066}',
    '\u{2069}', '\u{200b}', '\u{200d}', '\u{200f}', '\u{61c}', '\u{2060}', '\u{feff}',
];

/// Fails when `out` holds a raw control, bidi or zero-width character, or a line that starts
/// like a forged finding.
fn assert_clean(what: &str, out: &[u8]) {
    let text = String::from_utf8(out.to_vec()).unwrap_or_else(|_| panic!("{what}: not UTF-8"));
    let text = strip_sgr(&text);
    for c in text.chars() {
        assert!(
            c == '\n' || !(c.is_control() || HOSTILE.contains(&c)),
            "{what}: raw {:?} in\n{text}",
            c
        );
    }
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("fake.toml"),
            "{what}: a forged line: {line}"
        );
    }
    assert!(!text.contains("\u{1b}"), "{what}: raw ESC in\n{text}");
}

/// Every output of `orglint check` in `dir` that a terminal or CI log sees.
fn assert_every_output_clean(dir: &Path) {
    for args in [
        &["check", "--color", "never"][..],
        &["check", "--color", "always"][..],
        &["check", "--format", "short", "--color", "always"][..],
    ] {
        let (stdout, stderr) = run(dir, args);
        assert!(!stdout.is_empty(), "{args:?}: no report");
        assert_clean(&format!("{args:?} stdout"), &stdout);
        assert_clean(&format!("{args:?} stderr"), &stderr);
    }
}

#[test]
fn source_lines_of_an_invalid_toml_snippet_are_escaped() {
    // Raw ESC/BEL (OSC title, clear screen), a C1 CSI, bidi overrides and a zero-width space:
    // not valid TOML, so the line is shown in an `invalid-toml` snippet.
    let dir = tree(&[
        ("org.toml", ORG),
        (
            "people/bad.toml",
            "[[person]]\nid = \"x\"\nname = \"\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{2066}\u{200b}\"\n"
                .as_bytes(),
        ),
    ]);
    let text = report(dir.path(), &["check", "--color", "never"]);
    assert!(text.contains("invalid-toml"), "{text}");
    assert!(text.contains(r"\u{1b}]0;PWNED\u{7}\u{1b}[2J"), "{text}");
    assert_every_output_clean(dir.path());
}

#[test]
fn bidi_zero_width_and_c1_characters_in_strings_are_escaped() {
    // Valid TOML: strings may hold these characters (and escapes of any control).
    let dir = tree(&[
        ("org.toml", ORG),
        (
            "people/bob.toml",
            "[[person]]\nid = \"bob\u{202e}\u{200b}\\u009b2J\\u0085\"\nname = \"B\u{2067}\u{feff}\u{200d}\"\nrole = \"\u{61c}x\u{200e}\\u001b[2J\"\nreports_to = \"ada\"\n"
                .as_bytes(),
        ),
    ]);
    let text = report(dir.path(), &["check", "--format", "short"]);
    assert!(
        text.contains(r"bob\u{202e}\u{200b}\u{9b}2J\u{85}"),
        "{text}"
    );
    assert_every_output_clean(dir.path());
}

#[test]
fn labels_stay_under_their_values_after_workflow_commands_are_escaped() {
    let team = "[[team]]\nid = \"f\"\nname = \"F\"\nkind = \"platform\"\nlead = \"ada\"\n\
                members = [\"ada\"]\nsyncs_with = [\"##[a]###[b]\", \"zed\"]\n";
    let dir = tree(&[("org.toml", ORG), ("t.toml", team.as_bytes())]);
    let text = report(dir.path(), &["check", "--select", "unknown-reference"]);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("syncs_with = ["))
        .expect("the snippet");
    let (source, label) = (lines[at], lines[at + 1]);
    assert!(
        source.ends_with(r##"["#\u{23}[a]##\u{23}[b]", "zed"]"##),
        "{text}"
    );
    // Every character before them is one column wide: counting characters counts columns.
    let column = |line: &str, what: &str| line[..line.find(what).expect(what)].chars().count();
    assert_eq!(column(source, "\"zed\""), column(label, "─"), "{text}");
}

#[test]
fn a_file_name_cannot_forge_a_finding_line() {
    let dir = tree(&[("org.toml", ORG)]);
    let person =
        b"[[person]]\nid = \"bob\"\nname = \"Bob\"\nrole = \"juggler\"\nreports_to = \"ada\"\n";
    write(
        dir.path(),
        "evil\nfake.toml:1:1: error[x] injected\n.toml",
        person,
    );
    write(
        dir.path(),
        "people/\u{1b}]0;PWNED\u{7}\u{202e}.toml",
        person,
    );
    let text = report(dir.path(), &["check", "--format", "short"]);
    assert!(
        text.contains(r"evil\u{a}fake.toml:1:1: error[x] injected\u{a}.toml:"),
        "{text}"
    );
    assert_every_output_clean(dir.path());
}

#[test]
fn configuration_errors_on_stderr_are_escaped() {
    // An escaped control character in a rule name: valid TOML, an unknown rule.
    let dir = tree(&[
        ("org.toml", ORG),
        (
            "orglint.toml",
            b"[rules]\n\"\\u001b]0;PWNED\\u0007\\u009b\\u202e\" = \"warn\"\n",
        ),
    ]);
    let (_, stderr) = run(dir.path(), &["check", "--color", "always"]);
    let text = utf8(&stderr);
    assert!(text.contains("unknown rule"), "{text}");
    assert_clean("config message", &stderr);
    // Raw bytes: invalid TOML, whose line the snippet shows.
    write(
        dir.path(),
        "orglint.toml",
        "[rules]\nx = \"\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}\u{202e}\"\n".as_bytes(),
    );
    for color in ["always", "never"] {
        let (_, stderr) = run(dir.path(), &["check", "--color", color]);
        let text = utf8(&stderr);
        assert!(text.contains("not valid TOML"), "{text}");
        assert!(text.contains(r"\u{1b}]0;PWNED"), "{text}");
        assert_clean("config snippet", &stderr);
    }
}

#[test]
fn escaped_lines_keep_labels_under_their_text() {
    // A label after escaped characters on its line still points at its value.
    let report = support::lint_snippet(
        "[org]\nname = \"T\"\nleadership = [\"ada\"]\n\n[[person]]\nid = \"ada\"\nname = \"A\"\nrole = \"cto\"\n\n[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\", \"\u{202e}\u{200b}\", \"nobody\"]\n",
    );
    let text = support::human(&report);
    assert!(
        text.contains(r#"["ada", "\u{202e}\u{200b}", "nobody"]"#),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    let message = lines
        .iter()
        .position(|l| l.contains("names nobody"))
        .expect("the finding about nobody");
    let at = message
        + lines[message..]
            .iter()
            .position(|l| l.contains("\"nobody\""))
            .expect("its line");
    let col = lines[at][..lines[at].find("\"nobody\"").expect("value")]
        .chars()
        .count();
    let under = lines[at + 1]
        .chars()
        .position(|c| c == '─' || c == '┬')
        .expect("underline");
    assert_eq!(col, under, "{text}");
}

#[test]
fn a_lone_cr_gives_the_same_line_and_column_in_every_format() {
    let dir = tree(&[
        ("org.toml", ORG),
        (
            "people/cr.toml",
            b"[[person]]\nid = \"bob\"\nname = \"Bob\"\nrole = \"x\"\r\"\nreports_to = \"ada\"\n",
        ),
    ]);
    let (json, _) = run(dir.path(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    let want: Vec<String> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"] == "people/cr.toml")
        .map(|d| format!("people/cr.toml:{}:{}", d["line"], d["column"]))
        .collect();
    assert!(!want.is_empty());
    let human = report(dir.path(), &["check", "--color", "never"]);
    let got: Vec<String> = headers(&human)
        .into_iter()
        .filter(|h| h.starts_with("people/cr.toml"))
        .collect();
    assert_eq!(got, want, "{human}");
    let short = report(dir.path(), &["check", "--format", "short"]);
    for w in &want {
        assert!(short.contains(&format!("{w}: ")), "{short}");
    }
    assert!(human.contains(r"\u{d}"), "{human}");
}

/// A `reports_to` chain of `n` people in one file whose top is the last person, as
/// `benches/gen/chain.py` writes it.
fn chain(n: usize) -> String {
    let id = |i: usize| format!("p{i:05}");
    let mut s = format!(
        "[org]\nname = \"Chain\"\nleadership = [\"{}\"]\n\n",
        id(n - 1)
    );
    for i in 0..n {
        s.push_str(&format!(
            "[[person]]\nid = \"{}\"\nname = \"P\"\nrole = \"software-engineer\"\n",
            id(i)
        ));
        if i + 1 < n {
            s.push_str(&format!("reports_to = \"{}\"\n", id(i + 1)));
        }
        s.push('\n');
    }
    s
}

#[test]
fn the_human_report_is_linear_in_its_findings() {
    let report = support::lint_snippet(&chain(2000));
    let depth = report
        .findings
        .iter()
        .filter(|f| f.rule == "management-depth")
        .count();
    // At most 100 findings of a rule are shown per file (the rest are one that counts them), and
    // each of those would draw the ~2,000 lines down to the top of the chain before the fix.
    assert!(depth > 100, "{depth}");
    let text = support::human(&report);
    let lines = text.lines().count();
    // Before the fix: every finding drew the lines down to the top of the chain (200 k lines here).
    assert!(
        lines < 25 * report.findings.len(),
        "{lines} lines for {} findings",
        report.findings.len()
    );
    // No snippet draws more than a few lines between its labels.
    let mut run = 0;
    for line in text.lines() {
        if line.contains(" │ ") && line.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            run += 1;
            assert!(run <= 2 + 3 + 3, "a long snippet:\n{line}");
        } else if !line.trim_start().starts_with('·') {
            run = 0;
        }
    }
}

#[test]
fn headers_name_the_severity_and_the_rule() {
    let report = support::lint_snippet(
        "[org]\nname = \"T\"\nleadership = [\"ada\"]\n\n[[person]]\nid = \"ada\"\nname = \"A\"\nrole = \"juggler\"\n\n[[person]]\nid = \"ada\"\nname = \"B\"\nrole = \"cto\"\n",
    );
    let text = support::human(&report);
    assert!(
        text.contains("warning[unknown-role] (orglint explain unknown-role)"),
        "{text}"
    );
    assert!(
        text.contains("error[duplicate-id] (orglint explain duplicate-id)"),
        "{text}"
    );
}

#[test]
fn cut_related_places_are_counted() {
    let mut toml = String::from(
        "[org]\nname = \"T\"\nleadership = [\"boss\"]\n\n[[person]]\nid = \"boss\"\nname = \"B\"\nrole = \"cto\"\n",
    );
    for i in 0..14 {
        toml.push_str(&format!(
            "\n[[person]]\nid = \"r{i}\"\nname = \"R\"\nrole = \"software-engineer\"\nreports_to = \"boss\"\n"
        ));
    }
    let report = support::lint_snippet(&toml);
    let text = support::human(&report);
    // span-of-control lists 3 of the 14 reports.
    assert!(
        text.contains("and 11 more related places not shown"),
        "{text}"
    );
}

#[test]
fn wide_lines_are_cut_around_the_label() {
    let members: Vec<String> = (0..60).map(|i| format!("\"m{i:02}\"")).collect();
    let mut toml = String::from(
        "[org]\nname = \"T\"\nleadership = [\"ada\"]\n\n[[person]]\nid = \"ada\"\nname = \"A\"\nrole = \"cto\"\n\n[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ada\"\n",
    );
    toml.push_str(&format!("members = [\"ada\", {}]\n", members.join(", ")));
    let report = support::lint_snippet(&toml);
    let text = support::human(&report);
    assert!(text.contains("m45"), "{text}");
    for line in text.lines().filter(|l| l.contains(" │ ")) {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    assert!(!text.contains("\"m00\", \"m01\", \"m02\", \"m03\", \"m04\", \"m05\", \"m06\", \"m07\", \"m08\", \"m09\""), "{text}");
    // The label on "m45" sits under it.
    let lines: Vec<&str> = text.lines().collect();
    let message = lines
        .iter()
        .position(|l| l.contains("names m45"))
        .expect("the finding about m45");
    let at = message
        + lines[message..]
            .iter()
            .position(|l| l.contains("\"m45\"") && l.contains('…'))
            .expect("a cut line showing m45");
    let value = lines[at].find("\"m45\"").expect("value");
    let prefix = lines[at][..value].chars().count();
    let under: usize = lines[at + 1]
        .chars()
        .position(|c| c == '─' || c == '┬')
        .expect("underline");
    assert_eq!(prefix, under, "{text}");
}

#[test]
fn a_line_too_long_to_draw_is_named_on_a_line_of_its_own() {
    let dir = tree(&[("org.toml", ORG)]);
    let long_dir = "a-rather-long-directory-name-for-teams-that-goes-on-and-on-and-on";
    let members: Vec<String> = (0..300).map(|i| format!("\"m{i:03}\"")).collect();
    // `name` is an array over three lines, one of them 2,400 bytes: a span too long to draw.
    write(
        dir.path(),
        &format!("{long_dir}/big.toml"),
        format!(
            "[[team]]\nid = \"t\"\nname = [\n  {},\n]\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\n",
            members.join(", ")
        )
        .as_bytes(),
    );
    let text = report(dir.path(), &["check", "--color", "never"]);
    let places: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("(the line is too long to show)"))
        .collect();
    assert!(!places.is_empty(), "{text}");
    for p in places {
        let p = p.trim_start_matches([' ', '│']);
        assert!(p.starts_with(&format!("at {long_dir}/big.toml:3:8")), "{p}");
    }
    for line in text.lines() {
        assert!(
            !line.contains("help:") || !line.contains("too long"),
            "{line}"
        );
    }
}

/// Item 12: a labelled line of any length is cut around its label (only the part around the
/// label is read), never printed whole and never only named in words.
#[test]
fn a_long_labelled_line_is_cut_around_the_label() {
    let dir = tree(&[("org.toml", ORG)]);
    let members: Vec<String> = (0..20_000).map(|i| format!("\"m{i:06}\"")).collect();
    write(
        dir.path(),
        "big.toml",
        format!(
            "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\", {}]\n",
            members.join(", ")
        )
        .as_bytes(),
    );
    let text = report(
        dir.path(),
        &["check", "--color", "never", "--select", "unknown-reference"],
    );
    assert!(!text.contains("too long to show"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80));
    // The 100th unknown member, m000099, at column 19 + 99 * 11: drawn under its label.
    let block = text
        .split("\n\n")
        .find(|b| b.contains("names m000099,"))
        .expect("the finding");
    assert!(block.contains("╭─[big.toml:6:1108]"), "{block}");
    assert!(block.contains(" 6 │ …"), "{block}");
    assert!(
        block.contains("\"m000098\", \"m000099\", \"m000100\""),
        "{block}"
    );
}

#[test]
fn printable_escapes_every_unsafe_class_and_is_idempotent() {
    use orglint::render::printable;
    for c in HOSTILE
        .iter()
        .chain(&['\u{1b}', '\t', '\n', '\u{9f}', '\u{2028}'])
    {
        let s = format!("a{c}b");
        let shown = printable(&s);
        assert_eq!(shown, format!("a{}b", c.escape_unicode()), "{c:?}");
        assert_eq!(printable(&shown), shown);
    }
    assert_eq!(printable("zoë → ok"), "zoë → ok");
}

/// The text drawn above each underline of `text`: for every numbered source line followed by a
/// `·` line, each run of underline characters on it and the source characters in its columns
/// (display columns, as a terminal shows them).
fn underlined(text: &str) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for pair in lines.windows(2) {
        let (source, under) = (pair[0], pair[1]);
        let numbered = source.contains(" │ ")
            && source
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
        if !numbered || !under.trim_start().starts_with('·') {
            continue;
        }
        // The display column each source character starts at.
        let mut col = 0;
        let cells: Vec<(usize, char)> = source
            .chars()
            .map(|c| {
                let at = col;
                col += c.width().unwrap_or(0);
                (at, c)
            })
            .collect();
        let mut col = 0;
        let mut run: Option<(usize, usize)> = None;
        let mut runs = Vec::new();
        for c in under.chars().chain([' ']) {
            if matches!(c, '─' | '┬' | '▲' | '┴') {
                run = Some((run.map_or(col, |r| r.0), col + 1));
            } else if let Some(r) = run.take() {
                runs.push(r);
            }
            col += c.width().unwrap_or(0);
        }
        for (from, to) in runs {
            found.push(
                cells
                    .iter()
                    .filter(|(at, _)| (from..to).contains(at))
                    .map(|&(_, c)| c)
                    .collect(),
            );
        }
    }
    found
}

/// Two labels of one finding on one line, further apart than the output is wide: each is drawn
/// under its own text (separate snippets), neither pinned to the window's edge.
#[test]
fn far_apart_labels_on_one_line_each_sit_under_their_own_text() {
    let report = support::lint_snippet(&format!(
        "person = [{{id=\"a\",name=\"A\",role=\"ceo\"}}, {{id=\"b\",name=\"{}\",role=\"ceo\"}}, {{id=\"a\",name=\"A\",role=\"ceo\"}}]\n",
        "x".repeat(3000)
    ));
    let text = support::human(&report);
    let block = &text[text.find("error[duplicate-id]").expect("the finding")..];
    let block = &block[..block.find(" errors, ").expect("the summary")];
    assert!(block.contains("this person reuses it"), "{text}");
    assert!(block.contains("person a is first defined here"), "{text}");
    assert_eq!(underlined(block), ["\"a\"", "\"a\""], "{text}");
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "too wide: {line}"
        );
    }
}

/// Wide characters count as the two columns a terminal gives them: a line of CJK names is cut to
/// the width, and the label at its end still sits under its text.
#[test]
fn wide_characters_are_cut_by_display_width() {
    let names: Vec<String> = (0..60)
        .map(|i| char::from_u32(0x4e00 + i).unwrap().to_string().repeat(3))
        .map(|n| format!("\"{n}\""))
        .collect();
    let report = support::lint_snippet(&format!(
        "[org]\nname = \"T\"\nleadership = [\"ada\"]\n\n[[person]]\nid = \"ada\"\nname = \"A\"\nrole = \"cto\"\n\n[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\", {}, \"nobody\"]\n",
        names.join(", ")
    ));
    let text = support::human(&report);
    assert!(text.contains("names nobody"), "{text}");
    // Every drawn source line (a label's text may still run past the width after its underline).
    for line in text.lines().filter(|l| l.contains(" │ ")) {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "too wide: {line}"
        );
    }
    assert!(
        underlined(&text).iter().any(|u| u == "\"nobody\""),
        "{text}"
    );
}

/// An org whose leadership is one software engineer, `ann`.
const ANN_ORG: &str = "[org]\nname = \"Acme\"\nleadership = [\"ann\"]\n\n[[person]]\nid = \"ann\"\nname = \"Ann\"\nrole = \"software-engineer\"\n";

/// Item 3: every output, JSON too, writes characters that drive or reorder a terminal as
/// escapes; the document stays valid and decodes to the same text.
#[test]
fn json_escapes_del_c1_bidi_and_zero_width_characters() {
    let hostile = "r\u{85}\u{9b}\u{202e}\u{2066}\u{200b}\u{feff}x";
    let tree = support::tree(&[("org.toml", ANN_ORG.replace("software-engineer", hostile))]);
    let run = support::output(
        tree.path(),
        &["check", "--format", "json"],
        support::NO_COLOR,
    );
    let json = utf8(&run.stdout);
    let raw: Vec<char> = json
        .chars()
        .filter(|&c| c != '\n' && orglint::render::is_unsafe(c))
        .collect();
    assert!(raw.is_empty(), "raw in JSON: {raw:?}");
    assert!(
        json.contains(r"r\u0085\u009b\u202e\u2066\u200b\ufeffx"),
        "{json}"
    );
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let messages: Vec<&str> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(messages.iter().any(|m| m.contains(hostile)), "{messages:?}");
}

/// Item 12: a long line next to a finding (a comment of 1,200 characters above it) is cut like
/// any line of context; it does not make the finding's own short line "too long to show".
#[test]
fn a_long_line_of_context_does_not_hide_the_snippet() {
    let comment = "c".repeat(1200);
    let tree = support::tree(&[(
        "org.toml",
        format!("[org]\nname = \"X\"\n# {comment}\nleadership = [\"ghost\"]\n# {comment}\n"),
    )]);
    let run = support::output(
        tree.path(),
        &["check", "--color", "never"],
        support::NO_COLOR,
    );
    let out = utf8(&run.stdout);
    assert!(!out.contains("too long to show"), "{out}");
    assert!(out.contains("╭─[org.toml:4:15]"), "{out}");
    assert!(out.contains(" 4 │ leadership = [\"ghost\"]"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
}
