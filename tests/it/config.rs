//! Mistakes in `orglint.toml` as the user sees them: each apart with its own snippet, long
//! values and long lines cut around the label, a lone CR, a key past the recursion limit, and a
//! verdict that says nothing was checked.

use crate::support;

use crate::support::headers;

const ORG: &str = "[org]\nname = \"Acme\"\nleadership = [\"ceo\"]\n\n[[person]]\nid = \"ceo\"\nname = \"C\"\nrole = \"ceo\"\n\n";

/// Runs `orglint check` in `dir` with `args`: stdout and stderr.
fn run(dir: &std::path::Path, args: &[&str]) -> (String, String) {
    let (_, stdout, stderr) = support::run(dir, &[&["check"], args].concat(), &[]);
    (stdout, stderr)
}

/// A tree of one small org file and `config` as its `orglint.toml` (if any).
fn tree(org: &str, config: Option<&str>) -> tempfile::TempDir {
    let dir = support::tree(&[("org.toml", org)]);
    if let Some(config) = config {
        support::write(dir.path(), "orglint.toml", config);
    }
    dir
}

/// What `orglint check --color never .` writes to stderr in a tree of one person and `config` as
/// its `orglint.toml`.
fn config_stderr(config: &str) -> String {
    let org = "[[person]]\nid = \"a\"\nname = \"A\"\nrole = \"cto\"\n";
    let dir = tree(org, Some(config));
    run(dir.path(), &["--color", "never", "."]).1
}

#[test]
fn a_100_kb_name_in_a_suppression_or_the_config_gives_short_lines() {
    let long = "a".repeat(100_000);
    let configs = [
        format!("[rules]\n\"{long}\" = \"off\"\n"),
        format!("[rules]\nteam-size = \"{long}\"\n"),
        format!("[rules]\nteam-size = {{ level = \"{long}\" }}\n"),
        format!("[rules]\ndivergent-tooling = {{ keys = [\"{long}\"] }}\n"),
        format!("[roles]\n\"{long}\" = [\"x\"]\n"),
        format!("[roles]\nml = [\"{long}\", 3]\n"),
        format!("[files]\nexclude = [\"{long}[\"]\n"),
    ];
    let mut cases: Vec<(String, Option<String>)> = configs
        .into_iter()
        .map(|c| (ORG.to_owned(), Some(c)))
        .collect();
    cases.push((format!("# orglint: allow({long}) -- r\n{ORG}"), None));
    for (org, config) in &cases {
        let dir = tree(org, config.as_deref());
        for format in ["human", "short", "json"] {
            let (stdout, stderr) = run(dir.path(), &["--format", format, "--color", "never", "."]);
            for line in stdout.lines().chain(stderr.lines()) {
                assert!(
                    line.len() < 1024,
                    "{format}, {} bytes: {}…",
                    line.len(),
                    &line[..200]
                );
            }
            assert!(stdout.len() + stderr.len() > 0);
        }
    }
}

#[test]
fn a_lone_cr_in_the_config_keeps_the_header_at_the_place_of_the_message() {
    // toml reports the character after the lone CR: line 2, column 5 (`b`), as the line index
    // counts. miette, handed the raw lines, counted the CR as a line break and lost the line of
    // context before.
    let stderr = config_stderr("[rules]\n# a\rb\nteam-sise = \"off\"\n");
    assert_eq!(headers(&stderr), ["orglint.toml:2:5"], "{stderr}");
    assert!(
        stderr.contains(" 1 │ [rules]\n 2 │ # a\\u{d}b\n"),
        "{stderr}"
    );
    assert!(stderr.contains("carriage return"), "{stderr}");
}

#[test]
fn a_config_line_too_long_to_draw_is_located_on_a_line_of_its_own() {
    let roles: Vec<String> = (0..300).map(|i| format!("\"r{i}\"")).collect();
    // The mistake spans several lines, one over 1,000 bytes: too long to draw. (A long line that
    // holds all of a label is cut around it instead.)
    let config = format!("[rules]\nteam-size = [\n  {},\n]\n", roles.join(", "));
    let stderr = config_stderr(&config);
    assert!(
        stderr.contains("of options\n  │ at orglint.toml:2:13 (the line is too long to show)\n"),
        "{stderr}"
    );
}

#[test]
fn a_long_config_line_is_cut_around_its_label() {
    let roles: Vec<String> = (0..300).map(|i| format!("\"r{i}\"")).collect();
    let config = format!("[roles]\nml = []\nmagic = [{}]\n", roles.join(", "));
    let stderr = config_stderr(&config);
    assert!(
        stderr.contains(" 3 │ magic = [\"r0\", \"r1\", "),
        "{stderr}"
    );
    assert!(stderr.lines().all(|l| l.chars().count() <= 80), "{stderr}");
}

#[test]
fn a_config_key_past_the_recursion_limit_is_located_at_its_line() {
    let key = vec!["a"; 200].join(".");
    let config = format!("[rules]\nteam-size = \"warn\"\n{key} = 1\n");
    let stderr = config_stderr(&config);
    // The part past toml's limit of 80: column 2 * 80 + 1.
    assert_eq!(headers(&stderr), ["orglint.toml:3:161"], "{stderr}");
    assert!(stderr.contains("recursion limit"), "{stderr}");
}

/// Item 23: configuration diagnostics are separated by blank lines, and the verdict starts with
/// `error:` like every other error of orglint's own.
#[test]
fn configuration_mistakes_are_apart_and_the_verdict_says_error() {
    let tree = support::tree(&[
        ("org.toml", ORG),
        (
            "orglint.toml",
            "[rules]\nteam-sillo = \"off\"\nteam-size = \"loud\"\n",
        ),
    ]);
    let run = support::output(tree.path(), &["check"], support::NO_COLOR);
    let stderr = support::utf8(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.ends_with("\n\nerror: orglint.toml has 2 mistakes; nothing was checked\n"),
        "{stderr}"
    );
    let second = stderr.find("unknown level").expect("second mistake");
    let first_help = stderr.find("did you mean").expect("first mistake's help");
    let between = &stderr[first_help..second];
    assert!(
        between.contains("\n\n"),
        "no blank line between: {between:?}"
    );
}
