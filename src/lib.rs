//! orglint: lint organisation-as-code. Load a tree of TOML entity files, build the org, run the rules, return findings; never print.

pub mod chain;
pub mod config;
pub mod fields;
pub mod finding;
pub mod load;
pub mod model;
pub mod render;
pub mod roles;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suppress;
pub mod tree;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, ConfigError, ConfigProblem};
use crate::finding::{Finding, Level, closest};
use crate::load::{display_path, normalize};
use crate::model::Org;
use crate::rules::{Check, Ctx, RULES, Rule, RuleCategory};
use crate::source::{Sources, floor_char_boundary};
use crate::tree::{Kind, Tree};

/// What to lint, and how.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// The PATH arguments; none means the working directory.
    pub paths: Vec<PathBuf>,
    /// `--config`: use this file instead of the discovered `orglint.toml`.
    pub config: Option<PathBuf>,
    /// `--select`: only these rules or categories.
    pub select: Vec<String>,
    /// `--ignore`: not these rules or categories.
    pub ignore: Vec<String>,
    /// The working directory paths are shown relative to.
    pub cwd: PathBuf,
}

/// The outcome of a run.
#[derive(Debug)]
pub struct Report {
    /// Every file read (findings point into them).
    pub sources: Sources,
    /// The org that was checked.
    pub org: Org,
    /// Findings to report, sorted by file, line, column and rule.
    pub findings: Vec<Finding>,
    /// How many entity files were read (the whole tree, also with file arguments).
    pub files: usize,
    /// How many findings in scope suppression comments hid.
    pub suppressed: usize,
    /// How many findings in scope a baseline hid.
    pub baselined: usize,
    /// How many files of the tree could not be parsed (and so kept the whole-org rules from
    /// running, which concerns the findings in scope too).
    pub broken: usize,
    /// The root and what is an entity file under it.
    pub tree: Tree,
    /// PATH arguments that were not checked, each with why: (shown path, reason).
    pub not_checked: Vec<(String, String)>,
}

impl Report {
    /// How many findings have `level`.
    pub fn count(&self, level: Level) -> usize {
        // A finding that stands for more (see `finding::cap_per_file`) counts as all of them.
        self.findings
            .iter()
            .filter(|f| f.level == level)
            .map(|f| 1 + f.more)
            .sum()
    }
}

/// Why a run could not produce a report.
#[derive(Debug)]
pub enum Error {
    /// A bad argument (exit code 2).
    Usage(String),
    /// A PATH or `orglint.toml` that cannot be read (exit code 2).
    Io(String),
    /// Mistakes in `orglint.toml` (exit code 2).
    Config(Vec<ConfigProblem>),
}

impl From<ConfigError> for Error {
    fn from(e: ConfigError) -> Self {
        match e {
            ConfigError::Io(m) => Error::Io(m),
            ConfigError::Invalid(p) => Error::Config(p),
        }
    }
}

/// Which rules run: the configured levels, narrowed by `--select` and `--ignore`.
struct Enabled {
    levels: Vec<Level>,
}

impl Enabled {
    fn new(config: &Config, select: &[String], ignore: &[String]) -> Result<Self, Error> {
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
        Ok(Enabled { levels })
    }

    fn level(&self, rule: &'static Rule) -> Level {
        self.levels[rule.index()]
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

/// Finds the root: the nearest directory from `start` upwards with `orglint.toml`.
fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        if d.join(config::FILE_NAME).symlink_metadata().is_ok() {
            return Some(d.to_path_buf());
        }
        dir = d.parent();
    }
    None
}

/// Lints the tree the options name.
pub fn check(opts: &CheckOptions) -> Result<Report, Error> {
    let cwd = normalize(&opts.cwd);
    let given: Vec<PathBuf> = if opts.paths.is_empty() {
        vec![cwd.clone()]
    } else {
        opts.paths.iter().map(|p| normalize(&cwd.join(p))).collect()
    };
    for p in &given {
        // A dangling link is there: the walk reports it as a finding, as it does in the tree.
        if p.symlink_metadata().is_err() {
            return Err(Error::Io(format!(
                "`{}` does not exist",
                display_path(p, &cwd)
            )));
        }
    }
    let first = &given[0];
    // With file arguments (as pre-commit passes them, from the top of the repository), the search
    // starts from the working directory, so that an `orglint.toml` a pull request adds next to a
    // file cannot re-root the run (SPEC §1, root discovery); only then from the first file.
    let discovered = if first.is_dir() {
        discover(first)
    } else {
        discover(&cwd).or_else(|| discover(first.parent().unwrap_or(&cwd)))
    };
    let root = match &discovered {
        Some(root) => root.clone(),
        None if first.is_dir() => first.clone(),
        None => cwd.clone(),
    };
    if let Some(outside) = given.iter().find(|p| !p.starts_with(&root)) {
        return Err(Error::Usage(format!(
            "`{}` is outside the org root `{}`; check one org at a time",
            display_path(outside, &cwd),
            display_path(&root, &cwd)
        )));
    }
    let config_path = match (&opts.config, &discovered) {
        (Some(path), _) => {
            let path = normalize(&cwd.join(path));
            if !path.exists() {
                return Err(Error::Io(format!(
                    "config file `{}` does not exist",
                    display_path(&path, &cwd)
                )));
            }
            Some((path, None))
        }
        (None, Some(root)) => Some((root.join(config::FILE_NAME), Some(root.clone()))),
        (None, None) => None,
    };
    let config = match &config_path {
        Some((path, within)) => config::load(path, &display_path(path, &cwd), within.as_deref())?,
        None => Config::default(),
    };
    let enabled = Enabled::new(&config, &opts.select, &opts.ignore)?;
    let tree = Tree {
        root: root.clone(),
        exclude: config.exclude.clone(),
        config: config_path.map(|(path, _)| path),
    };
    // Which PATHs narrow the report: none when one is the root, or names the configuration,
    // since a change there can change any finding (SPEC §1).
    let mut whole = false;
    let mut named = Vec::new();
    let mut not_checked = Vec::new();
    let real_root = std::fs::canonicalize(&root).ok();
    // (a PATH, the path the walk reads it by) for each PATH that goes through a link.
    let mut aliases: Vec<(PathBuf, PathBuf)> = Vec::new();
    for p in &given {
        match tree.classify(p, p.is_dir()) {
            Kind::Config => whole = true,
            _ if *p == root => whole = true,
            Kind::Entity => {
                named.push(p.clone());
                // A link inside the tree (`r.toml -> teams/rides.toml`, or a path through a
                // directory link) names the file the walk reads under its real path: report that
                // file's findings too, rather than none in silence.
                let real = std::fs::canonicalize(p).ok();
                if let (Some(real), Some(real_root)) = (&real, &real_root) {
                    if !real.starts_with(real_root) {
                        let why = "it points outside the org tree; not read".to_owned();
                        not_checked.push((display_path(p, &cwd), why));
                    }
                }
                if let Some(rel) = real
                    .as_deref()
                    .zip(real_root.as_deref())
                    .and_then(|(real, real_root)| real.strip_prefix(real_root).ok())
                {
                    let target = normalize(&root.join(rel));
                    if target != *p {
                        named.push(target.clone());
                        aliases.push((p.clone(), target));
                    }
                }
            }
            Kind::Skipped(why) => not_checked.push((display_path(p, &cwd), why)),
        }
    }
    let filter = (!whole).then_some(named);
    let mut report = run(&tree, &config, &enabled, filter.as_deref(), &cwd);
    // A directory argument under which the walk read nothing (every file in it excluded, say).
    let named: HashSet<&PathBuf> = filter.iter().flatten().collect();
    let dirs: Vec<&PathBuf> = given
        .iter()
        .filter(|p| named.contains(p) && p.is_dir())
        .collect();
    if !dirs.is_empty() {
        let mut read = HashSet::new();
        for src in report.sources.iter() {
            let mut dir = normalize(&cwd.join(&src.path));
            while dir.pop() && dir.starts_with(&root) && read.insert(dir.clone()) {}
        }
        let read_as = |d: &PathBuf| aliases.iter().any(|(p, t)| p == d && read.contains(t));
        for dir in dirs
            .into_iter()
            .filter(|d| !read.contains(*d) && !read_as(d))
        {
            let why =
                "no entity file under it was read (all excluded, hidden or not `.toml`)".to_owned();
            not_checked.push((display_path(dir, &cwd), why));
        }
    }
    report.not_checked = not_checked;
    Ok(report)
}

fn run(
    tree: &Tree,
    config: &Config,
    enabled: &Enabled,
    filter: Option<&[PathBuf]>,
    cwd: &Path,
) -> Report {
    let loaded = load::load(&tree.root, &config.exclude, config.path.as_deref(), cwd);
    let broken = loaded.broken();
    let mut org = loaded.org;
    org.index(&config.roles);
    let org_rules_run = broken == 0;
    let mut findings = loaded.findings;
    if org_rules_run {
        let per_rule: Vec<Vec<Finding>> = RULES
            .par_iter()
            .filter(|&&rule| enabled.level(rule) != Level::Off)
            .filter_map(|&rule| match rule.check {
                Check::Org(check) => {
                    let options = config.options(rule);
                    let mut cx = Ctx::new(&org, &loaded.sources, &config.roles, rule, &options);
                    check(&mut cx);
                    Some(cx.into_findings())
                }
                Check::Load | Check::Suppression => None,
            })
            .collect();
        findings.extend(per_rule.into_iter().flatten());
    }
    // Whether each file is a PATH argument or lies under one, worked out once per file, not per
    // finding, and by looking its ancestors up: pre-commit may name every file of the tree. A file
    // that could not be parsed is always in scope: it kept the whole-org rules from running, so a
    // hook run that names other files must still fail on it, not pass with those rules unrun.
    let in_filter: Option<Vec<bool>> = filter.map(|paths| {
        let wanted: HashSet<&Path> = paths.iter().map(PathBuf::as_path).collect();
        loaded
            .sources
            .iter()
            .zip(&loaded.broken_files)
            .map(|(src, &broken)| {
                let file = normalize(&cwd.join(&src.path));
                broken || file.ancestors().any(|a| wanted.contains(a))
            })
            .collect()
    });
    let in_scope = |f: &Finding| match (&in_filter, f.primary) {
        (None, _) => true,
        (Some(files), Some(span)) => files[span.file as usize],
        (Some(_), None) => false,
    };
    // A comment suppresses only findings of its own file: with the findings and the comments of
    // the files out of scope left out, every count below is of the findings in scope.
    findings.retain(|f| enabled.level(f.rule) != Level::Off && in_scope(f));
    let mut suppressions = loaded.suppressions;
    if let Some(files) = &in_filter {
        for (sups, _) in suppressions
            .iter_mut()
            .zip(files)
            .filter(|(_, keep)| !**keep)
        {
            sups.clear();
        }
    }
    let ran = |name: &str| {
        rules::find(name).is_some_and(|r| {
            enabled.level(r) != Level::Off && (org_rules_run || !matches!(r.check, Check::Org(_)))
        })
    };
    let scopes = suppress::Scopes {
        suppressions: &suppressions,
        entities: &loaded.entities,
        headers: &loaded.headers,
    };
    let applied = suppress::apply(findings, &scopes, &ran, config.require_reason);
    let sources = loaded.sources;
    let mut findings: Vec<Finding> = applied
        .findings
        .into_iter()
        .filter_map(|mut f| {
            f.level = enabled.level(f.rule);
            (f.level != Level::Off).then_some(f)
        })
        .filter(in_scope)
        .collect();
    for f in &mut findings {
        f.fingerprint = fingerprint(f, &sources, &scopes);
    }
    sort_findings(&mut findings, &sources);
    let findings = finding::cap_per_file(findings);
    Report {
        files: sources.len(),
        sources,
        org,
        findings,
        suppressed: applied.suppressed,
        baselined: 0,
        broken,
        tree: tree.clone(),
        not_checked: Vec::new(),
    }
}

/// Sorts by file, line, column, rule, then message, so that output is stable.
fn sort_findings(findings: &mut [Finding], sources: &Sources) {
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

/// How many bytes of an entity's name, or of the text a finding points at, go into its
/// fingerprint: enough to tell entities apart, and a bound on the work per finding.
pub(crate) const FINGERPRINT_BYTES: usize = 256;

/// A stable id for a finding (FNV-1a): the rule, the entity it lies in (else the file), the text it
/// points at and its message without digits, so that neither moved lines nor changed counts
/// ("12 direct reports") make it a new finding. Entity and text count only up to
/// [`FINGERPRINT_BYTES`], so that each finding costs a bounded amount of work.
fn fingerprint(f: &Finding, sources: &Sources, scopes: &suppress::Scopes<'_>) -> String {
    let (entity, snippet) = match f.primary {
        Some(s) => {
            let src = sources.get(s.file);
            let entity = scopes.entity(s.file, s.start).unwrap_or(&src.display);
            let snippet = src.slice(s);
            (
                entity,
                &snippet[..floor_char_boundary(snippet, FINGERPRINT_BYTES)],
            )
        }
        None => ("", ""),
    };
    let message: String = f.message.chars().filter(|c| !c.is_ascii_digit()).collect();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [f.rule.name, entity, snippet, message.as_str()] {
        for b in part.bytes().chain([0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
