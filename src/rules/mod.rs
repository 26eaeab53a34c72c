//! The rule registry: one module per rule, named after it, each declaring a `static RULE`.

use std::collections::BTreeMap;

use crate::finding::{Finding, Level};
use crate::model::Org;
use crate::regions::Entities;
use crate::roles::Roles;
use crate::source::{Sources, Span};

mod alumni_in_team;
mod centralized_at_small_startup;
mod divergent_tooling;
mod duplicate_id;
mod empty_team;
mod inactive_guild;
mod invalid_suppression;
mod invalid_toml;
mod invalid_value;
mod knowledge_silo;
mod lead_not_member;
mod lone_ml_hire;
mod management_depth;
mod missing_cross_functional_roles;
mod missing_field;
mod missing_ml_core;
mod missing_org;
mod ml_guild_coverage;
mod multiple_orgs;
mod no_ai_intake;
mod no_business_context;
mod no_dedicated_budget;
mod no_engineering_support;
mod no_leadership_seat;
mod no_ml_guild;
mod no_prioritization_process;
mod orphan_person;
mod overcommitted_person;
mod overlapping_ownership;
mod reporting_cycle;
mod research_in_feature_team;
mod scattered_research;
mod span_of_control;
mod team_cycle;
mod team_silo;
mod team_size;
mod team_without_lead;
mod unclear_team_function;
mod unknown_field;
mod unknown_reference;
mod unknown_role;
mod unused_suppression;

/// The rules the loader and the suppression pass report, named by their declaration so that a
/// misspelt rule is a compile error, not a finding that silently maps to no rule.
pub use invalid_suppression::RULE as INVALID_SUPPRESSION;
pub use invalid_toml::RULE as INVALID_TOML;
pub use invalid_value::RULE as INVALID_VALUE;
pub use missing_field::RULE as MISSING_FIELD;
pub use unknown_field::RULE as UNKNOWN_FIELD;
pub use unused_suppression::RULE as UNUSED_SUPPRESSION;

/// Every rule, sorted by name.
pub static RULES: &[&Rule] = &[
    &alumni_in_team::RULE,
    &centralized_at_small_startup::RULE,
    &divergent_tooling::RULE,
    &duplicate_id::RULE,
    &empty_team::RULE,
    &inactive_guild::RULE,
    &invalid_suppression::RULE,
    &invalid_toml::RULE,
    &invalid_value::RULE,
    &knowledge_silo::RULE,
    &lead_not_member::RULE,
    &lone_ml_hire::RULE,
    &management_depth::RULE,
    &missing_cross_functional_roles::RULE,
    &missing_field::RULE,
    &missing_ml_core::RULE,
    &missing_org::RULE,
    &ml_guild_coverage::RULE,
    &multiple_orgs::RULE,
    &no_ai_intake::RULE,
    &no_business_context::RULE,
    &no_dedicated_budget::RULE,
    &no_engineering_support::RULE,
    &no_leadership_seat::RULE,
    &no_ml_guild::RULE,
    &no_prioritization_process::RULE,
    &orphan_person::RULE,
    &overcommitted_person::RULE,
    &overlapping_ownership::RULE,
    &reporting_cycle::RULE,
    &research_in_feature_team::RULE,
    &scattered_research::RULE,
    &span_of_control::RULE,
    &team_cycle::RULE,
    &team_silo::RULE,
    &team_size::RULE,
    &team_without_lead::RULE,
    &unclear_team_function::RULE,
    &unknown_field::RULE,
    &unknown_reference::RULE,
    &unknown_role::RULE,
    &unused_suppression::RULE,
];

/// The rule named `name`.
pub fn find(name: &str) -> Option<&'static Rule> {
    index(name).map(|i| RULES[i])
}

/// The rule a misspelt `name` most likely meant, for a did-you-mean hint: one a few edits away.
pub fn closest(name: &str) -> Option<&'static Rule> {
    crate::finding::closest(name, RULES.iter().map(|r| r.name)).and_then(find)
}

/// The position of the rule named `name` in [`RULES`].
pub(crate) fn index(name: &str) -> Option<usize> {
    RULES.binary_search_by(|r| r.name.cmp(name)).ok()
}

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

/// When and how a rule runs.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// Found by the loader, file by file; runs even when another file is broken.
    Load,
    /// Found by the suppression pass over comments.
    Suppression,
    /// A check over the whole org; skipped when any file could not be parsed.
    Org(fn(&mut Ctx)),
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

/// A rule: its metadata, its page and its check.
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
    /// How it runs (the engine's business: a front end reads the metadata).
    pub(crate) check: Check,
    /// Whether anything may hide it: a suppression comment, a baseline, or a comparison with an
    /// earlier revision. `invalid-toml` may not be hidden: a file that does not parse has no
    /// comments to trust, and what it keeps the whole-org rules from finding is unknown, so a
    /// run with such a file always fails.
    pub suppressible: bool,
    /// Whether `orglint.toml`, `--select` and `--ignore` may change its level (`invalid-toml` is
    /// always an error: the whole-org rules did not run).
    pub configurable: bool,
}

impl Rule {
    /// This rule's position in [`RULES`].
    pub(crate) fn index(&'static self) -> usize {
        index(self.name).expect("every rule is in RULES (tests/it/guard.rs)")
    }
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

/// Option values of one rule, by option name.
pub(crate) type Options = BTreeMap<&'static str, OptionValue>;

/// What a whole-org check sees, and where it reports.
pub(crate) struct Ctx<'a> {
    /// The org.
    pub org: &'a Org,
    /// The files, to read the text under a span.
    pub sources: &'a Sources,
    /// Role categories.
    pub roles: &'a Roles,
    rule: &'static Rule,
    options: &'a Options,
    /// Per file: its entities, to tell each finding the entity it lies in.
    entities: &'a [Entities],
    out: Vec<Finding>,
}

impl<'a> Ctx<'a> {
    /// A context for running `rule` with `options`.
    pub(crate) fn new(
        org: &'a Org,
        sources: &'a Sources,
        roles: &'a Roles,
        rule: &'static Rule,
        options: &'a Options,
        entities: &'a [Entities],
    ) -> Self {
        Ctx {
            org,
            sources,
            roles,
            rule,
            options,
            entities,
            out: Vec::new(),
        }
    }

    /// Reports a finding of this rule at `span`; chain `.help(..)`, `.related(..)` on the result.
    pub(crate) fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        let entity = self
            .entities
            .get(span.file as usize)
            .and_then(|e| e.holding(span.start));
        self.out
            .push(Finding::new(self.rule, Some(span), message).with_entity(entity));
        self.out.last_mut().expect("just pushed")
    }

    /// Reports a finding with no location (only `missing-org` has one).
    pub(crate) fn report_unlocated(&mut self, message: impl Into<String>) -> &mut Finding {
        self.out.push(Finding::new(self.rule, None, message));
        self.out.last_mut().expect("just pushed")
    }

    /// The integer option `name`.
    pub(crate) fn int(&self, name: &str) -> i64 {
        match self.option(name) {
            OptionValue::Int(v) => v,
            other => panic!(
                "option {name} of {} is not an integer: {other:?}",
                self.rule.name
            ),
        }
    }

    /// The string option `name`.
    pub(crate) fn string(&self, name: &str) -> String {
        match self.option(name) {
            OptionValue::Str(v) => v,
            other => panic!(
                "option {name} of {} is not a string: {other:?}",
                self.rule.name
            ),
        }
    }

    /// The list option `name`.
    pub(crate) fn list(&self, name: &str) -> Vec<String> {
        match self.option(name) {
            OptionValue::List(v) => v,
            other => panic!(
                "option {name} of {} is not a list: {other:?}",
                self.rule.name
            ),
        }
    }

    fn option(&self, name: &str) -> OptionValue {
        if let Some(v) = self.options.get(name) {
            return v.clone();
        }
        self.rule
            .options
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("rule {} has no option {name}", self.rule.name))
            .default_value()
    }

    /// The findings reported so far.
    pub(crate) fn into_findings(self) -> Vec<Finding> {
        self.out
    }
}

/// How many teams an org-wide ML finding relates (`no-ml-guild`, `scattered-research`): the
/// first ones, then a count of the rest.
const TEAMS_SHOWN: usize = 3;

/// Relates to `f` the first [`TEAMS_SHOWN`] of `teams` (each a team and its first ML
/// practitioner's entry in `members`: "bob is an ML practitioner in {kind}Search"), and counts
/// the rest.
pub(crate) fn relate_ml_teams(
    f: &mut Finding,
    teams: &[(&crate::model::Team, &crate::model::Str)],
    kind: &str,
) {
    f.more_related(teams.len().saturating_sub(TEAMS_SHOWN));
    for (team, entry) in teams.iter().take(TEAMS_SHOWN) {
        f.related(
            entry.span,
            format!(
                "{} is an ML practitioner in {kind}{}",
                crate::text::shown_id(entry.as_str()),
                team.label()
            ),
        );
    }
}

/// Helpers for the rules' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::finding::Finding;

    /// Lints a fresh tree of `(path, text)` files (an `orglint.toml` among them configures it) with
    /// only `rule` selected, and returns that rule's findings.
    pub fn findings(rule: &str, files: &[(&str, &str)]) -> Vec<Finding> {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("in the dir")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let report = crate::check(&crate::CheckOptions {
            paths: vec![dir.path().to_path_buf()],
            cwd: dir.path().to_path_buf(),
            select: vec![rule.to_owned()],
            ..Default::default()
        })
        .expect("check");
        report
            .findings
            .into_iter()
            .filter(|f| f.rule.name == rule)
            .map(|f| f.finding)
            .collect()
    }

    /// The messages of `rule` on a tree of `(path, text)` files.
    pub fn messages(rule: &str, files: &[(&str, &str)]) -> Vec<String> {
        findings(rule, files)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    /// A person built in memory, with no source: id `id`, reporting to `boss`.
    pub fn bare_person(id: &str, boss: Option<&str>) -> crate::model::Person {
        let span = crate::source::Span::new(0, 0..0);
        let s = |v: &str| crate::model::Str::new(v, span);
        let mut person = crate::model::Person::bare(span, s(id));
        person.reports_to = boss.map(s);
        person
    }

    /// A `[[person]]` with id and name `id` and `role`.
    /// How many findings `rule` makes on an org at `stage` (written as TOML, or absent: derived
    /// from headcount) with one ML team and nothing else: for the rules that are quiet at a
    /// startup.
    pub fn ml_team_findings_at(rule: &str, stage: Option<&str>) -> usize {
        let stage = stage.map_or(String::new(), |s| format!("stage = {s}\n"));
        let org = format!(
            "[org]\nname = \"Acme\"\n{stage}\n[[team]]\nid = \"ml\"\nname = \"ML\"\nkind = \"centralized-ml\"\n"
        );
        messages(rule, &[("org.toml", &org)]).len()
    }

    /// Checks that `rule` fires on one ML team at a scale-up or an enterprise, and not at a
    /// startup, declared or derived, nor while `stage` is unreadable (`invalid-value`'s).
    pub fn quiet_at_startup(rule: &str) {
        assert_eq!(ml_team_findings_at(rule, Some("\"scaleup\"")), 1);
        assert_eq!(ml_team_findings_at(rule, Some("\"enterprise\"")), 1);
        assert_eq!(ml_team_findings_at(rule, Some("\"startup\"")), 0);
        // No `stage`, and fewer than 50 people: a startup.
        assert_eq!(ml_team_findings_at(rule, None), 0);
        assert_eq!(ml_team_findings_at(rule, Some("\"big\"")), 0);
    }

    pub fn person(id: &str, role: &str) -> String {
        format!("[[person]]\nid = \"{id}\"\nname = \"{id}\"\nrole = \"{role}\"\n")
    }
}

/// What rule files import (not every rule needs every name).
#[allow(unused_imports)]
pub(crate) mod prelude {
    pub(crate) use super::{Check, Ctx, OptionKind, Rule, RuleCategory, RuleOption};
    pub(crate) use crate::finding::Level;
    pub(crate) use crate::model::{GuildKey, Org, OrgKey, PersonKey, Team, TeamKey};
    pub(crate) use crate::roles::Category;
    pub(crate) use crate::source::Span;
    pub(crate) use crate::text::{
        join_choices, join_names, shown, shown_code, shown_id, shown_name,
    };
}
