//! `--format human`: each finding through miette's graphical handler, then the summary line.
//!
//! miette is never given a file's text. Each snippet is drawn from a [`View`]: a copy of just the
//! few lines it shows, with unsafe characters escaped and lines wider than the output cut around
//! the labels, whose offsets are mapped into it. Places in one file that lie more than [`GAP`]
//! lines apart are separate snippets, so the report grows with the findings, not with the lines
//! between their places; so are places on one line too far apart to share its cut window.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, Severity, SourceCode, SourceSpan, SpanContents,
};

use unicode_width::UnicodeWidthStr;

use super::escape::{printable, source_line};
use super::locate::locate_in;
use super::summary::summary;
use super::{Format, Render};
use crate::Report;
use crate::config::{self, ConfigProblem};
use crate::finding::{Level, Reported};
use crate::source::{SourceFile, Sources, Span, floor_char_boundary};
use crate::text::noun;
use crate::text::thousands;

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

/// A label to draw: its text, whether it is the primary one, and its byte range in the file.
struct Label {
    text: Option<String>,
    primary: bool,
    start: usize,
    end: usize,
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

/// The 0-based first and last lines of `span`.
fn lines_of(file: &SourceFile, span: Span) -> (usize, usize) {
    let len = file.text.len();
    let (start, end) = ((span.start as usize).min(len), (span.end as usize).min(len));
    let last = if end > start { end - 1 } else { start };
    (file.line_of(start), file.line_of(last))
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

/// The places (sorted, as `finding` has them) whose labels can be drawn together: two labels on
/// one line further apart than a window of it would be cut to one window, the other pinned to
/// its edge. The primary place is taken first, then each other place unless, on a line it
/// shares with those taken, a label would start outside the window cut around the line's first
/// label point (see [`draw_line`]); a place not taken becomes a note of its own.
fn fitting(
    file: &SourceFile,
    places: &[(usize, usize, usize, usize, Option<usize>)],
    width: usize,
) -> Vec<(usize, usize, usize, usize, Option<usize>)> {
    let text = &file.text;
    let fix = |o: usize| floor_char_boundary(text, o);
    // The snippet's line numbers have at most this many digits: its budget is at least this.
    let budget = budget(width, (file.line_of(text.len()) + 1).to_string().len());
    // Each line with a label point of a place taken: its first point and its last label start.
    let mut rows: std::collections::HashMap<usize, (usize, Option<usize>)> =
        std::collections::HashMap::new();
    let primary = places.iter().position(|pl| pl.4.is_none()).unwrap_or(0);
    let mut taken = vec![false; places.len()];
    for k in std::iter::once(primary).chain((0..places.len()).filter(|&k| k != primary)) {
        let (_, _, s, e, _) = places[k];
        let (s, e) = (fix(s), fix(e).max(fix(s)));
        let mut update: Vec<(usize, (usize, Option<usize>))> = Vec::new();
        for (point, is_start) in [(s, true), (e, false)] {
            let line = file.line_of(point);
            let row = match update.iter_mut().find(|u| u.0 == line) {
                Some(u) => &mut u.1,
                None => {
                    let row = rows.get(&line).copied().unwrap_or((point, None));
                    update.push((line, row));
                    &mut update.last_mut().expect("just pushed").1
                }
            };
            row.0 = row.0.min(point);
            if is_start {
                row.1 = Some(row.1.map_or(point, |l| l.max(point)));
            }
        }
        let fits = update.iter().all(|&(line, (first, last))| {
            !rows.contains_key(&line) || last.is_none_or(|l| in_window(text, first, l, budget))
        });
        if fits {
            taken[k] = true;
            rows.extend(update);
        }
    }
    places
        .iter()
        .zip(taken)
        .filter_map(|(pl, t)| t.then_some(*pl))
        .collect()
}

/// Whether a label starting at `start` is drawn, with its first character, in the window that
/// [`draw_line`] cuts around `first`, the first label point on their line (file offsets on one
/// line, `first <= start`), in a snippet whose lines have `budget` columns.
fn in_window(text: &str, first: usize, start: usize, budget: usize) -> bool {
    let (room, margin) = window(budget);
    // Only this much of a long line is read after its first label point.
    if start - first > reach(budget) {
        return false;
    }
    let mut cols = 0;
    let mut shown = String::new();
    for (i, c) in text[first..].char_indices() {
        if first + i > start || c == '\n' {
            break;
        }
        shown.clear();
        push_shown(&mut shown, text, first + i, c);
        cols += columns(c, &shown);
        if cols > room - margin {
            return false;
        }
    }
    true
}

/// The columns a snippet `width` wide has for a line's text, when its line numbers have
/// `digits` digits: the gutter is a space, the line number, ` │ `, and room for a multi-line
/// label's bar.
fn budget(width: usize, digits: usize) -> usize {
    width.saturating_sub(digits + 6).max(20)
}

/// How many bytes of a long line [`draw_line`] reads on either side of its labels.
fn reach(budget: usize) -> usize {
    8 * budget
}

/// The window of a line cut to `budget` columns: its columns (room is left for a `…` at each
/// end) and how far before the first label point it starts.
fn window(budget: usize) -> (usize, usize) {
    let room = budget - 2;
    (room, (room / 4).min(12))
}

/// Pushes character `c`, at byte `i` of `line`, as a snippet shows it: escaped as
/// [`source_line`] escapes it, one character at a time so that each keeps its column, and the
/// second `#` of `##[` as [`printable`] writes it there (the three are one escape for it).
fn push_shown(out: &mut String, line: &str, i: usize, c: char) {
    if c == '#' && line[..i].ends_with('#') && line[i + 1..].starts_with('[') {
        out.push_str("\\u{23}");
    } else {
        out.push_str(&source_line(c.encode_utf8(&mut [0; 4])));
    }
}

/// The columns a character of a source line takes on a terminal, given its escaped text: a tab
/// is expanded to 4, a wide (East Asian, emoji) character takes 2.
fn columns(c: char, escaped: &str) -> usize {
    if c == '\t' {
        4
    } else {
        UnicodeWidthStr::width(escaped)
    }
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

/// The few lines of a file one snippet shows, escaped and cut to the width: what miette reads.
#[derive(Debug)]
struct View {
    /// The file's name, escaped.
    name: String,
    /// The lines, each ending in `\n`.
    text: String,
    /// The 0-based line number of the first line.
    first_line: usize,
    /// Where each label starts in `text`, with its 0-based line and column in the file: the
    /// snippet's header names the place as the other formats do, not as the view has it.
    starts: Vec<(usize, usize, usize)>,
}

impl View {
    /// The lines of `file` around `labels` (one line of context each side), and the labels
    /// mapped into them.
    fn new(
        file: &SourceFile,
        name: String,
        labels: &[Label],
        width: usize,
    ) -> (View, Vec<LabeledSpan>) {
        let text = &file.text;
        let len = text.len();
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let fix = |o: usize| floor_char_boundary(text, o.max(bom));
        let spans: Vec<(usize, usize)> = labels
            .iter()
            .map(|l| {
                let s = fix(l.start);
                (s, fix(l.end).max(s))
            })
            .collect();
        let whole = |&(s, e): &(usize, usize)| Span::new(0, s..e);
        let first = spans
            .iter()
            .map(|s| lines_of(file, whole(s)).0)
            .min()
            .unwrap_or(0);
        let last_label = spans
            .iter()
            .map(|s| lines_of(file, whole(s)).1)
            .max()
            .unwrap_or(0);
        let last_line = file.line_of(len);
        let mut last = (last_label + 1).min(last_line);
        // The empty "line" after a final newline is no context.
        if last > last_label && file.line_start(last) == len {
            last = last_label;
        }
        let lo = first.saturating_sub(1);
        let digits = (last + 1).to_string().len();
        let budget = budget(width, digits);

        let mut points: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
        points.sort_unstable();
        points.dedup();
        // (file offset, view offset) of every label end.
        let mut mapped: Vec<(usize, usize)> = Vec::with_capacity(points.len());
        let mut out = String::new();
        for line in lo..=last {
            let start = file.line_start(line).max(bom);
            let next = file.line_start(line + 1);
            let bytes = text.as_bytes();
            let mut end = next;
            if end > start && bytes[end - 1] == b'\n' {
                end -= 1;
                if end > start && bytes[end - 1] == b'\r' {
                    end -= 1;
                }
            }
            let here: Vec<usize> = points
                .iter()
                .copied()
                .filter(|&p| (start..next).contains(&p) || (p == len && line == last_line))
                .collect();
            let (drawn, at) = draw_line(&text[start..end], start, &here, budget);
            for (p, v) in here.into_iter().zip(at) {
                mapped.push((p, out.len() + v));
            }
            out.push_str(&drawn);
            out.push('\n');
        }
        let to_view = |p: usize| {
            mapped
                .binary_search_by_key(&p, |m| m.0)
                .map_or(out.len(), |i| mapped[i].1)
        };
        let mut starts = Vec::new();
        let mut spans_out = Vec::with_capacity(labels.len());
        // The primary label first, so that the header finds its place.
        let mut order: Vec<usize> = (0..labels.len()).collect();
        order.sort_by_key(|&i| !labels[i].primary);
        for i in order {
            let (s, e) = spans[i];
            let (vs, ve) = (to_view(s), to_view(e).max(to_view(s)));
            let at = locate_in(file, whole(&(s, e))).start;
            starts.push((vs, at.line - 1, at.column - 1));
            let span = SourceSpan::new(vs.into(), ve - vs);
            spans_out.push(if labels[i].primary {
                LabeledSpan::new_primary_with_span(labels[i].text.clone(), span)
            } else {
                LabeledSpan::new_with_span(labels[i].text.clone(), span)
            });
        }
        let view = View {
            name,
            text: out,
            first_line: lo,
            starts,
        };
        (view, spans_out)
    }
}

/// One source line (`line`, starting at file offset `base`) escaped, and cut around `points`
/// (file offsets on it, sorted) when wider than `budget` columns; with the offset of each point
/// in the drawn text.
fn draw_line(line: &str, base: usize, points: &[usize], budget: usize) -> (String, Vec<usize>) {
    // A line with no label on it shows only its start: never read more of it than fits.
    let mut cut_short = false;
    let mut line = line;
    let mut base = base;
    // A long line with labels: only the part around them is read (a label running past it is
    // drawn to its edge), so that a line of megabytes costs each finding a few kilobytes.
    let mut cut_before = false;
    let reach = reach(budget);
    if let (Some(&lo), Some(&hi)) = (points.first(), points.last()) {
        if line.len() > 4 * reach {
            let floor = |o: usize| floor_char_boundary(line, o);
            let lo = lo.saturating_sub(base).min(line.len());
            let hi = hi.saturating_sub(base).min(line.len()).min(lo + reach);
            let from = floor(lo.saturating_sub(reach));
            let to = floor((hi + reach).min(line.len()));
            cut_before = from > 0;
            cut_short = to < line.len();
            line = &line[from..to];
            base += from;
        }
    }
    if points.is_empty() && line.len() > 4 * budget {
        line = &line[..floor_char_boundary(line, 4 * budget)];
        cut_short = true;
    }
    // Each character: its offset in `line`, its column, and its offset in the escaped text.
    let mut cells: Vec<(usize, usize, usize)> = Vec::with_capacity(line.len() + 1);
    let mut esc = String::with_capacity(line.len());
    let mut col = 0;
    for (i, c) in line.char_indices() {
        cells.push((i, col, esc.len()));
        let before = esc.len();
        push_shown(&mut esc, line, i, c);
        col += columns(c, &esc[before..]);
    }
    cells.push((line.len(), col, esc.len()));
    let cell_of = |p: usize| {
        cells
            .partition_point(|c| c.0 < p.saturating_sub(base))
            .min(cells.len() - 1)
    };
    if col <= budget && !cut_short && !cut_before {
        let at = points.iter().map(|&p| cells[cell_of(p)].2).collect();
        return (esc, at);
    }
    // A window of `room` columns, starting a little before the first point.
    let (room, margin) = window(budget);
    let (from, to) = match (points.first(), points.last()) {
        (Some(&a), Some(&b)) => (cells[cell_of(a)].1, cells[cell_of(b)].1),
        _ => (0, 0),
    };
    let mut ws = from.saturating_sub(margin);
    if to + margin <= room {
        // The labels fit with the line's start: cut only at the right.
        ws = 0;
    }
    if ws + room > col && !cut_short {
        ws = col.saturating_sub(room);
    }
    let a = cells.partition_point(|c| c.1 < ws);
    let b = cells.partition_point(|c| c.1 <= ws + room) - 1;
    let mut drawn = String::new();
    if a > 0 || cut_before {
        drawn.push('…');
    }
    let shift = drawn.len();
    drawn.push_str(&esc[cells[a].2..cells[b].2]);
    if b + 1 < cells.len() || cut_short {
        drawn.push('…');
    }
    let at = points
        .iter()
        .map(|&p| shift + cells[cell_of(p).clamp(a, b)].2 - cells[a].2)
        .collect();
    (drawn, at)
}

impl SourceCode for View {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let (mut line, mut column) = (inner.line() + self.first_line, inner.column());
        if context_lines_before == 0 && context_lines_after == 0 {
            if let Some(&(_, l, c)) = self.starts.iter().find(|s| s.0 == span.offset()) {
                (line, column) = (l, c);
            }
        }
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            // As miette counts: lines from the start of the text.
            inner.line_count() + self.first_line,
        )))
    }
}
