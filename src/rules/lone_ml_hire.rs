//! `lone-ml-hire`: the only ML practitioner of a team is in no ML guild and not embedded.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "lone-ml-hire",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "the only ML practitioner of a team is in no ML guild and not embedded",
    options: &[],
    page: include_str!("../../lints/lone-ml-hire.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    let ml_guild = org.ml_guild();
    for (t, team) in org.teams.iter().enumerate() {
        // An invalid `kind` might have meant `centralized-ml`: `invalid-value` speaks for it.
        if team.is_ml_team() || team.is_invalid(TeamKey::Kind) {
            continue;
        }
        // `ml_members` is empty for a `management` or `group` team: no ML work sits there.
        let Some((p, entry)) = lone_ml_member(org, t) else {
            continue;
        };
        // Also a member of an ML team: connected to the central team, not alone (SPEC §2).
        if org.is_embedded(p) {
            continue;
        }
        // A guild whose `topic` is invalid may be the ML guild the person is in.
        let unsure = org.guilds_of[p]
            .iter()
            .any(|&g| org.guilds[g as usize].is_invalid(GuildKey::Topic));
        if org.in_ml_guild(p) || unsure {
            continue;
        }
        let person = &org.people[p];
        let who = shown_id(person.id.as_str());
        let help = match ml_guild {
            Some(g) => format!("add {who} to the ML guild {}", shown_id(g.id.as_str())),
            None => format!(
                "start an ML guild (a guild with `topic = \"ml\"`) and add {who} to it, so they meet their ML peers regularly"
            ),
        };
        cx.report(
            entry.span,
            format!(
                "{who} is the only ML practitioner in {} and in no ML guild",
                team.label()
            ),
        )
        .label("the team's only ML practitioner")
        .help(help)
        .related(person.id.span, format!("{who} is defined here"));
    }
}

/// The team's only ML practitioner and their first entry in `members`, when it has exactly one.
fn lone_ml_member(org: &Org, t: usize) -> Option<(usize, &crate::model::LocatedStr)> {
    let mut ml = org.ml_members(t);
    let first = ml.next()?;
    ml.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::RULE;

    /// The messages of this rule on a tree of `(path, text)` files.
    fn fire(files: &[(&str, &str)]) -> Vec<String> {
        crate::rules::testing::messages(RULE.name, files)
    }

    use crate::rules::testing::person;

    const ORG: &str = "[org]\nname = \"Acme\"\n";

    fn team(kind: &str, members: &str) -> String {
        format!(
            "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"{kind}\"\nmembers = {members}\n{}{}{}",
            person("bob", "ml-engineer"),
            person("eve", "data-scientist"),
            person("dan", "backend-engineer"),
        )
    }

    #[test]
    fn one_practitioner_listed_twice_is_still_alone() {
        let found = fire(&[
            ("a.toml", ORG),
            ("b.toml", &team("feature", "[\"dan\", \"bob\", \"bob\"]")),
        ]);
        assert_eq!(
            found,
            ["bob is the only ML practitioner in T and in no ML guild"]
        );
    }

    #[test]
    fn two_practitioners_or_an_ml_team_or_an_invalid_kind_are_quiet() {
        assert!(
            fire(&[
                ("a.toml", ORG),
                ("b.toml", &team("feature", "[\"bob\", \"eve\"]"))
            ])
            .is_empty()
        );
        assert!(
            fire(&[
                ("a.toml", ORG),
                ("b.toml", &team("centralized-ml", "[\"bob\", \"dan\"]"))
            ])
            .is_empty()
        );
        assert!(
            fire(&[
                ("a.toml", ORG),
                ("b.toml", &team("feture", "[\"bob\", \"dan\"]"))
            ])
            .is_empty()
        );
    }

    #[test]
    fn a_guild_counts_only_when_it_is_an_ml_guild() {
        let guild = |topic: &str| {
            format!(
                "[[guild]]\nid = \"g\"\nname = \"G\"\ntopic = {topic}\nmembers = [\"bob\", \"dan\"]\n"
            )
        };
        let members = "[\"dan\", \"bob\"]";
        let t = team("platform", members);
        assert!(
            fire(&[
                ("a.toml", ORG),
                ("b.toml", &t),
                ("g.toml", &guild("\"ml\""))
            ])
            .is_empty()
        );
        assert_eq!(
            fire(&[
                ("a.toml", ORG),
                ("b.toml", &t),
                ("g.toml", &guild("\"rust\""))
            ])
            .len(),
            1
        );
        // An invalid topic might have been `ml`.
        assert!(fire(&[("a.toml", ORG), ("b.toml", &t), ("g.toml", &guild("1"))]).is_empty());
    }

    #[test]
    fn an_embedded_practitioner_a_management_or_group_team_or_alumni_are_quiet() {
        let ml_team = "[[team]]\nid = \"lab\"\nname = \"Lab\"\nkind = \"centralized-ml\"\nmembers = [\"bob\", \"eve\"]\n";
        let t = team("feature", "[\"dan\", \"bob\"]");
        assert!(fire(&[("a.toml", ORG), ("b.toml", &t), ("m.toml", ml_team)]).is_empty());
        for kind in ["management", "group"] {
            assert!(
                fire(&[
                    ("a.toml", ORG),
                    ("b.toml", &team(kind, "[\"dan\", \"bob\"]"))
                ])
                .is_empty()
            );
        }
        // bob left: eve is the team's only practitioner, and alumni are no practitioners.
        let alumni = format!(
            "{}alumni = true\n",
            crate::rules::testing::person("old", "ml-engineer")
        );
        let t = team("feature", "[\"dan\", \"bob\", \"old\"]");
        assert_eq!(
            fire(&[("a.toml", ORG), ("b.toml", &t), ("c.toml", &alumni)]).len(),
            1
        );
    }
}
