//! `team-silo`: a feature team syncs with no other team.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "team-silo",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a feature team syncs with no other team",
    options: &[],
    page: include_str!("../../lints/team-silo.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    for team in &cx.org.teams {
        // An invalid `syncs_with` is `invalid-value`'s finding, not an absent one.
        if !team.is_feature() || team.is_invalid(TeamKey::SyncsWith) {
            continue;
        }
        // Syncing with itself shares nothing with anyone else.
        let others = team
            .syncs_with
            .as_ref()
            .is_some_and(|s| s.items.iter().any(|t| t.as_str() != team.id.as_str()));
        if others {
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
