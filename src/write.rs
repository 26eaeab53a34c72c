//! Writing a file beneath the root: atomically, through a temporary file beside it and a rename,
//! only if it still holds what was read; and the temporary files an interrupted write leaves,
//! which the walk finds and `--fix` removes. Every output that writes a file (a fix, a report, a
//! baseline) goes through here.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::beneath::{Dir, Kind};

/// Why [`write_if_unchanged`] did not write.
#[derive(Debug)]
#[non_exhaustive]
pub enum WriteError {
    /// The file's bytes are no longer those that were read: someone changed it meanwhile.
    Changed,
    /// The file may not be written (read-only); the phrase says why.
    Refused(String),
    /// Reading, writing or renaming failed.
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => f.write_str(
                "it changed since orglint read it; not written (run `orglint check --fix` again)",
            ),
            WriteError::Refused(why) => f.write_str(why),
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// What [`write_if_unchanged`] did besides writing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Written {
    /// How many other names (hard links) the file had: they still name the old file and its old
    /// text, since the new text replaced this name only.
    pub other_names: u64,
}

/// Writes `new` to `path` (absolute, normalised, under `root`) if the file still holds exactly
/// `expected_old`: reads it afresh, then writes a temporary file beside it (same directory, so
/// the rename cannot cross file systems), gives it the file's permissions, owner and group (the
/// owner and group only where this process may: as root, or a group of its own), syncs it and
/// renames it over the file. A reader sees the old file or the new one, never half of one.
///
/// Everything goes through the handle of the file's directory, reached from the root's name by
/// name without following a link: a directory swapped for a link meanwhile fails the write, and a
/// link at `path` itself is never written through (nor replaced). The fresh read and the rename
/// are not one step: a writer in that instant still loses, as with any editor, but a change made
/// while orglint was linting never does. A read-only file is refused, as an editor refuses it,
/// although the rename could replace it.
///
/// A file with other names (hard links) keeps the atomic rename, which gives this name a new file
/// and leaves the others the old one: [`Written::other_names`] says so, for the caller to tell.
/// Writing in place instead would keep the links but give up atomicity (a crash or a reader
/// mid-write sees half a file), which every other file relies on.
pub fn write_if_unchanged(
    root: &Path,
    path: &Path,
    expected_old: &[u8],
    new: &[u8],
) -> Result<Written, WriteError> {
    let (dir, name) = dir_below(root, path)?;
    let (file, meta) = dir.open_file(Path::new(name)).map_err(WriteError::Io)?;
    if meta.kind != Kind::File {
        return Err(WriteError::Refused("it is not a regular file".into()));
    }
    if meta.readonly() {
        return Err(WriteError::Refused(
            "it is read-only; make it writable to fix it".into(),
        ));
    }
    // One byte more than expected is enough to tell a change.
    let mut now = Vec::with_capacity(expected_old.len() + 1);
    file.take(expected_old.len() as u64 + 1)
        .read_to_end(&mut now)
        .map_err(WriteError::Io)?;
    if now != expected_old {
        return Err(WriteError::Changed);
    }
    replace_in(&dir, name, new, Some(&meta)).map_err(WriteError::Io)?;
    Ok(Written {
        other_names: meta.links.saturating_sub(1),
    })
}

/// The directory of `path` (absolute, normalised, under `root`) by handle, reached from the
/// root's without following a link, and its name in it.
fn dir_below<'p>(root: &Path, path: &'p Path) -> Result<(Dir, &'p OsStr), WriteError> {
    let rel = path
        .strip_prefix(root)
        .map_err(|_| WriteError::Refused("it is outside the org root".into()))?;
    let name = rel
        .file_name()
        .ok_or_else(|| WriteError::Refused("it names no file".into()))?;
    let parent = rel.parent().unwrap_or(Path::new(""));
    let dir = Dir::open(root)
        .and_then(|root| root.dir(parent))
        .map_err(WriteError::Io)?;
    Ok((dir, name))
}

/// Writes `bytes` to a new file beside `path` (same directory, so the rename cannot cross file
/// systems), gives it the permissions, owner and group of the file at `path` if there is one,
/// syncs it, and renames it over `path`: a reader sees the old file or the new one, never half of
/// one, and the write never goes through a link planted at `path` (a rename replaces the link
/// itself). The directory is opened once by its path, as the caller names it, and the temporary
/// file is made and renamed through that handle. The temporary file is removed when anything
/// fails. See [`crate::Tree::replace_file`] for a file named under the root or the working
/// directory, whose directory must not be reached through a link.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "names no file"))?;
    replace_existing(&Dir::open(dir)?, name, bytes)
}

/// [`replace_in`], with the permissions, owner and group of what `name` holds now if it is a
/// regular file.
pub(crate) fn replace_existing(dir: &Dir, name: &OsStr, bytes: &[u8]) -> std::io::Result<()> {
    let previous = dir.stat(name).ok().filter(|m| m.kind == Kind::File);
    replace_in(dir, name, bytes, previous.as_ref())
}

/// Writes `bytes` to a temporary file in `dir`, gives it the permissions, owner and group of
/// `previous` (what `name` held), syncs it and renames it to `name`, all through `dir`'s handle.
fn replace_in(
    dir: &Dir,
    name: &OsStr,
    bytes: &[u8],
    previous: Option<&crate::beneath::Meta>,
) -> std::io::Result<()> {
    let short: String = crate::paths::escape_name(name).chars().take(40).collect();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for attempt in 0..100u32 {
        let temp = temporary_name(&short, std::process::id(), stamp, attempt);
        let mut file = match dir.create_new(temp.as_ref()) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        // Owner and mode before the text: the text is never readable by more than the file's
        // own readers.
        let written = previous
            .map_or(Ok(()), |m| Dir::keep_owner_and_mode(&file, m.mode, m.owner))
            .and_then(|()| file.write_all(bytes))
            .and_then(|()| file.sync_all())
            .and_then(|()| {
                drop(file);
                dir.rename(temp.as_ref(), name)
            });
        if written.is_err() {
            let _ = dir.remove(temp.as_ref());
            return written;
        }
        // The rename itself lasts once the directory is synced.
        let _ = dir.sync();
        return Ok(());
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "no free name for a temporary file beside it",
    ))
}

/// The name of the temporary file written beside the file `short` names (its name, cut to 40
/// characters) by process `pid`: hidden and not `.toml`, so never an entity file, even if it were
/// left behind; the process id tells whose it is (see [`temporary_pid`]).
fn temporary_name(short: &str, pid: u32, stamp: u32, attempt: u32) -> String {
    format!(".{short}.orglint-{pid}-{stamp:x}-{attempt}.tmp")
}

/// The process that wrote the temporary file `name`, when `name` is one [`temporary_name`] gives.
pub(crate) fn temporary_pid(name: &OsStr) -> Option<u32> {
    let rest = name.to_str()?.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tail) = rest.rsplit_once(".orglint-")?;
    let mut parts = tail.split('-');
    let (pid, stamp, attempt) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, max: usize, radix: u32| {
        !s.is_empty() && s.len() <= max && s.chars().all(|c| c.is_digit(radix))
    };
    let ours = parts.next().is_none()
        && digits(pid, 10, 10)
        && digits(stamp, 8, 16)
        && digits(attempt, 2, 10);
    ours.then(|| pid.parse().ok()).flatten()
}

/// A temporary file that an interrupted run of orglint left in the tree (killed while it wrote a
/// fix, a report or a baseline): the walk finds it, `check` names it, and the next `--fix` removes
/// it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Leftover {
    /// Its path as walked.
    pub path: PathBuf,
    /// The process that wrote it, which has ended.
    pub pid: u32,
}

/// Removes `leftover`, found under `root`, through its directory's handle (reached from the
/// root's without following a link), once more checked to be a regular file of orglint's name
/// whose process has ended.
pub fn remove_leftover(root: &Path, leftover: &Leftover) -> Result<(), WriteError> {
    let (dir, name) = dir_below(root, &leftover.path)?;
    let still = temporary_pid(name) == Some(leftover.pid)
        && !crate::beneath::process_alive(leftover.pid)
        && dir.stat(name).is_ok_and(|m| m.kind == Kind::File);
    if !still {
        return Err(WriteError::Refused(
            "it is no longer a temporary file of an ended run".into(),
        ));
    }
    dir.remove(name).map_err(WriteError::Io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_names_orglint_gives_its_temporary_files_are_taken_for_them() {
        let pid = |name: &str| temporary_pid(OsStr::new(name));
        let made = temporary_name("team.toml", 4242, 0x1f2e, 7);
        assert_eq!(made, ".team.toml.orglint-4242-1f2e-7.tmp");
        assert_eq!(pid(&made), Some(4242));
        // A name holding the pattern itself: the last one counts.
        assert_eq!(pid(".a.orglint-1-2-3.tmp.orglint-9-ff-0.tmp"), Some(9));
        for other in [
            "team.toml.orglint-4242-1f2e-7.tmp",
            ".team.toml.orglint-4242-1f2e-7.tmp~",
            ".team.toml.orglint-4242-1f2e.tmp",
            ".team.toml.orglint-4242-1f2e-7-8.tmp",
            ".team.toml.orglint--1f2e-7.tmp",
            ".team.toml.orglint-42x-1f2e-7.tmp",
            ".team.toml.orglint-4242-xyz-7.tmp",
            ".team.toml.orglint-99999999999-1f2e-7.tmp",
            ".swp",
        ] {
            assert_eq!(pid(other), None, "{other}");
        }
    }
}
