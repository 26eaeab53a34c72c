//! `span-of-control`: a person has more than `max` direct reports.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "span-of-control",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a person has more than `max` direct reports",
    options: &[RuleOption {
        name: "max",
        kind: OptionKind::Int {
            default: 10,
            min: 1,
        },
        doc: "the most direct reports a person should have",
    }],
    page: include_str!("../../lints/span-of-control.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
