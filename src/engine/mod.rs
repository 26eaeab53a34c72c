//! The staged engine every front end shares: load a workspace (from disk or from texts), build
//! the model, run the rules, then the post-processing stages, each a function with one job.
//! [`lint`] composes them as [`crate::check`] runs them; a front end that needs another order,
//! or only some of them, calls them itself. Nothing here is global: two workspaces may be
//! linted side by side in one process.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Error;
pub use crate::baseline::{Baseline, Entry};
use crate::config::Config;
use crate::finding::{self, Finding, Level, Reported};
use crate::limits::FINGERPRINT_BYTES;
use crate::load::{self, Loaded};
use crate::paths::normalize;
use crate::rules::{self, Check, Ctx, RULES, Rule, RuleCategory};
use crate::source::{Sources, floor_char_boundary};
use crate::suggest::closest;
use crate::suppress;
use crate::tree::Tree;

mod baseline_scope;
mod outcome;
pub use baseline_scope::{BaselineCheck, BaselineScope, baseline, check_baseline, record};
pub use outcome::{Report, Since};

/// A validated configuration and the level of every rule in it: the configured levels, narrowed
/// by `--select` and `--ignore`. Built once, it serves any number of workspaces.
#[derive(Debug, Clone)]
pub struct Settings {
    config: Config,
    levels: Vec<Level>,
}

impl Settings {
    /// The settings of `config`, with only the rules or categories `select` names (all when
    /// empty), less those `ignore` names; each may list several, separated by commas. An unknown
    /// or empty name is an [`Error::Usage`].
    pub fn new(config: Config, select: &[String], ignore: &[String]) -> Result<Self, Error> {
        let select = parse_selectors("--select", select)?;
        let ignore = parse_selectors("--ignore", ignore)?;
        let levels = RULES
            .iter()
            .map(|rule| {
                if !rule.configurable {
                    return rule.default_level;
                }
                let picked = select.is_empty() || select.iter().any(|s| s.matches(rule));
                let named = select
                    .iter()
                    .any(|s| matches!(s, Selector::Rule(name) if *name == rule.name));
                if !picked || ignore.iter().any(|s| s.matches(rule)) {
                    Level::Off
                } else {
                    match config.level(rule) {
                        // Naming a rule asks for it: orglint.toml's "off" gives way (SPEC §5).
                        Level::Off if named => rule.default_level,
                        level => level,
                    }
                }
            })
            .collect();
        Ok(Settings { config, levels })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The level `rule` runs at; [`Level::Off`] when it does not run.
    pub fn level(&self, rule: &'static Rule) -> Level {
        self.levels[crate::rules::index_of(rule)]
    }
}

enum Selector {
    Rule(&'static str),
    Category(RuleCategory),
}

impl Selector {
    fn matches(&self, rule: &Rule) -> bool {
        match self {
            Selector::Rule(name) => rule.name == *name,
            Selector::Category(c) => rule.category == *c,
        }
    }
}

fn parse_selectors(flag: &str, items: &[String]) -> Result<Vec<Selector>, Error> {
    // An argument that names nothing (`--select ''`, `--select=,`) would otherwise select every
    // rule in silence.
    if let Some(empty) = items
        .iter()
        .find(|s| s.split(',').all(|n| n.trim().is_empty()))
    {
        return Err(Error::Usage(format!(
            "`{flag} {empty:?}` names no rule or category; `orglint rules` lists them"
        )));
    }
    items
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            if let Some(rule) = rules::find(s) {
                return Ok(Selector::Rule(rule.name));
            }
            if let Some(c) = RuleCategory::parse(s) {
                return Ok(Selector::Category(c));
            }
            let names = RULES
                .iter()
                .map(|r| r.name)
                .chain(RuleCategory::ALL.iter().map(|c| c.as_str()));
            let hint = closest(s, names)
                .map_or(String::from("; `orglint rules` lists them"), |n| {
                    format!("; did you mean `{n}`?")
                });
            Err(Error::Usage(format!(
                "`{s}` is neither a rule nor a category{hint}"
            )))
        })
        .collect()
}

/// Stage 1, from disk: walks `tree` and loads every entity file in it (paths shown relative to
/// `cwd`).
pub fn load_tree(tree: &Tree, cwd: &Path) -> Loaded {
    load::load(&tree.root, &tree.exclude, tree.config.as_deref(), cwd)
}

/// Stage 1, from memory: loads `(path, text)` pairs a caller holds (an editor's buffers, a git
/// revision) exactly as [`load_tree`] loads files: in path order (a path given twice keeps its
/// last text), within the same size limits, with the same findings, and shown by the same paths
/// (relative to `cwd`, which relative paths are joined to). Every pair is read as an entity file:
/// leave out what the walk would not read ([`Tree::classify`] says which, for an absolute,
/// normalised path), and give `orglint.toml` to [`Config::parse`] instead.
///
/// It never touches the file system, so texts from anyone are safe to give: a path is only a
/// name (`/etc/passwd` is the text given for it; `..` is resolved by name and a path outside
/// `cwd` is shown absolute), and names and texts reach every format escaped. What cannot be an
/// entity file is reported, not read, as `invalid-toml`: a text over
/// [`crate::limits::MAX_FILE_SIZE`] or past [`crate::limits::MAX_TOTAL_SIZE`], and a path that
/// names no file (`""`, `teams/`, `.`, `a/..`).
pub fn load_texts<P, T>(files: impl IntoIterator<Item = (P, T)>, cwd: &Path) -> Loaded
where
    P: Into<PathBuf>,
    T: Into<String>,
{
    let files = files
        .into_iter()
        .map(|(p, t)| (p.into(), t.into()))
        .collect();
    load::load_texts(files, cwd)
}

/// A workspace with its model built: what the rules and every later stage read. It derefs to
/// the [`Loaded`] workspace it was built from; only [`build_model`] makes one, so no stage can
/// run on a model whose indexes are missing.
#[derive(Debug)]
pub struct Model {
    loaded: Loaded,
}

impl std::ops::Deref for Model {
    type Target = Loaded;

    fn deref(&self) -> &Loaded {
        &self.loaded
    }
}

impl Model {
    /// Takes the loader's findings out (they go on to the later stages with the rules'),
    /// leaving none.
    pub fn take_loader_findings(&mut self) -> Vec<Finding> {
        std::mem::take(&mut self.loaded.findings)
    }

    /// The workspace back, to take its sources and org into a [`Report`].
    pub fn into_loaded(self) -> Loaded {
        self.loaded
    }
}

/// Stage 2: builds the model's indexes (ids, reporting lines, role categories from `config`).
pub fn build_model(mut loaded: Loaded, config: &Config) -> Model {
    loaded.org.index(&config.roles);
    Model { loaded }
}

/// Whether the whole-org rules may run on `loaded`: not when a file could not be parsed, since
/// its entities are missing.
pub fn org_rules_run(loaded: &Loaded) -> bool {
    loaded.broken() == 0
}

/// Stage 3: runs every whole-org rule `settings` turns on, in parallel, over the model, and
/// gives their findings (none when a file could not be parsed). The loader's own findings are
/// in [`Loaded::findings`].
pub fn run_rules(model: &Model, settings: &Settings) -> Vec<Finding> {
    let loaded: &Loaded = model;
    if !org_rules_run(loaded) {
        return Vec::new();
    }
    let config = &settings.config;
    let per_rule: Vec<Vec<Finding>> = RULES
        .par_iter()
        .filter(|&&rule| settings.level(rule) != Level::Off)
        .filter_map(|&rule| match crate::rules::check_of(rule) {
            Check::Org(check) => {
                let options = config.options(rule);
                let mut cx = Ctx::new(
                    &loaded.org,
                    &loaded.sources,
                    &config.roles,
                    rule,
                    &options,
                    &loaded.entities,
                );
                check(&mut cx);
                Some(cx.into_findings())
            }
            Check::Parse | Check::Load | Check::Suppression => None,
        })
        .collect();
    per_rule.into_iter().flatten().collect()
}

/// The levels stage: drops the findings of rules `settings` turns off.
pub fn keep_enabled(mut findings: Vec<Finding>, settings: &Settings) -> Vec<Finding> {
    findings.retain(|f| settings.level(f.rule) != Level::Off);
    findings
}

/// Which files' findings a run reports: all, or those of the files PATH arguments name or lie
/// under, and of every file that could not be parsed (it kept the whole-org rules from running,
/// so a hook run that names other files must still fail on it).
#[derive(Debug, Clone, Default)]
pub struct PathFilter {
    /// Per file, whether it is in scope; `None` for every file.
    files: Option<Vec<bool>>,
}

impl PathFilter {
    /// Every file is in scope.
    pub fn everything() -> Self {
        PathFilter::default()
    }

    /// The files of `loaded` that `paths` (absolute and normalised) name or lie under, and every
    /// file that could not be parsed.
    pub fn new(loaded: &Loaded, paths: &[PathBuf]) -> Self {
        // Worked out once per file, not per finding, and by looking its ancestors up: pre-commit
        // may name every file of the tree.
        let wanted: HashSet<&Path> = paths.iter().map(PathBuf::as_path).collect();
        let files = loaded
            .sources
            .iter()
            .zip(&loaded.broken_files)
            .map(|(src, &broken)| {
                let file = normalize(&loaded.cwd.join(&src.path));
                broken || file.ancestors().any(|a| wanted.contains(a))
            })
            .collect();
        PathFilter { files: Some(files) }
    }

    /// Whether file `file` is in scope.
    pub fn keeps_file(&self, file: crate::source::FileId) -> bool {
        self.files.as_ref().is_none_or(|f| f[file as usize])
    }

    /// Whether `finding` is in scope: its file is; one with no place is only when every file is.
    pub fn keeps(&self, finding: &Finding) -> bool {
        match finding.primary {
            Some(span) => self.keeps_file(span.file),
            None => self.files.is_none(),
        }
    }
}

/// The path filter stage: drops the findings out of scope.
pub fn filter_paths(mut findings: Vec<Finding>, paths: &PathFilter) -> Vec<Finding> {
    findings.retain(|f| paths.keeps(f));
    findings
}

/// What the suppression stage gave.
#[derive(Debug, Default)]
pub struct Suppressed {
    /// The findings left, with the findings about the comments (`unused-suppression`,
    /// `invalid-suppression`) added.
    pub findings: Vec<Finding>,
    /// How many findings comments hid.
    pub suppressed: usize,
}

/// The suppression stage: drops the findings that `# orglint: allow(...)` comments hide, and adds
/// the findings about the comments (of `unused-suppression` and `invalid-suppression`, when
/// `settings` runs them). Give it the findings [`keep_enabled`] and [`filter_paths`] kept: then
/// what it adds needs neither, since only the comments of files in scope of `paths` count (a
/// comment suppresses only findings of its own file), and every count is of findings in scope.
pub fn suppress(
    findings: Vec<Finding>,
    loaded: &Loaded,
    settings: &Settings,
    paths: &PathFilter,
) -> Suppressed {
    // The comments as they are when every file is in scope (every run but a hook's): no copy.
    let suppressions: std::borrow::Cow<'_, [Vec<suppress::Suppression>]> = if paths.files.is_none()
    {
        std::borrow::Cow::Borrowed(&loaded.suppressions)
    } else {
        let kept = loaded.suppressions.iter().enumerate().map(|(file, sups)| {
            if paths.keeps_file(file as crate::source::FileId) {
                sups.clone()
            } else {
                Vec::new()
            }
        });
        std::borrow::Cow::Owned(kept.collect())
    };
    let org_rules_run = org_rules_run(loaded);
    let ran = |rule: &'static Rule| rule_ran(rule, settings, org_rules_run);
    let scopes = suppress::Scopes {
        suppressions: &suppressions,
        entities: &loaded.entities,
        headers: &loaded.headers,
    };
    let applied = suppress::apply(findings, &scopes, &ran, settings.config.require_reason);
    Suppressed {
        findings: applied.findings,
        suppressed: applied.suppressed,
    }
}

/// The levels-and-fingerprints stage: each finding of `loaded`'s workspace with its level (from `settings`:
/// keep only enabled findings first, with [`keep_enabled`]) and its fingerprint (FNV-1a, 16 hex
/// digits, of the rule, the entity whose table starts last before the finding, else its file, the
/// text it points at, cut, and its message without digits: neither moved lines nor changed counts
/// make a finding new).
pub fn level_and_fingerprint(
    findings: Vec<Finding>,
    loaded: &Loaded,
    settings: &Settings,
) -> Vec<Reported> {
    findings
        .into_iter()
        .map(|finding| Reported {
            level: settings.level(finding.rule),
            fingerprint: fingerprint(&finding, loaded),
            finding,
            more: 0,
        })
        .collect()
}

/// A stable id for a finding (FNV-1a, 16 hex digits): the rule, the entity whose table starts last
/// before it (else its file's path relative to the root), the text it points at and its message without digits, so that
/// neither moved lines nor changed counts ("12 direct reports") make it a new finding. The entity
/// and the text count only up to a bound (see [`crate::limits`]), so that each finding costs a
/// bounded amount of work.
///
/// The entity is the one whose header comes last before the finding, not [`Finding::entity`] (the
/// one whose table holds it): they differ only for a table written apart from its entity's
/// (`[org.standards]` after a `[[person]]`), and fingerprints stay what they have been.
pub(crate) fn fingerprint(f: &Finding, loaded: &Loaded) -> String {
    let sources = &loaded.sources;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(f.rule.name.as_bytes());
    feed(&[0]);
    let snippet = match f.primary {
        Some(s) => {
            let src = sources.get(s.file);
            match loaded.entities[s.file as usize].last_before(s.start) {
                Some(e) => {
                    feed(e.kind.key().as_bytes());
                    feed(b":");
                    feed(e.id.as_str().as_bytes());
                }
                // Relative to the root, not to the working directory: the same from wherever
                // the run starts.
                None => feed(loaded.root_path(s.file).as_bytes()),
            }
            let snippet = src.slice(s);
            &snippet[..floor_char_boundary(snippet, FINGERPRINT_BYTES)]
        }
        None => "",
    };
    feed(&[0]);
    feed(snippet.as_bytes());
    feed(&[0]);
    let message: String = f.message.chars().filter(|c| !c.is_ascii_digit()).collect();
    feed(message.as_bytes());
    feed(&[0]);
    format!("{hash:016x}")
}

/// Whether `rule` ran in a run of `settings`: it is on, and it is not a whole-org check, or the
/// whole-org checks ran (`org_rules_run`: every file could be parsed).
fn rule_ran(rule: &'static Rule, settings: &Settings, org_rules_run: bool) -> bool {
    settings.level(rule) != Level::Off
        && (org_rules_run || !matches!(rules::check_of(rule), Check::Org(_)))
}

/// The sorting stage: by file, line, column, rule, then message, so that output is stable.
pub fn sort(findings: &mut [Reported], sources: &Sources) {
    findings.sort_by_cached_key(|f| {
        let (file, pos) = match f.primary {
            Some(span) => {
                let src = sources.get(span.file);
                let pos = src.position(span.start as usize);
                (src.display.clone(), (pos.line, pos.column))
            }
            None => (String::new(), (0, 0)),
        };
        (file, pos, f.rule.name, f.message.clone())
    });
}

/// The cap stage: per file and rule, the first [`crate::limits::MAX_PER_FILE`] of `findings`
/// (sorted) and one more that stands for the rest ("... and 250 more `rule` findings in this file", whose [`Reported::more`]
/// counts them).
pub fn cap(findings: Vec<Reported>) -> Vec<Reported> {
    finding::cap_per_file(findings)
}

/// Every stage after loading, as [`crate::check`] runs them: builds the model of `loaded`, runs the
/// rules, then levels, path filter (`paths`: absolute, normalised; `None` for all), suppressions,
/// fingerprints, `baseline`, sorting and cap. `tree` is where the files come from (it tells an
/// output path that would overwrite an input); [`Report::not_checked`] is left empty.
pub fn lint(
    tree: Tree,
    loaded: Loaded,
    settings: &Settings,
    paths: Option<&[PathBuf]>,
    accepted: &Baseline,
) -> Report {
    lint_with(tree, loaded, settings, paths, accepted, false, None)
}

/// [`lint`], and when `write_baseline`, also the baseline `--write-baseline` writes
/// ([`record`]: the current findings, and the entries of `accepted` outside the run's scope), in
/// [`Report::new_baseline`]. The report is then the one a run with that new baseline gives: every
/// finding in scope is baselined, and the entries of `accepted` that are fixed (and so dropped)
/// are counted in [`Report::baseline_fixed`].
///
/// With `since` (`check --since`: the comparison, and the findings of the tree at its revision as
/// a baseline), the findings that tree had are hidden first, and counted in
/// [`Since::existing`]; `accepted` then hides among the rest. A finding no baseline may hide
/// (`invalid-toml`) is never hidden either way.
pub fn lint_with(
    tree: Tree,
    loaded: Loaded,
    settings: &Settings,
    paths: Option<&[PathBuf]>,
    accepted: &Baseline,
    write_baseline: bool,
    since: Option<(Since, &Baseline)>,
) -> Report {
    let mut model = build_model(loaded, &settings.config);
    let mut findings = model.take_loader_findings();
    findings.extend(run_rules(&model, settings));
    let filter = paths.map_or_else(PathFilter::everything, |p| PathFilter::new(&model, p));
    let findings = filter_paths(keep_enabled(findings, settings), &filter);
    let suppressed = suppress(findings, &model, settings, &filter);
    let findings = level_and_fingerprint(suppressed.findings, &model, settings);
    let (checked, new_baseline) = if accepted.is_empty() && !write_baseline {
        (BaselineCheck::default(), None)
    } else {
        let scope = BaselineScope::new(&model, settings, paths);
        let checked = check_baseline(&findings, accepted, &scope, &model);
        let new = write_baseline.then(|| record(&findings, &model, accepted, &scope));
        (checked, new)
    };
    let (findings, since) = match since {
        Some((mut since, existing)) => {
            let (findings, hidden) = baseline(findings, existing);
            since.existing = hidden;
            (findings, Some(since))
        }
        None => (findings, None),
    };
    let (mut findings, baselined) = baseline(findings, new_baseline.as_ref().unwrap_or(accepted));
    sort(&mut findings, &model.sources);
    let mut loaded = model.into_loaded();
    let findings = cap(findings);
    let broken = loaded.broken();
    Report {
        files: loaded.sources.len(),
        sources: std::mem::take(&mut loaded.sources),
        org: std::mem::take(&mut loaded.org),
        findings,
        suppressed: suppressed.suppressed,
        baselined,
        baseline_fixed: checked.fixed,
        baseline_warnings: checked.warnings,
        new_baseline,
        broken,
        tree,
        not_checked: Vec::new(),
        since,
        _rest: loaded,
    }
}
