//! The indexes the model stage builds once: ids interned as `InternedId`s, per-entity lists of what
//! each reference resolved to, and where the references of one key lie among them.

use super::fields::Reference;

/// No entity: what an unresolved slot holds.
pub(super) const NONE: u32 = u32::MAX;

/// An id string that some entity defines, interned by the model stage
/// ([`crate::engine::build_model`]): two references name the same id exactly when they resolve to
/// the same `InternedId`, so that rules compare integers, not strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InternedId(pub(super) u32);

impl InternedId {
    /// Its dense number, from 0: an index into a table with one slot per defined id.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What one defined id names: in each namespace, its first definition (if any).
#[derive(Clone, Copy, Debug)]
pub(super) struct Named {
    pub(super) person: u32,
    pub(super) team: u32,
    pub(super) guild: u32,
}

impl Named {
    pub(super) const NOTHING: Named = Named {
        person: NONE,
        team: NONE,
        guild: NONE,
    };
}

pub(super) fn some(i: u32) -> Option<usize> {
    (i != NONE).then_some(i as usize)
}

/// One list of items per entity, in one allocation (offsets into one vector), so that a
/// per-entity list costs no allocation of its own: list `i` is `lists[i]`.
#[derive(Clone, Debug)]
pub struct Lists<T> {
    starts: Vec<u32>,
    pub(super) items: Vec<T>,
}

impl<T> Default for Lists<T> {
    fn default() -> Self {
        Lists {
            starts: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T> Lists<T> {
    /// Ends the list whose items were pushed since the last one ended.
    pub(super) fn close(&mut self) {
        let end = u32::try_from(self.items.len()).expect("fewer than 4 G ids in a tree");
        self.starts.push(end);
    }

    /// How many lists there are.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether there are no lists.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every list, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[T]> {
        self.starts
            .windows(2)
            .map(|w| &self.items[w[0] as usize..w[1] as usize])
    }
}

impl<T: Copy> Lists<T> {
    /// `n` lists from `(list, item)` pairs: each list's items in the order of `pairs` (a stable
    /// counting sort, no hashing).
    pub(super) fn grouped(n: usize, pairs: &[(u32, T)]) -> Self {
        let mut starts = vec![0u32; n + 1];
        for &(k, _) in pairs {
            starts[k as usize + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut next: Vec<u32> = starts[..n].to_vec();
        let mut items: Vec<Option<T>> = vec![None; pairs.len()];
        for &(k, v) in pairs {
            items[next[k as usize] as usize] = Some(v);
            next[k as usize] += 1;
        }
        Lists {
            starts,
            items: items.into_iter().flatten().collect(),
        }
    }
}

impl<T> std::ops::Index<usize> for Lists<T> {
    type Output = [T];

    fn index(&self, i: usize) -> &[T] {
        &self.items[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// A defined person in a team's or guild's `members`, once, with its first entry there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// The person (its first definition).
    pub person: u32,
    /// The index in `members` of its first entry (where findings about the membership point).
    pub entry: u32,
}

/// The references of one entity (in `references()` order) with what each id resolved to, aligned
/// with the slots the model stage ([`crate::engine::build_model`]) stored for it.
pub fn resolved<'a>(
    references: impl Iterator<Item = Reference<'a>>,
    slots: &'a [Option<InternedId>],
) -> impl Iterator<Item = (Reference<'a>, &'a [Option<InternedId>])> {
    let mut at = 0;
    references.map(move |r| {
        let n = r.ids.len();
        let s = &slots[at..at + n];
        at += n;
        (r, s)
    })
}

/// The slots of `key` among an entity's resolved references (empty when it is not written).
pub(super) fn slots_of<'a>(
    references: impl Iterator<Item = Reference<'a>>,
    slots: &'a [Option<InternedId>],
    key: &str,
) -> &'a [Option<InternedId>] {
    slots.get(range_of(references, key)).unwrap_or_default()
}

/// Where the slots of `key` lie among an entity's resolved references (empty when it is not
/// written).
pub(super) fn range_of<'a>(
    references: impl Iterator<Item = Reference<'a>>,
    key: &str,
) -> std::ops::Range<usize> {
    let mut at = 0;
    for r in references {
        let n = r.ids.len();
        if r.key == key {
            return at..at + n;
        }
        at += n;
    }
    0..0
}
