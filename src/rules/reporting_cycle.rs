//! `reporting-cycle`: `reports_to` forms a cycle.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "reporting-cycle",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "`reports_to` forms a cycle",
    options: &[],
    page: include_str!("../../lints/reporting-cycle.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
