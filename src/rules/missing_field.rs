//! `missing-field`: a required key is absent.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "missing-field",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "a required key is absent",
    options: &[],
    page: include_str!("../../lints/missing-field.md"),
    check: Check::Load,
    suppressible: true,
    configurable: true,
};

// Reported by the loader; see `crate::load`.
