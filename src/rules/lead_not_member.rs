//! `lead-not-member`: a team's `lead` is not in its `members`.

use super::prelude::*;
use crate::edits;
use crate::finding::{Applicability, Fix};
use crate::model::{List, LocatedStr};
use crate::source::Sources;

/// The rule.
pub static RULE: Rule = Rule {
    name: "lead-not-member",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "a team's `lead` is not in its `members`",
    options: &[],
    page: include_str!("../../lints/lead-not-member.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    for (t, team) in org.teams.iter().enumerate() {
        let Some(lead) = &team.lead else { continue };
        // A lead that names no one is `unknown-reference`; a malformed lead or a broken `members`
        // is `invalid-value`.
        let Some(p) = org.lead_of(t) else { continue };
        if lead.is_malformed_id() || team.is_invalid(TeamKey::Members) {
            continue;
        }
        // The lead is a defined person, so an entry with the same id resolves to the same
        // `InternedId`.
        if org.team_member_syms(t).contains(&Some(org.person_sym(p))) {
            continue;
        }
        let fix = team
            .members
            .as_ref()
            .and_then(|members| add_member(cx.sources, members, lead.as_str()));
        let f = cx
            .report(
                lead.span,
                format!(
                    "{} leads {} but is not in its `members`",
                    shown_id(lead.as_str()),
                    team.label()
                ),
            )
            .label("not in `members`")
            .help(format!("add {} to `members`", shown_code(lead.as_str())));
        if let Some(members) = &team.members {
            f.related(members.span, "`members` is here");
        }
        if let Some(fix) = fix {
            f.fix(fix);
        }
    }
}

/// The safe fix (SPEC §9): `id` appended to the array `members` (see [`edits::append_id`]); none
/// when the array holds an element of the wrong type or is not written as `[...]`. Safe: the lead
/// already belongs to the team, and `members` only catches up with what `lead` says.
fn add_member(sources: &Sources, members: &List<LocatedStr>, id: &str) -> Option<Fix> {
    // A valid id (the check skips malformed leads) needs no escaping in a basic string.
    Some(Fix {
        message: format!("add {} to `members`", shown_code(id)),
        applicability: Applicability::Safe,
        edits: edits::append_id(sources, members, id)?,
    })
}
