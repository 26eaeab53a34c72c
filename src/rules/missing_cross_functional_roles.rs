//! `missing-cross-functional-roles`: a feature team with ML lacks a required role category.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "missing-cross-functional-roles",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a feature team with ML lacks a required role category",
    options: &[RuleOption {
        name: "required",
        kind: OptionKind::List {
            default: &["product", "software"],
            choices: &[
                "ml",
                "software",
                "product",
                "design",
                "marketing",
                "management",
            ],
        },
        doc: "the role categories every feature team with an ML practitioner needs",
    }],
    page: include_str!("../../lints/missing-cross-functional-roles.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
