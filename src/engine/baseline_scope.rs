//! The stages of a run that read or write a baseline: which findings an accepted baseline hides,
//! which of its entries this run can judge (its scope) and which of those are fixed, and the
//! baseline `--write-baseline` writes.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::{Settings, org_rules_run, rule_ran};
use crate::baseline::{Baseline, Entry};
use crate::finding::Reported;
use crate::load::Loaded;
use crate::paths::normalize;
use crate::rules::{self, Check, RULES};

/// The baseline stage: drops the findings `baseline` accepts (each of its entries accepts one
/// finding, in sorted order), and says how many. A finding of a rule that cannot be hidden
/// ([`crate::Rule::suppressible`]: `invalid-toml`) is never dropped, whatever the baseline holds.
pub fn baseline(findings: Vec<Reported>, baseline: &Baseline) -> (Vec<Reported>, usize) {
    if baseline.is_empty() {
        return (findings, 0);
    }
    let mut left: HashMap<String, usize> = HashMap::new();
    let before = findings.len();
    let kept: Vec<Reported> = findings
        .into_iter()
        .filter(|f| {
            if !f.rule.suppressible || !baseline.contains(&f.fingerprint) {
                return true;
            }
            let left = left
                .entry(f.fingerprint.clone())
                .or_insert_with(|| baseline.count(&f.fingerprint));
            if *left > 0 {
                *left -= 1;
                false
            } else {
                true
            }
        })
        .collect();
    let hidden = before - kept.len();
    (kept, hidden)
}

/// Which entries of a baseline a run can judge: those of a rule that ran, in a file whose findings
/// it reports. An entry outside it is neither fixed nor dropped when the baseline is rewritten:
/// `--select team-silo` or a pre-commit run on one file says nothing about the others.
#[derive(Debug)]
pub struct BaselineScope {
    /// Per rule (by index in [`RULES`]), whether it ran.
    ran: Vec<bool>,
    /// Every file read, by its path relative to the root, and whether it could not be parsed.
    files: HashMap<String, bool>,
    /// The root.
    root: PathBuf,
    /// The PATH arguments (absolute, normalised) that narrow the run; `None` for the whole tree.
    paths: Option<HashSet<PathBuf>>,
}

impl BaselineScope {
    /// The scope of a run of `settings` over `loaded`, narrowed to `paths` as [`super::PathFilter::new`]
    /// narrows it (`None` for the whole tree).
    pub fn new(loaded: &Loaded, settings: &Settings, paths: Option<&[PathBuf]>) -> Self {
        let org_rules_run = org_rules_run(loaded);
        let ran = RULES
            .iter()
            .map(|&rule| rule_ran(rule, settings, org_rules_run))
            .collect();
        let files = (0..loaded.sources.len())
            .map(|i| {
                let file = i as crate::source::FileId;
                (loaded.root_path(file), loaded.broken_files[i])
            })
            .collect();
        BaselineScope {
            ran,
            files,
            root: loaded.root.clone(),
            paths: paths.map(|p| p.iter().cloned().collect()),
        }
    }

    /// Whether `entry` is in scope: its rule ran; it has no file and the whole tree was checked,
    /// or its file is one the run reports (named, under a PATH, or broken, as [`super::PathFilter`]
    /// keeps it); and its file could be parsed, unless it is `invalid-toml`'s (a broken file's
    /// other findings are unknown, not fixed).
    pub fn covers(&self, entry: &Entry) -> bool {
        let Some(rule) = rules::find(&entry.rule) else {
            return false;
        };
        if !self.ran[crate::rules::index_of(rule)] {
            return false;
        }
        let Some(file) = &entry.file else {
            return self.paths.is_none();
        };
        let broken = self.files.get(file).copied().unwrap_or(false);
        if broken && !matches!(rules::check_of(rule), Check::Parse) {
            return false;
        }
        match &self.paths {
            None => true,
            Some(paths) => {
                broken || {
                    let path = normalize(&self.root.join(file));
                    path.ancestors().any(|a| paths.contains(a))
                }
            }
        }
    }
}

/// How a run's findings compare with the baseline it was given.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct BaselineCheck {
    /// How many entries in scope match no finding: fixed since the baseline was written.
    pub fixed: usize,
    /// How many findings an entry matches.
    pub matched: usize,
    /// What looks wrong with the baseline, one sentence each, about "it" (the CLI says which
    /// file): another org's, or of rules this orglint does not have.
    pub warnings: Vec<String>,
}

/// Compares `findings` (before the baseline stage hides any) with `accepted`: which entries in
/// `scope` are fixed, and whether the baseline looks like another org's (another `[org]` name; or
/// nothing matches while none of its files is in the tree, or while there are findings it could
/// have matched).
pub fn check_baseline(
    findings: &[Reported],
    accepted: &Baseline,
    scope: &BaselineScope,
    loaded: &Loaded,
) -> BaselineCheck {
    let mut check = BaselineCheck::default();
    if accepted.is_empty() {
        return check;
    }
    let mut found: HashMap<&str, usize> = HashMap::new();
    for f in findings.iter().filter(|f| f.rule.suppressible) {
        *found.entry(f.fingerprint.as_str()).or_insert(0) += 1;
    }
    // Entries of a rule no baseline may hide: they match nothing and are dropped on rewrite.
    let mut unhideable: Vec<&str> = Vec::new();
    let mut unhideable_count = 0;
    // Per fingerprint, the entries in scope; the findings use them up first.
    let mut in_scope: HashMap<&str, usize> = HashMap::new();
    let mut unknown: Vec<&str> = Vec::new();
    let mut unknown_count = 0;
    let (mut with_file, mut file_here) = (0, 0);
    for e in accepted.entries() {
        if !hideable(e) {
            unhideable_count += 1;
            if !unhideable.contains(&e.rule.as_str()) {
                unhideable.push(&e.rule);
            }
            continue;
        }
        if scope.covers(e) {
            *in_scope.entry(e.fingerprint.as_str()).or_insert(0) += 1;
        }
        if !e.rule.is_empty() && rules::find(&e.rule).is_none() {
            unknown_count += 1;
            if !unknown.contains(&e.rule.as_str()) {
                unknown.push(&e.rule);
            }
        }
        if let Some(file) = &e.file {
            with_file += 1;
            file_here += usize::from(scope.files.contains_key(file));
        }
    }
    check.fixed = in_scope
        .iter()
        .map(|(fp, &n)| n.saturating_sub(found.get(fp).copied().unwrap_or(0)))
        .sum();
    check.matched = found.iter().map(|(fp, &n)| n.min(accepted.count(fp))).sum();
    if unhideable_count > 0 {
        let names: Vec<String> = unhideable
            .iter()
            .map(|n| crate::text::shown_code(n).to_string())
            .collect();
        check.warnings.push(format!(
            "{} of it {} of {}, which no baseline hides (a file that does not parse is always \
             reported); rewrite it with `--write-baseline` once the file is fixed",
            counted(unhideable_count, "entry", "entries"),
            crate::text::one_or_many(unhideable_count, "is", "are"),
            names.join(", "),
        ));
    }
    let ours = loaded.org.facts().and_then(|f| f.name);
    if let (Some(theirs), Some(ours)) = (accepted.org(), ours) {
        if theirs != ours {
            check.warnings.push(format!(
                "it was written for the org {}, not for {}: is it another org's baseline?",
                crate::text::shown_code(theirs),
                crate::text::shown_code(ours)
            ));
        }
    }
    let entries_in_scope: usize = in_scope.values().sum();
    if check.warnings.is_empty() && check.matched == 0 {
        if with_file > 0 && file_here == 0 {
            check.warnings.push(format!(
                "none of the {} files it names is in this tree: is it another org's baseline?",
                thousands_files(accepted)
            ));
        } else if entries_in_scope > 0 && !findings.is_empty() {
            check.warnings.push(format!(
                "none of its {} in this run's scope matches any of the run's {}: is it another \
                 org's baseline, or from before the findings changed?",
                counted(entries_in_scope, "entry", "entries"),
                counted(findings.len(), "finding", "findings"),
            ));
        }
    }
    if unknown_count > 0 {
        let names: Vec<String> = unknown
            .iter()
            .take(3)
            .map(|n| crate::text::shown_code(n).to_string())
            .collect();
        let more = if unknown.len() > 3 { ", ..." } else { "" };
        check.warnings.push(format!(
            "{} of it name rules this orglint does not have ({}{more}); they match nothing: \
             rewrite it with `--write-baseline`",
            counted(unknown_count, "entry", "entries"),
            names.join(", "),
        ));
    }
    check
}

/// Whether a baseline's `entry` may hide a finding: its rule is one that may be hidden, or one this
/// orglint does not have (which matches nothing, and is warned about).
fn hideable(entry: &Entry) -> bool {
    rules::find(&entry.rule).is_none_or(|rule| rule.suppressible)
}

/// How many distinct files the entries of `baseline` name.
fn thousands_files(baseline: &Baseline) -> String {
    let files: HashSet<&str> = baseline
        .entries()
        .iter()
        .filter_map(|e| e.file.as_deref())
        .collect();
    crate::text::thousands(files.len())
}

/// `n` and the noun for it, with thousands separators: `1 entry`, `1,204 entries`.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::text::thousands(n),
        crate::text::one_or_many(n, one, many)
    )
}

/// The baseline `--write-baseline` writes: an entry for each of `findings` (every finding the run
/// reports before the baseline stage, so none that a comment suppresses and none out of scope)
/// that a baseline may hide (not `invalid-toml`'s: see [`crate::Rule::suppressible`]), and the entries of
/// `previous` outside `scope`, which this run cannot judge and so keeps. The entries of `previous`
/// in scope are dropped: those still found come back from `findings`, the others are fixed; so
/// are its entries of a rule no baseline may hide. It is written for `loaded`'s org.
pub fn record(
    findings: &[Reported],
    loaded: &Loaded,
    previous: &Baseline,
    scope: &BaselineScope,
) -> Baseline {
    let current = findings.iter().filter(|f| f.rule.suppressible).map(|f| {
        let file = f.primary.map(|s| loaded.root_path(s.file));
        Entry::new(file, f.rule.name, &f.fingerprint, &f.message)
    });
    let kept = previous
        .entries()
        .iter()
        .filter(|e| hideable(e) && !scope.covers(e))
        .cloned();
    let org = loaded.org.facts().and_then(|f| f.name).map(str::to_owned);
    Baseline::from_entries(org, current.chain(kept).collect())
}
