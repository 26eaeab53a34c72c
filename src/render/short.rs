//! `--format short`: one line per finding, `file:line:col: severity[rule] message`, then the summary.

use crate::Report;

/// Renders the report one line per finding.
pub fn short(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        if let Some(span) = f.primary {
            let src = report.sources.get(span.file);
            let pos = src.position(span.start as usize);
            out.push_str(&format!(
                "{}:{}:{}: ",
                super::printable(&src.display),
                pos.line,
                pos.column
            ));
        }
        out.push_str(&format!(
            "{}[{}] {}\n",
            f.level.severity(),
            f.rule,
            super::printable(&f.message)
        ));
    }
    out.push_str(&super::summary(report));
    out.push('\n');
    out
}
