//! `--format github`: one GitHub Actions workflow command per finding (`::error`, `::warning`,
//! `::notice`), which the runner turns into an annotation on the file and line, then the summary.

use super::escape::{github_message, github_property};
use super::locate::locate;
use super::summary::summary;
use super::{Format, Render};
use crate::finding::Level;
use crate::{Report, Reported};

/// `--format github`.
pub(super) static FORMAT: Format = Format {
    name: "github",
    dialect: super::Dialect::Workflow,
    doc: "GitHub Actions annotations (workflow commands)",
    render: Render::Plain(github),
    // Counts per rule are plain lines in the log, as in a terminal: no annotation per rule.
    statistics: super::statistics_text,
};

/// Renders the report as workflow commands. GitHub shows only the first 10 annotations of each
/// kind in a step (and 50 in a job), so errors come first, then warnings, then notices, each in
/// the order of the report (file, line, column, rule); the summary line after them counts all.
pub(crate) fn github(report: &Report) -> String {
    let mut out = String::new();
    for level in [Level::Error, Level::Warn, Level::Info] {
        for f in report.findings.iter().filter(|f| f.level == level) {
            command(report, f, &mut out);
        }
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

/// The command of one finding:
/// `::warning file=F,line=L,col=C,endLine=EL,endColumn=EC,title=orglint (RULE)::MESSAGE`.
fn command(report: &Report, f: &Reported, out: &mut String) {
    let kind = match f.level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info | Level::Off => "notice",
    };
    let mut properties = Vec::new();
    // A finding with no place (`missing-org`) is an annotation of the run, not of a file.
    if let Some(span) = f.primary {
        let at = locate(&report.sources, span);
        properties.push(format!("file={}", github_property(at.file)));
        properties.push(format!("line={}", at.start.line));
        properties.push(format!("col={}", at.start.column));
        properties.push(format!("endLine={}", at.end.line));
        properties.push(format!("endColumn={}", at.end.column));
    }
    properties.push(format!(
        "title={}",
        github_property(&format!("orglint ({})", f.rule.name))
    ));
    let help = f.help.as_deref().map(|h| format!("help: {h}"));
    let message = github_message(std::iter::once(f.message.as_str()).chain(help.as_deref()));
    out.push_str(&format!("::{kind} {}::{message}\n", properties.join(",")));
}
