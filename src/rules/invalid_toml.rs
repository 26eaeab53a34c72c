//! `invalid-toml`: a file is not valid TOML, not UTF-8, or cannot be read.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "invalid-toml",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "a file is not valid TOML, not UTF-8, or cannot be read",
    options: &[],
    page: include_str!("../../lints/invalid-toml.md"),
    suppressible: false,
    configurable: false,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Parse;

// Reported by the loader; see `crate::load`.
