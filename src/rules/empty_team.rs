//! `empty-team`: a team has no `members`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "empty-team",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a team has no `members`",
    options: &[],
    page: include_str!("../../lints/empty-team.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let org = cx.org;
    for team in &org.teams {
        let span = match &team.members {
            None if team.invalid.contains(&"members") => continue,
            None => team.id.span,
            Some(list) if list.items.is_empty() && !has_bad_items(cx, list.span) => list.span,
            Some(_) => continue,
        };
        cx.report(span, format!("team {} has no members", team.label()))
            .label("no members")
            .help("list the team's people in `members`, or remove the team if it is gone");
    }
}

/// Whether the array at `span` holds elements that are not strings: `invalid-value` reported each
/// of them already, and the team is not empty as written.
fn has_bad_items(cx: &Ctx, span: Span) -> bool {
    let text = cx.sources.get(span.file).slice(span);
    toml::from_str::<toml::Table>(&format!("a = {text}"))
        .ok()
        .and_then(|t| t.get("a").and_then(|a| a.as_array().map(|a| !a.is_empty())))
        .unwrap_or(false)
}
