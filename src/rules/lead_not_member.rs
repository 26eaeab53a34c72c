//! `lead-not-member`: a team's `lead` is not in its `members`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "lead-not-member",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "a team's `lead` is not in its `members`",
    options: &[],
    page: include_str!("../../lints/lead-not-member.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    let org = cx.org;
    for team in &org.teams {
        let Some(lead) = &team.lead else { continue };
        // A lead that names no one is `unknown-reference`; a malformed lead or a broken `members`
        // is `invalid-value`.
        if lead.is_malformed_id()
            || org.person(lead.as_str()).is_none()
            || team.is_invalid(TeamKey::Members)
        {
            continue;
        }
        if team.member_ids().iter().any(|m| m.value == lead.value) {
            continue;
        }
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
    }
}
