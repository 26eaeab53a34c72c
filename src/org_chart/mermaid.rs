//! `orglint graph --format mermaid`: the chart as a Mermaid flowchart, parents above their
//! teams; the Markdown report can put [`render`]'s text in a ```` ```mermaid ```` block.

use super::{EdgeKind, Graph, GraphFormat, NodeKind, TeamMark};
use crate::render::{Dialect, mermaid_label};

/// `--format mermaid`.
pub(super) static FORMAT: GraphFormat = GraphFormat {
    name: "mermaid",
    doc: "A Mermaid flowchart (for GitHub Markdown, mermaid.live)",
    dialect: Dialect::Mermaid,
    render,
};

/// The graph as a Mermaid `flowchart BT`: one statement a line, each of one of five forms (a
/// node with its quoted label, an edge, a `classDef`, a `class` assignment, the header). Node
/// ids are the model's (`t0`, `p0`); labels are escaped by the Mermaid escaper of `render/escape.rs`, lines joined with
/// `<br>`. The ML team is a hexagon, a `management` team a trapezoid, a `group` a stadium, a
/// person a rounded box; member edges are dotted, lead edges thick and labelled `lead`. The
/// title is not written: a Markdown report gives it in its own heading.
pub fn render(graph: &Graph) -> String {
    let mut out = String::from("flowchart BT\n");
    let mut classes: [(&str, Vec<&str>); 4] = [
        ("mlTeam", Vec::new()),
        ("management", Vec::new()),
        ("group", Vec::new()),
        ("person", Vec::new()),
    ];
    for node in &graph.nodes {
        let label: Vec<String> = node.lines.iter().map(|l| mermaid_label(l)).collect();
        let label = label.join("<br>");
        let (open, close, class) = match node.kind {
            NodeKind::Team(TeamMark::Ml) => ("{{", "}}", Some(0)),
            NodeKind::Team(TeamMark::Management) => ("[/", "\\]", Some(1)),
            NodeKind::Team(TeamMark::Group) => ("([", "])", Some(2)),
            NodeKind::Team(TeamMark::Plain) => ("[", "]", None),
            NodeKind::Person => ("(", ")", Some(3)),
        };
        out.push_str(&format!("  {}{open}\"{label}\"{close}\n", node.id));
        if let Some(c) = class {
            classes[c].1.push(&node.id);
        }
    }
    for edge in &graph.edges {
        let link = match edge.kind {
            EdgeKind::Parent => "-->",
            EdgeKind::Member => "-.-",
            EdgeKind::Lead => "===|lead|",
        };
        out.push_str(&format!(
            "  {} {link} {}\n",
            graph.nodes[edge.from].id, graph.nodes[edge.to].id
        ));
    }
    let styles = [
        "fill:#dbeafe,stroke:#1d4ed8,stroke-width:2px",
        "fill:#f3f4f6,stroke:#374151",
        "fill:#ffffff,stroke:#6b7280,stroke-dasharray:4 3",
        "fill:#fefce8,stroke:#a16207",
    ];
    for ((name, ids), style) in classes.iter().zip(styles) {
        if ids.is_empty() {
            continue;
        }
        out.push_str(&format!("  classDef {name} {style}\n"));
        // One `class` statement per 100 nodes keeps each line short in a large org.
        for chunk in ids.chunks(100) {
            out.push_str(&format!("  class {} {name}\n", chunk.join(",")));
        }
    }
    out
}
