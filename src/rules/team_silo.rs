//! `team-silo`: a feature team with an ML practitioner syncs with no other team.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "team-silo",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a feature team with an ML practitioner syncs with no other team",
    options: &[],
    page: include_str!("../../lints/team-silo.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    for (t, team) in org.teams.iter().enumerate() {
        // An invalid `syncs_with` is `invalid-value`'s finding, not an absent one. A feature team
        // with no ML practitioner is not the article's decentralized ML team.
        if !team.is_feature()
            || team.is_invalid(TeamKey::SyncsWith)
            || org.ml_members(t).next().is_none()
        {
            continue;
        }
        // Syncing with itself shares nothing with anyone else (SPEC §2).
        if org.names_other_team(t, TeamKey::SyncsWith) {
            continue;
        }
        let (at, label) = match &team.syncs_with {
            Some(s) => (s.span, "no other team"),
            None => (team.id.span, "no `syncs_with`"),
        };
        cx.report(
            at,
            format!("feature team {} syncs with no other team", team.label()),
        )
        .label(label)
        .help(format!(
            "list in `syncs_with` the teams {} shares its progress with and learns theirs from",
            team.label()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::person;

    /// The messages of this rule on a tree of `(path, text)` files.
    fn fire(files: &[(&str, &str)]) -> Vec<String> {
        crate::rules::testing::messages(RULE.name, files)
    }

    fn team(role: &str, syncs: &str) -> String {
        format!(
            "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"feature\"\nmembers = [\"bob\"]\n{syncs}\n{}",
            person("bob", role)
        )
    }

    #[test]
    fn only_feature_teams_with_ml_that_name_no_other_team_fire() {
        let silo = ["feature team T syncs with no other team"];
        assert_eq!(fire(&[("t.toml", &team("ml-engineer", ""))]), silo);
        let itself = team("ml-engineer", "syncs_with = [\"t\"]");
        assert_eq!(fire(&[("t.toml", &itself)]), silo);
        assert!(fire(&[("t.toml", &team("backend-engineer", ""))]).is_empty());
        // An unknown id is `unknown-reference`'s: one mistake, one finding.
        let ghost = team("ml-engineer", "syncs_with = [\"ghost\"]");
        assert!(fire(&[("t.toml", &ghost)]).is_empty());
        let alumni = format!("{}alumni = true\n", team("ml-engineer", ""));
        assert!(fire(&[("t.toml", &alumni)]).is_empty());
    }
}
