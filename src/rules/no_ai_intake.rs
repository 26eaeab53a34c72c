//! `no-ai-intake`: ML sits in feature teams, with no ML team and no `ai_intake` that reaches an ML practitioner.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-ai-intake",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "ML sits in feature teams, with no ML team and no `ai_intake` that reaches an ML practitioner",
    options: &[],
    page: include_str!("../../lints/no-ai-intake.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // Without an `[org]` there is nowhere to set `ai_intake`: `missing-org` reports the tree.
    let Some(def) = org.org() else { return };
    if def.is_invalid(OrgKey::AiIntake) || org.may_have_ml_team() {
        return;
    }
    let first = (org.teams.iter().enumerate())
        .filter(|(_, t)| t.is_feature())
        .find_map(|(t, team)| {
            let (_, entry) = org.ml_members(t).next()?;
            Some((team, entry))
        });
    let Some((team, entry)) = first else { return };
    let who = def.who();
    let finding = match &def.ai_intake {
        None => {
            let help = match org.ml_guild() {
                Some(g) => format!(
                    "set `ai_intake` in `[org]` to the team or guild that takes new AI ideas, such as `ai_intake = \"{}\"`",
                    shown(g.id.as_str())
                ),
                None => "set `ai_intake` in `[org]` to the team or guild that takes new AI ideas"
                    .to_owned(),
            };
            cx.report(
                def.anchor(),
                format!(
                    "{who} sets no `ai_intake`, yet its ML practitioners sit in feature teams and it has no ML team"
                ),
            )
            .label("no `ai_intake`")
            .help(help)
        }
        Some(intake) => {
            let Some((label, at)) = intake_without_ml(org) else {
                return;
            };
            let help = match org.ml_guild() {
                Some(g) => format!(
                    "point `ai_intake` at a team or guild with ML practitioners, such as `ai_intake = \"{}\"`, or add one to {label}",
                    shown(g.id.as_str())
                ),
                None => format!(
                    "point `ai_intake` at a team or guild with ML practitioners, or add one to {label}"
                ),
            };
            cx.report(
                intake.span,
                format!(
                    "{who} brings new AI ideas to {label}, where no ML practitioner is, and it has no ML team"
                ),
            )
            .label("no ML practitioner here")
            .help(help)
            .related(at, format!("{label} is defined here"))
        }
    };
    finding.related(
        entry.span,
        format!(
            "{} is an ML practitioner in feature team {}",
            shown_id(entry.as_str()),
            team.label()
        ),
    );
}

/// What `ai_intake` names, as messages show it and where it is defined, when it names a team or
/// guild (its first definition) none of whose current members is an ML practitioner.
///
/// Any ML practitioner counts here, even in a `management` or `group` team: the idea reaches
/// someone who can judge it. An id that names nothing is `unknown-reference`'s finding; an id that
/// names both a team and a guild (`duplicate-id`) is quiet when either has one.
fn intake_without_ml(org: &Org) -> Option<(String, Span)> {
    let def = org.org()?;
    let (_, slots) = crate::model::resolved(def.references(), org.org_refs(0))
        .find(|(r, _)| r.key == crate::model::fields::Key::as_str(OrgKey::AiIntake))?;
    let sym = (*slots.first()?)?;
    let team = org.team_named(sym);
    let guild = org.guild_named(sym);
    let team_has = team.is_some_and(|t| org.current_members(t).any(|p| org.is_ml(p)));
    let guild_has =
        guild.is_some_and(|g| (org.guild_members(g).iter()).any(|m| org.is_ml(m.person as usize)));
    if team_has || guild_has {
        return None;
    }
    match (team, guild) {
        (Some(t), _) => {
            let t = &org.teams[t];
            Some((format!("team {}", t.label()), t.id.span))
        }
        (None, Some(g)) => {
            let g = &org.guilds[g];
            Some((format!("guild {}", g.label()), g.id.span))
        }
        (None, None) => None,
    }
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

    #[test]
    fn an_intake_with_no_ml_practitioner_fires_at_the_value() {
        let mut files = tree("ai_intake = \"sales\"", "feature");
        files.push((
            "s.toml",
            format!(
                "[[team]]\nid = \"sales\"\nname = \"Sales\"\nkind = \"business\"\nmembers = [\"sue\", \"old\"]\n{}{}alumni = true\n",
                person("sue", "marketing"),
                person("old", "data-scientist")
            ),
        ));
        assert_eq!(
            run(&files),
            [
                "the org Acme brings new AI ideas to team Sales, where no ML practitioner is, and it has no ML team"
            ]
        );
        // A guild with an ML practitioner takes them; an unknown id is `unknown-reference`'s.
        let mut guild = tree("ai_intake = \"g\"", "feature");
        guild.push((
            "g.toml",
            "[[guild]]\nid = \"g\"\nname = \"G\"\nmembers = [\"bob\"]\n".to_owned(),
        ));
        assert!(run(&guild).is_empty());
        assert!(run(&tree("ai_intake = \"ghost\"", "feature")).is_empty());
    }
}
