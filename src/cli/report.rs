//! `orglint report`: the report for leadership.

use std::path::PathBuf;

use orglint::gate::Exit;

use super::args::{ColorChoice, ReportArgs};
use super::output::{OutputFile, emit_unless_refused, failed, output_file};

/// Lints as `orglint check` does with no option (the discovered `orglint.toml`), and writes the
/// report. Exit 0 when it is written, whatever the findings: the report is the product, and
/// `check` is the gate; 2 for a usage, configuration or I/O error.
pub(super) fn report(args: ReportArgs, cwd: PathBuf) -> Exit {
    let output = output_file(args.output, &cwd);
    let opts = super::tree_options(args.path, args.config, &cwd);
    let report = match orglint::check(&opts) {
        Ok(report) => report,
        Err(e) => return failed(e, ColorChoice::Auto),
    };
    // Never dropped, as in `check`: the process exits right after.
    let report = std::mem::ManuallyDrop::new(report);
    let text = orglint::leadership_report::render(&report, *args.format);
    let to = OutputFile::new(&report.tree, output.as_deref(), &cwd);
    emit_unless_refused(&text, to, &report.sources)
}
