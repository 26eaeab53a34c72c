//! `team-size`: a team is smaller than `min` or larger than `max`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "team-size",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a team is smaller than `min` or larger than `max`",
    options: &[
        RuleOption {
            name: "min",
            kind: OptionKind::Int { default: 2, min: 0 },
            doc: "the fewest members a team should have",
        },
        RuleOption {
            name: "max",
            kind: OptionKind::Int {
                default: 10,
                min: 1,
            },
            doc: "the most members a team should have",
        },
    ],
    page: include_str!("../../lints/team-size.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
