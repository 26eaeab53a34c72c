//! The rule registry: one module per rule, named after it, each declaring its metadata (`static
//! RULE`) and how it runs (`const CHECK`); the context an org-wide check runs in; and what rule
//! modules share.

use crate::finding::Finding;
pub(crate) use crate::finding::Options;
pub use crate::finding::{OptionKind, OptionValue, Rule, RuleCategory, RuleOption, TypedOption};
use crate::model::Org;
use crate::regions::Entities;
use crate::roles::Roles;
use crate::source::{Sources, Span};

/// Declares each rule's module, then [`RULES`] and the checks beside them, from one list:
/// every rule module declares its metadata (`RULE`) and how it runs (`CHECK`). The modules are
/// open to the crate, so that the loader and the suppression pass name the rules they report by
/// their declaration (`rules::invalid_toml::RULE`): a misspelt rule is a compile error, not a
/// finding that silently maps to no rule.
macro_rules! registry {
    ($($rule:ident),+ $(,)?) => {
        $(pub(crate) mod $rule;)+

        /// Every rule, sorted by name.
        pub static RULES: &[&Rule] = &[$(&$rule::RULE),+];

        /// How each rule of [`RULES`] runs, at the same position.
        static CHECKS: &[Check] = &[$($rule::CHECK),+];
    };
}

registry![
    alumni_in_team,
    centralized_at_small_startup,
    divergent_tooling,
    duplicate_id,
    empty_team,
    inactive_guild,
    invalid_suppression,
    invalid_toml,
    invalid_value,
    knowledge_silo,
    lead_not_member,
    lone_ml_hire,
    management_depth,
    missing_cross_functional_roles,
    missing_field,
    missing_ml_core,
    missing_org,
    ml_guild_coverage,
    multiple_orgs,
    no_ai_intake,
    no_business_context,
    no_dedicated_budget,
    no_engineering_support,
    no_leadership_seat,
    no_ml_guild,
    no_prioritization_process,
    orphan_person,
    overcommitted_person,
    overlapping_ownership,
    reporting_cycle,
    research_in_feature_team,
    scattered_research,
    span_of_control,
    team_cycle,
    team_silo,
    team_size,
    team_without_lead,
    unclear_team_function,
    unknown_field,
    unknown_reference,
    unknown_role,
    unused_suppression,
];

/// The rule named `name`.
pub fn find(name: &str) -> Option<&'static Rule> {
    index(name).map(|i| RULES[i])
}

/// The rule a misspelt `name` most likely meant, for a did-you-mean hint: one a few edits away.
pub fn closest(name: &str) -> Option<&'static Rule> {
    crate::suggest::closest(name, RULES.iter().map(|r| r.name)).and_then(find)
}

/// The position of the rule named `name` in [`RULES`].
pub(crate) fn index(name: &str) -> Option<usize> {
    RULES.binary_search_by(|r| r.name.cmp(name)).ok()
}

/// When and how a rule runs.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// Found by the loader when a file cannot be read or parsed: the one finding a broken file
    /// has (what else it holds is unknown).
    Parse,
    /// Found by the loader, file by file, in the files it parses; runs even when another file
    /// is broken.
    Load,
    /// Found by the suppression pass over comments.
    Suppression,
    /// A check over the whole org; skipped when any file could not be parsed.
    Org(fn(&mut Ctx)),
}

/// How `rule` runs.
pub(crate) fn check_of(rule: &Rule) -> Check {
    CHECKS[index_of(rule)]
}

/// The position of `rule` in [`RULES`].
pub(crate) fn index_of(rule: &Rule) -> usize {
    index(rule.name).expect("every rule is in RULES (tests/it/guard.rs)")
}

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

    /// The whole-number option `opt`: as configured, else its default.
    pub(crate) fn int(&self, opt: TypedOption<i64>) -> i64 {
        match opt.spec().value_in(self.options) {
            OptionValue::Int(v) => v,
            other => self.mistyped(opt.spec(), &other),
        }
    }

    /// The choice option `opt`: as configured, else its default.
    pub(crate) fn string(&self, opt: TypedOption<String>) -> String {
        match opt.spec().value_in(self.options) {
            OptionValue::Str(v) => v,
            other => self.mistyped(opt.spec(), &other),
        }
    }

    /// The list option `opt`: as configured, else its default.
    pub(crate) fn list(&self, opt: TypedOption<Vec<String>>) -> Vec<String> {
        match opt.spec().value_in(self.options) {
            OptionValue::List(v) => v,
            other => self.mistyped(opt.spec(), &other),
        }
    }

    /// A configured value of another type than its option's: the configuration's checks refuse
    /// it before any rule runs, so this is a bug of orglint's.
    fn mistyped(&self, spec: RuleOption, value: &OptionValue) -> ! {
        panic!(
            "option {} of {} holds {value:?}, which its checks should have refused",
            spec.name, self.rule.name
        )
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
    teams: &[(&crate::model::Team, &crate::model::LocatedStr)],
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
        let s = |v: &str| crate::model::LocatedStr::new(v, span);
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
    pub(crate) use super::{Check, Ctx, OptionKind, Rule, RuleCategory, RuleOption, TypedOption};
    pub(crate) use crate::finding::Level;
    pub(crate) use crate::model::{GuildKey, Org, OrgKey, PersonKey, Team, TeamKey};
    pub(crate) use crate::roles::Category;
    pub(crate) use crate::source::Span;
    pub(crate) use crate::text::{
        join_choices, join_names, shown, shown_code, shown_id, shown_name,
    };
}
