//! The walk of an org tree: every entity file in sorted path order, following a link only while its real path stays inside the tree, and naming every path it cannot read.

use std::ffi::{OsStr, OsString};
use std::fs::FileType;
use std::path::{Path, PathBuf};

use globset::GlobSet;

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

struct Frame {
    path: PathBuf,
    real: PathBuf,
    children: std::vec::IntoIter<(OsString, FileType)>,
}

struct Walk<'a> {
    root: &'a Path,
    root_real: PathBuf,
    exclude: &'a GlobSet,
    cwd: &'a Path,
    entries: Vec<Entry>,
    stack: Vec<Frame>,
}

/// Walks `root`, skipping what `exclude` matches (relative to `root`).
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
    let mut w = Walk {
        root,
        root_real: root_real.clone(),
        exclude,
        cwd,
        entries: Vec::new(),
        stack: Vec::new(),
    };
    w.enter(root.to_path_buf(), root_real);
    while let Some(frame) = w.stack.last_mut() {
        match frame.children.next() {
            Some((name, ft)) => {
                let path = frame.path.join(&name);
                let real = frame.real.join(&name);
                w.visit(path, real, &name, ft);
            }
            None => {
                w.stack.pop();
            }
        }
    }
    w.entries
}

impl Walk<'_> {
    fn unreadable(&mut self, path: PathBuf, message: String, help: &'static str, broken: bool) {
        self.entries.push(Entry::Unreadable {
            path,
            message,
            help,
            broken,
        });
    }

    /// Lists the directory `real` (reached as `path`) and pushes it on the stack.
    fn enter(&mut self, path: PathBuf, real: PathBuf) {
        let mut children = Vec::new();
        let listed = std::fs::read_dir(&real).and_then(|dir| {
            for item in dir {
                let item = item?;
                match item.file_type() {
                    Ok(ft) => children.push((item.file_name(), ft)),
                    Err(e) if is_entity_name(&item.file_name()) => {
                        let message = format!("cannot read: {e}");
                        self.unreadable(path.join(item.file_name()), message, BROKEN_HELP, true);
                    }
                    Err(_) => {}
                }
            }
            Ok(())
        });
        match listed {
            Ok(()) => {
                children.sort_by(|a, b| a.0.cmp(&b.0));
                self.stack.push(Frame {
                    path,
                    real,
                    children: children.into_iter(),
                });
            }
            Err(e) => self.unreadable(path, format!("cannot read: {e}"), BROKEN_HELP, true),
        }
    }

    fn visit(&mut self, path: PathBuf, real: PathBuf, name: &OsStr, ft: FileType) {
        let rel = path.strip_prefix(self.root).unwrap_or(&path);
        if self.exclude.is_match(rel) {
            return;
        }
        if ft.is_dir() {
            if !is_skipped_dir(name) {
                self.enter(path, real);
            }
            return;
        }
        if ft.is_symlink() {
            return self.visit_link(path, real, name);
        }
        if !is_entity_name(name) {
            return;
        }
        if ft.is_file() {
            // The size is only a first guess for the limits; reading checks again.
            let len = std::fs::symlink_metadata(&real).map_or(0, |m| m.len());
            self.entries.push(Entry::File { path, real, len });
        } else {
            let what = std::fs::symlink_metadata(&real)
                .ok()
                .and_then(|m| kind_of(&m))
                .unwrap_or("a special file");
            self.unreadable(
                path,
                format!("not a regular file ({what}); not read"),
                BROKEN_HELP,
                true,
            );
        }
    }

    /// A link: resolved. Read through it only when it leads to a file inside the tree that the walk
    /// does not read at its own place (`people/bob.toml -> ../archive/bob.txt`).
    fn visit_link(&mut self, path: PathBuf, link: PathBuf, name: &OsStr) {
        let entity = is_entity_name(name);
        // The target and its metadata, without opening it.
        let resolved = std::fs::canonicalize(&link)
            .and_then(|target| std::fs::metadata(&target).map(|meta| (target, meta)));
        let (target, meta) = match resolved {
            Ok(resolved) => resolved,
            Err(e) => {
                if entity {
                    self.unreadable(path, format!("cannot read: {e}"), BROKEN_HELP, true);
                }
                return;
            }
        };
        let is_dir = meta.is_dir();
        if is_dir && is_skipped_dir(name) || !is_dir && !entity {
            return;
        }
        let what = if is_dir { "walked" } else { "read" };
        let Ok(inside) = target.strip_prefix(&self.root_real) else {
            let message = format!("points outside the org tree; not {what}");
            return self.unreadable(path, message, OUTSIDE_HELP, false);
        };
        if crate::tree::not_walked(self.exclude, inside, is_dir).is_some() {
            let message = format!("points to a place the org tree excludes; not {what}");
            return self.unreadable(path, message, EXCLUDED_HELP, false);
        }
        if is_dir {
            if let Some(ancestor) = self.stack.iter().find(|f| f.real == target) {
                let message = format!(
                    "cannot read: symbolic link loop back to `{}`",
                    display_path(&ancestor.path, self.cwd)
                );
                return self.unreadable(path, message, LOOP_HELP, false);
            }
            // Any other directory inside the tree is walked from its own place: following the
            // link too would read its files twice (every entity a `duplicate-id`), and links
            // could multiply the walk.
            return;
        }
        if target.file_name().is_some_and(is_entity_name) {
            // Read from its own place, once.
            return;
        }
        match kind_of(&meta) {
            None => self.entries.push(Entry::File {
                path,
                real: target,
                len: meta.len(),
            }),
            Some(what) => self.unreadable(
                path,
                format!("not a regular file ({what}); not read"),
                BROKEN_HELP,
                true,
            ),
        }
    }
}
