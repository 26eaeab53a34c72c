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
    check: Check::Suppression,
    suppressible: true,
    configurable: true,
};

// Reported by the suppression pass; see `crate::suppress`.
