//! `duplicate-id`: two people, or two teams or guilds, share an id.

use super::prelude::*;
use crate::model::{LocatedStr, InternedId};

/// The rule.
pub static RULE: Rule = Rule {
    name: "duplicate-id",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "two people, or two teams or guilds, share an id",
    options: &[],
    page: include_str!("../../lints/duplicate-id.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // Only an id defined more than once in its namespace can have a later definition: counted
    // from the index's integers first, so that only the definitions of those are read. (An id
    // that is malformed is so at every definition: the filter below drops the same ones.)
    let people_defs = definitions(org, (0..org.people.len()).map(|p| org.person_sym(p)));
    let group_defs = definitions(
        org,
        ((0..org.teams.len()).map(|t| org.team_sym(t)))
            .chain((0..org.guilds.len()).map(|g| org.guild_sym(g))),
    );
    // People have their own namespace. A malformed id is `invalid-value` at each definition.
    let people: Vec<Def<'_>> = (org.people.iter().enumerate())
        .filter(|&(i, _)| people_defs[org.person_sym(i).index()] > 1)
        .filter(|(_, p)| !p.id.is_malformed_id())
        .map(|(i, p)| (org.person_sym(i), &p.id, "person"))
        .collect();
    report_later_ones(cx, &people);
    // Teams and guilds share one: `ai_intake` may name either.
    let teams = (org.teams.iter().enumerate()).map(|(i, t)| (org.team_sym(i), &t.id, "team"));
    let guilds = (org.guilds.iter().enumerate()).map(|(i, g)| (org.guild_sym(i), &g.id, "guild"));
    let groups: Vec<Def<'_>> = teams
        .chain(guilds)
        .filter(|&(s, _, _)| group_defs[s.index()] > 1)
        .filter(|(_, id, _)| !id.is_malformed_id())
        .collect();
    report_later_ones(cx, &groups);
}

/// A definition of an id: its [`InternedId`], the id as written, and the kind of entity.
type Def<'a> = (InternedId, &'a LocatedStr, &'static str);

/// How many times each id is defined among `syms`, indexed by [`InternedId`].
fn definitions(org: &Org, syms: impl Iterator<Item = InternedId>) -> Vec<u32> {
    let mut count = vec![0; org.sym_count()];
    for s in syms {
        count[s.index()] += 1;
    }
    count
}

/// Reports every definition of an id after its first, in file and source order (span order).
///
/// Ids are compared as [`InternedId`]s: the first definition of each is found in one table indexed
/// by them, with no hashing.
fn report_later_ones(cx: &mut Ctx, defs: &[Def<'_>]) {
    let mut first = vec![u32::MAX; cx.org.sym_count()];
    for (i, &(s, id, _)) in defs.iter().enumerate() {
        let e = &mut first[s.index()];
        if *e == u32::MAX || id.span < defs[*e as usize].1.span {
            *e = i as u32;
        }
    }
    for (i, &(s, id, kind)) in defs.iter().enumerate() {
        let f = first[s.index()] as usize;
        if f == i {
            continue;
        }
        let (_, first_id, first_kind) = defs[f];
        let (span, first_span) = (id.span, first_id.span);
        let id = shown_id(id.as_str());
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
