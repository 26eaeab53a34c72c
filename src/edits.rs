//! The span edits that fixes are made of: an id added to an array, an element taken out of one,
//! a string replaced. Each keeps the layout around it (comments, indentation, line endings), so
//! that `--fix` changes only what it fixes.

use crate::finding::Edit;
use crate::model::{List, Str};
use crate::source::{Sources, Span};

/// The text of the array `list`, when its elements are all that `items` holds and it is written
/// as `[...]`: otherwise the positions of `items` are not those of the array's elements (an
/// element of the wrong type is missing from them), and no edit is safe.
fn array_text<'s>(sources: &'s Sources, list: &List<Str>) -> Option<&'s str> {
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
pub(crate) fn append_id(sources: &Sources, list: &List<Str>, id: &str) -> Option<Vec<Edit>> {
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

/// The edit that takes element `index` out of the array `list`, with its comma: the whole line
/// (and a comment on it) when it stands alone on its line; otherwise the element and the comma
/// and blanks after it, or, for the last element, the comma before it.
pub(crate) fn remove_item(sources: &Sources, list: &List<Str>, index: usize) -> Option<Edit> {
    let text = array_text(sources, list)?;
    let item = list.items.get(index)?;
    let (start, end) = (item.span.start as usize, item.span.end as usize);
    let close = list.span.end as usize - 1;
    let range = if alone_on_line(text, item.span) && next_line(text, end) <= close {
        line_start(text, start)..next_line(text, end)
    } else {
        let after = skip_blanks(text, end);
        let comma = text[after..].starts_with(',');
        match (list.items.get(index + 1), index.checked_sub(1)) {
            // `"a", "b"` → `"b"`.
            (Some(_), _) if comma => start..skip_blanks(text, after + 1),
            // `"a", "b"` → `"a"`, and `"a", "b",` → `"a",`.
            (None, Some(prev)) => list.items[prev].span.end as usize..end,
            // The only element: `["a"]` → `[]`, `["a",]` → `[]`.
            (None, None) => start..if comma { after + 1 } else { end },
            (Some(_), _) => return None,
        }
    };
    Some(Edit {
        span: Span::new(item.span.file, range),
        replacement: String::new(),
    })
}

/// The edit that writes the id `id` (valid: no escaping needed) in place of the string at `value`.
pub(crate) fn replace_id(value: &Str, id: &str) -> Edit {
    Edit {
        span: value.span,
        replacement: format!("\"{id}\""),
    }
}
