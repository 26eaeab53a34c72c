//! Reading one entity table key by key: types, enumerations and ids checked, every mistake a located finding.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::finding::Finding;

use crate::limits::SHOWN_CHARS;
use crate::model::fields::TableReader;
use crate::model::{EntityKind, List, Located, LocatedStr, StringTable};
use crate::regions::Held;
use crate::rules;
use crate::source::{FileId, Span};
use crate::suggest::closest;
use crate::text::valid_id;
use crate::text::{join_choices, join_names, shown, shown_code, thousands};

/// Reads the keys of one entity table, reporting what does not fit the format. The entity's
/// `read` (written by `fields::entity!` from its field table) calls it key by key through
/// [`TableReader`], naming each key by its position in the table.
pub(crate) struct Reader<'a, 'i> {
    pub(super) file: FileId,
    /// The file's text, which the strings read are ranges of.
    pub(super) text: &'a std::sync::Arc<String>,
    pub(super) table: &'a DeTable<'i>,
    /// The table header: the entity's `header`.
    pub(crate) header: Span,
    pub(super) kind: EntityKind,
    /// Whether the entity has a usable id, which messages name it by.
    pub(super) named: bool,
    pub(super) findings: &'a mut Vec<Finding>,
    /// The entity every finding of the reader lies in.
    pub(super) entity: Held,
    /// The entity's keys, in table order.
    pub(super) keys: &'static [&'static str],
    /// The keys (by position) whose values were invalid or that were misspelt while absent.
    pub(crate) invalid: u32,
    /// Where `missing-field` points: the header, then the entity's id once it is read.
    pub(crate) anchor: Span,
    /// The table's value of each key, by the key's position in `keys` ([`Reader::index_keys`]).
    pub(super) slots: [Option<&'a Spanned<DeValue<'i>>>; MAX_KEYS],
}

/// The most keys an entity has: `invalid` has a bit for each.
pub(super) const MAX_KEYS: usize = 32;

impl<'a, 'i> Reader<'a, 'i> {
    /// Files each of the table's values under its key's position in the entity's keys (so that
    /// reading a key is an array index, not a search of the table by its name), then reports
    /// every key the entity does not have, with the closest it does. Called once, before any key
    /// is read.
    pub(super) fn index_keys(&mut self) {
        let allowed = self.keys;
        let mut known = 0;
        for (key, value) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if let Some(i) = allowed.iter().position(|k| *k == name) {
                self.slots[i] = Some(value);
                known += 1;
            }
        }
        if known == self.table.len() {
            return;
        }
        for key in self.table.keys() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let f = unknown_field(self.file, key, &self.who(), allowed);
            self.push(f);
            // A misspelling of a key that is absent stands for it: the rules about that key being
            // absent would only repeat this finding (one mistake, one finding).
            if let Some(near) = closest(name, allowed.iter().copied())
                && let Some(i) = allowed.iter().position(|k| *k == near)
                && self.slots[i].is_none()
            {
                self.mark(i);
            }
        }
    }

    /// How messages name the entity: "person ada", "the org", "this team" (no usable id); made
    /// only for a finding, not for every entity read.
    fn who(&self) -> String {
        match self.kind {
            EntityKind::Org => "the org".to_owned(),
            kind if self.named => format!("{} {}", kind.key(), self.entity.id.as_str()),
            kind => format!("this {}", kind.key()),
        }
    }

    /// Reports `finding`, which lies in this entity.
    fn push(&mut self, finding: Finding) {
        let entity = Some(self.entity.to_ref());
        self.findings.push(finding.with_entity(entity));
    }

    fn mark(&mut self, i: usize) {
        self.invalid |= 1 << i;
    }

    fn is_marked(&self, i: usize) -> bool {
        self.invalid & (1 << i) != 0
    }

    /// The value of key `i` (its position in the entity's keys), if the table has it.
    fn value(&self, i: usize) -> Option<&'a Spanned<DeValue<'i>>> {
        self.slots[i]
    }

    /// The string `s` written at `span`: a range of the file's text, unless it had escapes.
    fn str(&self, s: &str, span: std::ops::Range<usize>) -> LocatedStr {
        LocatedStr::within(self.text, s, Span::new(self.file, span))
    }

    pub(super) fn span(&self, v: &Spanned<DeValue<'_>>) -> Span {
        Span::new(self.file, v.span())
    }

    /// Reports that key `i`'s value `v` is not what `expected` says, and marks the key invalid.
    fn wrong_type(&mut self, i: usize, v: &Spanned<DeValue<'_>>, expected: &str) {
        let f = invalid_type(self.file, v.span(), expected, v.get_ref());
        self.bad(i, f);
    }

    fn bad(&mut self, i: usize, finding: Finding) {
        self.mark(i);
        self.push(finding);
    }
}

/// `unknown-field` for `key` in `what`, with the closest of `allowed`, else all of them.
pub(super) fn unknown_field(
    file: FileId,
    key: &Spanned<toml::de::DeString<'_>>,
    what: &str,
    allowed: &[&str],
) -> Finding {
    let name = key.get_ref().as_ref();
    let mut f = Finding::new(
        &rules::unknown_field::RULE,
        Some(Span::new(file, key.span())),
        format!("unknown field {} in {what}", shown_code(name)),
    )
    .with_label("unknown field");
    match closest(name, allowed.iter().copied()) {
        Some(near) => f.help(format!("did you mean `{near}`?")),
        None => f.help(format!("the valid fields are {}", join_names(allowed))),
    };
    f
}

/// `invalid-value` for the malformed id `s`, its message ending in `more` (how many others).
fn malformed_id(s: &LocatedStr, more: &str) -> Finding {
    let what = if s.as_str().is_empty() {
        "an empty string is not a valid id".to_owned()
    } else {
        // Cut before escaping, so that a huge id costs no more than a short one.
        let head: String = s.as_str().chars().take(SHOWN_CHARS + 1).collect();
        format!(
            "{} is not a valid id",
            shown_code(&head.escape_debug().to_string())
        )
    };
    Finding::new(
        &rules::invalid_value::RULE,
        Some(s.span),
        format!("{what}{more}"),
    )
    .with_label("malformed id")
    .with_help("ids are 1 to 64 ASCII letters, digits, `-`, `_` and `.`")
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

pub(super) fn invalid_type(
    file: FileId,
    span: std::ops::Range<usize>,
    expected: &str,
    found: &DeValue<'_>,
) -> Finding {
    Finding::new(
        &rules::invalid_value::RULE,
        Some(Span::new(file, span)),
        format!("{expected}, not {}", type_name(found)),
    )
    .with_label(format!("this is {}", type_name(found)))
}

impl TableReader for Reader<'_, '_> {
    fn header(&self) -> Span {
        self.header
    }

    fn invalid(&self) -> u32 {
        self.invalid
    }

    fn set_anchor(&mut self, at: Span) {
        self.anchor = at;
    }

    /// Reports that the required key `i` is absent.
    fn missing(&mut self, i: usize) {
        if self.is_marked(i) {
            // Present but wrong, or misspelt: `invalid-value` or `unknown-field` said so already.
            return;
        }
        let key = self.keys[i];
        let at = self.anchor;
        self.push(
            Finding::new(
                &rules::missing_field::RULE,
                Some(at),
                format!("{} has no `{key}`", self.who()),
            )
            .with_label(format!("`{key}` is required"))
            .with_help(format!("add `{key} = ...` to this {}", self.kind.key())),
        );
    }

    /// Key `i`'s string.
    fn string(&mut self, i: usize) -> Option<LocatedStr> {
        let key = self.keys[i];
        let v = self.value(i)?;
        match v.get_ref() {
            DeValue::String(s) => Some(self.str(s, v.span())),
            _ => {
                self.wrong_type(i, v, &format!("`{key}` must be a string"));
                None
            }
        }
    }

    /// Key `i`'s id; a malformed one is reported and kept.
    fn id(&mut self, i: usize) -> Option<LocatedStr> {
        let s = self.string(i)?;
        if valid_id(s.as_str()) {
            return Some(s);
        }
        self.push(malformed_id(&s, ""));
        // The entity stays in the model under its malformed id, so that references to it do not cascade.
        Some(s)
    }

    /// Key `i`'s value of an enumeration: one of `names`, read by `parse`.
    fn choice<T>(
        &mut self,
        i: usize,
        names: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<Located<T>> {
        let key = self.keys[i];
        let v = self.value(i)?;
        if !matches!(v.get_ref(), DeValue::String(_)) {
            let expected = format!("`{key}` must be one of {}", join_choices(names));
            self.wrong_type(i, v, &expected);
            return None;
        }
        let s = self.string(i)?;
        if let Some(value) = parse(s.as_str()) {
            return Some(Located {
                value,
                span: s.span,
            });
        }
        let mut f = Finding::new(
            &rules::invalid_value::RULE,
            Some(s.span),
            format!(
                "`{key}` must be one of {}, not {}",
                join_choices(names),
                shown_code(s.as_str())
            ),
        )
        .with_label("not a valid value");
        if let Some(near) = closest(s.as_str(), names.iter().copied()) {
            f.help(format!("did you mean `{near}`?"));
        }
        self.bad(i, f);
        None
    }

    /// Key `i`'s boolean.
    fn boolean(&mut self, i: usize) -> Option<Located<bool>> {
        let key = self.keys[i];
        let v = self.value(i)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Located {
                value: *b,
                span: self.span(v),
            }),
            _ => {
                self.wrong_type(i, v, &format!("`{key}` must be `true` or `false`"));
                None
            }
        }
    }

    /// Key `i`'s array of strings.
    fn string_list(&mut self, i: usize) -> Option<List<LocatedStr>> {
        let key = self.keys[i];
        let v = self.value(i)?;
        let span = self.span(v);
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(i, v, &format!("`{key}` must be an array of strings"));
            return None;
        };
        let mut list = List {
            span,
            items: Vec::with_capacity(items.len()),
            bad: 0,
        };
        // The wrong-typed entries of one array are one finding, at the first, that says how many.
        let mut first_bad = None;
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => list.items.push(self.str(s, item.span())),
                other => {
                    first_bad.get_or_insert((item.span(), other));
                    list.bad += 1;
                }
            }
        }
        if let Some((span, other)) = first_bad {
            let expected = format!("each `{key}` entry must be a string");
            let f = if list.bad > 1 {
                Finding::new(
                    &rules::invalid_value::RULE,
                    Some(Span::new(self.file, span)),
                    format!(
                        "{expected}: {} entries are not, the first is {}",
                        thousands(list.bad),
                        type_name(other)
                    ),
                )
                .with_label(format!("the first, {}", type_name(other)))
            } else {
                invalid_type(self.file, span, &expected, other)
            };
            self.push(f);
        }
        if list.bad > 0 {
            // Partly wrong: rules about the list being empty must not fire on top of `invalid-value`.
            self.mark(i);
        }
        Some(list)
    }

    /// Key `i`'s array of ids; malformed ones are reported and kept.
    fn id_list(&mut self, i: usize) -> Option<List<LocatedStr>> {
        let key = self.keys[i];
        let list = self.string_list(i)?;
        // The malformed ids of one list are one finding, at the first, that says how many.
        let mut malformed = list.items.iter().filter(|item| !valid_id(item.as_str()));
        if let Some(first) = malformed.next() {
            let more = match malformed.count() {
                0 => String::new(),
                n => format!(" (and {} more in `{key}`)", thousands(n)),
            };
            self.push(malformed_id(first, &more));
        }
        Some(list)
    }

    /// Key `i`'s table of string to string.
    fn string_map(&mut self, i: usize) -> Option<StringTable> {
        let key = self.keys[i];
        let v = self.value(i)?;
        let DeValue::Table(table) = v.get_ref() else {
            self.wrong_type(i, v, &format!("`{key}` must be a table of strings"));
            return None;
        };
        let mut map = StringTable {
            span: self.span(v),
            entries: Vec::with_capacity(table.len()),
            bad: Vec::new(),
        };
        for (k, item) in table.iter() {
            match item.get_ref() {
                DeValue::String(s) => map
                    .entries
                    .push((self.str(k.get_ref(), k.span()), self.str(s, item.span()))),
                other => {
                    let f = invalid_type(
                        self.file,
                        item.span(),
                        &format!("`{key}.{}` must be a string", shown(k.get_ref())),
                        other,
                    );
                    self.push(f);
                    map.bad.push(k.get_ref().to_string());
                }
            }
        }
        map.entries.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        map.bad.sort_unstable();
        Some(map)
    }
}
