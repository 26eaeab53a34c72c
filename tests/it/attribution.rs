//! Which entity a finding lies in: a sub-table written after another entity, a table of dotted
//! keys, a rule's finding and a comment's finding in the table that holds them; and the findings
//! comments naming meta, unknown and unsuppressible rules get.

use crate::support;

use std::path::Path;

use orglint::{Baseline, Config, Report, Settings, Tree};

/// The suppression findings of `people` with `ignore` turned off: (rule, message), in order.
fn suppression_findings(people: &str, ignore: &[&str]) -> Vec<(&'static str, String)> {
    let root = Path::new("/ws");
    let ignore: Vec<String> = ignore.iter().map(|s| (*s).to_owned()).collect();
    let settings = Settings::new(Config::default(), &[], &ignore).expect("settings");
    let files = vec![
        (root.join("org.toml"), crate::tiny_org!().to_owned()),
        (root.join("people.toml"), people.to_owned()),
    ];
    let loaded = orglint::load_texts(files, root);
    let tree = Tree::new(root.to_path_buf(), settings.config());
    let report = orglint::lint(tree, loaded, &settings, None, &Baseline::default());
    report
        .findings
        .iter()
        .filter(|f| f.rule.name.ends_with("-suppression"))
        .map(|f| (f.rule.name, f.message.clone()))
        .collect()
}

#[test]
fn comments_naming_meta_unknown_and_unsuppressible_rules_get_the_findings_they_did() {
    // Bob's `allow(unused-suppression)` hides the unused `team-size` and `invalid-value` of his
    // scope (the comment above cy's header is still in it), so only cy's own is unused.
    let people = "# orglint: allow(invalid-toml, bogus-rule)\n[[person]]\nid = \"bob\" # orglint: allow(team-size, unused-suppression)\nname = \"Bob\"\nrole = \"sre\"\nreports_to = \"ada\"\n# orglint: allow(invalid-value)\n[[person]]\nid = \"cy\" # orglint: allow(unused-suppression)\nname = \"Cy\"\nrole = \"sre\"\n";
    let expected = [
        ("invalid-suppression", "`invalid-toml` cannot be suppressed"),
        ("invalid-suppression", "`bogus-rule` is not a rule"),
        (
            "unused-suppression",
            "suppression of `unused-suppression` suppresses nothing here",
        ),
    ];
    let expected: Vec<(&str, String)> = expected
        .iter()
        .map(|(r, m)| (*r, (*m).to_owned()))
        .collect();
    assert_eq!(suppression_findings(people, &[]), expected);
    // Off, a meta rule reports nothing; the other still does.
    assert_eq!(
        suppression_findings(people, &["unused-suppression"]),
        expected[..2].to_vec()
    );
    assert_eq!(
        suppression_findings(people, &["invalid-suppression"]),
        expected[2..].to_vec()
    );
}

/// The entity each finding of `rule` lies in, as `kind:id`.
fn entities_of(report: &Report, rule: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.name == rule)
        .map(|f| {
            f.entity
                .as_ref()
                .map_or("none".to_owned(), |e| e.to_string())
        })
        .collect()
}

#[test]
fn a_sub_table_written_after_another_entity_still_belongs_to_its_own() {
    // `[org.standards]` after a person, and a person's sub-table after a team: TOML puts each in
    // its own entity's table, and so do the messages ("in person bob"), but `Finding::entity`
    // (and the README's "a sub-table belongs to its entity") says the entity written just above.
    let org = "[org]\nname = \"Tiny\"\nleadership = [\"ada\"]\n\n[[person]]\nid = \"ada\"\nname = \"Ada\"\nrole = \"cto\"\n\n[org.standards]\nci_cd = 1\n";
    let people = "[person]\nid = \"bob\"\nname = \"Bob\"\nrole = \"sre\"\nreports_to = \"ada\"\n\n[[team]]\nid = \"core\"\nname = \"Core\"\nkind = \"platform\"\n\n[person.extra]\nx = 1\n";
    let report = support::lint_files(&[("org.toml", org), ("people.toml", people)]);
    assert_eq!(entities_of(&report, "invalid-value"), ["org:Tiny"]);
    assert_eq!(entities_of(&report, "unknown-field"), ["person:bob"]);
    // An item of an entity array that is not a table lies in no entity.
    let report = support::lint_files(&[
        ("org.toml", crate::tiny_org!()),
        (
            "people.toml",
            "person = [{ id = \"bob\", name = \"Bob\", role = \"sre\" }, 3]\n",
        ),
    ]);
    assert_eq!(entities_of(&report, "invalid-value"), ["none"]);
}

#[test]
fn a_rule_finding_and_a_comment_finding_lie_in_the_table_that_holds_them() {
    // The team's tooling is written after a person's table, and a comment that suppresses
    // nothing sits in it: both lie in the team (SPEC §3: the table that contains the line).
    let org = "[org]\nname = \"Tiny\"\nleadership = [\"ada\"]\n\n[org.standards]\nci_cd = \"github-actions\"\n";
    let teams = "[[team]]\nid = \"core\"\nname = \"Core\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\n\n[[person]]\nid = \"ada\"\nname = \"Ada\"\nrole = \"cto\"\n\n[team.tooling]\n# orglint: allow(empty-team) -- nothing to hide\nci_cd = \"jenkins\"\n";
    let report = support::lint_files(&[("org.toml", org), ("teams.toml", teams)]);
    assert_eq!(entities_of(&report, "divergent-tooling"), ["team:core"]);
    assert_eq!(entities_of(&report, "unused-suppression"), ["team:core"]);
    // Before the first table, a place lies in no entity.
    let report = support::lint_files(&[
        ("org.toml", org),
        (
            "teams.toml",
            &format!("# orglint: allow(empty-team)\n{teams}"),
        ),
    ]);
    assert_eq!(
        entities_of(&report, "unused-suppression"),
        ["none", "team:core"]
    );
}

#[test]
fn a_rule_s_finding_in_an_entity_written_with_dotted_keys_is_that_entity_s() {
    let text = "org.name = \"T\"\norg.leadership = [\"ada\", \"ghost\"]\nperson.id = \"ada\"\n\
                person.name = \"A\"\nperson.role = \"cto\"\nperson.reports_to = \"nobody\"\n";
    let report = support::lint_files(&[("org.toml", text)]);
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
