//! The floor benchmark: `orglint check --format json` against walking, reading and parsing the same tree and nothing else.
//!
//! ```text
//! cargo bench --bench floor -- [--runs 7] [--sizes 1000,10000,100000,200000]
//!                              [--layouts files,one-file] [--seed 1] [--orglint PATH]
//! ```
//!
//! For each size and layout it generates the seeded synthetic org (`benches/support/synth.rs`)
//! into `target/bench-orgs/` once, runs each side once to warm the cache, then runs the release
//! binary and the floor alternately, `--runs` times each, and prints the medians, the spread
//! (min–max) and the ratio of the medians, for wall time and for peak RSS (`ru_maxrss` of the
//! child, from `wait4`). The floor is this same executable run as `floor DIR`: a sorted
//! recursive `std::fs` walk (skipping what SPEC §1 skips), then reading and parsing every file
//! into a `toml` `DeTable` in parallel with rayon, as orglint reads and parses. Only ratios from
//! one run mean anything: the machine is shared.

#[path = "support/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

/// The entity files under `dir`, in sorted path order (SPEC §1's skips; links not followed).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = read
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.file_name(), e.file_type().ok()?)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, ft) in entries {
        let bytes = name.as_encoded_bytes();
        if ft.is_dir() {
            if !(bytes.starts_with(b".") || bytes == b"target" || bytes == b"node_modules") {
                walk(&dir.join(&name), out);
            }
        } else if ft.is_file() && bytes.ends_with(b".toml") && bytes != b"orglint.toml" {
            out.push(dir.join(&name));
        }
    }
}

/// The floor itself: walk, read, parse; prints what it saw so that nothing is optimised away.
fn floor(dir: &Path) -> u8 {
    let mut files = Vec::new();
    walk(dir, &mut files);
    let (bytes, keys, broken) = files
        .par_iter()
        .map(|path| match std::fs::read_to_string(path) {
            Ok(text) => match toml::de::DeTable::parse(&text) {
                Ok(doc) => (text.len(), doc.get_ref().len(), 0),
                Err(_) => (text.len(), 0, 1),
            },
            Err(_) => (0, 0, 1),
        })
        .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    println!(
        "{} files, {bytes} bytes, {keys} top-level keys, {broken} unreadable",
        files.len()
    );
    0
}

/// One run of `cmd`: wall time and peak RSS in KiB. The child is reaped by `wait4` (which
/// reports its own rusage, unlike `Child::wait`), so it is never `wait()`ed on.
#[allow(clippy::zombie_processes)]
fn measure(cmd: &mut Command) -> (Duration, u64) {
    let start = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; the pid is our own unwaited child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert!(pid > 0, "wait4 failed");
    let code = libc::WEXITSTATUS(status);
    assert!(
        libc::WIFEXITED(status) && code < 2,
        "{cmd:?} failed (exit {code})"
    );
    (elapsed, usage.ru_maxrss as u64)
}

/// Median, min and max of `xs`.
fn stats<T: Copy + Ord>(xs: &mut [T]) -> (T, T, T) {
    xs.sort();
    (xs[xs.len() / 2], xs[0], xs[xs.len() - 1])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The org of `people` in `layout`, generated once under `target/bench-orgs/`.
fn org(people: usize, layout: synth::Layout, seed: u64) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-orgs");
    let dir = root.join(format!("{}-{people}-seed{seed}", layout.name()));
    if !dir.join("orglint.toml").is_file() {
        let temp = root.join(format!(".partial-{}-{people}-{seed}", layout.name()));
        let _ = std::fs::remove_dir_all(&temp);
        let opts = synth::Options {
            people,
            seed,
            layout,
        };
        synth::generate(&opts).write(&temp).expect("write the org");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::rename(&temp, &dir).expect("rename the org");
    }
    dir
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "floor") {
        std::process::exit(i32::from(floor(Path::new(&args[1]))));
    }
    let mut runs = 7;
    let mut sizes = vec![1_000, 10_000, 100_000, 200_000];
    let mut layouts = vec![synth::Layout::Files, synth::Layout::OneFile];
    let mut seed = 1;
    let mut orglint = PathBuf::from(env!("CARGO_BIN_EXE_orglint"));
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().expect("a value after the option").clone();
        match arg.as_str() {
            "--runs" => runs = value().parse().expect("--runs N"),
            "--seed" => seed = value().parse().expect("--seed S"),
            "--orglint" => orglint = PathBuf::from(value()),
            "--sizes" => {
                sizes = value()
                    .split(',')
                    .map(|s| s.parse().expect("--sizes N,N"))
                    .collect()
            }
            "--layouts" => {
                layouts = value()
                    .split(',')
                    .map(|s| synth::Layout::parse(s).expect("--layouts files,one-file"))
                    .collect()
            }
            // `cargo bench` passes `--bench`.
            "--bench" => {}
            other => panic!("unknown argument `{other}`"),
        }
    }
    let me = std::env::current_exe().expect("current_exe");
    println!(
        "orglint: {}; {runs} alternating runs each, after one warm-up; time in ms, RSS in MB",
        orglint.display()
    );
    println!(
        "{:>7} {:<8} | {:>22} | {:>22} | {:>5} | {:>7} {:>7} {:>5}",
        "people",
        "layout",
        "orglint median (min-max)",
        "floor median (min-max)",
        "ratio",
        "RSS org",
        "floor",
        "ratio"
    );
    for &people in &sizes {
        for &layout in &layouts {
            let dir = org(people, layout, seed);
            let mut lint = Command::new(&orglint);
            lint.args(["check", "--format", "json"]).arg(&dir);
            let mut base = Command::new(&me);
            base.arg("floor").arg(&dir);
            measure(&mut lint);
            measure(&mut base);
            let (mut lt, mut lm, mut ft, mut fm) = (vec![], vec![], vec![], vec![]);
            for _ in 0..runs {
                let (t, m) = measure(&mut lint);
                lt.push(t);
                lm.push(m);
                let (t, m) = measure(&mut base);
                ft.push(t);
                fm.push(m);
            }
            let (l, l0, l1) = stats(&mut lt);
            let (f, f0, f1) = stats(&mut ft);
            let (lr, _, _) = stats(&mut lm);
            let (fr, _, _) = stats(&mut fm);
            println!(
                "{people:>7} {:<8} | {:>8.1} ({:>6.1}-{:>6.1}) | {:>8.1} ({:>6.1}-{:>6.1}) | {:>5.2} | {:>7.1} {:>7.1} {:>5.2}",
                layout.name(),
                ms(l),
                ms(l0),
                ms(l1),
                ms(f),
                ms(f0),
                ms(f1),
                ms(l) / ms(f),
                lr as f64 / 1024.0,
                fr as f64 / 1024.0,
                lr as f64 / fr as f64,
            );
        }
    }
}
