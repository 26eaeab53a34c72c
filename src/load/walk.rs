//! The walk of an org tree: every entity file in sorted path order, following a link only while its real path stays inside the tree, and naming every path it cannot read. Every directory is listed, and every file later read, through a handle reached from the root's without following a link (see [`crate::beneath`]).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;
use rayon::prelude::*;

use super::read::kind_of;
use crate::beneath::{Dir, Kind};
use crate::paths::{display_path, is_entity_name, is_skipped_dir};
use crate::write::Leftover;

/// One path the walk found: an entity file, or an entry it will not or cannot read.
pub(super) enum Entry {
    File {
        /// The path as the walk reached it (shown in reports).
        path: PathBuf,
        /// The path it is opened by, below the root's handle: its own, or (for a link the walk
        /// reads through) its target's, inside the tree. No link was on it when the walk looked;
        /// one that appears by the time it is read is not followed.
        rel: PathBuf,
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

/// A directory being walked and the ones it lies in, up to the root: what a link is checked
/// against for a loop back to where it is. Shared, because every directory of a level of the
/// walk holds its own chain while the level is listed.
struct Chain {
    path: PathBuf,
    /// Its path below the root (empty for the root).
    rel: PathBuf,
    parent: Option<Arc<Chain>>,
}

impl Chain {
    /// The path of the directory of this chain at `rel` below the root.
    fn find(&self, rel: &Path) -> Option<&Path> {
        let mut at = Some(self);
        while let Some(dir) = at {
            if dir.rel == rel {
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
    Leftover(Leftover),
    /// The directory of this index in the walk's list of directories.
    Dir(usize),
}

/// What a walk found: the root's handle, which every entity file is opened below (`None` when
/// the root cannot be opened: then the one entry says so), the entries in sorted path order, and
/// the temporary files that interrupted runs left.
pub(super) struct Walked {
    pub(super) root: Option<Dir>,
    pub(super) entries: Vec<Entry>,
    pub(super) leftovers: Vec<Leftover>,
}

struct Walk<'a> {
    root_real: PathBuf,
    /// The root, by handle: every directory is opened below it.
    handle: Dir,
    exclude: &'a GlobSet,
    cwd: &'a Path,
    /// When the walk started (seconds since the epoch): a temporary file written since may be
    /// another run's, still being written.
    started: i64,
}

/// Walks `root`, skipping what `exclude` matches (relative to `root`).
///
/// The directories of one depth are listed in parallel (on rayon's pool: a large tree is
/// directories of files, and listing a directory and sizing each file are a system call each);
/// each directory's entries are gathered in name order and joined in that order, so that the
/// result is what a walk on one thread gives: sorted path order (SPEC §1).
///
/// The root is opened once, following a link (it is the command line's); each directory below is
/// opened from the root's handle by its path below it, refusing any link on the way, and listed
/// through that handle. Holding a handle per directory instead would hold thousands at once on a
/// wide tree, past the usual limit of 1,024 open files; reaching each from the root is one system
/// call where the kernel has `openat2`, the cost of opening it by path.
pub(super) fn walk(root: &Path, exclude: &GlobSet, cwd: &Path) -> Walked {
    let started = now();
    let opened = std::fs::canonicalize(root).and_then(|real| Ok((real, Dir::open(root)?)));
    let (root_real, handle) = match opened {
        Ok(opened) => opened,
        Err(e) => {
            return Walked {
                root: None,
                entries: vec![Entry::Unreadable {
                    path: root.to_path_buf(),
                    message: format!("cannot read: {e}"),
                    help: BROKEN_HELP,
                    broken: true,
                }],
                leftovers: Vec::new(),
            };
        }
    };
    let w = Walk {
        root_real,
        handle,
        exclude,
        cwd,
        started,
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
            rel: PathBuf::new(),
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
    let (mut entries, mut leftovers) = (Vec::new(), Vec::new());
    let mut stack = vec![std::mem::take(&mut listings[0]).into_iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(Item::Entry(entry)) => entries.push(entry),
            Some(Item::Leftover(leftover)) => leftovers.push(leftover),
            Some(Item::Dir(i)) => stack.push(std::mem::take(&mut listings[i]).into_iter()),
            None => {
                stack.pop();
            }
        }
    }
    Walked {
        root: Some(w.handle),
        entries,
        leftovers,
    }
}

/// Now, in seconds since the epoch.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
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
    Leftover(Leftover),
    /// A directory to list: its path and its path below the root.
    Dir(PathBuf, PathBuf),
}

impl Walk<'_> {
    /// Lists the directory `dir`: what is in it in name order, each directory below it (not
    /// yet listed) an [`Item::Dir`] numbered by its place in `below`.
    fn enter(&self, dir: &Arc<Chain>, below: &mut Vec<Arc<Chain>>) -> Vec<Item> {
        let path = &dir.path;
        let mut out = Vec::new();
        let listed = self
            .handle
            .dir(&dir.rel)
            .and_then(|handle| Ok((handle.list()?, handle)));
        let (mut children, handle) = match listed {
            Ok(listed) => listed,
            Err(e) => {
                out.push(Item::Entry(unreadable(
                    path.clone(),
                    format!("cannot read: {e}"),
                    BROKEN_HELP,
                    true,
                )));
                return out;
            }
        };
        children.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (name, kind) in &children {
            let path = path.join(name);
            let rel = dir.rel.join(name);
            match self.visit(path, rel, name, *kind, &handle, dir) {
                Visited::Nothing => {}
                Visited::Entry(entry) => out.push(Item::Entry(entry)),
                Visited::Leftover(leftover) => out.push(Item::Leftover(leftover)),
                Visited::Dir(path, rel) => {
                    out.push(Item::Dir(below.len()));
                    below.push(Arc::new(Chain {
                        path,
                        rel,
                        parent: Some(Arc::clone(dir)),
                    }));
                }
            }
        }
        out
    }

    /// What the name `name`, a `kind` in the directory `handle` (at `here`), is to the walk.
    fn visit(
        &self,
        path: PathBuf,
        rel: PathBuf,
        name: &OsStr,
        kind: Kind,
        handle: &Dir,
        here: &Chain,
    ) -> Visited {
        if self.exclude.is_match(&rel) {
            return Visited::Nothing;
        }
        match kind {
            Kind::Dir if is_skipped_dir(name) => return Visited::Nothing,
            Kind::Dir => return Visited::Dir(path, rel),
            Kind::Symlink => {
                return self
                    .visit_link(path, rel, name, here)
                    .map_or(Visited::Nothing, Visited::Entry);
            }
            Kind::File if !is_entity_name(name) => {
                return self
                    .leftover(path, name, handle)
                    .map_or(Visited::Nothing, Visited::Leftover);
            }
            _ if !is_entity_name(name) => return Visited::Nothing,
            _ => {}
        }
        // Asked by the directory's handle and the name (`fstatat`, no link followed).
        let meta = handle.stat(name);
        if kind == Kind::File {
            // The size is only a first guess for the limits; reading checks again.
            let len = meta.map_or(0, |m| m.len);
            return Visited::Entry(Entry::File { path, rel, len });
        }
        let message = match meta {
            Ok(meta) => format!(
                "not a regular file ({}); not read",
                meta.kind
                    .special()
                    .or(kind.special())
                    .unwrap_or("a special file")
            ),
            Err(e) => format!("cannot read: {e}"),
        };
        Visited::Entry(unreadable(path, message, BROKEN_HELP, true))
    }

    /// The file `name` in `handle` when it is a temporary file that an interrupted run of
    /// orglint left: its name is one orglint gives them, the process that made it has ended, and
    /// it was last written before this walk began (a process of another PID namespace, in
    /// another container, could still be writing one made since).
    fn leftover(&self, path: PathBuf, name: &OsStr, handle: &Dir) -> Option<Leftover> {
        let pid = crate::write::temporary_pid(name)?;
        if pid == std::process::id() || crate::beneath::process_alive(pid) {
            return None;
        }
        let meta = handle.stat(name).ok()?;
        (meta.kind == Kind::File && meta.modified < self.started).then_some(Leftover { path, pid })
    }

    /// A link: resolved. Read through it only when it leads to a file inside the tree that the walk
    /// does not read at its own place (`people/bob.toml -> ../archive/bob.txt`); then the target is
    /// opened by its path below the root, and only while no link is on that path.
    fn visit_link(&self, path: PathBuf, rel: PathBuf, name: &OsStr, here: &Chain) -> Option<Entry> {
        let entity = is_entity_name(name);
        // The target and its metadata, without opening it.
        let link = self.root_real.join(&rel);
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
        if crate::paths::not_walked(self.exclude, inside, is_dir).is_some() {
            let message = format!("points to a place the org tree excludes; not {what}");
            return Some(unreadable(path, message, EXCLUDED_HELP, false));
        }
        if is_dir {
            if let Some(ancestor) = here.find(inside) {
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
                rel: inside.to_path_buf(),
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
