//! `invalid-value`: a value of the wrong type, outside its enumeration, or a malformed id.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "invalid-value",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "a value of the wrong type, outside its enumeration, or a malformed id",
    options: &[],
    page: include_str!("../../lints/invalid-value.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Load;

// Reported by the loader; see `crate::load`.
