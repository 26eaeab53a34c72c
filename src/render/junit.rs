//! `--format junit`: JUnit XML as GitLab's unit test reports and Jenkins' junit plugin read it.
//!
//! One `<testsuite>` per rule that has findings (named by the rule, in rule order), one
//! `<testcase>` per finding, in the report's order. Both consumers show a test case by its
//! `classname` and `name`: GitLab shows `classname` as the suite and keys a case on its suite,
//! `classname` and `name` (a second case with the same key is dropped); Jenkins splits
//! `classname` at its last dot into package and class. So `classname` is `orglint.RULE`
//! (package `orglint`, class the rule) and `name` is `FILE: MESSAGE`: stable when lines move (a
//! merge request compares cases by name across branches, as the fingerprint does), with ` (2)`,
//! ` (3)`... after a name already taken. `file` is the path, which GitLab shows, and `line` the
//! line, as pytest writes them.
//!
//! Errors and warnings are `<failure type="error|warning">`: the `message` attribute is the
//! message (Jenkins' "Error Message") and the text is `file:line:col`, the message, help,
//! related places and the rule's page (GitLab shows only that text). An info never fails a run,
//! so it is a passing case with the same text in its `<system-out>`. Nothing is an `<error>`
//! (a test that could not run) nor `<skipped>`. A run with no finding is one passing case,
//! `orglint` / `no findings`, whose output is the summary line, so the report is never empty.
//!
//! Every string from the files goes through [`xml`]; there is no CDATA, no time and no
//! timestamp, so the document is the same byte for byte from run to run.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use super::escape::documents::xml;
use super::locate::locate;
use super::summary::summary;
use super::{Format, Render};
use crate::Report;
use crate::finding::{Level, Reported};
use crate::text::noun;

/// `--format junit`.
pub(super) static FORMAT: Format = Format {
    name: "junit",
    dialect: super::Dialect::Markup,
    doc: "JUnit XML, for GitLab and Jenkins test reports",
    render: Render::Plain(junit),
    statistics,
};

/// The XML declaration every document starts with.
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// A test case as written: its attributes, and its failure or output.
struct Case {
    /// `classname`.
    class: String,
    /// `name`, unique within its suite.
    name: String,
    /// `file` and `line`, when it has a place.
    place: Option<(String, usize)>,
    /// `type` and `message` of its failure; none for a passing case.
    failure: Option<(&'static str, String)>,
    /// The failure's text, or the passing case's `<system-out>`, escaped line by line.
    text: String,
}

/// Renders the report as JUnit XML.
pub(crate) fn junit(report: &Report) -> String {
    let mut suites: BTreeMap<&'static str, Vec<Case>> = BTreeMap::new();
    let mut taken: HashSet<(&'static str, String)> = HashSet::new();
    for f in &report.findings {
        let at = f.primary.map(|s| locate(&report.sources, s));
        let base = match at {
            Some(at) => format!("{}: {}", xml(at.file), xml(&f.message)),
            None => xml(&f.message).into_owned(),
        };
        let mut name = base.clone();
        let mut n = 1;
        while !taken.insert((f.rule.name, name.clone())) {
            n += 1;
            name = format!("{base} ({n})");
        }
        let failure = match f.level {
            Level::Error => Some("error"),
            Level::Warn => Some("warning"),
            Level::Info | Level::Off => None,
        };
        suites.entry(f.rule.name).or_default().push(Case {
            class: format!("orglint.{}", xml(f.rule.name)),
            name,
            place: at.map(|at| (xml(at.file).into_owned(), at.start.line)),
            failure: failure.map(|kind| (kind, xml(&f.message).into_owned())),
            text: details(report, f),
        });
    }
    let mut suites: Vec<(String, Vec<Case>)> = suites
        .into_iter()
        .map(|(rule, cases)| (xml(rule).into_owned(), cases))
        .collect();
    if suites.is_empty() {
        suites.push((
            "orglint".to_owned(),
            vec![Case {
                class: "orglint".to_owned(),
                name: "no findings".to_owned(),
                place: None,
                failure: None,
                text: xml(&summary(report)).into_owned(),
            }],
        ));
    }
    document(&suites)
}

/// What a finding's case says: `file:line:col: severity[rule] message`, help, related places,
/// how many more there are, and where its page is; one line each, every string escaped.
fn details(report: &Report, f: &Reported) -> String {
    let mut text = String::new();
    if let Some(span) = f.primary {
        let at = locate(&report.sources, span);
        let _ = write!(
            text,
            "{}:{}:{}: ",
            xml(at.file),
            at.start.line,
            at.start.column
        );
    }
    let _ = write!(
        text,
        "{}[{}] {}",
        f.level.severity(),
        xml(f.rule.name),
        xml(&f.message)
    );
    if let Some(help) = &f.help {
        let _ = write!(text, "\nhelp: {}", xml(help));
    }
    for r in &f.related {
        let at = locate(&report.sources, r.span);
        let _ = write!(
            text,
            "\n{}:{}:{}: {}",
            xml(at.file),
            at.start.line,
            at.start.column,
            xml(&r.message)
        );
    }
    if f.related_more > 0 {
        let _ = write!(
            text,
            "\nand {} more related {} not shown",
            f.related_more,
            noun(f.related_more, "place")
        );
    }
    let _ = write!(text, "\nsee `orglint explain {}`", xml(f.rule.name));
    text
}

/// `--statistics --format junit`: one suite, `orglint`, with a case per rule that has findings
/// (`orglint.RULE` / `RULE`) failing with its count as its message, or passing for infos; a
/// run with no finding is the one passing case of [`junit`].
fn statistics(report: &Report) -> String {
    let cases: Vec<Case> = super::statistics(report)
        .into_iter()
        .map(|(rule, count, level)| {
            let counted = format!("{count} {}", noun(count, level.severity()));
            let failure = match level {
                Level::Error => Some("error"),
                Level::Warn => Some("warning"),
                Level::Info | Level::Off => None,
            };
            Case {
                class: format!("orglint.{}", xml(rule)),
                name: xml(rule).into_owned(),
                place: None,
                failure: failure.map(|kind| (kind, counted.clone())),
                text: format!("{counted}\nsee `orglint explain {}`", xml(rule)),
            }
        })
        .collect();
    if cases.is_empty() {
        return junit(report);
    }
    document(&[("orglint".to_owned(), cases)])
}

/// The document of `suites` (name, cases), every string already escaped.
fn document(suites: &[(String, Vec<Case>)]) -> String {
    let failures = |cases: &[Case]| cases.iter().filter(|c| c.failure.is_some()).count();
    let tests: usize = suites.iter().map(|(_, cases)| cases.len()).sum();
    let failed: usize = suites.iter().map(|(_, cases)| failures(cases)).sum();
    let mut out = String::from(DECLARATION);
    let _ = writeln!(
        out,
        "<testsuites name=\"orglint\" tests=\"{tests}\" failures=\"{failed}\" errors=\"0\" skipped=\"0\">"
    );
    for (name, cases) in suites {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            cases.len(),
            failures(cases)
        );
        for case in cases {
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"{}\"",
                case.name, case.class
            );
            if let Some((file, line)) = &case.place {
                let _ = write!(out, " file=\"{file}\" line=\"{line}\"");
            }
            out.push_str(">\n");
            match &case.failure {
                Some((kind, message)) => {
                    let _ = writeln!(
                        out,
                        "      <failure type=\"{kind}\" message=\"{message}\">{}</failure>",
                        case.text
                    );
                }
                None => {
                    let _ = writeln!(out, "      <system-out>{}</system-out>", case.text);
                }
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
