//! Escaping for each format: what a report may carry of the files' text, written so that it
//! cannot drive the terminal that shows the report, nor break the format it is written in.
//!
//! Every string of a file (an id, a name, a path, a message quoting them) reaches a report
//! through one of these. A new format that needs an escaper of its own (HTML, XML) adds it here,
//! beside the others, with which format it is for.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is: it moves the cursor, starts an escape
/// sequence, reorders or hides text. The one definition every escaper below keeps out.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// For the terminal formats (human, short, `--statistics`, and orglint's own errors): `s` on
/// one line, with control characters (C0 including tab and newline, DEL, C1 including U+009B
/// CSI), bidi overrides, isolates and marks, and zero-width characters written as visible
/// `\u{..}` escapes, so one finding stays one line, reads as it is stored and cannot drive the
/// terminal. Escaping is idempotent.
pub fn printable(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// For the human format's snippets: a piece of a source line escaped as [`printable`] does,
/// except that a tab stays a tab, which the snippet expands to spaces.
pub(super) fn source_line(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// `s` with unsafe characters written as `\u{..}`; a tab stays a tab when `keep_tab`.
fn escape(s: &str, keep_tab: bool) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) && !(keep_tab && c == '\t');
    if !s.chars().any(bad) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// For the JSON formats: a document `json` as serde_json wrote it, with every character that
/// must not reach a terminal ([`is_unsafe`]: DEL, C1, bidi and zero-width characters, which
/// serde_json writes as they are) written as a `\uXXXX` escape: the document decodes to the same
/// strings, and `cat report.json` cannot drive the terminal. Outside strings a JSON document is
/// ASCII, so only string contents change.
pub(super) fn json_document(json: String) -> String {
    use std::fmt::Write as _;
    // The document's own line breaks are its layout; inside strings serde_json escapes C0.
    let unsafe_char = |c: char| c != '\n' && is_unsafe(c);
    if !json.chars().any(unsafe_char) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            // Every unsafe character is in the Basic Multilingual Plane: one `\uXXXX` each.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// For the XML formats (JUnit): `s` as the text of an element or the value of an attribute
/// (quoted with `"` or `'`), one escaper for both. `&`, `<`, `>`, `"` and `'` are written as
/// entities; what XML 1.0 forbids even as a character reference (C0 controls, U+FFFE, U+FFFF)
/// and what must not reach a terminal ([`is_unsafe`]: also tab, line breaks, DEL, C1, bidi and
/// zero-width characters) are written as visible `\u{..}` escapes, as [`printable`] writes them,
/// so that a parser reads back the same characters a terminal shows, a user string stays on its
/// line of a multi-line text, and a `cat` of the report cannot drive the terminal. No CDATA is
/// written, so `]]>` needs nothing.
pub(super) fn xml(s: &str) -> Cow<'_, str> {
    let special = |c: char| {
        is_unsafe(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '&' | '<' | '>' | '"' | '\'')
    };
    if !s.chars().any(special) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if special(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_forbidden_and_unsafe_characters() {
        let hostile = "<script>alert('x')</script> \"q\" `b` |p| [b] 50% ]]> &amp;";
        assert_eq!(
            xml(hostile),
            "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &quot;q&quot; `b` |p| [b] 50% \
             ]]&gt; &amp;amp;"
        );
        assert_eq!(
            xml(
                "a\u{0}b\u{1b}[2J\tc\nd\re\u{7f}\u{9b}\u{202e}\u{2066}\u{200b}\u{feff}\u{fffe}\u{ffff}"
            ),
            r"a\u{0}b\u{1b}[2J\u{9}c\u{a}d\u{d}e\u{7f}\u{9b}\u{202e}\u{2066}\u{200b}\u{feff}\u{fffe}\u{ffff}"
        );
        // Plain text, and characters XML allows (astral planes, U+FDD0), come back borrowed.
        assert!(matches!(
            xml("bob \u{1F600} \u{fdd0} café"),
            Cow::Borrowed(_)
        ));
    }
}
