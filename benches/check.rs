//! Benchmark: `orglint::check` in process on the seeded synthetic org (`benches/support/synth.rs`) of 1,000 and 10,000 people, and on the real org in `../shared/real-orgs` when present.
//!
//! Run with `cargo bench --bench check`. It prints the minimum and median wall time of several
//! runs. The generated orgs stay in `target/bench-org-<people>/`. For the binary against the
//! floor (walk + read + parse), see `benches/floor.rs`.

#[path = "support/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use orglint::CheckOptions;

fn time(label: &str, root: &Path, runs: usize) {
    let opts = CheckOptions {
        paths: vec![root.to_path_buf()],
        cwd: root.to_path_buf(),
        ..CheckOptions::default()
    };
    let mut times: Vec<Duration> = Vec::new();
    let mut findings = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let report = orglint::check(&opts).expect("check");
        times.push(start.elapsed());
        findings = report.findings.len();
    }
    times.sort();
    println!(
        "{label}: min {:.3}s, median {:.3}s over {runs} runs ({findings} findings)",
        times[0].as_secs_f64(),
        times[runs / 2].as_secs_f64()
    );
}

fn main() {
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    for people in [1_000, 10_000] {
        let dir = target.join(format!("bench-org-{people}"));
        let opts = synth::Options {
            people,
            seed: 1,
            layout: synth::Layout::Files,
        };
        let org = synth::generate(&opts);
        if !dir.join("org.toml").is_file() {
            org.write(&dir).expect("write the org");
        }
        time(
            &format!(
                "generated org (seed 1), {people} people in {} files",
                org.files.len()
            ),
            &dir,
            5,
        );
    }
    let real =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/real-orgs/rust-lang-team-rev2");
    if real.is_dir() {
        time(
            "real org (rust-lang team data, revision 2: 666 people of whom 255 alumni, 165 teams)",
            &real,
            10,
        );
    } else {
        println!("real org: skipped, ../shared/real-orgs is absent");
    }
}
