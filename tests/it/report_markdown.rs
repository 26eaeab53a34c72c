//! `orglint report --format markdown`: the example org's report (snapshot), a hostile org's
//! parsed as GitHub would (pulldown-cmark with GitHub's extensions: no HTML but what orglint
//! writes, no emphasis, link, image, math or code from a user's text, every name shown as its
//! characters), the chart's Mermaid block read back by Mermaid's own parser (`mermaid-parse`,
//! which `.ci/run` installs), folding in a generated 1,465-team org, a chart too big for Mermaid,
//! parent cycles, determinism and the command line.

use crate::support;
use crate::synth;

use std::path::Path;

use orglint::Report;
use orglint::leadership_report::{self, Content, ReportFormat};
use orglint::render::is_unsafe;
use orglint::rules::RULES;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::support::{HOSTILE_NAMES, PLAIN, lint_dir, repo, run, toml_string};

fn markdown(report: &Report) -> String {
    leadership_report::render(report, ReportFormat::Markdown)
}

fn lint(dir: &Path) -> Report {
    orglint::check(&orglint::CheckOptions {
        paths: vec![dir.to_path_buf()],
        cwd: dir.to_path_buf(),
        ..Default::default()
    })
    .expect("report")
}

/// The text of the report's ```` ```mermaid ```` block, if it has one (and only one).
fn mermaid_block(md: &str) -> Option<String> {
    let blocks: Vec<&str> = md.split("\n```mermaid\n").skip(1).collect();
    assert!(blocks.len() <= 1, "more than one mermaid block");
    let block = blocks.first()?;
    let end = block.find("\n```\n").expect("the block is closed");
    Some(format!("{}\n", &block[..end]))
}

/// What a parse of a report found.
#[derive(Debug, Default)]
struct Rendered {
    /// The text a reader sees (outside code blocks), one line per block.
    text: String,
    /// The text of the Mermaid code block.
    mermaid: Option<String>,
}

/// Whether `s` is text of ours that may be bold, in italics or in code: the report's own words,
/// or what a rule page (ours) writes that way.
fn ours(s: &str, open: &str, close: &str) -> bool {
    let fixed = [
        "error",
        "warning",
        "info",
        "What the reference article suggests.",
        "Findings by team",
        "parent",
        "centralized-ml",
        "management",
        "group",
        "[org]",
        "orglint check",
        "orglint explain RULE",
        "orglint report --format html",
        "orglint graph --format dot",
    ];
    fixed.contains(&s)
        || orglint::model::Stage::NAMES.contains(&s)
        || orglint::model::AiFocus::NAMES.contains(&s)
        || orglint::model::Structure::NAMES.contains(&s)
        || RULES
            .iter()
            .any(|r| r.name == s || r.page.contains(&format!("{open}{s}{close}")))
}

/// Parses `md` as GitHub would, failing on anything a user's text could have made.
fn parse(md: &str) -> Rendered {
    assert!(
        !md.chars().any(|c| c != '\n' && is_unsafe(c)),
        "a raw control, bidi or zero-width character in\n{md}"
    );
    let options = support::gfm_options();
    let mut out = Rendered::default();
    // The text of the bold, italic or code block span being read, with its markers.
    let mut span: Option<(String, &str, &str)> = None;
    let mut code_block: Option<String> = None;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Strong => span = Some((String::new(), "**", "**")),
                Tag::Emphasis => span = Some((String::new(), "*", "*")),
                Tag::CodeBlock(kind) => {
                    let lang = match kind {
                        pulldown_cmark::CodeBlockKind::Fenced(lang) => lang.to_string(),
                        pulldown_cmark::CodeBlockKind::Indented => String::new(),
                    };
                    assert!(
                        ["mermaid", "toml"].contains(&lang.as_str()),
                        "a code block `{lang}` in\n{md}"
                    );
                    code_block = Some(lang);
                }
                Tag::Heading { .. }
                | Tag::Item
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::Paragraph
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::BlockQuote(None)
                | Tag::HtmlBlock => {}
                other => panic!("a {other:?} in\n{md}"),
            },
            Event::End(end) => match end {
                TagEnd::Strong | TagEnd::Emphasis => {
                    let (text, open, close) = span.take().expect("a span");
                    assert!(
                        ours(&text, open, close),
                        "{open}{text}{close} is not ours in\n{md}"
                    );
                    out.text.push_str(&text);
                }
                TagEnd::CodeBlock => code_block = None,
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableRow => {
                    out.text.push('\n')
                }
                TagEnd::TableCell => out.text.push_str(" | "),
                _ => {}
            },
            Event::Text(t) => match (&code_block, &mut span) {
                (Some(lang), _) if lang == "mermaid" => {
                    out.mermaid.get_or_insert_default().push_str(&t)
                }
                (Some(_), _) => {}
                (None, Some((s, _, _))) => s.push_str(&t),
                (None, None) => out.text.push_str(&t),
            },
            Event::Code(code) => {
                assert!(
                    ours(&code, "`", "`"),
                    "a code span `{code}` not ours in\n{md}"
                );
                out.text.push_str(&format!("`{code}`"));
            }
            Event::Html(html) => {
                for line in html.lines().filter(|l| !l.trim().is_empty()) {
                    let summary = line
                        .strip_prefix("<summary>")
                        .and_then(|l| l.strip_suffix("</summary>"));
                    assert!(
                        ["<details>", "</details>"].contains(&line)
                            || summary.is_some_and(|s| {
                                s == "Folded teams"
                                    || s.starts_with("Where the ML practitioners sit: ")
                            }),
                        "raw HTML {line:?} in\n{md}"
                    );
                }
            }
            Event::SoftBreak => out.text.push(' '),
            Event::Rule => {}
            Event::HardBreak => out.text.push('\n'),
            other => panic!("a {other:?} in\n{md}"),
        }
    }
    out
}

/// `s` as a reader of the Markdown sees it: a line break as a space, an unsafe character as its
/// visible `\u{..}`, a zero-width space after `@` and before a digit after `#`.
fn shown(s: &str) -> String {
    let s = s.replace("\r\n", " ").replace(['\r', '\n'], " ");
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '@' => out.push_str("@\u{200b}"),
            '#' if chars.peek().is_some_and(char::is_ascii_digit) => out.push_str("#\u{200b}"),
            c if is_unsafe(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

#[test]
fn the_example_orgs_report() {
    let report = lint_dir(Path::new("fixtures/example-org"));
    let md = markdown(&report);
    insta::assert_snapshot!("example_org_markdown", md);
    let rendered = parse(&md);
    let chart = rendered.mermaid.expect("a mermaid block");
    assert_eq!(Some(chart), mermaid_block(&md));
    for team in &report.org.teams {
        let name = team.name.as_ref().expect("a name").as_str();
        assert!(rendered.text.contains(name) || md.contains(name), "{name}");
    }
    // One group per rule, one item per finding, twice (by rule, by team).
    let content = Content::new(&report);
    for g in &content.by_rule {
        assert!(md.contains(&format!("### `{}` · ", g.rule.name)));
    }
    assert_eq!(
        md.lines().filter(|l| l.starts_with("- **")).count(),
        2 * report.findings.len()
    );
    assert_eq!(md, markdown(&lint_dir(Path::new("fixtures/example-org"))));
}

/// A hostile tree: names that try to break HTML, Markdown and Mermaid, in files whose names do
/// too, plus a `parent` cycle through every team of a second file, a team under a parent that
/// does not exist, and an ML guild.
fn hostile() -> tempfile::TempDir {
    let dir = support::hostile_tree();
    let n = HOSTILE_NAMES.len();
    let mut text = String::new();
    for (i, name) in HOSTILE_NAMES.iter().enumerate() {
        let parent = if i == 0 { n - 1 } else { i - 1 };
        text.push_str(&format!(
            "[[person]]\nid = \"q{i}\"\nname = {}\nrole = \"ml-engineer\"\n\n[[team]]\n\
             id = \"c{i}\"\nname = {}\nkind = \"{}\"\nparent = \"c{parent}\"\nlead = \"q{i}\"\n\
             members = [\"q{i}\", \"ada\"]\n\n",
            toml_string(name),
            toml_string(name),
            ["centralized-ml", "feature", "management", "group"][i % 4],
        ));
    }
    text.push_str(
        "[[team]]\nid = \"stray\"\nname = \"style:#1; %%{init: {}}%%\"\nkind = \"platform\"\n\
         parent = \"nowhere\"\nlead = \"ghost\"\nmembers = [\"ada\"]\n\n[[guild]]\nid = \"g\"\n\
         name = \"<i>g</i> **b**\"\ntopic = \"ML\"\ncadence = \"weekly\"\nmembers = [\"q0\", \"q1\"]\n",
    );
    support::write(dir.path(), "teams/cycle.toml", text);
    dir
}

#[test]
fn every_user_string_of_a_hostile_org_is_escaped() {
    let dir = hostile();
    let report = lint(dir.path());
    assert!(support::fired(&report).contains(&"team-cycle"));
    let md = markdown(&report);
    let rendered = parse(&md);
    for name in HOSTILE_NAMES {
        assert!(
            rendered.text.contains(&shown(name)),
            "{name:?} is not shown as {:?} in\n{}",
            shown(name),
            rendered.text
        );
    }
    // File paths, in `file:line:col`.
    assert!(
        rendered
            .text
            .contains("teams/evil %41,b:c|d [x](y) <b> `q` 'q' \"q\".toml:"),
        "{}",
        rendered.text
    );
    // The chart is one block that nothing closed early, with a node per team.
    let chart = rendered.mermaid.expect("a mermaid block");
    assert_eq!(Some(chart.clone()), mermaid_block(&md));
    let nodes = chart
        .lines()
        .filter(|l| l.starts_with("  t") && l.contains('"'));
    assert_eq!(nodes.count(), report.org.teams.len());
    assert!(!chart.contains('`') && !chart.contains("%%"));
    // A name that Mermaid would read as a directive or a style is entity-coded.
    assert!(
        chart.contains("style#58;#35;1; #37;#37;#123;init#58; #123;#125;#125;#37;#37;"),
        "{chart}"
    );
    assert_eq!(md, markdown(&lint(dir.path())), "deterministic");
}

/// Mermaid reads back one node per chart box: each team by its name and lead as they are, each
/// coloured by its worst finding; each folded box by its count; one edge per box under another.
fn assert_parsed_back(report: &Report) {
    let content = Content::new(report);
    let chart = leadership_report::chart::layout(&content.teams);
    let md = markdown(report);
    let text = mermaid_block(&md).expect("a mermaid block");
    let parsed = support::mermaid_parse(&text);
    assert_eq!(parsed["type"], "flowchart-v2");
    let vertices = parsed["vertices"].as_array().expect("vertices");
    assert_eq!(vertices.len(), chart.boxes.len());
    let mut folded_no = 0;
    for (v, b) in vertices.iter().zip(&chart.boxes) {
        let text = v["text"].as_str().expect("text");
        let classes: Vec<&str> = (v["classes"].as_array().expect("classes").iter())
            .map(|c| c.as_str().expect("class"))
            .collect();
        match &b.shape {
            leadership_report::chart::Shape::Team(t) => {
                let node = &content.teams[*t];
                assert_eq!(v["id"], format!("t{t}"));
                let visible = |s: &str| {
                    let s = s.replace("\r\n", "\n").replace('\r', "\n");
                    let parts: Vec<String> = s
                        .split('\n')
                        .map(|p| orglint::render::visible(p).into_owned())
                        .collect();
                    parts.join("\n")
                };
                let lead = node
                    .lead
                    .map_or("no lead".to_owned(), |l| format!("lead: {}", visible(l)));
                let want = format!("{}\n{lead}\nML practitioners: ", visible(node.name));
                assert!(text.starts_with(&want), "{text:?} for {want:?}");
                let level = match node.worst {
                    Some(orglint::finding::Level::Error) => Some("error"),
                    Some(orglint::finding::Level::Warn) => Some("warning"),
                    Some(_) => Some("info"),
                    None => None,
                };
                for l in ["error", "warning", "info"] {
                    assert_eq!(classes.contains(&l), level == Some(l), "{t}: {classes:?}");
                }
                assert_eq!(classes.contains(&"mlTeam"), node.ml_team);
            }
            leadership_report::chart::Shape::Folded(teams) => {
                folded_no += 1;
                assert_eq!(v["id"], format!("f{folded_no}"));
                assert!(
                    text.starts_with(&format!("{} teams without findings", teams.len()))
                        || teams.len() >= 1_000,
                    "{text}"
                );
                assert_eq!(classes, ["folded"]);
            }
        }
    }
    let edges = parsed["edges"].as_array().expect("edges");
    let want: Vec<(usize, usize)> = (chart.boxes.iter().enumerate())
        .filter_map(|(i, b)| Some((i, b.parent?)))
        .collect();
    assert_eq!(edges.len(), want.len());
    for (e, (from, to)) in edges.iter().zip(want) {
        assert_eq!(e["from"], vertices[from]["id"]);
        assert_eq!(e["to"], vertices[to]["id"]);
    }
}

#[test]
fn mermaid_parses_the_reports_chart_back() {
    if !support::tool_or_skip(
        "mermaid-parse",
        ".ci/run installs it: npm's mermaid and jsdom behind .ci/mermaid-parse.mjs",
        "mermaid_parses_the_reports_chart_back",
    ) {
        return;
    }
    assert_parsed_back(&lint_dir(Path::new("fixtures/example-org")));
    assert_parsed_back(&lint(hostile().path()));
    assert_parsed_back(&lint(generated().path()));
}

/// The generated org of `tests/it/report.rs`: 1,465 teams, 10,000 people.
fn generated() -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("tempdir");
    let org = synth::generate(&synth::Options {
        people: 10_000,
        seed: 1,
        layout: synth::Layout::Files,
    });
    org.write(temp.path()).expect("write");
    temp
}

#[test]
fn a_generated_1000_team_org_is_folded_as_the_html_page_folds_it() {
    let temp = generated();
    let report = lint(temp.path());
    assert!(report.org.teams.len() >= 1_000);
    let md = markdown(&report);
    let rendered = parse(&md);
    let chart = rendered.mermaid.expect("a mermaid block");
    let content = Content::new(&report);
    let layout = leadership_report::chart::layout(&content.teams);
    assert!(layout.folded);
    let node = |l: &&str, prefix: &str| l.starts_with(prefix) && l.contains('"');
    let teams = chart.lines().filter(|l| node(l, "  t")).count();
    let folded = chart.lines().filter(|l| node(l, "  f")).count();
    let boxes = layout.boxes.len();
    assert_eq!(teams + folded, boxes, "one node per box");
    assert_eq!(
        teams + layout.folded_teams(),
        report.org.teams.len(),
        "every team drawn or folded"
    );
    assert!(md.contains(&format!(
        "into one grey box: {} teams in",
        support::thousands(layout.folded_teams())
    )));
    assert!(md.contains("<summary>Folded teams</summary>"));
    assert_eq!(md.matches("\n- List ").count(), folded);
    assert!(chart.len() < 50_000 && chart.lines().filter(|l| l.contains(" --> ")).count() < 500);
}

#[test]
fn a_chart_too_big_for_mermaid_is_left_out_with_a_note() {
    // 600 teams in a chain, each with a finding (`empty-team`): 600 boxes, 599 links.
    let mut text = String::from(crate::tiny_org!());
    for i in 0..600 {
        let parent = if i == 0 {
            String::new()
        } else {
            format!("parent = \"t{}\"\n", i - 1)
        };
        text.push_str(&format!(
            "\n[[team]]\nid = \"t{i}\"\nname = \"Team {i}\"\nkind = \"platform\"\n{parent}members = []\n"
        ));
    }
    let dir = support::tree(&[("org.toml", text)]);
    let report = lint(dir.path());
    let md = markdown(&report);
    assert!(mermaid_block(&md).is_none(), "no mermaid block");
    assert!(md.contains(
        "The chart has 600 boxes and 599 links: more than Mermaid draws (at most 50,000 \
         characters and 500 links), so it is left out."
    ));
    parse(&md);
}

#[test]
fn the_command_writes_the_markdown_report() {
    let out = tempfile::tempdir().expect("tempdir");
    let file = out.path().join("report.md");
    let file_arg = file.to_str().expect("UTF-8 path");
    let (code, stdout, stderr) = run(
        &repo(),
        &[
            "report",
            "fixtures/example-org",
            "--format",
            "markdown",
            "--output",
            file_arg,
        ],
        PLAIN,
    );
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let written = std::fs::read_to_string(&file).expect("the report");
    assert_eq!(
        written,
        markdown(&lint_dir(Path::new("fixtures/example-org")))
    );
    let (code, stdout, _) = run(
        &repo(),
        &["report", "fixtures/example-org", "--format", "markdown"],
        PLAIN,
    );
    assert_eq!((code, stdout), (0, written));
}

#[test]
fn an_org_without_org_table_or_teams() {
    let dir = support::tree(&[("people.toml", "[[person]]\nid = \"a\"\nrole = \"cto\"\n")]);
    let md = markdown(&lint(dir.path()));
    assert!(md.starts_with("# No organisation\n"));
    assert!(md.contains("The org has no teams to draw."));
    assert!(mermaid_block(&md).is_none());
    parse(&md);
}
