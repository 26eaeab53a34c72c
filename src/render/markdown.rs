//! `--format markdown`: a report for a pull-request comment or a job summary: a heading, the
//! counts by severity and by rule, then the findings grouped by rule, the first few groups open
//! and the rest folded in `<details>`, the whole kept within the size GitHub accepts.

use std::collections::BTreeMap;

use super::escape::documents::markdown_text;
use super::locate::locate;
use super::summary::summary;
use super::{Format, Render};
use crate::finding::Level;
use crate::rules::Rule;
use crate::text::noun;
use crate::text::thousands;
use crate::{Report, Reported};

/// `--format markdown`.
pub(super) static FORMAT: Format = Format {
    name: "markdown",
    dialect: super::Dialect::Markdown,
    doc: "A Markdown report for a pull-request comment",
    render: Render::Plain(markdown_report),
    statistics: markdown_statistics,
};

/// The largest report, in bytes: GitHub refuses a comment of more than 65,536 characters, and a
/// character is at least one byte, so a report of at most this many bytes always fits.
pub(crate) const LIMIT: usize = 65_536;

/// How many groups of findings (one per rule) are shown open, before the rest are folded.
const OPEN_GROUPS: usize = 3;

/// A group with more findings than this is folded even among the first.
const OPEN_FINDINGS: usize = 10;

/// How many findings of one group are shown at most, so that a rule with hundreds of findings
/// leaves room for the others.
const PER_GROUP: usize = 25;

/// Room kept for the closing of a group and the note that says how many were left out.
const RESERVE: usize = 512;

/// The findings of one rule at one level, in report order.
struct Group<'a> {
    level: Level,
    rule: &'static Rule,
    findings: Vec<&'a Reported>,
    /// How many findings they stand for (see [`Reported::more`]).
    count: usize,
}

/// The groups, errors first, then warnings, then infos, each by rule name.
fn groups(report: &Report) -> Vec<Group<'_>> {
    let mut by: BTreeMap<(std::cmp::Reverse<Level>, &'static str), Group<'_>> = BTreeMap::new();
    for f in &report.findings {
        let group = by
            .entry((std::cmp::Reverse(f.level), f.rule.name))
            .or_insert_with(|| Group {
                level: f.level,
                rule: f.rule,
                findings: Vec::new(),
                count: 0,
            });
        group.findings.push(f);
        group.count += 1 + f.more;
    }
    by.into_values().collect()
}

/// The heading, the summary line and the two tables: all of `--statistics --format markdown`.
fn head(report: &Report, groups: &[Group<'_>]) -> String {
    let mut out = String::from("## orglint\n\n");
    out.push_str(&markdown_text(&summary(report)));
    out.push_str("\n\n");
    if groups.is_empty() {
        return out;
    }
    out.push_str("| Severity | Findings |\n| :-- | --: |\n");
    for level in [Level::Error, Level::Warn, Level::Info] {
        out.push_str(&format!(
            "| {} | {} |\n",
            level.severity(),
            thousands(report.count(level))
        ));
    }
    out.push_str("\n| Rule | Category | Level | Findings |\n| :-- | :-- | :-- | --: |\n");
    for g in groups {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            g.rule.name,
            g.rule.category.as_str(),
            g.level.severity(),
            thousands(g.count)
        ));
    }
    out.push('\n');
    out
}

/// `--statistics --format markdown`: the heading, the summary and the counts, no findings.
fn markdown_statistics(report: &Report) -> String {
    head(report, &groups(report))
}

/// One finding as a list item: `- file:line:col: message`, then its help on a line of its own.
fn item(report: &Report, f: &Reported) -> String {
    let mut out = String::from("- ");
    if let Some(span) = f.primary {
        let at = locate(&report.sources, span);
        out.push_str(&format!(
            "{}:{}:{}: ",
            markdown_text(at.file),
            at.start.line,
            at.start.column
        ));
    }
    out.push_str(&markdown_text(&f.message));
    if let Some(help) = &f.help {
        // A backslash at the end of a line is a hard line break.
        out.push_str(&format!("\\\n  help: {}", markdown_text(help)));
    }
    out.push('\n');
    out
}

/// Renders the report as Markdown, at most [`LIMIT`] bytes.
pub(crate) fn markdown_report(report: &Report) -> String {
    let groups = groups(report);
    let mut out = head(report, &groups);
    // How many findings are not shown, and whether the size limit was reached.
    let (mut left_out, mut full) = (0, false);
    for (i, g) in groups.iter().enumerate() {
        let open = i < OPEN_GROUPS && g.findings.len() <= OPEN_FINDINGS;
        let what = format!(
            "{}, {} {}",
            g.level.severity(),
            thousands(g.count),
            noun(g.count, "finding")
        );
        let (start, end) = if open {
            (format!("### `{}` ({what})\n\n", g.rule.name), "\n")
        } else {
            // The rule id is ours (kebab-case ASCII) and so is the rest: nothing to escape in
            // the raw HTML of the summary.
            (
                format!("<details>\n<summary>{} ({what})</summary>\n\n", g.rule.name),
                "\n</details>\n\n",
            )
        };
        let mut started = false;
        // How many findings of this group are past PER_GROUP.
        let mut past = 0;
        for (j, f) in g.findings.iter().enumerate() {
            let rest = || g.findings[j..].iter().map(|f| 1 + f.more).sum::<usize>();
            if j == PER_GROUP && !full {
                past = rest();
                break;
            }
            let line = item(report, f);
            let header = if started { 0 } else { start.len() };
            if full || out.len() + header + line.len() + end.len() + RESERVE > LIMIT {
                full = true;
                left_out += rest();
                break;
            }
            if !started {
                out.push_str(&start);
                started = true;
            }
            out.push_str(&line);
        }
        if started {
            if past > 0 {
                out.push_str(&format!("\nand {} more, not shown\\.\n", thousands(past)));
            }
            out.push_str(end);
        }
        left_out += past;
    }
    if left_out > 0 {
        out.push_str(&format!(
            "{} {} not shown here \\(at most {PER_GROUP} of each rule, and at most {} characters \
             in all, what a GitHub comment holds\\); orglint check lists every one\\.\n",
            thousands(left_out),
            noun(left_out, "finding"),
            thousands(LIMIT)
        ));
    }
    out
}
