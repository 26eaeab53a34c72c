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
