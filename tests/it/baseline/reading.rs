//! A baseline that is not this org's, or not a baseline at all: a warning, or an error that says
//! where.

use super::*;

#[test]
fn a_baseline_of_another_org_gives_a_warning() {
    let dir = example_copy();
    write_baseline(dir.path());
    let text = read(dir.path(), BASELINE);
    let write =
        |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    let stderr_of = |name: &str| {
        let (_, _, stderr) = run(
            dir.path(),
            &["check", "--baseline", name, "--format", "short"],
            PLAIN,
        );
        stderr
    };
    // Another `[org]` name.
    write(
        "other-name.json",
        &text.replace("\"Northwind Mobility\"", "\"Acme <script>\\u202e\""),
    );
    assert_eq!(
        stderr_of("other-name.json"),
        "warning: the baseline `other-name.json`: it was written for the org `Acme <script>\\u{202e}`, not for `Northwind Mobility`: is it another org's baseline?\n"
    );
    // None of its files is in the tree.
    let elsewhere = text
        .replace("\"file\": \"", "\"file\": \"elsewhere/")
        .replace("\"fingerprint\": \"", "\"fingerprint\": \"0");
    let elsewhere = elsewhere.replace("\"org\": \"Northwind Mobility\"", "\"org\": null");
    let elsewhere = cut_fingerprints(&elsewhere);
    write("elsewhere.json", &elsewhere);
    assert_eq!(
        stderr_of("elsewhere.json"),
        "warning: the baseline `elsewhere.json`: none of the 6 files it names is in this tree: is it another org's baseline?\n"
    );
    // Its files are here, but no fingerprint matches.
    let nothing = cut_fingerprints(&text.replace("\"fingerprint\": \"", "\"fingerprint\": \"0"));
    write("nothing.json", &nothing);
    assert_eq!(
        stderr_of("nothing.json"),
        "warning: the baseline `nothing.json`: none of its 14 entries in this run's scope matches any of the run's 14 findings: is it another org's baseline, or from before the findings changed?\n"
    );
    // Rules this orglint does not have.
    write(
        "renamed.json",
        &text.replace(
            "\"rule\": \"lead-not-member\"",
            "\"rule\": \"lead-not-a-member\"",
        ),
    );
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "--baseline", "renamed.json", "--format", "short"],
        PLAIN,
    );
    assert_eq!(code, 0, "the fingerprint still matches: {stdout}");
    assert_eq!(
        stderr,
        "warning: the baseline `renamed.json`: 1 entry of it name rules this orglint does not have (`lead-not-a-member`); they match nothing: rewrite it with `--write-baseline`\n"
    );
    // Its own baseline: no warning.
    assert_eq!(stderr_of(BASELINE), "");
}

/// `text` with each fingerprint (after the `0` put in front) cut back to 16 digits.
fn cut_fingerprints(text: &str) -> String {
    text.lines()
        .map(|l| match l.split_once("\"fingerprint\": \"") {
            Some((head, rest)) => format!("{head}\"fingerprint\": \"{}\",\n", &rest[..16]),
            None => format!("{l}\n"),
        })
        .collect()
}

#[test]
fn a_malformed_or_unreadable_baseline_is_an_error_that_says_where() {
    let dir = example_copy();
    write_baseline(dir.path());
    let text = read(dir.path(), BASELINE);
    let cases: &[(&str, String)] = &[
        (
            "not-json.json",
            "{\n  \"version\": 1,\n  oops\n}\n".to_owned(),
        ),
        (
            "version.json",
            text.replace("\"version\": 1", "\"version\": 2"),
        ),
        ("no-version.json", "{\"findings\": []}\n".to_owned()),
        (
            "bad-fingerprint.json",
            text.replacen("\"fingerprint\": \"", "\"fingerprint\": \"x", 1),
        ),
        (
            "unknown-key.json",
            text.replacen("\"rule\":", "\"rules\":", 1),
        ),
        (
            "other-tool.json",
            text.replace("\"tool\": \"orglint\"", "\"tool\": \"ruff\""),
        ),
        ("empty.json", String::new()),
    ];
    let mut all = String::new();
    for (name, text) in cases {
        std::fs::write(dir.path().join(name), text).expect("write");
        let (code, out) = transcript(
            dir.path(),
            &["check", "--baseline", name, "--format", "short"],
        );
        assert_eq!(code, 2, "{out}");
        all.push_str(&format!("== {name}\n{out}"));
    }
    // A JSON report is not a baseline.
    let (_, report, _) = run(dir.path(), &["check", "--format", "json"], PLAIN);
    std::fs::write(dir.path().join("report.json"), report).expect("write");
    for name in ["report.json", "missing.json", "teams"] {
        let (code, out) = transcript(dir.path(), &["check", "--baseline", name]);
        assert_eq!(code, 2, "{out}");
        all.push_str(&format!("== {name}\n{out}"));
    }
    insta::assert_snapshot!("malformed", all);
}
