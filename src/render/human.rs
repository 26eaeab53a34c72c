//! `--format human`: each finding through miette's graphical handler, then the summary line.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, Severity, SourceCode, SourceSpan, SpanContents,
};

use crate::Report;
use crate::finding::{Finding, Level};
use crate::source::{SourceFile, Sources, Span};

/// How to draw the human report.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    /// Colours and styles (ANSI).
    pub color: bool,
    /// Wrap width.
    pub width: usize,
}

/// Renders every finding, then the summary line.
pub fn human(report: &Report, opts: HumanOptions) -> String {
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&render_diagnostic(
            &FindingDiagnostic::new(f, &report.sources),
            opts,
        ));
        out.push('\n');
    }
    out.push_str(&super::summary(report));
    out.push('\n');
    out
}

/// Renders any miette diagnostic (a finding, or a configuration problem) the way the human report does.
pub fn render_diagnostic(diagnostic: &dyn Diagnostic, opts: HumanOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false);
    let mut out = String::new();
    handler
        .render_report(&mut out, diagnostic)
        .expect("writing to a String cannot fail");
    out
}

/// Whether `span` starts more than two lines above `primary` (in the same file).
fn far_above(sources: &Sources, span: Span, primary: Span) -> bool {
    let file = sources.get(span.file);
    file.position(span.start as usize).line + 2 < file.position(primary.start as usize).line
}

/// A file's text for miette, without its byte-order mark (spans are shifted to match).
#[derive(Debug)]
struct FileSource<'a> {
    file: &'a SourceFile,
    name: &'a str,
    text: &'a str,
    base: usize,
}

impl<'a> FileSource<'a> {
    fn new(file: &'a SourceFile) -> Self {
        let base = if file.text.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        FileSource {
            file,
            name: &file.display,
            text: &file.text[base..],
            base,
        }
    }

    fn span(&self, span: Span) -> SourceSpan {
        let start = (span.start as usize)
            .saturating_sub(self.base)
            .min(self.text.len());
        let end = (span.end as usize)
            .saturating_sub(self.base)
            .clamp(start, self.text.len());
        (start, end - start).into()
    }
}

impl SourceCode for FileSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // miette finds lines by scanning from the start of the text it is given; hand it only the
        // lines around the span, found with the file's line index, so that many findings in one
        // large file do not each scan it from the top.
        let (start, end) = (
            span.offset() + self.base,
            span.offset() + span.len() + self.base,
        );
        // One line more on each side than asked for: miette counts context lines itself.
        let first = self
            .file
            .line_of(start)
            .saturating_sub(context_lines_before + 1);
        let last = self.file.line_of(end) + context_lines_after + 1;
        let from = self.file.line_start(first).max(self.base) - self.base;
        let to = (self.file.line_start(last + 1) - self.base).clamp(from, self.text.len());
        let local = SourceSpan::new((span.offset() - from).into(), span.len());
        let inner =
            self.text[from..to].read_span(&local, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + first,
            inner.column(),
            // miette's own reading counts lines from the start of the text; so does this.
            inner.line_count() + first,
        )))
    }
}

/// A finding as a miette diagnostic: the rule is the code, related places in other files are related diagnostics.
#[derive(Debug)]
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: Option<FileSource<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<RelatedDiagnostic<'a>>,
    help: Option<String>,
    url: String,
}

/// Where a span is, for text that cannot show it in a snippet.
fn too_long_to_show(sources: &Sources, span: Span) -> String {
    let file = sources.get(span.file);
    let at = file.position(span.start as usize);
    format!(
        "at {}:{}:{} (the line is too long to show)",
        file.display, at.line, at.column
    )
}

impl<'a> FindingDiagnostic<'a> {
    fn new(finding: &'a Finding, sources: &'a Sources) -> Self {
        let mut labels = Vec::new();
        let mut related = Vec::new();
        let mut help = finding
            .help
            .as_deref()
            .map(|h| super::printable(h).into_owned());
        let drawable = |span: Span| sources.get(span.file).drawable(span);
        let primary = finding.primary.filter(|&p| drawable(p));
        let source = primary.map(|p| {
            let src = FileSource::new(sources.get(p.file));
            labels.push(LabeledSpan::new_primary_with_span(
                finding
                    .label
                    .as_deref()
                    .map(|l| super::printable(l).into_owned()),
                src.span(p),
            ));
            src
        });
        if let Some(p) = finding.primary.filter(|&p| !drawable(p)) {
            let at = too_long_to_show(sources, p);
            help = Some(help.map_or(at.clone(), |h| format!("{h}\n{at}")));
        }
        for r in &finding.related {
            match (&source, primary) {
                // A label well above the primary one would take the snippet's header (and its line
                // number) when miette draws the two apart; it goes below, as a related note.
                (Some(src), Some(p))
                    if p.file == r.span.file
                        && drawable(r.span)
                        && !far_above(sources, r.span, p) =>
                {
                    labels.push(LabeledSpan::new_with_span(
                        Some(super::printable(&r.message).into_owned()),
                        src.span(r.span),
                    ));
                }
                _ if drawable(r.span) => related.push(RelatedDiagnostic {
                    message: r.message.clone(),
                    source: Some(FileSource::new(sources.get(r.span.file))),
                    span: r.span,
                }),
                _ => related.push(RelatedDiagnostic {
                    message: format!("{} {}", r.message, too_long_to_show(sources, r.span)),
                    source: None,
                    span: r.span,
                }),
            }
        }
        FindingDiagnostic {
            finding,
            source,
            labels,
            related,
            help,
            url: format!("orglint explain {}", finding.rule),
        }
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::printable(&self.finding.message))
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<Severity> {
        Some(match self.finding.level {
            Level::Error => Severity::Error,
            Level::Warn => Severity::Warning,
            Level::Info | Level::Off => Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.url))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}

/// A related place in another file.
#[derive(Debug)]
struct RelatedDiagnostic<'a> {
    message: String,
    source: Option<FileSource<'a>>,
    span: Span,
}

impl fmt::Display for RelatedDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::printable(&self.message))
    }
}

impl std::error::Error for RelatedDiagnostic<'_> {}

impl Diagnostic for RelatedDiagnostic<'_> {
    fn severity(&self) -> Option<Severity> {
        Some(Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let source = self.source.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".to_owned()), source.span(self.span)),
        )))
    }
}
