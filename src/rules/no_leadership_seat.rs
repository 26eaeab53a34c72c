//! `no-leadership-seat`: an ML team has no one at the leadership table.

use super::prelude::*;
use crate::chain::{End, Ends};

/// `max_hops`: how many steps up the lead's `reports_to` chain, or up the team's `parent` chain,
/// still count as a seat.
const MAX_HOPS: TypedOption<i64> = TypedOption::int(
    "max_hops",
    1,
    0,
    "how many steps up the lead's `reports_to` chain, or up the team's `parent` chain, \
     still count as a seat",
);

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-leadership-seat",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no one at the leadership table",
    options: &[MAX_HOPS.spec()],
    page: include_str!("../../lints/no-leadership-seat.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    let leadership = org.org().map(|o| (o, o.leadership.as_ref()));
    if leadership.is_some_and(|(o, _)| o.is_invalid(OrgKey::Leadership)) {
        // `invalid-value` already reported the list; who sits at the table is unknown.
        return;
    }
    let max_hops = usize::try_from(cx.int(MAX_HOPS)).unwrap_or(usize::MAX);
    let mut hops = hops_to_leadership(org);
    let mut team_hops = hops_to_led_team(org);
    for (t, team) in org.ml_teams() {
        if team.is_invalid(TeamKey::Members) || team.is_invalid(TeamKey::Lead) {
            continue;
        }
        // Alumni are not at the table, nor in the team.
        if org.current_members(t).any(|p| seated(org, p)) {
            continue;
        }
        // A lead who has left says nothing of who answers for the team now: `alumni-in-team`
        // reports the stale `lead`.
        if org.lead_of(t).is_some_and(|p| org.is_alumni(p)) {
            continue;
        }
        // An AI division led by someone at the table gives its teams a seat.
        if within(team_hops(t), max_hops) {
            continue;
        }
        let lead = team
            .lead
            .as_ref()
            .and_then(|l| org.lead_of(t).map(|p| (l, p)));
        let lead_hops = lead.map(|(l, p)| (l, hops(p)));
        if lead_hops.is_some_and(|(_, h)| within(h, max_hops)) {
            continue;
        }
        let (span, label, help) = match lead_hops {
            Some((l, h)) => (
                l.span,
                match h {
                    NEVER => format!(
                        "nobody in {}'s reporting line is in leadership",
                        shown_id(l.as_str())
                    ),
                    1 => format!(
                        "{} is 1 step below leadership; `max_hops` is 0",
                        shown_id(l.as_str())
                    ),
                    h => format!(
                        "{} is {h} steps below leadership; `max_hops` is {max_hops}",
                        shown_id(l.as_str())
                    ),
                },
                format!(
                    "add a member of {} to `[org].leadership`, have {} report to someone in it, \
                     or set `parent` to a team led by someone in it",
                    team.label(),
                    shown_id(l.as_str())
                ),
            ),
            None => (
                team.lead.as_ref().map_or(team.id.span, |l| l.span),
                "no member is in leadership".to_owned(),
                format!(
                    "add a member of {} to `[org].leadership`, or set `parent` to a team \
                     led by someone in it",
                    team.label()
                ),
            ),
        };
        let finding = cx
            .report(
                span,
                format!(
                    "the ML team {} has no seat at the leadership table",
                    team.label()
                ),
            )
            .label(label)
            .help(help);
        match leadership {
            Some((_, Some(list))) => {
                finding.related(list.span, "the leadership table is declared here");
            }
            Some((o, None)) => {
                finding.related(o.anchor(), "this org declares no `leadership`");
            }
            None => {}
        }
    }
}

/// No member of leadership up the chain (it ends, or runs into a cycle).
const NEVER: usize = usize::MAX;

/// Whether a seat `hops` steps up is close enough.
fn within(hops: usize, max_hops: usize) -> bool {
    hops != NEVER && hops <= max_hops
}

/// Whether person `p` sits at the leadership table: `[org].leadership` names them and they have
/// not left.
fn seated(org: &Org, p: usize) -> bool {
    org.in_leadership[p] && !org.is_alumni(p)
}

/// Steps from a person up `reports_to` to the nearest member of leadership (0 when they are
/// one), or [`NEVER`]: worked out lazily and remembered, so that every person's chain is walked
/// once in all.
fn hops_to_leadership(org: &Org) -> impl FnMut(usize) -> usize {
    // The walk up stops at the first member of leadership, or at a person whose manager is
    // unreadable (`invalid-value` said so) or has left (`alumni-in-team` says so): the line above
    // them is unknown, and they get the benefit of the doubt.
    let seat = |p: usize| {
        seated(org, p)
            || org.people[p].is_invalid(PersonKey::ReportsTo)
            || org.manager_of[p].is_some_and(|m| org.is_alumni(m))
    };
    let mut ends = Ends::new(org.people.len(), move |p| {
        if seat(p) { None } else { org.manager_of[p] }
    });
    move |p| match ends.of(p) {
        Some(End { node, steps }) if seat(node) => steps,
        // The chain ends, or runs into a cycle, with no seat on it.
        _ => NEVER,
    }
}

/// Steps from a team up `parent` to the nearest team whose `lead` is a member of leadership (0
/// when its own lead is one), or [`NEVER`]; like [`hops_to_leadership`], each team's chain is
/// walked once in all.
fn hops_to_led_team(org: &Org) -> impl FnMut(usize) -> usize {
    // An unreadable `parent` or `lead` (`invalid-value` said so) gets the benefit of the doubt.
    let seat = |t: usize| {
        let team = &org.teams[t];
        team.is_invalid(TeamKey::Parent)
            || team.is_invalid(TeamKey::Lead)
            || org.lead_of(t).is_some_and(|p| seated(org, p))
    };
    let mut ends = Ends::new(org.teams.len(), move |t| {
        if seat(t) { None } else { org.parent_of[t] }
    });
    move |t| match ends.of(t) {
        Some(End { node, steps }) if seat(node) => steps,
        // The chain ends, or runs into a cycle (`team-cycle` reports it), with no seat on it.
        _ => NEVER,
    }
}

#[cfg(test)]
mod tests {

    /// The labels of this rule's findings on an org of one file, with `orglint.toml` when given.
    fn labels(org: &str, config: Option<&str>) -> Vec<String> {
        let mut files = vec![("org.toml", org)];
        files.extend(config.map(|c| ("orglint.toml", c)));
        crate::rules::testing::findings("no-leadership-seat", &files)
            .into_iter()
            .map(|f| f.label.unwrap_or_default())
            .collect()
    }

    fn person(id: &str, boss: Option<&str>) -> String {
        let boss = boss.map_or(String::new(), |b| format!("reports_to = \"{b}\"\n"));
        format!("[[person]]\nid = \"{id}\"\nname = \"{id}\"\nrole = \"ml-engineer\"\n{boss}\n")
    }

    fn ml_team(id: &str, lead: &str) -> String {
        format!(
            "[[team]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"centralized-ml\"\nlead = \"{lead}\"\nmembers = [\"{lead}\"]\n\n"
        )
    }

    const ORG: &str = "[org]\nname = \"Acme\"\nleadership = [\"maya\"]\n\n";

    #[test]
    fn a_cycle_above_the_lead_ends_the_walk() {
        let org = format!(
            "{ORG}{}{}{}{}",
            person("maya", None),
            person("dana", Some("eli")),
            person("eli", Some("dana")),
            ml_team("ml", "dana"),
        );
        let config = "[rules]\nno-leadership-seat = { max_hops = 1000 }\n";
        assert_eq!(
            labels(&org, Some(config)),
            ["nobody in dana's reporting line is in leadership"]
        );
    }

    #[test]
    fn a_huge_max_hops_still_needs_a_leader_somewhere_up_the_chain() {
        let org = format!(
            "{ORG}{}{}{}",
            person("maya", None),
            person("dana", None),
            ml_team("ml", "dana")
        );
        for max in [u32::MAX as i64, i64::MAX] {
            let config = format!("[rules]\nno-leadership-seat = {{ max_hops = {max} }}\n");
            assert_eq!(
                labels(&org, Some(&config)),
                ["nobody in dana's reporting line is in leadership"]
            );
        }
    }

    #[test]
    fn chains_that_meet_share_their_distance() {
        // a1 -> a2 -> maya; b1 -> a1: a1 is 2 steps below, b1 is 3.
        let org = format!(
            "{ORG}{}{}{}{}{}{}",
            person("maya", None),
            person("a1", Some("a2")),
            person("a2", Some("maya")),
            person("b1", Some("a1")),
            ml_team("a", "a1"),
            ml_team("b", "b1"),
        );
        let config = "[rules]\nno-leadership-seat = { max_hops = 2 }\n";
        assert_eq!(
            labels(&org, Some(config)),
            ["b1 is 3 steps below leadership; `max_hops` is 2"]
        );
        assert_eq!(
            labels(&org, None),
            [
                "a1 is 2 steps below leadership; `max_hops` is 1",
                "b1 is 3 steps below leadership; `max_hops` is 1"
            ]
        );
    }

    #[test]
    fn without_a_lead_or_an_org_only_members_count() {
        let team = "[[team]]\nid = \"ml\"\nname = \"ML\"\nkind = \"centralized-ml\"\nmembers = [\"dana\"]\n";
        let org = format!("{}{team}", person("dana", None));
        assert_eq!(labels(&org, None), ["no member is in leadership"]);
        let org = format!(
            "[org]\nname = \"Acme\"\nleadership = [\"dana\"]\n\n{}{team}",
            person("dana", None)
        );
        assert!(labels(&org, None).is_empty());
    }

    /// A team of `kind` led by `lead`, under `parent` when given.
    fn team(id: &str, kind: &str, lead: &str, parent: Option<&str>) -> String {
        let parent = parent.map_or(String::new(), |p| format!("parent = \"{p}\"\n"));
        format!(
            "[[team]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"{kind}\"\nlead = \"{lead}\"\nmembers = [\"{lead}\"]\n{parent}\n"
        )
    }

    #[test]
    fn a_division_led_from_the_table_gives_its_teams_a_seat() {
        // maya (leadership) leads the AI division; the ML team under it is led by dana, who
        // reports to nobody.
        let org = format!(
            "{ORG}{}{}{}{}",
            person("maya", None),
            person("dana", None),
            team("ai", "management", "maya", None),
            team("ml", "centralized-ml", "dana", Some("ai")),
        );
        assert!(labels(&org, None).is_empty());
        // Two steps up: the division is the grandparent.
        let org = format!(
            "{ORG}{}{}{}{}{}{}",
            person("maya", None),
            person("dana", None),
            person("lee", None),
            team("ai", "management", "maya", None),
            team("lab", "business", "lee", Some("ai")),
            team("ml", "centralized-ml", "dana", Some("lab")),
        );
        assert_eq!(
            labels(&org, None),
            ["nobody in dana's reporting line is in leadership"]
        );
        let config = "[rules]\nno-leadership-seat = { max_hops = 2 }\n";
        assert!(labels(&org, Some(config)).is_empty());
        let config = "[rules]\nno-leadership-seat = { max_hops = 0 }\n";
        assert_eq!(labels(&org, Some(config)).len(), 1);
    }

    #[test]
    fn a_cycle_of_parents_gives_no_seat() {
        let org = format!(
            "{ORG}{}{}{}{}",
            person("maya", None),
            person("dana", None),
            team("a", "business", "dana", Some("ml")),
            team("ml", "centralized-ml", "dana", Some("a")),
        );
        let config = "[rules]\nno-leadership-seat = { max_hops = 1000 }\n";
        assert_eq!(
            labels(&org, Some(config)),
            ["nobody in dana's reporting line is in leadership"]
        );
    }

    #[test]
    fn alumni_give_no_seat() {
        let alumnus = |id: &str| person(id, None).replace("\n\n", "\nalumni = true\n\n");
        // maya has left: the seat she held in the team, or above its division, is empty.
        let org = format!(
            "{ORG}{}{}{}{}",
            alumnus("maya"),
            person("dana", None),
            team("ai", "management", "maya", None),
            team("ml", "centralized-ml", "dana", Some("ai")),
        );
        assert_eq!(
            labels(&org, None),
            ["nobody in dana's reporting line is in leadership"]
        );
        let team_with_maya = team("ml", "centralized-ml", "dana", None)
            .replace("[\"dana\"]", "[\"dana\", \"maya\"]");
        let org = format!(
            "{ORG}{}{}{team_with_maya}",
            alumnus("maya"),
            person("dana", None)
        );
        assert_eq!(
            labels(&org, None),
            ["nobody in dana's reporting line is in leadership"]
        );
        // A lead who has left, or who reports to someone who has: `alumni-in-team` speaks.
        let org = format!(
            "{ORG}{}{}{}",
            person("maya", None),
            alumnus("dana"),
            team("ml", "centralized-ml", "dana", None),
        );
        assert!(labels(&org, None).is_empty());
        let org = format!(
            "{ORG}{}{}{}{}",
            person("maya", None),
            alumnus("eli"),
            person("dana", Some("eli")),
            team("ml", "centralized-ml", "dana", None),
        );
        assert!(labels(&org, None).is_empty());
    }
}
