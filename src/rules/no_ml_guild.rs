//! `no-ml-guild`: ML practitioners who are not embedded sit in several teams and there is no ML guild.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-ml-guild",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "ML practitioners who are not embedded sit in several teams and there is no ML guild",
    options: &[],
    page: include_str!("../../lints/no-ml-guild.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // Without an `[org]` there is nowhere to point: `missing-org` reports the tree already.
    let Some(def) = org.org() else { return };
    // A guild whose `topic` is invalid may be the ML guild: `invalid-value` speaks for it.
    if org
        .guilds
        .iter()
        .any(|g| g.is_ml() || g.is_invalid(GuildKey::Topic))
    {
        return;
    }
    // Teams where practitioners who are not embedded sit, each id once, with the first such
    // practitioner's entry in `members`. ML, `management` and `group` teams do not count, nor a
    // team whose `kind` is invalid (it might have meant `centralized-ml`).
    let mut seen = vec![false; org.teams.len()];
    let mut teams = Vec::new();
    let mut people = std::collections::BTreeSet::new();
    for (t, team) in org.teams.iter().enumerate() {
        if team.is_ml_team() || team.is_invalid(TeamKey::Kind) {
            continue;
        }
        let mut unembedded = org.unembedded_ml_members(t).peekable();
        let Some(&(_, entry)) = unembedded.peek() else {
            continue;
        };
        people.extend(unembedded.map(|(p, _)| org.person_sym(p)));
        if !std::mem::replace(&mut seen[org.first_team(t)], true) {
            teams.push((team, entry));
        }
    }
    // One person in two teams is not yet a community to gather.
    if people.len() < 2 {
        return;
    }
    if teams.len() < 2 {
        return;
    }
    // The count goes in the label, not the message, so that the fingerprint survives a new team.
    let f = cx
        .report(
            def.anchor(),
            format!(
                "{} has no ML guild, although ML practitioners sit in several teams",
                def.who()
            ),
        )
        .label(format!("ML practitioners in {} teams", teams.len()))
        .help(
            "start an ML guild (a guild with `topic = \"ml\"`, in any case) where the ML practitioners of every team meet regularly",
        );
    super::relate_ml_teams(f, &teams, "");
}

#[cfg(test)]
mod tests {
    use super::RULE;

    /// The messages and labels of this rule on a tree of `(path, text)` files.
    fn fire(files: &[(&str, &str)]) -> Vec<String> {
        crate::rules::testing::findings(RULE.name, files)
            .into_iter()
            .map(|f| format!("{} | {}", f.message, f.label.unwrap_or_default()))
            .collect()
    }

    use crate::rules::testing::person;

    const ORG: &str = "[org]\nname = \"Acme\"\n";

    fn team(id: &str, ml: &str) -> String {
        format!(
            "[[team]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"feature\"\nmembers = [\"{ml}\"]\n{}",
            person(ml, "ml-engineer")
        )
    }

    #[test]
    fn two_teams_fire_once_at_the_org() {
        let found = fire(&[
            ("a.toml", ORG),
            ("b.toml", &team("b", "bob")),
            ("c.toml", &team("c", "eve")),
        ]);
        assert_eq!(
            found,
            [
                "the org Acme has no ML guild, although ML practitioners sit in several teams | ML practitioners in 2 teams"
            ]
        );
    }

    #[test]
    fn one_team_a_duplicated_team_id_or_no_org_is_quiet() {
        assert!(fire(&[("a.toml", ORG), ("b.toml", &team("b", "bob"))]).is_empty());
        assert!(
            fire(&[
                ("a.toml", ORG),
                ("b.toml", &team("b", "bob")),
                ("c.toml", &team("b", "eve"))
            ])
            .is_empty()
        );
        assert!(fire(&[("b.toml", &team("b", "bob")), ("c.toml", &team("c", "eve"))]).is_empty());
    }

    #[test]
    fn many_teams_are_summarised() {
        let teams: Vec<(String, String)> = (0..5)
            .map(|i| {
                (
                    format!("t{i}.toml"),
                    team(&format!("t{i}"), &format!("p{i}")),
                )
            })
            .collect();
        let mut files: Vec<(&str, &str)> = vec![("a.toml", ORG)];
        files.extend(teams.iter().map(|(p, t)| (p.as_str(), t.as_str())));
        assert_eq!(
            fire(&files),
            [
                "the org Acme has no ML guild, although ML practitioners sit in several teams | ML practitioners in 5 teams"
            ]
        );
    }

    #[test]
    fn embedded_practitioners_ml_management_and_group_teams_and_one_person_do_not_count() {
        let lab = "[[team]]\nid = \"lab\"\nname = \"Lab\"\nkind = \"centralized-ml\"\nmembers = [\"bob\"]\n";
        let files = [
            ("a.toml", ORG),
            ("b.toml", &team("b", "bob")),
            ("c.toml", &team("c", "eve")),
        ];
        // bob is embedded: only eve is spread out.
        let mut with_lab = files.to_vec();
        with_lab.push(("l.toml", lab));
        assert!(fire(&with_lab).is_empty());
        // eve in two teams is one practitioner.
        let twice =
            "[[team]]\nid = \"d\"\nname = \"d\"\nkind = \"platform\"\nmembers = [\"eve\"]\n";
        assert!(
            fire(&[
                ("a.toml", ORG),
                ("c.toml", &team("c", "eve")),
                ("d.toml", twice)
            ])
            .is_empty()
        );
        let managers = team("b", "bob").replace("feature", "management");
        assert!(
            fire(&[
                ("a.toml", ORG),
                ("b.toml", &managers),
                ("c.toml", &team("c", "eve"))
            ])
            .is_empty()
        );
        let guild = "[[guild]]\nid = \"g\"\nname = \"G\"\ntopic = \"ML\"\n";
        let mut with_guild = files.to_vec();
        with_guild.push(("g.toml", guild));
        assert!(fire(&with_guild).is_empty());
    }
}
