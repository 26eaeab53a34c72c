//! Messages name user values safely: a huge value is cut with `…`, an empty or odd id is quoted, never printed bare.

use crate::support;

use std::collections::BTreeSet;

use crate::support::{lint_snippet, output, tree, utf8};
use orglint::Report;
const SHOWN_CHARS: usize = 80;

/// Every text of every finding (message, label, help, related messages), with its rule.
fn texts(report: &Report) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for f in &report.findings {
        out.push((f.rule.name, f.message.clone()));
        out.extend(f.label.clone().map(|l| (f.rule.name, l)));
        out.extend(f.help.clone().map(|h| (f.rule.name, h)));
        out.extend(f.related.iter().map(|r| (f.rule.name, r.message.clone())));
    }
    out
}

/// The messages of `rule`.
fn messages(report: &Report, rule: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn a_megabyte_kind_is_a_short_line_in_short() {
    let kind = "k".repeat(1 << 20);
    let org = format!(
        concat!(
            crate::tiny_org!(),
            "\n[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"{kind}\"\nlead = \"ada\"\nmembers = [\"ada\", \"ada\"]\n"
        ),
        kind = kind,
    );
    let dir = tree(&[("org.toml", org)]);
    let out = output(
        dir.path(),
        &["check", "--format", "short"],
        support::NO_COLOR,
    );
    let stdout = utf8(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("[invalid-value]"))
        .unwrap_or_else(|| panic!("no invalid-value line in:\n{stdout}"));
    assert!(line.len() < 1024, "a {}-byte line", line.len());
    let shown = format!("`{}…`", "k".repeat(SHOWN_CHARS - 1));
    assert!(line.ends_with(&format!(", not {shown}")), "{line}");
    assert!(stdout.lines().all(|l| l.len() < 1024));
}

#[test]
fn long_values_are_cut_in_every_message_label_help_and_related_place() {
    let long = |c: char| c.to_string().repeat(10_000);
    let (id, name, role, item, tool, key) = (
        long('p'),
        long('N'),
        long('r'),
        long('o'),
        long('v'),
        long('x'),
    );
    let org = format!(
        r#"[org]
name = "{name}"
leadership = ["ada"]

[org.standards]
tracking = "mlflow"

[[person]]
id = "ada"
name = "Ada"
role = "cto"

[[person]]
id = "bo"
name = "Bo"
role = "ml-engineer"

[[person]]
id = "{id}"
name = "P"
role = "ml-engineer"
reports_to = "{id}"

[[person]]
id = "{id}"
name = "P again"
role = "{role}"

[[team]]
id = "big"
name = "{name}"
kind = "feature"
lead = "{id}"
members = ["ada", "bo"]
owns = ["{item}"]
{key} = 1

[team.tooling]
tracking = "{tool}"

[[team]]
id = "other"
name = "Other"
kind = "feature"
lead = "ada"
members = ["ada"]
owns = ["{item}"]
syncs_with = ["big"]
"#
    );
    let report = lint_snippet(&org);
    let fired: BTreeSet<&str> = report.findings.iter().map(|f| f.rule.name).collect();
    for rule in [
        "divergent-tooling",
        "invalid-value",
        "overlapping-ownership",
        "reporting-cycle",
        "team-silo",
        "unknown-field",
        "unknown-role",
    ] {
        assert!(fired.contains(rule), "{rule} did not fire: {fired:?}");
    }
    // Each text names at most a few values, each cut to SHOWN_CHARS characters.
    let too_long: Vec<_> = texts(&report)
        .into_iter()
        .filter(|(_, t)| t.chars().count() > 4 * SHOWN_CHARS + 200)
        .map(|(rule, t)| format!("{rule}: {} chars: {}…", t.len(), &t[..120]))
        .collect();
    assert!(too_long.is_empty(), "{}", too_long.join("\n"));
    let cut_id = format!("`{}…`", "p".repeat(SHOWN_CHARS - 1));
    assert_eq!(
        messages(&report, "reporting-cycle"),
        [format!("{cut_id} reports to themself")]
    );
    // An id this long is malformed, so it is `invalid-value` and neither `duplicate-id` nor
    // `lead-not-member` (one mistake, one finding); a valid id is never long enough to be cut.
    for rule in ["duplicate-id", "lead-not-member"] {
        assert!(messages(&report, rule).is_empty(), "{rule}");
    }
}

/// A tree whose ids are empty or blank, each firing a rule that names it.
const BLANK_IDS: &str = concat!(
    crate::tiny_org!(),
    r#"
[[person]]
id = ""
name = "Nobody"
role = "ml-engineer"

[[person]]
id = ""
name = "Nobody again"
role = "ml-engineer"

[[person]]
id = " "
name = "Blank"
role = "mystery"
reports_to = " "

[[person]]
id = "two words"
name = "Two"
role = "ml-engineer"

[[team]]
id = "long"
name = "Long"
kind = "feature"
lead = ""
members = ["ada"]
syncs_with = ["  "]

[[team]]
id = "  "
name = ""
kind = "platform"
lead = "ada"
members = ["ada"]
"#
);

#[test]
fn empty_and_blank_ids_are_quoted_never_bare() {
    let report = lint_snippet(BLANK_IDS);
    let expect = |rule: &str, want: &[&str]| {
        assert_eq!(messages(&report, rule), want, "{rule}");
    };
    // A malformed id is `invalid-value` only: what it names is not looked at (one mistake, one
    // finding), so it is never a lead out of `members`, a duplicate or an orphan.
    expect("lead-not-member", &[]);
    expect("duplicate-id", &[]);
    expect("orphan-person", &[]);
    expect("reporting-cycle", &["` ` reports to themself"]);
    expect(
        "unknown-role",
        &["` `'s role `mystery` is in no role category"],
    );
    expect(
        "team-size",
        &[
            "team Long has 1 member, fewer than the minimum of 2",
            r#"team "" has 1 member, fewer than the minimum of 2"#,
        ],
    );
    // Nothing anywhere starts with a blank or has a value-sized hole in it.
    for (rule, text) in texts(&report) {
        assert!(
            !text.starts_with(' ') && !text.contains("  ") || text.contains("`  `"),
            "{rule}: {text:?}"
        );
    }
}

#[test]
fn cycles_through_odd_ids_quote_each_one() {
    let report = lint_snippet(concat!(
        crate::tiny_org!(),
        r#"
[[person]]
id = "a b"
name = "A"
role = "cto"
reports_to = ""

[[person]]
id = ""
name = "E"
role = "cto"
reports_to = "a b"

[[team]]
id = "  "
name = "Blank"
kind = "platform"
lead = "ada"
members = ["ada", "ada"]
parent = "  "
"#
    ));
    assert_eq!(
        messages(&report, "reporting-cycle"),
        [r#"`reports_to` forms a cycle: "" → `a b` → """#]
    );
    assert_eq!(
        messages(&report, "team-cycle"),
        ["team `  ` is its own parent"]
    );
    let cycle = report
        .findings
        .iter()
        .find(|f| f.rule == "reporting-cycle")
        .expect("reporting-cycle");
    assert_eq!(cycle.label.as_deref(), Some(r#""" reports to `a b`"#));
    let related: Vec<&str> = cycle.related.iter().map(|r| r.message.as_str()).collect();
    assert_eq!(related, [r#"`a b` reports to """#]);
}
