//! Adversarial trees, each run through every output format: no panic, no hang, exit 0, 1 or 2 as
//! documented, JSON that parses, XML that is well formed, no raw control, bidi or zero-width
//! character and no raw `<script>` from user data in any output. Big inputs are generated here,
//! in a temporary directory; determinism is checked at the end. The cases of a hundred thousand
//! entities or fifty megabytes are `#[ignore]`d in the debug suite, where each takes from ten
//! seconds to a minute: `.ci/run` runs them against a release binary
//! (`ORGLINT_TEST_BIN=target/release/orglint cargo test --test it -- --ignored`).
//!
//! This module holds the checks every case goes through; each submodule holds one kind of
//! hostile input.

mod determinism;
mod many_files;
mod not_toml;
mod orglint_toml;
mod size;
mod user_strings;

use crate::support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::{strip_sgr, toml_string, write};

use crate::support::wellformed;

/// How an output is checked beyond what every output is checked for.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Text for a terminal or a log.
    Text,
    /// `--color always`: orglint's own `ESC [ ... m` colour codes are stripped before the check.
    Coloured,
    /// One JSON document.
    Json,
    /// One well-formed XML document.
    Xml,
    /// HTML, Markdown or Mermaid, which a browser or renderer reads: no raw `<script`.
    Markup,
}

/// Every output orglint writes for a tree: `check` in each format, `report`, `graph`.
const FORMATS: &[(&[&str], Kind)] = &[
    (
        &["check", "--format", "human", "--color", "always"],
        Kind::Coloured,
    ),
    (&["check", "--format", "short"], Kind::Text),
    (&["check", "--format", "json"], Kind::Json),
    (&["check", "--format", "sarif"], Kind::Json),
    (&["check", "--format", "github"], Kind::Text),
    (&["check", "--format", "junit"], Kind::Xml),
    (&["check", "--format", "markdown"], Kind::Markup),
    (&["report", "--format", "html"], Kind::Markup),
    (&["report", "--format", "markdown"], Kind::Markup),
    (&["graph", "--format", "dot"], Kind::Text),
    (&["graph", "--format", "mermaid"], Kind::Markup),
];

/// What one run of orglint gave.
struct Run {
    args: String,
    code: i32,
    stdout: String,
    stderr: String,
}

/// A hang becomes a failure after this long; no test asserts a time (STYLE.md: performance lives
/// in benchmarks).
const WATCHDOG: Duration = Duration::from_secs(120);

/// At most this many runs at once: a 50 MB tree takes memory in each.
const IN_PARALLEL: usize = 4;

/// Runs `orglint args` in `dir` under the watchdog, with `NO_COLOR` and `CLICOLOR_FORCE` unset so
/// that the flags alone decide colour.
fn orglint(dir: &Path, args: &[&str]) -> Run {
    let env = [("NO_COLOR", None), ("CLICOLOR_FORCE", None)];
    let (code, stdout, stderr) = support::watched(dir, args, &env, WATCHDOG);
    let text = |bytes: Vec<u8>, what: &str| {
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("{args:?}: {what} is not UTF-8: {e}"))
    };
    Run {
        args: format!("{args:?}"),
        code,
        stdout: text(stdout, "stdout"),
        stderr: text(stderr, "stderr"),
    }
}

/// Fails unless `text` is free of every character that can drive a terminal or hide text
/// (`orglint::render::is_unsafe`: C0 but newline, DEL, C1, bidi, zero-width), but a tab in the
/// Markdown and Mermaid outputs' own indentation is none of ours, and they escape user tabs.
fn assert_no_raw_controls(what: &str, text: &str) {
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| c != '\n' && orglint::render::is_unsafe(c))
    {
        let from = text[..at]
            .char_indices()
            .rev()
            .nth(80)
            .map_or(0, |(i, _)| i);
        let to = text[at..]
            .char_indices()
            .nth(80)
            .map_or(text.len(), |(i, _)| at + i);
        panic!("{what}: a raw {c:?} at byte {at}: {:?}", &text[from..to]);
    }
}

/// Fails if GitHub's runner would read a line of `run`'s output as a workflow command, but the
/// annotations `check --format github` writes on stdout (its own commands).
fn assert_no_workflow_command(run: &Run, stdout: &str, stderr: &str) {
    // Only the annotations of `check --format github`: not its `--statistics` nor `--diff`.
    let own = run.args.starts_with("[\"check\"")
        && run.args.contains("\"github\"")
        && !run.args.contains("--statistics")
        && !run.args.contains("--diff");
    for (name, text, own) in [("stdout", stdout, own), ("stderr", stderr, false)] {
        if let Err(e) = wellformed::no_workflow_command(text, own) {
            panic!("{} {name}: {e}\n{}", run.args, cut(text));
        }
    }
}

/// Fails unless `doc` is one well-formed XML document.
fn assert_xml(what: &str, doc: &str) {
    let mut reader = quick_xml::Reader::from_str(doc);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut roots = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => {
                roots += usize::from(depth == 0);
                depth += 1;
            }
            Ok(quick_xml::events::Event::Empty(_)) => roots += usize::from(depth == 0),
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{what}: not well-formed XML: {e}"),
        }
    }
    assert!(
        depth == 0 && roots == 1,
        "{what}: {roots} roots, {depth} open"
    );
}

/// Runs every output of [`FORMATS`] on `dir` ([`IN_PARALLEL`] at a time) and checks each: an exit
/// code in `codes` (never 101, a panic; `report` and `graph` exit 0 where `check` exits 1), no panic message, and the checks of its [`Kind`]. Returns
/// the runs, in the order of [`FORMATS`], for a test's own checks.
fn every_format(dir: &Path, codes: &[i32]) -> Vec<Run> {
    let mut runs = Vec::new();
    for batch in FORMATS.chunks(IN_PARALLEL) {
        let done: Vec<Run> = std::thread::scope(|s| {
            let handles: Vec<_> = batch
                .iter()
                .map(|(args, _)| s.spawn(move || orglint(dir, args)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a run"))
                .collect()
        });
        runs.extend(done);
    }
    for (run, (_, kind)) in runs.iter().zip(FORMATS) {
        let what = &run.args;
        let codes: Vec<i32> = if run.args.starts_with("[\"check\"") {
            codes.to_vec()
        } else {
            codes.iter().map(|&c| if c == 1 { 0 } else { c }).collect()
        };
        assert!(
            codes.contains(&run.code),
            "{what}: exit {} (not one of {codes:?})\n{}",
            run.code,
            cut(&run.stderr)
        );
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
            "{what}: {}",
            cut(&run.stderr)
        );
        if run.code == 2 {
            // A usage or configuration error: one message on stderr, nothing else.
            assert!(!run.stderr.is_empty(), "{what}: exit 2 without a message");
        } else {
            assert!(!run.stdout.is_empty(), "{what}: no output");
        }
        let (stdout, stderr) = if *kind == Kind::Coloured {
            (strip_sgr(&run.stdout), strip_sgr(&run.stderr))
        } else {
            (run.stdout.clone(), run.stderr.clone())
        };
        assert_no_raw_controls(&format!("{what} stdout"), &stdout);
        assert_no_raw_controls(&format!("{what} stderr"), &stderr);
        assert_no_workflow_command(run, &stdout, &stderr);
        if run.code == 2 {
            continue;
        }
        match kind {
            Kind::Json => {
                serde_json::from_str::<serde_json::Value>(&stdout)
                    .unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
            }
            Kind::Xml => assert_xml(what, &stdout),
            Kind::Markup => assert!(
                !stdout.to_ascii_lowercase().contains("<script"),
                "{what}: a raw <script"
            ),
            Kind::Text | Kind::Coloured => {}
        }
    }
    runs
}

/// The first 2,000 characters of `s`, for a failure message.
fn cut(s: &str) -> &str {
    s.char_indices().nth(2_000).map_or(s, |(i, _)| &s[..i])
}

/// The run of `check --format json` among `runs`, parsed.
fn json(runs: &[Run]) -> serde_json::Value {
    let run = runs
        .iter()
        .find(|r| r.args.contains("\"json\""))
        .expect("a JSON run");
    serde_json::from_str(&run.stdout).expect("JSON")
}

/// The rules of the findings of a JSON report, sorted, each once.
fn rules(report: &serde_json::Value) -> Vec<String> {
    let mut rules: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().expect("rule").to_owned())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

/// The smallest org, as `org.toml`.
const ORG: &str = crate::tiny_org!();

/// A fresh tree holding `org.toml` ([`ORG`]) and `files`.
fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = support::tree(&[("org.toml", ORG.as_bytes())]);
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

/// `n` people, `p0` ... , each reporting to the next and the last to Ada: one `reports_to` chain.
fn people_chain(n: usize) -> String {
    let mut s = String::with_capacity(n * 80);
    for i in 0..n {
        let up = if i + 1 < n {
            format!("p{}", i + 1)
        } else {
            "ada".to_owned()
        };
        s.push_str(&format!(
            "[[person]]\nid = \"p{i}\"\nname = \"P{i}\"\nrole = \"software-engineer\"\nreports_to = \"{up}\"\n\n"
        ));
    }
    s
}

/// Bidi overrides, zero-width joiners, combining characters, emoji and wide CJK.
const WIDE: &str = "中文👩\u{200d}💻e\u{301}\u{202e}!\u{2066}字";
