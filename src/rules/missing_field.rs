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
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Load;

// Reported by the loader; see `crate::load`.
