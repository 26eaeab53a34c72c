//! `overlapping-ownership`: two teams own the same thing.

use std::collections::HashMap;

use super::prelude::*;
use crate::model::LocatedStr;

/// The rule.
pub static RULE: Rule = Rule {
    name: "overlapping-ownership",
    category: RuleCategory::MlStrategy,
    default_level: Level::Warn,
    summary: "two teams own the same thing",
    options: &[],
    page: include_str!("../../lints/overlapping-ownership.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // Item (trimmed, lowercased) to the team that listed it first and where.
    let mut owner: HashMap<String, (&Team, &LocatedStr)> = HashMap::new();
    for team in &org.teams {
        for item in team.owns.as_ref().map_or(&[][..], |l| &l.items) {
            let key = item.as_str().trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            let Some(&(first, first_item)) = owner.get(&key) else {
                owner.insert(key, (team, item));
                continue;
            };
            // The same team twice (or a duplicated id) is not two teams.
            if first.id.as_str() == team.id.as_str() {
                continue;
            }
            cx.report(
                item.span,
                format!(
                    "{} and {} both own {}",
                    team.label(),
                    first.label(),
                    shown_code(item.as_str().trim())
                ),
            )
            .label(format!("also owned by {}", first.label()))
            .help(format!(
                "give {} one owner: keep it in one team's `owns` and remove it from the other's",
                shown_code(item.as_str().trim())
            ))
            .related(first_item.span, format!("{} owns it here", first.label()));
        }
    }
}
