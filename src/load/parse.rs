//! One entity file: TOML with spans in, entities and per-file findings (`invalid-toml`, `unknown-field`, `missing-field`, `invalid-value`) out.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::finding::Finding;

use crate::limits::MAX_VALUES;
use crate::model::{EntityKind, Guild, LocatedStr, OrgTable, Person, Team};
use crate::rules;
use crate::source::{FileId, Span, floor_char_boundary};
use crate::text::{thousands, valid_id};

use super::chunks;
use super::table_reader::{Reader, invalid_type, unknown_field};
use crate::regions::{Entities, Held};

/// What one file holds.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// `[org]` tables.
    pub orgs: Vec<OrgTable>,
    /// People with an id.
    pub people: Vec<Person>,
    /// Teams with an id.
    pub teams: Vec<Team>,
    /// Guilds with an id.
    pub guilds: Vec<Guild>,
    /// Per-file findings.
    pub findings: Vec<Finding>,
    /// Whether the file could not be parsed at all.
    pub broken: bool,
    /// Where each entity's table starts, what it is (`team:recs`), and which holds each place.
    pub entities: Entities,
}

/// What parsing a text will hold at once, told from the text before any of it is parsed: what the
/// loader's parse budget ([`crate::limits::MAX_PARSE_COST`]) counts.
#[derive(Debug)]
pub(crate) struct Estimate {
    /// An upper bound of the bytes that parsing the text allocates and holds at once: toml's
    /// token and event vectors, the parse tree, and the entities and findings built from it.
    pub cost: u64,
    /// Where the value past [`MAX_VALUES`] starts, when the text holds more: it is then not parsed.
    past_limit: Option<std::ops::Range<usize>>,
}

/// Texts up to this size are not lexed to estimate their parse: their cost is [`PER_BYTE_UNLEXED`]
/// for each byte, at most 12 MB, where lexing each of the thousands of small files of a large org
/// once more would cost time for nothing. A larger text is lexed once to count its tokens, which
/// [`MAX_VALUES`] needs anyway.
const LEXED_FROM: usize = 16 * 1024;

// What a parse holds at most, in bytes, for each token of toml's lexer and each byte of text,
// measured on texts made to cost the most of each (`tests/parse_cost.rs`, which checks that the
// estimate bounds what the parse allocates): the estimate is a quarter or more above the most
// any of them held.

/// Any token: an entry in toml's token vector and one in its event vector (24 bytes each), the
/// token vector's spare room as it doubles, and both buffers side by side while it does.
const PER_TOKEN: u64 = 64;
/// A key or value (an atom or a string): its node in the tree, and its map's or array's spare room.
const PER_VALUE: u64 = 160;
/// An `=`: the key's entry in its table, and the finding an unknown key is (about 700 bytes).
const PER_KEY: u64 = 512;
/// A `[` or `{`: an array or table, and the finding about a table that is no entity.
const PER_OPENING: u64 = 768;
/// A `.` in a key: the table each part of a dotted key opens (a map of one entry, about 1 KB).
const PER_DOT: u64 = 1280;
/// A byte of text: toml's token vector is sized from the text first (2 tokens for every 7 bytes),
/// an error holds a copy of the text, and a string with escapes is decoded into a copy.
const PER_BYTE: u64 = 12;
/// A byte of a comment, more: a suppression comment keeps each rule it names, some 80 bytes for
/// each `a,` of `allow(a,a,a,...)`.
const PER_COMMENT_BYTE: u64 = 48;
/// A byte of a text too small to be lexed: the most any byte costs, whatever tokens it makes (a
/// deep dotted key `k.a.a.a...`, the costliest found, takes 564 bytes per byte).
const PER_BYTE_UNLEXED: u64 = 768;
/// Any parse, however small.
const PER_PARSE: u64 = 16 * 1024;

/// Counts what parsing `text` will take (see [`Estimate`]).
pub(crate) fn estimate(text: &str) -> Estimate {
    use toml_parser::lexer::TokenKind as K;
    let len = text.len() as u64;
    if text.len() <= LEXED_FROM {
        // Every key or value is at least one byte, so it holds fewer than `MAX_VALUES`.
        return Estimate {
            cost: PER_PARSE + len * PER_BYTE_UNLEXED,
            past_limit: None,
        };
    }
    fn count(kinds: &[u64; 256], of: &[K]) -> u64 {
        of.iter().map(|&k| kinds[k as u8 as usize]).sum()
    }
    // How many tokens of each kind (by its `repr(u8)`), weighed once at the end: an increment per
    // token, so that weighing a file costs about what counting its values alone did.
    let mut kinds = [0u64; 256];
    let mut comment_bytes = 0;
    // A file far past the limit is not lexed to its end: the values are looked at every MiB, from
    // the 2 MB where a file can first hold too many (each is a byte at least).
    let mut next_look = MAX_VALUES;
    for token in toml_parser::Source::new(text).lex() {
        let (kind, span) = (token.kind(), token.span());
        kinds[kind as u8 as usize] += 1;
        if kind == K::Comment {
            comment_bytes += (span.end() - span.start()) as u64;
        }
        if span.start() > next_look {
            if count(&kinds, VALUE_STARTS) > MAX_VALUES as u64 {
                break;
            }
            next_look += 1 << 20;
        }
    }
    let count = |of: &[K]| count(&kinds, of);
    let values = count(VALUE_STARTS);
    if values > MAX_VALUES as u64 {
        // Not parsed: only the finding that says so.
        return Estimate {
            cost: PER_PARSE,
            past_limit: value_past_limit(text),
        };
    }
    let openings = count(&[K::LeftSquareBracket, K::LeftCurlyBracket]);
    let cost = PER_PARSE
        + len * PER_BYTE
        + kinds.iter().sum::<u64>() * PER_TOKEN
        + (values - openings) * PER_VALUE
        + openings * PER_OPENING
        + count(&[K::Equals]) * PER_KEY
        + count(&[K::Dot]) * PER_DOT
        + comment_bytes * PER_COMMENT_BYTE;
    Estimate {
        cost,
        past_limit: None,
    }
}

/// The tokens that start a key or a value, arrays and tables included: what [`MAX_VALUES`] counts.
const VALUE_STARTS: &[toml_parser::lexer::TokenKind] = {
    use toml_parser::lexer::TokenKind as K;
    &[
        K::Atom,
        K::BasicString,
        K::LiteralString,
        K::MlBasicString,
        K::MlLiteralString,
        K::LeftSquareBracket,
        K::LeftCurlyBracket,
    ]
};

/// Where the key or value past [`MAX_VALUES`] starts in `text`, if it holds that many.
fn value_past_limit(text: &str) -> Option<std::ops::Range<usize>> {
    toml_parser::Source::new(text)
        .lex()
        .filter(|t| VALUE_STARTS.contains(&t.kind()))
        .nth(MAX_VALUES)
        .map(|t| t.span().start()..t.span().end())
}

/// Files larger than this are parsed piece by piece where they can be ([`super::chunks`]): the
/// whole parse tree of a one-file org of 100,000 people, with toml's token and event vectors, is
/// most of a run's memory. Smaller files gain nothing from it and are parsed whole.
const CHUNKED_FROM: usize = 1 << 20;

/// Parses the text of file `file`, whose [`estimate`] is `estimate`.
pub(crate) fn parse(file: FileId, text: &std::sync::Arc<String>, estimate: &Estimate) -> Parsed {
    parse_as(file, text, estimate, text.len() > CHUNKED_FROM)
}

/// [`parse`], with pieces tried (`chunked`) whatever the size; the result is the same either way.
fn parse_as(
    file: FileId,
    text: &std::sync::Arc<String>,
    estimate: &Estimate,
    chunked: bool,
) -> Parsed {
    let mut out = Parsed::default();
    if let Some(at) = estimate.past_limit.clone() {
        out.findings.push(
            Finding::new(
                &rules::invalid_toml::RULE,
                Some(Span::new(file, at)),
                format!(
                    "too many keys and values to check: more than {} in one file",
                    thousands(MAX_VALUES)
                ),
            )
            .with_label("the first past the limit")
            .with_help("split the file; the rules that need the whole org did not run"),
        );
        out.broken = true;
        return out;
    }
    if chunked && let Some(parsed) = parse_chunked(file, text) {
        return parsed;
    }
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(err) => {
            let message = err.message().trim_end().to_owned();
            out.findings.push(
                Finding::new(
                    &rules::invalid_toml::RULE,
                    Some(Span::new(file, error_place(&err, text))),
                    format!("invalid TOML: {message}"),
                )
                .with_label(message)
                .with_help("fix the syntax; the rules that need the whole org did not run"),
            );
            out.broken = true;
            return out;
        }
    };
    out.entities = Entities::new();
    for (key, value) in doc.get_ref().iter() {
        top_level(&mut out, text, file, key, value);
    }
    out.entities.finish();
    // Every file's entities wait for the merge together: a vector's spare room (a file of one
    // team held room for four) was a fifth of the peak memory of a large org.
    out.orgs.shrink_to_fit();
    out.people.shrink_to_fit();
    out.teams.shrink_to_fit();
    out.guilds.shrink_to_fit();
    out
}

/// [`parse`] piece by piece, each piece's tree dropped once its entities are built: the same
/// entities and findings in the same order as the whole file's parse (the pieces are visited in
/// the order of the keys of the whole file's root table), or `None` when the file cannot be cut
/// soundly or a piece does not parse (then the whole file's parse gives toml's own error).
fn parse_chunked(file: FileId, text: &std::sync::Arc<String>) -> Option<Parsed> {
    let chunks = chunks::split(text, EntityKind::KEYS)?;
    let mut root = chunks::parse_piece(text, 0..chunks.prefix_end).ok()?;
    for array in &chunks.arrays {
        // `[person]`, `person.x = 1` or `person = [...]` before the first `[[person]]`: toml's error.
        if root.contains_key(array.name) {
            return None;
        }
        // A stand-in, so that the root table orders the arrays among its keys as toml does.
        let key = Spanned::new(array.key.clone(), std::borrow::Cow::Borrowed(array.name));
        let empty = Spanned::new(array.key.clone(), DeValue::Array(Default::default()));
        root.insert(key, empty);
    }
    let mut out = Parsed {
        entities: Entities::new(),
        ..Parsed::default()
    };
    for (key, value) in root.iter() {
        let name: &str = key.get_ref();
        let Some(array) = chunks.arrays.iter().find(|a| a.name == name) else {
            top_level(&mut out, text, file, key, value);
            continue;
        };
        for piece in &array.pieces {
            // Just `name`: one array of one table, with its sub-tables.
            let piece = chunks::parse_piece(text, piece.clone()).ok()?;
            for (key, value) in piece.iter() {
                top_level(&mut out, text, file, key, value);
            }
        }
    }
    out.entities.finish();
    Some(out)
}

/// The parse of `text` as one entity file, as `Debug` text, whole or (`chunked`) piece by piece
/// where it can be cut (whatever its size), and whether it was. Only for the tests that check the
/// two agree (`tests/it/chunked_parse.rs`).
#[doc(hidden)]
pub fn debug_parse(text: &str, chunked: bool) -> (String, bool) {
    let text = std::sync::Arc::new(text.to_owned());
    let estimate = estimate(&text);
    let cut = chunked && estimate.past_limit.is_none() && parse_chunked(0, &text).is_some();
    (format!("{:?}", parse_as(0, &text, &estimate, chunked)), cut)
}

/// One key of the root table and its value: an entity, an array of them, or a finding.
fn top_level(
    out: &mut Parsed,
    text: &std::sync::Arc<String>,
    file: FileId,
    key: &Spanned<toml::de::DeString<'_>>,
    value: &Spanned<DeValue<'_>>,
) {
    let name = key.get_ref().as_ref();
    let Some(kind) = EntityKind::parse(name) else {
        let f = unknown_field(file, key, "an entity file", EntityKind::KEYS);
        out.findings.push(f);
        // Its tables belong to no entity: a place in them is not the entity's above.
        match value.get_ref() {
            DeValue::Table(table) => out.entities.add_table(text, value.span(), table, None),
            DeValue::Array(items) => {
                for item in items {
                    if let DeValue::Table(table) = item.get_ref() {
                        out.entities.add_table(text, item.span(), table, None);
                    }
                }
            }
            _ => {}
        }
        return;
    };
    match value.get_ref() {
        DeValue::Table(table) => entity(out, text, file, kind, table, value.span()),
        DeValue::Array(items) => {
            for item in items {
                match item.get_ref() {
                    DeValue::Table(table) => entity(out, text, file, kind, table, item.span()),
                    other => out.findings.push(invalid_type(
                        file,
                        item.span(),
                        &format!("each `{name}` must be a table"),
                        other,
                    )),
                }
            }
        }
        other => out.findings.push(invalid_type(
            file,
            value.span(),
            &format!("`{name}` must be a table or an array of tables"),
            other,
        )),
    }
}

/// Where the TOML parse error `err` in `text` is (an entity file's or `orglint.toml`'s): toml's
/// span, else the key too deep that it reports without one, else the start; an empty place is
/// widened to the character there, so that a label has something to underline.
pub(crate) fn error_place(err: &toml::de::Error, text: &str) -> std::ops::Range<usize> {
    let at = err.span().or_else(|| too_deep_key(text)).unwrap_or(0..0);
    if !at.is_empty() {
        return at;
    }
    let start = at.start.min(text.len());
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    start..end
}

/// toml reports a dotted key of too many parts (`a.a.a. ... = 1`, in a header too) without a
/// place: the first such key, at the part that passes toml's limit.
fn too_deep_key(text: &str) -> Option<std::ops::Range<usize>> {
    use toml_parser::lexer::TokenKind;
    /// toml's recursion limit: a key may have this many parts before its last.
    const LIMIT: usize = 80;
    let mut dots = 0;
    for token in toml_parser::Source::new(text).lex() {
        match token.kind() {
            TokenKind::Dot => dots += 1,
            TokenKind::Whitespace => {}
            TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString => {
                if dots >= LIMIT {
                    let span = token.span();
                    return Some(span.start()..span.end());
                }
            }
            _ => dots = 0,
        }
    }
    None
}

fn entity(
    out: &mut Parsed,
    text: &std::sync::Arc<String>,
    file: FileId,
    kind: EntityKind,
    table: &DeTable<'_>,
    header: std::ops::Range<usize>,
) {
    let header = Span::new(file, header);
    let name_key = if kind == EntityKind::Org {
        "name"
    } else {
        "id"
    };
    let (name, name_at) = table
        .get(name_key)
        .and_then(|v| Some((v.get_ref().as_str()?, Span::new(file, v.span()))))
        .unwrap_or((&text[..0], Span::new(file, 0..0)));
    // The entity's key for fingerprints: its id or name, cut (an id is at most 64 characters) so
    // that a name of megabytes is neither copied per entity nor hashed per finding; a range of
    // the text unless it had escapes.
    let cut = &name[..floor_char_boundary(name, crate::limits::FINGERPRINT_BYTES)];
    let held = Held {
        kind,
        id: LocatedStr::within(text, cut, name_at),
    };
    out.entities.add(text, header.range(), table, held.clone());
    let mut r = Reader {
        file,
        text,
        table,
        header,
        kind,
        named: kind != EntityKind::Org && valid_id(name),
        findings: &mut out.findings,
        entity: held,
        keys: kind.keys(),
        invalid: 0,
        anchor: header,
        slots: [None; super::table_reader::MAX_KEYS],
    };
    r.index_keys();
    match kind {
        EntityKind::Org => out.orgs.extend(OrgTable::read(&mut r)),
        EntityKind::Person => out.people.extend(Person::read(&mut r)),
        EntityKind::Team => out.teams.extend(Team::read(&mut r)),
        EntityKind::Guild => out.guilds.extend(Guild::read(&mut r)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_past_the_limit_is_found_however_far_past_the_file_goes() {
        // `x = [1,1,...]`: `x` and `[` count too.
        let ones = |n: usize| format!("x = [{}]\n", vec!["1"; n].join(","));
        let at_limit = estimate(&ones(MAX_VALUES - 2));
        assert!(at_limit.past_limit.is_none() && at_limit.cost > PER_PARSE);
        let past = ones(MAX_VALUES - 1);
        let last_one = past.len() - 3..past.len() - 2;
        let estimate_past = estimate(&past);
        assert_eq!(estimate_past.past_limit, Some(last_one.clone()));
        assert_eq!(estimate_past.cost, PER_PARSE);
        // Counting stops soon after the limit, and the place is the same.
        assert_eq!(estimate(&ones(3 * MAX_VALUES)).past_limit, Some(last_one));
    }
}
