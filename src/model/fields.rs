//! The format's field tables: what a table of them says about a key, and the `entity!` macro that
//! writes an entity's struct, key enum, table and reader from one list of its fields.
//!
//! Each entity's fields are written once, in `model/entities.rs`. From that one list come the
//! model struct the rules read, the key enum that marks a key invalid by type, the static
//! [`Field`] table, and the function that reads a TOML table into the struct; from the table come
//! the reader's unknown-key check and did-you-mean, the JSON Schema of `orglint schema` and
//! `docs/format.md` ([`crate::schema`]). Adding a key is one line in one list.

use std::fmt;
use std::marker::PhantomData;

use crate::model::{List, Located, LocatedStr, StringTable};
use crate::source::Span;

/// The pattern of an id (1 to 64 ASCII letters, digits, `-`, `_` and `.`), as a JSON Schema
/// `pattern`; the loader checks the same rule in `valid_id`.
pub const ID_PATTERN: &str = "^[A-Za-z0-9._-]{1,64}$";

/// What an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdOf {
    /// The entity's own id.
    Own,
    /// A person.
    Person,
    /// A team.
    Team,
    /// A team or a guild.
    TeamOrGuild,
}

impl IdOf {
    /// How the format reference names such an id: "person id", or "id" for the entity's own.
    pub fn noun(self) -> &'static str {
        match self {
            IdOf::Own => "id",
            IdOf::Person => "person id",
            IdOf::Team => "team id",
            IdOf::TeamOrGuild => "team or guild id",
        }
    }
}

/// The type of a key's value, as the reader checks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// A string.
    String,
    /// An id.
    Id(IdOf),
    /// An array of ids.
    IdList(IdOf),
    /// An array of strings.
    StringList,
    /// A table of string to string.
    StringTable,
    /// One of these strings (an enumeration of `model/values.rs`, by its `NAMES`).
    Choice(&'static [&'static str]),
    /// `true` or `false`.
    Bool,
}

impl FieldType {
    /// How the format reference names the type: "string", "array of person ids", ...; an
    /// enumeration by its values, in code spans: `` `own` | `shared` | `none` ``.
    pub fn describe(self) -> String {
        match self {
            FieldType::String => "string".to_owned(),
            FieldType::Id(of) => of.noun().to_owned(),
            FieldType::IdList(of) => format!("array of {}s", of.noun()),
            FieldType::StringList => "array of strings".to_owned(),
            FieldType::StringTable => "table of string → string".to_owned(),
            FieldType::Choice(names) => names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" | "),
            FieldType::Bool => "boolean".to_owned(),
        }
    }
}

/// One key of an entity, as its table in `model/entities.rs` writes it.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The key as written in TOML.
    pub key: &'static str,
    /// The type of its value.
    pub ty: FieldType,
    /// Whether an entity without it is a `missing-field` finding.
    pub required: bool,
    /// The value the rules assume when it is absent, as written in TOML, where the format gives one.
    pub default: Option<&'static str>,
    /// One line of documentation: the schema's `description` and the reference's "meaning".
    pub doc: &'static str,
}

/// One reference an entity makes, as its field table declares it: the key, what kind of entity
/// it must name, and the ids written (one for an id, the elements for an array of ids).
#[derive(Clone, Copy, Debug)]
pub struct Reference<'a> {
    /// The key as written in TOML.
    pub key: &'static str,
    /// What it must name (never [`IdOf::Own`]).
    pub to: IdOf,
    /// The ids written, with their spans.
    pub ids: &'a [crate::model::LocatedStr],
}

/// The key enum of one entity (`TeamKey`, ...): a key named by type, so that a misspelt key in a
/// rule is a compile error.
pub trait Key: Copy {
    /// Every key of the entity as written in TOML, in table order.
    const KEYS: &'static [&'static str];

    /// The key's position in its table.
    fn index(self) -> usize;

    /// The key as written in TOML.
    fn as_str(self) -> &'static str {
        Self::KEYS[self.index()]
    }
}

/// The keys of one entity whose values were invalid (a wrong type, a value outside its
/// enumeration, a list partly of the wrong type) or that were misspelt while absent: each is an
/// `invalid-value` or `unknown-field` finding already, so rules treat it as neither present nor
/// absent (one mistake, one finding).
pub struct Invalid<K> {
    bits: u32,
    key: PhantomData<K>,
}

impl<K: Key> Invalid<K> {
    /// The set of the keys whose bits (`1 << index`) are in `bits`.
    pub(crate) fn from_bits(bits: u32) -> Self {
        Invalid {
            bits,
            key: PhantomData,
        }
    }

    /// Whether `key`'s value was invalid.
    pub fn contains(&self, key: K) -> bool {
        self.bits & (1 << key.index()) != 0
    }

    /// The invalid keys as written in TOML, in table order.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        K::KEYS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.bits & (1 << i) != 0)
            .map(|(_, k)| *k)
    }
}

impl<K> Default for Invalid<K> {
    fn default() -> Self {
        Invalid {
            bits: 0,
            key: PhantomData,
        }
    }
}

impl<K> Clone for Invalid<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K> Copy for Invalid<K> {}

impl<K: Key> fmt::Debug for Invalid<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.keys()).finish()
    }
}

/// `true` for `required`, `false` for `optional`: anything else does not compile.
macro_rules! is_required {
    (required) => {
        true
    };
    (optional) => {
        false
    };
}

/// `Some` of a default, or `None` when the table gives none.
macro_rules! default_of {
    () => {
        None
    };
    ($default:literal) => {
        Some($default)
    };
}

/// The model type of a field of type `$ty`.
macro_rules! field_type {
    (own_id) => { $crate::model::LocatedStr };
    (string) => { Option<$crate::model::LocatedStr> };
    (id $of:ident) => { Option<$crate::model::LocatedStr> };
    (ids $of:ident) => { Option<$crate::model::List<$crate::model::LocatedStr>> };
    (strings) => { Option<$crate::model::List<$crate::model::LocatedStr>> };
    (table) => { Option<$crate::model::StringTable> };
    (choice $enum:ident) => { Option<$crate::model::Located<$crate::model::$enum>> };
    (bool) => { Option<$crate::model::Located<bool>> };
}

/// The [`FieldType`] of a field of type `$ty`.
macro_rules! field_kind {
    (own_id) => {
        $crate::model::fields::FieldType::Id($crate::model::fields::IdOf::Own)
    };
    (string) => {
        $crate::model::fields::FieldType::String
    };
    (id $of:ident) => {
        $crate::model::fields::FieldType::Id($crate::model::fields::IdOf::$of)
    };
    (ids $of:ident) => {
        $crate::model::fields::FieldType::IdList($crate::model::fields::IdOf::$of)
    };
    (strings) => {
        $crate::model::fields::FieldType::StringList
    };
    (table) => {
        $crate::model::fields::FieldType::StringTable
    };
    (choice $enum:ident) => {
        $crate::model::fields::FieldType::Choice($crate::model::$enum::NAMES)
    };
    (bool) => {
        $crate::model::fields::FieldType::Bool
    };
}

/// The value of a field of type `$ty` in an entity built bare (see `bare` in [`entity!`]): the
/// id `$id` for the entity's own id, else absent.
#[cfg(test)]
macro_rules! bare_value {
    ($id:ident, own_id) => {
        $id
    };
    ($id:ident, $($ty:tt)+) => {
        None
    };
}

/// The [`Reference`] a field of type `$ty` makes, if it is an id or array of ids of another
/// entity and is written.
macro_rules! reference {
    ($value:expr, $key:ident, id $of:ident) => {
        $value.as_ref().map(|v| $crate::model::fields::Reference {
            key: stringify!($key),
            to: $crate::model::fields::IdOf::$of,
            ids: std::slice::from_ref(v),
        })
    };
    ($value:expr, $key:ident, ids $of:ident) => {
        $value.as_ref().map(|l| $crate::model::fields::Reference {
            key: stringify!($key),
            to: $crate::model::fields::IdOf::$of,
            ids: &l.items,
        })
    };
    ($value:expr, $key:ident, $($other:tt)+) => {
        None
    };
}

/// What an entity's `read` (written by [`entity!`]) asks of the reader of one TOML table: each
/// key's value by the key's position in the entity's table, typed as its field is, with a finding
/// for what does not fit. The loader's reader is the one there is; the model names only this.
pub(crate) trait TableReader {
    /// The table header: the entity's `header`.
    fn header(&self) -> Span;
    /// The keys (by position) whose values were invalid, as the bits of [`Invalid`].
    fn invalid(&self) -> u32;
    /// Where a `missing-field` finding points from now on.
    fn set_anchor(&mut self, at: Span);
    /// Reports that the required key `i` is absent.
    fn missing(&mut self, i: usize);
    /// Key `i`'s string.
    fn string(&mut self, i: usize) -> Option<LocatedStr>;
    /// Key `i`'s id; a malformed one is reported and kept.
    fn id(&mut self, i: usize) -> Option<LocatedStr>;
    /// Key `i`'s value of an enumeration: one of `names`, read by `parse`.
    fn choice<T>(
        &mut self,
        i: usize,
        names: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<Located<T>>;
    /// Key `i`'s boolean.
    fn boolean(&mut self, i: usize) -> Option<Located<bool>>;
    /// Key `i`'s array of strings.
    fn string_list(&mut self, i: usize) -> Option<List<LocatedStr>>;
    /// Key `i`'s array of ids.
    fn id_list(&mut self, i: usize) -> Option<List<LocatedStr>>;
    /// Key `i`'s table of string to string.
    fn string_map(&mut self, i: usize) -> Option<StringTable>;
}

/// Reads the value of the field at `$i` of type `$ty` with the reader `$r`.
macro_rules! read_value {
    ($r:ident, $i:expr, string) => {
        $r.string($i)
    };
    ($r:ident, $i:expr, id $of:ident) => {
        $r.id($i)
    };
    ($r:ident, $i:expr, ids $of:ident) => {
        $r.id_list($i)
    };
    ($r:ident, $i:expr, strings) => {
        $r.string_list($i)
    };
    ($r:ident, $i:expr, table) => {
        $r.string_map($i)
    };
    ($r:ident, $i:expr, choice $enum:ident) => {
        $r.choice($i, $crate::model::$enum::NAMES, $crate::model::$enum::parse)
    };
    ($r:ident, $i:expr, bool) => {
        $r.boolean($i)
    };
}

/// Reads the field at `$i`; a required field that is absent is `missing-field`, and an entity
/// without its own id is not read further (its findings could name nothing).
macro_rules! read_field {
    ($r:ident, $i:expr, required own_id) => {
        match $r.id($i) {
            Some(id) => {
                // `missing-field` points at the entity's id from here on.
                $r.set_anchor(id.span);
                id
            }
            None => {
                $r.missing($i);
                return None;
            }
        }
    };
    ($r:ident, $i:expr, $req:ident $($ty:tt)+) => {{
        let value = $crate::model::fields::read_value!($r, $i, $($ty)+);
        if $crate::model::fields::is_required!($req) && value.is_none() {
            $r.missing($i);
        }
        value
    }};
}

/// Writes one entity from the list of its fields: the model struct (`header`, one member per
/// field, `invalid`), the key enum, the static table (`FIELDS`, `KEYS`, `DOC`), `is_invalid`, and
/// `read`, which reads a TOML table in table order.
///
/// Each field is its documentation (one line: the schema's `description`), then
/// `Variant key: required|optional type = "default",` where type is `own_id` (the entity's id:
/// without it the entity is not read), `string`, `id(Person|Team|TeamOrGuild)`, `ids(...)`,
/// `strings`, `table` (string to string) or `choice(Enum)` (a `str_enum!` of `model/values.rs`),
/// and the default is optional.
macro_rules! entity {
    (
        $(#[doc = $doc:literal])+
        $name:ident, $key:ident {
            $(
                $(#[doc = $fdoc:literal])+
                $variant:ident $field:ident : $req:ident $ty:ident $(($arg:ident))? $(= $default:literal)?,
            )+
        }
    ) => {
        $(#[doc = $doc])+
        #[derive(Clone, Debug)]
        pub struct $name {
            /// The table header (or inline table).
            pub header: $crate::source::Span,
            $(
                $(#[doc = $fdoc])+
                pub $field: $crate::model::fields::field_type!($ty $($arg)?),
            )+
            /// The keys whose values were invalid: rules treat them as neither present nor absent.
            pub invalid: $crate::model::fields::Invalid<$key>,
        }

        #[doc = concat!("A key of `", stringify!($name), "`, named by type (see [`", stringify!($name), "::is_invalid`]).")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $key {
            $(
                $(#[doc = $fdoc])+
                $variant,
            )+
        }

        impl $crate::model::fields::Key for $key {
            const KEYS: &'static [&'static str] = $name::KEYS;

            fn index(self) -> usize {
                self as usize
            }
        }

        impl $name {
            /// Its keys as written in TOML, in table order.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($field)),+];

            /// Its fields, in table order: the format's one description of it.
            pub const FIELDS: &'static [$crate::model::fields::Field] = &[$(
                $crate::model::fields::Field {
                    key: stringify!($field),
                    ty: $crate::model::fields::field_kind!($ty $($arg)?),
                    required: $crate::model::fields::is_required!($req),
                    default: $crate::model::fields::default_of!($($default)?),
                    doc: concat!($($fdoc),+).trim_ascii(),
                },
            )+];

            /// What it is, in one line: the schema's `description` of its table.
            pub const DOC: &'static str = concat!($($doc),+).trim_ascii();

            /// The references it makes, in table order: every id or array of ids of another
            /// entity that is written (what `unknown-reference` checks).
            pub fn references(&self) -> impl Iterator<Item = $crate::model::fields::Reference<'_>> {
                [$($crate::model::fields::reference!(self.$field, $field, $ty $($arg)?)),+]
                    .into_iter()
                    .flatten()
            }

            /// Whether `key`'s value was invalid (its finding said so already).
            pub fn is_invalid(&self, key: $key) -> bool {
                self.invalid.contains(key)
            }

            /// An entity with only its header and id (the org has none: `id` is unused), every
            /// other key absent: for unit tests that build a model without a source, written from
            /// the table so that adding a key does not touch them.
            #[cfg(test)]
            #[allow(dead_code, unused_variables)]
            pub(crate) fn bare(
                header: $crate::source::Span,
                id: $crate::model::LocatedStr,
            ) -> Self {
                $name {
                    header,
                    $($field: $crate::model::fields::bare_value!(id, $ty $($arg)?),)+
                    invalid: $crate::model::fields::Invalid::default(),
                }
            }

            /// Reads the table `r` holds, key by key in table order, reporting what does not
            /// fit the format; `None` when it has no id.
            pub(crate) fn read(r: &mut impl $crate::model::fields::TableReader) -> Option<Self> {
                $(
                    let $field = $crate::model::fields::read_field!(r, $key::$variant as usize, $req $ty $($arg)?);
                )+
                Some($name {
                    header: r.header(),
                    $($field,)+
                    invalid: $crate::model::fields::Invalid::from_bits(r.invalid()),
                })
            }
        }

        // A key's bit in `Invalid` must fit.
        const _: () = assert!($name::KEYS.len() <= 32);
    };
}

#[cfg(test)]
pub(crate) use bare_value;
pub(crate) use {
    default_of, entity, field_kind, field_type, is_required, read_field, read_value, reference,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityKind, Team, TeamKey};

    #[test]
    fn a_key_is_its_place_in_the_table() {
        assert_eq!(TeamKey::Members.as_str(), "members");
        assert_eq!(TeamKey::SyncsWith.as_str(), "syncs_with");
        for kind in EntityKind::ALL {
            let keys: Vec<&str> = kind.fields().iter().map(|f| f.key).collect();
            assert_eq!(keys, kind.keys());
        }
        assert_eq!(Team::FIELDS[TeamKey::Kind.index()].key, "kind");
    }

    #[test]
    fn an_invalid_set_names_its_keys() {
        let set = Invalid::<TeamKey>::from_bits(1 << TeamKey::Lead.index() | 1);
        assert!(set.contains(TeamKey::Lead) && set.contains(TeamKey::Id));
        assert!(!set.contains(TeamKey::Members));
        assert_eq!(format!("{set:?}"), r#"{"id", "lead"}"#);
    }

    #[test]
    fn a_bare_entity_has_its_id_and_no_other_key() {
        let span = crate::source::Span::new(0, 0..0);
        let id = crate::model::LocatedStr::new("core", span);
        let team = Team::bare(span, id);
        assert_eq!(team.id.as_str(), "core");
        assert!(team.name.is_none() && team.members.is_none() && team.tooling.is_none());
        assert_eq!(format!("{:?}", team.invalid), "{}");
    }

    #[test]
    fn the_schema_pattern_of_an_id_is_the_loaders_rule() {
        // ID_PATTERN is this class, 1 to 64 long; the loader's `valid_id` must accept the same.
        assert_eq!(ID_PATTERN, "^[A-Za-z0-9._-]{1,64}$");
        for b in 0..=127u8 {
            let c = char::from(b);
            let in_class = c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
            assert_eq!(crate::text::valid_id(&c.to_string()), in_class, "{c:?}");
        }
        assert!(crate::text::valid_id(&"a".repeat(64)));
        assert!(!crate::text::valid_id(&"a".repeat(65)));
        assert!(!crate::text::valid_id(""));
        assert!(!crate::text::valid_id("é"));
    }

    #[test]
    fn docs_are_one_trimmed_line() {
        for kind in EntityKind::ALL {
            assert!(!kind.doc().is_empty() && kind.doc() == kind.doc().trim());
            for f in kind.fields() {
                assert!(!f.doc.is_empty() && f.doc == f.doc.trim() && !f.doc.contains('\n'));
            }
        }
    }
}
