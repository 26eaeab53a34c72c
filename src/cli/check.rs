//! `orglint check`: lint the tree, and with the flags that ask for it fix it, print the fixes as
//! a diff, or read and write a baseline. What to refuse, when to check again and the exit code
//! are the library's ([`orglint::gate`], [`orglint::fix`]); this prints.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use orglint::fix::{FilesWritten, FixOptions, Fixed};
use orglint::gate::{self, Exit, Writes};
use orglint::paths::{display_path, normalize};
use orglint::render;
use orglint::text::{one_or_many, plural};
use orglint::{CheckOptions, Report};

use super::args::CheckArgs;
use super::output::{
    OutputFile, emit, emit_unless_refused, failed, human, not_written, output_file, tool_error,
};

pub(super) fn check(args: CheckArgs, cwd: PathBuf) -> Exit {
    let to_stdout = args.output.as_ref().is_none_or(|o| o.as_os_str() == "-");
    let output = output_file(args.output, &cwd);
    let write_baseline = args.write_baseline.map(|b| normalize(&cwd.join(b)));
    let read_baseline = args.baseline.as_ref().map(|b| normalize(&cwd.join(b)));
    let writes = Writes {
        output: output.as_deref(),
        baseline: read_baseline.as_deref(),
        write_baseline: write_baseline.as_deref(),
        fix: args.fix,
        diff: args.diff,
        unsafe_fixes: args.unsafe_fixes,
        since: args.since.is_some(),
    };
    if let Some(refused) = gate::refuse_flags(&writes, &cwd) {
        return tool_error(&refused);
    }
    let fixing = args.fix || args.diff;
    let opts = CheckOptions {
        paths: args.paths,
        config: args.config,
        select: args.select,
        ignore: args.ignore,
        cwd: cwd.clone(),
        baseline: args.baseline,
        write_baseline: write_baseline.is_some(),
        since: args.since,
    };
    // Every write this run would make is refused or allowed before the first one is made, so a
    // refusal leaves everything as it was: the report, the baseline, then (by `--fix`) the
    // files, which `fix::write_files` checks one by one.
    let refusal = |report: &Report| {
        let report_to = OutputFile::new(&report.tree, output.as_deref(), &cwd)
            .and_then(|to| to.refusal(&report.sources));
        report_to.or_else(|| {
            let path = write_baseline.as_ref()?;
            report
                .tree
                .refuse_write(path, &report.sources, &cwd, "baseline")
        })
    };
    // Whether every fixed file was written: when one was not, the run ends with exit code 2.
    let mut fixes_written = true;
    let report = if fixing {
        let how = FixOptions {
            unsafe_fixes: args.unsafe_fixes,
        };
        let fixed = match orglint::fix::fix(&opts, how) {
            Ok(fixed) => fixed,
            Err(e) => return failed(e, args.color),
        };
        if args.diff {
            return print_diff(&fixed, output.as_deref(), &cwd);
        }
        if let Some(refused) = refusal(&fixed.report) {
            return tool_error(&refused);
        }
        let written = orglint::fix::write_files(&fixed, &cwd);
        say_written(&fixed, &written);
        fixes_written = written.all();
        match orglint::fix::report_after_writing(fixed, &written, &opts) {
            Ok(report) => report,
            Err(e) => return failed(e, args.color),
        }
    } else {
        match orglint::check(&opts) {
            Ok(report) => report,
            Err(e) => return failed(e, args.color),
        }
    };
    // Never dropped: the process exits right after this function returns, and freeing the
    // model (millions of small allocations on a large org) was about 8% of a run. The kernel
    // takes the memory back at once; nothing in a `Report` has a `Drop` that does more than
    // free memory (no files, no buffers to flush), so the output and exit code are the same.
    let report = std::mem::ManuallyDrop::new(report);
    for (path, why) in &report.not_checked {
        note!(
            "warning: `{}` was not checked: {}",
            render::printable(path),
            render::printable(why)
        );
    }
    leftovers(&report, &cwd, fixing);
    if let Some(accepted) = &read_baseline {
        let shown = display_path(accepted, &cwd);
        for warning in &report.baseline_warnings {
            note!(
                "warning: the baseline `{}`: {}",
                render::printable(&shown),
                render::printable(warning)
            );
        }
    }
    if let Some(since) = &report.since {
        for warning in &since.warnings {
            note!(
                "warning: the tree at `{}`: {}",
                render::printable(&since.revision),
                render::printable(warning)
            );
        }
    }
    if let Some(refused) = refusal(&report) {
        return tool_error(&refused);
    }
    if let (Some(path), Some(new)) = (&write_baseline, &report.new_baseline) {
        let replaced = gate::replaces_baseline_with_narrowed_run(&opts, path);
        let written = write_baseline_file(&report, path, new, &cwd, opts.baseline.is_some());
        if written != Exit::Passed {
            return written;
        }
        if replaced {
            let shown = render::printable(&display_path(path, &cwd)).into_owned();
            note!(
                "warning: `{shown}` was replaced by the findings of this run alone, which \
                 `--select`, `--ignore` or file arguments narrowed; to update a baseline and keep \
                 its entries outside the run, give it as `--baseline {shown}` too"
            );
        }
    }
    let text = if args.statistics {
        args.format.statistics(&report)
    } else {
        let to_terminal = to_stdout && std::io::stdout().is_terminal();
        args.format.render(&report, human(args.color, to_terminal))
    };
    let written = emit(
        &text,
        OutputFile::new(&report.tree, output.as_deref(), &cwd),
    );
    if written != Exit::Passed {
        return written;
    }
    gate::check_exit(&report, args.max_warnings, fixes_written)
}

/// The temporary files that interrupted runs left in the tree: removed when `remove` (`--fix`,
/// which writes into the tree anyway), else named on stderr, since a run that only reads writes
/// nothing. Either way, said on stderr.
fn leftovers(report: &Report, cwd: &Path, remove: bool) {
    for leftover in report.leftovers() {
        let shown = render::printable(&display_path(&leftover.path, cwd)).into_owned();
        let pid = leftover.pid;
        if !remove {
            note!(
                "warning: `{shown}` is a temporary file that an interrupted run of orglint \
                 (process {pid}, which has ended) left; `orglint check --fix` removes it"
            );
            continue;
        }
        match orglint::write::remove_leftover(&report.tree.root, leftover) {
            Ok(()) => note!(
                "removed `{shown}`, a temporary file that an interrupted run of orglint \
                 (process {pid}) left"
            ),
            Err(e) => note!(
                "warning: `{shown}`, a temporary file that an interrupted run of orglint \
                 (process {pid}) left, was not removed: {}",
                render::printable(&e.to_string())
            ),
        }
    }
}

/// `--diff`: the unified diff of every file the fixes change, to `output` or standard output,
/// and on stderr what it would fix. Writes no entity file.
fn print_diff(fixed: &Fixed, output: Option<&Path>, cwd: &Path) -> Exit {
    let diff: String = fixed.files.iter().map(orglint::fix::unified_diff).collect();
    let (text, lines_escaped) = render::patch_text(diff);
    let escaped = lines_escaped || fixed.files.iter().any(orglint::fix::name_is_escaped);
    let to = OutputFile::new(&fixed.report.tree, output, cwd);
    let written = emit_unless_refused(&text, to, &fixed.report.sources);
    if written != Exit::Passed {
        return written;
    }
    fix_notes(fixed, "would fix", fixed.fixed, fixed.files.len());
    if escaped {
        note!(
            "warning: the diff shows some lines or file names escaped (invisible or control \
             characters, or text a CI log would read as a command), so it does not apply as a \
             patch; apply the fixes with `--fix`"
        );
    }
    gate::diff_exit(fixed)
}

/// `--fix`: says on stderr what writing the fixed files gave, file by file, then what was fixed.
fn say_written(fixed: &Fixed, written: &FilesWritten) {
    for file in &written.files {
        let shown = render::printable(&file.display);
        match &file.result {
            Ok(0) => {}
            Ok(n) => {
                let names = if *n == 1 {
                    "name (a hard link), which keeps"
                } else {
                    "names (hard links), which keep"
                };
                note!(
                    "warning: `{shown}` had {n} other {names} the old text: the fixed file \
                     replaced this name only"
                );
            }
            Err(why) => note!("error: `{shown}` was not fixed: {}", render::printable(why)),
        }
    }
    fix_notes(fixed, "fixed", written.fixes, written.written);
}

/// The lines on stderr after fixing: `fixed 3 findings in 2 files` (or `would fix`), how many
/// remaining findings have an unsafe fix, and the files a fix would have broken.
fn fix_notes(fixed: &Fixed, verb: &str, fixes: usize, files: usize) {
    let unsafe_note = match fixed.unsafe_left {
        0 => String::new(),
        n => format!(
            "; {n} {} an unsafe fix (`--unsafe-fixes`)",
            one_or_many(n, "finding has", "findings have")
        ),
    };
    if fixes > 0 {
        note!(
            "{verb} {} in {}{unsafe_note}",
            plural(fixes, "finding"),
            plural(files, "file")
        );
    } else if !unsafe_note.is_empty() {
        note!("no safe fix to apply{unsafe_note}");
    }
    for file in &fixed.refused {
        note!(
            "warning: a fix would have left `{}` unparsable, so its last fixes were not made \
             (a bug of orglint's: please report it)",
            render::printable(file)
        );
    }
}

/// Writes the baseline `new` of `report` to `path` (as `--output` is written; the caller has
/// refused it where it would be), and says on stderr what it holds.
fn write_baseline_file(
    report: &Report,
    path: &Path,
    new: &orglint::Baseline,
    cwd: &Path,
    updated: bool,
) -> Exit {
    let shown = display_path(path, cwd);
    let written = report
        .tree
        .replace_file(path, cwd, "baseline", new.to_json().as_bytes());
    if let Err(e) = written {
        return tool_error(&not_written(&e, &format!("the baseline `{shown}`")));
    }
    let n = new.entries().len();
    let mut line = format!(
        "wrote the baseline `{}`: {n} {}",
        render::printable(&shown),
        one_or_many(n, "entry", "entries")
    );
    if updated && report.baseline_fixed > 0 {
        let fixed = report.baseline_fixed;
        let noun = one_or_many(fixed, "entry", "entries");
        line.push_str(&format!(" ({fixed} fixed {noun} dropped)"));
    }
    note!("{line}");
    // Findings no baseline may hide (`invalid-toml`) were left out of it, and fail the run.
    let unhideable: usize = (report.findings.iter())
        .filter(|f| !f.rule.suppressible)
        .map(|f| 1 + f.more)
        .sum();
    if unhideable > 0 {
        let what = one_or_many(unhideable, "finding", "findings");
        let are = one_or_many(unhideable, "is", "are");
        note!(
            "warning: {unhideable} {what} of files that cannot be read or parsed {are} not in \
             it: no baseline hides a broken file (the rules that need the whole org did not \
             run); fix the file, then write the baseline again"
        );
    }
    Exit::Passed
}
