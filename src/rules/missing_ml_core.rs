//! `missing-ml-core`: an enterprise has ML in three or more feature teams and no ML team.

use super::prelude::*;
use crate::model::Stage;

/// The rule.
pub static RULE: Rule = Rule {
    name: "missing-ml-core",
    category: RuleCategory::MlStrategy,
    default_level: Level::Info,
    summary: "an enterprise has ML in three or more feature teams and no ML team",
    options: &[],
    page: include_str!("../../lints/missing-ml-core.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

/// At most this many feature teams are shown as related locations.
const SHOWN: usize = 5;

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // Without `[org]` there is nothing to point at, and `missing-org` says so already.
    let Some(def) = org.org() else { return };
    if org.known_stage() != Some(Stage::Enterprise) {
        return;
    }
    if org.may_have_ml_team() {
        return;
    }
    let with_ml: Vec<&Team> = (org.teams.iter().enumerate())
        .filter(|&(t, team)| team.is_feature() && org.ml_members(t).next().is_some())
        .map(|(_, team)| team)
        .collect();
    if with_ml.len() < 3 {
        return;
    }
    let name = def.who();
    let finding = cx
        .report(
            def.anchor(),
            format!(
                "{name} is an enterprise with ML practitioners in {} feature teams and no central ML team",
                with_ml.len()
            ),
        )
        .label("no central ML team")
        .help(
            "add a small `centralized-ml` team that builds the shared ML infrastructure and \
             practices, and let the feature teams build on it",
        );
    finding.more_related(with_ml.len().saturating_sub(SHOWN));
    for team in with_ml.iter().take(SHOWN) {
        finding.related(
            team.id.span,
            format!("{} has ML practitioners", team.label()),
        );
    }
}
