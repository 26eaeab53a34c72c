//! `unclear-team-function`: a team doing ML has no clear function or focus.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "unclear-team-function",
    category: RuleCategory::MlStrategy,
    default_level: Level::Warn,
    summary: "a team doing ML has no clear function or focus",
    options: &[
        RuleOption {
            name: "min_words",
            kind: OptionKind::Int { default: 5, min: 1 },
            doc: "the fewest words a function must have",
        },
        RuleOption {
            name: "vague_phrases",
            kind: OptionKind::List {
                default: &[],
                choices: &[],
            },
            doc: "more phrases that do not count as a function",
        },
    ],
    page: include_str!("../../lints/unclear-team-function.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
