//! `--format human`: each finding through miette's graphical handler, then the summary line.
//!
//! miette is never given a file's text. Each snippet is drawn from a [`View`]: a copy of just the
//! few lines it shows, with unsafe characters escaped and lines wider than the output cut around
//! the labels, whose offsets are mapped into it. Places in one file that lie more than [`GAP`]
//! lines apart are separate snippets, so the report grows with the findings, not with the lines
//! between their places; so are places on one line too far apart to share its cut window.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, Severity, SourceCode,
};

use self::snippet::{Label, View, fitting, lines_of};
use super::escape::printable;
use super::locate::locate_in;
use super::summary::summary;
use super::{Format, Render};
use crate::Report;
use crate::config::{self, ConfigProblem};
use crate::finding::{Level, Reported};
use crate::source::{SourceFile, Sources, Span};
use crate::text::noun;
use crate::text::thousands;

mod snippet;

/// `--format human`.
pub(super) static FORMAT: Format = Format {
    name: "human",
    dialect: super::Dialect::Terminal,
    doc: "miette's graphical report with source snippets, then a summary line",
    render: Render::Styled(human),
    statistics: super::statistics_text,
};

/// How to draw for a reader: the human report and configuration mistakes use both; every
/// format is given them ([`Format::render`]), and those that are documents for tools ignore
/// them.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    /// Colours and styles (ANSI).
    pub color: bool,
    /// Wrap width; source lines wider than it are cut.
    pub width: usize,
}

impl Default for HumanOptions {
    /// No colour, 80 columns: what a log, a file or a snapshot gets.
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 80,
        }
    }
}

/// The most lines between two places drawn in one snippet; places further apart get snippets of
/// their own.
const GAP: usize = 3;

/// Renders every finding, then the summary line.
pub(crate) fn human(report: &Report, opts: HumanOptions) -> String {
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&draw(&finding(f, &report.sources, opts.width), opts));
        out.push('\n');
    }
    out.push_str(&summary(report));
    out.push('\n');
    if let Some(line) = super::summary::org_line(report) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Renders a mistake in `orglint.toml` the way findings are drawn, under the header
/// `error[config]` (as a finding's is `error[rule]`): message, help and label
/// escaped, the snippet a `View` of the file's own lines (escaped, cut to the width, placed by
/// the file's line index), or the place in words on a line of its own when they are too long.
pub fn render_config_problem(problem: &ConfigProblem, opts: HumanOptions) -> String {
    let mut drawn = Drawn {
        code: Some("error[config]".to_owned()),
        message: printable(&problem.to_string()).into_owned(),
        help: problem.help().map(|h| printable(h).into_owned()),
        ..Drawn::default()
    };
    let span = Span::new(0, problem.span());
    place(
        &mut drawn,
        problem.source(),
        span,
        problem.label(),
        opts.width,
    );
    draw(&drawn, opts)
}

/// What orglint writes to standard error when `orglint.toml` has mistakes: each drawn by
/// [`render_config_problem`], how many more were not shown, and the line that says nothing was
/// checked.
pub fn config_problems(problems: &[ConfigProblem], opts: HumanOptions) -> String {
    let shown: Vec<String> = problems
        .iter()
        .map(|p| render_config_problem(p, opts).trim_end().to_owned())
        .collect();
    let mut text = shown.join("\n\n");
    let total = config::total(problems);
    let more = total - problems.len();
    if more > 0 {
        text.push_str(&format!("\n\n... and {} more not shown", thousands(more)));
    }
    // The verdict is `orglint::Error`'s own line, written as every line of a user's text is.
    let text = format!(
        "{text}\n\nerror: {}\n",
        printable(&config::verdict(problems))
    );
    super::runner_safe(text, super::Dialect::Terminal)
}

fn draw(diagnostic: &Drawn, opts: HumanOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        // A path or a rule name stays whole (and searchable): never broken inside a word or at
        // its hyphens, and a place in words is one unbreakable line.
        .with_break_words(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_word_separator(textwrap::WordSeparator::Custom(words));
    let mut out = String::new();
    handler
        .render_report(&mut out, diagnostic)
        .expect("writing to a String cannot fail");
    out
}

/// The words of a line of text, for wrapping: a place in words is a single word.
fn words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    if line.starts_with("at ") && line.ends_with(TOO_LONG) {
        Box::new(std::iter::once(textwrap::core::Word::from(line)))
    } else {
        textwrap::WordSeparator::new().find_words(line)
    }
}

/// How a place in words ends.
const TOO_LONG: &str = "(the line is too long to show)";

/// A diagnostic ready to draw: every string escaped, every snippet a [`View`].
#[derive(Debug, Default)]
struct Drawn {
    code: Option<String>,
    severity: Option<Severity>,
    message: String,
    help: Option<String>,
    url: Option<String>,
    snippet: Option<(View, Vec<LabeledSpan>)>,
    related: Vec<Drawn>,
}

/// Names where `span` of `file` is, in words, on a line of its own under `drawn`'s message: for
/// a place that cannot be shown in a snippet.
fn locate_in_words(drawn: &mut Drawn, file: &SourceFile, span: Span) {
    let at = locate_in(file, span);
    drawn.message = format!(
        "{}\nat {}:{}:{} {TOO_LONG}",
        drawn.message,
        printable(at.file),
        at.start.line,
        at.start.column
    );
}

/// A related place drawn on its own: its message, and a snippet labelled "here".
fn note(sources: &Sources, span: Span, message: &str, width: usize) -> Drawn {
    let mut note = Drawn {
        severity: Some(Severity::Advice),
        message: printable(message).into_owned(),
        ..Drawn::default()
    };
    place(&mut note, sources.get(span.file), span, "here", width);
    note
}

/// Gives `drawn` a snippet of one place in `file`, labelled `label`; when its lines are too long
/// to draw, the place in words goes on a line of its own under the message instead.
fn place(drawn: &mut Drawn, file: &SourceFile, span: Span, label: &str, width: usize) {
    if file.drawable_lines(span) {
        let label = Label {
            text: Some(printable(label).into_owned()),
            primary: true,
            start: span.start as usize,
            end: span.end as usize,
        };
        drawn.snippet = Some(View::new(
            file,
            printable(&file.display).into_owned(),
            &[label],
            width,
        ));
    } else {
        locate_in_words(drawn, file, span);
    }
}

/// A finding as a diagnostic: the severity and rule head it, the primary place and the related
/// places near it are one snippet, every other related place is a note of its own.
fn finding(finding: &Reported, sources: &Sources, width: usize) -> Drawn {
    let mut drawn = Drawn {
        code: Some(format!("{}[{}]", finding.level.severity(), finding.rule)),
        severity: Some(match finding.level {
            Level::Error => Severity::Error,
            Level::Warn => Severity::Warning,
            Level::Info | Level::Off => Severity::Advice,
        }),
        message: printable(&finding.message).into_owned(),
        help: finding.help.as_deref().map(|h| printable(h).into_owned()),
        url: Some(format!("orglint explain {}", finding.rule)),
        ..Drawn::default()
    };
    // Which related places are labels of the primary snippet.
    let mut in_snippet = vec![false; finding.related.len()];
    match finding.primary {
        Some(p) if sources.get(p.file).drawable_lines(p) => {
            let file = sources.get(p.file);
            // The primary place and the drawable related places in its file, by line: (first
            // line, last line, start, end, which related place).
            let mut places: Vec<(usize, usize, usize, usize, Option<usize>)> = vec![{
                let (a, b) = lines_of(file, p);
                (a, b, p.start as usize, p.end as usize, None)
            }];
            for (i, r) in finding.related.iter().enumerate() {
                if r.span.file == p.file && file.drawable_lines(r.span) {
                    let (a, b) = lines_of(file, r.span);
                    places.push((a, b, r.span.start as usize, r.span.end as usize, Some(i)));
                }
            }
            places.sort_unstable();
            let places = fitting(file, &places, width);
            // Runs of places at most GAP lines apart form groups, and the primary's group is the
            // snippet.
            let mut group = 0;
            let mut groups = Vec::with_capacity(places.len());
            let mut reach = 0;
            for (k, &(a, b, ..)) in places.iter().enumerate() {
                if k > 0 && a > reach + GAP {
                    group += 1;
                }
                reach = if k == 0 { b } else { reach.max(b) };
                groups.push(group);
            }
            let main = groups[places.iter().position(|pl| pl.4.is_none()).unwrap_or(0)];
            let mut labels = vec![Label {
                text: finding.label.as_deref().map(|l| printable(l).into_owned()),
                primary: true,
                start: p.start as usize,
                end: p.end as usize,
            }];
            for (&(.., i), &g) in places.iter().zip(&groups) {
                if let Some(i) = i.filter(|_| g == main) {
                    in_snippet[i] = true;
                    let r = &finding.related[i];
                    labels.push(Label {
                        text: Some(printable(&r.message).into_owned()),
                        primary: false,
                        start: r.span.start as usize,
                        end: r.span.end as usize,
                    });
                }
            }
            drawn.snippet = Some(View::new(
                file,
                printable(&file.display).into_owned(),
                &labels,
                width,
            ));
        }
        Some(p) => locate_in_words(&mut drawn, sources.get(p.file), p),
        None => {}
    }
    for (r, _) in finding
        .related
        .iter()
        .zip(&in_snippet)
        .filter(|(_, s)| !**s)
    {
        drawn.related.push(note(sources, r.span, &r.message, width));
    }
    if finding.related_more > 0 {
        drawn.related.push(Drawn {
            severity: Some(Severity::Advice),
            message: format!(
                "and {} more related {} not shown",
                finding.related_more,
                noun(finding.related_more, "place")
            ),
            ..Drawn::default()
        });
    }
    drawn
}

impl fmt::Display for Drawn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Drawn {}

impl Diagnostic for Drawn {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<Severity> {
        self.severity
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.as_ref().map(|(v, _)| v as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, labels) = self.snippet.as_ref()?;
        Some(Box::new(labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}
