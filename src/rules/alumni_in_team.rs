//! `alumni-in-team`: a former member is still listed where current people are.

use super::prelude::*;
use crate::finding::{Applicability, Fix};

/// The rule.
pub static RULE: Rule = Rule {
    name: "alumni-in-team",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a former member is still listed in a team, a guild, leadership or a `reports_to`",
    options: &[],
    page: include_str!("../../lints/alumni-in-team.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let (org, sources) = (cx.org, cx.sources);
    if !(0..org.people.len()).any(|p| org.is_alumni(p)) {
        return; // the common case: nobody is marked as gone
    }
    // Teams: one finding per team and former member, at the `lead` when they lead it (the
    // entry in `members` is then a related place), else at their entry in `members`.
    for (t, team) in org.teams.iter().enumerate() {
        let lead = org.lead_of(t).filter(|&p| org.is_alumni(p));
        if let (Some(p), Some(value)) = (lead, &team.lead) {
            let who = shown_id(org.people[p].id.as_str());
            let f = cx
                .report(
                    value.span,
                    format!(
                        "{who} is alumni but still the lead of team {}",
                        team.label()
                    ),
                )
                .label("a former member")
                .help(format!(
                    "name the team's current lead in `lead`, or remove `alumni` from {who} if they are back"
                ));
            if let Some((_, entry)) = org.member_entries(t).find(|&(m, _)| m == p) {
                f.related(entry.span, format!("{who} is in `members` too"));
            }
            gone_here(org, p, f);
        }
        for (p, entry) in org.member_entries(t) {
            if !org.is_alumni(p) || lead == Some(p) {
                continue;
            }
            let who = shown_id(org.people[p].id.as_str());
            let f = cx
                .report(
                    entry.span,
                    format!(
                        "{who} is alumni but still a member of team {}",
                        team.label()
                    ),
                )
                .label("a former member")
                .help(format!(
                    "take {who} out of `members`, or remove `alumni` from {who} if they are back"
                ));
            gone_here(org, p, f);
            if let Some(members) = &team.members {
                let index = team
                    .member_ids()
                    .iter()
                    .position(|e| std::ptr::eq(e, entry));
                take_out(sources, members, index, who, "`members`", f);
            }
        }
    }
    for (g, guild) in org.guilds.iter().enumerate() {
        let ids = guild.member_ids();
        for m in org.guild_members(g) {
            let p = m.person as usize;
            if !org.is_alumni(p) {
                continue;
            }
            let who = shown_id(org.people[p].id.as_str());
            let f = cx
                .report(
                    ids[m.entry as usize].span,
                    format!(
                        "{who} is alumni but still a member of guild {}",
                        guild.label()
                    ),
                )
                .label("a former member")
                .help(format!(
                    "take {who} out of the guild's `members`, or remove `alumni` from {who} if they are back"
                ));
            gone_here(org, p, f);
            if let Some(members) = &guild.members {
                let index = Some(m.entry as usize);
                take_out(sources, members, index, who, "the guild's `members`", f);
            }
        }
    }
    // Every `[org]`'s leadership (a second one is `multiple-orgs`, but its names are as stale),
    // each person once per list.
    let mut seen = Vec::new();
    for (o, def) in org.orgs.iter().enumerate() {
        let Some(list) = &def.leadership else {
            continue;
        };
        seen.clear();
        for (index, (value, s)) in list.items.iter().zip(org.leadership_syms(o)).enumerate() {
            let Some(p) = s.and_then(|s| org.person_named(s)) else {
                continue;
            };
            if !org.is_alumni(p) || seen.contains(&p) {
                continue;
            }
            seen.push(p);
            let who = shown_id(org.people[p].id.as_str());
            let f = cx
                .report(
                    value.span,
                    format!("{who} is alumni but still in `[org].leadership`"),
                )
                .label("a former member")
                .help(format!(
                    "take {who} out of `[org].leadership`, or remove `alumni` from {who} if they are back"
                ));
            gone_here(org, p, f);
            take_out(sources, list, Some(index), who, "`[org].leadership`", f);
        }
    }
    // Reporting lines. Alumni who reported to alumni are history on both ends, kept as it was;
    // a later definition of a duplicated id is `duplicate-id`'s.
    for (q, person) in org.people.iter().enumerate() {
        let Some(p) = org.manager_of[q] else { continue };
        if !org.is_alumni(p) || org.is_alumni(q) || !org.is_first_person(q) || p == q {
            continue;
        }
        let Some(value) = &person.reports_to else {
            continue;
        };
        let (who, boss) = (
            shown_id(person.id.as_str()),
            shown_id(org.people[p].id.as_str()),
        );
        let f = cx
            .report(
                value.span,
                format!("{who} reports to {boss}, who is alumni"),
            )
            .label("a former member")
            .help(format!(
                "set {who}'s `reports_to` to their current manager, or remove `alumni` from {boss} if they are back"
            ));
        gone_here(org, p, f);
    }
}

/// Adds to `f` the fix that takes element `index` of `list` (`where`, as the message names it)
/// out. Unsafe: the finding has two remedies, and only the author knows whether the person left
/// (take them out) or came back (remove `alumni`). A `lead` or a `reports_to` has no fix: what
/// replaces it is a person only the author can name.
fn take_out(
    sources: &crate::source::Sources,
    list: &crate::model::List<crate::model::LocatedStr>,
    index: Option<usize>,
    who: crate::text::Shown<'_>,
    place: &str,
    f: &mut crate::finding::Finding,
) {
    if let Some(edit) = index.and_then(|i| crate::edits::remove_item(sources, list, i)) {
        f.fix(Fix {
            message: format!("take {who} out of {place}"),
            applicability: Applicability::Unsafe,
            edits: vec![edit],
        });
    }
}

/// Adds, as a related place, where person `p` is marked as alumni.
fn gone_here(org: &Org, p: usize, f: &mut crate::finding::Finding) {
    let person = &org.people[p];
    let span = person.alumni.as_ref().map_or(person.id.span, |a| a.span);
    f.related(
        span,
        format!("{} is marked alumni here", shown_id(person.id.as_str())),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::person;

    fn fire(org: &str) -> Vec<String> {
        crate::rules::testing::messages("alumni-in-team", &[("org.toml", org)])
    }

    fn org() -> String {
        format!(
            "[org]\nname = \"X\"\nleadership = [\"ana\", \"old\", \"old\"]\n{}{}{}alumni = true\n{}alumni = true\nreports_to = \"old\"\n\
             {}reports_to = \"old\"\n\
             [[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"old\"\nmembers = [\"ana\", \"old\", \"gone\"]\n\
             [[team]]\nid = \"u\"\nname = \"U\"\nkind = \"group\"\nmembers = [\"old\", \"old\"]\n\
             [[guild]]\nid = \"g\"\nname = \"G\"\nmembers = [\"gone\"]\n",
            person("ana", "ceo"),
            person("ben", "sre"),
            person("old", "sre"),
            person("gone", "sre"),
            person("cat", "sre"),
        )
    }

    #[test]
    fn every_place_that_still_lists_a_former_member() {
        let mut found = fire(&org());
        found.sort();
        assert_eq!(
            found,
            [
                "cat reports to old, who is alumni",
                "gone is alumni but still a member of guild G",
                "gone is alumni but still a member of team T",
                "old is alumni but still a member of team U",
                "old is alumni but still in `[org].leadership`",
                "old is alumni but still the lead of team T",
            ]
        );
    }

    #[test]
    fn nobody_marked_alumni_is_nothing_to_report() {
        assert!(fire(&org().replace("alumni = true", "alumni = false")).is_empty());
    }
}
