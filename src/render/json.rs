//! `--format json`: the document of SPEC §6, every string escaped by serde_json.

use serde::Serialize;

use super::locate::locate;
use super::{Format, Render};
use crate::Report;
use crate::finding::Level;

/// `--format json`.
pub(super) static FORMAT: Format = Format {
    name: "json",
    dialect: super::Dialect::Json,
    doc: "A JSON document",
    render: Render::Plain(json),
    statistics: super::statistics_json,
};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    org: Option<Org<'a>>,
    summary: Summary,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// The org as a whole: name, stage and AI focus as given or derived, and the structure.
#[derive(Serialize)]
struct Org<'a> {
    name: Option<&'a str>,
    stage: &'static str,
    ai_focus: &'static str,
    structure: &'static str,
}

/// The counts of a report: the JSON format's `summary`, and the SARIF log's run properties.
#[derive(Serialize)]
pub(super) struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
    baselined: usize,
    baseline_fixed: usize,
    broken_files: usize,
    /// With `--since`: the revision, and how many findings it hid.
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<SinceSummary>,
}

/// `summary.since`: `{"revision": "HEAD", "existing": 12}`.
#[derive(Serialize)]
struct SinceSummary {
    revision: String,
    existing: usize,
}

impl Summary {
    pub(super) fn of(report: &Report) -> Summary {
        Summary {
            files: report.files,
            errors: report.count(Level::Error),
            warnings: report.count(Level::Warn),
            infos: report.count(Level::Info),
            suppressed: report.suppressed,
            baselined: report.baselined,
            baseline_fixed: report.baseline_fixed,
            broken_files: report.broken,
            since: report.since.as_ref().map(|s| SinceSummary {
                revision: s.revision.clone(),
                existing: s.existing,
            }),
        }
    }
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'a str,
    category: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    fingerprint: &'a str,
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

/// Renders the report as JSON.
pub(crate) fn json(report: &Report) -> String {
    let diagnostics = report
        .findings
        .iter()
        .map(|f| {
            let at = f.primary.map(|s| locate(&report.sources, s));
            Diagnostic {
                rule: f.rule.name,
                category: f.rule.category.as_str(),
                severity: f.level.severity(),
                message: &f.message,
                help: f.help.as_deref(),
                file: at.map(|a| a.file),
                line: at.map(|a| a.start.line),
                column: at.map(|a| a.start.column),
                end_line: at.map(|a| a.end.line),
                end_column: at.map(|a| a.end.column),
                fingerprint: &f.fingerprint,
                related: f
                    .related
                    .iter()
                    .map(|r| {
                        let at = locate(&report.sources, r.span);
                        Related {
                            file: at.file,
                            line: at.start.line,
                            column: at.start.column,
                            message: &r.message,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let doc = Document {
        version: 1,
        tool: Tool {
            name: "orglint",
            version: env!("CARGO_PKG_VERSION"),
        },
        org: report.org.facts().map(|f| Org {
            name: f.name,
            stage: f.stage.as_str(),
            ai_focus: f.ai_focus.as_str(),
            structure: f.structure.as_str(),
        }),
        summary: Summary::of(report),
        diagnostics,
    };
    crate::json::document(&doc)
}
