//! `--fix` (SPEC §9): the fixes of a run applied to its texts in memory, the texts linted again
//! until nothing more is fixable, and the changed files written atomically, each only if its bytes
//! are still those that were read.
//!
//! Rules make [`Fix`]es of span edits (an editor applies the same ones); this module chooses which
//! to apply, and never writes a half: a fix is applied whole or not at all, and a pass leaves out
//! a fix that overlaps one chosen before it, for the next pass to find again on the new text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::finding::{Applicability, Fix, apply_edits};
use crate::load::Texts;
use crate::paths::normalize;
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
/// no fix is left or [`MAX_PASSES`] is reached. Writes nothing: see [`crate::write::write_if_unchanged`].
pub fn fix(opts: &CheckOptions, fix: FixOptions) -> Result<Fixed, Error> {
    let cwd = normalize(&opts.cwd);
    let mut texts = Texts::new();
    let mut files: BTreeMap<PathBuf, FixedFile> = BTreeMap::new();
    let mut refused: Vec<PathBuf> = Vec::new();
    let mut fixed = 0;
    // The tree at `--since`'s revision is read once, not again at every pass.
    let existing = crate::existing(opts)?;
    let mut report = crate::check_with(opts, &texts, Some(&existing))?;
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
        let mut again = crate::check_with(opts, &next, Some(&existing))?;
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
            again = crate::check_with(opts, &next, Some(&existing))?;
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
        .map(|p| crate::paths::display_path(p, &cwd))
        .collect();
    Ok(Fixed {
        report,
        files,
        fixed,
        unsafe_left,
        refused,
    })
}

/// What writing one fixed file gave.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FileWritten {
    /// Its path as reports show it.
    pub display: String,
    /// Written, with how many other names (hard links) it had, which keep the old text; or why it
    /// was not written (a link, or changed since it was read).
    pub result: Result<u64, String>,
}

/// What writing the fixed files gave, file by file in path order.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct FilesWritten {
    /// Each file the fixes changed.
    pub files: Vec<FileWritten>,
    /// How many of them were written.
    pub written: usize,
    /// How many fixes the written ones hold.
    pub fixes: usize,
}

impl FilesWritten {
    /// Whether every file was written.
    pub fn all(&self) -> bool {
        self.written == self.files.len()
    }
}

/// Writes each file the fixes changed (the `--fix` of `check`), through no link and only if its
/// bytes are still those that were read: see [`crate::write::write_if_unchanged`]. A file that
/// cannot be written is left as it is, and the others are still written.
pub fn write_files(fixed: &Fixed, cwd: &Path) -> FilesWritten {
    let tree = &fixed.report.tree;
    let mut outcome = FilesWritten::default();
    for file in &fixed.files {
        let result = match tree.refuse_link(&file.path, cwd, "fixed file") {
            Some(refusal) => Err(refusal),
            None => crate::write::write_if_unchanged(
                &tree.root,
                &file.path,
                file.old.as_bytes(),
                file.new.as_bytes(),
            )
            .map(|done| done.other_names)
            .map_err(|e| e.to_string()),
        };
        if result.is_ok() {
            outcome.written += 1;
            outcome.fixes += file.fixes;
        }
        outcome.files.push(FileWritten {
            display: file.display.clone(),
            result,
        });
    }
    outcome
}

/// The report to show once the fixes are written: that of the fixed texts when every file was
/// written, else a new check of the tree as it now is on disk, since a file left unwritten still
/// has the findings its fixes would have taken away.
pub fn report_after_writing(
    fixed: Fixed,
    written: &FilesWritten,
    opts: &CheckOptions,
) -> Result<Report, Error> {
    if written.all() {
        Ok(fixed.report)
    } else {
        crate::check(opts)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the `lead-not-member` fixture that fires: a lead missing from `members`, which
    /// a safe fix adds.
    fn tree() -> (tempfile::TempDir, CheckOptions) {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lead-not-member/fires");
        let dir = tempfile::tempdir().expect("temp dir");
        copy(&fixture, dir.path());
        let opts = CheckOptions {
            cwd: dir.path().to_path_buf(),
            ..CheckOptions::default()
        };
        (dir, opts)
    }

    fn copy(from: &Path, to: &Path) {
        for entry in std::fs::read_dir(from).expect("fixture") {
            let entry = entry.expect("entry");
            let target = to.join(entry.file_name());
            if entry.file_type().expect("type").is_dir() {
                std::fs::create_dir(&target).expect("directory");
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).expect("file");
            }
        }
    }

    fn leads_not_members(report: &Report) -> usize {
        let rule = crate::rules::find("lead-not-member").expect("rule");
        (report.findings.iter())
            .filter(|f| std::ptr::eq(f.rule, rule))
            .count()
    }

    #[test]
    fn the_fixed_report_is_kept_when_every_file_is_written() {
        let (_dir, opts) = tree();
        let before = leads_not_members(&crate::check(&opts).expect("before"));
        let fixed = fix(&opts, FixOptions::default()).expect("fixed");
        let fixed_count = leads_not_members(&fixed.report);
        assert!(fixed_count < before, "{fixed_count} of {before} left");
        assert!(!fixed.files.is_empty());
        let written = write_files(&fixed, &opts.cwd);
        assert!(written.all());
        assert_eq!(
            (written.written, written.fixes),
            (fixed.files.len(), fixed.fixed)
        );
        assert!(written.files.iter().all(|f| f.result == Ok(0)));
        let report = report_after_writing(fixed, &written, &opts).expect("report");
        assert_eq!(leads_not_members(&report), fixed_count);
        // And the disk agrees with it.
        let after = crate::check(&opts).expect("after");
        assert_eq!(leads_not_members(&after), fixed_count);
    }

    #[test]
    fn a_file_changed_meanwhile_is_not_written_and_the_tree_is_checked_again() {
        let (_dir, opts) = tree();
        let before = leads_not_members(&crate::check(&opts).expect("before"));
        let fixed = fix(&opts, FixOptions::default()).expect("fixed");
        assert_eq!(fixed.files.len(), 1, "the fixture changes one file");
        let file = &fixed.files[0];
        // Someone saves the file while orglint works: their text must win.
        let theirs = format!("{}\n# edited meanwhile\n", file.old);
        std::fs::write(&file.path, &theirs).expect("edit");
        let written = write_files(&fixed, &opts.cwd);
        assert!(!written.all());
        assert_eq!((written.written, written.fixes), (0, 0));
        assert!(written.files[0].result.is_err());
        assert_eq!(std::fs::read_to_string(&file.path).expect("read"), theirs);
        // The report is that of the disk, where the lead is still missing.
        let report = report_after_writing(fixed, &written, &opts).expect("report");
        assert_eq!(leads_not_members(&report), before);
    }
}
