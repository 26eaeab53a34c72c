//! `orglint graph`: the org chart as DOT and Mermaid, snapshotted for the example org and an org
//! of hostile names, rendered by Graphviz (`dot -Tsvg`) and parsed back by Mermaid's own parser
//! (`mermaid-parse`, which `.ci/run` installs from npm), plus cycles, unknown parents, a long
//! chain, a broken file and the exit codes.

use crate::support;

use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{HOSTILE_NAMES, PLAIN, repo, run, toml_string, transcript, tree};
use orglint::org_chart::{EdgeKind, Graph, NodeKind};

/// `orglint graph ARGS` in `dir`: exit 0 and nothing on stderr, and its stdout.
fn graph(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["graph"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(dir, &all, PLAIN);
    assert_eq!((code, stderr.as_str()), (0, ""), "orglint {all:?}");
    stdout
}

/// An org whose every name and role is hostile: a team per [`HOSTILE_NAMES`] entry, each of
/// another kind, the parent of the next (and the first its own parent's parent: a cycle), led by
/// a person named with the same text whose role is the next text; one more team whose lead and
/// parent name nobody.
fn hostile() -> tempfile::TempDir {
    let kinds = [
        "centralized-ml",
        "feature",
        "management",
        "group",
        "platform",
    ];
    let n = HOSTILE_NAMES.len();
    let mut text = String::from(crate::tiny_org!());
    for (i, name) in HOSTILE_NAMES.iter().enumerate() {
        let parent = if i == 0 { n - 1 } else { i - 1 };
        text.push_str(&format!(
            "\n[[person]]\nid = \"p{i}\"\nname = {}\nrole = {}\n\n[[team]]\nid = \"t{i}\"\n\
             name = {}\nkind = \"{}\"\nparent = \"t{parent}\"\nlead = \"p{i}\"\nmembers = [\"p{i}\", \"ada\"]\n",
            toml_string(name),
            toml_string(HOSTILE_NAMES[(i + 1) % n]),
            toml_string(name),
            kinds[i % kinds.len()],
        ));
    }
    text.push_str(
        "\n[[team]]\nid = \"stray\"\nname = \"style:#1; %%{init: {}}%%\"\nkind = \"platform\"\n\
         parent = \"nowhere\"\nlead = \"ghost\"\nmembers = [\"ada\"]\n",
    );
    tree(&[("org.toml", text)])
}

#[test]
fn the_example_org_as_dot_and_mermaid() {
    let dir = repo().join("fixtures/example-org");
    insta::assert_snapshot!("example_dot", graph(&dir, &[]));
    insta::assert_snapshot!("example_mermaid", graph(&dir, &["--format", "mermaid"]));
    insta::assert_snapshot!(
        "example_mermaid_people",
        graph(&dir, &["--format", "mermaid", "--people"])
    );
    insta::assert_snapshot!("example_dot_people", graph(&dir, &["--people"]));
}

#[test]
fn hostile_names_as_dot_and_mermaid() {
    let dir = hostile();
    insta::assert_snapshot!("hostile_dot", graph(dir.path(), &["--people"]));
    insta::assert_snapshot!(
        "hostile_mermaid",
        graph(dir.path(), &["--format", "mermaid", "--people"])
    );
}

/// The model of a tree, as `orglint graph` builds it.
fn model(dir: &Path, people: bool) -> Graph {
    let report = support::lint_dir(dir);
    Graph::new(&report.org, people)
}

#[test]
fn the_model_keeps_file_order_our_ids_and_known_edges() {
    let dir = hostile();
    let g = model(dir.path(), true);
    let n = HOSTILE_NAMES.len();
    // Teams, then people (Ada first: tiny_org), each id once, ids ours.
    let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    let want: Vec<String> = (0..=n)
        .map(|i| format!("t{i}"))
        .chain((0..=n).map(|i| format!("p{i}")))
        .collect();
    assert_eq!(ids, want);
    for (i, name) in HOSTILE_NAMES.iter().enumerate() {
        assert_eq!(
            g.nodes[i].lines,
            [name.to_string(), format!("lead: {name}")]
        );
        assert_eq!(
            g.nodes[n + 1 + 1 + i].lines,
            [name.to_string(), HOSTILE_NAMES[(i + 1) % n].to_string()]
        );
    }
    // The stray team's lead names nobody: shown as written, with no edge.
    assert_eq!(g.nodes[n].lines[1], "lead: ghost");
    let parents: Vec<(usize, usize)> = (g.edges.iter())
        .filter(|e| e.kind == EdgeKind::Parent)
        .map(|e| (e.from, e.to))
        .collect();
    // Every hostile team has its parent (a cycle through all of them); `nowhere` gives none.
    let want: Vec<(usize, usize)> = (0..n).map(|i| (i, (i + n - 1) % n)).collect();
    assert_eq!(parents, want);
    let leads = g.edges.iter().filter(|e| e.kind == EdgeKind::Lead).count();
    let members = g
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Member)
        .count();
    assert_eq!(
        (leads, members),
        (n, n + 1),
        "each lead once, Ada in every team"
    );
    assert!(matches!(g.nodes[n + 1].kind, NodeKind::Person));
}

#[test]
fn duplicates_self_parents_and_a_long_chain_draw_without_walking() {
    // A team that is its own parent, a duplicate id (drawn once), and a chain of 100,000 teams.
    let mut text = String::from(crate::tiny_org!());
    text.push_str("\n[[team]]\nid = \"me\"\nname = \"Me\"\nkind = \"platform\"\nparent = \"me\"\n");
    text.push_str("\n[[team]]\nid = \"me\"\nname = \"Me again\"\nkind = \"platform\"\n");
    const CHAIN: usize = 100_000;
    for i in 0..CHAIN {
        text.push_str(&format!(
            "[[team]]\nid = \"c{i}\"\nname = \"C\"\nkind = \"group\"\nparent = \"c{}\"\n",
            i + 1
        ));
    }
    let dir = tree(&[("org.toml", text)]);
    let g = model(dir.path(), false);
    assert_eq!(g.nodes.len(), 1 + CHAIN);
    assert_eq!(g.nodes[0].lines, ["Me"]);
    assert_eq!((g.edges[0].from, g.edges[0].to), (0, 0));
    // The last link names `c100000`, which is no team.
    assert_eq!(g.edges.len(), 1 + CHAIN - 1);
    let dot = orglint::org_chart::dot::render(&g);
    assert_eq!(dot.matches(" -> ").count(), CHAIN);
}

#[test]
fn a_broken_file_leaves_the_rest_of_the_chart_and_says_so() {
    let dir = tree(&[
        ("org.toml", crate::tiny_org!().to_owned()),
        (
            "teams/core.toml",
            "[[team]]\nid = \"core\"\nname = \"Core\"\nkind = \"platform\"\nlead = \"ada\"\n\
             members = [\"ada\"]\n"
                .to_owned(),
        ),
        ("teams/broken.toml", "[[team]\nid = ".to_owned()),
    ]);
    let (code, text) = transcript(dir.path(), &["graph", "--format", "mermaid"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("broken_file", text);
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = tree(&[("org.toml", crate::tiny_org!())]);
    let (code, text) = transcript(dir.path(), &["graph", "missing"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("missing_path", text);
    let (code, text) = transcript(dir.path(), &["graph", "--format", "svg"]);
    assert_eq!(code, 2);
    assert!(text.contains("possible values: dot, mermaid"), "{text}");
    // The output would be an entity file of the tree: refused, as `check --output` is.
    let (code, text) = transcript(dir.path(), &["graph", "--output", "chart.toml"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("output_into_tree", text);
    assert!(!dir.path().join("chart.toml").exists());
    // A bad orglint.toml is drawn as `check` draws it.
    support::write(dir.path(), "orglint.toml", "[rulez]\n");
    let (code, _) = transcript(dir.path(), &["graph"]);
    assert_eq!(code, 2);
}

#[test]
fn output_writes_the_file() {
    let dir = tree(&[("org.toml", crate::tiny_org!())]);
    let out = tempfile::tempdir().expect("temp dir");
    let file = out.path().join("org.dot");
    let stdout = graph(dir.path(), &["--output", file.to_str().expect("utf-8")]);
    assert_eq!(stdout, "");
    assert_eq!(
        std::fs::read_to_string(&file).expect("written"),
        graph(dir.path(), &[])
    );
}

/// Renders `dot` with Graphviz: the SVG.
fn svg(dot: &str) -> String {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dot");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("write dot");
    let out = child.wait_with_output().expect("dot");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "dot: {stderr}");
    String::from_utf8(out.stdout).expect("UTF-8 SVG")
}

#[test]
fn graphviz_renders_one_node_per_team() {
    if !support::tool_or_skip_with(
        "dot",
        "-V",
        "apt-get install -y --no-install-recommends graphviz",
        "graphviz_renders_one_node_per_team",
    ) {
        return;
    }
    let example = repo().join("fixtures/example-org");
    let teams = support::lint_dir(&example).org.teams.len();
    let out = svg(&graph(&example, &[]));
    assert_eq!(out.matches("<g id=\"node").count(), teams);
    assert_eq!(out.matches("class=\"node").count(), teams);
    let with_people = svg(&graph(&example, &["--people"]));
    let people = support::lint_dir(&example).org.people.len();
    assert_eq!(with_people.matches("<g id=\"node").count(), teams + people);

    let dir = hostile();
    let g = model(dir.path(), true);
    let out = svg(&orglint::org_chart::dot::render(&g));
    assert_eq!(out.matches("<g id=\"node").count(), g.nodes.len());
    // Each label comes out as its text: SVG-escaped by Graphviz, line by line.
    assert!(!out.contains("<script") && !out.contains("<img"));
    let texts: Vec<String> = out
        .lines()
        .filter_map(|l| l.split_once("font-size=\"14.00\">"))
        .map(|(_, t)| unxml(t.trim_end_matches("</text>")))
        .collect();
    for node in &g.nodes {
        for line in &node.lines {
            // Graphviz draws each line of a label as a text element (a line break in a value
            // too, as the `\n` it is written as).
            let printable = line.replace("\r\n", "\n");
            for piece in printable.split('\n') {
                let piece = orglint::render::visible(piece).trim().to_owned();
                if piece.is_empty() {
                    continue;
                }
                assert!(
                    texts.iter().any(|t| t.trim() == piece),
                    "{piece:?} not among {texts:#?}"
                );
            }
        }
    }
}

/// The text of an SVG text element, its XML escapes undone.
fn unxml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#45;", "-")
        .replace("&amp;", "&")
}

/// Mermaid's parser reads back exactly the model: every node with its id, shape and text, every
/// edge with its ends and kind.
fn assert_parsed_back(g: &Graph) {
    let text = orglint::org_chart::mermaid::render(g);
    let parsed = support::mermaid_parse(&text);
    assert_eq!(parsed["type"], "flowchart-v2");
    let vertices = parsed["vertices"].as_array().expect("vertices");
    assert_eq!(vertices.len(), g.nodes.len());
    for (v, node) in vertices.iter().zip(&g.nodes) {
        assert_eq!(v["id"], node.id.as_str());
        // What Mermaid shows: the lines, each as orglint's escaper leaves an unsafe character
        // (visible), and a line break in a value as a line break.
        let want: Vec<String> = (node.lines.iter())
            .map(|l| {
                let l = l.replace("\r\n", "\n").replace('\r', "\n");
                let parts: Vec<String> = l
                    .split('\n')
                    .map(|p| orglint::render::visible(p).into_owned())
                    .collect();
                parts.join("\n")
            })
            .collect();
        assert_eq!(v["text"], want.join("\n"), "{}", node.id);
        let shape = match node.kind {
            NodeKind::Team(orglint::org_chart::TeamMark::Ml) => "hexagon",
            NodeKind::Team(orglint::org_chart::TeamMark::Management) => "trapezoid",
            NodeKind::Team(orglint::org_chart::TeamMark::Group) => "stadium",
            NodeKind::Team(orglint::org_chart::TeamMark::Plain) => "square",
            NodeKind::Person => "round",
        };
        assert_eq!(v["shape"], shape, "{}", node.id);
    }
    let edges = parsed["edges"].as_array().expect("edges");
    assert_eq!(edges.len(), g.edges.len());
    for (e, edge) in edges.iter().zip(&g.edges) {
        assert_eq!(e["from"], g.nodes[edge.from].id.as_str());
        assert_eq!(e["to"], g.nodes[edge.to].id.as_str());
        let (stroke, text) = match edge.kind {
            EdgeKind::Parent => ("normal", ""),
            EdgeKind::Member => ("dotted", ""),
            EdgeKind::Lead => ("thick", "lead"),
        };
        assert_eq!(
            (e["stroke"].as_str(), e["text"].as_str()),
            (Some(stroke), Some(text))
        );
    }
}

#[test]
fn mermaid_parses_the_chart_back_exactly() {
    if !support::tool_or_skip(
        "mermaid-parse",
        ".ci/run installs it: npm's mermaid and jsdom behind .ci/mermaid-parse.mjs",
        "mermaid_parses_the_chart_back_exactly",
    ) {
        return;
    }
    let example = repo().join("fixtures/example-org");
    assert_parsed_back(&model(&example, false));
    assert_parsed_back(&model(&example, true));
    let dir = hostile();
    assert_parsed_back(&model(dir.path(), true));
}
