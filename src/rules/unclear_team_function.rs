//! `unclear-team-function`: a team doing ML has no clear function or focus.

use std::collections::HashSet;

use super::prelude::*;

/// `min_words`: the fewest words a function must have.
const MIN_WORDS: TypedOption<i64> = TypedOption::int(
    "min_words",
    2,
    1,
    "the fewest words a function must have",
);

/// `generic_words`: more words or phrases that name the field or fill space rather than say a purpose.
const GENERIC_WORDS: TypedOption<Vec<String>> = TypedOption::list(
    "generic_words",
    &[],
    &[],
    "more words or phrases that name the field or fill space rather than say a purpose",
);

/// The rule.
pub static RULE: Rule = Rule {
    name: "unclear-team-function",
    category: RuleCategory::MlStrategy,
    default_level: Level::Warn,
    summary: "a team doing ML has no clear function or focus",
    options: &[MIN_WORDS.spec(), GENERIC_WORDS.spec()],
    page: include_str!("../../lints/unclear-team-function.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

/// Words and phrases that name the field, or fill space, and say nothing of what a team is for;
/// `generic_words` adds to them. A function made of nothing else is too vague. Each entry is
/// split into words as a function is (see [`words`]), and a phrase of several words counts only
/// as that phrase: "machine learning" is generic, "machine" or "learning" alone is not. The page
/// lists them all (a test checks that it does).
pub(crate) const GENERIC: &[&str] = &[
    // The field.
    "ai",
    "ml",
    "genai",
    "generative ai",
    "artificial intelligence",
    "machine learning",
    "deep learning",
    "data science",
    // Doing something, unsaid.
    "do",
    "doing",
    "develop",
    "developing",
    "development",
    "build",
    "building",
    "create",
    "creating",
    "deliver",
    "delivering",
    "provide",
    "providing",
    "apply",
    "applying",
    "use",
    "using",
    "leverage",
    "leveraging",
    "explore",
    "exploring",
    "enable",
    "enabling",
    "drive",
    "driving",
    // Things, unnamed.
    "solution",
    "solutions",
    "model",
    "models",
    "project",
    "projects",
    "initiative",
    "initiatives",
    "capability",
    "capabilities",
    "use cases",
    "innovation",
    "stuff",
    "things",
    // For whom, unsaid.
    "for the whole company",
    "the whole company",
    "the company",
    "company-wide",
    "the business",
    "the organisation",
    "the organization",
    "everyone",
    // Filler.
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "for",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "across",
    "all",
    "our",
    "new",
    "etc",
];

fn check(cx: &mut Ctx) {
    let org = cx.org;
    let min_words = usize::try_from(cx.int(MIN_WORDS)).unwrap_or(usize::MAX);
    let extra = cx.list(GENERIC_WORDS);
    let generic: HashSet<Vec<String>> = (GENERIC.iter().copied())
        .chain(extra.iter().map(String::as_str))
        .map(words)
        .filter(|w| !w.is_empty())
        .collect();
    let longest = generic.iter().map(Vec::len).max().unwrap_or(0);
    let function_help = format!(
        "say in `function` what the team is for, in {min_words} words or more that name the \
         problem rather than the field, e.g. `\"sign-up fraud detection\"`"
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
                Some(f) => {
                    let words = words(f.as_str());
                    if !words.is_empty() && all_generic(&words, &generic, longest) {
                        problems.push((
                            f.span,
                            format!(
                                "the function of {}, {}, is too vague to say what the team is for",
                                team.label(),
                                shown_code(f.as_str().trim())
                            ),
                            "only generic words".to_owned(),
                            help,
                        ));
                    } else if words.len() < min_words {
                        problems.push((
                            f.span,
                            format!(
                                "the function of {} is too short to say what the team is for",
                                team.label()
                            ),
                            match words.len() {
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

/// The words of a function or of a generic entry, as compared: lowercase runs of letters and
/// digits, with a hyphen or apostrophe inside a word kept (`sign-up`, `don't`); every other
/// character (space, slash, comma, full stop, `&`, ...) separates words and is dropped. So
/// `"AI/ML."` is `ai ml`, and `"Sign-up fraud detection"` is three words.
fn words(text: &str) -> Vec<String> {
    let joiner = |c: char| matches!(c, '-' | '\'' | '\u{2019}');
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && !joiner(c))
        .map(|w| w.trim_matches(joiner))
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('\u{2019}', "'"))
        .collect()
}

/// Whether `words` is, from start to end, a sequence of generic entries (each at most `longest`
/// words): a phrase matches only whole, so "machine learning" covers both words and "machine"
/// alone covers nothing.
fn all_generic(words: &[String], generic: &HashSet<Vec<String>>, longest: usize) -> bool {
    // covered[i]: the first i words are a sequence of generic entries.
    let mut covered = vec![false; words.len() + 1];
    covered[0] = true;
    for end in 1..=words.len() {
        covered[end] = (1..=longest.min(end))
            .any(|n| covered[end - n] && generic.contains(&words[end - n..end]));
    }
    covered[words.len()]
}

#[cfg(test)]
mod tests {
    use super::{GENERIC, RULE, all_generic, words};
    use std::collections::HashSet;

    fn vague(text: &str) -> bool {
        let generic: HashSet<Vec<String>> = GENERIC.iter().map(|g| words(g)).collect();
        all_generic(&words(text), &generic, 4)
    }

    #[test]
    fn words_fold_case_and_punctuation_and_keep_inner_hyphens() {
        assert_eq!(words("  Develop   AI! "), ["develop", "ai"]);
        assert_eq!(words("AI/ML."), ["ai", "ml"]);
        assert_eq!(
            words("Sign-up fraud detection"),
            ["sign-up", "fraud", "detection"]
        );
        assert_eq!(words("don\u{2019}t -ship- it"), ["don't", "ship", "it"]);
        assert!(words("!!! -- ").is_empty());
    }

    #[test]
    fn generic_phrases_match_whole() {
        assert!(vague("develop AI solutions for the whole company"));
        assert!(vague("Machine Learning"));
        assert!(vague("AI & ML"));
        assert!(!vague("machine translation"));
        assert!(!vague("Sign-up fraud detection"));
        assert!(!vague("learning"));
    }

    #[test]
    fn the_page_lists_every_built_in_word() {
        for g in GENERIC {
            assert!(
                RULE.page.contains(&format!("`{g}`")),
                "lints/unclear-team-function.md does not list `{g}`"
            );
        }
    }

    /// The messages of this rule on a tree of `(path, text)` files.
    fn fire(files: &[(&str, &str)]) -> Vec<String> {
        crate::rules::testing::messages(RULE.name, files)
    }

    fn team(function: &str) -> String {
        format!(
            "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"feature\"\nfunction = \"{function}\"\nmembers = [\"bob\"]\n{}",
            crate::rules::testing::person("bob", "ml-engineer")
        )
    }

    #[test]
    fn short_clear_functions_pass_and_generic_words_add_phrases() {
        assert!(fire(&[("t.toml", &team("Sign-up fraud detection"))]).is_empty());
        assert_eq!(
            fire(&[("t.toml", &team("Ranking"))]),
            ["the function of T is too short to say what the team is for"]
        );
        assert_eq!(
            fire(&[(
                "t.toml",
                &team("develop AI solutions for the whole company")
            )])
            .len(),
            1
        );
        let config = "[rules]\nunclear-team-function = { generic_words = [\"AI research\"] }\n";
        let research = team("AI research for our models");
        assert!(fire(&[("t.toml", &research)]).is_empty());
        assert_eq!(
            fire(&[("t.toml", &research), ("orglint.toml", config)]).len(),
            1
        );
        // A phrase counts only whole: "research" alone is not generic.
        assert!(
            fire(&[
                ("t.toml", &team("research for our models")),
                ("orglint.toml", config)
            ])
            .is_empty()
        );
    }

    #[test]
    fn the_former_vague_phrases_option_is_a_configuration_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = "[rules]\nunclear-team-function = { vague_phrases = [\"AI\"] }\n";
        std::fs::write(dir.path().join("orglint.toml"), config).expect("write");
        let run = crate::check(&crate::CheckOptions {
            paths: vec![dir.path().to_path_buf()],
            cwd: dir.path().to_path_buf(),
            ..Default::default()
        });
        assert!(run.is_err(), "vague_phrases was accepted");
    }
}
