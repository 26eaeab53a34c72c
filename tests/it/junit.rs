//! `--format junit` read back by an XML parser (quick-xml, a dev-dependency), as GitLab and
//! Jenkins read it: the counts are the findings', every case names its rule, file and line, the
//! names GitLab keys cases on are unique, hostile names from the files cannot break the document
//! and read back as the terminal formats show them, and a clean run is one passing case.

use crate::support;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use orglint::Report;
use orglint::finding::Level;
use orglint::render::printable;
use quick_xml::events::Event;

/// An element as parsed: name, attributes (unescaped) and children; `text` is its text content
/// with references resolved.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn attr(&self, name: &str) -> &str {
        self.attrs
            .get(name)
            .unwrap_or_else(|| panic!("<{}> has no {name}: {self:?}", self.name))
    }

    fn count(&self, name: &str) -> usize {
        self.attr(name)
            .parse()
            .unwrap_or_else(|e| panic!("{name} of <{}>: {e}", self.name))
    }

    fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// Whether XML 1.0 allows `c` in a document at all (its production `Char`).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Parses `doc`, which must be well-formed XML 1.0 with the JUnit declaration and hold no
/// character that XML forbids or a terminal must not see raw; returns the root element.
fn parse(doc: &str) -> Element {
    assert!(
        doc.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        "{doc}"
    );
    for c in doc.chars() {
        // quick-xml does not check `Char`: this does, and more (no raw bidi, C1, tab or CR).
        assert!(xml_char(c), "a character XML 1.0 forbids: {c:?} in\n{doc}");
        assert!(
            c == '\n' || !orglint::render::is_unsafe(c),
            "a raw {c:?} in\n{doc}"
        );
    }
    assert!(!doc.contains("CDATA"), "{doc}");
    let mut reader = quick_xml::Reader::from_str(doc);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = vec![Element::default()];
    let open = |e: &quick_xml::events::BytesStart| {
        let mut element = Element {
            name: String::from_utf8(e.name().as_ref().to_vec()).expect("UTF-8 name"),
            ..Element::default()
        };
        for a in e.attributes() {
            let a = a.expect("well-formed attribute");
            let key = String::from_utf8(a.key.as_ref().to_vec()).expect("UTF-8 key");
            let value = a
                .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .expect("escaped attribute")
                .into_owned();
            assert!(
                element.attrs.insert(key.clone(), value).is_none(),
                "attribute {key} twice"
            );
        }
        element
    };
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("not XML: {e}\n{doc}"))
        {
            Event::Decl(_) => {}
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let element = open(&e);
                stack.last_mut().expect("parent").children.push(element);
            }
            Event::End(_) => {
                let element = stack.pop().expect("open element");
                stack.last_mut().expect("parent").children.push(element);
            }
            Event::Text(t) => {
                let text = t.xml10_content().expect("UTF-8 text");
                stack.last_mut().expect("element").text.push_str(&text);
            }
            Event::GeneralRef(r) => {
                let name = r.decode().expect("UTF-8 reference");
                let c = match r.resolve_char_ref().expect("a valid character reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&name)
                        .unwrap_or_else(|| panic!("an undefined entity &{name};"))
                        .to_owned(),
                };
                stack.last_mut().expect("element").text.push_str(&c);
            }
            Event::Eof => break,
            other => panic!("unexpected {other:?} in\n{doc}"),
        }
    }
    let mut document = stack.pop().expect("document");
    assert!(stack.is_empty(), "unclosed elements");
    assert_eq!(document.children.len(), 1, "one root");
    assert!(document.text.trim().is_empty(), "text outside the root");
    document.children.pop().expect("root")
}

/// `s` as the JUnit report shows it once decoded: as the terminal formats do ([`printable`]),
/// and with the two noncharacters XML 1.0 forbids also written as escapes.
fn shown(s: &str) -> String {
    printable(s)
        .replace('\u{fffe}', r"\u{fffe}")
        .replace('\u{ffff}', r"\u{ffff}")
}

/// A finding as the JSON report states it, to compare the JUnit cases with.
#[derive(Debug)]
struct Expected {
    rule: String,
    severity: String,
    message: String,
    file: Option<String>,
    line: Option<u64>,
    column: Option<u64>,
}

fn expected(report: &Report) -> Vec<Expected> {
    let json: serde_json::Value = serde_json::from_str(&support::json(report)).expect("JSON");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| Expected {
            rule: d["rule"].as_str().expect("rule").to_owned(),
            severity: d["severity"].as_str().expect("severity").to_owned(),
            message: d["message"].as_str().expect("message").to_owned(),
            file: d["file"].as_str().map(str::to_owned),
            line: d["line"].as_u64(),
            column: d["column"].as_u64(),
        })
        .collect()
}

/// Parses the JUnit report of `report` and checks it against the findings: the counts at both
/// levels, one suite per rule, one case per finding in order, each with its place, failure
/// or output, and names unique within a suite. Returns the document.
fn check_against_findings(report: &Report) -> Element {
    let doc = support::rendered(report, "junit");
    assert_eq!(doc, support::rendered(report, "junit"), "deterministic");
    let root = parse(&doc);
    assert_eq!(root.name, "testsuites");
    assert_eq!(root.attr("name"), "orglint");
    let findings = expected(report);
    assert_eq!(findings.len(), report.findings.len());
    let failing = |s: &str| s == "error" || s == "warning";
    assert_eq!(root.count("tests"), findings.len());
    assert_eq!(
        root.count("failures"),
        findings.iter().filter(|f| failing(&f.severity)).count()
    );
    assert_eq!(
        root.count("failures"),
        report.count(Level::Error) + report.count(Level::Warn),
        "no finding here stands for others"
    );
    assert_eq!((root.count("errors"), root.count("skipped")), (0, 0));

    // Per rule, in rule order, the findings in report order.
    let mut by_rule: BTreeMap<&str, Vec<&Expected>> = BTreeMap::new();
    for f in &findings {
        by_rule.entry(&f.rule).or_default().push(f);
    }
    let suites: Vec<&Element> = root.children_named("testsuite").collect();
    assert_eq!(suites.len(), root.children.len(), "only suites at the top");
    assert_eq!(
        suites.iter().map(|s| s.attr("name")).collect::<Vec<_>>(),
        by_rule.keys().copied().collect::<Vec<_>>()
    );
    for (suite, (rule, findings)) in suites.iter().zip(&by_rule) {
        let cases: Vec<&Element> = suite.children_named("testcase").collect();
        assert_eq!(cases.len(), suite.children.len());
        assert_eq!(suite.count("tests"), findings.len(), "{rule}");
        assert_eq!(cases.len(), findings.len(), "{rule}");
        let mut names = HashSet::new();
        for (case, f) in cases.iter().zip(findings) {
            assert_eq!(case.attr("classname"), format!("orglint.{rule}"));
            assert!(names.insert(case.attr("name")), "{rule}: a name twice");
            let message = shown(&f.message);
            let head = format!("{}[{}] {}", f.severity, f.rule, message);
            let first = match &f.file {
                Some(file) => {
                    let file = shown(file);
                    assert_eq!(case.attr("file"), file);
                    assert_eq!(case.count("line") as u64, f.line.expect("line"));
                    assert!(
                        case.attr("name").starts_with(&format!("{file}: {message}")),
                        "{case:?}"
                    );
                    format!(
                        "{file}:{}:{}: {head}",
                        f.line.expect("line"),
                        f.column.expect("column")
                    )
                }
                None => {
                    assert!(!case.attrs.contains_key("file"), "{case:?}");
                    assert!(case.attr("name").starts_with(&*message), "{case:?}");
                    head
                }
            };
            let [inner] = case.children.as_slice() else {
                panic!("one child: {case:?}")
            };
            if failing(&f.severity) {
                assert_eq!(inner.name, "failure");
                assert_eq!(inner.attr("type"), f.severity);
                assert_eq!(inner.attr("message"), message);
            } else {
                assert_eq!(inner.name, "system-out");
            }
            let lines: Vec<&str> = inner.text.lines().collect();
            assert_eq!(lines[0], first, "{inner:?}");
            assert_eq!(
                lines.last(),
                Some(&&*format!("see `orglint explain {rule}`"))
            );
        }
        assert_eq!(
            suite.count("failures"),
            findings.iter().filter(|f| failing(&f.severity)).count()
        );
    }
    root
}

#[test]
fn the_example_org_reads_back_as_its_findings() {
    let report = support::lint_dir(Path::new("fixtures/example-org"));
    assert!(report.findings.len() > 5);
    assert!(report.findings.iter().any(|f| f.level == Level::Info));
    check_against_findings(&report);
    insta::assert_snapshot!(support::rendered(&report, "junit"));
}

#[test]
fn a_clean_org_is_one_passing_case() {
    let dir = support::tree(&[("org.toml", crate::tiny_org!())]);
    let (code, stdout, _) =
        support::run(dir.path(), &["check", "--format", "junit"], support::PLAIN);
    assert_eq!(code, 0);
    let root = parse(&stdout);
    assert_eq!(
        (root.count("tests"), root.count("failures")),
        (1, 0),
        "{stdout}"
    );
    let suite = &root.children[0];
    assert_eq!(suite.attr("name"), "orglint");
    let case = &suite.children[0];
    assert_eq!(
        (case.attr("classname"), case.attr("name")),
        ("orglint", "no findings")
    );
    assert_eq!(case.children[0].name, "system-out");
    assert_eq!(case.children[0].text, "0 errors, 0 warnings in 1 file");
    insta::assert_snapshot!(stdout);
}

/// Names, ids and a file name holding markup, quotes, backticks, pipes, brackets, `%`, `]]>`,
/// `&`, line breaks, control characters (NUL, ESC, BEL, C1 CSI) and bidi overrides.
#[test]
fn hostile_names_cannot_break_the_document() {
    let hostile = r#"<script>alert(\"x\")</script> 'q' `b` |p| [l](u) 50% ]]> &amp; \u0000\u0007\u001b[2J\u009b\r\n\u202e\u2066\ufffe"#;
    let team = format!(
        "[[team]]\nid = \"core\"\nname = \"{hostile}\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = []\n"
    );
    let person = format!(
        "[[person]]\nid = \"x{hostile}\"\nname = \"{hostile}\"\nrole = \"cto\"\nreports_to = \"ada\"\n"
    );
    let dir = support::tree(&[
        ("org.toml", crate::tiny_org!().to_owned()),
        ("teams/a&<b>\"'`|[x]%]]>\u{202e}\u{7}.toml", team.clone()),
        ("people/odd.toml", person),
        // The same team twice in one file: two findings with the same message.
        (
            "teams/twice.toml",
            format!("{team}\n{}", team.replace("\"core\"", "\"core2\"")),
        ),
    ]);
    let report = orglint::check(&orglint::CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        cwd: dir.path().to_path_buf(),
        ..Default::default()
    })
    .expect("check");
    assert!(report.findings.len() >= 4, "{:?}", report.findings);
    let root = check_against_findings(&report);
    // The hostile strings came through: decoded, they are what the terminal formats show.
    let text: String = root
        .children
        .iter()
        .flat_map(|s| &s.children)
        .flat_map(|c| {
            c.attrs
                .values()
                .cloned()
                .chain(c.children.iter().map(|i| i.text.clone()))
        })
        .collect();
    for piece in [
        r#"<script>alert(\"x\")</script> 'q' `b` |p| [l](u) 50% ]]> &amp; "#,
        "&amp;",
        r"\u{0}\u{7}\u{1b}[2J\u{9b}\u{d}\u{a}\u{202e}\u{2066}\u{fffe}",
        "teams/a&<b>\"'`|[x]%]]>\\u{202e}\\u{7}.toml",
    ] {
        assert!(text.contains(piece), "{piece:?} not in {text}");
    }
    let doc = support::rendered(&report, "junit");
    assert!(!doc.contains("<script"), "{doc}");
    // Two findings with one name get told apart, as GitLab keys a case on its name.
    assert!(doc.contains(" (2)\" classname="), "{doc}");
    insta::assert_snapshot!(doc);
}

#[test]
fn statistics_are_one_case_per_rule() {
    let report = support::lint_dir(Path::new("fixtures/example-org"));
    let doc = render_statistics(&report);
    let root = parse(&doc);
    let suite = &root.children[0];
    let rules = support::fired(&report);
    assert_eq!(root.count("tests"), rules.len());
    let names: Vec<&str> = suite.children.iter().map(|c| c.attr("name")).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, rules);
    insta::assert_snapshot!(doc);
}

fn render_statistics(report: &Report) -> String {
    orglint::render::format("junit")
        .expect("junit")
        .statistics(report)
}

#[test]
fn output_writes_the_document_and_keeps_the_exit_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("orglint-junit.xml");
    let out_arg = out.to_str().expect("UTF-8 path");
    let example = support::repo().join("fixtures/example-org");
    let (code, stdout, stderr) = support::run(
        &example,
        &["check", "--format", "junit", "--output", out_arg],
        support::PLAIN,
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    let written = std::fs::read_to_string(&out).expect("report written");
    let (_, direct, _) = support::run(&example, &["check", "--format", "junit"], support::PLAIN);
    assert_eq!(written, direct);
    parse(&written);
}
