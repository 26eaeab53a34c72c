//! `orphan-person`: a person is in no team and not in leadership.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "orphan-person",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a person is in no team and not in leadership",
    options: &[],
    page: include_str!("../../lints/orphan-person.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // While a membership list is unreadable, nobody can be called an orphan: its
    // `invalid-value` comes first. The same holds for `[org].leadership`.
    let unreadable = org.org().is_some_and(|o| o.invalid.contains(&"leadership"))
        || org.teams.iter().any(|t| t.invalid.contains(&"members"));
    if unreadable {
        return;
    }
    for (p, person) in org.people.iter().enumerate() {
        // A later definition of a duplicated id is `duplicate-id`'s; memberships go to the first.
        if org.person(person.id.as_str()) != Some(p)
            || !org.teams_of[p].is_empty()
            || org.in_leadership[p]
        {
            continue;
        }
        let who = person.id.as_str();
        cx.report(
            person.id.span,
            format!("{who} is in no team and not in `[org].leadership`"),
        )
        .label("in no team")
        .help(format!(
            "add {who} to the `members` of a team, or to `[org].leadership`"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::{CheckOptions, check};

    fn orphans(toml: &str) -> Vec<String> {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("org.toml"), toml).expect("write");
        let report = check(&CheckOptions {
            paths: vec![dir.path().to_path_buf()],
            cwd: dir.path().to_path_buf(),
            select: vec!["orphan-person".into()],
            ..CheckOptions::default()
        })
        .expect("check");
        report.findings.into_iter().map(|f| f.message).collect()
    }

    const PEOPLE: &str = r#"
        [[person]]
        id = "ana"
        name = "Ana"
        role = "ceo"

        [[person]]
        id = "ben"
        name = "Ben"
        role = "sre"
    "#;

    #[test]
    fn people_in_no_team_are_orphans() {
        let org = format!(
            "{PEOPLE}\n[org]\nname = \"X\"\nleadership = [\"ana\"]\n\
             [[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nmembers = []\n"
        );
        assert_eq!(
            orphans(&org),
            ["ben is in no team and not in `[org].leadership`"]
        );
    }

    #[test]
    fn an_unreadable_membership_list_makes_nobody_an_orphan() {
        let org = format!(
            "{PEOPLE}\n[org]\nname = \"X\"\nleadership = [\"ana\"]\n\
             [[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nmembers = \"ben\"\n"
        );
        assert!(orphans(&org).is_empty());
        let org = format!("{PEOPLE}\n[org]\nname = \"X\"\nleadership = \"ana\"\n");
        assert!(orphans(&org).is_empty());
    }
}
