//! Where a span lies, as every format names it: the file's display path and the 1-based line
//! and column (in Unicode scalar values) of its start and end.
//!
//! One definition, so that `file:line:col` in the short format, a snippet's header in the human
//! format and `line`/`column` in JSON always agree, and a new format (SARIF regions, GitHub
//! annotations, an HTML report's anchors) names the same place.

use crate::source::{Position, SourceFile, Sources, Span};

/// A located span.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place<'a> {
    /// The file's display path, not escaped: each format escapes it its own way.
    pub(crate) file: &'a str,
    /// Where the span starts.
    pub(crate) start: Position,
    /// Where it ends (exclusive: the position just after its last character).
    pub(crate) end: Position,
}

/// Where `span` lies among the run's `sources`.
pub(crate) fn locate(sources: &Sources, span: Span) -> Place<'_> {
    locate_in(sources.get(span.file), span)
}

/// Where `span` lies in `file` (its file id is not looked at): for a file outside the run's
/// sources, such as `orglint.toml`.
pub(crate) fn locate_in(file: &SourceFile, span: Span) -> Place<'_> {
    Place {
        file: &file.display,
        start: file.position(span.start as usize),
        end: file.position(span.end as usize),
    }
}
