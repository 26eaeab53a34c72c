//! `--format markdown`: the report parsed by a CommonMark parser with GitHub's extensions
//! (pulldown-cmark: tables, strikethrough, task lists, footnotes, math), so that what a comment
//! renders is checked, not our idea of it: no HTML but the `<details>` and `<summary>` orglint
//! writes, no emphasis, link, image, math or code from a user's text, every table row as wide as
//! its head, every name shown as its characters, and the whole within GitHub's comment limit.

use crate::support;

use std::path::Path;

use crate::support::{hostile_tree, repo, transcript};
use orglint::render::is_unsafe;
use orglint::rules::RULES;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// GitHub's comments hold at most this many characters.
const GITHUB_LIMIT: usize = 65_536;

/// What `orglint check PATH --format markdown ARGS` in `dir` writes.
fn markdown(dir: &Path, path: &str, args: &[&str]) -> String {
    let mut all = vec!["check", path, "--format", "markdown"];
    all.extend(args);
    support::utf8(&support::output(dir, &all, support::PLAIN).stdout)
}

/// What a parse of a report found.
#[derive(Debug, Default)]
struct Rendered {
    /// The text a reader sees, code spans in backticks, one line per block or line break.
    text: String,
    /// How many list items (findings) there are.
    items: usize,
    /// How many `<details>` blocks open, and close.
    opened: usize,
    closed: usize,
    /// The text of each heading.
    headings: Vec<(HeadingLevel, String)>,
}

fn is_rule(name: &str) -> bool {
    RULES.iter().any(|r| r.name == name)
}

/// Whether `line` is a `<summary>` orglint writes: `<summary>RULE (LEVEL, N finding[s])</summary>`.
fn is_summary(line: &str) -> bool {
    let Some(inner) = line
        .strip_prefix("<summary>")
        .and_then(|l| l.strip_suffix("</summary>"))
    else {
        return false;
    };
    let Some((rule, rest)) = inner.split_once(" (") else {
        return false;
    };
    let Some((level, count)) = rest.strip_suffix(')').and_then(|r| r.split_once(", ")) else {
        return false;
    };
    let (n, noun) = count.split_once(' ').unwrap_or(("", ""));
    is_rule(rule)
        && ["error", "warning", "info"].contains(&level)
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit() || c == ',')
        && (noun == "findings" || (n == "1" && noun == "finding"))
}

/// Parses `md` as GitHub would, failing on anything a user's text could have made.
fn parse(md: &str) -> Rendered {
    assert!(
        !md.chars().any(|c| c != '\n' && is_unsafe(c)),
        "a raw control, bidi or zero-width character in\n{md}"
    );
    let options = support::gfm_options();
    let mut out = Rendered::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    // Cells of the table's head, and of the row being read.
    let (mut head_cells, mut cells) = (0, 0);
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => heading = Some((level, String::new())),
                Tag::Item => out.items += 1,
                Tag::TableHead | Tag::TableRow => cells = 0,
                Tag::TableCell => cells += 1,
                Tag::Paragraph | Tag::List(None) | Tag::Table(_) | Tag::HtmlBlock => {}
                other => panic!("a {other:?} in\n{md}"),
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) => out.headings.push(heading.take().expect("heading")),
                TagEnd::TableHead => head_cells = cells,
                TagEnd::TableRow => {
                    assert_eq!(cells, head_cells, "a row of another width in\n{md}")
                }
                TagEnd::Paragraph | TagEnd::Item => out.text.push('\n'),
                _ => {}
            },
            Event::Text(t) => match &mut heading {
                Some((_, h)) => h.push_str(&t),
                None => out.text.push_str(&t),
            },
            Event::Code(code) => {
                assert!(
                    is_rule(&code),
                    "a code span `{code}` that is no rule id in\n{md}"
                );
                let shown = format!("`{code}`");
                match &mut heading {
                    Some((_, h)) => h.push_str(&shown),
                    None => out.text.push_str(&shown),
                }
            }
            Event::Html(html) => {
                for line in html.lines().filter(|l| !l.trim().is_empty()) {
                    match line {
                        "<details>" => out.opened += 1,
                        "</details>" => out.closed += 1,
                        l if is_summary(l) => {}
                        l => panic!("raw HTML {l:?} in\n{md}"),
                    }
                }
            }
            Event::HardBreak | Event::SoftBreak => out.text.push('\n'),
            other => panic!("a {other:?} in\n{md}"),
        }
    }
    assert_eq!(out.opened, out.closed, "{md}");
    assert_eq!(
        out.headings.first().map(|h| h.0),
        Some(HeadingLevel::H2),
        "{md}"
    );
    assert_eq!(out.headings[0].1, "orglint");
    for (level, h) in &out.headings[1..] {
        assert_eq!(*level, HeadingLevel::H3, "{md}");
        let rule = h
            .strip_prefix('`')
            .and_then(|h| h.split_once('`'))
            .map(|(r, _)| r);
        assert!(rule.is_some_and(is_rule), "heading {h:?}");
    }
    out
}

#[test]
fn example_org() {
    let (code, text) = transcript(
        &repo(),
        &["check", "fixtures/example-org", "--format", "markdown"],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn example_org_renders_only_what_orglint_writes() {
    let md = markdown(&repo(), "fixtures/example-org", &[]);
    let rendered = parse(&md);
    // 14 findings of 14 rules: the first three open, the other 11 folded.
    assert_eq!(rendered.items, 14);
    assert_eq!(rendered.headings.len(), 1 + 3);
    assert_eq!(rendered.opened, 11);
    assert!(
        rendered.text.contains(
            "fixtures/example-org/teams/platform.toml:5:8: lena leads Platform but is not in its `members`\nhelp: add `lena` to `members`\n"
        ),
        "{}",
        rendered.text
    );
    // Errors come first.
    assert!(
        rendered.headings[1]
            .1
            .starts_with("`lead-not-member` (error")
    );
}

#[test]
fn hostile_names_and_paths() {
    let dir = hostile_tree();
    let (code, text) = transcript(dir.path(), &["check", "--format", "markdown"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn hostile_names_and_paths_render_as_text() {
    let dir = hostile_tree();
    let md = markdown(dir.path(), ".", &[]);
    let rendered = parse(&md);
    assert_eq!(rendered.items, 18);
    // Each name reads as its characters: a line break is a space, a control or bidi character
    // a visible escape, `@` is kept from mentioning and `#1` from linking issue 1 by a
    // zero-width space.
    for shown in [
        "<img src=x onerror=alert(1)>",
        "| **x** |",
        "<script>alert(\"x\")</script> 'q'",
        "\"`code` [l](http://e.x) ![i](j) 100%\"",
        "`a b\\u{7}\\u{1b}[2J\\u{202e}evil\\u{2066} \\u{200b}z`",
        "@\u{200b}org/everyone #\u{200b}1 ~~s~~ $x$ _u_ <!-- c",
        "%0A::error file=x::forged, a:b ##[warning]w",
        "</details></summary>",
        "teams/evil %41,b:c|d [x](y) <b> `q` 'q' \"q\".toml:5:8: ada leads <img",
        "teams/line ::error::forged\\u{202e}.toml:5:8: ",
        "gus's role `<b>|x|</b>` is in no role category",
    ] {
        assert!(
            rendered.text.contains(shown),
            "{shown:?} is not shown as it is in\n{}",
            rendered.text
        );
    }
}

#[test]
fn issue_references_in_any_spelling_link_nothing() {
    let team = "[[team]]\nid = \"t\"\nname = \"GH-12 gh-3 #4 Gh-x\"\nkind = \"platform\"\n\
                lead = \"ada\"\nmembers = []\n";
    let dir = support::tree(&[("org.toml", crate::tiny_org!()), ("t.toml", team)]);
    let rendered = parse(&markdown(dir.path(), ".", &[]));
    // GitHub links `GH-12` and `#4` in the rendered text: a zero-width space after `-` and `#`
    // keeps them words.
    assert!(
        rendered
            .text
            .contains("GH-\u{200b}12 gh-\u{200b}3 #\u{200b}4 Gh-x"),
        "{}",
        rendered.text
    );
}

#[test]
fn hundreds_of_findings_stay_within_a_comment() {
    // 12 files of 80 teams led from outside, with a parent that does not exist, and 12 files of
    // 80 people in no team with an unknown role: 4,800 findings of 5 rules, each at a path of
    // 200 pipes and stars that escaping doubles.
    let dir_name = "|*".repeat(100);
    let name = "| **x** | <img src=x> ".repeat(3);
    let mut files = vec![("org.toml".to_owned(), crate::tiny_org!().to_owned())];
    for f in 0..12 {
        let (mut teams, mut people) = (String::new(), String::new());
        for t in 0..80 {
            teams.push_str(&format!(
                "[[team]]\nid = \"t{f}-{t}\"\nname = {}\nkind = \"platform\"\nlead = \"ada\"\n\
                 members = []\nparent = \"nope\"\n\n",
                support::toml_string(&format!("{name}{f}-{t}"))
            ));
            people.push_str(&format!(
                "[[person]]\nid = \"p{f}-{t}\"\nname = \"P\"\nrole = \"<b>|{t}|</b>\"\nreports_to = \"ada\"\n\n"
            ));
        }
        files.push((format!("{dir_name}/teams{f:02}.toml"), teams));
        files.push((format!("{dir_name}/people{f:02}.toml"), people));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = support::tree(&files);
    let md = markdown(dir.path(), ".", &[]);
    assert!(md.len() <= GITHUB_LIMIT, "{} bytes", md.len());
    assert!(
        md.len() > GITHUB_LIMIT - 4096,
        "the limit is used: {} bytes",
        md.len()
    );
    let rendered = parse(&md);
    let note = md.lines().last().expect("a last line");
    let left_out: usize = note
        .split(' ')
        .next()
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or_else(|| panic!("no count of those left out: {note}"));
    // And one `span-of-control`: Ada has 960 people reporting to her.
    assert_eq!(rendered.items + left_out, 12 * 80 * 5 + 1, "{note}");
    assert!(
        rendered.text.ends_with(
            " findings not shown here (at most 25 of each rule, and at most 65,536 characters in all, what a GitHub comment holds); orglint check lists every one.\n"
        ),
        "{note}"
    );
    // A group past its first 25 says how many more it has.
    assert!(
        rendered.text.contains("\nand 935 more, not shown.\n"),
        "{}",
        rendered.text
    );
    // The counts are of every finding.
    assert!(
        md.contains("| error | 1,920 |\n| warning | 2,881 |\n"),
        "{md}"
    );
}

#[test]
fn statistics_are_the_heading_and_the_tables() {
    let (code, text) = transcript(
        &repo(),
        &[
            "check",
            "fixtures/example-org",
            "--format",
            "markdown",
            "--statistics",
        ],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
    let md = markdown(&repo(), "fixtures/example-org", &["--statistics"]);
    let rendered = parse(&md);
    assert_eq!(
        (rendered.items, rendered.opened, rendered.headings.len()),
        (0, 0, 1)
    );
    let full = markdown(&repo(), "fixtures/example-org", &[]);
    assert!(full.starts_with(&md), "{md}");
}

#[test]
fn a_clean_org_is_a_heading_and_the_summary() {
    let dir = support::tree(&[("org.toml", crate::tiny_org!())]);
    let md = markdown(dir.path(), ".", &[]);
    assert_eq!(md, "## orglint\n\n0 errors, 0 warnings in 1 file\n\n");
    parse(&md);
}

#[test]
fn both_formats_are_byte_for_byte_stable() {
    let dir = hostile_tree();
    for format in ["markdown", "github"] {
        let run = || support::output(dir.path(), &["check", "--format", format], support::PLAIN);
        let first = run();
        for _ in 0..2 {
            assert_eq!(run().stdout, first.stdout, "{format}");
        }
    }
}
