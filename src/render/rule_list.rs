//! `orglint rules`: every rule's name, category, default level and summary, as a table or as
//! JSON, from a table of formats like that of `check`.

use crate::rules::{OptionValue, Rule, RuleOption};

/// Every format of `orglint rules`, in the order `--help` lists them; the first is the default.
pub static RULES_FORMATS: &[&RulesFormat] = &[&TEXT, &JSON];

/// A format of `orglint rules`: what `rules --format NAME` selects.
#[derive(Debug)]
pub struct RulesFormat {
    name: &'static str,
    doc: &'static str,
    render: fn(&[&Rule]) -> String,
}

impl RulesFormat {
    /// Its name on the command line: `--format NAME`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// One line of help for `--help`.
    pub fn doc(&self) -> &'static str {
        self.doc
    }

    /// The list of `rules` in this format.
    pub fn render(&self, rules: &[&Rule]) -> String {
        (self.render)(rules)
    }
}

/// `rules --format text`.
static TEXT: RulesFormat = RulesFormat {
    name: "text",
    doc: "A table",
    render: text,
};

/// `rules --format json`.
static JSON: RulesFormat = RulesFormat {
    name: "json",
    doc: "A JSON array",
    render: json,
};

/// One rule a line, in columns.
fn text(rules: &[&Rule]) -> String {
    let width = rules.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in rules {
        out.push_str(&format!(
            "{:width$}  {:16}  {:5}  {}\n",
            r.name,
            r.category.as_str(),
            r.default_level.as_str(),
            r.summary
        ));
    }
    out
}

/// An array of rules, each with its options and their defaults.
fn json(rules: &[&Rule]) -> String {
    let rows: Vec<serde_json::Value> = rules
        .iter()
        .map(|r| {
            serde_json::json!({
                "name": r.name,
                "category": r.category.as_str(),
                "default_level": r.default_level.as_str(),
                "summary": r.summary,
                "options": r.options.iter().map(|o| serde_json::json!({
                    "name": o.name,
                    "default": option_default(o),
                    "doc": o.doc,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    crate::json::document(&rows)
}

/// An option's default as a JSON value of its own type.
fn option_default(o: &RuleOption) -> serde_json::Value {
    match o.default_value() {
        OptionValue::Int(n) => n.into(),
        OptionValue::Str(s) => s.into(),
        OptionValue::List(l) => l.into(),
    }
}
