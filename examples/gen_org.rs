//! Writes a seeded synthetic org (see `benches/support/synth.rs`) for benchmarks and smoke runs.
//!
//! ```text
//! cargo run --release --example gen_org -- --people 100000 --seed 1 --layout files OUT_DIR
//! ```
//!
//! `--layout one-file` writes everything into one `org.toml` with `[[person]]` arrays. The same
//! options always write the same bytes. OUT_DIR must be empty or absent, so that the files of an
//! earlier, different org cannot linger in it.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen_org [--people N] [--seed S] [--layout files|one-file] OUT_DIR (defaults: 10000, 1, files)";

fn main() -> ExitCode {
    let mut opts = synth::Options {
        people: 10_000,
        seed: 1,
        layout: synth::Layout::Files,
    };
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let ok = match arg.as_str() {
            "--people" => args
                .next()
                .and_then(|v| v.parse().ok())
                .map(|v| opts.people = v),
            "--seed" => args
                .next()
                .and_then(|v| v.parse().ok())
                .map(|v| opts.seed = v),
            "--layout" => args
                .next()
                .and_then(|v| synth::Layout::parse(&v))
                .map(|v| opts.layout = v),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if out.is_none() && !arg.starts_with('-') => {
                out = Some(PathBuf::from(&arg));
                Some(())
            }
            _ => None,
        };
        if ok.is_none() {
            eprintln!("gen_org: bad argument `{arg}`\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("gen_org: no OUT_DIR\n{USAGE}");
        return ExitCode::from(2);
    };
    if std::fs::read_dir(&out).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!("gen_org: `{}` is not empty", out.display());
        return ExitCode::from(2);
    }
    let org = synth::generate(&opts);
    if let Err(e) = org.write(&out) {
        eprintln!("gen_org: cannot write `{}`: {e}", out.display());
        return ExitCode::from(2);
    }
    println!(
        "{}: {} people, {} teams, {} files, {} bytes ({} layout, seed {})",
        out.display(),
        org.people,
        org.teams,
        org.files.len(),
        org.bytes(),
        opts.layout.name(),
        opts.seed
    );
    ExitCode::SUCCESS
}
