//! `unclear-team-function`: a team doing ML has no clear function or focus.

use std::collections::HashSet;

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
    suppressible: true,
    configurable: true,
};

/// Phrases that say no more than "we do ML"; `vague_phrases` adds to them.
const VAGUE: &[&str] = &[
    "ai",
    "ml",
    "ai/ml",
    "ml/ai",
    "ai and ml",
    "artificial intelligence",
    "machine learning",
    "deep learning",
    "data science",
    "do ai",
    "doing ai",
    "develop ai",
    "developing ai",
    "build ai",
    "building ai",
    "do ml",
    "doing ml",
    "do machine learning",
    "doing machine learning",
    "build models",
    "building models",
    "build ml models",
    "ai stuff",
    "ml stuff",
];

fn check(cx: &mut Ctx) {
    let org = cx.org;
    let min_words = usize::try_from(cx.int("min_words")).unwrap_or(usize::MAX);
    let mut vague: HashSet<String> = VAGUE.iter().map(|p| normalize(p)).collect();
    vague.extend(cx.list("vague_phrases").iter().map(|p| normalize(p)));
    let function_help = format!(
        "say in `function` what the team is for and whom it serves, in {min_words} words \
         or more, e.g. `\"raise search conversion with better product ranking\"`"
    );
    for (t, team) in org.teams.iter().enumerate() {
        let ml_team = team.is_ml_team();
        // Why a team that is not an ML team is held to this: one of its ML practitioners.
        let practitioner = (!ml_team)
            .then(|| org.ml_members(t).next().map(|(p, _)| p))
            .flatten();
        if !ml_team && practitioner.is_none() {
            continue;
        }
        let who = if ml_team {
            format!("the ML team {}", team.label())
        } else {
            format!("team {}", team.label())
        };
        let mut problems = Vec::new();
        if !team.is_invalid(TeamKey::Function) {
            let help = function_help.clone();
            match &team.function {
                None if ml_team => problems.push((
                    team.id.span,
                    format!("{who} has no `function`"),
                    "no `function`".to_owned(),
                    help,
                )),
                None => problems.push((
                    team.id.span,
                    format!("{who} has ML practitioners but no `function`"),
                    "no `function`".to_owned(),
                    help,
                )),
                Some(f) if vague.contains(&normalize(f.as_str())) => problems.push((
                    f.span,
                    format!(
                        "the function of {}, {}, is too vague to say what the team is for",
                        team.label(),
                        shown_code(f.as_str().trim())
                    ),
                    "vague".to_owned(),
                    help,
                )),
                Some(f) => {
                    let words = f.as_str().split_whitespace().count();
                    if words < min_words {
                        problems.push((
                            f.span,
                            format!(
                                "the function of {} is too short to say what the team is for",
                                team.label()
                            ),
                            match words {
                                1 => format!("1 word, fewer than {min_words}"),
                                n => format!("{n} words, fewer than {min_words}"),
                            },
                            help,
                        ));
                    }
                }
            }
        }
        if ml_team && team.focus.is_none() && !team.is_invalid(TeamKey::Focus) {
            problems.push((
                team.id.span,
                format!("{who} has no `focus`"),
                "no `focus`".to_owned(),
                "set `focus` to `product`, `research` or `infrastructure`".to_owned(),
            ));
        }
        for (span, message, label, help) in problems {
            let finding = cx.report(span, message).label(label).help(help);
            if let Some(p) = practitioner {
                let person = &org.people[p];
                let at = person.role.as_ref().map_or(person.id.span, |r| r.span);
                finding.related(
                    at,
                    format!("{} is an ML practitioner", shown_id(person.id.as_str())),
                );
            }
        }
    }
}

/// A phrase as compared: lowercase, trimmed, single spaces, no trailing punctuation.
fn normalize(phrase: &str) -> String {
    let lower = phrase.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches(|c: char| c.is_ascii_punctuation())
        .trim_end()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalize_folds_case_space_and_trailing_punctuation() {
        assert_eq!(normalize("  Develop   AI! "), "develop ai");
        assert_eq!(normalize("Machine\tLearning..."), "machine learning");
        assert_eq!(normalize("ai / ml ."), "ai / ml");
        assert_eq!(normalize("AI/ML"), "ai/ml");
        assert_eq!(normalize("!!!"), "");
    }
}
