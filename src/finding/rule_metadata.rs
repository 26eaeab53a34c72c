//! What a finding names as its rule: the rule's id, category, default level, options and page.
//! The rules' checks, and the registry that pairs each rule with its check, are
//! [`crate::rules`], above the findings they make.

use super::Level;

/// A rule's group, as in SPEC §2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleCategory {
    /// The description is wrong.
    Correctness,
    /// Problems of a central ML team.
    MlCentralized,
    /// Problems of ML spread over feature teams.
    MlDecentralized,
    /// Structure that does not fit the company.
    MlStrategy,
    /// Tidiness of the org.
    Hygiene,
}

impl RuleCategory {
    /// Every category, in SPEC order.
    pub const ALL: [RuleCategory; 5] = [
        RuleCategory::Correctness,
        RuleCategory::MlCentralized,
        RuleCategory::MlDecentralized,
        RuleCategory::MlStrategy,
        RuleCategory::Hygiene,
    ];

    /// The category's name.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleCategory::Correctness => "correctness",
            RuleCategory::MlCentralized => "ml-centralized",
            RuleCategory::MlDecentralized => "ml-decentralized",
            RuleCategory::MlStrategy => "ml-strategy",
            RuleCategory::Hygiene => "hygiene",
        }
    }

    /// The category named `s`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The type and default of a rule option.
#[derive(Clone, Copy, Debug)]
pub enum OptionKind {
    /// A whole number, at least `min`.
    Int {
        /// Default.
        default: i64,
        /// Smallest allowed value.
        min: i64,
    },
    /// One of `choices`.
    Choice {
        /// Default.
        default: &'static str,
        /// Allowed values.
        choices: &'static [&'static str],
    },
    /// A list of strings, each one of `choices` when that is not empty.
    List {
        /// Default.
        default: &'static [&'static str],
        /// Allowed values, or empty for any string.
        choices: &'static [&'static str],
    },
}

/// One option of a rule.
#[derive(Clone, Copy, Debug)]
pub struct RuleOption {
    /// Its key in `orglint.toml`.
    pub name: &'static str,
    /// Its type and default.
    pub kind: OptionKind,
    /// One line on what it does.
    pub doc: &'static str,
}

/// A configured option value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionValue {
    /// A whole number.
    Int(i64),
    /// A string.
    Str(String),
    /// A list of strings.
    List(Vec<String>),
}

impl RuleOption {
    /// The default value.
    pub fn default_value(&self) -> OptionValue {
        match self.kind {
            OptionKind::Int { default, .. } => OptionValue::Int(default),
            OptionKind::Choice { default, .. } => OptionValue::Str(default.to_owned()),
            OptionKind::List { default, .. } => {
                OptionValue::List(default.iter().map(|s| (*s).to_owned()).collect())
            }
        }
    }

    /// Its value in `configured` (one rule's options, as `orglint.toml` sets them), else its
    /// default: the one place an option falls back to its default.
    pub(crate) fn value_in(&self, configured: &Options) -> OptionValue {
        configured
            .get(self.name)
            .cloned()
            .unwrap_or_else(|| self.default_value())
    }
}

/// Option values of one rule, by option name.
pub(crate) type Options = std::collections::BTreeMap<&'static str, OptionValue>;

/// An option of a rule with the type a check reads it as (`i64`, `String` or `Vec<String>`),
/// declared once as a `const` of the rule's module: its name, default and bounds are written
/// there and nowhere else, the rule's metadata lists its [`TypedOption::spec`], and the check
/// reads it through that same `const`, so a misspelt option is a compile error.
pub struct TypedOption<T> {
    spec: RuleOption,
    of: std::marker::PhantomData<fn() -> T>,
}

impl<T> Clone for TypedOption<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for TypedOption<T> {}

impl<T> TypedOption<T> {
    /// What the metadata and `orglint.toml`'s checks know of it.
    pub const fn spec(&self) -> RuleOption {
        self.spec
    }

    const fn of(name: &'static str, kind: OptionKind, doc: &'static str) -> Self {
        TypedOption {
            spec: RuleOption { name, kind, doc },
            of: std::marker::PhantomData,
        }
    }
}

impl TypedOption<i64> {
    /// A whole number, at least `min`.
    pub const fn int(name: &'static str, default: i64, min: i64, doc: &'static str) -> Self {
        Self::of(name, OptionKind::Int { default, min }, doc)
    }
}

impl TypedOption<String> {
    /// One of `choices`.
    pub const fn choice(
        name: &'static str,
        default: &'static str,
        choices: &'static [&'static str],
        doc: &'static str,
    ) -> Self {
        Self::of(name, OptionKind::Choice { default, choices }, doc)
    }
}

impl TypedOption<Vec<String>> {
    /// A list of strings, each one of `choices` when that is not empty.
    pub const fn list(
        name: &'static str,
        default: &'static [&'static str],
        choices: &'static [&'static str],
        doc: &'static str,
    ) -> Self {
        Self::of(name, OptionKind::List { default, choices }, doc)
    }
}

/// A rule as a finding names it: its metadata and its page. How it runs is the registry's
/// ([`crate::rules`]), which pairs each rule with its check.
pub struct Rule {
    /// The rule's id: kebab-case, naming the problem.
    pub name: &'static str,
    /// Its group.
    pub category: RuleCategory,
    /// Its level unless configured.
    pub default_level: Level,
    /// One line on when it fires.
    pub summary: &'static str,
    /// Its options.
    pub options: &'static [RuleOption],
    /// Its page, `lints/<name>.md`.
    pub page: &'static str,
    /// Whether anything may hide it: a suppression comment, a baseline, or a comparison with an
    /// earlier revision. `invalid-toml` may not be hidden: a file that does not parse has no
    /// comments to trust, and what it keeps the whole-org rules from finding is unknown, so a
    /// run with such a file always fails.
    pub suppressible: bool,
    /// Whether `orglint.toml`, `--select` and `--ignore` may change its level (`invalid-toml` is
    /// always an error: the whole-org rules did not run).
    pub configurable: bool,
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.name == other.name
    }
}

impl Eq for Rule {}

/// Compares with a rule's name, as tests and user input name rules.
impl PartialEq<str> for Rule {
    fn eq(&self, name: &str) -> bool {
        self.name == name
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Its name says which; the page is long.
        f.write_str(self.name)
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// The paragraphs of the section `heading` of a rule's page (`lints/<rule>.md`), each on one line; lists and tables keep
/// their lines, since joining them would lose what they say.
pub(crate) fn page_section(page: &str, heading: &str) -> Vec<String> {
    let mut lines = page
        .lines()
        .skip_while(|l| l.strip_prefix("## ") != Some(heading))
        .skip(1)
        .take_while(|l| !l.starts_with("## "));
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut flush = |current: &mut Vec<&str>| {
        if current.is_empty() {
            return;
        }
        let structured = current.iter().any(|l| {
            let l = l.trim_start();
            ["|", "- ", "* ", "```"].iter().any(|p| l.starts_with(p))
                || l.split_once(". ")
                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        });
        paragraphs.push(current.join(if structured { "\n" } else { " " }));
        current.clear();
    };
    for line in lines.by_ref() {
        if line.trim().is_empty() {
            flush(&mut current);
        } else {
            current.push(line.trim_end());
        }
    }
    flush(&mut current);
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_paragraphs_are_joined_and_lists_kept() {
        let page = "# r\n\n## What it does\n\nFlags a\n`team`.\n\n- one\n- two\n\n## Why is this bad?\n\nBad.\n";
        assert_eq!(
            page_section(page, "What it does"),
            ["Flags a `team`.", "- one\n- two"]
        );
        assert_eq!(page_section(page, "Why is this bad?"), ["Bad."]);
        assert!(page_section(page, "Options").is_empty());
    }
}
