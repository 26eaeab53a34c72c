//! How much memory and time parsing one large TOML file takes, by strategy: can a streaming parse
//! avoid holding the whole parse tree? (BENCHMARKS.md, "One file: can a streaming parse avoid the
//! parse tree?")
//!
//! ```sh
//! cargo run --release --example one_file_parse -- MODE FILE
//! ```
//!
//! Reads FILE, then runs MODE once and prints `MODE ms peak_rss_kb rss_after_read_kb`:
//!
//! - `whole`: `toml::de::DeTable::parse` of the whole text (what the loader did for every file);
//! - `lex`: toml_parser's lexer as an iterator, every token dropped (no vector);
//! - `events`: the lexer into a token vector, then toml_parser's event parser with a receiver that
//!   does nothing (no tree: what a streaming parse over toml_parser would hold at least);
//! - `split`: only finding the cuts (`src/load/chunks.rs`, the loader's own code);
//! - `chunked`: the cuts, then `DeTable::parse` of each piece alone, each tree dropped when
//!   parsed (what the loader does for files over 1 MiB, without building the model).
//!
//! Peak RSS is the process's `ru_maxrss`, so run each mode in its own process, alternately.

#[allow(dead_code)]
#[path = "../src/load/chunks.rs"]
mod chunks;

use std::time::Instant;

/// The names the loader cuts at (`EntityKind::KEYS`).
const NAMES: &[&str] = &["org", "person", "team", "guild"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, file] = &args[..] else {
        eprintln!("usage: one_file_parse whole|lex|events|split|chunked FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(file).expect("read the file");
    let after_read = peak_rss_kb();
    let start = Instant::now();
    let count = match mode.as_str() {
        "whole" => {
            let doc = toml::de::DeTable::parse(&text).expect("parse");
            doc.get_ref().len()
        }
        "lex" => toml_parser::Source::new(&text).lex().count(),
        "events" => {
            let tokens = toml_parser::Source::new(&text).lex().into_vec();
            let mut events = 0usize;
            let mut receiver = |_: toml_parser::parser::Event| events += 1;
            toml_parser::parser::parse_document(&tokens, &mut receiver, &mut ());
            events
        }
        "split" => chunks::split(&text, NAMES).map_or(0, |c| c.arrays.len()),
        "chunked" => {
            let cut = chunks::split(&text, NAMES).expect("a file that can be cut");
            let mut tables = chunks::parse_piece(&text, 0..cut.prefix_end)
                .expect("parse")
                .len();
            for array in &cut.arrays {
                for piece in &array.pieces {
                    let doc = chunks::parse_piece(&text, piece.clone()).expect("parse");
                    tables += doc.len();
                }
            }
            tables
        }
        other => panic!("no mode {other}"),
    };
    let ms = start.elapsed().as_secs_f64() * 1e3;
    std::hint::black_box(count);
    println!("{mode} {ms:.1} {} {after_read}", peak_rss_kb());
}

/// This process's peak resident set, in KiB.
#[cfg(unix)]
fn peak_rss_kb() -> i64 {
    // SAFETY: getrusage only writes the struct it is given.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage.ru_maxrss
    }
}

/// Not measured off Unix.
#[cfg(not(unix))]
fn peak_rss_kb() -> i64 {
    0
}
