//! The snippets of the human report: a [`View`] holds the few lines of a file one snippet shows,
//! escaped and cut around its labels to the width of the output, with the labels' offsets mapped
//! into it; miette draws from the view, never from the file's text.

use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use unicode_width::UnicodeWidthStr;

use crate::render::escape::source_line;
use crate::render::locate::locate_in;
use crate::source::{SourceFile, Span, floor_char_boundary};

/// A label to draw: its text, whether it is the primary one, and its byte range in the file.
pub(super) struct Label {
    pub(super) text: Option<String>,
    pub(super) primary: bool,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// The places (sorted, as `finding` has them) whose labels can be drawn together: two labels on
/// one line further apart than a window of it would be cut to one window, the other pinned to
/// its edge. The primary place is taken first, then each other place unless, on a line it
/// shares with those taken, a label would start outside the window cut around the line's first
/// label point (see [`draw_line`]); a place not taken becomes a note of its own.
pub(super) fn fitting(
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

/// The few lines of a file one snippet shows, escaped and cut to the width: what miette reads.
#[derive(Debug)]
pub(super) struct View {
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
    pub(super) fn new(
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

/// The 0-based first and last lines of `span`.
pub(super) fn lines_of(file: &SourceFile, span: Span) -> (usize, usize) {
    let len = file.text.len();
    let (start, end) = ((span.start as usize).min(len), (span.end as usize).min(len));
    let last = if end > start { end - 1 } else { start };
    (file.line_of(start), file.line_of(last))
}
