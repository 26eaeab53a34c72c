//! `research-in-feature-team`: a feature team has `focus = \"research\"`.

use super::prelude::*;
use crate::model::Focus;

/// The rule.
pub static RULE: Rule = Rule {
    name: "research-in-feature-team",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a feature team has `focus = \"research\"`",
    options: &[],
    page: include_str!("../../lints/research-in-feature-team.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    for team in &cx.org.teams {
        let (Some(kind), Some(focus)) = (&team.kind, &team.focus) else {
            continue;
        };
        if !team.is_feature() || focus.value != Focus::Research {
            continue;
        }
        cx.report(
            focus.span,
            format!("feature team {} has `focus = \"research\"`", team.label()),
        )
        .label("research in a feature team")
        .help(
            "give the research to an ML team (`kind = \"centralized-ml\"`) and keep this team on `focus = \"product\"`",
        )
        .related(kind.span, "declared a feature team here");
    }
}
