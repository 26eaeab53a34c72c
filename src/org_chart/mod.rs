//! The org chart as a graph (`orglint graph`): one ordered model of nodes and edges built from
//! the [`Org`], and one writer per format (`dot.rs`, `mermaid.rs`) over it, so that every
//! picture of the org (the DOT and Mermaid exports, the reports' charts) draws the same graph.
//!
//! The model is deterministic: teams in file order then source order (the order of
//! [`Org::teams`]), then people in the same order, then the edges team by team. Node ids are
//! ours (`t0`, `t1`, ... and `p0`, ...), never user text, so an id in the files cannot break
//! the syntax of a format; only labels carry user text, through the format's escaper.
//!
//! Nothing here walks a chain: each team gives at most one edge, to the team its `parent` names,
//! so a cycle in `parent` (`team-cycle`) is a cycle of edges in the picture and never a loop in
//! orglint, and a chain of 100,000 teams is 100,000 edges.

pub mod dot;
pub mod mermaid;

use crate::model::{Org, TeamKind};

/// What kind of box a team is drawn as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamMark {
    /// An ML team (`kind = "centralized-ml"`).
    Ml,
    /// A `management` team.
    Management,
    /// A `group` team: a roster or mailing list, not a working team.
    Group,
    /// Any other team (also one whose `kind` is missing or invalid).
    Plain,
}

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A team, and how it is marked.
    Team(TeamMark),
    /// A person (with `--people`).
    Person,
}

/// A node of the chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Its id in the output: `t<n>` for the n-th team drawn, `p<n>` for the n-th person.
    pub id: String,
    /// What it stands for.
    pub kind: NodeKind,
    /// Its lines of text, unescaped: a team's name (else its id) and `lead: NAME` when it has a
    /// lead; a person's name (else id) and role, and `alumni` for a former member.
    pub lines: Vec<String>,
}

/// What an edge says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// From a team to the team its `parent` names.
    Parent,
    /// From a person to a team that lists them in `members`.
    Member,
    /// From a person to the team they lead (a member or not).
    Lead,
}

/// An edge of the chart, between two nodes by their index in [`Graph::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The index of the node it starts from (the team, or the person).
    pub from: usize,
    /// The index of the node it points to (the parent team, or the person's team).
    pub to: usize,
    /// What it says.
    pub kind: EdgeKind,
}

/// The org chart: nodes and edges in a fixed order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Graph {
    /// The org's name, if it has one: the chart's title.
    pub title: Option<String>,
    /// Teams first, then (with people) people.
    pub nodes: Vec<Node>,
    /// Parent edges in team order, then, team by team, each member's edge (in `members` order)
    /// and a lead who is not a member.
    pub edges: Vec<Edge>,
}

impl Graph {
    /// The chart of `org`: every team (each id once, at its first definition: a duplicate is
    /// `duplicate-id`'s business) with an edge to its parent; with `people`, every person (each
    /// id once) with an edge to each team they are a member of or lead. A `parent` that names no
    /// team, or a `lead`/`members` entry that names no person, gives no edge: `unknown-reference`
    /// speaks for it.
    pub fn new(org: &Org, people: bool) -> Graph {
        let title = org
            .org()
            .and_then(|o| o.name.as_ref())
            .map(|n| n.as_str().to_owned());
        let mut nodes = Vec::new();
        // The node of each team and person, by its index in the org.
        let mut team_node = vec![None; org.teams.len()];
        for (t, team) in org.teams.iter().enumerate() {
            if org.first_team(t) != t {
                continue;
            }
            let mark = match team.kind.as_ref().map(|k| k.value) {
                Some(TeamKind::CentralizedMl) => TeamMark::Ml,
                Some(TeamKind::Management) => TeamMark::Management,
                Some(TeamKind::Group) => TeamMark::Group,
                _ => TeamMark::Plain,
            };
            let name = team.name.as_ref().unwrap_or(&team.id).as_str();
            let mut lines = vec![name.to_owned()];
            if let Some(lead) = &team.lead {
                // The lead's name when the id names a person, else the id as written.
                let shown = match org.lead_of(t) {
                    Some(p) => person_name(org, p),
                    None => lead.as_str(),
                };
                lines.push(format!("lead: {shown}"));
            }
            team_node[t] = Some(nodes.len());
            nodes.push(Node {
                id: format!("t{}", nodes.len()),
                kind: NodeKind::Team(mark),
                lines,
            });
        }
        let mut edges = Vec::new();
        for (t, parent) in org.parent_of.iter().enumerate() {
            if let (Some(from), Some(to)) = (team_node[t], parent.and_then(|p| team_node[p])) {
                edges.push(Edge {
                    from,
                    to,
                    kind: EdgeKind::Parent,
                });
            }
        }
        if !people {
            return Graph {
                title,
                nodes,
                edges,
            };
        }
        let teams = nodes.len();
        let mut person_node = vec![None; org.people.len()];
        for (p, person) in org.people.iter().enumerate() {
            if !org.is_first_person(p) {
                continue;
            }
            let mut lines = vec![person_name(org, p).to_owned()];
            if let Some(role) = &person.role {
                lines.push(role.as_str().to_owned());
            }
            if org.is_alumni(p) {
                lines.push("alumni".to_owned());
            }
            person_node[p] = Some(nodes.len());
            nodes.push(Node {
                id: format!("p{}", nodes.len() - teams),
                kind: NodeKind::Person,
                lines,
            });
        }
        for (t, node) in team_node.iter().enumerate() {
            let Some(to) = *node else { continue };
            let lead = org.lead_of(t);
            let mut lead_drawn = false;
            for p in org.members_of(t) {
                let Some(from) = person_node[p] else { continue };
                let kind = if Some(p) == lead {
                    lead_drawn = true;
                    EdgeKind::Lead
                } else {
                    EdgeKind::Member
                };
                edges.push(Edge { from, to, kind });
            }
            if let Some(from) = lead.filter(|_| !lead_drawn).and_then(|p| person_node[p]) {
                edges.push(Edge {
                    from,
                    to,
                    kind: EdgeKind::Lead,
                });
            }
        }
        Graph {
            title,
            nodes,
            edges,
        }
    }
}

/// Person `p`'s name, else their id.
fn person_name(org: &Org, p: usize) -> &str {
    let person = &org.people[p];
    person.name.as_ref().unwrap_or(&person.id).as_str()
}

/// A format of `orglint graph`: what `--format NAME` selects.
#[derive(Debug)]
pub struct GraphFormat {
    name: &'static str,
    doc: &'static str,
    /// How its text is kept from holding a workflow command ([`crate::render::runner_safe`]).
    dialect: crate::render::Dialect,
    render: fn(&Graph) -> String,
}

impl GraphFormat {
    /// Its name on the command line: `--format NAME`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// One line of help for `--help`.
    pub fn doc(&self) -> &'static str {
        self.doc
    }

    /// The graph in this format.
    pub fn render(&self, graph: &Graph) -> String {
        crate::render::runner_safe((self.render)(graph), self.dialect)
    }
}

/// Every format of `orglint graph`, in the order `--help` lists them; the first is the default.
pub static GRAPH_FORMATS: &[&GraphFormat] = &[&dot::FORMAT, &mermaid::FORMAT];
