//! The floor benchmark: `orglint check --format json` against walking, reading and parsing the same tree and nothing else.
//!
//! ```text
//! cargo bench --bench floor -- [--runs 7] [--sizes 1000,10000,100000,200000]
//!                              [--layouts files,one-file] [--seed 1] [--orglint PATH]...
//! ```
//!
//! For each size and layout it generates the seeded synthetic org (`benches/support/synth.rs`)
//! into `target/bench-orgs/` once, runs each side once to warm the cache, then runs the release
//! binary (or each `--orglint` binary, to compare builds in one run) and the floor in turn,
//! `--runs` times each, and prints the medians, the spread (min–max) and the ratio of the
//! medians, for wall time and for peak RSS (`ru_maxrss` of the child, from `wait4`). The floor is this same executable run as `floor DIR`: a sorted
//! recursive `std::fs` walk (skipping what SPEC §1 skips), then reading and parsing every file
//! into a `toml` `DeTable` in parallel with rayon, as orglint reads and parses. Only ratios from
//! one run mean anything: the machine is shared.

#[path = "support/synth.rs"]
mod synth;
#[path = "support/timing.rs"]
mod timing;

use std::path::{Path, PathBuf};
use std::process::Command;

use timing::{measure, ms, org, stats};

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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("floor") => std::process::exit(i32::from(floor(Path::new(&args[1])))),
        Some("gen") => return timing::gen_org(&args[1..]),
        _ => {}
    }
    let mut runs = 7;
    let mut sizes = vec![1_000, 10_000, 100_000, 200_000];
    let mut layouts = vec![synth::Layout::Files, synth::Layout::OneFile];
    let mut seed = 1;
    let mut binaries: Vec<PathBuf> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().expect("a value after the option").clone();
        match arg.as_str() {
            "--runs" => runs = value().parse().expect("--runs N"),
            "--seed" => seed = value().parse().expect("--seed S"),
            "--orglint" => binaries.push(PathBuf::from(value())),
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
    if binaries.is_empty() {
        binaries.push(PathBuf::from(env!("CARGO_BIN_EXE_orglint")));
    }
    let me = std::env::current_exe().expect("current_exe");
    for (i, b) in binaries.iter().enumerate() {
        println!("orglint #{i}: {}", b.display());
    }
    println!("{runs} alternating runs each, after one warm-up; time in ms, peak RSS in MB");
    println!(
        "{:>7} {:<8} {:>2} | {:>22} | {:>22} | {:>5} | {:>7} {:>7} {:>5}",
        "people",
        "layout",
        "#",
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
            // The binaries, then the floor, in turn.
            let mut cmds: Vec<Command> = binaries
                .iter()
                .map(|b| {
                    let mut c = Command::new(b);
                    c.args(["check", "--format", "json"]).arg(&dir);
                    c
                })
                .collect();
            let mut base = Command::new(&me);
            base.arg("floor").arg(&dir);
            cmds.push(base);
            let mut times = vec![Vec::new(); cmds.len()];
            let mut rss = vec![Vec::new(); cmds.len()];
            for cmd in &mut cmds {
                measure(cmd);
            }
            for _ in 0..runs {
                for (k, cmd) in cmds.iter_mut().enumerate() {
                    let (t, m) = measure(cmd);
                    times[k].push(t);
                    rss[k].push(m);
                }
            }
            let last = cmds.len() - 1;
            let (f, f0, f1) = stats(&mut times[last]);
            let (fr, _, _) = stats(&mut rss[last]);
            for k in 0..last {
                let (l, l0, l1) = stats(&mut times[k]);
                let (lr, _, _) = stats(&mut rss[k]);
                println!(
                    "{people:>7} {:<8} {k:>2} | {:>8.1} ({:>6.1}-{:>6.1}) | {:>8.1} ({:>6.1}-{:>6.1}) | {:>5.2} | {:>7.1} {:>7.1} {:>5.2}",
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
}
