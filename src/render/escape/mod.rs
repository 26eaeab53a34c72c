//! Escaping for each format: what a report may carry of the files' text, written so that it
//! cannot drive the terminal that shows the report, nor break the format it is written in.
//!
//! Every string of a file (an id, a name, a path, a message quoting them) reaches a report
//! through one of these. This module holds the escapers of text read by a terminal or a CI log
//! (the human and short reports, GitHub's workflow commands, a patch); [`documents`] holds those of
//! the document formats (Markdown, SARIF, XML, HTML, DOT, Mermaid). A new format that needs an
//! escaper of its own adds it beside the others, with which format it is for.

use std::borrow::Cow;

use crate::text::is_unsafe;

pub(super) mod documents;

/// Every hostile piece the formats are tested with.
#[cfg(test)]
const HOSTILE: &str =
    "<script>alert('x')</script> \"q\" `b` a|b [l](u) 50% x\r\ny\u{7}\u{1b}[2J\u{202e}z";

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

#[cfg(test)]
mod tests {
    use super::documents::{dot_string, html, markdown_text, mermaid_label, xml};
    use super::*;
    use crate::text::INVISIBLE;

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
}
