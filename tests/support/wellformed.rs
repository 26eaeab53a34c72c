//! Cheap checks that an output of orglint is well-formed for its format: JSON that parses, XML
//! whose tags balance and whose references resolve, an HTML page of only the elements orglint
//! writes, and text with no character that could drive a terminal. Shared by the property tests
//! (`tests/it/properties.rs`) and the fuzz target (`fuzz/fuzz_targets/pipeline.rs`, through
//! `#[path]`), so that both hold every output to the same rules; each check returns what is
//! wrong instead of panicking, so the caller can say which output and input broke it.

#![allow(dead_code)]

use quick_xml::events::Event;

/// `text` as JSON.
pub fn json(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))
}

/// Whether `text` holds no character a terminal could be driven by ([`orglint::render::is_unsafe`])
/// other than the line breaks of the format itself and, when `sgr`, the escape sequences that
/// select colours and styles (`ESC [ digits and semicolons m`), which the coloured human format
/// writes and which only orglint may write.
pub fn terminal_safe(text: &str, sgr: bool) -> Result<(), String> {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\n' || !orglint::render::is_unsafe(c) {
            continue;
        }
        if sgr && c == '\u{1b}' && chars.next_if(|&(_, c)| c == '[').is_some() {
            while chars
                .next_if(|&(_, c)| c.is_ascii_digit() || c == ';')
                .is_some()
            {}
            if chars.next_if(|&(_, c)| c == 'm').is_some() {
                continue;
            }
        }
        let around = &text[at.saturating_sub(40)..];
        let around: String = around.chars().take(80).collect();
        return Err(format!("{c:?} at byte {at}, in {around:?}"));
    }
    Ok(())
}

/// Whether `text` is one well-formed XML document: every tag closed in order (quick-xml checks
/// the names), exactly one root element with nothing but whitespace around it, every attribute
/// parsed, and every reference a character reference or one of XML's five entities. Gives
/// every element, in document order, as its name and its attributes (name, value).
pub fn xml(text: &str) -> Result<Vec<Element>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    let (mut roots, mut names) = (0usize, Vec::new());
    let at = |reader: &quick_xml::Reader<&[u8]>| reader.buffer_position();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("not XML at byte {}: {e}", at(&reader)))?;
        let start = match &event {
            Event::Start(e) | Event::Empty(e) => Some(e),
            _ => None,
        };
        if let Some(e) = start {
            if depth == 0 {
                roots += 1;
            }
            let mut attributes = Vec::new();
            for attribute in e.attributes() {
                let attribute = attribute.map_err(|e| format!("a bad attribute: {e}"))?;
                // XML forbids a raw `<` in a value, which quick-xml lets through.
                if attribute.value.contains(&b'<') {
                    return Err(format!("a `<` in an attribute at byte {}", at(&reader)));
                }
                let value = attribute
                    .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                    .map_err(|e| format!("a bad attribute value: {e}"))?;
                let name = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
                attributes.push((name, value.into_owned()));
            }
            let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
            names.push((name, attributes));
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| format!("an end tag with no start at byte {}", at(&reader)))?;
            }
            Event::Text(t) if depth == 0 => {
                let text = t.xml10_content().map_err(|e| format!("bad text: {e}"))?;
                if !text.trim().is_empty() {
                    return Err(format!("text outside the root element: {text:?}"));
                }
            }
            Event::GeneralRef(r) => {
                if depth == 0 {
                    return Err("a reference outside the root element".to_owned());
                }
                let known = match r.resolve_char_ref() {
                    Ok(Some(_)) => true,
                    Ok(None) => {
                        let name = r.decode().map_err(|e| format!("bad reference: {e}"))?;
                        quick_xml::escape::resolve_predefined_entity(&name).is_some()
                    }
                    Err(_) => false,
                };
                if !known {
                    return Err(format!("an undefined reference at byte {}", at(&reader)));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match (depth, roots) {
        (0, 1) => Ok(names),
        (0, n) => Err(format!("{n} root elements")),
        (n, _) => Err(format!("{n} elements left open at the end")),
    }
}

/// An element: its name and its attributes (name, value), in the order written.
pub type Element = (String, Vec<(String, String)>);

/// The elements orglint's HTML report may hold (its HTML and its inline SVG): a name outside
/// this list is markup a user string let in.
const HTML_ELEMENTS: &[&str] = &[
    "a", "b", "body", "circle", "code", "details", "div", "footer", "g", "h1", "h2", "h3", "head",
    "header", "html", "i", "li", "meta", "p", "path", "pre", "rect", "section", "small", "span",
    "style", "summary", "svg", "table", "td", "text", "th", "title", "tr", "ul",
];

/// Whether `page` is an HTML report as orglint writes it: `<!DOCTYPE html>`, then a document
/// that is well-formed XML once its void `<meta>` elements are closed (orglint writes no other
/// void element and no raw-text element but a `<style>` of its own), holding only the elements
/// orglint writes, no event-handler attribute, and no link that runs script.
pub fn html(page: &str) -> Result<(), String> {
    let body = page
        .strip_prefix("<!DOCTYPE html>\n")
        .ok_or("no `<!DOCTYPE html>` first")?;
    // A `<meta` in the text of a user string would be written `&lt;meta`: every one is ours.
    let mut closed = String::with_capacity(body.len() + 16);
    let mut rest = body;
    while let Some(start) = rest.find("<meta ") {
        let end = start + rest[start..].find('>').ok_or("an unclosed <meta")?;
        closed.push_str(&rest[..end]);
        closed.push_str("/>");
        rest = &rest[end + 1..];
    }
    closed.push_str(rest);
    for (name, attributes) in xml(&closed)? {
        if !HTML_ELEMENTS.contains(&name.as_str()) {
            return Err(format!("an element orglint does not write: <{name}>"));
        }
        for (key, value) in attributes {
            let script = value
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("javascript:");
            if key.to_ascii_lowercase().starts_with("on") || script {
                return Err(format!(
                    "an attribute that runs script: <{name} {key}={value:?}>"
                ));
            }
        }
    }
    Ok(())
}

/// Whether `text`, read as GitHub reads Markdown, holds only what orglint's Markdown writes:
/// no raw HTML but its own `<details>`, `</details>` and `<summary>` lines (whose text holds no
/// tag), no link, image, footnote, math or task list, which only a user string could have made.
pub fn markdown(text: &str) -> Result<(), String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Html(html) => {
                for line in html.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    let summary = line
                        .strip_prefix("<summary>")
                        .and_then(|l| l.strip_suffix("</summary>"));
                    let ours = matches!(line, "<details>" | "</details>")
                        || summary.is_some_and(|s| !s.contains(['<', '>']));
                    if !ours {
                        return Err(format!("raw HTML orglint does not write: {line:?}"));
                    }
                }
            }
            Event::InlineHtml(html) => return Err(format!("inline HTML: {html:?}")),
            Event::InlineMath(m) | Event::DisplayMath(m) => return Err(format!("math: {m:?}")),
            Event::FootnoteReference(f) => return Err(format!("a footnote: {f:?}")),
            Event::TaskListMarker(_) => return Err("a task list marker".to_owned()),
            Event::Start(
                tag @ (Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::FootnoteDefinition(_)
                | Tag::MetadataBlock(_)),
            ) => return Err(format!("a {tag:?}")),
            _ => {}
        }
    }
    Ok(())
}

/// Whether `line` is an annotation as `--format github` writes them, and nothing else:
/// `::error|warning|notice ` at its very start, then the properties `file=`, `line=`, `col=`,
/// `endLine=`, `endColumn=` (all or none, the numbers digits) and `title=orglint (RULE)`, then
/// `::` and the message, with no line break (the runner's escapes only).
fn is_annotation(line: &str) -> bool {
    let Some(rest) = ["::error ", "::warning ", "::notice "]
        .iter()
        .find_map(|kind| line.strip_prefix(kind))
    else {
        return false;
    };
    let Some((properties, _message)) = rest.split_once("::") else {
        return false;
    };
    let pairs: Vec<(&str, &str)> = properties
        .split(',')
        .filter_map(|p| p.split_once('='))
        .collect();
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
    let numbers = ["line", "col", "endLine", "endColumn"];
    let well_keyed =
        keys == ["title"] || keys == ["file", "line", "col", "endLine", "endColumn", "title"];
    let title = pairs.last().map(|(_, v)| *v).unwrap_or_default();
    let rule = title
        .strip_prefix("orglint (")
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or_default();
    well_keyed
        && pairs.len() == properties.split(',').count()
        && pairs
            .iter()
            .filter(|(k, _)| numbers.contains(k))
            .all(|(_, v)| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        && !rule.is_empty()
        && rule.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
}

/// Whether GitHub's Actions runner would read no line of `text` (stdout or stderr of a step) as
/// a workflow command, but, when `own_commands`, the annotations `--format github` writes
/// ([`is_annotation`]: exactly their form, so a forged command in that output is still caught). The runner's two parsers, written from
/// how it reads a step's output rather than from orglint's code, so that one cannot hide a
/// mistake of the other:
///
/// - it splits the output into lines at CR, LF and CR LF;
/// - the current syntax (`::name key=value,...::data`) is tried on the line with its leading
///   white space trimmed (.NET's `TrimStart`, which trims what Unicode calls white space): a
///   line that then starts with `::` is taken for a command whenever a `::` follows the name
///   (counted here as soon as it starts with `::`, stricter than the runner);
/// - the older syntax (`##[name key=value;]data`) is looked for anywhere in the line: any
///   `##[` counts (the runner also wants a `]` after it and a name it knows).
///
/// The runner compares `::` and `##[` as .NET does by default, culture-sensitively, so a
/// character that collation ignores (U+0640, a combining mark) before `::` still passes its
/// `StartsWith`; but both parsers then read the command's name at a fixed offset, so such a
/// line names no command, and these checks need not know collation.
pub fn no_workflow_command(text: &str, own_commands: bool) -> Result<(), String> {
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' => {
                lines.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            b'\n' => {
                lines.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(&text[start..]);
    for (n, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start_matches(char::is_whitespace);
        if own_commands && is_annotation(line) {
            // Read as that command alone: the older syntax is tried only on a line that is not one.
            continue;
        }
        if trimmed.starts_with("::") || line.contains("##[") {
            return Err(format!(
                "line {} would be read as a workflow command: {line:?}",
                n + 1
            ));
        }
    }
    Ok(())
}
