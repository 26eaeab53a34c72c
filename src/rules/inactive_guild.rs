//! `inactive-guild`: a guild rarely or never meets, or has fewer than 2 members.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "inactive-guild",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a guild rarely or never meets, or has fewer than 2 members",
    options: &[RuleOption {
        name: "max_cadence",
        kind: OptionKind::Choice {
            default: "monthly",
            choices: &["weekly", "biweekly", "monthly", "quarterly"],
        },
        doc: "the rarest cadence that still counts as active",
    }],
    page: include_str!("../../lints/inactive-guild.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
