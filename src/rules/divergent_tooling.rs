//! `divergent-tooling`: a team's tooling differs from the org standard without a recorded exception.

use std::collections::HashMap;

use super::prelude::*;
use crate::model::LocatedStr;

/// The rule.
pub static RULE: Rule = Rule {
    name: "divergent-tooling",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a team's tooling differs from the org standard without a recorded exception",
    options: &[],
    page: include_str!("../../lints/divergent-tooling.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

/// Where no standard names a key, this many teams must declare it before the majority counts.
const MIN_TEAMS: usize = 3;

/// The teams declaring one tooling key, when no standard names it.
#[derive(Default)]
struct Vote<'a> {
    /// How many teams declare the key.
    teams: usize,
    /// For each value: how many teams use it, and the first of them (its team and value).
    values: HashMap<&'a str, (usize, &'a Team, &'a LocatedStr)>,
}

impl<'a> Vote<'a> {
    /// The value a strict majority of at least [`MIN_TEAMS`] teams use, with its first user.
    fn majority(&self) -> Option<(&'a str, usize, &'a Team, &'a LocatedStr)> {
        if self.teams < MIN_TEAMS {
            return None;
        }
        self.values
            .iter()
            .find(|(_, (n, _, _))| 2 * n > self.teams)
            .map(|(v, &(n, t, s))| (*v, n, t, s))
    }
}

fn check(cx: &mut Ctx) {
    let org = cx.org;
    let def = org.org();
    // Invalid standards are `invalid-value`'s finding; guessing a majority instead would be a second one.
    if def.is_some_and(|d| d.is_invalid(OrgKey::Standards)) {
        return;
    }
    let standards: HashMap<&str, &LocatedStr> = def
        .and_then(|d| d.standards.as_ref())
        .map(|s| s.entries.iter().map(|(k, v)| (k.as_str(), v)).collect())
        .unwrap_or_default();
    // A standard whose value is not a string is set, to an unknown value: no verdict on that key.
    let unreadable = |key: &str| {
        def.and_then(|d| d.standards.as_ref())
            .is_some_and(|s| s.is_bad(key))
    };

    let mut votes: HashMap<&str, Vote> = HashMap::new();
    for team in &org.teams {
        for (key, value) in tooling(team) {
            if standards.contains_key(key.as_str()) || unreadable(key.as_str()) {
                continue;
            }
            let vote = votes.entry(key.as_str()).or_default();
            vote.teams += 1;
            vote.values
                .entry(value.as_str())
                .or_insert((0, team, value))
                .0 += 1;
        }
    }
    let majorities: HashMap<&str, (&str, usize, &Team, &LocatedStr)> = votes
        .iter()
        .filter_map(|(k, v)| Some((*k, v.majority()?)))
        .collect();

    for team in &org.teams {
        // An invalid `exceptions` table might hold the reason: `invalid-value` speaks for it.
        if team.is_invalid(TeamKey::Exceptions) {
            continue;
        }
        // An exception whose reason is not a string is still an exception.
        let excepted = |key: &str| team.exceptions.as_ref().is_some_and(|e| e.has_key(key));
        for (key, value) in tooling(team) {
            let key = key.as_str();
            if excepted(key) || unreadable(key) {
                continue;
            }
            let exception = format!(
                "or record the reason under `[team.exceptions]` (`{} = \"...\"`)",
                shown(key)
            );
            if let Some(standard) = standards.get(key) {
                if value.as_str() == standard.as_str() {
                    continue;
                }
                cx.report(
                    value.span,
                    format!(
                        "team {} uses {} for {}, not the org standard {}",
                        team.label(),
                        shown_code(value.as_str()),
                        shown_code(key),
                        shown_code(standard.as_str())
                    ),
                )
                .label("differs from the org standard")
                .help(format!(
                    "switch to {}, {exception}",
                    shown_code(standard.as_str())
                ))
                .related(standard.span, "the org standard is set here");
            } else if let Some(&(major, n, first, first_value)) = majorities.get(key) {
                if value.as_str() == major {
                    continue;
                }
                let teams = votes[key].teams;
                let major = shown_code(major);
                cx.report(
                    value.span,
                    format!(
                        "team {} uses {} for {}, while most teams use {major}",
                        team.label(),
                        shown_code(value.as_str()),
                        shown_code(key)
                    ),
                )
                // The counts stay out of the message, so that the fingerprint survives other teams' changes.
                .label(format!("{n} of {teams} teams use {major}"))
                .help(format!(
                    "switch to {major}, {exception}; `[org.standards]` can make the choice explicit"
                ))
                .related(
                    first_value.span,
                    format!("{} uses {major} here", first.label()),
                );
            }
        }
    }
}

/// A team's tooling entries (none when it declares no `[team.tooling]`).
fn tooling(team: &Team) -> impl Iterator<Item = &(LocatedStr, LocatedStr)> {
    team.tooling.iter().flat_map(|t| t.entries.iter())
}

#[cfg(test)]
mod tests {
    use super::RULE;

    /// The messages of this rule on an org of teams with the given tooling and exceptions.
    fn fire(standards: &str, teams: &[(&str, &str, &str)]) -> Vec<String> {
        let mut text = format!("[org]\nname = \"Acme\"\n\n[org.standards]\n{standards}\n");
        for (id, tooling, exceptions) in teams {
            text += &format!(
                "\n[[team]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"platform\"\n\
                 [team.tooling]\n{tooling}\n[team.exceptions]\n{exceptions}\n"
            );
        }
        crate::rules::testing::messages(RULE.name, &[("org.toml", &text)])
    }

    #[test]
    fn a_wrong_typed_exception_or_standard_is_one_finding_not_two() {
        let teams = [
            ("a", "ci = \"jenkins\"", "ci = 3"),
            ("b", "ci = \"gha\"", ""),
        ];
        assert!(fire("ci = \"gha\"", &teams).is_empty());
        let teams = [
            ("a", "ci = \"jenkins\"", ""),
            ("b", "ci = \"gha\"", ""),
            ("c", "ci = \"gha\"", ""),
        ];
        assert!(fire("ci = 3", &teams).is_empty());
    }

    #[test]
    fn a_standard_wins_and_an_exception_silences_it() {
        let found = fire(
            "ci = \"gha\"",
            &[
                ("a", "ci = \"jenkins\"", ""),
                ("b", "ci = \"jenkins\"", "ci = \"legacy\""),
                ("c", "ci = \"gha\"", ""),
            ],
        );
        assert_eq!(
            found,
            ["team a uses `jenkins` for `ci`, not the org standard `gha`"]
        );
    }

    #[test]
    fn a_standard_is_not_outvoted_by_the_teams() {
        let found = fire(
            "ci = \"gha\"",
            &[
                ("a", "ci = \"jenkins\"", ""),
                ("b", "ci = \"jenkins\"", ""),
                ("c", "ci = \"jenkins\"", ""),
            ],
        );
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|m| m.contains("org standard `gha`")));
    }

    #[test]
    fn without_a_standard_a_strict_majority_of_three_or_more_teams_sets_it() {
        let majority = fire(
            "",
            &[
                ("a", "xt = \"mlflow\"", ""),
                ("b", "xt = \"mlflow\"", ""),
                ("c", "xt = \"wandb\"", ""),
            ],
        );
        assert_eq!(
            majority,
            ["team c uses `wandb` for `xt`, while most teams use `mlflow`"]
        );
        let two_teams = fire(
            "",
            &[("a", "xt = \"mlflow\"", ""), ("b", "xt = \"wandb\"", "")],
        );
        assert!(two_teams.is_empty());
        let tie = fire(
            "",
            &[
                ("a", "xt = \"mlflow\"", ""),
                ("b", "xt = \"mlflow\"", ""),
                ("c", "xt = \"wandb\"", ""),
                ("d", "xt = \"wandb\"", ""),
            ],
        );
        assert!(tie.is_empty());
        let excepted = fire(
            "",
            &[
                ("a", "xt = \"mlflow\"", ""),
                ("b", "xt = \"mlflow\"", ""),
                ("c", "xt = \"wandb\"", "xt = \"history\""),
            ],
        );
        assert!(excepted.is_empty());
    }
}
