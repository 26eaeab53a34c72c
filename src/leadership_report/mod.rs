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

/// `report` as a page in `format`.
pub fn render(report: &Report, format: ReportFormat) -> String {
    let content = Content::new(report);
    match format {
        ReportFormat::Html => runner_safe(html::render(&content), Dialect::Markup),
        ReportFormat::Markdown => runner_safe(markdown::render(&content), Dialect::Markdown),
    }
}
