//! `unknown-field`: a key the format does not have.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "unknown-field",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "a key the format does not have",
    options: &[],
    page: include_str!("../../lints/unknown-field.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Load;

// Reported by the loader; see `crate::load`.
