//! `management-depth`: a person has more than `max` managers above them.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "management-depth",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a person has more than `max` managers above them",
    options: &[RuleOption {
        name: "max",
        kind: OptionKind::Int { default: 6, min: 1 },
        doc: "the most managers above a person",
    }],
    page: include_str!("../../lints/management-depth.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
