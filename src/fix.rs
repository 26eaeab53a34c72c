//! `--fix` (SPEC §9): the fixes of a run applied to its texts in memory, the texts linted again
//! until nothing more is fixable, and the changed files written atomically, each only if its bytes
//! are still those that were read.
//!
//! Rules make [`Fix`]es of span edits (an editor applies the same ones); this module chooses which
//! to apply, and never writes a half: a fix is applied whole or not at all, and a pass leaves out
//! a fix that overlaps one chosen before it, for the next pass to find again on the new text.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::beneath::{Dir, Kind};

use crate::finding::{Applicability, Fix, apply_edits};
use crate::load::{Texts, normalize};
use crate::{CheckOptions, Error, Report};

/// How many times the texts are fixed and linted again at most. Each pass applies every fix that
/// does not overlap another, so two or three passes fix any org seen so far; the bound keeps a
/// fix that undoes another from looping.
pub const MAX_PASSES: usize = 10;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FixOptions {
    /// Also the [`Applicability::Unsafe`] ones (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
}

impl FixOptions {
    /// Whether a fix of `applicability` is applied.
    pub fn applies(self, applicability: Applicability) -> bool {
        applicability == Applicability::Safe || self.unsafe_fixes
    }
}

/// One file the fixes changed.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FixedFile {
    /// Its path as walked, absolute and normalised (a link in it is not resolved).
    pub path: PathBuf,
    /// Its path as reports show it.
    pub display: String,
    /// The text that was read (byte-order mark and line endings included).
    pub old: Arc<String>,
    /// The text after every pass.
    pub new: Arc<String>,
    /// How many fixes were applied to it.
    pub fixes: usize,
}

/// What fixing gave: the changed texts, not yet written, and the report on them.
#[derive(Debug)]
#[non_exhaustive]
pub struct Fixed {
    /// The lint of the fixed texts: the findings that remain.
    pub report: Report,
    /// The files the fixes changed, in path order.
    pub files: Vec<FixedFile>,
    /// How many fixes were applied (one per finding fixed).
    pub fixed: usize,
    /// How many of the remaining findings have a fix that was not applied because it is unsafe.
    pub unsafe_left: usize,
    /// Files a fix would have left unparsable (a bug of orglint's): left as they were, and
    /// fixed no further.
    pub refused: Vec<String>,
}

/// Lints the tree `opts` names, applies the fixes `fix` allows to the texts, and lints again, until
/// no fix is left or [`MAX_PASSES`] is reached. Writes nothing: see [`write_if_unchanged`].
pub fn fix(opts: &CheckOptions, fix: FixOptions) -> Result<Fixed, Error> {
    let cwd = normalize(&opts.cwd);
    let mut texts = Texts::new();
    let mut files: BTreeMap<PathBuf, FixedFile> = BTreeMap::new();
    let mut refused: Vec<PathBuf> = Vec::new();
    let mut fixed = 0;
    let mut report = crate::check_with(opts, &texts)?;
    for _ in 0..MAX_PASSES {
        let path_of = |file| normalize(&cwd.join(&report.sources.get(file).path));
        let chosen = choose(&report, fix, |file| refused.contains(&path_of(file)));
        if chosen.is_empty() {
            break;
        }
        let edited = apply_edits(&report.sources, chosen.iter().flat_map(|f| &f.edits));
        let mut next = texts.clone();
        let mut touched = Vec::new();
        for (file, text) in edited.texts {
            let src = report.sources.get(file);
            if *src.text == text {
                continue;
            }
            let path = path_of(file);
            let fixes = chosen
                .iter()
                .filter(|f| f.edits[0].span.file == file)
                .count();
            let entry = files.entry(path.clone()).or_insert_with(|| FixedFile {
                path: path.clone(),
                display: src.display.clone(),
                old: src.text.clone(),
                new: src.text.clone(),
                fixes: 0,
            });
            entry.fixes += fixes;
            touched.push((path.clone(), fixes));
            next.insert(path, Arc::new(text));
        }
        if touched.is_empty() {
            break;
        }
        let mut again = crate::check_with(opts, &next)?;
        // A file the fixes left unparsable goes back to its text before this pass.
        let broken: Vec<PathBuf> = (again.sources.iter().zip(&again._rest.broken_files))
            .filter(|&(_, &broken)| broken)
            .map(|(src, _)| normalize(&cwd.join(&src.path)))
            .filter(|p| touched.iter().any(|(t, _)| t == p))
            .collect();
        if !broken.is_empty() {
            for path in &broken {
                match texts.get(path) {
                    Some(text) => next.insert(path.clone(), text.clone()),
                    None => next.remove(path),
                };
                if let Some((_, n)) = touched.iter().find(|(t, _)| t == path) {
                    if let Some(f) = files.get_mut(path) {
                        f.fixes -= n;
                    }
                }
            }
            refused.extend(broken);
            again = crate::check_with(opts, &next)?;
        }
        fixed += touched
            .iter()
            .filter(|(p, _)| !refused.contains(p))
            .map(|(_, n)| n)
            .sum::<usize>();
        texts = next;
        report = again;
    }
    let files = files
        .into_values()
        .filter_map(|mut f| {
            f.new = texts.get(&f.path)?.clone();
            (f.new != f.old).then_some(f)
        })
        .collect();
    let unsafe_left = report
        .findings
        .iter()
        .filter(|f| {
            f.fix
                .as_ref()
                .is_some_and(|x| !fix.applies(x.applicability))
        })
        .count();
    let refused = refused
        .iter()
        .map(|p| crate::load::display_path(p, &cwd))
        .collect();
    Ok(Fixed {
        report,
        files,
        fixed,
        unsafe_left,
        refused,
    })
}

/// The fixes of `report` to apply in one pass: those `fix` allows, in report order, each whole,
/// none in a file `frozen` names, and none that [`clashes`] with one chosen before it (so a fix
/// equal to one chosen, two findings with one remedy, is made once).
///
/// The chosen edits are kept by file, so a fix is compared with those of its own files only: a
/// file shows at most [`MAX_PER_FILE`](crate::limits::MAX_PER_FILE) findings of a rule, so the
/// work stays linear in the number of files, however many there are.
fn choose(report: &Report, fix: FixOptions, frozen: impl Fn(crate::FileId) -> bool) -> Vec<&Fix> {
    let mut chosen: Vec<&Fix> = Vec::new();
    let mut by_file: BTreeMap<crate::FileId, Vec<&crate::finding::Edit>> = BTreeMap::new();
    for f in report.findings.iter().filter_map(|f| f.fix.as_ref()) {
        if !fix.applies(f.applicability) || f.edits.is_empty() {
            continue;
        }
        if f.edits.iter().any(|e| frozen(e.span.file)) {
            continue;
        }
        let clash = f.edits.iter().any(|e| {
            let taken = by_file.get(&e.span.file).map_or(&[][..], Vec::as_slice);
            taken.iter().any(|&c| clashes(e, c))
        });
        if !clash {
            for e in &f.edits {
                by_file.entry(e.span.file).or_default().push(e);
            }
            chosen.push(f);
        }
    }
    chosen
}

/// Whether two edits of one file cannot be made in one pass: they are the same edit, they
/// overlap, or one inserts where the other, which takes text out or replaces it, starts or ends.
/// An element inserted where another is taken out would be written next to that one's comma
/// (`["old"]` with `"old"` out and `"ada"` in gives `[, "ada"]`); the next pass finds it again
/// on the new text. Two removals that touch (neighbouring lines) are made together, each with its
/// own comma, and so are two insertions at one place.
fn clashes(e: &crate::finding::Edit, c: &crate::finding::Edit) -> bool {
    let (a, b) = (e.span, c.span);
    let insertion_at_edge = |ins: crate::source::Span, other: crate::source::Span| {
        ins.start == ins.end
            && other.start != other.end
            && (ins.start == other.start || ins.start == other.end)
    };
    e == c
        || (a.start < b.end && b.start < a.end)
        || insertion_at_edge(a, b)
        || insertion_at_edge(b, a)
}

/// The unified diff of one fixed file (`--- a/PATH`, `+++ b/PATH`, three lines of context), as
/// `git apply` and `patch -p1` take it. Lines are the file's own: a CRLF file's lines end in CRLF.
/// The path is written as [`crate::render::printable`] writes it, so that a name holding a line
/// break cannot make a line of the diff (a header or a hunk of another file's): see
/// [`name_is_escaped`].
pub fn unified_diff(file: &FixedFile) -> String {
    let name = crate::render::printable(&file.display);
    similar::TextDiff::from_lines(file.old.as_str(), file.new.as_str())
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// Whether the path of `file` in its [`unified_diff`] is escaped, so that the diff names a file
/// that is not there.
pub fn name_is_escaped(file: &FixedFile) -> bool {
    crate::render::printable(&file.display) != file.display
}

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
    let short: String = crate::load::escape_name(name).chars().take(40).collect();
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
