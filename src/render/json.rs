//! `--format json`: the document of SPEC §6, every string escaped by serde_json.

use serde::Serialize;

use crate::Report;
use crate::finding::Level;
use crate::source::{Sources, Span};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
    baselined: usize,
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

/// Where a span starts and ends, with its file's display path.
pub(crate) fn locate(
    sources: &Sources,
    span: Span,
) -> (&str, crate::source::Position, crate::source::Position) {
    let src = sources.get(span.file);
    (
        src.display.as_str(),
        src.position(span.start as usize),
        src.position(span.end as usize),
    )
}

/// Renders the report as JSON.
pub fn json(report: &Report) -> String {
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
                file: at.map(|a| a.0),
                line: at.map(|a| a.1.line),
                column: at.map(|a| a.1.column),
                end_line: at.map(|a| a.2.line),
                end_column: at.map(|a| a.2.column),
                fingerprint: &f.fingerprint,
                related: f
                    .related
                    .iter()
                    .map(|r| {
                        let (file, start, _) = locate(&report.sources, r.span);
                        Related {
                            file,
                            line: start.line,
                            column: start.column,
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
        summary: Summary {
            files: report.files,
            errors: report.count(Level::Error),
            warnings: report.count(Level::Warn),
            infos: report.count(Level::Info),
            suppressed: report.suppressed,
            baselined: report.baselined,
        },
        diagnostics,
    };
    let mut out = terminal_safe(serde_json::to_string_pretty(&doc).expect("JSON of plain values"));
    out.push('\n');
    out
}

/// `json` with every character that must not reach a terminal (`super::is_unsafe`: DEL, C1,
/// bidi and zero-width characters, which serde_json writes as they are) written as a `\uXXXX`
/// escape: the document decodes to the same strings, and `cat report.json` cannot drive the
/// terminal. Outside strings a JSON document is ASCII, so only string contents change.
fn terminal_safe(json: String) -> String {
    use std::fmt::Write as _;
    // The document's own line breaks are its layout; inside strings serde_json escapes C0.
    let unsafe_char = |c: char| c != '\n' && super::is_unsafe(c);
    if !json.chars().any(unsafe_char) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            // Every unsafe character is in the Basic Multilingual Plane: one `\uXXXX` each.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}
