//! Escaping for the document formats: Markdown (a pull-request comment, the leadership report),
//! SARIF messages and URIs, JUnit's XML, HTML, Graphviz DOT and Mermaid. Each escaper writes a
//! value so that it shows as exactly its characters in that format, and carries no raw character
//! a terminal could be driven by.

use std::borrow::Cow;

use crate::text::is_unsafe;

/// For `--format markdown`: `s` as text in a GitHub comment (a paragraph, a list item or a
/// table cell), so that it renders as exactly its characters and nothing else. HTML's `& < > " '`
/// are written as entities, so no tag can open; the ASCII punctuation Markdown gives a meaning
/// (emphasis, code, links and images, headings, lists, tables, strikethrough, math, autolinks)
/// is backslash-escaped, `|` included, so a cell cannot split; a line break is a space, so a
/// value cannot start a block; every other character that [`is_unsafe`] names is written as a
/// visible `\u{..}` escape; and `@`, and `#` before a digit, are followed by a zero-width space
/// written as the entity `&#8203;`, and so is `-` in `GH-` before a digit, so that a name such as
/// `@org/everyone` mentions nobody and `Squad #2` or `GH-12` links no issue (GitHub finds mentions
/// and references in the rendered text, where backslashes are gone). Only ASCII is added: the output carries no
/// raw character a terminal could be driven by.
pub(crate) fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '@' => out.push_str("@&#8203;"),
            // `#12` would link issue 12, which then lists the comment as a reference.
            '#' if chars.peek().is_some_and(char::is_ascii_digit) => out.push_str("\\#&#8203;"),
            // So would `GH-12`, in any case.
            '-' if out.len() >= 2
                && out.as_bytes()[out.len() - 2..].eq_ignore_ascii_case(b"gh")
                && chars.peek().is_some_and(char::is_ascii_digit) =>
            {
                out.push_str("\\-&#8203;");
            }
            '\r' => {
                // CR LF is one line break, one space.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(' ');
            }
            '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' | ':' | '$' | '^' | '=' => {
                out.push('\\');
                out.push(c);
            }
            c if is_unsafe(c) => {
                // `\u{1b}`: its backslash and braces are escaped like any other.
                for e in c.escape_unicode() {
                    if matches!(e, '\\' | '{' | '}') {
                        out.push('\\');
                    }
                    out.push(e);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// For SARIF: a message string (a result's or a related location's text), written so that a
/// SARIF viewer shows it as it is. SARIF 2.1.0 §3.11.5 reads `{0}` as a placeholder, so `{` and
/// `}` are doubled; §3.11.6 reads `[text](target)` as a link, so a `]` before `(` is written
/// `\]` and a backslash that would escape what follows it (`\`, `[`, `]`) is doubled. Nothing
/// else changes: `[org].leadership` stays as it reads. Control and bidi characters are left to
/// [`crate::json::document`], which the whole document goes through.
pub(in crate::render) fn sarif_message(s: &str) -> Cow<'_, str> {
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
pub(in crate::render) fn uri_segment(name: &[u8]) -> String {
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

/// For the XML formats (JUnit): `s` as the text of an element or the value of an attribute
/// (quoted with `"` or `'`), one escaper for both. `&`, `<`, `>`, `"` and `'` are written as
/// entities; what XML 1.0 forbids even as a character reference (C0 controls, U+FFFE, U+FFFF)
/// and what must not reach a terminal ([`is_unsafe`]: also tab, line breaks, DEL, C1, bidi and
/// zero-width characters) are written as visible `\u{..}` escapes, as [`printable`] writes them,
/// so that a parser reads back the same characters a terminal shows, a user string stays on its
/// line of a multi-line text, and a `cat` of the report cannot drive the terminal. No CDATA is
/// written, so `]]>` needs nothing.
pub(in crate::render) fn xml(s: &str) -> Cow<'_, str> {
    markup(s, "&apos;")
}

/// [`xml`] and [`html`]: the five markup characters as entities (`'` as `apostrophe`), and the
/// characters that must not reach a reader, or that XML forbids, as visible `\u{..}` escapes.
fn markup<'a>(s: &'a str, apostrophe: &str) -> Cow<'a, str> {
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
            '\'' => out.push_str(apostrophe),
            c if special(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.into()
}

/// For the HTML report (`orglint report --format html`): `s` as the text of an element, the value
/// of a quoted attribute, or the text of an inline SVG element, one escaper for all. `&`, `<`,
/// `>`, `"` and `'` are written as entities (numeric or XML's own, so that the inline SVG is also
/// well-formed XML), so no tag or attribute can open or close; what must not reach a reader as
/// it is ([`is_unsafe`]: C0 controls, line breaks and tab, DEL, C1, bidi and zero-width
/// characters) and the non-characters U+FFFE and U+FFFF are written as visible `\u{..}` escapes,
/// so that a name cannot reorder or hide the text around it and a line break shows where it is.
/// Backticks, pipes and brackets mean nothing in HTML and stay as they are.
pub(crate) fn html(s: &str) -> Cow<'_, str> {
    markup(s, "&#39;")
}

/// For `orglint graph --format dot`: `s` as the inside of a DOT quoted string (an id or a
/// label; the caller writes the quotes). `"` and `\` are backslash-escaped, so the string cannot
/// end early and no escape of Graphviz's (`\N`, `\G`, `\l`...) can form; a line break (LF, CR or
/// CR LF) is written `\n`, a centred line break of the label; `&` is written `&amp;`, since
/// Graphviz reads HTML entities in labels and `&lt;` would otherwise show as `<`; every other
/// character that [`is_unsafe`] names is written as a visible `\u{..}` (its backslash escaped,
/// so the label shows it as [`printable`] would).
pub(crate) fn dot_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if is_unsafe(c) => {
                out.push('\\');
                out.extend(c.escape_unicode());
            }
            c => out.push(c),
        }
    }
    out
}

/// For `orglint graph --format mermaid` (and the Markdown report's chart): `s` as the inside of
/// a quoted Mermaid label (`t0["..."]`; the caller writes the brackets and quotes). `"` is
/// written `#quot;`, and every character that could end the label, start a link or a shape,
/// open an HTML tag or entity, or form a directive (`%%{init: ...}%%`, which Mermaid finds
/// anywhere in the text) is written as a numeric entity code (`#60;` for `<`): `# & < > | [ ] {
/// } ( ) %`, the backtick, which would start a Markdown string, `$`, which would start `$$`
/// math, and `:`, without which Mermaid's
/// entity pass (which, on a line holding `style` and `:#x`, drops the line's last `;`) cannot
/// garble a label such as `style:#1`. A line break (LF, CR or CR
/// LF) is written `<br>`, Mermaid's own line break, so that the statement stays on its line;
/// every other character that [`is_unsafe`] names is written as a visible `\u{..}` (braces
/// entity-coded). Mermaid decodes entity codes into the text it shows, so the label reads as
/// exactly the characters of `s`, whatever `securityLevel` is.
pub(crate) fn mermaid_label(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len() + 16);
    let code = |out: &mut String, c: char| {
        let _ = write!(out, "#{};", u32::from(c));
    };
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' | '&' | '<' | '>' | '`' | '|' | '[' | ']' | '{' | '}' | '(' | ')' | '%' | ':'
            | '$' => code(&mut out, c),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            c if is_unsafe(c) => {
                for e in c.escape_unicode() {
                    if matches!(e, '{' | '}') {
                        code(&mut out, e);
                    } else {
                        out.push(e);
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::HOSTILE;
    use super::*;

    #[test]
    fn markdown_escapes_html_punctuation_lines_and_controls() {
        assert_eq!(
            markdown_text(HOSTILE),
            "&lt;script&gt;alert\\(&#39;x&#39;\\)&lt;/script&gt; &quot;q&quot; \\`b\\` a\\|b \\[l\\]\\(u\\) 50% x y\\\\u\\{7\\}\\\\u\\{1b\\}\\[2J\\\\u\\{202e\\}z"
        );
        assert_eq!(
            markdown_text("<img src=x onerror=alert(1)>"),
            "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;"
        );
        assert_eq!(markdown_text("| **x** |"), "\\| \\*\\*x\\*\\* \\|");
        assert_eq!(
            markdown_text("@org/all a@b.c"),
            "@&#8203;org/all a@&#8203;b\\.c"
        );
        assert_eq!(
            markdown_text("Squad #2, org/repo#3, #x"),
            "Squad \\#&#8203;2, org/repo\\#&#8203;3, \\#x"
        );
        assert_eq!(markdown_text("a\rb\n\nc"), "a b  c");
        assert_eq!(
            markdown_text("GH-12 gh-3 Gh-x GH-"),
            "GH\\-&#8203;12 gh\\-&#8203;3 Gh\\-x GH\\-"
        );
        assert!(markdown_text(HOSTILE).is_ascii());
    }

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

    #[test]
    fn html_escapes_markup_and_shows_unsafe_characters() {
        assert_eq!(
            html(HOSTILE),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;q&quot; `b` a|b [l](u) 50% \
             x\\u{d}\\u{a}y\\u{7}\\u{1b}[2J\\u{202e}z"
        );
        assert_eq!(
            html("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(html("a&amp;b"), "a&amp;amp;b");
        assert_eq!(
            html("\u{0}\t\u{7f}\u{9b}\u{2066}\u{200b}\u{feff}\u{fffe}"),
            r"\u{0}\u{9}\u{7f}\u{9b}\u{2066}\u{200b}\u{feff}\u{fffe}"
        );
        // Nothing left that could open markup or drive a terminal.
        let all = html(HOSTILE);
        assert!(!all.contains(['<', '>', '"', '\'']) && !all.chars().any(is_unsafe));
        assert!(matches!(html("Zoë `x` |y| [z]"), Cow::Borrowed(_)));
    }

    #[test]
    fn dot_strings_cannot_end_early_or_form_escapes() {
        assert_eq!(
            dot_string(HOSTILE),
            "<script>alert('x')</script> \\\"q\\\" `b` a|b [l](u) 50% x\\ny\\\\u{7}\\\\u{1b}[2J\\\\u{202e}z"
        );
        assert_eq!(dot_string(r#"a\"b \N \G"#), r#"a\\\"b \\N \\G"#);
        assert_eq!(dot_string("A &amp; B &lt;"), "A &amp;amp; B &amp;lt;");
        assert_eq!(dot_string("a\nb\rc\r\nd"), "a\\nb\\nc\\nd");
        assert_eq!(dot_string("zo\u{eb} \u{1F600}"), "zo\u{eb} \u{1F600}");
        let escaped = dot_string(HOSTILE);
        assert!(!escaped.chars().any(is_unsafe));
        // Every `"` is escaped: dropping the escaped pairs leaves no quote and no backslash.
        let bare = escaped
            .replace("\\\\", "")
            .replace("\\\"", "")
            .replace("\\n", "");
        assert!(!bare.contains(['"', '\\']), "{bare}");
    }

    #[test]
    fn mermaid_labels_cannot_end_link_inject_or_break_the_line() {
        assert_eq!(
            mermaid_label(HOSTILE),
            "#60;script#62;alert#40;'x'#41;#60;/script#62; #quot;q#quot; #96;b#96; a#124;b \
             #91;l#93;#40;u#41; 50#37; x<br>y\\u#123;7#125;\\u#123;1b#125;#91;2J\\u#123;202e#125;z"
        );
        assert_eq!(
            mermaid_label("%%{init: {\"securityLevel\": \"loose\"}}%%"),
            "#37;#37;#123;init#58; #123;#quot;securityLevel#quot;#58; #quot;loose#quot;#125;#125;#37;#37;"
        );
        assert_eq!(mermaid_label("a-->b; c---od"), "a--#62;b; c---od");
        assert_eq!(mermaid_label("style:#1;"), "style#58;#35;1;");
        assert_eq!(mermaid_label("$$x^2$$"), "#36;#36;x^2#36;#36;");
        assert_eq!(
            mermaid_label("#quot; &amp; #35;"),
            "#35;quot; #38;amp; #35;35;"
        );
        assert_eq!(mermaid_label("a\r\nb\rc"), "a<br>b<br>c");
        let escaped = mermaid_label(HOSTILE);
        assert!(!escaped.chars().any(is_unsafe));
        assert!(!escaped.contains(['"', '`', '|', '[', ']', '(', ')', '{', '}', '%', '&', ':']));
        // `<` and `>` only in the `<br>` we write.
        assert!(!escaped.replace("<br>", "").contains(['<', '>']));
    }
}
