//! A large entity file is parsed piece by piece, cut at its top-level `[[person]]`, `[[team]]`,
//! `[[guild]]` and `[[org]]` headers (src/load/chunks.rs): the loader's result (entities, their
//! places, findings, in order) must be exactly the whole file's parse, for every input. Checked on
//! every fixture, on hand-written cases where TOML's semantics cross the cuts, on the real orgs,
//! and on a file over the 1 MiB from which the loader cuts.
//!
//! `orglint::load::debug_parse` gives the parse as `Debug` text (every field of every entity and
//! finding, with every span), whole or cut whatever the file's size; a file the loader cannot cut
//! soundly is parsed whole, which these tests also check.

use crate::support;

use std::path::{Path, PathBuf};

use crate::support::{in_ci, repo};
use orglint::load::debug_parse;

/// Checks that `text` parses the same whole and cut; whether it was cut.
fn same(text: &str, what: &str) -> bool {
    let (whole, _) = debug_parse(text, false);
    let (chunked, cut) = debug_parse(text, true);
    assert_eq!(
        whole, chunked,
        "{what}: the cut parse differs from the whole one"
    );
    cut
}

/// Every `.toml` file under `dir`, sorted.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a directory") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Checks every file under `dir`; how many were cut.
fn same_for_every_file(dir: &Path) -> usize {
    let mut cut = 0;
    for path in toml_files(dir) {
        // Some fixtures are not UTF-8 on purpose: the loader does not parse those.
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        cut += usize::from(same(&text, &path.display().to_string()));
    }
    cut
}

#[test]
fn every_fixture_parses_the_same_cut_and_whole() {
    let cut = same_for_every_file(&repo().join("fixtures"));
    // Most fixtures have `[[person]]` arrays: the cut path is what is being checked.
    assert!(cut > 50, "only {cut} fixtures were cut");
}

#[test]
fn the_real_orgs_parse_the_same_cut_and_whole() {
    let root = repo().join("../shared/real-orgs");
    if !root.is_dir() {
        assert!(!in_ci(), "{} is absent and CI is set", root.display());
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "note: skipped the_real_orgs_parse_the_same_cut_and_whole: {} is absent (with CI set, this fails)",
            root.display()
        );
        return;
    }
    same_for_every_file(&root);
}

const ORG: &str = "[org]\nname = \"Tiny\"\nleadership = [\"ada\"]\n\n";

/// Cases the cuts must not change, each cut (`true`) or left whole (`false`) by design.
const CASES: &[(&str, &str, bool)] = &[
    (
        "sub-tables belong to the element before them",
        "[[team]]\nid = \"t\"\nmembers = [\"ada\"]\n[team.tooling]\nci_cd = \"x\"\n[[team.y]]\na = 1\n[[person]]\nid = \"ada\"\n[person.extra]\nb = 2\n",
        true,
    ),
    (
        "headers with whitespace and quotes",
        "[[ \"person\" ]]\nid = \"a\"\n[[ 'team' ]]\nid = \"t\"\n[ \"team\" . 'tooling' ]\nci_cd = \"x\"\n[[person ]]\nid = \"b\"\n",
        true,
    ),
    (
        "comments, indentation, a header on the last line",
        "# [[person]]\n[[person]] # the first\n  id = \"a\" # [[team]]\n    [[person]]\n# end\n[[person]]",
        true,
    ),
    (
        "a header inside multi-line strings",
        "[[person]]\nid = \"a\"\nnotes = \"\"\"\n[[person]]\nid = \"evil\"\n\"\"\"\nmore = '''\n[[team]]\n'''\n[[person]]\nid = \"b\"\n",
        true,
    ),
    (
        "arrays and inline tables over several lines",
        "[[person]]\nid = \"a\"\nx = [\n  [1, 2],\n  [\"]\", \"[\"],\n]\ny = {\n  a = [\n[3]],\n}\n[[person]]\nid = \"b\"\n",
        true,
    ),
    (
        "interleaved arrays keep toml's order of keys",
        "[[person]]\nid = \"a\"\n[[team]]\nid = \"t\"\n[[person]]\nid = \"b\"\n[[guild]]\nid = \"g\"\n[[team]]\nid = \"u\"\n",
        true,
    ),
    (
        "dotted keys inside an element",
        "[[person]]\nid = \"a\"\nperson.x = 1\nteam.y = 2\n",
        true,
    ),
    (
        "empty elements and CRLF",
        "[[person]]\r\n[[person]]\r\nid = \"a\"\r\n[[team]]\r\n",
        true,
    ),
    (
        "a BOM and unknown top-level keys before the first cut",
        "\u{feff}extra = 1\n[people]\nx = 1\n[[persons]]\n[[person]]\nid = \"a\"\n",
        true,
    ),
    (
        "a key defined twice in one element",
        "[[person]]\nid = \"a\"\n[[person]]\nid = \"b\"\nid = \"c\"\n",
        false,
    ),
    (
        "a sub-table defined twice in one element",
        "[[person]]\nid = \"a\"\n[person.x]\n[person.x]\n",
        false,
    ),
    (
        "a table after an array of the same name",
        "[[person]]\nid = \"a\"\n[person]\nid = \"b\"\n",
        false,
    ),
    (
        "an array after a table of the same name",
        "[person]\nid = \"a\"\n[[person]]\nid = \"b\"\n",
        false,
    ),
    (
        "an array after a sub-table of the same name",
        "[person.x]\na = 1\n[[person]]\nid = \"b\"\n",
        false,
    ),
    (
        "an array after a dotted key of the same name",
        "person.id = \"a\"\n[[person]]\nid = \"b\"\n",
        false,
    ),
    (
        "an array of tables after a static array",
        "person = [{ id = \"a\" }]\n[[person]]\nid = \"b\"\n",
        false,
    ),
    (
        "a sub-table of an earlier array, after a cut of another",
        "[[team]]\nid = \"t\"\n[[person]]\nid = \"a\"\n[team.tooling]\nci_cd = \"x\"\n",
        false,
    ),
    (
        "an unknown array after a cut",
        "[[person]]\nid = \"a\"\n[[people]]\nid = \"b\"\n",
        false,
    ),
    (
        "an escape in a header's key",
        "[[person]]\nid = \"a\"\n[[\"p\\u0065rson\"]]\nid = \"b\"\n",
        false,
    ),
    (
        "a syntax error in a late piece",
        "[[person]]\nid = \"a\"\n[[team]]\nid = \"t\"\n[[person]]\nid = \n",
        false,
    ),
    (
        "a syntax error before the first cut",
        "[org\nname = 1\n[[person]]\nid = \"a\"\n",
        false,
    ),
    (
        "a table on the line of a header",
        "[[person]] [x]\nid = \"a\"\n",
        false,
    ),
    (
        "an unterminated string before a header",
        "[[person]]\nid = \"a\n[[person]]\nid = \"b\"\n",
        false,
    ),
    (
        "an unclosed array",
        "[[person]]\nid = \"a\"\nx = [\n[[person]]\nid = \"b\"\n",
        false,
    ),
    (
        "a key too deep",
        "[[person]]\nid = \"a\"\n[[person]]\nx.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x = 1\n",
        false,
    ),
];

#[test]
fn toml_semantics_hold_across_the_cuts() {
    for (what, text, cut) in CASES {
        // With an `[org]` first too, where that leaves the case's root keys at the root.
        let mut texts = vec![text.to_string()];
        if text.starts_with(['[', '#']) {
            texts.push(format!("{ORG}{text}"));
        }
        for text in texts {
            assert_eq!(same(&text, what), *cut, "{what}: cut or not as expected");
        }
    }
    // `[[org]]` is cut too, but not after `[org]`.
    let orgs = "[[org]]\nname = \"a\"\n[[person]]\nid = \"x\"\n[[org]]\nname = \"b\"\n";
    assert!(same(orgs, "org arrays"));
    assert!(!same(&format!("{ORG}{orgs}"), "org arrays after [org]"));
}

#[test]
fn a_file_over_the_limit_is_cut_and_parses_the_same() {
    // Over 1 MiB, so `parse` cuts it (not only `debug_parse`), with every case's good parts.
    let mut text = String::from(ORG);
    let mut i = 0;
    while text.len() <= 1 << 20 {
        text.push_str(&format!(
            "[[person]]\nid = \"p{i}\"\nname = \"P\"\nrole = \"engineer\"\nreports_to = \"ada\"\nnotes = \"\"\"\n[[person]]\n\"\"\"\n[person.extra]\na = 1\n\n[[team]]\nid = \"t{i}\"\nmembers = [\"p{i}\", \"nobody{i}\"]\n[team.tooling]\nci_cd = \"x\"\n",
        ));
        i += 1;
    }
    assert!(same(&text, "a file over the limit"));
    // And through the whole program, which cuts it too.
    let report = support::lint_snippet(&text);
    assert!(support::fired(&report).contains(&"unknown-reference"));
}
