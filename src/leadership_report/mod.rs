//! `orglint report`: the report someone hands to leadership — where the org stands, what the
//! reference article would have it do, what is wrong and where, with an org chart.
//!
//! [`Content`] is the one computation of what a report says (facts, advice, figures, findings by
//! rule and by team, the chart's nodes); [`chart`] lays out the org chart; each format renders
//! the same content (`html.rs`, `markdown.rs`).

pub mod chart;
pub mod content;
mod html;
mod markdown;

pub use content::Content;

use crate::Report;
use crate::render::{Dialect, runner_safe};

/// A format of `orglint report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReportFormat {
    /// One self-contained HTML page with the org chart as inline SVG.
    Html,
    /// Markdown for a pull request or a wiki, with the org chart as a Mermaid block.
    Markdown,
}

/// Every format of `orglint report`, in the order `--help` lists them; the first is the default.
pub static REPORT_FORMATS: &[&ReportFormat] = &[&ReportFormat::Html, &ReportFormat::Markdown];

/// What a format is: its name and help on the command line, how its text is kept from holding a
/// workflow command ([`runner_safe`]), and its writer.
struct Spec {
    name: &'static str,
    doc: &'static str,
    dialect: Dialect,
    write: fn(&Content<'_>) -> String,
}

const HTML: Spec = Spec {
    name: "html",
    doc: "One self-contained HTML page (inline style, no script, no URL) with the org chart as SVG",
    dialect: Dialect::Markup,
    write: html::render,
};

const MARKDOWN: Spec = Spec {
    name: "markdown",
    doc: "Markdown for a pull request or a wiki, with the org chart as a Mermaid block",
    dialect: Dialect::Markdown,
    write: markdown::render,
};

impl ReportFormat {
    fn spec(self) -> &'static Spec {
        match self {
            ReportFormat::Html => &HTML,
            ReportFormat::Markdown => &MARKDOWN,
        }
    }

    /// Its name on the command line: `--format NAME`.
    pub fn name(&self) -> &'static str {
        self.spec().name
    }

    /// One line of help for `--help`.
    pub fn doc(&self) -> &'static str {
        self.spec().doc
    }
}

/// `report` as a page in `format`.
pub fn render(report: &Report, format: ReportFormat) -> String {
    let spec = format.spec();
    runner_safe((spec.write)(&Content::new(report)), spec.dialect)
}
