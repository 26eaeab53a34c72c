//! Loading an org tree: walk it in sorted order, read each entity file, parse it (in parallel) and gather the whole org.

pub mod parse;
mod reader;

use std::path::{Component, Path, PathBuf};

use globset::GlobSet;
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::finding::Finding;
use crate::model::Org;
use crate::source::{FileId, SourceFile, Sources, Span};
use crate::suppress::{self, Suppression};

/// Files larger than this are reported, not read.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Everything read from the tree.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The files, in sorted path order.
    pub sources: Sources,
    /// The entities of every file, not yet indexed.
    pub org: Org,
    /// Findings of the loader (`invalid-toml`, `unknown-field`, `missing-field`, `invalid-value`).
    pub findings: Vec<Finding>,
    /// How many files could not be parsed.
    pub broken: usize,
    /// For each file, where its entities start and what they are (see [`parse::Parsed::entities`]).
    pub entities: Vec<Vec<(u32, String)>>,
    /// For each file, its suppression comments.
    pub suppressions: Vec<Vec<Suppression>>,
}

/// One path the walk found: an entity file, or an entry it could not read.
enum Entry {
    File(PathBuf),
    /// A path that could not be read; `broken` when entities may be missing because of it.
    Unreadable {
        path: PathBuf,
        message: String,
        broken: bool,
    },
}

/// Loads every entity file under `root`, except those `exclude` matches (relative to `root`) and
/// the configuration file `config`, wherever it is named.
pub fn load(root: &Path, exclude: &GlobSet, config: Option<&Path>, cwd: &Path) -> Loaded {
    let mut entries = walk(root, exclude, cwd);
    if let Some(config) = config.map(|c| normalize(&cwd.join(c))) {
        entries.retain(|e| !matches!(e, Entry::File(p) if normalize(&cwd.join(p)) == config));
    }
    let results: Vec<(SourceFile, parse::Parsed, Vec<Suppression>)> = entries
        .into_par_iter()
        .enumerate()
        .map(|(i, entry)| read_and_parse(i as FileId, entry, cwd))
        .collect();
    let mut loaded = Loaded::default();
    for (source, parsed, sups) in results {
        loaded.sources.add(source);
        loaded.findings.extend(parsed.findings);
        loaded.broken += usize::from(parsed.broken);
        loaded.org.orgs.extend(parsed.orgs);
        loaded.org.people.extend(parsed.people);
        loaded.org.teams.extend(parsed.teams);
        loaded.org.guilds.extend(parsed.guilds);
        loaded.entities.push(parsed.entities);
        loaded.suppressions.push(sups);
    }
    loaded
}

fn walk(root: &Path, exclude: &GlobSet, cwd: &Path) -> Vec<Entry> {
    let mut entries = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let rel = e.path().strip_prefix(root).unwrap_or(e.path());
            if exclude.is_match(rel) {
                return false;
            }
            if e.file_type().is_dir() {
                let name = e.file_name().to_string_lossy();
                return !(name.starts_with('.') || name == "target" || name == "node_modules");
            }
            true
        });
    for item in walker {
        match item {
            Ok(e) => {
                let name = e.file_name().to_string_lossy();
                if e.file_type().is_file() && name.ends_with(".toml") && name != "orglint.toml" {
                    entries.push(Entry::File(e.into_path()));
                }
            }
            Err(err) => {
                let Some(path) = err.path().map(Path::to_path_buf) else {
                    continue;
                };
                let message = if let Some(ancestor) = err.loop_ancestor() {
                    format!(
                        "cannot read: symbolic link loop back to `{}`",
                        display_path(ancestor, cwd)
                    )
                } else {
                    match err.io_error() {
                        Some(io) => format!("cannot read: {io}"),
                        None => format!("cannot read: {err}"),
                    }
                };
                let is_toml = path.extension().is_some_and(|x| x == "toml");
                let is_dir = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
                if is_toml || is_dir || err.loop_ancestor().is_some() {
                    // A loop leads back to a directory that is walked anyway: nothing is missing.
                    let broken = err.loop_ancestor().is_none();
                    entries.push(Entry::Unreadable {
                        path,
                        message,
                        broken,
                    });
                }
            }
        }
    }
    entries
}

fn read_and_parse(
    id: FileId,
    entry: Entry,
    cwd: &Path,
) -> (SourceFile, parse::Parsed, Vec<Suppression>) {
    let (path, read, broken) = match entry {
        Entry::File(path) => {
            let read = read_text(&path);
            (path, read, true)
        }
        Entry::Unreadable {
            path,
            message,
            broken,
        } => (path, Err((String::new(), message, None)), broken),
    };
    let display = display_path(&path, cwd);
    match read {
        Ok(text) => {
            let parsed = parse::parse(id, &text);
            let sups = suppress::scan(id, &text);
            (SourceFile::new(path, display, text), parsed, sups)
        }
        Err((text, message, bad_byte)) => {
            let mut parsed = parse::Parsed {
                broken,
                ..Default::default()
            };
            let at = match bad_byte {
                // The lossy text keeps the valid prefix, so the offset still holds; U+FFFD is 3 bytes.
                Some(at) => Span::new(id, at..at + '\u{fffd}'.len_utf8()),
                None => Span::new(id, 0..0),
            };
            parsed.findings.push(
                Finding::new("invalid-toml", Some(at), message)
                    .with_help("the rules that need the whole org did not run"),
            );
            (SourceFile::new(path, display, text), parsed, Vec::new())
        }
    }
}

/// What went wrong reading a file: the text to show (lossy), the message, and the first bad byte.
type ReadError = (String, String, Option<usize>);

/// Reads a file as UTF-8.
fn read_text(path: &Path) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| (String::new(), format!("cannot read file: {e}"), None))?;
    if meta.len() > MAX_FILE_SIZE {
        return Err((
            String::new(),
            format!(
                "file is too large to read: {} bytes, the limit is {} MiB",
                meta.len(),
                MAX_FILE_SIZE / (1024 * 1024)
            ),
            None,
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| (String::new(), format!("cannot read file: {e}"), None))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        (
            lossy,
            format!("file is not valid UTF-8 (invalid byte at offset {at})"),
            Some(at),
        )
    })
}

/// `path` relative to `cwd` when it lies beneath it, else absolute; with `/` separators.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let abs = normalize(&cwd.join(path));
    let shown = abs
        .strip_prefix(normalize(cwd))
        .map_or(abs.as_path(), |p| p);
    let parts: Vec<String> = shown
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::RootDir => Some(String::new()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// Resolves `.` and `..` without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
