//! `no-leadership-seat`: an ML team has no one at the leadership table.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-leadership-seat",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no one at the leadership table",
    options: &[RuleOption {
        name: "max_hops",
        kind: OptionKind::Int { default: 1, min: 0 },
        doc: "how many steps up the lead's `reports_to` chain still count as a seat",
    }],
    page: include_str!("../../lints/no-leadership-seat.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
