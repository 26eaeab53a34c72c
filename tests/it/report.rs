//! `orglint report --format html`: the example org's page, a hostile org's (every user string
//! escaped, the chart still well-formed), self-containedness, a generated 1,000-team org (size
//! bound, folding, one chart node per team), parent cycles and unknown parents, determinism, and
//! the command line.

use crate::support;
use crate::synth;

use std::path::Path;

use orglint::Report;
use orglint::leadership_report::{self, Content, ReportFormat};

use crate::support::{HOSTILE_NAMES, PLAIN, lint_dir, repo, run, tree};

fn html(report: &Report) -> String {
    leadership_report::render(report, ReportFormat::Html)
}

/// The inline SVG of a page, parsed as XML: it must be well-formed, so that no user string
/// broke out of its text or attribute. Returns how many `<g class="team">` it holds, and the
/// text of every `<title>` and `<text>`.
fn parse_svg(page: &str) -> (usize, Vec<String>) {
    use quick_xml::events::Event;
    let start = page.find("<svg").expect("an <svg>");
    let end = page.find("</svg>").expect("</svg>") + "</svg>".len();
    let mut reader = quick_xml::Reader::from_str(&page[start..end]);
    let (mut teams, mut texts) = (0, Vec::new());
    // The text of the `<text>` or `<title>` being read, if one is.
    let mut current: Option<String> = None;
    loop {
        match reader.read_event().expect("well-formed SVG") {
            Event::Start(e) => {
                let class = e.try_get_attribute("class").expect("attribute").map(|a| {
                    a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .expect("value")
                        .into_owned()
                });
                if e.name().as_ref() == b"g" && class.as_deref() == Some("team") {
                    teams += 1;
                }
                if matches!(e.name().as_ref(), b"text" | b"title") {
                    current = Some(String::new());
                }
            }
            Event::Text(t) => {
                if let Some(text) = &mut current {
                    text.push_str(&t.xml10_content().expect("UTF-8 text"));
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().expect("UTF-8 reference").into_owned();
                let c = match r.resolve_char_ref().expect("a valid character reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&name)
                        .unwrap_or_else(|| panic!("an undefined entity &{name};"))
                        .to_owned(),
                };
                current.as_mut().expect("a reference in text").push_str(&c);
            }
            Event::End(_) => texts.extend(current.take()),
            Event::Eof => break,
            _ => {}
        }
    }
    (teams, texts)
}

/// How many teams the folded boxes of a page stand for, read from their titles.
fn folded_in_page(page: &str) -> usize {
    page.split("<g class=\"folded\"")
        .skip(1)
        .map(|rest| {
            let title = rest.split_once("<title>").expect("title").1;
            let n = title.split_once(' ').expect("count").0.replace(',', "");
            n.parse::<usize>().expect("a count")
        })
        .sum()
}

/// What an HTML page may not hold if it is to need nothing from outside.
fn assert_self_contained(page: &str) {
    for bad in [
        "http", "src=", "@import", "url(", "<script", "<link", "<iframe",
    ] {
        assert!(
            !page.to_ascii_lowercase().contains(bad),
            "the page holds `{bad}`"
        );
    }
}

#[test]
fn the_example_orgs_report() {
    let report = lint_dir(Path::new("fixtures/example-org"));
    let page = html(&report);
    insta::assert_snapshot!("example_org_html", page);
    assert_self_contained(&page);
    let (teams, _) = parse_svg(&page);
    assert_eq!(teams, report.org.teams.len());
    // Every finding of a team links to its box, and every box with findings to its list.
    for t in 0..report.org.teams.len() {
        assert!(page.contains(&format!("<g class=\"team\" id=\"team-{t}\">")));
    }
    for (t, href) in [(3, "#findings-team-3"), (5, "#findings-team-5")] {
        assert!(page.contains(&format!("id=\"findings-team-{t}\"")) && page.contains(href));
    }
    // The same bytes from another run.
    let again = lint_dir(Path::new("fixtures/example-org"));
    assert_eq!(page, html(&again));
}

#[test]
fn the_content_is_computed_once_from_the_model() {
    let report = lint_dir(Path::new("fixtures/example-org"));
    let content = Content::new(&report);
    let facts = content.facts.expect("an org");
    assert_eq!(Some(facts), report.org.facts());
    let f = &content.figures;
    assert_eq!(f.headcount, report.org.headcount());
    assert_eq!(f.teams, 6);
    assert_eq!(f.ml_practitioners, 6);
    assert_eq!(f.ml_guild_members, Some(5));
    assert_eq!(f.guild_coverage_percent(), Some(83));
    assert_eq!(f.teams_with_findings, content.by_team.len());
    let grouped: usize = content.by_rule.iter().map(|g| g.findings.len()).sum();
    assert_eq!(grouped, report.findings.len());
    let by_team: usize = content.by_team.iter().map(|g| g.findings.len()).sum();
    assert_eq!(by_team + content.elsewhere.len(), report.findings.len());
    let advice = content.advice.expect("advice");
    assert_eq!(advice.fits, Some(false), "a hybrid product startup");
    assert!(
        content
            .by_rule
            .iter()
            .all(|g| !g.what.is_empty() && !g.why.is_empty())
    );
}

/// `s` as the report must write it: an independent oracle of the HTML escaper.
fn escaped(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if orglint::render::is_unsafe(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

#[test]
fn every_user_string_of_a_hostile_org_is_escaped() {
    let dir = support::hostile_tree();
    // Hostile ids are malformed; hostile names, leads and a guild are not: add a team tree with
    // a hostile lead and a parent link, and an ML guild.
    support::write(
        dir.path(),
        "teams/tree.toml",
        "[[team]]\nid = \"root\"\nname = \"Root <b>&amp;</b>\"\nkind = \"platform\"\n\
         lead = \"eve\"\nmembers = [\"eve\"]\n\n[[team]]\nid = \"leaf\"\nname = \"Leaf `x` | [y]\"\n\
         kind = \"feature\"\nparent = \"root\"\nlead = \"eve\"\nmembers = [\"eve\"]\n\n\
         [[person]]\nid = \"eve\"\nname = \"Eve <script>alert('e')</script> \\\"q\\\"\\n2\"\n\
         role = \"ml-engineer\"\n\n[[guild]]\nid = \"g\"\nname = \"<i>g</i>\"\ntopic = \"ML\"\n\
         members = [\"eve\"]\n",
    );
    let report = orglint::check(&orglint::CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        cwd: dir.path().to_path_buf(),
        ..Default::default()
    })
    .expect("report");
    let page = html(&report);
    assert!(!page.contains("<script"), "no raw <script from the files");
    assert!(!page.contains("<img"), "no raw <img from the files");
    assert!(!page.contains("<b>&amp;") && !page.contains("<i>g"));
    assert!(
        !page
            .chars()
            .any(|c| c != '\n' && orglint::render::is_unsafe(c)),
        "no control, bidi or zero-width character reaches the page"
    );
    for name in HOSTILE_NAMES {
        // Boxes cut long names: the start of each name is on the page, escaped.
        let start: String = name.chars().take(20).collect();
        assert!(
            page.contains(&escaped(&start)),
            "{name:?} is not on the page as {:?}",
            escaped(&start)
        );
    }
    for s in [
        "Root <b>&amp;</b>",
        "Leaf `x` | [y]",
        "Eve <script>alert('e')</script> \"q\"\n2",
    ] {
        assert!(page.contains(&escaped(s)), "{s:?} as {:?}", escaped(s));
    }
    // Paths of files with hostile names, in `file:line:col`.
    assert!(page.contains(&escaped(
        "teams/evil %41,b:c|d [x](y) <b> `q` 'q' \"q\".toml"
    )));
    // The chart is still well-formed XML, holds every team, and reads back the names as they are.
    let (teams, texts) = parse_svg(&page);
    assert_eq!(teams, report.org.teams.len());
    assert!(
        texts.iter().any(|t| t.starts_with("Root <b>&amp;</b>")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("lead: Eve <script>alert('e')"))
    );
}

#[test]
fn a_generated_1000_team_org_folds_what_has_no_finding_and_stays_small() {
    let temp = tempfile::tempdir().expect("tempdir");
    let opts = synth::Options {
        people: 10_000,
        seed: 1,
        layout: synth::Layout::Files,
    };
    let org = synth::generate(&opts);
    assert!(org.teams >= 1_000, "{} teams", org.teams);
    org.write(temp.path()).expect("write");
    let report = orglint::check(&orglint::CheckOptions {
        paths: vec![temp.path().to_path_buf()],
        cwd: temp.path().to_path_buf(),
        ..Default::default()
    })
    .expect("report");
    let page = html(&report);
    assert!(
        page.len() < 2_000_000,
        "{} bytes for {} teams",
        page.len(),
        org.teams
    );
    assert_self_contained(&page);
    let (boxes, _) = parse_svg(&page);
    let folded = folded_in_page(&page);
    assert!(folded > 0 && boxes < 200, "{boxes} boxes, {folded} folded");
    assert_eq!(
        boxes + folded,
        report.org.teams.len(),
        "one chart node per team"
    );
    assert!(page.contains(&format!(
        "the chart folds each group of subtrees without findings (and without an ML team) into \
         one box: {} teams in",
        support::thousands(folded)
    )));
    // Every team with a finding, and every ML team, has a box of its own.
    let content = Content::new(&report);
    for (t, node) in content.teams.iter().enumerate() {
        if node.findings > 0 || node.ml_team {
            assert!(page.contains(&format!("<g class=\"team\" id=\"team-{t}\">")));
        }
    }
}

fn orglint_tiny() -> String {
    crate::tiny_org!().to_owned()
}

#[test]
fn teams_on_a_parent_cycle_or_under_an_unknown_parent_are_roots() {
    let mut teams = String::new();
    // a -> b -> c -> a, d -> a (into the cycle), e -> nowhere, f -> f, g -> e.
    for (id, parent) in [
        ("a", "b"),
        ("b", "c"),
        ("c", "a"),
        ("d", "a"),
        ("e", "nowhere"),
        ("f", "f"),
        ("g", "e"),
    ] {
        teams.push_str(&format!(
            "[[team]]\nid = \"{id}\"\nname = \"Team {id}\"\nkind = \"platform\"\nparent = \"{parent}\"\n\n"
        ));
    }
    let dir = tree(&[("org.toml", orglint_tiny()), ("teams.toml", teams)]);
    let report = orglint::check(&orglint::CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        cwd: dir.path().to_path_buf(),
        ..Default::default()
    })
    .expect("report");
    assert!(support::fired(&report).contains(&"team-cycle"));
    let content = Content::new(&report);
    let parents: Vec<Option<usize>> = content.teams.iter().map(|n| n.parent).collect();
    assert_eq!(
        parents,
        [None, None, None, Some(0), None, None, Some(4)],
        "the cycle's teams and e are roots; d hangs under a, g under e"
    );
    let chart = leadership_report::chart::layout(&content.teams);
    assert_eq!(chart.boxes.len(), 7);
    let (boxes, _) = parse_svg(&html(&report));
    assert_eq!(boxes, 7);
}

#[test]
fn the_command_writes_the_page_and_refuses_other_formats() {
    let out = tempfile::tempdir().expect("tempdir");
    let file = out.path().join("report.html");
    let file_arg = file.to_str().expect("UTF-8 path");
    let (code, stdout, stderr) = run(
        &repo(),
        &["report", "fixtures/example-org", "--output", file_arg],
        PLAIN,
    );
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let written = std::fs::read_to_string(&file).expect("the report");
    assert_eq!(written, html(&lint_dir(Path::new("fixtures/example-org"))));
    // From inside the tree, paths are relative to it, as `check` shows them.
    let (code, stdout, _) = run(&repo().join("fixtures/example-org"), &["report"], PLAIN);
    assert_eq!(code, 0);
    assert_eq!(stdout, written.replace("fixtures/example-org/", ""));
    let (code, _, stderr) = run(
        &repo(),
        &["report", "fixtures/example-org", "--format", "pdf"],
        PLAIN,
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'pdf'"), "{stderr}");
    assert!(
        stderr.contains("[possible values: html, markdown]"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&repo(), &["report", "no/such/dir"], PLAIN);
    assert_eq!(code, 2);
    assert_eq!(stderr, "error: `no/such/dir` does not exist\n");
}

#[test]
fn a_rule_pages_table_is_a_table_on_the_page() {
    // `unknown-reference`'s page has a table of what each key must name.
    let page = html(&lint_dir(Path::new("fixtures/example-org")));
    let start = page
        .find("<table class=\"page\">")
        .expect("the unknown-reference page's table as a table");
    let table = &page[start..start + page[start..].find("</table>").expect("closed")];
    assert!(
        table.contains("<tr><th>key</th><th>must name</th></tr>"),
        "{table}"
    );
    assert!(
        table.contains("<td>person <code>reports_to</code></td><td>a person</td>"),
        "{table}"
    );
    assert!(
        !table.contains("|---"),
        "the rule row is not a row: {table}"
    );
}

#[test]
fn the_report_reads_the_configuration_given_with_config() {
    // A configuration that turns `lead-not-member` off: the page has no such finding.
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("quiet.toml");
    std::fs::write(&config, "[rules]\nlead-not-member = \"off\"\n").expect("write");
    let config = config.to_str().expect("UTF-8 path");
    let heading = "<code>lead-not-member</code> · error";
    let (code, page, stderr) = run(
        &repo(),
        &["report", "fixtures/example-org", "--config", config],
        PLAIN,
    );
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(!page.contains(heading), "{page}");
    let (_, default_page, _) = run(&repo(), &["report", "fixtures/example-org"], PLAIN);
    assert!(default_page.contains(heading), "{default_page}");
}
