//! Determinism: every output is the same whatever order the files come in, and with one, two
//! or eight threads.

use super::*;

/// A small deterministic shuffle (a linear congruential generator): the test needs orders that
/// differ, not randomness, and no new dependency.
fn shuffled<T>(mut items: Vec<T>, seed: u64) -> Vec<T> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..items.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        items.swap(i, (state >> 33) as usize % (i + 1));
    }
    items
}

/// The entity files of the example org and of the hostile-names tree, and fifty more with
/// findings of their own, as `(path, text)` pairs.
fn many_texts() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut add = |base: &Path, prefix: &str| {
        let mut stack = vec![base.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "toml")
                    && path.file_name().is_some_and(|n| n != "orglint.toml")
                {
                    let rel = path.strip_prefix(base).expect("below");
                    let text = std::fs::read_to_string(&path).expect("UTF-8");
                    files.push((Path::new(prefix).join(rel), text));
                }
            }
        }
    };
    add(&support::repo().join("fixtures/example-org"), "example");
    let hostile = support::hostile_tree();
    add(hostile.path(), "hostile");
    for i in 0..50 {
        files.push((
            PathBuf::from(format!("more/{}/t{i}.toml", i % 7)),
            format!(
                "[[team]]\nid = \"dup\"\nname = {}\nkind = \"feature\"\nlead = \"p{i}\"\nmembers = [\"ada\", \"p{i}\"]\nparent = \"dup\"\n",
                toml_string(&format!("{WIDE} {i}"))
            ),
        ));
    }
    files
}

#[test]
fn every_format_is_the_same_whatever_order_the_files_come_in() {
    // The walk sorts each directory's listing, so a shuffled listing cannot be shown to it
    // without a hook in the binary; `load_texts` takes the files in any order the caller gives,
    // which is the same order-independence (both end in one sorted list), proven here without
    // a test-only path in orglint itself.
    let root = Path::new("/nonexistent/orglint-order");
    let files = many_texts();
    let render = |files: Vec<(PathBuf, String)>| {
        let report = support::lint_texts(root, files);
        assert!(
            report.findings.len() > 20,
            "{} findings",
            report.findings.len()
        );
        orglint::render::FORMATS
            .iter()
            .map(|f| (f.name(), f.render(&report, Default::default())))
            .collect::<Vec<_>>()
    };
    let first = render(files.clone());
    for seed in 1..=5 {
        let other = render(shuffled(files.clone(), seed));
        for ((name, a), (_, b)) in first.iter().zip(&other) {
            assert!(a == b, "{name} differs with shuffle {seed}");
        }
    }
    let mut reversed = files;
    reversed.reverse();
    assert!(render(reversed) == first, "reversed order");
}

/// The exit code, stdout and stderr of one run.
type Outputs = (i32, String, String);

#[test]
fn every_output_is_the_same_with_one_two_or_eight_threads_and_any_creation_order() {
    // The same tree written in three orders (on file systems whose listing follows creation
    // order, such as tmpfs, the listings differ), each run with 1, 2 and 8 threads.
    let files = many_texts();
    let mut outputs: Vec<(String, Vec<Outputs>)> = Vec::new();
    for seed in [0, 7, 11] {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "org.toml", ORG);
        for (path, text) in shuffled(files.clone(), seed) {
            write(dir.path(), path.to_str().expect("UTF-8"), text);
        }
        for threads in ["1", "2", "8"] {
            let runs: Vec<Outputs> = FORMATS
                .iter()
                .map(|(args, _)| {
                    let out =
                        support::command(dir.path(), args, &[("RAYON_NUM_THREADS", Some(threads))])
                            .output()
                            .expect("run orglint");
                    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
                    (support::code(&out), text(&out.stdout), text(&out.stderr))
                })
                .collect();
            outputs.push((format!("order {seed}, {threads} threads"), runs));
        }
    }
    let (_, first) = &outputs[0];
    assert!(
        first
            .iter()
            .all(|(code, out, _)| *code < 2 && !out.is_empty())
    );
    for (what, runs) in &outputs[1..] {
        for ((args, _), (a, b)) in FORMATS.iter().zip(first.iter().zip(runs)) {
            assert!(a == b, "{args:?} differs with {what}");
        }
    }
}
