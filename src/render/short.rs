//! `--format short`: one line per finding, `file:line:col: severity[rule] message`, then the summary.

use super::escape::printable;
use super::locate::locate;
use super::summary::summary;
use super::{Format, Render};
use crate::Report;

/// `--format short`.
pub(super) static FORMAT: Format = Format {
    name: "short",
    dialect: super::Dialect::Terminal,
    doc: "One line per finding",
    render: Render::Plain(short),
    statistics: super::statistics_text,
};

/// Renders the report one line per finding.
pub(crate) fn short(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        if let Some(span) = f.primary {
            let at = locate(&report.sources, span);
            let file = printable(at.file);
            // A line that starts with `::` is a command to GitHub's runner (a file at the root
            // named `::error file=...::x.toml`); `./` names the same file and starts no command.
            let here = if file.trim_start().starts_with("::") {
                "./"
            } else {
                ""
            };
            out.push_str(&format!(
                "{here}{file}:{}:{}: ",
                at.start.line, at.start.column
            ));
        }
        out.push_str(&format!(
            "{}[{}] {}\n",
            f.level.severity(),
            f.rule,
            super::printable(&f.message)
        ));
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}
