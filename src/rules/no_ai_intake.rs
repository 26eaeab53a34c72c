//! `no-ai-intake`: ML sits in feature teams, with no ML team and no `ai_intake`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-ai-intake",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "ML sits in feature teams, with no ML team and no `ai_intake`",
    options: &[],
    page: include_str!("../../lints/no-ai-intake.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // Without an `[org]` there is nowhere to set `ai_intake`: `missing-org` reports the tree.
    let Some(def) = org.org() else { return };
    if def.ai_intake.is_some() || def.is_invalid(OrgKey::AiIntake) {
        return;
    }
    if org.may_have_ml_team() {
        return;
    }
    let first = (org.teams.iter().enumerate())
        .filter(|(_, t)| t.is_feature())
        .find_map(|(t, team)| {
            let (_, entry) = org.ml_members(t).next()?;
            Some((team, entry))
        });
    let Some((team, entry)) = first else { return };
    let help = match org.guilds.iter().find(|g| g.is_ml()) {
        Some(g) => format!(
            "set `ai_intake` in `[org]` to the team or guild that takes new AI ideas, such as `ai_intake = \"{}\"`",
            shown(g.id.as_str())
        ),
        None => {
            "set `ai_intake` in `[org]` to the team or guild that takes new AI ideas".to_owned()
        }
    };
    let who = def.who();
    cx.report(
        def.anchor(),
        format!(
            "{who} sets no `ai_intake`, yet its ML practitioners sit in feature teams and it has no ML team"
        ),
    )
    .label("no `ai_intake`")
    .help(help)
    .related(
        entry.span,
        format!(
            "{} is an ML practitioner in feature team {}",
            shown_id(entry.as_str()),
            team.label()
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;

    /// The messages of this rule on a tree of `(path, text)` files.
    fn fire(files: &[(&str, &str)]) -> Vec<String> {
        crate::rules::testing::messages(RULE.name, files)
    }

    use crate::rules::testing::person;

    fn tree(org: &str, kind: &str) -> Vec<(&'static str, String)> {
        vec![
            ("a.toml", format!("[org]\nname = \"Acme\"\n{org}\n")),
            (
                "t.toml",
                format!(
                    "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"{kind}\"\nmembers = [\"bob\"]\n{}",
                    person("bob", "ml-engineer")
                ),
            ),
        ]
    }

    fn run(files: &[(&'static str, String)]) -> Vec<String> {
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        fire(&files)
    }

    #[test]
    fn fires_once_for_ml_in_feature_teams_without_intake() {
        assert_eq!(
            run(&tree("", "feature")),
            [
                "the org Acme sets no `ai_intake`, yet its ML practitioners sit in feature teams and it has no ML team"
            ]
        );
    }

    #[test]
    fn an_intake_an_ml_team_or_an_invalid_value_is_quiet() {
        assert!(run(&tree("ai_intake = \"t\"", "feature")).is_empty());
        assert!(run(&tree("ai_intake = 3", "feature")).is_empty());
        assert!(run(&tree("", "platform")).is_empty());
        let mut with_ml_team = tree("", "feature");
        with_ml_team.push((
            "m.toml",
            "[[team]]\nid = \"m\"\nname = \"M\"\nkind = \"centralized-ml\"\n".to_owned(),
        ));
        assert!(run(&with_ml_team).is_empty());
    }
}
