//! Writes the seed corpus: one input per fixture case of `fixtures/` (its `orglint.toml` and
//! every other file, relative to the case), encoded as the fuzz target decodes it, once plain
//! and once with colour, people in the graph and the baseline round trip, the same two for one
//! workspace of workflow commands and invisible characters ([`runner_seed`]), and every input
//! kept in `fixtures/fuzz-regressions/` as it is. Run from `fuzz/`:
//! `cargo run --bin seeds -- corpus/pipeline`.

#[path = "../tests/support/wellformed.rs"]
#[allow(unused)]
mod wellformed;

#[path = "../tests/support/pipeline.rs"]
mod pipeline;

use std::path::{Path, PathBuf};

/// Every file under `dir`, as (path relative to `dir`, text), sorted; a file that is not UTF-8
/// is left out (the target takes text).
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("a readable fixture directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                todo.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                let rel = path.strip_prefix(dir).expect("under the case");
                out.push((rel.to_string_lossy().into_owned(), text));
            }
        }
    }
    out.sort();
    out
}

/// The fixture cases: a directory of `fixtures/` with a file of its own is one; else each of
/// its subdirectories is.
fn cases(fixtures: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures)
        .expect("fixtures/")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut cases = Vec::new();
    for dir in dirs {
        let mut subdirs = Vec::new();
        let mut has_file = false;
        for entry in std::fs::read_dir(&dir).expect("a fixture") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                subdirs.push(path);
            } else {
                has_file = true;
            }
        }
        if has_file {
            cases.push(dir);
        } else {
            subdirs.sort();
            cases.extend(subdirs);
        }
    }
    cases
}

/// A workspace whose file names, ids, names and values hold what GitHub's runner reads as a
/// workflow command (`::` at a line start, after U+3000 or after a lone CR; `##[` anywhere)
/// and invisible characters, raw and as TOML escapes: no fixture has them, and the fuzzer
/// reaches them sooner from here than from the dictionary alone. The team file's name starts
/// `--format short`'s lines, and the broken file's name its `invalid-toml` finding.
fn runner_seed() -> pipeline::Input {
    let org = r###"[org]
name = "##[stop-commands]pwned"
leadership = ["::error ", "ada"]

[[person]]
id = "::error "
name = "\u3000::warning ::x\u00AD"
role = "##[error]ceo"

[[person]]
id = "ada"
name = "Ada\U000E0041\uFE0F\u3164\u206A GH-1"
role = "ceo"
reports_to = "::add-mask::"
"###;
    let team = "[[team]]\nid = \"##[error]t\"\nname = \"::stop-commands::tok\u{ad}\"\n\
        kind = \"platform\"\nlead = \"\\r::notice ::y\"\n\
        members = [\"::error \", \"GH-1\u{e0041}\u{fe0f}\u{3164}\u{206a}\"]\n";
    let files = [
        ("org.toml", org),
        ("::error file=org.toml,line=1,title=X::y.toml", team),
        ("\u{3000}::notice ::z\r##[error].toml", "name = \"##["),
    ];
    pipeline::Input {
        width: 80,
        files: Vec::from(files.map(|(p, t)| (p.to_owned(), t.to_owned()))),
        ..Default::default()
    }
}

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or("corpus/pipeline".to_owned()),
    );
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    std::fs::create_dir_all(&out).expect("the corpus directory");
    let mut written = 0;
    // The inputs the target once failed on, as they are.
    let kept = fixtures.join("fuzz-regressions");
    for entry in std::fs::read_dir(&kept).expect("fixtures/fuzz-regressions") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "md") {
            let name = path.file_name().expect("a name").to_string_lossy();
            std::fs::copy(&path, out.join(format!("regression-{name}"))).expect("a seed");
            written += 1;
        }
    }
    let mut inputs = vec![("workflow-commands".to_owned(), runner_seed())];
    for case in cases(&fixtures) {
        if case == kept {
            continue;
        }
        let mut input = pipeline::Input {
            width: 80,
            ..Default::default()
        };
        for (path, text) in files(&case) {
            if path == "orglint.toml" {
                input.config = Some(text);
            } else {
                input.files.push((path, text));
            }
        }
        let name = case
            .strip_prefix(&fixtures)
            .expect("a case")
            .to_string_lossy()
            .replace('/', "-");
        inputs.push((name, input));
    }
    for (name, input) in inputs {
        std::fs::write(out.join(&name), input.encode()).expect("a seed");
        let all = pipeline::Input {
            color: true,
            people: true,
            baseline: true,
            width: 40,
            ..input
        };
        std::fs::write(out.join(format!("{name}-all")), all.encode()).expect("a seed");
        written += 2;
    }
    println!("{written} seeds in {}", out.display());
}
