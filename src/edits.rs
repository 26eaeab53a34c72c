//! The span edits that fixes are made of: an id added to an array, an element taken out of one,
//! a string replaced. Each keeps the layout around it (comments, indentation, line endings), so
//! that `--fix` changes only what it fixes.

use crate::finding::Edit;
use crate::model::{List, LocatedStr};
use crate::source::{Sources, Span};

/// The text of the array `list`, when its elements are all that `items` holds and it is written
/// as `[...]`: otherwise the positions of `items` are not those of the array's elements (an
/// element of the wrong type is missing from them), and no edit is safe.
fn array_text<'s>(sources: &'s Sources, list: &List<LocatedStr>) -> Option<&'s str> {
    let text = sources.get(list.span.file).slice(list.span);
    (list.bad == 0 && text.starts_with('[') && text.ends_with(']'))
        .then(|| sources.get(list.span.file).text.as_str())
}

/// Where the line holding byte `at` of `text` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Where the line holding byte `at` of `text` ends, past its line ending (`\n` or `\r\n`).
fn next_line(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// The line ending the file uses, judged by its first line: a CRLF file gets CRLF lines.
fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// Whether `s` is blanks only (spaces and tabs, as TOML counts them).
fn blank(s: &str) -> bool {
    s.bytes().all(|b| b == b' ' || b == b'\t')
}

/// Past the blanks from `at`.
fn skip_blanks(text: &str, at: usize) -> usize {
    at + text[at..]
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count()
}

/// Whether the element at `span` stands alone on its line: only blanks before it, and after it
/// (and its comma) only blanks, a comment or the line's end.
fn alone_on_line(text: &str, span: Span) -> bool {
    let (start, end) = (span.start as usize, span.end as usize);
    if !blank(&text[line_start(text, start)..start]) {
        return false;
    }
    let mut at = skip_blanks(text, end);
    if text[at..].starts_with(',') {
        at = skip_blanks(text, at + 1);
    }
    let rest = &text[at..];
    rest.is_empty() || rest.starts_with('#') || rest.starts_with('\n') || rest.starts_with("\r\n")
}

/// The edits that append `"id"` (a valid id: no escaping needed) to the array `list`: after its
/// last element; on a line of its own, indented as that element and with the file's line ending,
/// when the elements are one per line; before the `]` of an empty array.
pub(crate) fn append_id(sources: &Sources, list: &List<LocatedStr>, id: &str) -> Option<Vec<Edit>> {
    let text = array_text(sources, list)?;
    let file = list.span.file;
    let at = |pos: usize, replacement: String| Edit {
        span: Span::new(file, pos..pos),
        replacement,
    };
    let Some(last) = list.items.last() else {
        return Some(vec![at(list.span.end as usize - 1, format!("\"{id}\""))]);
    };
    let end = last.span.end as usize;
    let close = list.span.end as usize - 1;
    let own_line = alone_on_line(text, last.span) && next_line(text, end) <= close;
    if !own_line {
        return Some(vec![at(end, format!(", \"{id}\""))]);
    }
    let start = last.span.start as usize;
    let indent = &text[line_start(text, start)..start];
    let comma = skip_blanks(text, end);
    let mut edits = Vec::new();
    if !text[comma..].starts_with(',') {
        edits.push(at(end, ",".to_owned()));
    }
    let eol = line_ending(text);
    edits.push(at(next_line(text, end), format!("{indent}\"{id}\",{eol}")));
    Some(edits)
}

/// The edit that takes element `index` out of the array `list`, with one comma, so that the
/// array stays valid whichever side of its elements commas are written on (`"a", "b"`, or
/// comma-first: `"a"` then `, "b"` on the next line). Of the commas it could take with it (the
/// one after it when another element follows, the one before it when another precedes, or a
/// trailing one), the first that lets whole lines go is taken, so that an element alone on its
/// line goes with its line (and a comment on it); otherwise the element, the comma and the blanks
/// between them and beyond the comma.
pub(crate) fn remove_item(
    sources: &Sources,
    list: &List<LocatedStr>,
    index: usize,
) -> Option<Edit> {
    let text = array_text(sources, list)?;
    let items = &list.items;
    let item = items.get(index)?;
    let (start, end) = (item.span.start as usize, item.span.end as usize);
    let (open, close) = (list.span.start as usize, list.span.end as usize - 1);
    let next = items
        .get(index + 1)
        .map_or(close, |n| n.span.start as usize);
    let after = comma_in(text, end..next);
    let before = match index.checked_sub(1) {
        Some(prev) => Some(comma_in(text, items[prev].span.end as usize..start)?),
        None => None,
    };
    let choices: Vec<Option<usize>> = match (index + 1 < items.len(), before) {
        // Between two elements, either comma goes.
        (true, Some(before)) => vec![Some(after?), Some(before)],
        (true, None) => vec![Some(after?)],
        // The last: its trailing comma, if any, or the one before it.
        (false, Some(before)) => after.into_iter().chain([before]).map(Some).collect(),
        // The only one.
        (false, None) => vec![after],
    };
    let range = |comma: Option<usize>| match comma {
        Some(c) if c >= end => start..c + 1,
        Some(c) => c..end,
        None => start..end,
    };
    let whole_lines = |r: &std::ops::Range<usize>| {
        let (from, to) = (line_start(text, r.start), next_line(text, r.end));
        let rest = text[skip_blanks(text, r.end)..to].trim_end_matches(['\r', '\n']);
        (from > open
            && to <= close
            && blank(&text[from..r.start])
            && (rest.is_empty() || rest.starts_with('#')))
        .then_some(from..to)
    };
    let range = match choices
        .iter()
        .map(|&c| range(c))
        .find_map(|r| whole_lines(&r))
    {
        Some(lines) => lines,
        None => match choices[0] {
            // The blanks after a comma that follows, or before one that precedes, go with it.
            Some(c) if c >= end => start..skip_blanks(text, c + 1),
            Some(c) => {
                let blanks = text[..c].len() - text[..c].trim_end_matches([' ', '\t']).len();
                c - blanks..end
            }
            None => start..end,
        },
    };
    Some(Edit {
        span: Span::new(item.span.file, range),
        replacement: String::new(),
    })
}

/// Where the comma is in `range` of `text`, the space between two elements of an array (or after
/// the last): blanks, line breaks, comments, and at most one comma outside the comments.
fn comma_in(text: &str, range: std::ops::Range<usize>) -> Option<usize> {
    let mut at = range.start;
    while at < range.end {
        match text.as_bytes()[at] {
            b',' => return Some(at),
            b'#' => at = next_line(text, at),
            _ => at += 1,
        }
    }
    None
}

/// The edit that writes the id `id` (valid: no escaping needed) in place of the string at `value`.
pub(crate) fn replace_id(value: &LocatedStr, id: &str) -> Edit {
    Edit {
        span: value.span,
        replacement: format!("\"{id}\""),
    }
}
