//! Reporters: one per output format, each turning a [`Report`] into text, and the registry of
//! formats that the command line offers.
//!
//! A format of `orglint check` is one file here declaring a `static FORMAT: Format` (its name,
//! one line of help, its renderer and how it renders `--statistics`), registered by its `mod`
//! line and one entry in [`FORMATS`]; the command line lists, parses and dispatches `--format`
//! from that table alone. `orglint rules` has a table of its own, [`RULES_FORMATS`].
//!
//! The pieces every format shares have one home each: `escape.rs` (escaping, one function per
//! format), `locate.rs` (where a span lies), `summary.rs` (the summary line, counted nouns).

mod escape;
mod github;
mod human;
mod json;
mod junit;
mod locate;
mod markdown;
mod rule_list;
mod sarif;
mod short;
mod summary;

pub use crate::text::{INVISIBLE, is_unsafe};
pub use escape::{Dialect, patch_text, printable, runner_safe, visible};
pub use human::{HumanOptions, config_problems, render_config_problem};
pub use rule_list::{RULES_FORMATS, RulesFormat};
pub use summary::summary;

pub(crate) use escape::documents::{dot_string, html, markdown_text, mermaid_label};
pub(crate) use locate::locate;

use crate::Report;
use crate::finding::Level;
use crate::rules;

/// Every format of `orglint check`, in the order `--help` lists them; the first is the default.
pub static FORMATS: &[&Format] = &[
    &human::FORMAT,
    &short::FORMAT,
    &json::FORMAT,
    &sarif::FORMAT,
    &github::FORMAT,
    &junit::FORMAT,
    &markdown::FORMAT,
];

/// The format named `name` on the command line.
pub fn format(name: &str) -> Option<&'static Format> {
    FORMATS.iter().copied().find(|f| f.name == name)
}

/// A format of `orglint check`: what `--format NAME` selects.
///
/// A static table of plain values rather than a trait: a format has no state, every one is
/// known when orglint is built, and the command line needs their names and help before any
/// report exists. What a renderer needs besides the report is said by its `Render`: most
/// formats (short, JSON, and documents for tools such as SARIF or JUnit) need the report alone;
/// the human report also needs colour and width.
#[derive(Debug)]
pub struct Format {
    name: &'static str,
    doc: &'static str,
    /// How its text is kept from holding a workflow command ([`runner_safe`]).
    dialect: Dialect,
    render: Render,
    statistics: fn(&Report) -> String,
}

/// How a format renders a report, by what it needs besides it.
#[derive(Debug)]
enum Render {
    /// The report alone.
    Plain(fn(&Report) -> String),
    /// The report drawn for a reader, with colour and to a width.
    Styled(fn(&Report, HumanOptions) -> String),
}

impl Format {
    /// Its name on the command line: `--format NAME`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// One line of help for `--help`.
    pub fn doc(&self) -> &'static str {
        self.doc
    }

    /// The report in this format. `opts` are for the formats drawn for a reader; the others
    /// ignore them.
    pub fn render(&self, report: &Report, opts: HumanOptions) -> String {
        let text = match self.render {
            Render::Plain(render) => render(report),
            Render::Styled(render) => render(report, opts),
        };
        runner_safe(text, self.dialect)
    }

    /// `--statistics` in this format: counts per rule instead of the findings. (No format
    /// writes a command there: the github format's statistics are plain lines.)
    pub fn statistics(&self, report: &Report) -> String {
        let dialect = match self.dialect {
            Dialect::Workflow => Dialect::Terminal,
            dialect => dialect,
        };
        runner_safe((self.statistics)(report), dialect)
    }
}

/// Counts per rule, most frequent first: `--statistics` as text.
pub(crate) fn statistics_text(report: &Report) -> String {
    let stats = statistics(report);
    let count_width = stats.iter().map(|s| s.1.to_string().len()).max();
    let rule_width = stats.iter().map(|s| s.0.len()).max();
    let (count_width, rule_width) = (count_width.unwrap_or(1), rule_width.unwrap_or(1));
    let mut out = String::new();
    for (rule, count, level) in &stats {
        out.push_str(&format!(
            "{count:>count_width$}  {rule:<rule_width$}  {}\n",
            level.severity()
        ));
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

/// Counts per rule as JSON: `--statistics --format json`.
pub(crate) fn statistics_json(report: &Report) -> String {
    let rows: Vec<serde_json::Value> = statistics(report)
        .into_iter()
        .map(|(rule, count, level)| {
            serde_json::json!({
                "rule": rule,
                "category": rules::find(rule).map(|r| r.category.as_str()),
                "severity": level.severity(),
                "count": count,
            })
        })
        .collect();
    crate::json::document(&rows)
}

fn statistics(report: &Report) -> Vec<(&'static str, usize, Level)> {
    let mut counts: std::collections::BTreeMap<&'static str, (usize, Level)> = Default::default();
    for f in &report.findings {
        counts.entry(f.rule.name).or_insert((0, f.level)).0 += 1 + f.more;
    }
    let mut stats: Vec<_> = counts.into_iter().map(|(r, (n, l))| (r, n, l)).collect();
    stats.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    stats
}
