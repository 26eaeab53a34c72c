//! `ml-guild-coverage`: an ML guild exists, but a team's ML practitioners are not in it.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "ml-guild-coverage",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "an ML guild exists, but a team's ML practitioners are in no ML guild",
    options: &[],
    page: include_str!("../../lints/ml-guild-coverage.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

/// How many people the label and help name; the rest are counted.
const SHOWN: usize = 3;

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // No ML guild at all is `no-ml-guild`'s finding (or `lone-ml-hire`'s), not a gap in coverage.
    let Some(guild) = org.ml_guild() else {
        return;
    };
    for (t, team) in org.teams.iter().enumerate() {
        // An ML team is where its members meet; an invalid `kind` might have meant
        // `centralized-ml` (`invalid-value` speaks for it). `ml_members` is empty for a
        // `management` or `group` team.
        if team.is_ml_team() || team.is_invalid(TeamKey::Kind) {
            continue;
        }
        let Some(members) = &team.members else {
            continue;
        };
        let practitioners = org.ml_members(t).count();
        // Not embedded, in no ML guild, and in no guild whose `topic` is invalid (it may be an
        // ML guild: `invalid-value` speaks for it).
        let outside: Vec<usize> = org
            .unembedded_ml_members(t)
            .map(|(p, _)| p)
            .filter(|&p| {
                !org.in_ml_guild(p)
                    && !(org.guilds_of[p].iter())
                        .any(|&g| org.guilds[g as usize].is_invalid(GuildKey::Topic))
            })
            .collect();
        // A team whose only practitioner is outside is `lone-ml-hire`'s finding.
        if outside.is_empty() || (practitioners == 1 && outside.len() == 1) {
            continue;
        }
        let mut ids: Vec<String> = (outside.iter().take(SHOWN))
            .map(|&p| shown_id(org.people[p].id.as_str()).to_string())
            .collect();
        if outside.len() > SHOWN {
            ids.push(format!("{} more", outside.len() - SHOWN));
        }
        let names = crate::text::join_words(&ids, "and");
        // Who they are goes in the label and the help, not the message, so that the fingerprint
        // survives a new hire.
        cx.report(
            members.span,
            format!(
                "team {} has ML practitioners in no ML guild, although the org has one",
                team.label()
            ),
        )
        .label(format!("{names}: in no ML guild"))
        .help(format!(
            "add {names} to the ML guild {}, so that they meet the ML practitioners of other teams",
            shown_id(guild.id.as_str())
        ))
        .related(
            guild.id.span,
            format!("the ML guild {} is defined here", guild.label()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::person;

    /// The messages and labels of this rule on a tree of `(path, text)` files.
    fn fire(files: &[(&str, &str)]) -> Vec<String> {
        crate::rules::testing::findings(RULE.name, files)
            .into_iter()
            .map(|f| format!("{} | {}", f.message, f.label.unwrap_or_default()))
            .collect()
    }

    fn tree(kind: &str, guild: &str) -> String {
        format!(
            "[org]\nname = \"Acme\"\n[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"{kind}\"\nmembers = [\"ann\", \"ben\", \"cy\"]\n[[guild]]\nid = \"g\"\nname = \"G\"\ntopic = \"ml\"\nmembers = {guild}\n{}{}{}",
            person("ann", "ml-engineer"),
            person("ben", "data-scientist"),
            person("cy", "backend-engineer"),
        )
    }

    #[test]
    fn one_finding_per_team_names_who_is_outside() {
        assert_eq!(
            fire(&[("a.toml", &tree("feature", "[\"cy\"]"))]),
            [
                "team T has ML practitioners in no ML guild, although the org has one | ann and ben: in no ML guild"
            ]
        );
        assert_eq!(
            fire(&[("a.toml", &tree("platform", "[\"ann\"]"))]),
            [
                "team T has ML practitioners in no ML guild, although the org has one | ben: in no ML guild"
            ]
        );
    }

    #[test]
    fn covered_lone_ml_teams_and_no_guild_are_quiet() {
        assert!(fire(&[("a.toml", &tree("feature", "[\"ann\", \"ben\"]"))]).is_empty());
        for kind in ["centralized-ml", "management", "group", "feture"] {
            assert!(
                fire(&[("a.toml", &tree(kind, "[\"cy\"]"))]).is_empty(),
                "{kind}"
            );
        }
        // One practitioner outside and alone: `lone-ml-hire`'s.
        let lone =
            tree("feature", "[\"cy\"]").replace("role = \"data-scientist\"", "role = \"sre\"");
        assert!(fire(&[("a.toml", &lone)]).is_empty());
        let no_guild = tree("feature", "[\"cy\"]").replace("topic = \"ml\"", "topic = \"rust\"");
        assert!(fire(&[("a.toml", &no_guild)]).is_empty());
    }

    #[test]
    fn embedded_practitioners_are_covered() {
        let lab = "[[team]]\nid = \"lab\"\nname = \"Lab\"\nkind = \"centralized-ml\"\nmembers = [\"ann\"]\n";
        assert_eq!(
            fire(&[("a.toml", &tree("feature", "[\"cy\"]")), ("l.toml", lab)]),
            [
                "team T has ML practitioners in no ML guild, although the org has one | ben: in no ML guild"
            ]
        );
    }
}
