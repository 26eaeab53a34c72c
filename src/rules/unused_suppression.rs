//! `unused-suppression`: a suppression comment suppressed nothing.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "unused-suppression",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a suppression comment suppressed nothing",
    options: &[],
    page: include_str!("../../lints/unused-suppression.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Suppression;

// Reported by the suppression pass; see `crate::suppress`.
