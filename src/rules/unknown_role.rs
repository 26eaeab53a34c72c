//! `unknown-role`: a role is in no category.

use super::prelude::*;

use std::collections::HashMap;

use crate::limits::MAX_SUGGESTIONS;
use crate::suggest::Suggester;

/// The rule.
pub static RULE: Rule = Rule {
    name: "unknown-role",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a role is in no category",
    options: &[],
    page: include_str!("../../lints/unknown-role.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);


fn check(cx: &mut Ctx) {
    let org = cx.org;
    let known = cx.roles.names();
    // Suggestions per distinct unknown role: a big org repeats the same one many times.
    let mut near: HashMap<&str, Option<&str>> = HashMap::new();
    let mut suggester = Suggester::new();
    let mut found = Vec::new();
    for (p, person) in org.people.iter().enumerate() {
        // An alumni's role is the one they had, kept for the record: no rule counts by it.
        if org.is_alumni(p) {
            continue;
        }
        // The model sorted every role into its categories (by `cx.roles`) once: a known role is
        // not looked up again, and the person's entry is not even read.
        if org.categories_of[p] != 0 {
            continue;
        }
        let Some(role) = &person.role else { continue };
        let asked = near.len();
        let suggestion = *near.entry(role.as_str()).or_insert_with(|| {
            (asked < MAX_SUGGESTIONS)
                .then(|| suggester.closest(role.as_str(), known.iter().copied()))
                .flatten()
        });
        found.push((person, role, suggestion));
    }
    for (person, role, suggestion) in found {
        let r = shown_code(role.as_str());
        let help = match suggestion {
            Some(s) => format!(
                "use {} if that is what was meant, or add {r} to a category under `[roles]` in `orglint.toml`",
                shown_code(s)
            ),
            None => format!(
                "use a known role, or add {r} to a category under `[roles]` in `orglint.toml` (the categories are {})",
                join_names(&Category::ALL.map(Category::as_str))
            ),
        };
        cx.report(
            role.span,
            format!(
                "{}'s role {r} is in no role category",
                shown_id(person.id.as_str())
            ),
        )
        .label("unknown role")
        .help(help);
    }
}
