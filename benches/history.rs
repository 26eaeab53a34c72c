//! What comparing with history costs: `orglint check --since HEAD` against `orglint check` on
//! the same tree, in a git repository whose last commit holds that tree.
//!
//! ```text
//! cargo bench --bench history -- [--runs 15] [--sizes 1000,10000,100000] [--seed 1]
//!                                [--orglint PATH]
//! ```
//!
//! For each size it copies the seeded synthetic org (`benches/support/synth.rs`, the `files`
//! layout, generated once into `target/bench-orgs/`) into a temporary git repository and commits
//! it, then runs both commands in turn, `--runs` times each after one warm-up, first with the
//! commit's objects loose (as right after committing) and then packed (`git gc`, as in a clone).
//! It prints the medians, the spread (min–max) and the ratio of the medians, for wall time and
//! peak RSS. Only ratios from one run mean anything: the machine is shared.

#[path = "support/synth.rs"]
mod synth;
#[path = "support/timing.rs"]
mod timing;

use std::path::{Path, PathBuf};
use std::process::Command;

use timing::{measure, ms, org, stats};

/// `git args...` in `dir`, which must succeed.
fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=bench",
            "-c",
            "user.email=bench@example.com",
        ])
        .args(["-c", "commit.gpgsign=false", "-c", "gc.auto=0"])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git");
    assert!(status.success(), "git {args:?}");
}

/// Copies the tree `from` into `to`.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("gen") {
        return timing::gen_org(&args[1..]);
    }
    let mut runs = 15;
    let mut sizes = vec![1_000, 10_000, 100_000];
    let mut seed = 1;
    let mut binary = PathBuf::from(env!("CARGO_BIN_EXE_orglint"));
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().expect("a value after the option").clone();
        match arg.as_str() {
            "--runs" => runs = value().parse().expect("--runs N"),
            "--seed" => seed = value().parse().expect("--seed S"),
            "--orglint" => binary = PathBuf::from(value()),
            "--sizes" => {
                sizes = value()
                    .split(',')
                    .map(|s| s.parse().expect("--sizes N,N"))
                    .collect()
            }
            // `cargo bench` passes `--bench`.
            "--bench" => {}
            other => panic!("unknown argument `{other}`"),
        }
    }
    println!("orglint: {}", binary.display());
    println!("{runs} alternating runs each, after one warm-up; time in ms, peak RSS in MB");
    println!(
        "{:>7} {:<7} | {:>22} | {:>22} | {:>5} | {:>7} {:>7} {:>5}",
        "people",
        "objects",
        "--since HEAD (min-max)",
        "check (min-max)",
        "ratio",
        "RSS",
        "check",
        "ratio"
    );
    for &people in &sizes {
        let generated = org(people, synth::Layout::Files, seed);
        let repo = tempfile::tempdir().expect("temp dir");
        copy(&generated, repo.path());
        git(repo.path(), &["init", "-q"]);
        git(repo.path(), &["add", "-A"]);
        git(repo.path(), &["commit", "-q", "-m", "the org"]);
        for objects in ["loose", "packed"] {
            if objects == "packed" {
                git(repo.path(), &["gc", "-q"]);
            }
            let command = |since: bool| {
                let mut c = Command::new(&binary);
                c.args(["check", "--format", "json"])
                    .current_dir(repo.path());
                if since {
                    c.args(["--since", "HEAD"]);
                }
                c
            };
            let mut cmds = [command(true), command(false)];
            let mut times = [Vec::new(), Vec::new()];
            let mut rss = [Vec::new(), Vec::new()];
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
            let (s, s0, s1) = stats(&mut times[0]);
            let (c, c0, c1) = stats(&mut times[1]);
            let (sr, _, _) = stats(&mut rss[0]);
            let (cr, _, _) = stats(&mut rss[1]);
            println!(
                "{people:>7} {objects:<7} | {:>8.1} ({:>6.1}-{:>6.1}) | {:>8.1} ({:>6.1}-{:>6.1}) | {:>5.2} | {:>7.1} {:>7.1} {:>5.2}",
                ms(s),
                ms(s0),
                ms(s1),
                ms(c),
                ms(c0),
                ms(c1),
                ms(s) / ms(c),
                sr as f64 / 1024.0,
                cr as f64 / 1024.0,
                sr as f64 / cr as f64,
            );
        }
    }
}
