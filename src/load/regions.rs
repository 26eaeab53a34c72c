//! The entities of a file and which holds a place of it: the table (or element of an array of tables) whose header starts the region the place lies in, or the inline table around it, as SPEC §3 reads "the entity that contains" a line.

use toml::de::{DeTable, DeValue};

use crate::finding::EntityRef;

/// No entity: the top of the file before any header, or a table that is not an entity's.
const NONE: u32 = u32::MAX;

/// The entities of one file: where each starts, and which holds each place.
#[derive(Debug, Default, Clone)]
pub(crate) struct Entities {
    /// Where each entity's table starts (its header, or the inline table) and which it is,
    /// sorted by offset.
    starts: Vec<(u32, EntityRef)>,
    /// From each table header to the next: (where it starts, the entity's header offset or
    /// [`NONE`]); sorted by start once [`Entities::finish`] ran. Before the first, no entity.
    open: Vec<(u32, u32)>,
    /// Inline entity tables (`person = [{ id = "a" }]`): (start, end, the entity's offset). They
    /// never nest: an inline entity's own sub-tables lie inside it.
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
        entity: EntityRef,
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
            // An inline table that is no entity's, or a dotted key's implicit table: it lies in the
            // region around it.
            _ => {}
        }
        // The sub-tables written under headers of their own (`[org.standards]`, `[[team.x]]`),
        // iteratively: nesting depth is the file's to choose.
        let mut stack: Vec<&DeTable<'_>> = vec![table];
        while let Some(t) = stack.pop() {
            for value in t.values() {
                let items = match value.get_ref() {
                    DeValue::Array(items) => &items[..],
                    _ => std::slice::from_ref(value),
                };
                for v in items {
                    if let DeValue::Table(sub) = v.get_ref()
                        && text.as_bytes().get(v.span().start) == Some(&b'[')
                    {
                        self.open.push((v.span().start as u32, owner));
                        stack.push(sub);
                    }
                }
            }
        }
    }

    /// Sorts what was added, for the look-ups.
    pub(crate) fn finish(&mut self) {
        self.starts.sort_unstable();
        self.open.sort_unstable();
        self.inline.sort_unstable();
    }

    /// The entity whose table holds `offset`: what a finding there records as its entity.
    pub(crate) fn holding(&self, offset: u32) -> Option<&EntityRef> {
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
        Some(&self.starts[i].1)
    }

    /// The last entity whose table starts at or before `offset`, whichever table holds it: the
    /// entity part of a finding's fingerprint, kept as it was so that fingerprints stay stable.
    pub(crate) fn last_before(&self, offset: u32) -> Option<&EntityRef> {
        let n = self.starts.partition_point(|(s, _)| *s <= offset);
        n.checked_sub(1).map(|i| &self.starts[i].1)
    }
}
