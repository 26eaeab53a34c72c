//! `orglint report --format markdown`: the report's [`Content`] as Markdown for a pull request or
//! a wiki (GitHub's dialect): the facts and the article's advice, the figures table, the org
//! chart as a ```` ```mermaid ```` block written by the graph module's Mermaid writer, and the
//! findings by rule and by team.
//!
//! Every string from the files goes through the Markdown escaper ([`crate::render::markdown_text`])
//! outside the chart, and through the Mermaid escaper inside it (the writer does that), so no
//! user text can open a tag, a link, emphasis or code, or close the chart's fence (the Mermaid
//! escaper codes every backtick). The rule pages' own text is Markdown of ours and is written as
//! it is, links reduced to their text (their targets are relative to orglint's repository).

use std::fmt::Write as _;

use super::chart::{self, Chart, Shape};
use super::content::{Content, Item, UNNAMED, findings, structure_meaning};
use crate::Reported;
use crate::finding::Level;
use crate::model::TeamKind;
use crate::org_chart::{Edge, EdgeKind, Graph, Node, NodeKind, TeamMark};
use crate::render::{locate, markdown_text as esc};
use crate::text::thousands;

/// From how many teams the list of where ML practitioners sit moves out of the figures table
/// into a folded list of its own (as the HTML page folds it).
const SITTING_OPEN: usize = 12;

/// The most text a Mermaid diagram may have before Mermaid refuses it (`maxTextSize`, whose
/// default GitHub keeps).
pub(crate) const MERMAID_MAX_TEXT: usize = 50_000;

/// The most edges a Mermaid flowchart may have before Mermaid refuses it (`maxEdges`).
pub(crate) const MERMAID_MAX_EDGES: usize = 500;

/// The fill and stroke of a box for its worst finding: the HTML page's colours.
const LEVEL_STYLES: [(&str, &str); 4] = [
    ("error", "fill:#fbd5d5,stroke:#b42318"),
    ("warning", "fill:#fdecc8,stroke:#b54708"),
    ("info", "fill:#d9e8fb,stroke:#175cd3"),
    ("folded", "fill:#f2f4f7,stroke:#98a2b3,stroke-dasharray:5 3"),
];

/// The whole report for `content`.
pub fn render(content: &Content<'_>) -> String {
    let chart = chart::layout(&content.teams);
    let mut out = String::with_capacity(32 * 1024);
    header(&mut out, content);
    figures(&mut out, content);
    chart_section(&mut out, content, &chart);
    by_rule(&mut out, content);
    by_team(&mut out, content);
    let _ = writeln!(
        out,
        "---\n\nWritten by orglint {}. Every finding is also in `orglint check`; `orglint explain \
         RULE` shows a rule's whole page.",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn header(out: &mut String, content: &Content<'_>) {
    let report = content.report;
    let Some(facts) = content.facts else {
        out.push_str(
            "# No organisation\n\nThe tree has no `[org]` table, so there is no name, stage or \
             structure to report; the findings below say what is wrong.\n\n",
        );
        let _ = writeln!(out, "{}\n", esc(&crate::render::summary(report)));
        return;
    };
    let _ = writeln!(
        out,
        "# {}\n\norglint report\n",
        esc(facts.name.unwrap_or(UNNAMED))
    );
    let _ = writeln!(
        out,
        "- Stage: **{}**{}\n- AI focus: **{}**{}\n- Structure: **{}**\n",
        facts.stage.as_str(),
        content.stage_note(),
        facts.ai_focus.as_str(),
        content.focus_note(),
        facts.structure.as_str()
    );
    let _ = writeln!(
        out,
        "The structure is derived from where the ML practitioners work: {} means {}.\n",
        facts.structure.as_str(),
        structure_meaning(facts.structure)
    );
    if let Some(advice) = &content.advice {
        let _ = writeln!(
            out,
            "> **What the reference article suggests.** {} {}\n",
            advice.text,
            esc(&advice.verdict(facts.structure))
        );
    }
    let _ = writeln!(out, "{}\n", esc(&crate::render::summary(report)));
}

fn figures(out: &mut String, content: &Content<'_>) {
    let f = &content.figures;
    out.push_str("## Figures\n\n| Figure | Value | |\n| :-- | --: | :-- |\n");
    let row = |out: &mut String, what: &str, n: &str, more: &str| {
        let _ = writeln!(out, "| {what} | {n} | {more} |");
    };
    row(
        out,
        "Headcount",
        &thousands(f.headcount),
        "current people (alumni left out)",
    );
    row(out, "Teams", &thousands(f.teams), "");
    let listed: Vec<String> = (f.ml_teams_sitting.iter())
        .map(|&(t, n)| format!("{} ({n})", esc(content.teams[t].name)))
        .collect();
    let teams_word = crate::text::noun(listed.len(), "team");
    let sitting = if listed.is_empty() {
        "in no working team".to_owned()
    } else if listed.len() <= SITTING_OPEN {
        format!("in {} {teams_word}: {}", listed.len(), listed.join(", "))
    } else {
        format!(
            "in {} {teams_word} (listed below the table)",
            thousands(listed.len())
        )
    };
    row(
        out,
        "ML practitioners",
        &thousands(f.ml_practitioners),
        &sitting,
    );
    let (coverage, said) = f.guild_coverage();
    row(out, "ML-guild coverage", &coverage, &said);
    row(
        out,
        "Teams with findings",
        &thousands(f.teams_with_findings),
        "listed under *Findings by team*",
    );
    out.push('\n');
    if listed.len() > SITTING_OPEN {
        let _ = writeln!(
            out,
            "<details>\n<summary>Where the ML practitioners sit: {} teams</summary>\n\n{}\n\n\
             </details>\n",
            thousands(listed.len()),
            listed.join(", ")
        );
    }
}

/// The chart's boxes as a graph for the Mermaid writer: one node per box (a team is `t` and its
/// index in the org, a folded box `f1`, `f2`...), one parent edge per box under another.
fn chart_graph(content: &Content<'_>, chart: &Chart) -> Graph {
    let org = &content.report.org;
    let mut nodes = Vec::with_capacity(chart.boxes.len());
    let mut folded_no = 0;
    for b in &chart.boxes {
        nodes.push(match &b.shape {
            Shape::Team(t) => {
                let node = &content.teams[*t];
                let mark = match org.teams[*t].kind.as_ref().map(|k| k.value) {
                    Some(TeamKind::CentralizedMl) => TeamMark::Ml,
                    Some(TeamKind::Management) => TeamMark::Management,
                    Some(TeamKind::Group) => TeamMark::Group,
                    _ => TeamMark::Plain,
                };
                let mut lines = vec![node.name.to_owned()];
                lines.push(
                    node.lead
                        .map_or("no lead".to_owned(), |l| format!("lead: {l}")),
                );
                let mut counts = vec![format!("ML practitioners: {}", thousands(node.ml))];
                if node.in_ml_guild > 0 {
                    counts.push(format!("in an ML guild: {}", thousands(node.in_ml_guild)));
                }
                if node.findings > 0 {
                    counts.push(findings(node.findings));
                }
                lines.push(counts.join(", "));
                Node {
                    id: format!("t{t}"),
                    kind: NodeKind::Team(mark),
                    lines,
                }
            }
            Shape::Folded(teams) => {
                folded_no += 1;
                Node {
                    id: format!("f{folded_no}"),
                    kind: NodeKind::Team(TeamMark::Plain),
                    lines: vec![
                        format!("{} teams without findings", thousands(teams.len())),
                        format!("folded: see list {folded_no} below"),
                    ],
                }
            }
        });
    }
    let edges = (chart.boxes.iter().enumerate())
        .filter_map(|(from, b)| {
            Some(Edge {
                from,
                to: b.parent?,
                kind: EdgeKind::Parent,
            })
        })
        .collect();
    Graph {
        title: None,
        nodes,
        edges,
    }
}

/// The chart as a Mermaid flowchart: the graph module's writer over [`chart_graph`], then one
/// class per level of worst finding (and for folded boxes), in the HTML page's colours.
fn mermaid(content: &Content<'_>, chart: &Chart, graph: &Graph) -> String {
    let mut text = crate::org_chart::mermaid::render(graph);
    let mut classes: [Vec<&str>; 4] = Default::default();
    for (b, node) in chart.boxes.iter().zip(&graph.nodes) {
        let class = match &b.shape {
            Shape::Team(t) => match content.teams[*t].worst {
                Some(Level::Error) => 0,
                Some(Level::Warn) => 1,
                Some(Level::Info | Level::Off) => 2,
                None => continue,
            },
            Shape::Folded(_) => 3,
        };
        classes[class].push(&node.id);
    }
    for ((name, style), ids) in LEVEL_STYLES.iter().zip(&classes) {
        if ids.is_empty() {
            continue;
        }
        let _ = writeln!(text, "  classDef {name} {style}");
        for chunk in ids.chunks(100) {
            let _ = writeln!(text, "  class {} {name}", chunk.join(","));
        }
    }
    text
}

fn chart_section(out: &mut String, content: &Content<'_>, chart: &Chart) {
    out.push_str(
        "## Org chart\n\nTeams point to their `parent`; a team whose parent names no team, or \
         that is on a cycle of parents, starts a tree of its own. Each box shows the team, its \
         lead, how many ML practitioners sit in it, how many of its members are in an ML guild \
         and how many findings it has, and is coloured by its worst finding: red for an error, \
         orange for a warning, blue for an info only, no colour for none. The ML team \
         (`centralized-ml`) is a hexagon, a `management` team a trapezoid, a `group` a \
         stadium.\n\n",
    );
    if content.teams.is_empty() {
        out.push_str("The org has no teams to draw.\n\n");
        return;
    }
    if chart.folded {
        let groups = (chart.boxes.iter())
            .filter(|b| matches!(b.shape, Shape::Folded(_)))
            .count();
        let _ = writeln!(
            out,
            "With {} teams, the chart folds each group of subtrees without findings (and without \
             an ML team) into one grey box: {} teams in {} {}. The list under the chart names \
             them.\n",
            thousands(content.teams.len()),
            thousands(chart.folded_teams()),
            thousands(groups),
            crate::text::one_or_many(groups, "box", "boxes")
        );
    }
    let graph = chart_graph(content, chart);
    let text = mermaid(content, chart, &graph);
    if text.len() > MERMAID_MAX_TEXT || graph.edges.len() > MERMAID_MAX_EDGES {
        let _ = writeln!(
            out,
            "The chart has {} boxes and {} links: more than Mermaid draws (at most {} \
             characters and {} links), so it is left out. `orglint report --format html` draws \
             it, and `orglint graph --format dot` writes it for Graphviz.\n",
            thousands(graph.nodes.len()),
            thousands(graph.edges.len()),
            thousands(MERMAID_MAX_TEXT),
            thousands(MERMAID_MAX_EDGES)
        );
    } else {
        let _ = writeln!(out, "```mermaid\n{text}```\n");
    }
    if chart.folded {
        out.push_str("<details>\n<summary>Folded teams</summary>\n\n");
        let mut folded_no = 0;
        for b in &chart.boxes {
            let Shape::Folded(teams) = &b.shape else {
                continue;
            };
            folded_no += 1;
            let under = match b.parent.map(|p| &chart.boxes[p].shape) {
                Some(Shape::Team(p)) => format!("under {}", esc(content.teams[*p].name)),
                _ => "at the top".to_owned(),
            };
            let names: Vec<String> = (teams.iter())
                .map(|&t| esc(content.teams[t].name))
                .collect();
            let _ = writeln!(
                out,
                "- List {folded_no}: {under}, {} teams: {}",
                thousands(teams.len()),
                names.join(", ")
            );
        }
        out.push_str("\n</details>\n\n");
    }
}

/// A paragraph of a rule page (ours, not the files'): as it is, its links as their text.
fn prose(paragraph: &str) -> String {
    if paragraph.starts_with("```") {
        return paragraph.to_owned();
    }
    let mut text = String::with_capacity(paragraph.len());
    let mut rest = paragraph;
    while let Some(open) = rest.find('[') {
        let link = rest[open..].split_once("](").and_then(|(label, after)| {
            let close = after.find(')')?;
            (!label[1..].contains(['[', ']', '\n'])).then(|| (&label[1..], &after[close + 1..]))
        });
        match link {
            Some((label, after)) => {
                text.push_str(&rest[..open]);
                text.push_str(label);
                rest = after;
            }
            None => {
                text.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    text.push_str(rest);
    text
}

/// Where a finding is: `file:line:col: `, or nothing for a finding without a file.
fn place(f: &Reported, content: &Content<'_>) -> String {
    match f.primary {
        Some(span) => {
            let at = locate(&content.report.sources, span);
            format!("{}:{}:{}: ", esc(at.file), at.start.line, at.start.column)
        }
        None => String::new(),
    }
}

/// One finding as a list item; `about` is what it is filed under (its team, or its rule).
fn item(out: &mut String, content: &Content<'_>, f: &Reported, about: &str) {
    let more = if f.more > 0 {
        format!(" (and {} more like it)", thousands(f.more))
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "- **{}** {about}{}{}{more}",
        f.level.severity(),
        place(f, content),
        esc(&f.message)
    );
    if let Some(help) = &f.help {
        // A backslash at the end of a line is a hard line break.
        let _ = write!(out, "\\\n  help: {}", esc(help));
    }
    out.push('\n');
}

fn by_rule(out: &mut String, content: &Content<'_>) {
    out.push_str("## Findings by rule\n\n");
    if content.by_rule.is_empty() {
        out.push_str("No findings.\n\n");
    }
    for group in &content.by_rule {
        let rule = group.rule;
        let _ = writeln!(
            out,
            "### `{}` · {} · {} · {}\n",
            rule.name,
            group.level.severity(),
            rule.category.as_str(),
            findings(group.count)
        );
        for p in group.what.iter().chain(&group.why) {
            out.push_str(&prose(p));
            out.push_str("\n\n");
        }
        for &Item { finding, team } in &group.findings {
            let about = match team {
                Some(t) => format!("{}: ", esc(content.teams[t].name)),
                None => String::new(),
            };
            item(out, content, finding, &about);
        }
        out.push('\n');
    }
}

fn by_team(out: &mut String, content: &Content<'_>) {
    out.push_str("## Findings by team\n\n");
    if content.by_team.is_empty() {
        out.push_str("No team has a finding.\n\n");
    }
    for group in &content.by_team {
        let node = &content.teams[group.team];
        let _ = writeln!(out, "### {} (id {})\n", esc(node.name), esc(node.id));
        for f in &group.findings {
            item(out, content, f, &format!("`{}`: ", f.rule.name));
        }
        out.push('\n');
    }
    if !content.elsewhere.is_empty() {
        out.push_str(
            "### Not in a team's table\n\nFindings about the org, people, guilds and files.\n\n",
        );
        for f in &content.elsewhere {
            item(out, content, f, &format!("`{}`: ", f.rule.name));
        }
        out.push('\n');
    }
}
