//! Second review of issue 7: unknown-reference checking the references the field tables declare
//! gives the same suggestions as before, and entity attribution on tables written in odd ways.

mod common;

use std::path::Path;

use orglint::Report;

/// Lints `files` (relative to a root of their own) with every rule at its default level.
fn lint(files: &[(&str, &str)]) -> Report {
    common::lint_texts(Path::new("/ws"), files.iter().copied())
}

/// The help of the `unknown-reference` finding whose message starts with `start`.
fn help_of<'r>(report: &'r Report, start: &str) -> &'r str {
    report
        .findings
        .iter()
        .find(|f| f.rule.name == "unknown-reference" && f.message.starts_with(start))
        .unwrap_or_else(|| panic!("a finding `{start}...`"))
        .help
        .as_deref()
        .unwrap_or_default()
}

/// An org with team `t` (its `parent`, `lead` and `stakeholders` each one typo from an id), and
/// `dangling` people whose `reports_to` names no one (they are checked first).
fn near_misses(dangling: usize) -> Report {
    let mut text = String::from(concat!(
        tiny_org!(),
        "\n[[team]]\nid = \"teamy\"\nname = \"Y\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\n",
        "\n[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nparent = \"teamx\"\nlead = \"adc\"\n",
        "members = [\"ada\"]\nstakeholders = [\"teamz\"]\n",
    ));
    for i in 0..dangling {
        text.push_str(&format!(
            "\n[[person]]\nid = \"p{i}\"\nname = \"P\"\nrole = \"sre\"\nreports_to = \"adb\"\n"
        ));
    }
    lint(&[("org.toml", &text)])
}

const NO_TEAM: &str = "define a team with this id, or correct or remove the reference";

#[test]
fn a_team_s_references_take_suggestions_in_the_order_they_always_did() {
    // The rule gives at most 200 suggestions, to the first unknown references it checks: a team's
    // in the order `lead`, `members`, `parent`, `stakeholders`, ..., as when the rule listed the
    // keys itself, not in table order (`parent` first).
    let report = near_misses(199);
    assert_eq!(help_of(&report, "`lead` of team t"), "did you mean `ada`?");
    assert_eq!(help_of(&report, "`parent` of team t"), NO_TEAM);
    let report = near_misses(198);
    assert_eq!(help_of(&report, "`lead` of team t"), "did you mean `ada`?");
    assert_eq!(
        help_of(&report, "`parent` of team t"),
        "did you mean `teamy`?"
    );
    assert_eq!(help_of(&report, "`stakeholders` of team t"), NO_TEAM);
}

#[test]
fn a_rule_s_finding_in_an_entity_written_with_dotted_keys_is_that_entity_s() {
    let text = "org.name = \"T\"\norg.leadership = [\"ada\", \"ghost\"]\nperson.id = \"ada\"\n\
                person.name = \"A\"\nperson.role = \"cto\"\nperson.reports_to = \"nobody\"\n";
    let report = lint(&[("org.toml", text)]);
    let entities: Vec<(&str, String)> = report
        .findings
        .iter()
        .filter(|f| f.rule.name == "unknown-reference")
        .map(|f| {
            let entity = f
                .entity
                .as_ref()
                .map_or("-".to_owned(), ToString::to_string);
            (f.message.split(' ').next().unwrap_or_default(), entity)
        })
        .collect();
    assert_eq!(
        entities,
        [
            ("`leadership`", "org:T".to_owned()),
            ("`reports_to`", "person:ada".to_owned())
        ]
    );
}
