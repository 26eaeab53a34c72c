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

/// For SARIF: a message string (a result's or a related location's text), written so that a
/// SARIF viewer shows it as it is. SARIF 2.1.0 §3.11.5 reads `{0}` as a placeholder, so `{` and
/// `}` are doubled; §3.11.6 reads `[text](target)` as a link, so a `]` before `(` is written
/// `\]` and a backslash that would escape what follows it (`\`, `[`, `]`) is doubled. Nothing
/// else changes: `[org].leadership` stays as it reads. Control and bidi characters are left to
/// [`json_document`], which the whole document goes through.
pub(super) fn sarif_message(s: &str) -> Cow<'_, str> {
    if !s.contains(['{', '}', '[', ']', '\\']) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            ']' if next == Some('(') => out.push_str("\\]"),
            '\\' if matches!(next, Some('\\' | '[' | ']')) => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.into()
}

/// For SARIF: one segment of a URI reference's path (a file or directory name, as its bytes),
/// percent-encoded as RFC 3986 §2.1 asks: everything but the unreserved characters (letters,
/// digits, `-`, `.`, `_`, `~`) becomes `%XX`, so that a space, `%`, `#`, `?`, `:`, a backslash or
/// a non-ASCII byte cannot change where the reference points or stop it being valid.
pub(super) fn uri_segment(name: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(name.len());
    for &b in name {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sarif_messages_keep_placeholders_and_links_from_forming() {
        assert_eq!(
            sarif_message("bob is in `[org].leadership`"),
            "bob is in `[org].leadership`"
        );
        assert_eq!(
            sarif_message("team {0} and {{x}}"),
            "team {{0}} and {{{{x}}}}"
        );
        assert_eq!(
            sarif_message("[click](1) and [x](https://e.x)"),
            "[click\\](1) and [x\\](https://e.x)"
        );
        // A backslash that would escape what follows is doubled, so `\](` cannot close a link.
        assert_eq!(
            sarif_message("a\\](1) b\\\\ c\\n"),
            "a\\\\\\](1) b\\\\\\ c\\n"
        );
        let hostile = "<script>alert('x')</script> \"q\" `b` | %s\n\u{7}\u{202e}";
        assert_eq!(
            sarif_message(hostile),
            hostile,
            "the rest is the JSON layer's"
        );
    }

    #[test]
    fn uri_segments_keep_only_unreserved_characters() {
        assert_eq!(uri_segment(b"ml-team_2.toml~"), "ml-team_2.toml~");
        assert_eq!(uri_segment(b"a b%c#d?e:f"), "a%20b%25c%23d%3Fe%3Af");
        assert_eq!(uri_segment("zoë".as_bytes()), "zo%C3%AB");
        assert_eq!(
            uri_segment(b"caf\xe9\\<x>|`[]\n"),
            "caf%E9%5C%3Cx%3E%7C%60%5B%5D%0A"
        );
    }
}
