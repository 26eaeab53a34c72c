//! The words the text formats share: the summary line that ends them, and counted nouns.

use super::escape::printable;
use crate::Report;
use crate::finding::Level;
use crate::text::plural;

/// The summary line: `3 errors, 5 warnings in 12 files (2 suppressed)`. It ends the human and
/// short reports and `--statistics` as text.
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
    if report.baseline_fixed > 0 {
        hidden.push(format!(
            "{} fixed since the baseline",
            report.baseline_fixed
        ));
    }
    if let Some(since) = &report.since {
        // The revision is as the user gave it (`:/text` names a commit by its message).
        hidden.push(format!(
            "{} already at {}",
            since.existing,
            printable(&since.revision)
        ));
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

/// The line after the human report's summary that says what the org is:
/// `structure: hybrid, stage: enterprise`; none without an `[org]`, or when a file could not be
/// parsed (the model is then not the whole org).
pub fn org_line(report: &Report) -> Option<String> {
    if report.broken > 0 {
        return None;
    }
    let facts = report.org.facts()?;
    Some(format!(
        "structure: {}, stage: {}",
        facts.structure.as_str(),
        facts.stage.as_str()
    ))
}
