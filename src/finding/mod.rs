//! Findings: what a rule reports, where, and how bad it is.

use std::fmt;

mod rule_metadata;
pub use rule_metadata::{OptionKind, OptionValue, Rule, RuleCategory, RuleOption, TypedOption};
pub(crate) use rule_metadata::{Options, page_section};

use crate::limits::MAX_PER_FILE;
use crate::model::EntityKind;
use crate::source::{FileId, Sources, Span};
use crate::text::thousands;

/// How much a finding matters. Ordered from `Off` to `Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Not reported.
    Off,
    /// Reported as a note; never fails the run.
    Info,
    /// Reported as a warning; fails the run past `--max-warnings`.
    Warn,
    /// Reported as an error; fails the run.
    Error,
}

impl Level {
    /// Every level, as written in `orglint.toml`.
    pub const NAMES: &'static [&'static str] = &["off", "info", "warn", "error"];

    /// The level written as `s`; `warning`, the word reports use, is taken for `warn`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "off" => Some(Level::Off),
            "info" => Some(Level::Info),
            "warn" | "warning" => Some(Level::Warn),
            "error" => Some(Level::Error),
            _ => None,
        }
    }

    /// The level as written in `orglint.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }

    /// The severity as reports name it: `error`, `warning` or `info`.
    pub fn severity(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warn => "warning",
            Level::Error => "error",
        }
    }
}

/// Another place that explains a finding ("defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub span: Span,
    /// What it is.
    pub message: String,
}

/// Which entity a finding lies in: the one whose table holds its primary span, so that a report
/// can colour a team by its worst finding and a diff can say which person a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityRef {
    /// Org, person, team or guild.
    pub kind: EntityKind,
    /// Its `id` (the org's `name`) as written, cut to a bound (see [`crate::limits`]); empty when
    /// the table has none.
    pub id: String,
}

impl fmt::Display for EntityRef {
    /// `team:recs`, the form fingerprints hash.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.key(), self.id)
    }
}

/// How far a [`Fix`] may be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Applying it keeps the org meaning what its author meant: `--fix` may apply it unasked.
    Safe,
    /// It changes what the org says (drops a person, picks one of two leads...): offer it, do not
    /// apply it unasked.
    Unsafe,
}

impl Applicability {
    /// `safe` or `unsafe`, as reports and editors name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// One text edit: replace the text under `span` (empty to insert) with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// What to replace; an empty span inserts at its start.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// The texts that applying edits leaves: see [`apply_edits`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edited {
    /// Each file an edit touched, with its new text, in file order.
    pub texts: Vec<(FileId, String)>,
    /// How many edits were left out because they overlap one before them in their file: lint
    /// the new texts again and fix again.
    pub skipped: usize,
}

/// Applies `edits` (of one fix or of many) to the texts of `sources`: the one way `--fix`, a
/// language server and a bot turn fixes into files. Edits of one file apply in position order;
/// one that overlaps an edit before it is left out (two insertions at one place are not an
/// overlap: they apply in the order given), so the result is never a garbled mix of two fixes.
pub fn apply_edits<'e>(sources: &Sources, edits: impl IntoIterator<Item = &'e Edit>) -> Edited {
    let mut by_file: std::collections::BTreeMap<FileId, Vec<&Edit>> = Default::default();
    for edit in edits {
        by_file.entry(edit.span.file).or_default().push(edit);
    }
    let mut out = Edited::default();
    for (file, mut edits) in by_file {
        // Stable: insertions at one place keep the order given.
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let text = &sources.get(file).text;
        let mut new = String::with_capacity(text.len());
        let mut at = 0;
        for edit in edits {
            let range = edit.span.range();
            let inside = range.end <= text.len()
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end);
            if range.start < at || !inside {
                out.skipped += 1;
                continue;
            }
            new.push_str(&text[at..range.start]);
            new.push_str(&edit.replacement);
            at = range.end;
        }
        new.push_str(&text[at..]);
        out.texts.push((file, new));
    }
    out
}

/// A change to the files that resolves a finding: one source for `--fix` and a language server's
/// quick fixes. Its edits do not overlap and are sorted by position.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fix {
    /// What the fix does, as an editor offers it: "add `ada` to `members`".
    pub message: String,
    /// Whether it may be applied unasked.
    pub applicability: Applicability,
    /// The edits, in file order.
    pub edits: Vec<Edit>,
}

/// One problem found in the org, whole as its producer (a rule, the loader or the suppression
/// pass) made it: what, where, in which entity, and how to fix it. What the engine adds, the level
/// and the fingerprint, is in [`Reported`]. Fields may be added: build one with [`Finding::new`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Finding {
    /// The rule.
    pub rule: &'static Rule,
    /// What is wrong, and about whom.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Where (none for `missing-org`).
    pub primary: Option<Span>,
    /// A short label for the primary location.
    pub label: Option<String>,
    /// Other places that explain it.
    pub related: Vec<Related>,
    /// How many more such places there are than `related` lists (the human report says so).
    pub related_more: usize,
    /// The entity whose table holds `primary`; none before the first table or without a place.
    pub entity: Option<EntityRef>,
    /// Text edits that resolve it, when there is a mechanical fix.
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding of `rule` at `primary`, in no entity (the producers that know the entity tables
    /// set it with [`Finding::with_entity`]).
    pub fn new(rule: &'static Rule, primary: Option<Span>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            message: message.into(),
            help: None,
            primary,
            label: None,
            related: Vec::new(),
            related_more: 0,
            entity: None,
            fix: None,
        }
    }

    /// Sets the help.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the label at the primary location.
    pub fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a related location.
    pub fn related(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    /// Says that `n` more related places exist than were added (a rule lists only the first few).
    pub fn more_related(&mut self, n: usize) -> &mut Self {
        self.related_more += n;
        self
    }

    /// Sets the fix.
    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// Builder form of [`Finding::help`].
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help(help);
        self
    }

    /// Builder form of [`Finding::label`].
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label(label);
        self
    }

    /// Builder form of [`Finding::related`].
    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related(span, message);
        self
    }

    /// Sets the entity it lies in.
    pub fn with_entity(mut self, entity: Option<EntityRef>) -> Self {
        self.entity = entity;
        self
    }
}

/// A finding as a run reports it: the [`Finding`] its producer made, with what the engine adds
/// from the configuration and the whole run. It derefs to the finding, so renderers read
/// `f.message` and `f.level` alike.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Reported {
    /// The finding as produced.
    pub finding: Finding,
    /// Its level, from the configuration; never [`Level::Off`].
    pub level: Level,
    /// Its stable identity across line moves (see [`crate::engine::level_and_fingerprint`]).
    pub fingerprint: String,
    /// How many more findings this one stands for, not shown (see [`crate::engine::cap`]); every count
    /// counts them.
    pub more: usize,
}

impl std::ops::Deref for Reported {
    type Target = Finding;

    fn deref(&self) -> &Finding {
        &self.finding
    }
}

/// Keeps, per file and rule, the first [`MAX_PER_FILE`] of `findings` (sorted in file order) and
/// turns the rest into one finding at the first of them: "... and 1,204 more `rule` findings in
/// this file", whose [`Reported::more`] makes every count still count each of them.
pub(crate) fn cap_per_file(findings: Vec<Reported>) -> Vec<Reported> {
    use std::collections::HashMap;
    // Per file and rule: how many were seen, and where the summary is.
    let mut seen: HashMap<(crate::source::FileId, &'static str), (usize, usize)> = HashMap::new();
    let mut out: Vec<Reported> = Vec::with_capacity(findings.len().min(1 << 16));
    let mut summaries = Vec::new();
    for f in findings {
        let Some(span) = f.primary else {
            out.push(f);
            continue;
        };
        let (count, at) = seen.entry((span.file, f.rule.name)).or_insert((0, 0));
        *count += 1;
        if *count <= MAX_PER_FILE {
            out.push(f);
        } else if *count == MAX_PER_FILE + 1 {
            *at = out.len();
            summaries.push(out.len());
            out.push(f);
        } else {
            out[*at].more += 1 + f.more;
        }
    }
    for at in summaries {
        let r = &mut out[at];
        let hidden = 1 + r.more;
        // The summary is a finding of its own, at the first one it stands for (whose place,
        // entity and fingerprint it keeps): what it says is about all of them.
        let rule = r.finding.rule;
        let first = std::mem::replace(&mut r.finding, Finding::new(rule, None, ""));
        r.finding = Finding {
            message: format!(
                "... and {} more `{}` findings in this file, not shown",
                thousands(hidden),
                first.rule
            ),
            label: Some("the next one is here".to_owned()),
            help: Some(format!(
                "only the first {MAX_PER_FILE} findings of a rule are shown per file; all of them count"
            )),
            related: Vec::new(),
            fix: None,
            ..first
        };
        r.more = hidden - 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_position_order_and_an_overlapping_one_is_left_out() {
        let mut sources = Sources::default();
        let a = sources.add(crate::source::SourceFile::new(
            "a.toml".into(),
            "a.toml".into(),
            "members = [\"ada\"]\n".into(),
        ));
        let b = sources.add(crate::source::SourceFile::new(
            "b.toml".into(),
            "b.toml".into(),
            "lead = \"x\"\n".into(),
        ));
        let edit = |file, range: std::ops::Range<usize>, text: &str| Edit {
            span: Span::new(file, range),
            replacement: text.to_owned(),
        };
        let edits = [
            // Given out of order, and two insertions at one place.
            edit(a, 16..16, ", \"bob\""),
            edit(b, 8..9, "y"),
            edit(a, 16..16, ", \"cy\""),
            // Overlaps the replacement of `"ada"` below, which comes first by position.
            edit(a, 13..15, "zz"),
            edit(a, 11..16, "\"eve\""),
        ];
        let edited = apply_edits(&sources, &edits);
        assert_eq!(
            edited.texts,
            vec![
                (a, "members = [\"eve\", \"bob\", \"cy\"]\n".to_owned()),
                (b, "lead = \"y\"\n".to_owned())
            ]
        );
        assert_eq!(edited.skipped, 1);
        // A span outside the text, or inside a character, is left out, never a panic.
        let bad = [edit(b, 100..101, "x")];
        assert_eq!(apply_edits(&sources, &bad).skipped, 1);
    }

    #[test]
    fn findings_past_the_cap_become_one_that_counts_them() {
        let at = |i: u32| Some(Span::new(0, i as usize..i as usize + 1));
        let reported = |f: Finding| Reported {
            finding: f,
            level: Level::Error,
            fingerprint: String::new(),
            more: 0,
        };
        let mut all: Vec<Reported> = (0..350)
            .map(|i| reported(Finding::new(&crate::rules::unknown_field::RULE, at(i), "x")))
            .collect();
        all.extend(
            (0..3).map(|i| reported(Finding::new(&crate::rules::invalid_value::RULE, at(i), "y"))),
        );
        let capped = cap_per_file(all);
        assert_eq!(capped.len(), MAX_PER_FILE + 1 + 3);
        let summary = &capped[MAX_PER_FILE];
        assert_eq!(summary.primary, at(MAX_PER_FILE as u32));
        assert_eq!(
            summary.message,
            "... and 250 more `unknown-field` findings in this file, not shown"
        );
        assert_eq!(capped.iter().map(|f| 1 + f.more).sum::<usize>(), 353);
    }
}
