//! How a run of `orglint check` ends, decided here rather than in the command line that prints
//! it: which flags cannot be given together (known before anything runs or is written), whether
//! writing the baseline drops entries the run did not look at, and the exit code.

use std::path::Path;

use crate::finding::Level;
use crate::fix::Fixed;
use crate::paths::display_path;
use crate::tree::same_file;
use crate::{CheckOptions, Report};

/// The exit code of a run (SPEC §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Nothing failed: 0.
    Passed,
    /// Findings fail the run (an error, more warnings than `--max-warnings`), or `--diff` has
    /// something to fix: 1.
    Failed,
    /// A usage, configuration or I/O error, or a fixed file that could not be written: 2.
    ToolError,
}

impl Exit {
    /// The process's exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Passed => 0,
            Exit::Failed => 1,
            Exit::ToolError => 2,
        }
    }
}

/// What the flags of a `check` would write, and how it fixes. Paths are absolute and normalised.
#[derive(Clone, Copy, Debug, Default)]
pub struct Writes<'a> {
    /// `--output`, unless it is `-` (standard output).
    pub output: Option<&'a Path>,
    /// `--baseline`: the baseline the run reads.
    pub baseline: Option<&'a Path>,
    /// `--write-baseline`.
    pub write_baseline: Option<&'a Path>,
    /// `--fix`.
    pub fix: bool,
    /// `--diff`.
    pub diff: bool,
    /// `--unsafe-fixes`.
    pub unsafe_fixes: bool,
    /// `--since`.
    pub since: bool,
}

/// Why the flags in `writes` cannot be given together, if they cannot: the run is then refused
/// before it reads anything (exit code 2). Paths in the message are shown relative to `cwd`.
pub fn refuse_flags(writes: &Writes, cwd: &Path) -> Option<String> {
    if let Some(path) = writes.write_baseline {
        if path.as_os_str() == "-" || path.file_name().is_some_and(|n| n == "-") {
            return Some(
                "`--write-baseline` writes a file; `-` (standard output) is not one".to_owned(),
            );
        }
        if writes.output.is_some_and(|o| same_file(o, path)) {
            return Some(format!(
                "`--output` and `--write-baseline` name the same file `{}`",
                display_path(path, cwd)
            ));
        }
    }
    if let (Some(out), Some(read)) = (writes.output, writes.baseline) {
        if same_file(out, read) {
            return Some(format!(
                "`--output` names the baseline `{}` that this run reads; write the report \
                 elsewhere",
                display_path(read, cwd)
            ));
        }
    }
    if writes.unsafe_fixes && !(writes.fix || writes.diff) {
        return Some(
            "`--unsafe-fixes` widens `--fix` and `--diff`; give one of them (the reports do not \
             show which findings have a fix)"
                .to_owned(),
        );
    }
    if writes.diff && writes.write_baseline.is_some() {
        return Some(
            "`--diff` writes nothing; it cannot be given with `--write-baseline`".to_owned(),
        );
    }
    if writes.since && writes.write_baseline.is_some() {
        return Some(
            "`--since` reports only what changed, so a baseline written from it would leave out \
             the findings that were already there; give one or the other"
                .to_owned(),
        );
    }
    None
}

/// Whether writing the baseline `path` (absolute, normalised) would replace the file there with
/// the findings of a run that `--select`, `--ignore` or file arguments narrowed, dropping its
/// entries outside that run: the run then says so. Giving the same file as `--baseline` updates
/// it instead, keeping those entries. Asked before the baseline is written.
pub fn replaces_baseline_with_narrowed_run(opts: &CheckOptions, path: &Path) -> bool {
    let narrowed = !opts.select.is_empty()
        || !opts.ignore.is_empty()
        || opts.paths.iter().any(|p| opts.cwd.join(p).is_file());
    narrowed && opts.baseline.is_none() && path.is_file()
}

/// The exit code of a `check` whose report was written: [`Exit::ToolError`] when a fixed file
/// could not be written (`fixes_written` false: the report is then that of the files on disk),
/// else [`Exit::Failed`] for an error or more than `max_warnings` warnings.
pub fn check_exit(report: &Report, max_warnings: Option<usize>, fixes_written: bool) -> Exit {
    let errors = report.count(Level::Error);
    let warnings = report.count(Level::Warn);
    if !fixes_written {
        Exit::ToolError
    } else if errors > 0 || max_warnings.is_some_and(|max| warnings > max) {
        Exit::Failed
    } else {
        Exit::Passed
    }
}

/// The exit code of `--diff`: [`Exit::Failed`] when there is something to fix, as
/// `ruff check --diff` does, so that a CI step can ask whether everything is fixed.
pub fn diff_exit(fixed: &Fixed) -> Exit {
    if fixed.files.is_empty() {
        Exit::Passed
    } else {
        Exit::Failed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::{FixOptions, fix};
    use std::path::PathBuf;

    /// The options of a run on a fixture, from inside it.
    fn fixture(name: &str) -> CheckOptions {
        CheckOptions {
            cwd: Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures")
                .join(name),
            ..CheckOptions::default()
        }
    }

    #[test]
    fn exit_codes_are_the_ones_the_spec_gives() {
        assert_eq!(
            [Exit::Passed, Exit::Failed, Exit::ToolError].map(Exit::code),
            [0, 1, 2]
        );
    }

    #[test]
    fn a_clean_run_passes_an_error_fails_and_an_unwritten_fix_is_a_tool_error() {
        let report = crate::check(&fixture("duplicate-id/clean")).expect("report");
        assert_eq!(report.findings.len(), 0, "{:?}", report.findings);
        assert_eq!(check_exit(&report, None, true), Exit::Passed);
        assert_eq!(check_exit(&report, Some(0), true), Exit::Passed);
        assert_eq!(check_exit(&report, None, false), Exit::ToolError);

        let report = crate::check(&fixture("lead-not-member/fires")).expect("report");
        assert!(report.count(Level::Error) > 0);
        assert_eq!(check_exit(&report, None, true), Exit::Failed);
        // A file not written is worse than a finding.
        assert_eq!(check_exit(&report, None, false), Exit::ToolError);
    }

    #[test]
    fn warnings_fail_only_beyond_max_warnings() {
        let report = crate::check(&fixture("team-size/fires")).expect("report");
        let warnings = report.count(Level::Warn);
        assert_eq!(report.count(Level::Error), 0, "{:?}", report.findings);
        assert!(warnings > 0);
        assert_eq!(check_exit(&report, None, true), Exit::Passed);
        assert_eq!(check_exit(&report, Some(warnings), true), Exit::Passed);
        assert_eq!(check_exit(&report, Some(warnings - 1), true), Exit::Failed);
    }

    #[test]
    fn diff_fails_when_there_is_something_to_fix() {
        // A lead missing from `members` has a safe fix: add them. Fixing writes nothing.
        let fixed = fix(&fixture("lead-not-member/fires"), FixOptions::default()).expect("fixed");
        assert!(!fixed.files.is_empty());
        assert_eq!(diff_exit(&fixed), Exit::Failed);
        let fixed = fix(&fixture("duplicate-id/clean"), FixOptions::default()).expect("fixed");
        assert_eq!(diff_exit(&fixed), Exit::Passed);
    }

    #[test]
    fn flags_that_write_the_same_file_or_cannot_go_together_are_refused() {
        let cwd = PathBuf::from("/org");
        let (out, base) = (cwd.join("out.json"), cwd.join("base.json"));
        let refused = |writes: Writes| refuse_flags(&writes, &cwd);
        assert_eq!(refused(Writes::default()), None);
        let dash = cwd.join("-");
        assert_eq!(
            refused(Writes {
                write_baseline: Some(&dash),
                ..Writes::default()
            })
            .as_deref(),
            Some("`--write-baseline` writes a file; `-` (standard output) is not one")
        );
        assert_eq!(
            refused(Writes {
                output: Some(&out),
                write_baseline: Some(&out),
                ..Writes::default()
            })
            .as_deref(),
            Some("`--output` and `--write-baseline` name the same file `out.json`")
        );
        let reads_it = refused(Writes {
            output: Some(&base),
            baseline: Some(&base),
            ..Writes::default()
        });
        assert!(
            reads_it.is_some_and(|m| m.starts_with("`--output` names the baseline `base.json`"))
        );
        // Updating a baseline in place is what `--baseline F --write-baseline F` is for.
        assert_eq!(
            refused(Writes {
                output: Some(&out),
                baseline: Some(&base),
                write_baseline: Some(&base),
                ..Writes::default()
            }),
            None
        );
        let unsafe_alone = refused(Writes {
            unsafe_fixes: true,
            ..Writes::default()
        });
        assert!(unsafe_alone.is_some_and(|m| m.starts_with("`--unsafe-fixes` widens")));
        for (fix, diff) in [(true, false), (false, true)] {
            let widened = Writes {
                unsafe_fixes: true,
                fix,
                diff,
                ..Writes::default()
            };
            assert_eq!(refused(widened), None);
        }
        let diff_and_write = refused(Writes {
            diff: true,
            write_baseline: Some(&base),
            ..Writes::default()
        });
        assert!(diff_and_write.is_some_and(|m| m.starts_with("`--diff` writes nothing")));
        let since_and_write = refused(Writes {
            since: true,
            write_baseline: Some(&base),
            ..Writes::default()
        });
        assert!(since_and_write.is_some_and(|m| m.starts_with("`--since` reports only")));
        let since_and_read = Writes {
            since: true,
            baseline: Some(&base),
            ..Writes::default()
        };
        assert_eq!(refused(since_and_read), None);
    }

    #[test]
    fn a_narrowed_run_replacing_a_baseline_is_told_and_an_update_or_a_new_file_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("team.toml"), "").expect("entity file");
        let path = dir.path().join("baseline.json");
        let whole = CheckOptions {
            cwd: dir.path().to_path_buf(),
            ..CheckOptions::default()
        };
        let narrowed = [
            CheckOptions {
                select: vec!["team-size".to_owned()],
                ..whole.clone()
            },
            CheckOptions {
                ignore: vec!["ml".to_owned()],
                ..whole.clone()
            },
            CheckOptions {
                paths: vec![PathBuf::from("team.toml")],
                ..whole.clone()
            },
        ];
        // No file there yet: nothing is replaced.
        for opts in narrowed.iter().chain([&whole]) {
            assert!(!replaces_baseline_with_narrowed_run(opts, &path));
        }
        std::fs::write(&path, "{}").expect("baseline");
        assert!(!replaces_baseline_with_narrowed_run(&whole, &path));
        // A directory argument does not narrow the run.
        let dir_arg = CheckOptions {
            paths: vec![PathBuf::from(".")],
            ..whole.clone()
        };
        assert!(!replaces_baseline_with_narrowed_run(&dir_arg, &path));
        for opts in &narrowed {
            assert!(replaces_baseline_with_narrowed_run(opts, &path), "{opts:?}");
            let updating = CheckOptions {
                baseline: Some(path.clone()),
                ..opts.clone()
            };
            assert!(!replaces_baseline_with_narrowed_run(&updating, &path));
        }
    }
}
