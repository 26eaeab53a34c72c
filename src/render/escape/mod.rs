//! Escaping for each format: what a report may carry of the files' text, written so that it
//! cannot drive the terminal that shows the report, nor break the format it is written in.
//!
//! Every string of a file (an id, a name, a path, a message quoting them) reaches a report
//! through one of these. A new format that needs an escaper of its own (HTML, XML) adds it here,
//! beside the others, with which format it is for.

use std::borrow::Cow;

use crate::text::is_unsafe;

/// For the terminal formats (human, short, `--statistics`, and orglint's own errors): `s` on
/// one line, with control characters (C0 including tab and newline, DEL, C1 including U+009B
/// CSI), bidi overrides, isolates and marks, and zero-width characters written as visible
/// `\u{..}` escapes, so one finding stays one line, reads as it is stored and cannot drive the
/// terminal; and the second `#` of `##[` written `\u{23}`, so that no CI log reads it as a
/// command (see [`runner_safe`], which does the same to whole outputs: done here too, the human
/// report measures the escaped text, so its labels stay under their values). Escaping is
/// idempotent.
pub fn printable(s: &str) -> Cow<'_, str> {
    escape(s, false, true)
}

/// `s` with the characters that must not reach a reader ([`is_unsafe`]) written as visible
/// `\u{..}` escapes, as every format shows them, and nothing else changed: [`printable`] but for
/// `##[`, for the outputs that read back as exactly their text (GitHub's annotations, the
/// graph's labels), where no CI log can take it for a command.
pub fn visible(s: &str) -> Cow<'_, str> {
    escape(s, false, false)
}

/// For the human format's snippets: a piece of a source line escaped as [`printable`] does,
/// except that a tab stays a tab, which the snippet expands to spaces.
pub(super) fn source_line(s: &str) -> Cow<'_, str> {
    escape(s, true, true)
}

/// `s` with unsafe characters written as `\u{..}`; a tab stays a tab when `keep_tab`; and, when
/// `commands`, the `#` before `[` in `##[` written `\u{23}`.
fn escape(s: &str, keep_tab: bool, commands: bool) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) && !(keep_tab && c == '\t');
    let command = commands && s.contains("##[");
    if !command && !s.chars().any(bad) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    let mut previous = None;
    while let Some(c) = chars.next() {
        if bad(c) {
            out.extend(c.escape_unicode());
        } else if command && c == '#' && previous == Some('#') && chars.peek() == Some(&'[') {
            out.push_str("\\u{23}");
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    out.into()
}

/// How a format writes `#` and `:` in another way that reads back the same, for
/// [`runner_safe`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Dialect {
    /// Text for a terminal or a log (human, short, `--statistics`, orglint's own messages):
    /// `\u{23}` and `\u{3a}`, the visible escapes of [`printable`].
    Terminal,
    /// `--format github`: as [`Dialect::Terminal`], but a line that starts with `::` is one of
    /// the format's own commands, left whole. No user string can start a line of it (they are
    /// escaped as workflow-command properties and data are, line breaks included), and in a
    /// line that parses as a command the runner looks for no other (the older `##[` syntax is
    /// tried only when a line is not one).
    Workflow,
    /// JSON (and SARIF): `\u0023` and `\u003a`, which a JSON parser reads back as `#` and `:`.
    /// A JSON document holds `#` only inside strings, and no line of it starts inside one.
    Json,
    /// XML, HTML and Graphviz labels: the character references `&#35;` and `&#58;`.
    Markup,
    /// Markdown: the backslash escapes `\#` and `\:`.
    Markdown,
    /// Mermaid labels: its entity codes `#35;` and `#58;`.
    Mermaid,
}

impl Dialect {
    /// `#` and `:` in this dialect.
    fn spellings(self) -> (&'static str, &'static str) {
        match self {
            Dialect::Terminal | Dialect::Workflow => ("\\u{23}", "\\u{3a}"),
            Dialect::Json => ("\\u0023", "\\u003a"),
            Dialect::Markup => ("&#35;", "&#58;"),
            Dialect::Markdown => ("\\#", "\\:"),
            Dialect::Mermaid => ("#35;", "#58;"),
        }
    }
}

/// `text`, a whole output of orglint in `dialect`, with no line that the GitHub Actions runner
/// could read as a workflow command, which any step's output may otherwise forge (an annotation,
/// `::add-mask::`, or `::stop-commands::` that silences the real annotations after it). The
/// runner reads every line a step prints, to stdout or stderr, split at CR, LF or CR LF, with
/// two parsers: a line that starts with `::` once leading white space is trimmed is a command,
/// and so is any line that holds `##[` anywhere (the older syntax). So in each line, the first
/// `:` of a leading `::` and the second `#` of each `##[` are written as
/// `dialect` spells them: the line reads the same, and no parser sees a command.
///
/// Every output goes through this as a whole, after its format's own escaping, so that text
/// which only becomes a command where pieces meet (a path at the start of a line, a message
/// wrapped to the width, a value next to orglint's words) is caught too. A fence of the runner's
/// own (`::stop-commands::TOKEN`) would need a token no input can guess, which would make the
/// output differ from run to run, and would protect nothing when the output is read later (a
/// report file printed by a later step).
pub fn runner_safe(text: String, dialect: Dialect) -> String {
    if !text.contains("##[") && !text.contains("::") {
        return text;
    }
    let (hash, colon) = dialect.spellings();
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive(['\n', '\r']) {
        let body = line.trim_start();
        let mut rest = line;
        if body.starts_with("::") && dialect == Dialect::Workflow {
            out.push_str(line);
            continue;
        }
        if body.starts_with("::") {
            out.push_str(&line[..line.len() - body.len()]);
            out.push_str(colon);
            rest = &body[1..];
        }
        let mut last = 0;
        for (at, _) in rest.match_indices("#[") {
            if at > 0 && rest.as_bytes()[at - 1] == b'#' {
                out.push_str(&rest[last..at]);
                out.push_str(hash);
                last = at + 1;
            }
        }
        out.push_str(&rest[last..]);
    }
    out
}

/// For `--diff`: the unified diff `diff`, lines of the files as they are, unless one holds a
/// character [`is_unsafe`] names (but tab) or would read as a workflow command (see
/// [`runner_safe`]): that is then written as [`printable`] writes it. Says whether anything was
/// escaped, since such a diff shows the change but no longer applies as a patch.
pub fn patch_text(diff: String) -> (String, bool) {
    let mut out = String::with_capacity(diff.len());
    for line in diff.split_inclusive('\n') {
        let body = line.trim_end_matches(['\r', '\n']);
        out.push_str(&source_line(body));
        out.push_str(&line[body.len()..]);
    }
    let out = runner_safe(out, Dialect::Terminal);
    let escaped = out != diff;
    (out, escaped)
}

/// For `--format github`, a property of a workflow command (`file=`, `title=`): `s` as
/// [`printable`] writes it (but `##[`, which in a command line is no command, so that `file=`
/// names the very file), then escaped as GitHub's toolkit escapes a property (`%`, CR, LF,
/// `:` and `,` as `%25`, `%0D`, `%0A`, `%3A`, `%2C`), so that a path or title can neither end
/// the property nor the command, nor drive the log.
pub(super) fn github_property(s: &str) -> String {
    workflow_escape(&visible(s), true)
}

/// For `--format github`, the message of a workflow command: the `lines` orglint writes (the
/// message, then its help), each as [`printable`] writes it (`##[` as it is), joined by line breaks that GitHub
/// shows inside the annotation, then escaped as GitHub's toolkit escapes command data (`%`, CR,
/// LF as `%25`, `%0D`, `%0A`). A line break in a user string is written `\u{a}` by
/// [`printable`], so it cannot make a line of its own in the annotation: only orglint's own
/// line breaks become `%0A`, and the command stays one line of the log.
pub(super) fn github_message<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    // `##[` stays: in a line that is a command, the runner looks for no other.
    let lines: Vec<Cow<'_, str>> = lines.into_iter().map(visible).collect();
    workflow_escape(&lines.join("\n"), false)
}

/// The escaping of GitHub's toolkit (`escapeData`, and `escapeProperty` when `property`): `%`
/// first, so that the runner, which decodes `%25` last, reads back exactly `s`.
fn workflow_escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

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

/// For the XML formats (JUnit): `s` as the text of an element or the value of an attribute
/// (quoted with `"` or `'`), one escaper for both. `&`, `<`, `>`, `"` and `'` are written as
/// entities; what XML 1.0 forbids even as a character reference (C0 controls, U+FFFE, U+FFFF)
/// and what must not reach a terminal ([`is_unsafe`]: also tab, line breaks, DEL, C1, bidi and
/// zero-width characters) are written as visible `\u{..}` escapes, as [`printable`] writes them,
/// so that a parser reads back the same characters a terminal shows, a user string stays on its
/// line of a multi-line text, and a `cat` of the report cannot drive the terminal. No CDATA is
/// written, so `]]>` needs nothing.
pub(super) fn xml(s: &str) -> Cow<'_, str> {
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
    use super::*;
    use crate::text::INVISIBLE;

    /// Every hostile piece the formats are tested with.
    const HOSTILE: &str =
        "<script>alert('x')</script> \"q\" `b` a|b [l](u) 50% x\r\ny\u{7}\u{1b}[2J\u{202e}z";

    #[test]
    fn github_properties_and_messages_escape_as_the_toolkit_does() {
        assert_eq!(
            github_property("a:b,c%d\r\ne"),
            "a%3Ab%2Cc%25d\\u{d}\\u{a}e"
        );
        assert_eq!(
            github_message(["50%: a,b", "help: x\ny"]),
            "50%25: a,b%0Ahelp: x\\u{a}y"
        );
        let all = github_message([HOSTILE]);
        assert_eq!(
            all,
            "<script>alert('x')</script> \"q\" `b` a|b [l](u) 50%25 x\\u{d}\\u{a}y\\u{7}\\u{1b}[2J\\u{202e}z"
        );
        assert!(!all.chars().any(is_unsafe));
        // The runner decodes `%25` last: what it reads back is the printable text.
        let decoded = all.replace("%0A", "\n").replace("%25", "%");
        assert_eq!(decoded, printable(HOSTILE));
    }

    #[test]
    fn invisible_characters_are_escaped_by_every_escaper() {
        assert!(INVISIBLE.windows(2).all(|w| w[0].1 < w[1].0));
        assert!(INVISIBLE.iter().all(|&(first, last)| first <= last));
        // Both ends of every range, and what lies just outside them.
        for &(first, last) in INVISIBLE {
            for c in [first, last].into_iter().filter_map(char::from_u32) {
                let s = format!("a{c}b");
                let shown = format!("a{}b", c.escape_unicode());
                assert_eq!(printable(&s), shown);
                assert_eq!(html(&s), shown);
                assert_eq!(xml(&s), shown);
                assert!(!markdown_text(&s).contains(c) && !dot_string(&s).contains(c));
                assert!(!mermaid_label(&s).contains(c));
            }
            for c in [first - 1, last + 1].into_iter().filter_map(char::from_u32) {
                let listed = INVISIBLE
                    .iter()
                    .any(|&(a, b)| (a..=b).contains(&u32::from(c)));
                assert_eq!(is_unsafe(c), listed || c.is_control(), "{c:?}");
            }
        }
        // Tag characters spell a hidden text; the soft hyphen, the Mongolian vowel separator,
        // variation selectors and the Hangul filler show as nothing.
        assert_eq!(
            printable("ok\u{E0041}\u{E0042}\u{AD}\u{180E}\u{FE0F}\u{3164}\u{206A}\u{FFF9}\u{34F}"),
            r"ok\u{e0041}\u{e0042}\u{ad}\u{180e}\u{fe0f}\u{3164}\u{206a}\u{fff9}\u{34f}"
        );
        // Letters, marks and symbols of every script stay.
        for s in [
            "Zoë",
            "Łódź",
            "中文",
            "😀",
            "ﬁ",
            "עברית",
            "ü",
            "\u{A0}",
            "\u{2003}",
        ] {
            assert!(matches!(printable(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn printable_breaks_the_older_command_syntax_and_visible_does_not() {
        assert_eq!(
            printable("a ##[b ###[c #[d ##"),
            r"a #\u{23}[b ##\u{23}[c #[d ##"
        );
        assert_eq!(printable(&printable("##[x")), printable("##[x"));
        assert_eq!(visible("a ##[b\u{7}"), r"a ##[b\u{7}");
        // A command line keeps its file's name whole: the runner reads no other command there.
        assert_eq!(github_property("a##[b.toml"), "a##[b.toml");
    }

    #[test]
    fn no_line_reads_as_a_workflow_command_in_any_dialect() {
        let text =
            "::error::x\n  \u{3000}::add-mask::y\r##[group]z a##[b ###[c\r\nok: fine # [x] ::\n";
        let cases = [
            (
                Dialect::Terminal,
                "\\u{3a}:error::x\n  \u{3000}\\u{3a}:add-mask::y\r#\\u{23}[group]z a#\\u{23}[b ##\\u{23}[c\r\n",
            ),
            (
                Dialect::Json,
                "\\u003a:error::x\n  \u{3000}\\u003a:add-mask::y\r#\\u0023[group]z a#\\u0023[b ##\\u0023[c\r\n",
            ),
            (
                Dialect::Markup,
                "&#58;:error::x\n  \u{3000}&#58;:add-mask::y\r#&#35;[group]z a#&#35;[b ##&#35;[c\r\n",
            ),
            (
                Dialect::Markdown,
                "\\::error::x\n  \u{3000}\\::add-mask::y\r#\\#[group]z a#\\#[b ##\\#[c\r\n",
            ),
            (
                Dialect::Mermaid,
                "#58;:error::x\n  \u{3000}#58;:add-mask::y\r##35;[group]z a##35;[b ###35;[c\r\n",
            ),
            // Its own commands start lines: left whole.
            (
                Dialect::Workflow,
                "::error::x\n  \u{3000}::add-mask::y\r#\\u{23}[group]z a#\\u{23}[b ##\\u{23}[c\r\n",
            ),
        ];
        for (dialect, start) in cases {
            let safe = runner_safe(text.to_owned(), dialect);
            assert_eq!(safe, format!("{start}ok: fine # [x] ::\n"), "{dialect:?}");
            // Safe text comes back as it is.
            assert_eq!(runner_safe(safe.clone(), dialect), safe, "{dialect:?}");
        }
    }

    #[test]
    fn workflow_escape_is_the_toolkits() {
        assert_eq!(workflow_escape("%\r\n:,", false), "%25%0D%0A:,");
        assert_eq!(workflow_escape("%\r\n:,", true), "%25%0D%0A%3A%2C");
        assert_eq!(workflow_escape("%0A", true), "%250A");
    }

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
