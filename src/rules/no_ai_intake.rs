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
};

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // Without an `[org]` there is nowhere to set `ai_intake`: `missing-org` reports the tree.
    let Some(def) = org.org() else { return };
    if def.ai_intake.is_some() || def.invalid.contains(&"ai_intake") {
        return;
    }
    // A team whose `kind` is invalid may be the ML team: `invalid-value` speaks for it.
    if org
        .teams
        .iter()
        .any(|t| t.is_ml_team() || t.invalid.contains(&"kind"))
    {
        return;
    }
    let first = org.teams.iter().filter(|t| t.is_feature()).find_map(|t| {
        let entry = t
            .member_ids()
            .iter()
            .find(|m| org.person(m.as_str()).is_some_and(|p| org.is_ml(p)))?;
        Some((t, entry))
    });
    let Some((team, entry)) = first else { return };
    let help = match org.guilds.iter().find(|g| g.is_ml()) {
        Some(g) => format!(
            "set `ai_intake` in `[org]` to the team or guild that takes new AI ideas, such as `ai_intake = \"{}\"`",
            g.id.as_str()
        ),
        None => {
            "set `ai_intake` in `[org]` to the team or guild that takes new AI ideas".to_owned()
        }
    };
    let who = def
        .name
        .as_ref()
        .map_or("this org".to_owned(), |n| format!("the org {}", n.as_str()));
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
            entry.as_str(),
            team.label()
        ),
    );
}
