//! The layers of `src/`: each module of the library imports only from the layers below its own,
//! in the order ARCHITECTURE.md gives. The test reads every `crate::` path of the code (a `use`
//! line, a `use crate::{..}` group or a path written inline), so an import that runs upward
//! fails here, naming the file and the line, before it ties two layers into a circle. Within a
//! folder, the files other than its `mod.rs` must not import each other in a circle either.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::repo;

/// The layers, bottom first, as the numbered list under "## Layers" in ARCHITECTURE.md names
/// them: the backticked names before the first colon of each item.
fn layers() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(repo().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let section = text
        .split("\n## ")
        .find(|s| s.starts_with("Layers\n"))
        .expect("ARCHITECTURE.md has a \"## Layers\" section");
    let mut layers = Vec::new();
    for line in section.lines() {
        let Some((number, rest)) = line.split_once(". ") else {
            continue;
        };
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        assert_eq!(
            number.parse::<usize>().ok(),
            Some(layers.len() + 1),
            "ARCHITECTURE.md: the layers are numbered 1, 2, 3... in order: {line}"
        );
        let names = rest.split_once(':').map_or(rest, |(names, _)| names);
        let names: Vec<String> = names
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        assert!(
            !names.is_empty(),
            "ARCHITECTURE.md: a layer names no module: {line}"
        );
        layers.push(names);
    }
    layers
}

/// The library's top-level modules, as `src/lib.rs` declares them.
fn declared_modules() -> BTreeSet<String> {
    let lib = std::fs::read_to_string(repo().join("src/lib.rs")).expect("src/lib.rs");
    lib.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = line
                .strip_prefix("pub(crate) ")
                .or_else(|| line.strip_prefix("pub "))
                .unwrap_or(line);
            let name = line.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.to_owned())
        })
        .collect()
}

/// The names `src/lib.rs` re-exports (`pub use engine::{lint, Settings};`), each with the module
/// it comes from: `crate::lint` is an import from `engine`, not from the crate root.
fn reexports() -> BTreeMap<String, String> {
    let lib = std::fs::read_to_string(repo().join("src/lib.rs")).expect("src/lib.rs");
    let mut names = BTreeMap::new();
    for item in lib.split(';') {
        let Some(path) = item.trim_start().strip_prefix("pub use ") else {
            continue;
        };
        let (module, rest) = path.split_once("::").expect("pub use module::...");
        let rest = rest.trim().trim_start_matches('{').trim_end_matches('}');
        for name in rest.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            names.insert(name.to_owned(), module.to_owned());
        }
    }
    names
}

/// `code` with the test modules blanked (`#[cfg(test)]` then `mod name {` up to the `}` at the
/// same indentation): a unit test may run the whole pipeline, which the code under it may not.
fn without_test_modules(mut code: Vec<String>) -> Vec<String> {
    let mut i = 0;
    while i + 1 < code.len() {
        let header = code[i + 1].trim_start();
        let is_test_module = code[i].trim() == "#[cfg(test)]"
            && header.ends_with('{')
            && (header.starts_with("mod ") || header.starts_with("pub(crate) mod "));
        let indent = code[i + 1].len() - header.len();
        if !is_test_module {
            i += 1;
            continue;
        }
        let close = format!("{}}}", " ".repeat(indent));
        let mut end = i + 2;
        while end < code.len() && code[end] != close {
            end += 1;
        }
        let end = end.min(code.len());
        for line in &mut code[i..end] {
            line.clear();
        }
        i = end;
    }
    code
}

/// The library's source files under `dir`, sorted.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module `file` (relative to `src/`) belongs to: `lib` for the crate root, `None`
/// for the binary (`main.rs`, `cli/`), which uses the library only through its public API.
fn module_of(file: &str) -> Option<String> {
    let first = file.split('/').next().expect("a name");
    let module = first.strip_suffix(".rs").unwrap_or(first);
    match module {
        "main" | "cli" => None,
        _ => Some(module.to_owned()),
    }
}

/// `text` with every comment blanked, line for line (so line numbers still hold), and every
/// string and character literal emptied, so that neither a doc link nor a message that names
/// `crate::` reads as an import.
fn code_only(text: &str) -> Vec<String> {
    /// Inside a string literal: `Some(n)` for a raw one closed by `"` and `n` hashes.
    enum In {
        Code,
        Str,
        Raw(usize),
    }
    let mut state = In::Code;
    let mut lines = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match state {
                In::Str => {
                    match c {
                        '\\' => i += 1,
                        '"' => {
                            state = In::Code;
                            out.push('"');
                        }
                        _ => {}
                    }
                    i += 1;
                    continue;
                }
                In::Raw(hashes) => {
                    let closes = c == '"'
                        && chars[i + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|&&h| h == '#')
                            .count()
                            == hashes;
                    if closes {
                        state = In::Code;
                        out.push('"');
                        i += hashes;
                    }
                    i += 1;
                    continue;
                }
                In::Code => {}
            }
            let after_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
            match c {
                '/' if chars.get(i + 1) == Some(&'/') => break,
                '"' => {
                    state = In::Str;
                    out.push('"');
                }
                'r' if !after_word && matches!(chars.get(i + 1), Some('#' | '"')) => {
                    let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
                    if chars.get(i + 1 + hashes) == Some(&'"') {
                        state = In::Raw(hashes);
                        out.push('"');
                        i += hashes + 1;
                    } else {
                        out.push(c);
                    }
                }
                // A character literal ('"', '\'', '\u{7f}', 'x'); a lifetime has no closing quote.
                '\'' => {
                    let close = if chars.get(i + 1) == Some(&'\\') {
                        chars[i + 3..]
                            .iter()
                            .position(|&q| q == '\'')
                            .map(|p| i + 3 + p)
                    } else {
                        Some(i + 2).filter(|&at| chars.get(at) == Some(&'\''))
                    };
                    match close {
                        Some(close) => {
                            out.push_str("' '");
                            i = close;
                        }
                        None => out.push(c),
                    }
                }
                _ => out.push(c),
            }
            i += 1;
        }
        lines.push(out);
    }
    lines
}

/// The top-level modules (or root items) each `crate::` path of `code` starts with, with the
/// number of the line it is on: `use crate::a::B;`, `crate::a::f()`, `$crate::a::B` and every
/// path of a group `use crate::{a::B, b::{C, D}};` over several lines.
fn crate_paths(code: &[String]) -> Vec<(usize, String)> {
    paths_after(code, "crate::")
}

/// The first segment of each path of `code` that starts with `prefix` (such as `crate::` or
/// `super::`), as [`crate_paths`] reads them. A `prefix` that follows `::` is not the start of a
/// path: `super::super::x` is read once, as `super`.
fn paths_after(code: &[String], prefix: &str) -> Vec<(usize, String)> {
    let joined: Vec<(usize, char)> = code
        .iter()
        .enumerate()
        .flat_map(|(n, line)| line.chars().chain(['\n']).map(move |c| (n + 1, c)))
        .collect();
    let text: String = joined.iter().map(|&(_, c)| c).collect();
    let chars: Vec<char> = text.chars().collect();
    let word = |from: usize| -> String {
        chars[from..]
            .iter()
            .take_while(|c| c.is_alphanumeric() || **c == '_')
            .collect()
    };
    let mut found = Vec::new();
    let needle: Vec<char> = prefix.chars().collect();
    let mut i = 0;
    while i + needle.len() <= chars.len() {
        let starts_word = i == 0
            || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == ':');
        if !(starts_word && chars[i..i + needle.len()] == needle[..]) {
            i += 1;
            continue;
        }
        let line = joined[i].0;
        let mut at = i + needle.len();
        while chars.get(at).is_some_and(|c| c.is_whitespace()) {
            at += 1;
        }
        if chars.get(at) == Some(&'{') {
            // A group: the first segment of each path at depth one.
            let mut depth = 0;
            let mut expect_path = true;
            while at < chars.len() {
                match chars[at] {
                    '{' => {
                        depth += 1;
                        if depth == 1 {
                            expect_path = true;
                        }
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expect_path = true,
                    c if depth == 1 && expect_path && (c.is_alphabetic() || c == '_') => {
                        found.push((joined[at].0, word(at)));
                        expect_path = false;
                    }
                    _ => {}
                }
                at += 1;
            }
        } else {
            found.push((line, word(at)));
        }
        i = at.max(i + 1);
    }
    found
}

/// Every import of the library: (file under `src/`, line, module it is in, module it imports
/// from), where the two modules differ. A root item (`crate::check_with`) is an import from `lib`.
fn imports() -> Vec<(String, usize, String, String)> {
    let modules = declared_modules();
    let reexported = reexports();
    let src = repo().join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut out = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let Some(from) = module_of(&rel) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("source");
        for (line, first) in crate_paths(&without_test_modules(code_only(&text))) {
            let to = if modules.contains(&first) {
                first
            } else if let Some(module) = reexported.get(&first) {
                module.clone()
            } else if first == "self" || first.is_empty() {
                continue;
            } else {
                "lib".to_owned()
            };
            if to != from {
                out.push((rel.clone(), line, from.clone(), to));
            }
        }
    }
    out
}

#[test]
fn every_module_sits_in_one_layer() {
    let layers = layers();
    let mut listed = BTreeMap::new();
    for (rank, layer) in layers.iter().enumerate() {
        for name in layer {
            assert!(
                listed.insert(name.clone(), rank).is_none(),
                "ARCHITECTURE.md lists `{name}` in two layers"
            );
        }
    }
    let mut modules = declared_modules();
    modules.insert("lib".to_owned());
    let listed: BTreeSet<String> = listed.into_keys().collect();
    assert_eq!(
        listed, modules,
        "the layers of ARCHITECTURE.md and the modules of src/lib.rs (and `lib`) disagree"
    );
}

#[test]
fn no_module_imports_from_a_layer_above_its_own() {
    let rank: BTreeMap<String, usize> = layers()
        .into_iter()
        .enumerate()
        .flat_map(|(rank, layer)| layer.into_iter().map(move |name| (name, rank)))
        .collect();
    let mut upward = Vec::new();
    for (file, line, from, to) in imports() {
        let (Some(&below), Some(&above)) = (rank.get(&from), rank.get(&to)) else {
            panic!("src/{file}:{line}: `{from}` or `{to}` is in no layer of ARCHITECTURE.md");
        };
        if above < below {
            continue;
        }
        let how = if above == below { "beside" } else { "above" };
        upward.push(format!(
            "src/{file}:{line}: `{from}` (layer {}) imports from `{to}`, {how} it (layer {})",
            below + 1,
            above + 1
        ));
    }
    assert!(
        upward.is_empty(),
        "imports that run upward or sideways; move the name down to a layer both can see, or \
         the code up:\n{}",
        upward.join("\n")
    );
}

/// For each folder of the library, the imports between what it holds other than its `mod.rs`
/// (which declares the rest and may re-export it): (folder, importer, its file and line, imported),
/// where the importer and the imported are each a file or a subfolder of the folder
/// (`render/human/snippet.rs` is in `human` for `render`).
/// Any file names a sibling as `crate::folder::sibling`; a file whose parent module is the folder
/// (`render/json.rs`, `render/human/mod.rs`) also as `super::sibling`.
fn sibling_imports() -> Vec<(String, String, String, usize, String)> {
    let src = repo().join("src");
    let mut paths = Vec::new();
    sources(&src, &mut paths);
    let files: Vec<(String, &std::path::PathBuf)> = (paths.iter())
        .map(|path| {
            let file = (path.strip_prefix(&src).expect("under src"))
                .to_string_lossy()
                .replace('\\', "/");
            (file, path)
        })
        .filter(|(file, _)| module_of(file).is_some())
        .collect();
    // What each folder holds: its files (by stem) and subfolders, `mod.rs` apart.
    let mut units: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, _) in &files {
        let parts: Vec<&str> = file.split('/').collect();
        for depth in 1..parts.len() {
            let unit = parts[depth];
            let unit = unit.strip_suffix(".rs").unwrap_or(unit);
            if unit != "mod" {
                units
                    .entry(parts[..depth].join("/"))
                    .or_default()
                    .insert(unit.to_owned());
            }
        }
    }
    let mut out = Vec::new();
    for (file, path) in &files {
        let code = without_test_modules(code_only(&std::fs::read_to_string(path).expect("source")));
        let parts: Vec<&str> = file.split('/').collect();
        // The module `super::` names from this file: the folder above, or above that for a
        // `mod.rs`.
        let parent_depth = parts.len() - 1 - usize::from(parts[parts.len() - 1] == "mod.rs");
        for depth in 1..parts.len() {
            let folder = parts[..depth].join("/");
            let unit = parts[depth];
            let unit = unit.strip_suffix(".rs").unwrap_or(unit);
            if unit == "mod" {
                continue;
            }
            let mut named = paths_after(&code, &format!("crate::{}::", folder.replace('/', "::")));
            if depth == parent_depth {
                named.extend(paths_after(&code, "super::"));
            }
            for (line, sibling) in named {
                if sibling != unit && units[&folder].contains(&sibling) {
                    out.push((folder.clone(), unit.to_owned(), file.clone(), line, sibling));
                }
            }
        }
    }
    out
}

/// A circle of `edges` (from, to), as the names along it from its first name back to it, if
/// there is one.
fn circle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeSet<(String, String)>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for (_, to) in edges.iter().filter(|(from, _)| from == node) {
            if let Some(circle) = visit(to, edges, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .iter()
        .find_map(|(from, _)| visit(from, edges, &mut Vec::new(), &mut done))
}

#[test]
fn the_files_of_a_folder_import_each_other_without_a_circle() {
    let mut by_folder: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    let mut lines = BTreeMap::new();
    for (folder, from, file, line, to) in sibling_imports() {
        (lines.entry((folder.clone(), from.clone(), to.clone()))).or_insert((file, line));
        by_folder.entry(folder).or_default().insert((from, to));
    }
    let mut circles = Vec::new();
    for (folder, edges) in &by_folder {
        if let Some(circle) = circle(edges) {
            let steps: Vec<String> = circle
                .windows(2)
                .map(|w| {
                    let (file, line) = &lines[&(folder.clone(), w[0].clone(), w[1].clone())];
                    format!("src/{file}:{line}: `{}` imports `{}`", w[0], w[1])
                })
                .collect();
            circles.push(format!("in src/{folder}/:\n  {}", steps.join("\n  ")));
        }
    }
    assert!(
        circles.is_empty(),
        "files of one folder that import each other in a circle; move what both need into one \
         of them, or into the folder's mod.rs:\n{}",
        circles.join("\n")
    );
}

#[test]
fn a_circle_is_found_and_a_chain_is_not() {
    let edges = |pairs: &[(&str, &str)]| -> BTreeSet<(String, String)> {
        (pairs.iter())
            .map(|&(a, b)| (a.to_owned(), b.to_owned()))
            .collect()
    };
    assert_eq!(circle(&edges(&[("a", "b"), ("b", "c"), ("a", "c")])), None);
    assert_eq!(
        circle(&edges(&[("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")])),
        Some(
            vec!["a", "b", "c", "a"]
                .into_iter()
                .map(str::to_owned)
                .collect()
        )
    );
    let code =
        code_only("use super::{view::View, lines};\nuse super::super::up;\nsuper::f::g();\n");
    assert_eq!(
        paths_after(&code, "super::"),
        [(1, "view"), (1, "lines"), (2, "super"), (3, "f")]
            .map(|(n, s)| (n, s.to_owned()))
            .to_vec()
    );
}

#[test]
fn the_reader_finds_every_form_of_import() {
    let code = code_only(
        "use crate::a::B;\n\
         use crate::{\n    b::C,\n    c::{D, e::F},\n};\n\
         // crate::commented::Out\n\
         let x = \"crate::quoted\";\n\
         let c = '\"'; let y = crate::d::f();\n\
         macro_rules! m { () => { $crate::e::G } }\n\
         fn g<'a>(s: &'a str) -> crate::f::H { notcrate::x }\n\
         let r = r#\"crate::raw \" still\"#; let q = '\\''; crate::g::I;\n",
    );
    let found: Vec<(usize, String)> = crate_paths(&code);
    let want: Vec<(usize, String)> = [
        (1, "a"),
        (3, "b"),
        (4, "c"),
        (8, "d"),
        (9, "e"),
        (10, "f"),
        (11, "g"),
    ]
    .into_iter()
    .map(|(n, s)| (n, s.to_owned()))
    .collect();
    assert_eq!(found, want);
}
