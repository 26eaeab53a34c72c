//! `orglint graph --format dot`: the chart as a Graphviz digraph, parents above their teams.

use super::{EdgeKind, Graph, GraphFormat, NodeKind, TeamMark};
use crate::render::{Dialect, dot_string};

/// `--format dot`.
pub(super) static FORMAT: GraphFormat = GraphFormat {
    name: "dot",
    doc: "Graphviz DOT (`dot -Tsvg`)",
    dialect: Dialect::Markup,
    render,
};

/// The graph as DOT: a `digraph` whose edges go from a team to its parent (and from a person to
/// their team), drawn bottom to top so that parents are above. Every id and label is a quoted
/// string escaped by the DOT escaper of `render/escape.rs`; node ids are the model's (`t0`, `p0`), never user text.
pub fn render(graph: &Graph) -> String {
    let mut out = String::from("digraph org {\n");
    out.push_str("  rankdir=BT;\n");
    if let Some(title) = &graph.title {
        out.push_str(&format!(
            "  label=\"{}\";\n  labelloc=t;\n",
            dot_string(title)
        ));
    }
    out.push_str("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\"];\n");
    for node in &graph.nodes {
        let attrs = match node.kind {
            NodeKind::Team(TeamMark::Ml) => {
                ", shape=box, style=\"rounded,filled,bold\", fillcolor=\"#dbeafe\", class=\"ml-team\""
            }
            NodeKind::Team(TeamMark::Management) => {
                ", shape=house, style=solid, class=\"management\""
            }
            NodeKind::Team(TeamMark::Group) => ", shape=folder, style=dashed, class=\"group\"",
            NodeKind::Team(TeamMark::Plain) => ", class=\"team\"",
            NodeKind::Person => ", shape=ellipse, style=solid, class=\"person\"",
        };
        let label: Vec<String> = node.lines.iter().map(|l| dot_string(l)).collect();
        out.push_str(&format!(
            "  \"{}\" [label=\"{}\"{attrs}];\n",
            node.id,
            label.join("\\n")
        ));
    }
    for edge in &graph.edges {
        let attrs = match edge.kind {
            EdgeKind::Parent => "",
            EdgeKind::Member => " [style=dashed, arrowhead=none]",
            EdgeKind::Lead => " [style=bold, arrowhead=none, label=\"lead\"]",
        };
        out.push_str(&format!(
            "  \"{}\" -> \"{}\"{attrs};\n",
            graph.nodes[edge.from].id, graph.nodes[edge.to].id
        ));
    }
    out.push_str("}\n");
    out
}
