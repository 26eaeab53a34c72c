//! Reading one entity table key by key: types, enumerations and ids checked, every mistake a located finding.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::parse::valid_id;
use crate::finding::{
    Finding, SHOWN_CHARS, closest, join_choices, join_names, shown, shown_code, thousands,
};
use crate::model::{EntityKind, List, Sp, Str, StrMap};
use crate::rules;
use crate::source::{FileId, Span};

/// Reads the keys of one entity table, reporting what does not fit the format.
pub(super) struct Reader<'a, 'i> {
    pub(super) file: FileId,
    pub(super) table: &'a DeTable<'i>,
    pub(super) header: Span,
    pub(super) kind: EntityKind,
    pub(super) who: String,
    pub(super) findings: &'a mut Vec<Finding>,
    pub(super) invalid: Vec<&'static str>,
}

impl<'a, 'i> Reader<'a, 'i> {
    pub(super) fn unknown_keys(&mut self, allowed: &'static [&'static str]) {
        for key in self.table.keys() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            unknown_field(self.findings, self.file, key, &self.who, allowed);
            // A misspelling of a key that is absent stands for it: the rules about that key being
            // absent would only repeat this finding (one mistake, one finding).
            if let Some(near) = closest(name, allowed.iter().copied())
                && self.table.get(near).is_none()
                && !self.invalid.contains(&near)
            {
                self.invalid.push(near);
            }
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    pub(super) fn span(&self, v: &Spanned<DeValue<'_>>) -> Span {
        Span::new(self.file, v.span())
    }

    /// Reports that `key`'s value `v` is not what `expected` says, and marks the key invalid.
    fn wrong_type(&mut self, key: &'static str, v: &Spanned<DeValue<'_>>, expected: &str) {
        let f = invalid_type(self.file, v.span(), expected, v.get_ref());
        self.bad(key, f);
    }

    pub(super) fn bad(&mut self, key: &'static str, finding: Finding) {
        self.invalid.push(key);
        self.findings.push(finding);
    }

    pub(super) fn missing(&mut self, key: &str, id: Option<&Str>) {
        if self.invalid.contains(&key) {
            // Present but wrong, or misspelt: `invalid-value` or `unknown-field` said so already.
            return;
        }
        let at = id.map_or(self.header, |id| id.span);
        self.findings.push(
            Finding::new(
                &rules::MISSING_FIELD,
                Some(at),
                format!("{} has no `{key}`", self.who),
            )
            .with_label(format!("`{key}` is required"))
            .with_help(format!("add `{key} = ...` to this {}", self.kind.key())),
        );
    }

    pub(super) fn required_id(&mut self) -> Option<Str> {
        let id = self.id("id");
        if id.is_none() {
            self.missing("id", None);
        }
        id
    }

    pub(super) fn string(&mut self, key: &'static str) -> Option<Str> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Sp {
                value: s.to_string(),
                span: self.span(v),
            }),
            _ => {
                self.wrong_type(key, v, &format!("`{key}` must be a string"));
                None
            }
        }
    }

    /// A string the format requires: `missing-field` when absent.
    pub(super) fn required_string(&mut self, key: &'static str, id: Option<&Str>) -> Option<Str> {
        let value = self.string(key);
        if value.is_none() {
            self.missing(key, id);
        }
        value
    }

    pub(super) fn id(&mut self, key: &'static str) -> Option<Str> {
        let s = self.string(key)?;
        if valid_id(&s.value) {
            return Some(s);
        }
        self.findings.push(malformed_id(&s));
        // The entity stays in the model under its malformed id, so that references to it do not cascade.
        Some(s)
    }

    pub(super) fn choice<T>(
        &mut self,
        key: &'static str,
        names: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<Sp<T>> {
        let v = self.get(key)?;
        if !matches!(v.get_ref(), DeValue::String(_)) {
            let expected = format!("`{key}` must be one of {}", join_choices(names));
            self.wrong_type(key, v, &expected);
            return None;
        }
        let s = self.string(key)?;
        if let Some(value) = parse(&s.value) {
            return Some(Sp {
                value,
                span: s.span,
            });
        }
        let mut f = Finding::new(
            &rules::INVALID_VALUE,
            Some(s.span),
            format!(
                "`{key}` must be one of {}, not {}",
                join_choices(names),
                shown_code(&s.value)
            ),
        )
        .with_label("not a valid value");
        if let Some(near) = closest(&s.value, names.iter().copied()) {
            f.help(format!("did you mean `{near}`?"));
        }
        self.bad(key, f);
        None
    }

    pub(super) fn string_list(&mut self, key: &'static str) -> Option<List<Str>> {
        let v = self.get(key)?;
        let span = self.span(v);
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(key, v, &format!("`{key}` must be an array of strings"));
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
                DeValue::String(s) => list.items.push(Sp {
                    value: s.to_string(),
                    span: Span::new(self.file, item.span()),
                }),
                other => {
                    first_bad.get_or_insert((item.span(), other));
                    list.bad += 1;
                }
            }
        }
        if let Some((span, other)) = first_bad {
            let expected = format!("each `{key}` entry must be a string");
            let mut f = invalid_type(self.file, span, &expected, other);
            if list.bad > 1 {
                f.message = format!(
                    "{expected}: {} entries are not, the first is {}",
                    thousands(list.bad),
                    type_name(other)
                );
                f.label = Some(format!("the first, {}", type_name(other)));
            }
            self.findings.push(f);
        }
        if list.bad > 0 {
            // Partly wrong: rules about the list being empty must not fire on top of `invalid-value`.
            self.invalid.push(key);
        }
        Some(list)
    }

    pub(super) fn id_list(&mut self, key: &'static str) -> Option<List<Str>> {
        let list = self.string_list(key)?;
        // The malformed ids of one list are one finding, at the first, that says how many.
        let mut malformed = list.items.iter().filter(|item| !valid_id(&item.value));
        if let Some(first) = malformed.next() {
            let mut f = malformed_id(first);
            let more = malformed.count();
            if more > 0 {
                f.message
                    .push_str(&format!(" (and {} more in `{key}`)", thousands(more)));
            }
            self.findings.push(f);
        }
        Some(list)
    }

    pub(super) fn string_map(&mut self, key: &'static str) -> Option<StrMap> {
        let v = self.get(key)?;
        let DeValue::Table(table) = v.get_ref() else {
            self.wrong_type(key, v, &format!("`{key}` must be a table of strings"));
            return None;
        };
        let mut map = StrMap {
            span: self.span(v),
            entries: Vec::with_capacity(table.len()),
            bad: Vec::new(),
        };
        for (k, item) in table.iter() {
            match item.get_ref() {
                DeValue::String(s) => map.entries.push((
                    Sp {
                        value: k.get_ref().to_string(),
                        span: Span::new(self.file, k.span()),
                    },
                    Sp {
                        value: s.to_string(),
                        span: Span::new(self.file, item.span()),
                    },
                )),
                other => {
                    let f = invalid_type(
                        self.file,
                        item.span(),
                        &format!("`{key}.{}` must be a string", shown(k.get_ref())),
                        other,
                    );
                    self.findings.push(f);
                    map.bad.push(k.get_ref().to_string());
                }
            }
        }
        map.entries.sort_by(|a, b| a.0.value.cmp(&b.0.value));
        map.bad.sort_unstable();
        Some(map)
    }
}

pub(super) fn unknown_field(
    findings: &mut Vec<Finding>,
    file: FileId,
    key: &Spanned<toml::de::DeString<'_>>,
    what: &str,
    allowed: &[&str],
) {
    let name = key.get_ref().as_ref();
    let mut f = Finding::new(
        &rules::UNKNOWN_FIELD,
        Some(Span::new(file, key.span())),
        format!("unknown field {} in {what}", shown_code(name)),
    )
    .with_label("unknown field");
    match closest(name, allowed.iter().copied()) {
        Some(near) => f.help(format!("did you mean `{near}`?")),
        None => f.help(format!("the valid fields are {}", join_names(allowed))),
    };
    findings.push(f);
}

fn malformed_id(s: &Str) -> Finding {
    Finding::new(
        &rules::INVALID_VALUE,
        Some(s.span),
        if s.value.is_empty() {
            "an empty string is not a valid id".to_owned()
        } else {
            // Cut before escaping, so that a huge id costs no more than a short one.
            let head: String = s.value.chars().take(SHOWN_CHARS + 1).collect();
            format!(
                "{} is not a valid id",
                shown_code(&head.escape_debug().to_string())
            )
        },
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
        &rules::INVALID_VALUE,
        Some(Span::new(file, span)),
        format!("{expected}, not {}", type_name(found)),
    )
    .with_label(format!("this is {}", type_name(found)))
}
