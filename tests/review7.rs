//! Review of issue 7: the engine's promises checked on inputs the other suites do not build (the
//! `lead-not-member` fix on every way of writing `members`, applied and re-linted as an editor or
//! `--fix` would).

mod common;

use std::path::Path;

use orglint::{Applicability, Baseline, Config, Report, Settings, Tree};

/// Lints `files` (relative to a root of their own) with every rule at its default level.
fn lint(files: &[(&str, &str)]) -> Report {
    common::lint_texts(Path::new("/ws"), files.iter().copied())
}

/// `text` with the edits of every fix of `report` applied, last first (they do not overlap).
fn apply_all(report: &Report, text: &str) -> String {
    let mut edits: Vec<_> = report
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|fix| fix.edits.iter())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_owned();
    for edit in edits {
        out.replace_range(edit.span.range(), &edit.replacement);
    }
    out
}

fn rules_of(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.rule.name).collect()
}

const PEOPLE: &str = "[[person]]\nid = \"bob\"\nname = \"Bob\"\nrole = \"sre\"\nreports_to = \"ada\"\n\n[[person]]\nid = \"cy\"\nname = \"Cy\"\nrole = \"sre\"\nreports_to = \"ada\"\n";

/// A team file whose team `core` is led by ada, with `members` written as `members`.
fn team(members: &str) -> String {
    format!(
        "[[team]]\nid = \"core\"\nname = \"Core\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = {members}\n"
    )
}

#[test]
fn the_lead_not_member_fix_gives_valid_toml_with_the_lead_in_members() {
    let cases = [
        "[\"bob\"]".to_owned(),
        "['bob', 'cy']".to_owned(),
        "[ ]".to_owned(),
        "[]".to_owned(),
        "[\n  \"bob\", # the first\n  # more later\n]".to_owned(),
        "[\n  \"bob\" # no comma\n]".to_owned(),
        "[\"bob\",]".to_owned(),
        "[\"\"\"bob\"\"\"]".to_owned(),
        "[\n]".to_owned(),
    ];
    for members in &cases {
        let text = team(members);
        let files = [
            ("org.toml", tiny_org!()),
            ("people.toml", PEOPLE),
            ("teams.toml", text.as_str()),
        ];
        let before = lint(&files);
        let lead = before
            .findings
            .iter()
            .find(|f| f.rule.name == "lead-not-member")
            .unwrap_or_else(|| panic!("lead-not-member for {members}"));
        let fix = lead
            .fix
            .as_ref()
            .unwrap_or_else(|| panic!("a fix for {members}"));
        assert_eq!(fix.applicability, Applicability::Safe);
        let fixed = apply_all(&before, &text);
        let after = lint(&[
            ("org.toml", tiny_org!()),
            ("people.toml", PEOPLE),
            ("teams.toml", fixed.as_str()),
        ]);
        let parsed: toml::Table = fixed.parse().unwrap_or_else(|e| panic!("{fixed}: {e}"));
        let listed: Vec<&str> = parsed["team"][0]["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|v| v.as_str().expect("a string"))
            .collect();
        assert_eq!(listed.last(), Some(&"ada"), "{members} -> {fixed}");
        // Only the finding fixed goes (and those about the team's size may change).
        let others = |r: &Report| -> Vec<&str> {
            rules_of(r)
                .into_iter()
                .filter(|r| !["lead-not-member", "team-size", "empty-team"].contains(r))
                .collect()
        };
        assert!(
            !rules_of(&after).contains(&"lead-not-member"),
            "{members} -> {fixed}"
        );
        assert_eq!(others(&after), others(&before), "{members} -> {fixed}");
    }
}

#[test]
fn the_lead_not_member_fix_works_in_inline_tables_and_for_two_teams_at_once() {
    let text = "team = [\n  { id = \"a\", name = \"A\", kind = \"platform\", lead = \"ada\", members = [\"bob\"] },\n  { id = \"b\", name = \"B\", kind = \"platform\", lead = \"ada\", members = [] },\n]\n";
    let files = [
        ("org.toml", tiny_org!()),
        ("people.toml", PEOPLE),
        ("teams.toml", text),
    ];
    let before = lint(&files);
    let fixes = before.findings.iter().filter(|f| f.fix.is_some()).count();
    assert_eq!(fixes, 2, "{:?}", rules_of(&before));
    let fixed = apply_all(&before, text);
    let after = lint(&[
        ("org.toml", tiny_org!()),
        ("people.toml", PEOPLE),
        ("teams.toml", fixed.as_str()),
    ]);
    assert!(
        !rules_of(&after).contains(&"lead-not-member")
            && !rules_of(&after).contains(&"invalid-toml"),
        "{fixed}: {:?}",
        rules_of(&after)
    );
}

#[test]
fn no_lead_not_member_fix_where_members_holds_a_wrong_type() {
    for members in [
        "[1]",
        "[\"bob\", 2]",
        "[[\"bob\"]]",
        "{ bob = 1 }",
        "\"bob\"",
    ] {
        let text = team(members);
        let report = lint(&[
            ("org.toml", tiny_org!()),
            ("people.toml", PEOPLE),
            ("teams.toml", text.as_str()),
        ]);
        // `invalid-value` speaks for the broken `members`: no finding, so no fix either.
        assert!(
            report.findings.iter().all(|f| f.fix.is_none()),
            "{members}: {:?}",
            rules_of(&report)
        );
        assert!(rules_of(&report).contains(&"invalid-value"), "{members}");
    }
}

/// A person `id` whose name says which file defines it, so that which definition is "the later
/// one" (`duplicate-id`) shows the order files were read in.
fn person_in(id: &str, file: &str) -> String {
    format!("[[person]]\nid = \"{id}\"\nname = \"{file}\"\nrole = \"sre\"\nreports_to = \"ada\"\n")
}

#[test]
fn texts_are_read_in_the_order_the_walk_reads_files() {
    // Names whose order differs between comparing whole strings and comparing components, and
    // between bytes and case: `a/b.toml` sorts before `a-b.toml` by component, after it by string.
    let names = [
        "a/b.toml",
        "a-b.toml",
        "a.toml",
        "A.toml",
        "a0.toml",
        "a/b/c.toml",
        "a/b-c.toml",
        "é.toml",
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let mut files = vec![(root.join("org.toml"), tiny_org!().to_owned())];
    for name in names {
        files.push((root.join(name), person_in("dup", name)));
    }
    for (path, text) in &files {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let disk = orglint::check(&orglint::CheckOptions {
        paths: vec![root.to_path_buf()],
        cwd: root.to_path_buf(),
        ..Default::default()
    })
    .expect("check");
    let settings = Settings::new(Config::default(), &[], &[]).expect("settings");
    files.reverse();
    let loaded = orglint::load_texts(files, root);
    let memory = orglint::lint(
        Tree::new(root.to_path_buf(), settings.config()),
        loaded,
        &settings,
        None,
        &Baseline::default(),
    );
    let order =
        |r: &Report| -> Vec<String> { r.sources.iter().map(|s| s.display.clone()).collect() };
    assert_eq!(order(&memory), order(&disk));
    assert_eq!(common::json(&memory), common::json(&disk));
}

#[test]
fn toml_1_1_syntax_is_read_without_a_finding_as_the_readme_says() {
    // README ("orglint schema"): orglint's parser reads TOML 1.1, which taplo 0.9 refuses, so a
    // file that passes orglint may fail `taplo check` on syntax alone.
    let people = "person = [\n  { id = \"bob\", name = \"B\\x6fb\",\n    role = \"sre\", reports_to = \"ada\", },\n]\n";
    let report = lint(&[("org.toml", tiny_org!()), ("people.toml", people)]);
    let reading = [
        "invalid-toml",
        "unknown-field",
        "missing-field",
        "invalid-value",
    ];
    assert!(
        report
            .findings
            .iter()
            .all(|f| !reading.contains(&f.rule.name)),
        "{:?}",
        rules_of(&report)
    );
    let bob = report.org.person("bob").expect("bob");
    assert_eq!(
        report.org.people[bob]
            .name
            .as_ref()
            .expect("a name")
            .as_str(),
        "Bob"
    );
}

/// The suppression findings of `people` with `ignore` turned off: (rule, message), in order.
fn suppression_findings(people: &str, ignore: &[&str]) -> Vec<(&'static str, String)> {
    let root = Path::new("/ws");
    let ignore: Vec<String> = ignore.iter().map(|s| (*s).to_owned()).collect();
    let settings = Settings::new(Config::default(), &[], &ignore).expect("settings");
    let files = vec![
        (root.join("org.toml"), tiny_org!().to_owned()),
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
    let report = lint(&[("org.toml", org), ("people.toml", people)]);
    assert_eq!(entities_of(&report, "invalid-value"), ["org:Tiny"]);
    assert_eq!(entities_of(&report, "unknown-field"), ["person:bob"]);
    // An item of an entity array that is not a table lies in no entity.
    let report = lint(&[
        ("org.toml", tiny_org!()),
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
    let report = lint(&[("org.toml", org), ("teams.toml", teams)]);
    assert_eq!(entities_of(&report, "divergent-tooling"), ["team:core"]);
    assert_eq!(entities_of(&report, "unused-suppression"), ["team:core"]);
    // Before the first table, a place lies in no entity.
    let report = lint(&[
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
