//! The walk of an org tree: every entity file in sorted path order, following a link only while its real path stays inside the tree, and naming every path it cannot read.

use std::ffi::{OsStr, OsString};
use std::fs::FileType;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;
use rayon::prelude::*;

use super::display_path;
use super::read::kind_of;

/// One path the walk found: an entity file, or an entry it will not or cannot read.
pub(super) enum Entry {
    File {
        /// The path as the walk reached it (shown in reports).
        path: PathBuf,
        /// Its real path, which is opened: inside the root's real path.
        real: PathBuf,
        /// The size it claims.
        len: u64,
    },
    /// A path that is not read; `broken` when entities may be missing because of it.
    Unreadable {
        path: PathBuf,
        message: String,
        help: &'static str,
        broken: bool,
    },
}

/// Help for a path that keeps entities out of the org.
pub(super) const BROKEN_HELP: &str = "the rules that need the whole org did not run";
const OUTSIDE_HELP: &str =
    "only files inside the org tree are read; replace the link with the file, or remove it";
const EXCLUDED_HELP: &str = "hidden directories, `target/`, `node_modules/` and `[files].exclude` are not part of the org tree";
const LOOP_HELP: &str = "the directory is walked once, from its own place";

/// Whether `name` is an entity file's name (any `*.toml` but `orglint.toml`).
pub(crate) fn is_entity_name(name: &OsStr) -> bool {
    let bytes = name.as_encoded_bytes();
    bytes.ends_with(b".toml") && bytes != b"orglint.toml"
}

/// Whether a directory called `name` is skipped (SPEC §1).
pub(crate) fn is_skipped_dir(name: &OsStr) -> bool {
    let bytes = name.as_encoded_bytes();
    bytes.starts_with(b".") || bytes == b"target" || bytes == b"node_modules"
}

/// A directory being walked and the ones it lies in, up to the root: what a link is checked
/// against for a loop back to where it is. Shared, because every directory of a level of the
/// walk holds its own chain while the level is listed.
struct Chain {
    path: PathBuf,
    real: PathBuf,
    parent: Option<Arc<Chain>>,
}

impl Chain {
    /// The path of the directory of this chain whose real path is `real`.
    fn find(&self, real: &Path) -> Option<&Path> {
        let mut at = Some(self);
        while let Some(dir) = at {
            if dir.real == real {
                return Some(&dir.path);
            }
            at = dir.parent.as_deref();
        }
        None
    }
}

/// What the listing of one directory gave, in name order: entries, and the directories below it,
/// each to be listed in turn.
enum Item {
    Entry(Entry),
    /// The directory of this index in the walk's list of directories.
    Dir(usize),
}

/// One name a directory listing gave.
struct Child {
    name: OsString,
    ft: FileType,
    /// Kept to ask for the size of an entity file by the directory's handle and its name, not by
    /// its whole path again.
    entry: std::fs::DirEntry,
}

struct Walk<'a> {
    root: &'a Path,
    root_real: PathBuf,
    exclude: &'a GlobSet,
    cwd: &'a Path,
}

/// Walks `root`, skipping what `exclude` matches (relative to `root`).
///
/// The directories of one depth are listed in parallel (on rayon's pool: a large tree is
/// directories of files, and listing a directory and sizing each file are a system call each);
/// each directory's entries are gathered in name order and joined in that order, so that the
/// result is what a walk on one thread gives: sorted path order (SPEC §1).
pub(super) fn walk(root: &Path, exclude: &GlobSet, cwd: &Path) -> Vec<Entry> {
    let root_real = match std::fs::canonicalize(root) {
        Ok(real) => real,
        Err(e) => {
            return vec![Entry::Unreadable {
                path: root.to_path_buf(),
                message: format!("cannot read: {e}"),
                help: BROKEN_HELP,
                broken: true,
            }];
        }
    };
    let w = Walk {
        root,
        root_real: root_real.clone(),
        exclude,
        cwd,
    };
    // Level by level, not by recursion: a tree 500 directories deep overflowed the stack of a
    // debug build's thread (a path may be 4,096 bytes, so 2,000 deep), and the directories of
    // one level, however many, are listed in parallel. Each listing keeps its order; the listings
    // are joined at the end, depth first, with a stack of our own.
    let mut listings: Vec<Vec<Item>> = vec![Vec::new()];
    let mut level = vec![(
        0,
        Arc::new(Chain {
            path: root.to_path_buf(),
            real: root_real,
            parent: None,
        }),
    )];
    while !level.is_empty() {
        let listed: Vec<(usize, Vec<Item>, Vec<Arc<Chain>>)> = level
            .into_par_iter()
            .map(|(at, dir)| {
                let mut below = Vec::new();
                let items = w.enter(&dir, &mut below);
                (at, items, below)
            })
            .collect();
        level = Vec::new();
        for (at, mut items, below) in listed {
            // A listing names the directories below it 0, 1, ...: their places in `listings`.
            let first = listings.len();
            for item in &mut items {
                if let Item::Dir(i) = item {
                    *i += first;
                }
            }
            listings[at] = items;
            listings.extend(below.iter().map(|_| Vec::new()));
            level.extend(below.into_iter().enumerate().map(|(i, d)| (first + i, d)));
        }
    }
    let mut entries = Vec::new();
    let mut stack = vec![std::mem::take(&mut listings[0]).into_iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(Item::Entry(entry)) => entries.push(entry),
            Some(Item::Dir(i)) => stack.push(std::mem::take(&mut listings[i]).into_iter()),
            None => {
                stack.pop();
            }
        }
    }
    entries
}

fn unreadable(path: PathBuf, message: String, help: &'static str, broken: bool) -> Entry {
    Entry::Unreadable {
        path,
        message,
        help,
        broken,
    }
}

/// What one name in a listing is to the walk.
enum Visited {
    /// Not part of the walk.
    Nothing,
    Entry(Entry),
    /// A directory to list: its path and real path.
    Dir(PathBuf, PathBuf),
}

impl Walk<'_> {
    /// Lists the directory `dir`: what is in it in name order, each directory below it (not
    /// yet listed) an [`Item::Dir`] numbered by its place in `below`.
    fn enter(&self, dir: &Arc<Chain>, below: &mut Vec<Arc<Chain>>) -> Vec<Item> {
        let (path, real) = (&dir.path, &dir.real);
        let mut out = Vec::new();
        let mut children = Vec::new();
        let listed = std::fs::read_dir(real).and_then(|list| {
            for item in list {
                let item = item?;
                match item.file_type() {
                    Ok(ft) => children.push(Child {
                        name: item.file_name(),
                        ft,
                        entry: item,
                    }),
                    Err(e) if is_entity_name(&item.file_name()) => {
                        let message = format!("cannot read: {e}");
                        out.push(Item::Entry(unreadable(
                            path.join(item.file_name()),
                            message,
                            BROKEN_HELP,
                            true,
                        )));
                    }
                    Err(_) => {}
                }
            }
            Ok(())
        });
        if let Err(e) = listed {
            out.push(Item::Entry(unreadable(
                path.clone(),
                format!("cannot read: {e}"),
                BROKEN_HELP,
                true,
            )));
            return out;
        }
        children.sort_by(|a, b| a.name.cmp(&b.name));
        for child in &children {
            let path = path.join(&child.name);
            let real = real.join(&child.name);
            match self.visit(path, real, child, dir) {
                Visited::Nothing => {}
                Visited::Entry(entry) => out.push(Item::Entry(entry)),
                Visited::Dir(path, real) => {
                    out.push(Item::Dir(below.len()));
                    below.push(Arc::new(Chain {
                        path,
                        real,
                        parent: Some(Arc::clone(dir)),
                    }));
                }
            }
        }
        out
    }

    fn visit(&self, path: PathBuf, real: PathBuf, child: &Child, here: &Chain) -> Visited {
        let (name, ft) = (child.name.as_os_str(), child.ft);
        let rel = path.strip_prefix(self.root).unwrap_or(&path);
        if self.exclude.is_match(rel) {
            return Visited::Nothing;
        }
        if ft.is_dir() {
            if is_skipped_dir(name) {
                return Visited::Nothing;
            }
            return Visited::Dir(path, real);
        }
        if ft.is_symlink() {
            return self
                .visit_link(path, real, name, here)
                .map_or(Visited::Nothing, Visited::Entry);
        }
        if !is_entity_name(name) {
            return Visited::Nothing;
        }
        // Asked of the listing's entry: by the directory's handle and the name (`fstatat`, no
        // link followed), without the whole path being looked up again.
        let meta = child.entry.metadata();
        if ft.is_file() {
            // The size is only a first guess for the limits; reading checks again.
            let len = meta.map_or(0, |m| m.len());
            return Visited::Entry(Entry::File { path, real, len });
        }
        let what = meta
            .ok()
            .and_then(|m| kind_of(&m))
            .unwrap_or("a special file");
        Visited::Entry(unreadable(
            path,
            format!("not a regular file ({what}); not read"),
            BROKEN_HELP,
            true,
        ))
    }

    /// A link: resolved. Read through it only when it leads to a file inside the tree that the walk
    /// does not read at its own place (`people/bob.toml -> ../archive/bob.txt`).
    fn visit_link(
        &self,
        path: PathBuf,
        link: PathBuf,
        name: &OsStr,
        here: &Chain,
    ) -> Option<Entry> {
        let entity = is_entity_name(name);
        // The target and its metadata, without opening it.
        let resolved = std::fs::canonicalize(&link)
            .and_then(|target| std::fs::metadata(&target).map(|meta| (target, meta)));
        let (target, meta) = match resolved {
            Ok(resolved) => resolved,
            Err(e) => {
                return entity
                    .then(|| unreadable(path, format!("cannot read: {e}"), BROKEN_HELP, true));
            }
        };
        let is_dir = meta.is_dir();
        if is_dir && is_skipped_dir(name) || !is_dir && !entity {
            return None;
        }
        let what = if is_dir { "walked" } else { "read" };
        let Ok(inside) = target.strip_prefix(&self.root_real) else {
            let message = format!("points outside the org tree; not {what}");
            return Some(unreadable(path, message, OUTSIDE_HELP, false));
        };
        if crate::tree::not_walked(self.exclude, inside, is_dir).is_some() {
            let message = format!("points to a place the org tree excludes; not {what}");
            return Some(unreadable(path, message, EXCLUDED_HELP, false));
        }
        if is_dir {
            if let Some(ancestor) = here.find(&target) {
                let message = format!(
                    "cannot read: symbolic link loop back to `{}`",
                    display_path(ancestor, self.cwd)
                );
                return Some(unreadable(path, message, LOOP_HELP, false));
            }
            // Any other directory inside the tree is walked from its own place: following the
            // link too would read its files twice (every entity a `duplicate-id`), and links
            // could multiply the walk.
            return None;
        }
        if target.file_name().is_some_and(is_entity_name) {
            // Read from its own place, once.
            return None;
        }
        Some(match kind_of(&meta) {
            None => Entry::File {
                path,
                real: target,
                len: meta.len(),
            },
            Some(what) => unreadable(
                path,
                format!("not a regular file ({what}); not read"),
                BROKEN_HELP,
                true,
            ),
        })
    }
}
