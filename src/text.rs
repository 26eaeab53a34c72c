//! Values as messages write them: cut and quoted so that each reads as itself, counts with
//! thousands separators, lists joined with "and" or "or", and whether a string is a well-formed id.

use std::fmt;

use crate::limits::SHOWN_CHARS;

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
pub(crate) fn shown(value: &str) -> Shown<'_> {
    Shown {
        value,
        quote: Quote::Never,
    }
}

/// An id: bare when valid (`bob`), quoted otherwise (`` `bob smith` ``, `""`).
pub(crate) fn shown_id(value: &str) -> Shown<'_> {
    Shown {
        value,
        quote: Quote::UnlessId,
    }
}

/// A name: bare when it reads as one (`Machine Learning`), quoted otherwise (`""`, `` ` ` ``).
pub(crate) fn shown_name(value: &str) -> Shown<'_> {
    Shown {
        value,
        quote: Quote::UnlessName,
    }
}

/// A value written as code, always quoted: `` `ml-engineer` ``, `""`.
pub(crate) fn shown_code(value: &str) -> Shown<'_> {
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
            Quote::UnlessId => valid_id(self.value),
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

/// Whether `c` must not reach a terminal or a reader as it is: it moves the cursor, starts an
/// escape sequence, or reorders, hides or breaks the text around it. The control characters
/// (C0, DEL, C1) and every code point of [`INVISIBLE`]: the one definition every escaper of the
/// outputs keeps out.
pub fn is_unsafe(c: char) -> bool {
    // Most text is ASCII or Latin-1 letters: no search for them.
    if c < '\u{AD}' {
        return c.is_control();
    }
    let c = u32::from(c);
    INVISIBLE
        .binary_search_by(|&(first, last)| {
            if last < c {
                std::cmp::Ordering::Less
            } else if first > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The code points besides the controls that show as nothing or change how the text around them
/// shows, as sorted ranges (first, last): every default-ignorable code point (Unicode's
/// `Default_Ignorable_Code_Point`: zero-width characters, variation selectors, fillers, tags and
/// the reserved code points among them) and every format character (general category `Cf`: bidi
/// embeddings, overrides, isolates and marks, invisible operators, the soft hyphen, Arabic,
/// Syriac and Egyptian format signs, shorthand and musical format controls), as of Unicode 16.0;
/// and the line and paragraph separators U+2028 and U+2029, which break a line. Tag characters
/// (U+E0020 to U+E007F) can carry a whole hidden text inside a name ("ASCII smuggling").
pub const INVISIBLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
];

/// `n` with thousands separators: `19,980`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and `word`, counted: `1 error`, `3 errors`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {}", noun(n, word))
}

/// `word` as `n` of it are called: `word` for one, `words` for any other count. Every noun the
/// reports count takes an `s`.
pub(crate) fn noun(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// `one` for one, `many` for any other count: for words whose plural takes more than an `s`
/// (`entry`, `box`) and for verbs (`is`, `are`).
pub fn one_or_many<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Formats `names` as "`a`, `b` and `c`".
pub(crate) fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    join_quoted(names, "and")
}

/// Formats `names` as "`a`, `b` or `c`", for a choice among them.
pub(crate) fn join_choices<S: AsRef<str>>(names: &[S]) -> String {
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
pub(crate) fn join_words<S: AsRef<str>>(words: &[S], last: &str) -> String {
    match words {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., end] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {last} {}", rest.join(", "), end.as_ref())
        }
    }
}

/// Whether `id` is 1 to 64 ASCII letters, digits, `-`, `_` and `.`.
pub(crate) fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_204), "1,204");
        assert_eq!(thousands(31_000_000), "31,000,000");
    }

    #[test]
    fn join_names_reads_as_prose() {
        assert_eq!(join_names(&["a"]), "`a`");
        assert_eq!(join_names(&["a", "b", "c"]), "`a`, `b` and `c`");
    }
}
