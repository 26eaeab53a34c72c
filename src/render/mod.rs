//! Reporters: one per output format, each turning a [`Report`] into text.

mod human;
mod json;
mod short;

pub use human::{HumanOptions, human, render_config_problem};
pub use json::json;
pub use short::short;

use crate::Report;
use crate::finding::Level;
use crate::rules;

/// `s` fit for a terminal, on one line: control characters (C0 including tab and newline, DEL,
/// C1 including U+009B CSI), bidi overrides, isolates and marks, and zero-width characters are
/// written as visible `\u{..}` escapes, so one finding stays one line, reads as it is stored and
/// cannot drive the terminal. Escaping is idempotent.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    escape(s, false)
}

/// Whether `c` must not reach a terminal as it is: it moves the cursor, starts an escape
/// sequence, reorders or hides text.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `s` with unsafe characters escaped; a tab stays a tab when `keep_tab` (source lines, which
/// the renderer expands).
fn escape(s: &str, keep_tab: bool) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) && !(keep_tab && c == '\t');
    if !s.chars().any(bad) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// The summary line: `3 errors, 5 warnings in 12 files (2 suppressed)`.
pub fn summary(report: &Report) -> String {
    let mut line = format!(
        "{}, {}",
        plural(report.count(Level::Error), "error"),
        plural(report.count(Level::Warn), "warning")
    );
    let infos = report.count(Level::Info);
    if infos > 0 {
        line.push_str(&format!(", {}", plural(infos, "info")));
    }
    line.push_str(&format!(" in {}", plural(report.files, "file")));
    let mut hidden = Vec::new();
    if report.suppressed > 0 {
        hidden.push(format!("{} suppressed", report.suppressed));
    }
    if report.baselined > 0 {
        hidden.push(format!("{} baselined", report.baselined));
    }
    if !hidden.is_empty() {
        line.push_str(&format!(" ({})", hidden.join(", ")));
    }
    if report.broken > 0 {
        line.push_str(&format!(
            "; {} could not be parsed, so the rules that need the whole org did not run",
            plural(report.broken, "file")
        ));
    }
    line
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Counts per rule, most frequent first: `--statistics` as text.
pub fn statistics_text(report: &Report) -> String {
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
pub fn statistics_json(report: &Report) -> String {
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
    let mut out = serde_json::to_string_pretty(&rows).expect("JSON of plain values");
    out.push('\n');
    out
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
