//! Benchmark: `orglint::check` on a generated 100,000-person org in 10,000 team files, and on the real org in `../shared/real-orgs` when present.
//!
//! Run with `cargo bench`. It prints the minimum and median wall time of several runs.
//! The generated org stays in `target/bench-org-<people>/` so that the release binary can be
//! measured on it too: `/usr/bin/time -v target/release/orglint check target/bench-org-100000`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use orglint::CheckOptions;

const ROLES: [&str; 8] = [
    "software-engineer",
    "backend-engineer",
    "frontend-engineer",
    "product-manager",
    "designer",
    "ml-engineer",
    "data-scientist",
    "sre",
];

/// Writes an org of `teams` teams of `per_team` people each, one file per team.
fn generate(dir: &Path, teams: usize, per_team: usize) {
    std::fs::create_dir_all(dir.join("teams")).expect("mkdir");
    let mut org = String::from(
        "[org]\nname = \"Bench Corp\"\nleadership = [\"p0\"]\n\n[org.standards]\nci_cd = \"github-actions\"\n\n",
    );
    for g in 0..teams / 100 {
        let members: Vec<String> = (0..20)
            .map(|i| format!("\"p{}\"", (g * 977 + i * 131) % (teams * per_team)))
            .collect();
        let _ = write!(
            org,
            "[[guild]]\nid = \"guild-{g}\"\nname = \"Guild {g}\"\ntopic = \"ml\"\ncadence = \"monthly\"\nmembers = [{}]\n\n",
            members.join(", ")
        );
    }
    std::fs::write(dir.join("org.toml"), org).expect("write org");
    for t in 0..teams {
        let mut text = String::new();
        let first = t * per_team;
        let ids: Vec<String> = (first..first + per_team)
            .map(|p| format!("\"p{p}\""))
            .collect();
        let _ = write!(
            text,
            "[team]\nid = \"team-{t}\"\nname = \"Team {t}\"\nkind = \"feature\"\nfunction = \"build and run the part of the product numbered {t}\"\nlead = \"p{first}\"\nmembers = [{}]\nsyncs_with = [\"team-{}\"]\n",
            ids.join(", "),
            (t + 1) % teams
        );
        if t % 7 == 0 {
            text.push_str("\n[team.tooling]\nci_cd = \"circleci\"\n");
        }
        for p in first..first + per_team {
            let boss = if p == first {
                (first / per_team / 10) * per_team
            } else {
                first
            };
            let _ = write!(
                text,
                "\n[[person]]\nid = \"p{p}\"\nname = \"Person {p}\"\nrole = \"{}\"\nreports_to = \"p{boss}\"\n",
                ROLES[p % ROLES.len()]
            );
        }
        std::fs::write(dir.join("teams").join(format!("team-{t}.toml")), text).expect("write team");
    }
}

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
    for (teams, per_team) in [(1_000, 10), (10_000, 10)] {
        let people = teams * per_team;
        let dir = target.join(format!("bench-org-{people}"));
        if !dir.join("org.toml").is_file() {
            generate(&dir, teams, per_team);
        }
        time(
            &format!("generated org, {people} people in {teams} team files"),
            &dir,
            5,
        );
    }
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/real-orgs/rust-lang-team");
    if real.is_dir() {
        time(
            "real org (rust-lang team data, 666 people, 165 teams)",
            &real,
            10,
        );
    } else {
        println!("real org: skipped, ../shared/real-orgs is absent");
    }
}
