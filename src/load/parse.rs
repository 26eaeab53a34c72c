//! One entity file: TOML with spans in, entities and per-file findings (`invalid-toml`, `unknown-field`, `missing-field`, `invalid-value`) out.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::finding::{Finding, closest, join_choices, join_names};
use crate::model::{
    AiFocus, Budget, Cadence, EntityKind, Focus, Guild, List, OrgDef, Person, Sp, Stage, Str,
    StrMap, Team, TeamKind,
};
use crate::source::{FileId, Span};

/// The keys of each entity, as SPEC §1 lists them.
pub mod keys {
    /// Top-level keys of an entity file.
    pub const TOP: &[&str] = &["org", "person", "team", "guild"];
    /// `[org]`.
    pub const ORG: &[&str] = &[
        "name",
        "stage",
        "ai_focus",
        "leadership",
        "ai_intake",
        "standards",
    ];
    /// `[[person]]`.
    pub const PERSON: &[&str] = &["id", "name", "role", "reports_to", "email"];
    /// `[[team]]`.
    pub const TEAM: &[&str] = &[
        "id",
        "name",
        "kind",
        "function",
        "focus",
        "parent",
        "lead",
        "members",
        "stakeholders",
        "partners",
        "syncs_with",
        "budget",
        "intake",
        "knowledge_sharing",
        "owns",
        "tooling",
        "exceptions",
    ];
    /// `[[guild]]`.
    pub const GUILD: &[&str] = &["id", "name", "topic", "members", "cadence"];
}

/// What one file holds.
#[derive(Debug, Default)]
pub struct Parsed {
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
    /// Where each entity's table starts and what it is (`team:recs`), sorted by offset: the scopes
    /// of suppression comments, and the entity part of fingerprints.
    pub entities: Vec<(u32, String)>,
}

/// Whether `id` is 1 to 64 ASCII letters, digits, `-`, `_` and `.`.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Parses the text of file `file`.
pub fn parse(file: FileId, text: &str) -> Parsed {
    let mut out = Parsed::default();
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(err) => {
            let at = err.span().unwrap_or(0..0);
            let end = if at.is_empty() {
                // Point at the character there, so the label has something to underline.
                text[at.start.min(text.len())..]
                    .chars()
                    .next()
                    .map_or(at.start, |c| at.start + c.len_utf8())
            } else {
                at.end
            };
            let message = err.message().trim_end().to_owned();
            out.findings.push(
                Finding::new(
                    "invalid-toml",
                    Some(Span::new(file, at.start..end)),
                    format!("invalid TOML: {message}"),
                )
                .with_label(message)
                .with_help("fix the syntax; the rules that need the whole org did not run"),
            );
            out.broken = true;
            return out;
        }
    };
    for (key, value) in doc.get_ref().iter() {
        let name = key.get_ref().as_ref();
        let kind = match name {
            "org" => EntityKind::Org,
            "person" => EntityKind::Person,
            "team" => EntityKind::Team,
            "guild" => EntityKind::Guild,
            _ => {
                unknown_field(&mut out.findings, file, key, "an entity file", keys::TOP);
                continue;
            }
        };
        match value.get_ref() {
            DeValue::Table(table) => entity(&mut out, file, kind, table, value.span()),
            DeValue::Array(items) => {
                for item in items {
                    match item.get_ref() {
                        DeValue::Table(table) => entity(&mut out, file, kind, table, item.span()),
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
    out.entities.sort_unstable();
    out
}

fn entity(
    out: &mut Parsed,
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
    let name = table
        .get(name_key)
        .and_then(|v| v.get_ref().as_str())
        .unwrap_or("");
    out.entities
        .push((header.start, format!("{}:{name}", kind.key())));
    // How messages name the entity: "person ada", "the org", "this team" (no usable id).
    let who = match kind {
        EntityKind::Org => "the org".to_owned(),
        _ if valid_id(name) => format!("{} {name}", kind.key()),
        _ => format!("this {}", kind.key()),
    };
    let mut r = Reader {
        file,
        table,
        header,
        kind,
        who,
        findings: &mut out.findings,
        invalid: Vec::new(),
    };
    match kind {
        EntityKind::Org => {
            r.unknown_keys(keys::ORG);
            let name = r.required_string("name", None);
            let org = OrgDef {
                header,
                name,
                stage: r.choice("stage", Stage::NAMES, Stage::parse),
                ai_focus: r.choice("ai_focus", AiFocus::NAMES, AiFocus::parse),
                leadership: r.id_list("leadership"),
                ai_intake: r.id("ai_intake"),
                standards: r.string_map("standards"),
                invalid: r.invalid,
            };
            out.orgs.push(org);
        }
        EntityKind::Person => {
            r.unknown_keys(keys::PERSON);
            let Some(id) = r.required_id() else { return };
            let name = r.required_string("name", Some(&id));
            let role = r.required_string("role", Some(&id));
            let person = Person {
                header,
                name,
                role,
                reports_to: r.id("reports_to"),
                email: r.string("email"),
                id,
                invalid: r.invalid,
            };
            out.people.push(person);
        }
        EntityKind::Team => {
            r.unknown_keys(keys::TEAM);
            let Some(id) = r.required_id() else { return };
            let name = r.required_string("name", Some(&id));
            let kind = r.choice("kind", TeamKind::NAMES, TeamKind::parse);
            if kind.is_none() {
                r.missing("kind", Some(&id));
            }
            let team = Team {
                header,
                name,
                kind,
                function: r.string("function"),
                focus: r.choice("focus", Focus::NAMES, Focus::parse),
                parent: r.id("parent"),
                lead: r.id("lead"),
                members: r.id_list("members"),
                stakeholders: r.id_list("stakeholders"),
                partners: r.id_list("partners"),
                syncs_with: r.id_list("syncs_with"),
                budget: r.choice("budget", Budget::NAMES, Budget::parse),
                intake: r.string("intake"),
                knowledge_sharing: r.string_list("knowledge_sharing"),
                owns: r.string_list("owns"),
                tooling: r.string_map("tooling"),
                exceptions: r.string_map("exceptions"),
                id,
                invalid: r.invalid,
            };
            out.teams.push(team);
        }
        EntityKind::Guild => {
            r.unknown_keys(keys::GUILD);
            let Some(id) = r.required_id() else { return };
            let name = r.required_string("name", Some(&id));
            let guild = Guild {
                header,
                name,
                topic: r.string("topic"),
                members: r.id_list("members"),
                cadence: r.choice("cadence", Cadence::NAMES, Cadence::parse),
                id,
                invalid: r.invalid,
            };
            out.guilds.push(guild);
        }
    }
}

/// Reads the keys of one entity table, reporting what does not fit the format.
struct Reader<'a, 'i> {
    file: FileId,
    table: &'a DeTable<'i>,
    header: Span,
    kind: EntityKind,
    who: String,
    findings: &'a mut Vec<Finding>,
    invalid: Vec<&'static str>,
}

impl<'a, 'i> Reader<'a, 'i> {
    fn unknown_keys(&mut self, allowed: &'static [&'static str]) {
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

    fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    fn span(&self, v: &Spanned<DeValue<'_>>) -> Span {
        Span::new(self.file, v.span())
    }

    fn bad(&mut self, key: &'static str, finding: Finding) {
        self.invalid.push(key);
        self.findings.push(finding);
    }

    fn missing(&mut self, key: &str, id: Option<&Str>) {
        if self.invalid.contains(&key) {
            // Present but wrong, or misspelt: `invalid-value` or `unknown-field` said so already.
            return;
        }
        let at = id.map_or(self.header, |id| id.span);
        self.findings.push(
            Finding::new(
                "missing-field",
                Some(at),
                format!("{} has no `{key}`", self.who),
            )
            .with_label(format!("`{key}` is required"))
            .with_help(format!("add `{key} = ...` to this {}", self.kind.key())),
        );
    }

    fn required_id(&mut self) -> Option<Str> {
        let id = self.id("id");
        if id.is_none() {
            self.missing("id", None);
        }
        id
    }

    fn string(&mut self, key: &'static str) -> Option<Str> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Sp {
                value: s.to_string(),
                span: self.span(v),
            }),
            other => {
                let f = invalid_type(
                    self.file,
                    v.span(),
                    &format!("`{key}` must be a string"),
                    other,
                );
                self.bad(key, f);
                None
            }
        }
    }

    /// A string the format requires: `missing-field` when absent.
    fn required_string(&mut self, key: &'static str, id: Option<&Str>) -> Option<Str> {
        let value = self.string(key);
        if value.is_none() {
            self.missing(key, id);
        }
        value
    }

    fn id(&mut self, key: &'static str) -> Option<Str> {
        let s = self.string(key)?;
        if valid_id(&s.value) {
            return Some(s);
        }
        self.findings.push(malformed_id(&s));
        // The entity stays in the model under its malformed id, so that references to it do not cascade.
        Some(s)
    }

    fn choice<T>(
        &mut self,
        key: &'static str,
        names: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<Sp<T>> {
        let v = self.get(key)?;
        if !matches!(v.get_ref(), DeValue::String(_)) {
            let expected = format!("`{key}` must be one of {}", join_choices(names));
            let f = invalid_type(self.file, v.span(), &expected, v.get_ref());
            self.bad(key, f);
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
            "invalid-value",
            Some(s.span),
            format!(
                "`{key}` must be one of {}, not `{}`",
                join_choices(names),
                s.value
            ),
        )
        .with_label("not a valid value");
        if let Some(near) = closest(&s.value, names.iter().copied()) {
            f.help(format!("did you mean `{near}`?"));
        }
        self.bad(key, f);
        None
    }

    fn string_list(&mut self, key: &'static str) -> Option<List<Str>> {
        let v = self.get(key)?;
        let span = self.span(v);
        let DeValue::Array(items) = v.get_ref() else {
            let f = invalid_type(
                self.file,
                v.span(),
                &format!("`{key}` must be an array of strings"),
                v.get_ref(),
            );
            self.bad(key, f);
            return None;
        };
        let mut list = List {
            span,
            items: Vec::with_capacity(items.len()),
            bad: 0,
        };
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => list.items.push(Sp {
                    value: s.to_string(),
                    span: Span::new(self.file, item.span()),
                }),
                other => {
                    let f = invalid_type(
                        self.file,
                        item.span(),
                        &format!("each `{key}` entry must be a string"),
                        other,
                    );
                    self.findings.push(f);
                    list.bad += 1;
                }
            }
        }
        if list.bad > 0 {
            // Partly wrong: rules about the list being empty must not fire on top of `invalid-value`.
            self.invalid.push(key);
        }
        Some(list)
    }

    fn id_list(&mut self, key: &'static str) -> Option<List<Str>> {
        let list = self.string_list(key)?;
        for item in &list.items {
            if !valid_id(&item.value) {
                self.findings.push(malformed_id(item));
            }
        }
        Some(list)
    }

    fn string_map(&mut self, key: &'static str) -> Option<StrMap> {
        let v = self.get(key)?;
        let DeValue::Table(table) = v.get_ref() else {
            let f = invalid_type(
                self.file,
                v.span(),
                &format!("`{key}` must be a table of strings"),
                v.get_ref(),
            );
            self.bad(key, f);
            return None;
        };
        let mut map = StrMap {
            span: self.span(v),
            entries: Vec::with_capacity(table.len()),
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
                        &format!("`{key}.{}` must be a string", k.get_ref()),
                        other,
                    );
                    self.findings.push(f);
                }
            }
        }
        map.entries.sort_by(|a, b| a.0.value.cmp(&b.0.value));
        Some(map)
    }
}

fn unknown_field(
    findings: &mut Vec<Finding>,
    file: FileId,
    key: &Spanned<toml::de::DeString<'_>>,
    what: &str,
    allowed: &[&str],
) {
    let name = key.get_ref().as_ref();
    let mut f = Finding::new(
        "unknown-field",
        Some(Span::new(file, key.span())),
        format!("unknown field `{name}` in {what}"),
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
        "invalid-value",
        Some(s.span),
        if s.value.is_empty() {
            "an empty string is not a valid id".to_owned()
        } else {
            format!("`{}` is not a valid id", s.value.escape_debug())
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

fn invalid_type(
    file: FileId,
    span: std::ops::Range<usize>,
    expected: &str,
    found: &DeValue<'_>,
) -> Finding {
    Finding::new(
        "invalid-value",
        Some(Span::new(file, span)),
        format!("{expected}, not {}", type_name(found)),
    )
    .with_label(format!("this is {}", type_name(found)))
}
