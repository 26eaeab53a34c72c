//! `invalid-suppression`: a suppression names an unknown rule, or gives no reason when one is required.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "invalid-suppression",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a suppression names an unknown rule, or gives no reason when one is required",
    options: &[],
    page: include_str!("../../lints/invalid-suppression.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Suppression;

// Reported by the suppression pass; see `crate::suppress`.
