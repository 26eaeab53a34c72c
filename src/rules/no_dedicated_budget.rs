//! `no-dedicated-budget`: an ML team has no budget of its own.

use super::prelude::*;
use crate::model::{Budget, Stage};

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-dedicated-budget",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no budget of its own",
    options: &[],
    page: include_str!("../../lints/no-dedicated-budget.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    // A budget of its own matters where large organisations plan fixed budgets per project; a
    // startup has no such plans to protect the team from (SPEC §2). An unreadable `stage` is
    // `invalid-value`'s: the stage is unknown.
    let org = cx.org;
    if org.org().is_some_and(|o| o.is_invalid(OrgKey::Stage)) || org.stage() == Stage::Startup {
        return;
    }
    for (_, team) in org.ml_teams() {
        if team.is_invalid(TeamKey::Budget) {
            continue;
        }
        let (span, message, label) = match &team.budget {
            Some(b) if b.value == Budget::Own => continue,
            Some(b) => (
                b.span,
                format!(
                    "the ML team {} has no budget of its own (`budget` is `{}`)",
                    team.label(),
                    b.value.as_str()
                ),
                format!("`{}`, not `own`", b.value.as_str()),
            ),
            None => (
                team.id.span,
                format!("the ML team {} has no budget of its own", team.label()),
                "no `budget`".to_owned(),
            ),
        };
        cx.report(span, message).label(label).help(
            "give the team its own budget (`budget = \"own\"`) and plan its projects \
             with room for experiments",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(stage: Option<&str>) -> Vec<String> {
        let stage = stage.map_or(String::new(), |s| format!("stage = {s}\n"));
        let org = format!(
            "[org]\nname = \"Acme\"\n{stage}\n[[team]]\nid = \"ml\"\nname = \"ML\"\nkind = \"centralized-ml\"\n"
        );
        crate::rules::testing::messages(RULE.name, &[("org.toml", &org)])
    }

    #[test]
    fn not_at_a_startup() {
        assert_eq!(messages(Some("\"scaleup\"")).len(), 1);
        assert_eq!(messages(Some("\"enterprise\"")).len(), 1);
        assert!(messages(Some("\"startup\"")).is_empty());
        // No `stage`, and fewer than 50 people: a startup.
        assert!(messages(None).is_empty());
        // An unreadable `stage` is `invalid-value`'s.
        assert!(messages(Some("\"big\"")).is_empty());
    }
}
