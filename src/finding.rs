//! Findings: what a rule reports, where, and how bad it is.

use std::fmt;

use crate::source::Span;

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

    /// The level written as `s`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "off" => Some(Level::Off),
            "info" => Some(Level::Info),
            "warn" => Some(Level::Warn),
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

/// One problem found in the org.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The rule's name.
    pub rule: &'static str,
    /// The level, from the configuration (set by the engine).
    pub level: Level,
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
    /// Stable identity across line moves (set by the engine).
    pub fingerprint: String,
}

impl Finding {
    /// A finding of `rule` at `primary`.
    pub fn new(rule: &'static str, primary: Option<Span>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            level: Level::Off,
            message: message.into(),
            help: None,
            primary,
            label: None,
            related: Vec::new(),
            related_more: 0,
            fingerprint: String::new(),
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
}

/// The most characters of one value from the files that a message shows: a longer value is cut
/// to this many, the last being `…`, so that a 50 MB `kind` is not a 50 MB line.
pub const SHOWN_CHARS: usize = 80;

/// A value from the files (an id, a name, a role, a `kind`...) as messages show it: cut to
/// [`SHOWN_CHARS`] characters, and quoted when it would not read as itself bare. Quoted is in
/// backticks (`` `bob smith` ``), the empty value as `""`, and a value holding a backtick as a
/// TOML string (`"a`b"`). Build one with [`shown`], [`shown_id`], [`shown_name`] or
/// [`shown_code`], and interpolate it with `{}`.
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a> {
    value: &'a str,
    quote: Quote,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quote {
    /// Bare, only cut.
    Never,
    /// Bare if a valid id.
    UnlessId,
    /// Bare if it reads as a name: not empty, no surrounding blanks, no controls or backticks.
    UnlessName,
    /// Always quoted, for values written as code.
    Always,
}

/// `value` cut to [`SHOWN_CHARS`], never quoted: for prose the message quotes itself.
pub fn shown(value: &str) -> Shown<'_> {
    Shown {
        value,
        quote: Quote::Never,
    }
}

/// An id: bare when valid (`bob`), quoted otherwise (`` `bob smith` ``, `""`).
pub fn shown_id(value: &str) -> Shown<'_> {
    Shown {
        value,
        quote: Quote::UnlessId,
    }
}

/// A name: bare when it reads as one (`Machine Learning`), quoted otherwise (`""`, `` ` ` ``).
pub fn shown_name(value: &str) -> Shown<'_> {
    Shown {
        value,
        quote: Quote::UnlessName,
    }
}

/// A value written as code, always quoted: `` `ml-engineer` ``, `""`.
pub fn shown_code(value: &str) -> Shown<'_> {
    Shown {
        value,
        quote: Quote::Always,
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only the part shown is looked at, so that a huge value costs no more than a short one.
        let (head, cut) = match self.value.char_indices().nth(SHOWN_CHARS) {
            Some(_) => {
                let end = self
                    .value
                    .char_indices()
                    .nth(SHOWN_CHARS - 1)
                    .map_or(0, |(i, _)| i);
                (&self.value[..end], true)
            }
            None => (self.value, false),
        };
        let ellipsis = if cut { "…" } else { "" };
        let bare = match self.quote {
            Quote::Never => true,
            Quote::UnlessId => crate::load::parse::valid_id(self.value),
            Quote::UnlessName => {
                !head.is_empty()
                    && !head.starts_with(char::is_whitespace)
                    && (cut || !head.ends_with(char::is_whitespace))
                    && !head
                        .chars()
                        .any(|c| c == '`' || c.is_control() || (c.is_whitespace() && c != ' '))
            }
            Quote::Always => false,
        };
        if bare {
            write!(f, "{head}{ellipsis}")
        } else if head.is_empty() {
            f.write_str("\"\"")
        } else if head.contains('`') {
            f.write_str("\"")?;
            for c in head.chars() {
                match c {
                    '"' | '\\' => write!(f, "\\{c}")?,
                    c => write!(f, "{c}")?,
                }
            }
            write!(f, "{ellipsis}\"")
        } else {
            write!(f, "`{head}{ellipsis}`")
        }
    }
}

#[cfg(test)]
mod shown_tests {
    use super::*;

    #[test]
    fn normal_values_read_as_today() {
        assert_eq!(shown_id("bob").to_string(), "bob");
        assert_eq!(
            shown_name("Machine Learning").to_string(),
            "Machine Learning"
        );
        assert_eq!(shown_code("ml-engineer").to_string(), "`ml-engineer`");
        assert_eq!(shown("a b ").to_string(), "a b ");
    }

    #[test]
    fn empty_and_odd_values_are_quoted() {
        assert_eq!(shown_id("").to_string(), "\"\"");
        assert_eq!(shown_name("").to_string(), "\"\"");
        assert_eq!(shown_code("").to_string(), "\"\"");
        assert_eq!(shown_id("bob smith").to_string(), "`bob smith`");
        assert_eq!(shown_id(" ").to_string(), "` `");
        assert_eq!(shown_name(" Long").to_string(), "` Long`");
        assert_eq!(shown_name("a\tb").to_string(), "`a\tb`");
        assert_eq!(shown_name("a`b").to_string(), "\"a`b\"");
        assert_eq!(shown_code("a`\"\\").to_string(), r#""a`\"\\""#);
    }

    #[test]
    fn long_values_are_cut_on_a_char_boundary() {
        let long = "é".repeat(1000);
        let cut = shown(&long).to_string();
        assert_eq!(cut.chars().count(), SHOWN_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(shown_id(&long).to_string(), format!("`{cut}`"));
        assert_eq!(shown_name(&long).to_string(), cut);
        let exact = "x".repeat(SHOWN_CHARS);
        assert_eq!(shown_name(&exact).to_string(), exact);
        let over = "x".repeat(SHOWN_CHARS + 1);
        assert_eq!(
            shown_name(&over).to_string(),
            format!("{}…", &over[..SHOWN_CHARS - 1])
        );
    }
}

/// Formats `names` as "`a`, `b` and `c`".
pub fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    join_quoted(names, "and")
}

/// Formats `names` as "`a`, `b` or `c`", for a choice among them.
pub fn join_choices<S: AsRef<str>>(names: &[S]) -> String {
    join_quoted(names, "or")
}

fn join_quoted<S: AsRef<str>>(names: &[S], last: &str) -> String {
    let quoted: Vec<String> = names
        .iter()
        .map(|n| shown_code(n.as_ref()).to_string())
        .collect();
    join_words(&quoted, last)
}

/// Formats `words` as "a, b {last} c", unquoted.
pub fn join_words<S: AsRef<str>>(words: &[S], last: &str) -> String {
    match words {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., end] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {last} {}", rest.join(", "), end.as_ref())
        }
    }
}

/// Help for a word that is not one of `candidates`: "did you mean `x`?", else the valid words.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    match closest(word, candidates.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("expected one of {}", join_choices(candidates)),
    }
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1) + usize::from(word.len() > 6);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c.len().abs_diff(word.len()) > limit {
            continue;
        }
        let d = strsim::osa_distance(word, c);
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_and_not_strangers() {
        assert_eq!(closest("memebrs", ["members", "lead"]), Some("members"));
        assert_eq!(
            closest("stakeholder", ["stakeholders"]),
            Some("stakeholders")
        );
        assert_eq!(closest("colour", ["members", "lead"]), None);
        assert_eq!(closest("levle", ["level", "max"]), Some("level"));
    }

    #[test]
    fn join_names_reads_as_prose() {
        assert_eq!(join_names(&["a"]), "`a`");
        assert_eq!(join_names(&["a", "b", "c"]), "`a`, `b` and `c`");
    }
}
