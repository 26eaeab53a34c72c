//! Suppression comments (`# orglint: allow(rule, ...) -- reason`): finding them, applying them, and the findings about them.

use std::collections::HashMap;

use toml_parser::lexer::TokenKind;

use crate::finding::{Finding, closest};
use crate::model::{Sp, Str};
use crate::rules;
use crate::source::{FileId, Span};

/// One suppression comment.
#[derive(Clone, Debug)]
pub struct Suppression {
    /// The whole comment.
    pub span: Span,
    /// The rule names it lists.
    pub rules: Vec<Str>,
    /// The text after `--`, if any.
    pub reason: Option<String>,
    /// Why the comment could not be read, when it could not.
    pub malformed: Option<&'static str>,
}

const MARKER: &str = "orglint:";

/// Finds the suppression comments of one file.
pub fn scan(file: FileId, text: &str) -> Vec<Suppression> {
    if !text.contains(MARKER) {
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

/// Parses `# orglint: allow(a, b) -- reason`, where `comment` starts at byte `at`.
fn parse_comment(file: FileId, at: usize, comment: &str) -> Option<Suppression> {
    let body = comment.trim_start_matches('#').trim_start();
    let rest = body.strip_prefix(MARKER)?;
    let mut sup = Suppression {
        span: Span::new(file, at..at + comment.trim_end().len()),
        rules: Vec::new(),
        reason: None,
        malformed: None,
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
        sup.rules.push(Sp {
            value: trimmed.to_owned(),
            span: Span::new(file, start..start + trimmed.len()),
        });
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

/// What applying suppressions gave.
#[derive(Debug, Default)]
pub struct Applied {
    /// Findings left to report, including `unused-suppression` and `invalid-suppression`.
    pub findings: Vec<Finding>,
    /// How many findings were suppressed.
    pub suppressed: usize,
}

/// The suppression comments of the tree, with where each file's entities start.
pub struct Scopes<'a> {
    /// Per file: its suppression comments.
    pub suppressions: &'a [Vec<Suppression>],
    /// Per file: its entities' start offsets and names, sorted.
    pub entities: &'a [Vec<(u32, String)>],
}

impl Scopes<'_> {
    /// 0 before the first entity (the whole file), else 1 + the entity's index.
    fn scope(&self, file: FileId, offset: u32) -> usize {
        self.entities[file as usize].partition_point(|(s, _)| *s <= offset)
    }

    /// The entity (`team:recs`) whose table holds `offset`, if any.
    pub fn entity(&self, file: FileId, offset: u32) -> Option<&str> {
        let scope = self.scope(file, offset);
        (scope > 0).then(|| self.entities[file as usize][scope - 1].1.as_str())
    }
}

const META: [&str; 2] = ["unused-suppression", "invalid-suppression"];

/// Drops the findings that comments suppress, then reports unused and invalid suppressions.
///
/// `ran` tells whether a rule ran (and so could have been suppressed); `require_reason` is
/// `[suppressions].require_reason`. A comment may also suppress `unused-suppression` and
/// `invalid-suppression` findings in its scope, in a second pass.
pub fn apply(
    findings: Vec<Finding>,
    scopes: &Scopes<'_>,
    ran: &dyn Fn(&str) -> bool,
    require_reason: bool,
) -> Applied {
    let mut used: Vec<Vec<Vec<bool>>> = scopes
        .suppressions
        .iter()
        .map(|sups| sups.iter().map(|s| vec![false; s.rules.len()]).collect())
        .collect();
    // Each comment's scope, worked out once: a finding then looks only at the comments of its own
    // table and of the whole file, which keeps the pass linear however many comments a file has.
    let mut by_scope: HashMap<(FileId, usize), Vec<usize>> = HashMap::new();
    for (f, sups) in scopes.suppressions.iter().enumerate() {
        for (s, sup) in sups.iter().enumerate() {
            let scope = scopes.scope(f as FileId, sup.span.start);
            by_scope.entry((f as FileId, scope)).or_default().push(s);
        }
    }
    let indexed = &Indexed { scopes, by_scope };
    let mut out = Applied::default();
    let (kept, n) = suppress_pass(findings, indexed, &mut used, false);
    out.findings = kept;
    out.suppressed += n;

    let mut meta = Vec::new();
    for (f, sups) in scopes.suppressions.iter().enumerate() {
        for (s, sup) in sups.iter().enumerate() {
            meta.extend(check_one(sup, require_reason));
            for (r, name) in sup.rules.iter().enumerate() {
                let known = rules::find(&name.value).is_some_and(|rule| rule.suppressible());
                if known
                    && !used[f][s][r]
                    && !META.contains(&name.value.as_str())
                    && ran(&name.value)
                {
                    meta.push(unused(name));
                }
            }
        }
    }
    let (kept, n) = suppress_pass(meta, indexed, &mut used, true);
    out.findings.extend(kept);
    out.suppressed += n;
    for (f, sups) in scopes.suppressions.iter().enumerate() {
        for (s, sup) in sups.iter().enumerate() {
            for (r, name) in sup.rules.iter().enumerate() {
                if META.contains(&name.value.as_str()) && !used[f][s][r] && ran(&name.value) {
                    out.findings.push(unused(name));
                }
            }
        }
    }
    out
}

/// The scopes with each comment filed under its file and scope.
struct Indexed<'a, 'b> {
    scopes: &'b Scopes<'a>,
    by_scope: HashMap<(FileId, usize), Vec<usize>>,
}

fn suppress_pass(
    findings: Vec<Finding>,
    indexed: &Indexed<'_, '_>,
    used: &mut [Vec<Vec<bool>>],
    meta: bool,
) -> (Vec<Finding>, usize) {
    let mut kept = Vec::with_capacity(findings.len());
    let mut suppressed = 0;
    for finding in findings {
        let Some(span) = finding.primary else {
            kept.push(finding);
            continue;
        };
        let sups = &indexed.scopes.suppressions[span.file as usize];
        if sups.is_empty() || finding.rule == "invalid-toml" {
            kept.push(finding);
            continue;
        }
        let scope = indexed.scopes.scope(span.file, span.start);
        let mut hit = false;
        let whole_file = indexed.by_scope.get(&(span.file, 0));
        let this_table = (scope != 0)
            .then(|| indexed.by_scope.get(&(span.file, scope)))
            .flatten();
        for &s in whole_file.into_iter().chain(this_table).flatten() {
            for (r, name) in sups[s].rules.iter().enumerate() {
                if name.value == finding.rule && META.contains(&finding.rule) == meta {
                    used[span.file as usize][s][r] = true;
                    hit = true;
                }
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

fn check_one(sup: &Suppression, require_reason: bool) -> Vec<Finding> {
    let mut found = Vec::new();
    if let Some(why) = sup.malformed {
        found.push(
            Finding::new(
                "invalid-suppression",
                Some(sup.span),
                format!("malformed suppression comment: {why}"),
            )
            .with_label("cannot read this")
            .with_help("write `# orglint: allow(rule-a, rule-b) -- reason`"),
        );
        return found;
    }
    for name in &sup.rules {
        match rules::find(&name.value) {
            Some(rule) if !rule.suppressible() => found.push(
                Finding::new(
                    "invalid-suppression",
                    Some(name.span),
                    format!("`{}` cannot be suppressed", name.value),
                )
                .with_label("not suppressible")
                .with_help("fix the file instead; remove this name from the comment"),
            ),
            Some(_) => {}
            None => {
                let mut f = Finding::new(
                    "invalid-suppression",
                    Some(name.span),
                    format!("`{}` is not a rule", name.value),
                )
                .with_label("unknown rule");
                match closest(&name.value, rules::RULES.iter().map(|r| r.name)) {
                    Some(near) => f.help(format!("did you mean `{near}`?")),
                    None => f.help("`orglint rules` lists every rule"),
                };
                found.push(f);
            }
        }
    }
    if require_reason && sup.reason.is_none() {
        found.push(
            Finding::new(
                "invalid-suppression",
                Some(sup.span),
                "suppression gives no reason",
            )
            .with_label("no `-- reason`")
            .with_help("add `-- why this is fine` after the list of rules; `[suppressions].require_reason` is set"),
        );
    }
    found
}

fn unused(name: &Str) -> Finding {
    Finding::new(
        "unused-suppression",
        Some(name.span),
        format!("suppression of `{}` suppresses nothing here", name.value),
    )
    .with_label("unused")
    .with_help("remove it from the comment")
}

#[cfg(test)]
mod tests {
    use super::*;

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
