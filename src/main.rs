//! The `orglint` binary: parse the command line, run it, turn the outcome into an exit code.

/// jemalloc, not the system's allocator: the loader's threads build entities while another
/// merges them, and glibc's malloc made them wait for each other's arena locks (a tenth of a
/// large run's samples); see BENCHMARKS.md. Elsewhere than on Unix, the system's allocator.
#[cfg(unix)]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts (`_RJEM_MALLOC_CONF` in the environment still
/// overrides them): one arena, since a run has two or three threads and its thread caches take
/// most calls; and freed pages given back after 200 ms rather than 10 s, which kept a large run's
/// peak memory where glibc's was (a run is over before the default would act).
// SAFETY: jemalloc reads this symbol once, at its start, as a `const char *` to a NUL-terminated
// string: a static reference to a byte array ending in `\0` is exactly that, and it is never
// written. jemalloc's own definition of the symbol is weak on Unix, so this one takes its place
// (on Windows it is not, which is why jemalloc is Unix only here).
#[cfg(unix)]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 29] = b"narenas:1,dirty_decay_ms:200\0";

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    ExitCode::from(cli::run(args).code())
}
