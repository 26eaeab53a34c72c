//! `overcommitted-person`: a person is in more than `max_teams` teams.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "overcommitted-person",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a person is in more than `max_teams` teams",
    options: &[RuleOption {
        name: "max_teams",
        kind: OptionKind::Int { default: 3, min: 1 },
        doc: "the most teams a person should be in",
    }],
    page: include_str!("../../lints/overcommitted-person.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
