//! `orphan-person`: a current person is in no team and not in leadership.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "orphan-person",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a person is in no team and not in leadership",
    options: &[],
    page: include_str!("../../lints/orphan-person.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // Without a readable leadership or membership list nobody can be called an orphan: the
    // `missing-org` or `invalid-value` comes first.
    let unreadable = org.org().is_none_or(|o| o.is_invalid(OrgKey::Leadership))
        || org.teams.iter().any(|t| t.is_invalid(TeamKey::Members));
    if unreadable {
        return;
    }
    // A second `[org]` is `multiple-orgs`; the leaders it names are not orphans for that.
    // (A person is marked at the first definition of their id, which every reference resolves to.)
    let mut spared = vec![false; org.people.len()];
    for o in 1..org.orgs.len() {
        for s in org.leadership_syms(o).iter().flatten() {
            if let Some(p) = org.person_named(*s) {
                spared[p] = true;
            }
        }
    }
    // A lead missing from their own team's `members` is `lead-not-member`, not an orphan too.
    for t in 0..org.teams.len() {
        if let Some(p) = org.lead_of(t) {
            spared[p] = true;
        }
    }
    for (p, person) in org.people.iter().enumerate() {
        // What the index says first: nearly everyone is in a team, and then neither the person's
        // entry nor the text of their id is read (this loop was 1.8% of a run on 100k people).
        if !org.teams_of[p].is_empty() || org.in_leadership[p] || spared[p] {
            continue;
        }
        // A later definition of a duplicated id is `duplicate-id`'s; memberships go to the first.
        // A malformed id is `invalid-value`: no list could name it correctly. Alumni have left:
        // that they are in no team is the point. Any team counts, a `group` too: someone on
        // a roster or a mailing list has a place in the org, if not a working team.
        if person.id.is_malformed_id() || org.is_alumni(p) || !org.is_first_person(p) {
            continue;
        }
        let who = shown_id(person.id.as_str());
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

    fn orphans(toml: &str) -> Vec<String> {
        orphans_in(&[("org.toml", toml)])
    }

    fn orphans_in(files: &[(&str, &str)]) -> Vec<String> {
        crate::rules::testing::messages("orphan-person", files)
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
    fn a_lead_left_out_of_members_is_not_also_an_orphan() {
        let org = format!(
            "{PEOPLE}\n[org]\nname = \"X\"\nleadership = [\"ana\"]\n\
             [[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ben\"\nmembers = [\"ana\"]\n"
        );
        assert!(orphans(&org).is_empty());
    }

    #[test]
    fn alumni_are_not_orphans_and_a_group_is_a_place() {
        let org = format!(
            "{PEOPLE}alumni = true\n[org]\nname = \"X\"\n\
             [[team]]\nid = \"all\"\nname = \"All\"\nkind = \"group\"\nmembers = [\"ana\"]\n"
        );
        assert!(orphans(&org).is_empty());
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
        assert!(
            orphans(PEOPLE).is_empty(),
            "no `[org]`, so no leadership to go by"
        );
    }

    #[test]
    fn leaders_named_by_a_second_org_are_not_orphans() {
        let first = format!("{PEOPLE}\n[org]\nname = \"X\"\nleadership = [\"ana\"]\n");
        let second = "[org]\nname = \"Y\"\nleadership = [\"ben\"]\n";
        assert!(orphans_in(&[("a.toml", &first), ("b.toml", second)]).is_empty());
    }
}
