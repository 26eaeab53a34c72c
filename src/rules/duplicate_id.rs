//! `duplicate-id`: two people, or two teams or guilds, share an id.

use std::collections::HashMap;

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "duplicate-id",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "two people, or two teams or guilds, share an id",
    options: &[],
    page: include_str!("../../lints/duplicate-id.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // People have their own namespace. A malformed id is `invalid-value` at each definition.
    let people: Vec<(&str, Span, &str)> = org
        .people
        .iter()
        .filter(|p| !p.id.is_malformed_id())
        .map(|p| (p.id.as_str(), p.id.span, "person"))
        .collect();
    report_later_ones(cx, &people);
    // Teams and guilds share one: `ai_intake` may name either.
    let groups: Vec<(&str, Span, &str)> = org
        .teams
        .iter()
        .map(|t| (&t.id, "team"))
        .chain(org.guilds.iter().map(|g| (&g.id, "guild")))
        .filter(|(id, _)| !id.is_malformed_id())
        .map(|(id, kind)| (id.as_str(), id.span, kind))
        .collect();
    report_later_ones(cx, &groups);
}

/// Reports every definition of an id after its first, in file and source order (span order).
fn report_later_ones(cx: &mut Ctx, defs: &[(&str, Span, &str)]) {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(defs.len());
    for (i, &(id, span, _)) in defs.iter().enumerate() {
        let e = first.entry(id).or_insert(i);
        if span < defs[*e].1 {
            *e = i;
        }
    }
    for (i, &(id, span, kind)) in defs.iter().enumerate() {
        let f = first[id];
        if f == i {
            continue;
        }
        let (_, first_span, first_kind) = defs[f];
        let id = shown_id(id);
        let other = if first_kind == kind {
            format!("another {kind}")
        } else {
            format!("a {first_kind}")
        };
        cx.report(span, format!("{other} already has the id {id}"))
            .label(format!("this {kind} reuses it"))
            .help("give each its own id, or merge the two definitions into one")
            .related(
                first_span,
                format!("{first_kind} {id} is first defined here"),
            );
    }
}
