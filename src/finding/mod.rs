//! Findings: what a rule reports, where, and how bad it is.

use std::fmt;

mod rule_metadata;
pub use rule_metadata::{OptionKind, OptionValue, Rule, RuleCategory, RuleOption};

use crate::limits::{MAX_PER_FILE, MAX_SUGGESTED_LEN, SUGGESTION_WORK};
use crate::model::EntityKind;
use crate::source::{FileId, Sources, Span};
use crate::text::{join_choices, thousands};

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
    /// Its stable identity across line moves (see [`crate::engine::report`]).
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

/// Help for a word that is not one of `candidates`: "did you mean `x`?", else the valid words.
pub(crate) fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    suggestion(closest(word, candidates.iter().copied()), candidates)
}

/// Help for a word whose closest candidate is `near` (see [`closest`]): "did you mean `x`?",
/// else the valid words.
pub(crate) fn suggestion(near: Option<&str>, candidates: &[&str]) -> String {
    match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("expected one of {}", join_choices(candidates)),
    }
}

/// The largest edit distance at which a candidate may be a typo of a word of `chars` characters:
/// one edit in a word of up to 13 characters, then one more per 7 characters.
fn max_typo_distance(chars: usize) -> usize {
    (chars / 7).max(1)
}

/// [`Bag::distance`] of `a` and `b`.
#[cfg(test)]
fn bag_distance(a: &str, b: &str) -> usize {
    Bag::of(a).distance(b)
}

/// The characters of an ASCII word of at most 255 bytes, counted once for its [`Bag::distance`]
/// to every candidate: counting the word again and summing 128 counts per candidate was most of
/// a did-you-mean search over the 100k ids of a large org.
struct Bag {
    counts: [u8; 128],
    len: usize,
}

impl Bag {
    fn of(word: &str) -> Self {
        let mut counts = [0u8; 128];
        for x in word.bytes() {
            counts[usize::from(x & 0x7f)] += 1;
        }
        Bag {
            counts,
            len: word.len(),
        }
    }

    /// A lower bound of the edit distance (with transpositions) of the word and the ASCII word
    /// `b`: the larger of how many characters of each the other lacks, counted as multisets. An
    /// insertion, deletion or substitution changes either count by at most one, and a
    /// transposition changes neither. (Each character of `b` takes one of the word's while any
    /// is left; what is left over on each side is what the other lacks.)
    fn distance(&self, b: &str) -> usize {
        let mut left = self.counts;
        let (mut matched, mut only_b) = (0, 0);
        for x in b.bytes() {
            let count = &mut left[usize::from(x & 0x7f)];
            if *count > 0 {
                *count -= 1;
                matched += 1;
            } else {
                only_b += 1;
            }
        }
        (self.len - matched).max(only_b)
    }
}

/// Whether `candidate`, at edit distance `distance` from a word of `chars` characters, is a likely
/// typo of it: within [`max_typo_distance`], and never a change of every character (`qa-engineer`
/// is not a typo of `ml-engineer`).
fn close_enough(distance: usize, chars: usize) -> bool {
    distance < chars && distance <= max_typo_distance(chars)
}

/// Did-you-mean suggestions under one budget of work (see [`SUGGESTION_WORK`]): a rule that asks
/// for many suggestions shares one, so that many long unknown words cannot make it quadratic.
#[derive(Debug)]
pub(crate) struct Suggester {
    left: u64,
}

impl Default for Suggester {
    fn default() -> Self {
        Suggester {
            left: SUGGESTION_WORK,
        }
    }
}

impl Suggester {
    /// A fresh budget.
    pub(crate) fn new() -> Self {
        Suggester::default()
    }

    /// Whether the budget is spent (every later call gives `None`).
    pub(crate) fn spent(&self) -> bool {
        self.left == 0
    }

    /// The closest of `candidates` to `word`, if one is close enough to be a likely typo (a few
    /// edits, never every character) and the budget lasts: once it runs out, this and every later call give `None`.
    pub(crate) fn closest<'a>(
        &mut self,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        self.closest_of(word, candidates).map(|(c, _)| c)
    }

    /// [`Suggester::closest`], with how many candidates were close enough (the closest among
    /// them): a fix may take the suggestion only when it was the one candidate.
    pub(crate) fn closest_of<'a>(
        &mut self,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<(&'a str, usize)> {
        // Before the candidates are counted and sorted: a word past the limits, or a budget
        // spent, reads none of them.
        self.searchable(word)?;
        self.closest_among(word, &Candidates::new(candidates))
    }

    /// The length of `word` in characters, when it may have a suggestion: it is not too long,
    /// and the budget is not spent.
    fn searchable(&self, word: &str) -> Option<usize> {
        if word.len() > 4 * MAX_SUGGESTED_LEN || self.spent() {
            return None;
        }
        let chars = word.chars().count();
        (chars <= MAX_SUGGESTED_LEN).then_some(chars)
    }

    /// [`Suggester::closest_of`] among candidates sorted once: what a rule that asks for many
    /// suggestions among the same ids (the 100,000 people of a large org) gives each search.
    pub(crate) fn closest_among<'a>(
        &mut self,
        word: &str,
        candidates: &Candidates<'a>,
    ) -> Option<(&'a str, usize)> {
        let chars = self.searchable(word)?;
        let limit = max_typo_distance(chars);
        // Only a candidate within `limit` characters of the word's length can be close enough.
        // Each candidate costs 1, and one of such a length also `chars` times its own: charged
        // as a sum, which runs out the budget (or not) whatever order the candidates are in.
        let near = candidates.of_length(chars.saturating_sub(limit)..=chars + limit);
        let cost = candidates.by_chars.len() as u64 + chars as u64 * near.chars;
        if cost > self.left {
            self.left = 0;
            return None;
        }
        self.left -= cost;
        // An ASCII word here has at most MAX_SUGGESTED_LEN (64) bytes: its counts fit a byte.
        let bag = word.is_ascii().then(|| Bag::of(word));
        let mut best: Option<(usize, &str)> = None;
        let mut close = 0;
        for &(_, c) in near.items {
            // A bound first, in linear time and without allocating: most ids of a large org are
            // too far from the word to need the distance itself.
            if bag
                .as_ref()
                .is_some_and(|bag| c.is_ascii() && bag.distance(c) > limit)
            {
                continue;
            }
            let d = strsim::osa_distance(word, c);
            if !close_enough(d, chars) {
                continue;
            }
            close += 1;
            // Ties go to the smaller id, so that the answer does not depend on the order.
            if best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| (c, close))
    }
}

/// The candidates of did-you-mean searches, sorted by their length in characters once, so that
/// a search reads only those near the word's length.
#[derive(Debug)]
pub(crate) struct Candidates<'a> {
    /// Each candidate with its length in characters, sorted in place by the length alone (a tie
    /// would compare the ids themselves, out of cache in a large org; the answer does not depend
    /// on their order).
    by_chars: Vec<(usize, &'a str)>,
}

/// The candidates of some lengths: [`Candidates::of_length`].
struct Near<'c, 'a> {
    items: &'c [(usize, &'a str)],
    /// Their lengths in characters, summed.
    chars: u64,
}

impl<'a> Candidates<'a> {
    pub(crate) fn new(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by_chars: Vec<(usize, &str)> = (candidates.into_iter())
            .map(|c| (c.chars().count(), c))
            .collect();
        by_chars.sort_unstable_by_key(|&(n, _)| n);
        Candidates { by_chars }
    }

    /// Those whose length in characters is in `lengths`.
    fn of_length(&self, lengths: std::ops::RangeInclusive<usize>) -> Near<'_, 'a> {
        let lo = self
            .by_chars
            .partition_point(|&(n, _)| n < *lengths.start());
        let hi = self.by_chars.partition_point(|&(n, _)| n <= *lengths.end());
        let items = &self.by_chars[lo..hi];
        Near {
            items,
            chars: items.iter().map(|&(n, _)| n as u64).sum(),
        }
    }
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo; with a
/// budget of its own (a rule that asks for many shares one).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    Suggester::new().closest(word, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bag_distance_never_exceeds_the_edit_distance() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "bca",
            "members",
            "memebrs",
            "lead",
            "leads",
            "p1234",
            "p1243",
            "p4321",
            "ghost",
            "ml-engineer",
            "qa-engineer",
            "aaaa",
            "bbbb",
        ];
        for a in words {
            for b in words {
                let bag = bag_distance(a, b);
                assert!(bag <= strsim::osa_distance(a, b), "{a} {b}");
                assert_eq!(bag, bag_distance(b, a));
            }
        }
        assert_eq!(bag_distance("memebrs", "members"), 0);
        assert_eq!(bag_distance("ghost", "p1234"), 5);
    }

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
    fn closest_finds_typos_and_not_strangers() {
        assert_eq!(closest("memebrs", ["members", "lead"]), Some("members"));
        assert_eq!(
            closest("stakeholder", ["stakeholders"]),
            Some("stakeholders")
        );
        assert_eq!(closest("colour", ["members", "lead"]), None);
        assert_eq!(closest("levle", ["level", "max"]), Some("level"));
        assert_eq!(closest("cyy", ["cy", "ada"]), Some("cy"));
    }

    #[test]
    fn closest_refuses_far_guesses() {
        assert_eq!(closest("qa-engineer", ["ml-engineer"]), None);
        assert_eq!(closest("head-of-sales", ["head-of-data"]), None);
        assert_eq!(closest("x", ["y"]), None);
        assert_eq!(closest("ml-enginer", ["ml-engineer"]), Some("ml-engineer"));
        assert_eq!(
            closest("head-of-dta", ["head-of-data"]),
            Some("head-of-data")
        );
    }

    #[test]
    fn long_words_get_no_suggestion_and_the_budget_runs_out() {
        let long = "a".repeat(65);
        assert_eq!(closest(&long, [long.as_str()]), None);
        let word = "b".repeat(64);
        let near = format!("{}c", "b".repeat(63));
        let mut s = Suggester::new();
        let mut given = 0;
        for _ in 0..10_000 {
            given += usize::from(s.closest(&word, [near.as_str()]).is_some());
        }
        assert!(s.spent());
        assert_eq!(given as u64, SUGGESTION_WORK / (1 + 64 * 64));
    }

    /// The search as it was before candidates were sorted by length: one by one, each charged
    /// as it is read. The sorted search must give the same answers and leave the same budget.
    fn one_by_one<'a>(
        left: &mut u64,
        word: &str,
        candidates: &[&'a str],
    ) -> Option<(&'a str, usize)> {
        if word.len() > 4 * MAX_SUGGESTED_LEN || *left == 0 {
            return None;
        }
        let chars = word.chars().count();
        if chars > MAX_SUGGESTED_LEN {
            return None;
        }
        let limit = max_typo_distance(chars);
        let mut best: Option<(usize, &str)> = None;
        let mut close = 0;
        for &c in candidates {
            let n = if c.len() > 4 * (chars + limit) || c.len() + limit < chars {
                None
            } else {
                Some(c.chars().count()).filter(|n| n.abs_diff(chars) <= limit)
            };
            let cost = 1 + n.map_or(0, |n| (chars * n) as u64);
            if cost > *left {
                *left = 0;
                return None;
            }
            *left -= cost;
            let Some(_) = n else { continue };
            let d = strsim::osa_distance(word, c);
            if !close_enough(d, chars) {
                continue;
            }
            close += 1;
            if best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| (c, close))
    }

    #[test]
    fn the_search_by_length_answers_as_the_search_one_by_one() {
        let candidates = [
            "alice",
            "alicia",
            "alcie",
            "bob",
            "bobby",
            "rob",
            "zoë",
            "zoe",
            "zoey",
            "ml-team",
            "ml-teams",
            "ml-taem",
            "design",
            "désign",
            "p1234",
            "p1243",
            "p4321",
            "x",
            "",
            "a-very-long-id-that-is-not-like-the-others",
        ];
        let words = [
            "alice",
            "alcei",
            "bob",
            "bbo",
            "zoe",
            "zöe",
            "ml-tema",
            "desgin",
            "p1324",
            "x",
            "y",
            "",
            "a-very-long-id-that-is-not-like-the-other",
            "nobody-like-this",
        ];
        let sorted = Candidates::new(candidates);
        // A budget that lasts, and budgets that run out at every point of the searches.
        for budget in [SUGGESTION_WORK, 0, 1, 5, 20, 21, 60, 100, 250, 400, 1000] {
            let mut old = budget;
            let mut new = Suggester { left: budget };
            for word in words {
                let want = one_by_one(&mut old, word, &candidates);
                assert_eq!(
                    new.closest_among(word, &sorted),
                    want,
                    "{word} with {budget}"
                );
                assert_eq!(new.left, old, "{word} with {budget}");
            }
        }
    }

    #[test]
    fn candidates_are_sorted_by_length() {
        let long = "l".repeat(5000);
        for items in [
            vec!["ccc", "a", "bb", "", "dd"],
            vec!["ccc", long.as_str(), "a", "bb"],
        ] {
            let sorted = Candidates::new(items.iter().copied());
            let lengths: Vec<usize> = sorted.by_chars.iter().map(|&(n, _)| n).collect();
            assert!(lengths.is_sorted(), "{lengths:?}");
            assert_eq!(lengths.len(), items.len());
            let mut names: Vec<&str> = sorted.by_chars.iter().map(|&(_, c)| c).collect();
            let mut given = items.clone();
            names.sort_unstable();
            given.sort_unstable();
            assert_eq!(names, given);
        }
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
            .map(|i| reported(Finding::new(&crate::rules::UNKNOWN_FIELD, at(i), "x")))
            .collect();
        all.extend(
            (0..3).map(|i| reported(Finding::new(&crate::rules::INVALID_VALUE, at(i), "y"))),
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
