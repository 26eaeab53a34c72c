//! A large entity file parsed piece by piece: cut at its top-level array-of-tables headers
//! (`[[person]]`, `[[team]]`, ...), each piece parsed alone, so that the whole file's parse tree
//! (and toml's token and event vectors, which are larger still) never exist at once.
//!
//! Cutting is sound only where the pieces cannot see each other, so [`split`] gives up (`None`,
//! and the caller parses the whole file) on anything it is not sure of: after the first cut, a
//! header must be another cut or a sub-table of the current element (`[person.tooling]` after
//! `[[person]]`); a header it cannot read (an escape in a quoted key, a comment or a line break
//! inside it) or unbalanced brackets end the attempt. The text before the first cut must not
//! define a name that is cut (the caller checks it on the parsed prefix), and a piece that fails
//! to parse is the caller's sign to parse the whole file for toml's own error.
//!
//! Headers are found with toml's lexer, never by searching the text: a multi-line string may hold
//! a line `[[person]]`.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};
use toml_parser::lexer::{Token, TokenKind as K};

/// A file's text cut at its top-level array-of-tables headers.
#[derive(Debug)]
pub(crate) struct Chunks {
    /// Where the first cut is: the text before it holds the root table's own keys and tables.
    pub prefix_end: usize,
    /// Each name cut at, in the order it first appears, with the place of its first header's key
    /// and the range of each of its pieces (a header and what belongs to it), in file order.
    pub arrays: Vec<Array>,
}

/// The pieces of one array of tables.
#[derive(Debug)]
pub(crate) struct Array {
    /// The name, as in `names` given to [`split`].
    pub name: &'static str,
    /// Where the first header's key is.
    pub key: Range<usize>,
    /// Each piece: from its `[[` to the next cut (or the end).
    pub pieces: Vec<Range<usize>>,
}

/// Cuts `text` at every top-level `[[name]]` header whose name is one of `names`; `None` when
/// there is no such header, or when cutting might not parse as the whole file does.
pub(crate) fn split(text: &str, names: &[&'static str]) -> Option<Chunks> {
    let mut tokens = toml_parser::Source::new(text).lex();
    let mut chunks = Chunks {
        prefix_end: text.len(),
        arrays: Vec::new(),
    };
    // The array the current piece belongs to (an index in `chunks.arrays`).
    let mut current: Option<usize> = None;
    // Brackets open in a value (an array or inline table may span lines).
    let mut depth = 0usize;
    let mut line_start = true;
    while let Some(token) = tokens.next() {
        match token.kind() {
            K::Eof => break,
            K::Newline => {
                line_start |= depth == 0;
                continue;
            }
            K::Whitespace => continue,
            K::LeftSquareBracket if line_start => {
                let header = header(text, token, &mut tokens)?;
                match (&header.parts[..], header.array) {
                    ([name], true) if names.contains(name) => {
                        let start = token.span().start();
                        let at = match chunks.arrays.iter().position(|a| a.name == *name) {
                            Some(at) => at,
                            None => {
                                let name = names.iter().find(|n| *n == name)?;
                                chunks.arrays.push(Array {
                                    name,
                                    key: header.key.clone(),
                                    pieces: Vec::new(),
                                });
                                chunks.arrays.len() - 1
                            }
                        };
                        if let Some(last) = last_piece(&mut chunks, current) {
                            last.end = start;
                        } else {
                            chunks.prefix_end = start;
                        }
                        chunks.arrays[at].pieces.push(start..text.len());
                        current = Some(at);
                    }
                    // Before the first cut, any table; after it, only the current element's.
                    _ => {
                        if let Some(at) = current {
                            let own = header.parts.len() >= 2
                                && header.parts[0] == chunks.arrays[at].name;
                            if !own {
                                return None;
                            }
                        }
                    }
                }
            }
            K::LeftSquareBracket | K::LeftCurlyBracket => depth += 1,
            K::RightSquareBracket | K::RightCurlyBracket => depth = depth.checked_sub(1)?,
            _ => {}
        }
        line_start = false;
    }
    if chunks.arrays.is_empty() || depth != 0 {
        return None;
    }
    Some(chunks)
}

/// The last piece cut, if any: the one that the next cut ends.
fn last_piece(chunks: &mut Chunks, current: Option<usize>) -> Option<&mut Range<usize>> {
    chunks.arrays[current?].pieces.last_mut()
}

/// A table header's key, read.
struct Header<'t> {
    /// `[[...]]` rather than `[...]`.
    array: bool,
    /// The key's parts, unquoted.
    parts: Vec<&'t str>,
    /// Where the first part is.
    key: Range<usize>,
}

/// Reads the header that `open` (a `[` at the start of a line) begins, up to its last `]`;
/// `None` for anything but a plain, well-formed one.
fn header<'t>(
    text: &'t str,
    open: Token,
    tokens: &mut impl Iterator<Item = Token>,
) -> Option<Header<'t>> {
    let mut next = tokens.next()?;
    let array = next.kind() == K::LeftSquareBracket && next.span().start() == open.span().end();
    if array {
        next = tokens.next()?;
    }
    let mut parts = Vec::new();
    let mut key = 0..0;
    // Whether a part is expected (at the start and after a dot).
    let mut want_part = true;
    loop {
        match next.kind() {
            K::Whitespace => {}
            K::Dot if !want_part => want_part = true,
            K::Atom | K::BasicString | K::LiteralString if want_part => {
                let span = next.span();
                let raw = &text[span.start()..span.end()];
                let part = match next.kind() {
                    K::Atom => raw,
                    _ => {
                        let inner = raw.get(1..raw.len().checked_sub(1)?)?;
                        // An escape or an unterminated string: not read here.
                        if raw.len() < 2 || inner.contains(['\\', '"', '\'']) {
                            return None;
                        }
                        inner
                    }
                };
                if parts.is_empty() {
                    key = span.start()..span.end();
                }
                parts.push(part);
                want_part = false;
            }
            K::RightSquareBracket if !want_part => {
                if array {
                    let close = tokens.next()?;
                    if close.kind() != K::RightSquareBracket
                        || close.span().start() != next.span().end()
                    {
                        return None;
                    }
                }
                return Some(Header { array, parts, key });
            }
            _ => return None,
        }
        next = tokens.next()?;
    }
}

/// Parses the piece `range` of `text` alone, with every place in it (keys' and values') made a
/// place in `text`.
pub(crate) fn parse_piece<'t>(
    text: &'t str,
    range: Range<usize>,
) -> Result<DeTable<'t>, toml::de::Error> {
    let by = range.start;
    let doc = DeTable::parse(&text[range])?.into_inner();
    Ok(if by == 0 { doc } else { shift_table(doc, by) })
}

fn shift_table(table: DeTable<'_>, by: usize) -> DeTable<'_> {
    table
        .into_iter()
        .map(|(k, v)| (shifted(k, by), shift_value(v, by)))
        .collect()
}

fn shift_value(value: Spanned<DeValue<'_>>, by: usize) -> Spanned<DeValue<'_>> {
    let value = shifted(value, by);
    let span = value.span();
    let inner = match value.into_inner() {
        DeValue::Table(t) => DeValue::Table(shift_table(t, by)),
        DeValue::Array(items) => DeValue::Array(
            items
                .into_iter()
                .map(|v| shift_value(v, by))
                .collect::<DeArray<'_>>(),
        ),
        other => other,
    };
    Spanned::new(span, inner)
}

fn shifted<T>(value: Spanned<T>, by: usize) -> Spanned<T> {
    let span = value.span();
    Spanned::new(span.start + by..span.end + by, value.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &["org", "person", "team", "guild"];

    /// The cuts, as `name start..end ...; name ...`.
    fn cuts(text: &str) -> Option<String> {
        let chunks = split(text, NAMES)?;
        let arrays: Vec<String> = chunks
            .arrays
            .iter()
            .map(|a| {
                let pieces: Vec<String> = a.pieces.iter().map(|p| format!("{p:?}")).collect();
                format!("{} {}", a.name, pieces.join(" "))
            })
            .collect();
        Some(arrays.join("; "))
    }

    #[test]
    fn cuts_at_array_headers_only() {
        let text =
            "[org]\nname = \"x\"\n[[person]]\nid = \"a\"\n[person.x]\n[[team]]\n[[ 'person' ]]\n";
        let c = split(text, NAMES).unwrap();
        assert_eq!(c.prefix_end, 17);
        assert_eq!(cuts(text).unwrap(), "person 17..48 57..72; team 48..57");
    }

    #[test]
    fn a_header_in_a_string_or_array_is_not_a_cut() {
        let text = "a = \"\"\"\n[[person]]\n\"\"\"\nb = [\n[[1]],\n]\n";
        assert!(cuts(text).is_none());
        let text = "a = \"\"\"\n[[person]]\n\"\"\"\n[[team]]\n";
        assert_eq!(cuts(text).unwrap(), "team 23..32");
    }

    #[test]
    fn anything_unsure_gives_up() {
        for text in [
            "[[person]]\n[team]\n",
            "[[person]]\n[person]\n",
            "[[person]]\n[[people]]\n",
            "[[person]]\n[team.x]\n",
            "[[\"p\\u0065rson\"]]\n",
            "[[person\n]]\n",
            "a = ]\n[[person]]\n",
            "a = [\n[[person]]\n",
        ] {
            assert!(cuts(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn pieces_keep_the_places_of_the_whole_file() {
        let text = "[[person]]\nid = \"a\"\n[[person]]\nid = \"b\"\n";
        let piece = parse_piece(text, 20..text.len()).unwrap();
        let whole = DeTable::parse(text).unwrap().into_inner();
        let DeValue::Array(items) = whole.get("person").unwrap().get_ref() else {
            panic!()
        };
        let DeValue::Array(mine) = piece.get("person").unwrap().get_ref() else {
            panic!()
        };
        assert_eq!(format!("{:?}", items[1]), format!("{:?}", mine[0]));
    }
}
