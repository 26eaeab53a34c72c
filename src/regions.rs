//! The entities of a file and which holds a place of it: the table (or element of an array of tables) whose header starts the region the place lies in, or the inline table around it, as SPEC §3 reads "the entity that contains" a line.

use toml::de::{DeTable, DeValue};

use crate::finding::EntityRef;
use crate::model::{EntityKind, LocatedStr};

/// An entity as the regions know it: its kind and its id (or the org's name), cut to
/// [`crate::limits::FINGERPRINT_BYTES`]; a range of the file's text, so that recording one per
/// entity copies nothing.
#[derive(Debug, Clone)]
pub(crate) struct Held {
    pub(crate) kind: EntityKind,
    pub(crate) id: LocatedStr,
}

impl Held {
    /// The entity a finding records.
    pub(crate) fn to_ref(&self) -> EntityRef {
        EntityRef {
            kind: self.kind,
            id: self.id.as_str().to_owned(),
        }
    }
}

/// No entity: the top of the file before any header, or a table that is not an entity's.
const NONE: u32 = u32::MAX;

/// The entities of one file: where each starts, and which holds each place.
#[derive(Debug, Default, Clone)]
pub(crate) struct Entities {
    /// Where each entity's table starts (its header, or the inline table) and which it is,
    /// sorted by offset.
    starts: Vec<(u32, Held)>,
    /// From each table header to the next: (where it starts, the entity's header offset or
    /// [`NONE`]); sorted by start once [`Entities::finish`] ran. Before the first, no entity.
    open: Vec<(u32, u32)>,
    /// Inline entity tables (`person = [{ id = "a" }]`) and the entries of an entity written with
    /// dotted keys (`person.id = "a"`): (start, end, the entity's offset). They never nest: an
    /// inline entity's own sub-tables lie inside it, and top-level entries are apart.
    inline: Vec<(u32, u32, u32)>,
}

impl Entities {
    /// A file whose top, before any header, belongs to no entity.
    pub(crate) fn new() -> Self {
        Entities {
            starts: Vec::new(),
            open: Vec::new(),
            inline: Vec::new(),
        }
    }

    /// Records the entity `entity` whose table `table` is at `span`.
    pub(crate) fn add(
        &mut self,
        text: &str,
        span: std::ops::Range<usize>,
        table: &DeTable<'_>,
        entity: Held,
    ) {
        self.starts.push((span.start as u32, entity));
        self.add_table(text, span.clone(), table, Some(span.start as u32));
    }

    /// Records the table `table` at `span` and every table under it defined by a header, as
    /// belonging to the entity whose table starts at `entity` (none when `None`). `text` is the
    /// file's, to tell a header (`[`) from an inline table (`{`).
    pub(crate) fn add_table(
        &mut self,
        text: &str,
        span: std::ops::Range<usize>,
        table: &DeTable<'_>,
        entity: Option<u32>,
    ) {
        let owner = entity.unwrap_or(NONE);
        match text.as_bytes().get(span.start) {
            Some(b'{') if entity.is_some() => {
                self.inline
                    .push((span.start as u32, span.end as u32, owner));
                // Everything under an inline table lies inside it.
                return;
            }
            Some(b'[') => self.open.push((span.start as u32, owner)),
            // An entity written with dotted keys at the top of the file (`person.id = "ada"`): its
            // table's span is its first key, and its entries lie among other top-level keys (of
            // other entities too), so each is an interval of its own.
            _ if entity.is_some() => {
                self.inline
                    .push((span.start as u32, span.end as u32, owner));
                self.add_dotted(text, table, owner);
            }
            // An inline table that is no entity's, or a dotted key's implicit table: it lies in the
            // region around it.
            _ => {}
        }
        // The sub-tables written under headers of their own (`[org.standards]`, `[[team.x]]`),
        // also below a dotted key's table (`tooling.ci = "x"` then `[team.tooling.more]`),
        // iteratively: nesting depth is the file's to choose.
        let mut stack: Vec<&DeTable<'_>> = vec![table];
        while let Some(t) = stack.pop() {
            for value in t.values() {
                let items = match value.get_ref() {
                    DeValue::Array(items) => &items[..],
                    _ => std::slice::from_ref(value),
                };
                for v in items {
                    let DeValue::Table(sub) = v.get_ref() else {
                        continue;
                    };
                    match text.as_bytes().get(v.span().start) {
                        // No header lies inside an inline table.
                        Some(b'{') => {}
                        Some(b'[') => {
                            self.open.push((v.span().start as u32, owner));
                            stack.push(sub);
                        }
                        _ => stack.push(sub),
                    }
                }
            }
        }
    }

    /// Records each entry of the dotted-key table `table` (from its key to the end of its value)
    /// as lying in the entity whose table starts at `owner`; a dotted sub-table's entries each
    /// again. A sub-table under a header of its own is [`Entities::add_table`]'s.
    fn add_dotted(&mut self, text: &str, table: &DeTable<'_>, owner: u32) {
        let mut stack: Vec<&DeTable<'_>> = vec![table];
        while let Some(t) = stack.pop() {
            for (key, value) in t.iter() {
                let at = text.as_bytes().get(value.span().start);
                match value.get_ref() {
                    // A header's table (or array of tables) is a region of its own.
                    DeValue::Table(_) if at == Some(&b'[') => {}
                    DeValue::Table(sub) if at != Some(&b'{') => stack.push(sub),
                    DeValue::Array(items) if items.first().is_some_and(|i| header(text, i)) => {}
                    _ => {
                        self.inline
                            .push((key.span().start as u32, value.span().end as u32, owner))
                    }
                }
            }
        }
    }

    /// Sorts what was added, for the look-ups.
    pub(crate) fn finish(&mut self) {
        self.starts.sort_unstable_by_key(|(s, _)| *s);
        self.open.sort_unstable();
        self.inline.sort_unstable();
    }

    /// The entity whose table holds `offset`: what a finding there records as its entity.
    pub(crate) fn holding(&self, offset: u32) -> Option<EntityRef> {
        let n = self.inline.partition_point(|&(s, _, _)| s <= offset);
        let owner = match n.checked_sub(1).map(|i| self.inline[i]) {
            Some((_, end, owner)) if offset < end => owner,
            _ => {
                let n = self.open.partition_point(|&(s, _)| s <= offset);
                n.checked_sub(1).map_or(NONE, |i| self.open[i].1)
            }
        };
        if owner == NONE {
            return None;
        }
        let i = self.starts.binary_search_by_key(&owner, |(s, _)| *s).ok()?;
        Some(self.starts[i].1.to_ref())
    }

    /// The last entity whose table starts at or before `offset`, whichever table holds it: the
    /// entity part of a finding's fingerprint, kept as it was so that fingerprints stay stable.
    pub(crate) fn last_before(&self, offset: u32) -> Option<&Held> {
        let n = self.starts.partition_point(|(s, _)| *s <= offset);
        n.checked_sub(1).map(|i| &self.starts[i].1)
    }
}

/// Whether `value` is a table written under a header of its own (`[team.tooling]`, an element of
/// `[[team.x]]`), not an inline or dotted key's table.
fn header(text: &str, value: &toml::Spanned<DeValue<'_>>) -> bool {
    matches!(value.get_ref(), DeValue::Table(_))
        && text.as_bytes().get(value.span().start) == Some(&b'[')
}

#[cfg(test)]
mod tests {
    fn parse(text: &str) -> crate::load::parse::Parsed {
        let estimate = crate::load::parse::estimate(text);
        crate::load::parse::parse(0, &std::sync::Arc::new(text.to_owned()), &estimate)
    }

    /// The entity (`team:t`, `-` for none) holding the first place of `text` where each needle of
    /// `places` starts, as the loader records them.
    fn held(text: &str, places: &[&str]) -> Vec<String> {
        let parsed = parse(text);
        places
            .iter()
            .map(|p| {
                let at = text.find(p).unwrap_or_else(|| panic!("{p:?} in the text")) as u32;
                parsed
                    .entities
                    .holding(at)
                    .map_or("-".to_owned(), |e| e.to_string())
            })
            .collect()
    }

    #[test]
    fn an_entity_written_with_dotted_keys_holds_its_entries() {
        let text = "org.name = \"T\"\nperson.id = \"ada\"\norg.leadership = [\"gh\"]\n\
                    person.role = \"nope\"\norg.standards.ci = 1\nx = 1\n\n[[team]]\nid = \"t\"\n";
        assert_eq!(
            held(
                text,
                &[
                    "org.name",
                    "\"T\"",
                    "\"ada\"",
                    "[\"gh\"]",
                    "\"nope\"",
                    "1\n",
                    "x =",
                    "id = \"t\""
                ]
            ),
            [
                "org:T",
                "org:T",
                "person:ada",
                "org:T",
                "person:ada",
                "org:T",
                "-",
                "team:t"
            ]
        );
    }

    #[test]
    fn a_header_below_a_dotted_sub_table_is_its_entity_s() {
        // `[team.tooling.more]` extends the last team's `tooling`, defined by a dotted key, even
        // after a guild.
        let text = "[[team]]\nid = \"t\"\ntooling.a = \"x\"\n\n[[guild]]\nid = \"g\"\n\n\
                    [team.tooling.more]\nq = 1\n";
        assert_eq!(
            held(
                text,
                &["tooling.a", "id = \"g\"", "[team.tooling.more]", "q = 1"]
            ),
            ["team:t", "guild:g", "team:t", "team:t"]
        );
    }

    #[test]
    fn tables_in_any_order_are_their_entity_s() {
        let text = "\u{feff}# top\n[org.standards]\nci = 1\n\n[ \"org\" ]\nname = \"T\"\n\n\
                    [[ person ]]\nid = \"ada\"\n\n[extra]\ne = 1\n\n[[team]]\nid = \"t\"\n\n\
                    [[team.x]]\ny = 1\n\n[person.a.b]\nc = 1\n\n[team.tooling]\nd = 1\n\n\
                    [[guild]]\nid = \"g\"\n";
        assert_eq!(
            held(
                text,
                &[
                    "# top",
                    "ci = 1",
                    "name",
                    "id = \"ada\"",
                    "e = 1",
                    "y = 1",
                    "c = 1",
                    "d = 1",
                    "id = \"g\""
                ]
            ),
            [
                "-",
                "org:T",
                "org:T",
                "person:ada",
                "-",
                "team:t",
                "person:ada",
                "team:t",
                "guild:g"
            ]
        );
    }

    #[test]
    fn the_end_of_a_file_and_an_empty_file_hold_no_panic() {
        let text = "[[person]]\nid = \"ada\"";
        let parsed = parse(text);
        for at in [text.len() as u32, text.len() as u32 + 1, u32::MAX] {
            assert_eq!(
                parsed
                    .entities
                    .holding(at)
                    .map(|e| e.to_string())
                    .as_deref(),
                Some("person:ada")
            );
            assert!(parsed.entities.last_before(at).is_some());
        }
        let empty = parse("");
        assert!(empty.entities.holding(0).is_none());
        assert!(empty.entities.last_before(u32::MAX).is_none());
    }
}
