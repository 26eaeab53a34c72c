//! orglint: lint organisation-as-code. Load a workspace of TOML entity files (from disk, or texts a
//! caller holds), build the org, run the rules, return findings; never print (the renderers in
//! [`render`] turn a [`Report`] into text).
//!
//! [`check`] is what `orglint check` runs: it finds the root and `orglint.toml` ([`workspace`]),
//! walks the tree and runs every stage. A front end that holds its texts (a language server, a diff of two git
//! revisions) runs the same stages through [`engine`]: [`load_texts`] parses them exactly as files
//! are parsed (same limits, same findings, same paths), and [`lint`] runs the rest. Nothing is
//! global, so one process may lint any number of workspaces.
//!
//! ```
//! use std::path::Path;
//! use orglint::{Baseline, Config, EntityKind, Settings, Tree};
//!
//! // A workspace in memory: an editor's buffers, or the files of a git revision.
//! let files = [
//!     ("org.toml", "[org]\nname = \"Tiny\"\nleadership = [\"ada\"]\n\n\
//!                   [[person]]\nid = \"ada\"\nname = \"Ada\"\nrole = \"cto\"\n"),
//!     ("teams.toml", "[[team]]\nid = \"core\"\nname = \"Core\"\nlead = \"ada\"\nmembers = []\n"),
//! ];
//! let root = Path::new("/src/tiny");
//! let settings = Settings::new(Config::default(), &["lead-not-member".to_owned()], &[])?;
//! let loaded = orglint::load_texts(files, root);
//! let tree = Tree::new(root.to_path_buf(), settings.config());
//! let report = orglint::lint(tree, loaded, &settings, None, &Baseline::default());
//!
//! let [finding] = report.findings.as_slice() else { panic!("{:?}", report.findings) };
//! assert_eq!(finding.message, "ada leads Core but is not in its `members`");
//! assert_eq!(report.sources.get(finding.primary.unwrap().file).display, "teams.toml");
//! // The entity it lies in, and a fix an editor may apply.
//! let entity = finding.entity.as_ref().unwrap();
//! assert_eq!((entity.kind, entity.id.as_str()), (EntityKind::Team, "core"));
//! assert_eq!(finding.fix.as_ref().unwrap().edits[0].replacement, "\"ada\"");
//! // What `orglint check --format json` prints for the same files on disk.
//! let json = orglint::render::format("json").unwrap();
//! assert!(json.render(&report, Default::default()).contains("\"rule\": \"lead-not-member\""));
//! # Ok::<(), orglint::Error>(())
//! ```
//!
//! [`lint`] is these stages, each a function of [`engine`] with one job, which a front end may
//! also call one by one: [`engine::build_model`], [`engine::run_rules`], [`engine::keep_enabled`]
//! (levels), [`engine::filter_paths`], [`engine::suppress`], [`engine::level_and_fingerprint`],
//! [`engine::baseline`], [`engine::sort`] and [`engine::cap`];
//! [`engine::lint_with`] also records the baseline `--write-baseline` writes ([`baseline`] is
//! its file).
//!
//! `examples/lint_texts.rs` is a whole front end on this API (`cargo run --example lint_texts --
//! fixtures/example-org`): it reads a directory's entity files into memory as an editor holds
//! them (filtered with [`Tree::classify`]), prints the findings entity by entity with the text
//! each [`Fix`] leaves, and lints a second revision to say which fingerprints appeared and which
//! disappeared.

#![warn(missing_docs)]

pub mod baseline;
pub(crate) mod beneath;
pub(crate) mod chain;
pub mod config;
pub(crate) mod edits;
pub mod engine;
mod error;
pub mod finding;
pub mod fix;
pub mod gate;
pub mod init;
pub(crate) mod json;
pub mod leadership_report;
pub mod limits;
pub mod load;
pub mod model;
pub mod org_chart;
pub mod paths;
pub(crate) mod regions;
pub mod render;
pub mod revision;
pub mod roles;
pub mod rules;
pub mod schema;
pub mod source;
pub(crate) mod suggest;
pub(crate) mod suppress;
pub mod text;
pub mod tree;
pub mod write;

pub use baseline::Baseline;
pub use config::{Config, ConfigProblem};
pub use engine::{Model, PathFilter, Report, Settings, lint, load_texts, load_tree};
pub use error::Error;
pub use finding::{
    Applicability, Edit, Edited, EntityRef, Finding, Fix, Level, Related, Reported, apply_edits,
};
pub use load::Loaded;
pub use model::{EntityKind, Org};
pub use rules::{RULES, Rule, RuleCategory};
pub use source::{FileId, Position, SourceFile, Sources, Span};
pub use tree::Tree;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::paths::{display_path, normalize};
use crate::text::thousands;
use crate::tree::Kind;

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
    /// `--baseline`: hide the findings this baseline file records.
    pub baseline: Option<PathBuf>,
    /// `--write-baseline`: also give the baseline that records this run's findings, in
    /// [`Report::new_baseline`] (the caller writes it).
    pub write_baseline: bool,
    /// `--since`: hide the findings the org root's tree had at this git revision (SPEC §11), read
    /// with `git` from the repository that holds the root.
    pub since: Option<String>,
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

/// The workspace a run lints: its tree (root, exclusions, configuration file) and settings, as
/// `orglint check` finds them for the same options.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Workspace {
    /// The root and what is an entity file under it.
    pub tree: Tree,
    /// The configuration and the level of every rule.
    pub settings: Settings,
    /// The PATH arguments, absolute and normalised (the working directory when none was given).
    pub paths: Vec<PathBuf>,
    /// The working directory, normalised: paths are shown relative to it.
    pub cwd: PathBuf,
}

/// Finds the workspace `opts` name, as `orglint check` does (SPEC §1): the root is the nearest
/// directory upwards with `orglint.toml` (from the working directory when the PATHs are files, so
/// that a file a pull request adds cannot re-root the run), else the directory given; the
/// configuration is `--config`, else the root's `orglint.toml`, read without following a link out
/// of the root. A language server gives the file it opened as the one PATH, then lints its
/// buffers with [`load_texts`] and [`lint`].
pub fn workspace(opts: &CheckOptions) -> Result<Workspace, Error> {
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
    let tree = Tree::new(root, &config);
    let settings = Settings::new(config, &opts.select, &opts.ignore)?;
    Ok(Workspace {
        tree,
        settings,
        paths: given,
        cwd,
    })
}

/// Why a run found no entity file to check, which ends it (exit code 2): a gate that checks nothing
/// must not pass, whether the path is wrong or `[files].exclude` leaves nothing in.
fn nothing_checked(tree: &Tree, cwd: &Path) -> String {
    let root = display_path(&tree.root, cwd);
    let config = tree.config.as_deref().map_or_else(
        || config::FILE_NAME.to_owned(),
        |path| display_path(path, cwd),
    );
    let on_purpose = match &tree.config {
        Some(_) => {
            format!(
                "to allow a tree with none, set `allow_empty = true` under `[files]` in {config}"
            )
        }
        None => format!(
            "to allow a tree with none, write an `orglint.toml` at `{root}` with `allow_empty = \
             true` under `[files]`"
        ),
    };
    // Worked out only here, on the way out: a second walk, without the exclusions.
    let excluded = load::entity_files(&tree.root, tree.config.as_deref(), cwd);
    if excluded > 0 {
        format!(
            "no entity file was checked: `[files].exclude` in {config} excludes all {} under \
             `{root}`; {on_purpose}",
            match excluded {
                1 => "1 `*.toml` file".to_owned(),
                n => format!("{} `*.toml` files", thousands(n)),
            }
        )
    } else {
        let but = match &tree.config {
            Some(_) => format!(" but {config}"),
            None => String::new(),
        };
        format!(
            "no entity file was checked: there is no `*.toml` file under `{root}`{but} (hidden \
             directories, `target/` and `node_modules/` are not walked); {on_purpose}"
        )
    }
}

/// Lints the tree the options name.
pub fn check(opts: &CheckOptions) -> Result<Report, Error> {
    check_with(opts, &load::Texts::new(), None)
}

/// What `--since` hides for `opts` (nothing without it): the comparison, and the findings of the
/// tree at its revision. Worked out once by a caller that checks again and again ([`fix`]), and
/// given to [`check_with`].
pub(crate) type Existing = Option<(engine::Since, Baseline)>;

/// [`Existing`] for `opts`.
pub(crate) fn existing(opts: &CheckOptions) -> Result<Existing, Error> {
    let Some(revision) = &opts.since else {
        return Ok(None);
    };
    let Workspace {
        tree,
        settings,
        cwd,
        ..
    } = workspace(opts)?;
    let selectors = (opts.select.as_slice(), opts.ignore.as_slice());
    let config_given = opts.config.is_some();
    revision::findings_at(revision, &tree, &settings, config_given, selectors, &cwd).map(Some)
}

/// [`check`], with the entity files that `texts` names (by absolute, normalised path) read from
/// it instead of from disk, and with what `--since` hides when the caller knows it already.
pub(crate) fn check_with(
    opts: &CheckOptions,
    texts: &load::Texts,
    known: Option<&Existing>,
) -> Result<Report, Error> {
    let Workspace {
        tree,
        settings,
        paths: given,
        cwd,
    } = workspace(opts)?;
    let root = tree.root.clone();
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
    let accepted = match &opts.baseline {
        Some(path) => {
            let path = normalize(&cwd.join(path));
            Baseline::read(&path, &display_path(&path, &cwd))?
        }
        None => Baseline::default(),
    };
    let filter = (!whole).then_some(named);
    // One side after the other, not both at once: each keeps the parses under way within
    // `MAX_PARSE_COST`, which two at once would double.
    let since = match known {
        Some(known) => known.clone(),
        None => existing(opts)?,
    };
    let loaded = load::load_with(
        &tree.root,
        &tree.exclude,
        tree.config.as_deref(),
        &cwd,
        texts,
    );
    if loaded.sources.is_empty() && !settings.config().allow_empty {
        return Err(Error::Usage(nothing_checked(&tree, &cwd)));
    }
    let mut report = engine::lint_with(
        tree,
        loaded,
        &settings,
        filter.as_deref(),
        &accepted,
        opts.write_baseline,
        since
            .as_ref()
            .map(|(since, existing)| (since.clone(), existing)),
    );
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
