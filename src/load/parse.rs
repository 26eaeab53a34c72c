//! One entity file: TOML with spans in, entities and per-file findings (`invalid-toml`, `unknown-field`, `missing-field`, `invalid-value`) out.

use toml::de::{DeTable, DeValue};

use crate::finding::{Finding, thousands};
use crate::limits::MAX_VALUES;
use crate::model::{EntityKind, Guild, OrgDef, Person, Str, Team};
use crate::rules;
use crate::source::{FileId, Span, floor_char_boundary};

use super::reader::{Reader, invalid_type, unknown_field};
use super::regions::{Entities, Held};

/// What one file holds.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// `[org]` tables.
    pub orgs: Vec<OrgDef>,
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

/// Whether `id` is 1 to 64 ASCII letters, digits, `-`, `_` and `.`.
pub(crate) fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Where the value past [`MAX_VALUES`] starts, if `text` holds that many keys and values.
fn too_many_values(text: &str) -> Option<std::ops::Range<usize>> {
    use toml_parser::lexer::TokenKind as K;
    // Every key or value is at least one byte.
    if text.len() <= MAX_VALUES {
        return None;
    }
    toml_parser::Source::new(text)
        .lex()
        .filter(|t| {
            matches!(
                t.kind(),
                K::Atom
                    | K::BasicString
                    | K::LiteralString
                    | K::MlBasicString
                    | K::MlLiteralString
                    | K::LeftSquareBracket
                    | K::LeftCurlyBracket
            )
        })
        .nth(MAX_VALUES)
        .map(|t| t.span().start()..t.span().end())
}

/// Parses the text of file `file`.
pub(crate) fn parse(file: FileId, text: &std::sync::Arc<String>) -> Parsed {
    let mut out = Parsed::default();
    if let Some(at) = too_many_values(text) {
        out.findings.push(
            Finding::new(
                &rules::INVALID_TOML,
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
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(err) => {
            let message = err.message().trim_end().to_owned();
            out.findings.push(
                Finding::new(
                    &rules::INVALID_TOML,
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
            continue;
        };
        match value.get_ref() {
            DeValue::Table(table) => entity(&mut out, text, file, kind, table, value.span()),
            DeValue::Array(items) => {
                for item in items {
                    match item.get_ref() {
                        DeValue::Table(table) => {
                            entity(&mut out, text, file, kind, table, item.span())
                        }
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
    out.entities.finish();
    // Every file's entities wait for the merge together: a vector's spare room (a file of one
    // team held room for four) was a fifth of the peak memory of a large org.
    out.orgs.shrink_to_fit();
    out.people.shrink_to_fit();
    out.teams.shrink_to_fit();
    out.guilds.shrink_to_fit();
    out
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
        id: Str::within(text, cut, name_at),
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
    };
    r.unknown_keys();
    match kind {
        EntityKind::Org => out.orgs.extend(OrgDef::read(&mut r)),
        EntityKind::Person => out.people.extend(Person::read(&mut r)),
        EntityKind::Team => out.teams.extend(Team::read(&mut r)),
        EntityKind::Guild => out.guilds.extend(Guild::read(&mut r)),
    }
}
