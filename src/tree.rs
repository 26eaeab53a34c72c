//! What the org tree holds: which paths are entity files (SPEC §1), why a file argument is not
//! checked, and whether a report may be written to a path without overwriting an input.

use std::path::{Path, PathBuf};

use globset::GlobSet;

use crate::beneath::{Dir, Kind as FileKind};
use crate::config;
use crate::paths::{display_path, normalize, not_walked};
use crate::source::Sources;
use crate::write::WriteError;

/// The root of a run and what decides which files under it are entity files.
#[derive(Debug, Clone)]
pub struct Tree {
    /// The root: absolute, `.` and `..` resolved, links kept (the walk starts here).
    pub root: PathBuf,
    /// `[files].exclude`, relative to the root.
    pub exclude: GlobSet,
    /// The configuration file in use, absolute, if any (`--config` or the root's `orglint.toml`).
    pub config: Option<PathBuf>,
}

/// What a path is to the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// An entity file (or, for a directory, one the walk goes into).
    Entity,
    /// The configuration: the root's `orglint.toml`, or the file `--config` names.
    Config,
    /// Not checked, and why (a phrase: "it is not a `.toml` file").
    Skipped(String),
}

impl Tree {
    /// The tree at `root` (absolute, normalised) that `config` configures: its exclusions, and its
    /// file, which is not an entity file.
    pub fn new(root: PathBuf, config: &config::Config) -> Self {
        Tree {
            root,
            exclude: config.exclude.clone(),
            config: config.path.clone(),
        }
    }

    /// What the file (or, with `dir`, the directory) at `path` is; `path` is absolute and
    /// normalised. The answer follows the walk: by name, relative to the root, links not resolved.
    pub fn classify(&self, path: &Path, dir: bool) -> Kind {
        if self.config.as_deref() == Some(path) || self.root.join(config::FILE_NAME) == path {
            return Kind::Config;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return Kind::Skipped("it is outside the org root".into());
        };
        if let Some(why) = not_walked(&self.exclude, rel, dir) {
            return Kind::Skipped(why);
        }
        match rel.file_name() {
            _ if dir => Kind::Entity,
            Some(name) if crate::paths::is_entity_name(name) => Kind::Entity,
            Some(name) if name == config::FILE_NAME => Kind::Skipped(
                "only the root's `orglint.toml` configures a run, and this one is not the root's"
                    .into(),
            ),
            _ => Kind::Skipped("it is not a `.toml` file".into()),
        }
    }

    /// Why the report may not be written to `output` (relative to `cwd`), if it may not: it is
    /// a link, not a regular file, an input of this run (an entity file in `sources` or the
    /// configuration, compared by real path), or a name the next run would read as an entity file.
    pub fn refuse_output(&self, output: &Path, sources: &Sources, cwd: &Path) -> Option<String> {
        self.refuse_write(output, sources, cwd, "report")
    }

    /// Why `what` may not be written to `path` (relative to `cwd`) for where it lies, if it may
    /// not: it is a link (a rename would replace the link, a write would follow it), not a
    /// regular file, or in a directory that links out of the root (or, outside the root, out of
    /// `cwd`). `--fix` asks this of every entity file before it replaces it.
    pub fn refuse_link(&self, path: &Path, cwd: &Path, what: &str) -> Option<String> {
        let path = normalize(&cwd.join(path));
        let shown = display_path(&path, cwd);
        if let Some(refusal) = std::fs::symlink_metadata(&path)
            .ok()
            .and_then(|m| refuse_kind(kind_of(&m), &shown, what))
        {
            return Some(refusal);
        }
        match self.below_base(&path, cwd) {
            Some(Err(base)) => Some(links_outside(&shown, &base, cwd, what)),
            _ => None,
        }
    }

    /// The base `path` (absolute, normalised) is judged by, and where its directory lies below
    /// it: a directory link committed in the tree (`reports -> ~/.config`) must not carry a file
    /// out of the root it is named under (or, outside the root, out of the working directory,
    /// the checkout): judged by the nearer of the two that names it, by real paths. `None` when
    /// neither names it, or a real path is not known (the write then fails on its own); else the
    /// base and the real path of the directory below the base's, or, when the directory lies
    /// outside the base's real path, the base.
    fn below_base(&self, path: &Path, cwd: &Path) -> Option<Result<(PathBuf, PathBuf), PathBuf>> {
        let parent = path.parent()?;
        let base = [self.root.as_path(), cwd]
            .into_iter()
            .map(normalize)
            .find(|base| parent.starts_with(base))?;
        let real_parent = std::fs::canonicalize(parent).ok()?;
        let real_base = std::fs::canonicalize(&base).ok()?;
        Some(match real_parent.strip_prefix(&real_base) {
            Ok(rel) => Ok((base, rel.to_path_buf())),
            Err(_) => Err(base),
        })
    }

    /// Writes `bytes` to `path` (relative to `cwd`) atomically, as
    /// [`crate::write::write_atomically`] does, after the checks of [`Tree::refuse_link`] (not a
    /// link, not a directory or a special file, not in a directory that links out of the root or
    /// the working directory), made on the handles actually written through: the directory is
    /// reached from the base's handle by its real path below it, without following a link, so
    /// that a directory another process swaps for a link after the check fails the write instead
    /// of carrying it elsewhere; the name is checked and replaced through that handle. A path
    /// outside both the root and the working directory is the caller's to name: its directory
    /// is opened by that path.
    pub fn replace_file(
        &self,
        path: &Path,
        cwd: &Path,
        what: &str,
        bytes: &[u8],
    ) -> Result<(), WriteError> {
        let path = normalize(&cwd.join(path));
        let shown = display_path(&path, cwd);
        let name = path.file_name().ok_or_else(|| {
            WriteError::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "it names no file",
            ))
        })?;
        let dir = match self.below_base(&path, cwd) {
            Some(Err(base)) => {
                return Err(WriteError::Refused(links_outside(&shown, &base, cwd, what)));
            }
            Some(Ok((base, rel))) => Dir::open(&base).and_then(|base| base.dir(&rel)),
            None => Dir::open(path.parent().unwrap_or(Path::new("/"))),
        };
        let dir = dir.map_err(WriteError::Io)?;
        if let Some(refusal) = dir
            .stat(name)
            .ok()
            .and_then(|m| refuse_kind(m.kind, &shown, what))
        {
            return Err(WriteError::Refused(refusal));
        }
        crate::write::replace_existing(&dir, name, bytes).map_err(WriteError::Io)
    }

    /// Why `what` (`report`, `baseline`: the word the refusal names it by) may not be written to
    /// `output`, for the reasons [`Tree::refuse_output`] gives, or because the directory it would
    /// go in is not one: known before anything is written, so that a run refused for it writes
    /// nothing (`--fix` included).
    pub fn refuse_write(
        &self,
        output: &Path,
        sources: &Sources,
        cwd: &Path,
        what: &str,
    ) -> Option<String> {
        if let Some(refusal) = self.refuse_link(output, cwd, what) {
            return Some(refusal);
        }
        let path = normalize(&cwd.join(output));
        let shown = display_path(&path, cwd);
        if let Some(parent) = path.parent().filter(|p| !p.is_dir()) {
            let is = if parent.exists() {
                "is not a directory"
            } else {
                "does not exist"
            };
            return Some(format!(
                "cannot write the {what} `{shown}`: `{}` {is}",
                display_path(parent, cwd)
            ));
        }
        let real = real_path(&path);
        let same = |input: &Path| real.is_some() && real_path(input) == real;
        let configs = self
            .config
            .iter()
            .cloned()
            .chain([self.root.join(config::FILE_NAME)]);
        for c in configs {
            if c.exists() && same(&c) {
                let c = display_path(&c, cwd);
                let which = if c == shown {
                    String::new()
                } else {
                    format!(" (`{c}`)")
                };
                return Some(format!(
                    "`{shown}` is the configuration{which} of this run; write the {what} elsewhere"
                ));
            }
        }
        if path.file_name().is_some_and(|n| n == config::FILE_NAME) {
            return Some(format!(
                "`{shown}` would be read as the configuration of an org tree; write the {what} elsewhere"
            ));
        }
        if let Some(src) = sources
            .iter()
            .find(|s| same(&normalize(&cwd.join(&s.path))))
        {
            let which = if src.display == shown {
                String::new()
            } else {
                format!(" (`{}`)", src.display)
            };
            return Some(format!(
                "`{shown}` is an entity file{which}, an input of this run; write the {what} elsewhere"
            ));
        }
        // The walk judges by the path as it walks it; a link into the tree is judged by its target.
        let in_tree = |p: &Path| self.classify(p, false) == Kind::Entity;
        let real_in_tree = || {
            let root = std::fs::canonicalize(&self.root).ok()?;
            let rel = real.as_ref()?.strip_prefix(&root).ok()?;
            Some(in_tree(&self.root.join(rel)))
        };
        if in_tree(&path) || real_in_tree() == Some(true) {
            return Some(format!(
                "`{shown}` would be read as an entity file of the org tree on the next run; pick \
                 another name (not `.toml`), or exclude it with `[files].exclude` in orglint.toml"
            ));
        }
        None
    }
}

/// Whether `a` and `b` (absolute, normalised) name the same file: the same path, the same real
/// path once links are resolved, or (on Unix) the same device and inode, as hard links share.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    if let (Some(a), Some(b)) = (real_path(a), real_path(b)) {
        if a == b {
            return true;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    false
}

/// The refusal of a `what` to write at `shown`, in a directory that links outside `base`.
fn links_outside(shown: &str, base: &Path, cwd: &Path, what: &str) -> String {
    format!(
        "`{shown}` is in a directory that links outside `{}`; orglint does not write a {what} \
         through a link, so name a file in a real directory",
        display_path(base, cwd)
    )
}

/// Why `what` may not replace a name that is `kind` (shown as `shown`), if it may not.
fn refuse_kind(kind: FileKind, shown: &str, what: &str) -> Option<String> {
    match kind {
        FileKind::Symlink => Some(format!(
            "`{shown}` is a symbolic link; orglint does not write a {what} through a link, so \
             name a file instead"
        )),
        FileKind::Dir => Some(format!("`{shown}` is a directory")),
        FileKind::File => None,
        _ => Some(format!("`{shown}` is not a regular file")),
    }
}

/// What `meta` (not following a link) says the file is.
fn kind_of(meta: &std::fs::Metadata) -> FileKind {
    let ft = meta.file_type();
    if ft.is_symlink() {
        FileKind::Symlink
    } else if ft.is_dir() {
        FileKind::Dir
    } else if ft.is_file() {
        FileKind::File
    } else {
        FileKind::Other
    }
}

/// The real path of `path` (every link resolved), also when it does not exist yet (its parent's
/// real path and its name) or is a dangling link (its target's); `None` when neither is known.
fn real_path(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = std::fs::canonicalize(path) {
        return Some(real);
    }
    let parent = path.parent()?;
    let parent = std::fs::canonicalize(if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    })
    .ok()?;
    match std::fs::read_link(path) {
        // A dangling link: one step to where it points, then that place's parent.
        Ok(target) => {
            let target = normalize(&parent.join(target));
            let dir = std::fs::canonicalize(target.parent()?).ok()?;
            Some(dir.join(target.file_name()?))
        }
        Err(_) => Some(parent.join(path.file_name()?)),
    }
}
