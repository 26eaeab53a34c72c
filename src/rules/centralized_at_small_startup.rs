//! `centralized-at-small-startup`: a product-focused startup has a central ML team.

use super::prelude::*;
use crate::model::{AiFocus, Stage};

/// The rule.
pub static RULE: Rule = Rule {
    name: "centralized-at-small-startup",
    category: RuleCategory::MlStrategy,
    default_level: Level::Info,
    summary: "a product-focused startup has a central ML team",
    options: &[],
    page: include_str!("../../lints/centralized-at-small-startup.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    let def = org.org();
    if def.is_some_and(|o| o.is_invalid(OrgKey::Stage) || o.is_invalid(OrgKey::AiFocus)) {
        return;
    }
    if org.stage() != Stage::Startup {
        return;
    }
    let stage = def.and_then(|o| o.stage.as_ref());
    let ai_focus = def.and_then(|o| o.ai_focus.as_ref());
    if ai_focus.is_some_and(|f| f.value == AiFocus::Research) {
        return;
    }
    for team in &org.teams {
        let Some(kind) = team.kind.as_ref().filter(|_| team.is_ml_team()) else {
            continue;
        };
        let label = match stage {
            Some(_) => "central ML team".to_owned(),
            None => format!(
                "central ML team; {} people make this a startup",
                org.person_count()
            ),
        };
        let finding = cx
            .report(
                kind.span,
                format!(
                    "{} is a central ML team at a startup that builds ML into its product",
                    team.label()
                ),
            )
            .label(label)
            .help(
                "at this size, put the ML people into the product teams they build for; \
                 a central team pays off when the ML is research (`ai_focus = \"research\"`)",
            );
        if let Some(s) = stage {
            finding.related(s.span, "the stage is declared here");
        }
        if let Some(f) = ai_focus {
            finding.related(f.span, "the AI focus is declared here");
        }
    }
}
