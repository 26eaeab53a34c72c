//! What the benchmarks that run the binary share: timing one run (wall time and peak RSS), the
//! median and spread of runs, and the seeded synthetic orgs they run on.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::synth;

/// One run of `cmd`: wall time and peak RSS in KiB. The child is reaped by `wait4` (which
/// reports its own rusage, unlike `Child::wait`), so it is never `wait()`ed on.
#[allow(clippy::zombie_processes)]
pub fn measure(cmd: &mut Command) -> (Duration, u64) {
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
pub fn stats<T: Copy + Ord>(xs: &mut [T]) -> (T, T, T) {
    xs.sort();
    (xs[xs.len() / 2], xs[0], xs[xs.len() - 1])
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The org of `people` in `layout`, generated once under `target/bench-orgs/`, by a child
/// process (this executable run as `gen`, which the bench's `main` hands to [`gen_org`]): Linux counts the parent's resident memory at the spawn in a child's `ru_maxrss`, so
/// this process must never hold a big org itself.
pub fn org(people: usize, layout: synth::Layout, seed: u64) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-orgs");
    let dir = root.join(format!("{}-{people}-seed{seed}", layout.name()));
    if !dir.join("orglint.toml").is_file() {
        let temp = root.join(format!(".partial-{}-{people}-{seed}", layout.name()));
        let _ = std::fs::remove_dir_all(&temp);
        let me = std::env::current_exe().expect("current_exe");
        let status = Command::new(me)
            .args(["gen", &people.to_string(), layout.name(), &seed.to_string()])
            .arg(&temp)
            .status()
            .expect("spawn the generator");
        assert!(status.success(), "generating {}", dir.display());
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::rename(&temp, &dir).expect("rename the org");
    }
    dir
}

/// `gen PEOPLE LAYOUT SEED DIR`: writes the org (run as a child of the driver).
pub fn gen_org(args: &[String]) {
    let opts = synth::Options {
        people: args[0].parse().expect("people"),
        layout: synth::Layout::parse(&args[1]).expect("layout"),
        seed: args[2].parse().expect("seed"),
    };
    synth::generate(&opts)
        .write(Path::new(&args[3]))
        .expect("write the org");
}
