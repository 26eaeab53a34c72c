//! Suppression comments (`# orglint: allow(rule, ...) -- reason`): finding them, applying them, and the findings about them.

use std::collections::HashMap;

use toml_parser::lexer::TokenKind;

use crate::finding::{EntityRef, Finding};

use crate::model::LocatedStr;
use crate::regions::Entities;
use crate::rules::{self, Check, Rule};
use crate::source::{FileId, Span};
use crate::text::shown_code;

/// One suppression comment.
#[derive(Clone, Debug)]
pub(crate) struct Suppression {
    /// The whole comment.
    pub span: Span,
    /// The rule names it lists.
    pub rules: Vec<LocatedStr>,
    /// The text after `--`, if any.
    pub reason: Option<String>,
    /// Why the comment could not be read, when it could not.
    pub malformed: Option<&'static str>,
}

impl Suppression {
    /// The rules it suppresses: none when it is malformed, whatever names it lists.
    fn allowed(&self) -> &[LocatedStr] {
        if self.malformed.is_some() {
            &[]
        } else {
            &self.rules
        }
    }
}

const MARKER: &str = "orglint:";

/// The right form, for the help of a malformed comment.
const FORM: &str = "write `# orglint: allow(rule, ...) -- reason`";

/// Finds the suppression comments of one file.
pub(crate) fn scan(file: FileId, text: &str) -> Vec<Suppression> {
    // A suppression is a comment that names orglint, so there is none unless `orglint` (in any
    // case) comes after a `#`. Most files of a large org have no comment at all, and the first
    // `#` is found by a fast byte search (`memchr`), where comparing seven bytes at every offset
    // of every file was 3% of a run's time.
    let Some(hash) = text.find('#') else {
        return Vec::new();
    };
    if !text.as_bytes()[hash..]
        .windows(MARKER.len() - 1)
        .any(|w| w.eq_ignore_ascii_case(b"orglint"))
    {
        return Vec::new();
    }
    toml_parser::Source::new(text)
        .lex()
        .filter(|t| t.kind() == TokenKind::Comment)
        .filter_map(|t| {
            let span = t.span();
            parse_comment(file, span.start(), &text[span.start()..span.end()])
        })
        .collect()
}

/// Whether what follows `orglint` (in any case, and after a `:` with a space before it, if any) in
/// a comment that does not start `orglint:` is meant as a suppression: `(` or an `allow`-like word
/// (`allow`, `alow`, `allwo`), with or without spaces, then `(` or nothing. Prose that mentions
/// orglint (`# see orglint docs`, `# orglint checks this`, `# Orglint: a linter`) is not.
fn looks_like_suppression(after: &str) -> bool {
    let rest = after.trim_start();
    if rest.starts_with('(') {
        return true;
    }
    if !(rest.len() < after.len() || rest.starts_with(|c: char| c.is_ascii_alphabetic())) {
        return false;
    }
    let word: String = rest
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    let after_word = rest[word.len()..].trim_start();
    (word == "allow" || strsim::osa_distance(&word, "allow") <= 2 && word.len() >= 4)
        && (after_word.is_empty() || after_word.starts_with('('))
}

/// Parses `# orglint: allow(a, b) -- reason`, where `comment` starts at byte `at`.
fn parse_comment(file: FileId, at: usize, comment: &str) -> Option<Suppression> {
    let body = comment.trim_start_matches('#').trim_start();
    let mut sup = Suppression {
        span: Span::new(file, at..at + comment.trim_end().len()),
        rules: Vec::new(),
        reason: None,
        malformed: None,
    };
    let Some(rest) = body.strip_prefix(MARKER) else {
        // `orglint` in any case, then perhaps spaces and a colon, then what looks like `allow(`.
        let word = body.get(..MARKER.len() - 1)?;
        if !word.eq_ignore_ascii_case("orglint") {
            return None;
        }
        let after = &body[word.len()..];
        let colon = after.trim_start().strip_prefix(':');
        if !looks_like_suppression(colon.unwrap_or(after)) {
            return None;
        }
        sup.malformed = Some(if word != "orglint" {
            "write `orglint` in lower case"
        } else if colon.is_some() {
            "expected `:` right after `orglint`, with no space before it"
        } else {
            "expected `:` after `orglint`"
        });
        return Some(sup);
    };
    let offset_of = |s: &str| at + (s.as_ptr() as usize - comment.as_ptr() as usize);
    let Some(args) = rest.trim_start().strip_prefix("allow") else {
        sup.malformed = Some("expected `allow(` after `orglint:`");
        return Some(sup);
    };
    let Some(args) = args.trim_start().strip_prefix('(') else {
        sup.malformed = Some("expected `(` after `allow`");
        return Some(sup);
    };
    let Some(close) = args.find(')') else {
        sup.malformed = Some("expected `)` to close the list of rules");
        return Some(sup);
    };
    for name in args[..close].split(',') {
        let trimmed = name.trim();
        if trimmed.is_empty() {
            continue;
        }
        let start = offset_of(trimmed);
        sup.rules.push(LocatedStr::new(
            trimmed,
            Span::new(file, start..start + trimmed.len()),
        ));
    }
    if sup.rules.is_empty() {
        sup.malformed = Some("the list of rules is empty");
    }
    let tail = args[close + 1..].trim();
    if let Some(reason) = tail.strip_prefix("--") {
        let reason = reason.trim();
        if !reason.is_empty() {
            sup.reason = Some(reason.to_owned());
        }
    } else if !tail.is_empty() {
        sup.malformed = Some("expected `-- reason` after the list of rules");
    }
    Some(sup)
}

/// Where each entity of one file begins, by its table headers: `(offset, scope)` in file order,
/// where a scope (1, 2, ...) is one entity, and scope 0, before the first header, is the whole
/// file (SPEC §3). A sub-table belongs to its entity: `[org.standards]` before `[org]` is the org,
/// `[team.tooling]` the last `[[team]]`.
pub(crate) fn headers(text: &str) -> Vec<(u32, u32)> {
    let found = header_tables(text);
    let mut tables: HashMap<&str, u32> = HashMap::new();
    let mut arrays: HashMap<&str, u32> = HashMap::new();
    let mut next = 0;
    let mut out = Vec::with_capacity(found.len());
    for h in found {
        let key = h
            .first_key
            .and_then(|k| text.get(k))
            .unwrap_or("")
            .trim_matches(['"', '\'']);
        let scope = if h.array && h.keys == 1 {
            next += 1;
            arrays.insert(key, next);
            next
        } else if let Some(&element) = arrays.get(key) {
            element
        } else {
            *tables.entry(key).or_insert_with(|| {
                next += 1;
                next
            })
        };
        out.push((h.start as u32, scope));
    }
    out
}

/// A table header of a file: where it starts, whether it opens an element of an array of
/// tables (`[[team]]`), the span of its first key and how many keys it has (`[team.tooling]`: 2).
#[derive(Debug, PartialEq, Eq)]
struct Header {
    start: usize,
    array: bool,
    first_key: Option<std::ops::Range<usize>>,
    keys: usize,
}

/// The table headers of `text`, which parsed as TOML, in order: found by streaming the lexer's
/// tokens, never holding them (a 20 MB file has millions), and telling a header (a `[` where an
/// expression starts) from an array value (a `[` inside a value, also on a line of its own).
fn header_tables(text: &str) -> Vec<Header> {
    use toml_parser::lexer::TokenKind as K;
    let mut found = Vec::new();
    // How deep inside arrays and inline tables of a value the lexer is.
    let mut depth = 0usize;
    // Whether the next token other than whitespace or a comment starts an expression.
    let mut expression = true;
    // The header being read, and whether its second `[` may come next.
    let mut open: Option<Header> = None;
    let mut just_opened = false;
    for token in toml_parser::Source::new(text).lex() {
        let kind = token.kind();
        let span = token.span();
        if let Some(h) = open.as_mut() {
            let second = std::mem::take(&mut just_opened);
            match kind {
                K::LeftSquareBracket if second => h.array = true,
                K::Atom | K::BasicString | K::LiteralString => {
                    h.keys += 1;
                    h.first_key.get_or_insert(span.start()..span.end());
                }
                K::RightSquareBracket => {
                    found.extend(open.take());
                    expression = false;
                }
                _ => {}
            }
            continue;
        }
        match kind {
            K::Whitespace | K::Comment => {}
            K::Newline => expression = expression || depth == 0,
            K::LeftSquareBracket if expression && depth == 0 => {
                open = Some(Header {
                    start: span.start(),
                    array: false,
                    first_key: None,
                    keys: 0,
                });
                just_opened = true;
            }
            K::LeftSquareBracket | K::LeftCurlyBracket => {
                depth += 1;
                expression = false;
            }
            K::RightSquareBracket | K::RightCurlyBracket => {
                depth = depth.saturating_sub(1);
                expression = false;
            }
            _ => expression = false,
        }
    }
    // A header's closing `]` of `[[a]]` is read as the end of the header; the second one lands
    // here as a stray `]` at depth 0, which changes nothing.
    found
}

/// What applying suppressions gave.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    /// Findings left to report, including `unused-suppression` and `invalid-suppression`.
    pub findings: Vec<Finding>,
    /// How many findings were suppressed.
    pub suppressed: usize,
}

/// The suppression comments of the tree, with where each file's entities start.
pub(crate) struct Scopes<'a> {
    /// Per file: its suppression comments.
    pub suppressions: &'a [Vec<Suppression>],
    /// Per file: its entities, where each starts and which holds each place.
    pub(crate) entities: &'a [Entities],
    /// Per file with suppression comments: its table headers (see [`headers`]).
    pub headers: &'a [Vec<(u32, u32)>],
}

impl<'a> Scopes<'a> {
    /// The suppression scope of `offset`: 0 before the first table header (the whole file), else
    /// the entity's scope (see [`headers`]).
    fn scope(&self, file: FileId, offset: u32) -> u32 {
        let Some(headers) = self.headers.get(file as usize) else {
            return 0;
        };
        match headers.partition_point(|&(start, _)| start <= offset) {
            0 => 0,
            n => headers[n - 1].1,
        }
    }

    /// The entity whose table holds the start of `span`, if any.
    pub(crate) fn entity(&self, span: Span) -> Option<EntityRef> {
        self.entities[span.file as usize].holding(span.start)
    }
}

/// Whether `rule` is one of the rules about the comments themselves (`unused-suppression`,
/// `invalid-suppression`): known by how it runs, not by a list of names that could be misspelt.
fn is_meta(rule: &Rule) -> bool {
    matches!(crate::rules::check_of(rule), Check::Suppression)
}

/// The rule names of every comment, filed by file, scope and rule: a finding looks up the two
/// places that can suppress it (its file's whole-file comments and its entity's), however many
/// comments and names there are. All names under one key are used, or unused, together.
struct Index<'a> {
    slots: HashMap<(FileId, u32, &'a str), usize>,
    used: Vec<bool>,
}

impl<'a> Index<'a> {
    fn new(scopes: &Scopes<'a>) -> Self {
        let mut slots = HashMap::new();
        for (f, sups) in scopes.suppressions.iter().enumerate() {
            for sup in sups {
                let scope = scopes.scope(f as FileId, sup.span.start);
                for name in sup.allowed() {
                    let next = slots.len();
                    slots
                        .entry((f as FileId, scope, name.as_str()))
                        .or_insert(next);
                }
            }
        }
        let used = vec![false; slots.len()];
        Index { slots, used }
    }

    fn is_used(&self, scopes: &Scopes<'_>, file: FileId, sup: &Suppression, name: &str) -> bool {
        let scope = scopes.scope(file, sup.span.start);
        self.slots
            .get(&(file, scope, name))
            .is_some_and(|&slot| self.used[slot])
    }
}

/// Drops the findings that comments suppress, then reports unused and invalid suppressions.
///
/// `ran` tells whether a rule ran (and so could have been suppressed); `require_reason` is
/// `[suppressions].require_reason`. A comment may also suppress `unused-suppression` and
/// `invalid-suppression` findings in its scope, in a second pass.
pub(crate) fn apply(
    findings: Vec<Finding>,
    scopes: &Scopes<'_>,
    ran: &dyn Fn(&'static Rule) -> bool,
    require_reason: bool,
) -> Applied {
    let mut index = Index::new(scopes);
    let mut out = Applied::default();
    let (kept, n) = suppress_pass(findings, scopes, &mut index, false);
    out.findings = kept;
    out.suppressed += n;

    // The findings about comments are made only for the meta rules that run, so that the engine
    // filters levels once, before this pass, and nothing turned off is counted as suppressed.
    let report_invalid = ran(&rules::invalid_suppression::RULE);
    let report_unused = ran(&rules::unused_suppression::RULE);
    let mut meta = Vec::new();
    for (f, sups) in scopes.suppressions.iter().enumerate() {
        for sup in sups {
            if report_invalid {
                meta.extend(check_one(sup, require_reason, scopes));
            }
            for name in sup.allowed() {
                // Only the rules that ran could have been suppressed: unknown names and those of
                // rules that may not be suppressed are `invalid-suppression`'s.
                let Some(rule) = rules::find(name.as_str()).filter(|r| r.suppressible) else {
                    continue;
                };
                if report_unused
                    && !is_meta(rule)
                    && ran(rule)
                    && !index.is_used(scopes, f as FileId, sup, name.as_str())
                {
                    meta.push(unused(name, scopes));
                }
            }
        }
    }
    let (kept, n) = suppress_pass(meta, scopes, &mut index, true);
    out.findings.extend(kept);
    out.suppressed += n;
    for (f, sups) in scopes.suppressions.iter().enumerate() {
        for sup in sups {
            for name in sup.allowed() {
                let Some(rule) = rules::find(name.as_str()).filter(|r| is_meta(r)) else {
                    continue;
                };
                if report_unused
                    && ran(rule)
                    && !index.is_used(scopes, f as FileId, sup, name.as_str())
                {
                    out.findings.push(unused(name, scopes));
                }
            }
        }
    }
    out
}

fn suppress_pass(
    findings: Vec<Finding>,
    scopes: &Scopes<'_>,
    index: &mut Index<'_>,
    meta: bool,
) -> (Vec<Finding>, usize) {
    let mut kept = Vec::with_capacity(findings.len());
    let mut suppressed = 0;
    for finding in findings {
        let Some(span) = finding.primary else {
            kept.push(finding);
            continue;
        };
        if scopes.suppressions[span.file as usize].is_empty()
            || !finding.rule.suppressible
            || is_meta(finding.rule) != meta
        {
            kept.push(finding);
            continue;
        }
        let scope = scopes.scope(span.file, span.start);
        let mut hit = false;
        for s in [0, scope] {
            if let Some(&slot) = index.slots.get(&(span.file, s, finding.rule.name)) {
                index.used[slot] = true;
                hit = true;
            }
        }
        if hit {
            suppressed += 1;
        } else {
            kept.push(finding);
        }
    }
    (kept, suppressed)
}

fn check_one(sup: &Suppression, require_reason: bool, scopes: &Scopes<'_>) -> Vec<Finding> {
    let at = |span: Span, message: String| {
        Finding::new(&rules::invalid_suppression::RULE, Some(span), message)
            .with_entity(scopes.entity(span))
    };
    let mut found = Vec::new();
    if let Some(why) = sup.malformed {
        found.push(
            at(sup.span, format!("malformed suppression comment: {why}"))
                .with_label("cannot read this")
                .with_help(FORM),
        );
    }
    for name in &sup.rules {
        match rules::find(name.as_str()) {
            Some(rule) if !rule.suppressible => found.push(
                at(
                    name.span,
                    format!("{} cannot be suppressed", shown_code(name.as_str())),
                )
                .with_label("not suppressible")
                .with_help("fix the file instead; remove this name from the comment"),
            ),
            Some(_) => {}
            None => {
                let mut f = at(
                    name.span,
                    format!("{} is not a rule", shown_code(name.as_str())),
                )
                .with_label("unknown rule");
                match rules::closest(name.as_str()).map(|r| r.name) {
                    Some(near) => f.help(format!("did you mean `{near}`?")),
                    None => f.help("`orglint rules` lists every rule"),
                };
                found.push(f);
            }
        }
    }
    if require_reason && sup.reason.is_none() && sup.malformed.is_none() {
        found.push(
            at(sup.span, "suppression gives no reason".to_owned())
            .with_label("no `-- reason`")
            .with_help("add `-- why this is fine` after the list of rules; `[suppressions].require_reason` is set"),
        );
    }
    found
}

fn unused(name: &LocatedStr, scopes: &Scopes<'_>) -> Finding {
    Finding::new(
        &rules::unused_suppression::RULE,
        Some(name.span),
        format!(
            "suppression of {} suppresses nothing here",
            shown_code(name.as_str())
        ),
    )
    .with_label("unused")
    .with_help("remove it from the comment")
    .with_entity(scopes.entity(name.span))
}

#[cfg(test)]
mod tests {
    /// The table headers of `text` as toml_parser's event parser sees them, over the whole
    /// token list: the oracle the streaming [`header_tables`] is checked against.
    fn headers_by_events(text: &str) -> Vec<Header> {
        use toml_parser::parser::EventKind as K;
        let tokens: Vec<_> = toml_parser::Source::new(text).lex().collect();
        let mut found: Vec<Header> = Vec::new();
        let mut open: Option<Header> = None;
        let mut receiver = |e: toml_parser::parser::Event| {
            let span = e.span();
            match e.kind() {
                K::StdTableOpen | K::ArrayTableOpen => {
                    open = Some(Header {
                        start: span.start(),
                        array: e.kind() == K::ArrayTableOpen,
                        first_key: None,
                        keys: 0,
                    });
                }
                K::SimpleKey => {
                    if let Some(h) = open.as_mut() {
                        h.keys += 1;
                        h.first_key.get_or_insert(span.start()..span.end());
                    }
                }
                K::StdTableClose | K::ArrayTableClose => found.extend(open.take()),
                _ => {}
            }
        };
        toml_parser::parser::parse_document(&tokens, &mut receiver, &mut ());
        found
    }

    #[test]
    fn headers_are_found_by_streaming_as_the_event_parser_finds_them() {
        let tricky = [
            "[org]\nname = \"a\"\n[[team]]\nid = \"t\"\n[team.tooling]\nci = \"x\"\n",
            "members = [\n  [\"a\"],\n  [1, [2]],\n]\n[[ person ]]\nid = \"p\"\n",
            "[ \"team\" . 'tooling' ]\nx = { a = [1, 2], b = { c = [] } }\n[[team.x]]\n",
            "s = \"\"\"\n[not.a.header]\n\"\"\"\nt = '''\n[[nor]]\n'''\n[real]\n",
            "# [comment]\n  [indented] # c\nk = [ # c\n [\"x\"] ]\n\n[[a.b.c]]\n",
            "\u{feff}[org]\r\nname = \"x\"\r\n[[team]]\r\n",
            "t = { a = [\n 1,\n], b = 2 }\n[x]\n",
            "",
        ];
        let mut texts: Vec<String> = tricky.iter().map(|t| t.to_string()).collect();
        // Every fixture file of the project.
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "toml") {
                    texts.extend(std::fs::read_to_string(&path).ok());
                }
            }
        }
        let mut checked = 0;
        for text in &texts {
            if toml::de::DeTable::parse(text).is_err() {
                continue;
            }
            assert_eq!(header_tables(text), headers_by_events(text), "{text:?}");
            checked += 1;
        }
        assert!(checked > 300, "{checked} of {}", texts.len());
    }

    use super::*;

    #[test]
    fn the_meta_rules_are_the_two_about_comments() {
        let meta: Vec<&str> = rules::RULES
            .iter()
            .filter(|r| is_meta(r))
            .map(|r| r.name)
            .collect();
        assert_eq!(meta, ["invalid-suppression", "unused-suppression"]);
    }

    #[test]
    fn parses_rules_reason_and_spans() {
        let text = "x = 1 # orglint: allow(team-size, lone-ml-hire) -- small on purpose\n";
        let sups = scan(0, text);
        assert_eq!(sups.len(), 1);
        let s = &sups[0];
        assert_eq!(s.malformed, None);
        assert_eq!(s.reason.as_deref(), Some("small on purpose"));
        let names: Vec<&str> = s.rules.iter().map(|r| &text[r.span.range()]).collect();
        assert_eq!(names, ["team-size", "lone-ml-hire"]);
    }

    #[test]
    fn ignores_strings_and_flags_malformed_comments() {
        let text = "name = \"# orglint: allow(x)\"\n# orglint: allow team-size\n";
        let sups = scan(0, text);
        assert_eq!(sups.len(), 1);
        assert!(sups[0].malformed.is_some());
    }
}
