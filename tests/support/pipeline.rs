//! The whole pipeline on a workspace held in memory, every output checked: an optional
//! `orglint.toml`, entity files, load, rules (with `--select`/`--ignore` and a baseline), then
//! every format of `orglint check` (and `--statistics`), both formats of `orglint report` and
//! both of `orglint graph`, each held to [`super::wellformed`]'s rules, and the whole run done
//! twice to the same bytes. A broken rule is a panic naming the output, so that the fuzz target
//! (`fuzz/fuzz_targets/pipeline.rs`), which decodes its bytes with [`Input::decode`], finds it
//! as a crash, and `tests/it/fuzz_regressions.rs` and `tests/it/properties.rs` run the same checks.

#![allow(dead_code)]

use std::path::Path;

use orglint::leadership_report::ReportFormat;
use orglint::render::{self, HumanOptions};
use orglint::{Baseline, Config, Error, Report, Settings, Tree, org_chart};

use super::wellformed;

/// Where the workspace is rooted, and the working directory its paths are shown from.
pub const ROOT: &str = "/ws";

/// What separates the files in a fuzz input: two bytes that no seed holds (a lone NUL or
/// record separator may still be in a file, where it is a TOML error).
pub const SEPARATOR: &[u8] = b"\x00\x1e";

/// One run of the pipeline: the workspace and the options it is linted and drawn with.
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// The text of `orglint.toml`, if the workspace has one.
    pub config: Option<String>,
    /// The entity files, as (path relative to the root or not, text).
    pub files: Vec<(String, String)>,
    /// Colour in the human report and config errors.
    pub color: bool,
    /// The human report's width (the command line gives at least 40).
    pub width: usize,
    /// `orglint graph --people`.
    pub people: bool,
    /// `--ignore` of the rule with this index in [`orglint::RULES`].
    pub ignore: Option<usize>,
    /// `--select` of the category of the rule with this index in [`orglint::RULES`].
    pub select: Option<usize>,
    /// Lint once to write a baseline, then again with that baseline read back.
    pub baseline: bool,
}

impl Input {
    /// The input a fuzzer's bytes stand for. The first byte is flags: bit 0, the first file is
    /// `orglint.toml`; bit 1, colour; bit 2, people in the graph; bit 3, ignore a rule; bit 4,
    /// select a category; bit 5, the baseline round trip. The second is the width (40 more
    /// than it) and the third picks the rule. The rest is files separated by [`SEPARATOR`],
    /// each its path up to the first line break, then its text (invalid UTF-8 replaced, as the
    /// loader's caller must give text).
    pub fn decode(data: &[u8]) -> Input {
        let byte = |i: usize| data.get(i).copied().unwrap_or(0);
        let (flags, width, rule) = (byte(0), byte(1), usize::from(byte(2)));
        let rule = rule % orglint::RULES.len();
        let mut files: Vec<(String, String)> = split(data.get(3..).unwrap_or_default())
            .map(|chunk| {
                let (name, text) = match chunk.iter().position(|&b| b == b'\n') {
                    Some(i) => (&chunk[..i], &chunk[i + 1..]),
                    None => (chunk, &[][..]),
                };
                let text = String::from_utf8_lossy(text).into_owned();
                (String::from_utf8_lossy(name).into_owned(), text)
            })
            .collect();
        let config = (flags & 1 != 0 && !files.is_empty()).then(|| files.remove(0).1);
        Input {
            config,
            files,
            color: flags & 2 != 0,
            width: 40 + usize::from(width),
            people: flags & 4 != 0,
            ignore: (flags & 8 != 0).then_some(rule),
            select: (flags & 16 != 0).then_some(rule),
            baseline: flags & 32 != 0,
        }
    }

    /// The bytes [`Input::decode`] reads back as this input (for seeds and regression files).
    pub fn encode(&self) -> Vec<u8> {
        let mut flags = u8::from(self.config.is_some());
        flags |= u8::from(self.color) << 1 | u8::from(self.people) << 2;
        flags |= u8::from(self.ignore.is_some()) << 3 | u8::from(self.select.is_some()) << 4;
        flags |= u8::from(self.baseline) << 5;
        let width = u8::try_from(self.width.saturating_sub(40)).unwrap_or(u8::MAX);
        let rule = self.ignore.or(self.select).unwrap_or(0);
        let mut out = vec![flags, width, u8::try_from(rule).unwrap_or(0)];
        let config = self.config.iter().map(|c| ("orglint.toml", c.as_str()));
        let files = self.files.iter().map(|(p, t)| (p.as_str(), t.as_str()));
        for (i, (path, text)) in config.chain(files).enumerate() {
            if i > 0 {
                out.extend_from_slice(SEPARATOR);
            }
            out.extend_from_slice(path.as_bytes());
            out.push(b'\n');
            out.extend_from_slice(text.as_bytes());
        }
        out
    }
}

/// The pieces of `data` between separators (none when `data` is empty).
fn split(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = (!data.is_empty()).then_some(data);
    std::iter::from_fn(move || {
        let here = rest?;
        match here.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
            Some(i) => {
                rest = Some(&here[i + SEPARATOR.len()..]);
                Some(&here[..i])
            }
            None => {
                rest = None;
                Some(here)
            }
        }
    })
}

/// Runs and checks the whole pipeline on `input` (twice, to the same bytes), panicking with
/// what is wrong; gives every output, joined.
pub fn run(input: &Input) -> String {
    let first = run_once(input);
    let second = run_once(input);
    if first != second {
        let at = first
            .bytes()
            .zip(second.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(first.len().min(second.len()));
        let show = |s: &str| {
            s.get(at.saturating_sub(200)..)
                .unwrap_or("")
                .chars()
                .take(400)
                .collect::<String>()
        };
        panic!(
            "two runs differ at byte {at}:\n{}\n---\n{}",
            show(&first),
            show(&second)
        );
    }
    first
}

fn run_once(input: &Input) -> String {
    let opts = options(input);
    let settings = match settings(input, opts) {
        Ok(settings) => settings,
        Err(text) => return text,
    };
    let lint = |accepted: &Baseline, write: bool| lint(input, &settings, accepted, write);
    let mut out = String::new();
    let report = if input.baseline {
        let written = lint(&Baseline::default(), true);
        let text = written
            .new_baseline
            .as_ref()
            .expect("a baseline written")
            .to_json();
        let read = Baseline::parse(&text, "baseline.json")
            .unwrap_or_else(|e| panic!("the baseline written does not read back: {e}\n{text}"));
        let again = lint(&read, false);
        // All but a broken file's (`invalid-toml`), which no baseline holds or hides.
        let unhideable = |report: &Report| {
            let all = report.findings.iter();
            all.filter(|f| !f.rule.suppressible).count()
        };
        assert_eq!(
            (again.findings.len(), unhideable(&again)),
            (unhideable(&written), unhideable(&written)),
            "findings its own baseline does not hide:\n{}",
            check_outputs(&again, opts, input.people)
        );
        out.push_str(&text);
        written
    } else {
        lint(&Baseline::default(), false)
    };
    out.push_str(&check_outputs(&report, opts, input.people));
    out
}

/// The human report's options for `input`.
fn options(input: &Input) -> HumanOptions {
    HumanOptions {
        color: input.color,
        width: input.width,
    }
}

/// `input`'s files loaded and linted with `settings`, against the baseline `accepted`, writing
/// a new one if `write`.
fn lint(input: &Input, settings: &Settings, accepted: &Baseline, write: bool) -> Report {
    let root = Path::new(ROOT);
    let loaded = orglint::load_texts(input.files.clone(), root);
    let tree = Tree::new(root.to_path_buf(), settings.config());
    orglint::engine::lint_with(tree, loaded, settings, None, accepted, write, None)
}

/// The settings `input` lints with: its `orglint.toml` (or the default) and its `--select` and
/// `--ignore`; or, when they are bad, the error as the command line prints it, checked.
fn settings(input: &Input, opts: HumanOptions) -> Result<Settings, String> {
    let root = Path::new(ROOT);
    let config = match &input.config {
        None => Config::default(),
        Some(text) => Config::parse(text, "orglint.toml", &root.join("orglint.toml"))
            .map_err(|e| error(&e.into(), opts))?,
    };
    let rule = |i: usize| orglint::RULES[i];
    let select: Vec<String> = input
        .select
        .iter()
        .map(|&i| rule(i).category.as_str().to_owned())
        .collect();
    let ignore: Vec<String> = input
        .ignore
        .iter()
        .map(|&i| rule(i).name.to_owned())
        .collect();
    Settings::new(config, &select, &ignore).map_err(|e| error(&e, opts))
}

/// The fast half of [`run`], for the `check` fuzz target: load and every rule once (no
/// baseline, no second run), then only `--format json` (parsed back), `--format short` and
/// `--format sarif` (parsed back), each checked for terminal safety. Rendering every format
/// twice is most of [`run`]'s time; this leaves the loader and the rules most of the fuzzer's.
/// Gives the outputs, joined.
pub fn check_fast(input: &Input) -> String {
    let opts = options(input);
    let settings = match settings(input, opts) {
        Ok(settings) => settings,
        Err(text) => return text,
    };
    let report = lint(input, &settings, &Baseline::default(), false);
    let mut all = String::new();
    for name in ["json", "short", "sarif"] {
        let format = render::format(name).expect("a format orglint has");
        let what = format!("--format {name}");
        let text = format.render(&report, opts);
        safe(&what, &text, false);
        if name != "short" {
            wellformed::json(&text).unwrap_or_else(|e| panic!("{what}: {e}\n{text}"));
        }
        all.push_str(&format!("=== {what}\n"));
        all.push_str(&text);
    }
    all
}

/// An error the run stops at (a bad `orglint.toml`), as the command line prints it, checked.
fn error(e: &Error, opts: HumanOptions) -> String {
    let mut text = match e {
        Error::Config(problems) => render::config_problems(problems, opts),
        _ => String::new(),
    };
    text.push_str(&format!("error: {}\n", render::printable(&e.to_string())));
    safe("the configuration error", &text, opts.color);
    text
}

/// Panics if `text` (the output `what`) could drive a terminal, or holds a line GitHub's runner
/// would read as a workflow command (but the annotations of `--format github` itself).
fn safe(what: &str, text: &str, sgr: bool) {
    if let Err(e) = wellformed::terminal_safe(text, sgr) {
        panic!("{what} holds a character a terminal could be driven by: {e}");
    }
    let own_commands = what == "--format github";
    if let Err(e) = wellformed::no_workflow_command(text, own_commands) {
        panic!("{what}: {e}\n{text}");
    }
}

/// Renders `report` in every format of `orglint check` (findings and `--statistics`), of
/// `orglint report` and of `orglint graph`, panicking at the first that is not well-formed for
/// its format or could drive a terminal; gives them all, joined.
pub fn check_outputs(report: &Report, opts: HumanOptions, people: bool) -> String {
    let mut all = String::new();
    let mut keep = |what: &str, text: String| {
        all.push_str(&format!("=== {what}\n"));
        all.push_str(&text);
    };
    for format in render::FORMATS {
        let name = format.name();
        for (what, text) in [
            (format!("--format {name}"), format.render(report, opts)),
            (
                format!("--format {name} --statistics"),
                format.statistics(report),
            ),
        ] {
            safe(&what, &text, opts.color && name == "human");
            match name {
                "json" | "sarif" => {
                    wellformed::json(&text).unwrap_or_else(|e| panic!("{what}: {e}\n{text}"));
                }
                "junit" if !what.ends_with("--statistics") => {
                    wellformed::xml(&text).unwrap_or_else(|e| panic!("{what}: {e}\n{text}"));
                }
                "github" if !what.ends_with("--statistics") => github_lines(&text),
                "markdown" => {
                    wellformed::markdown(&text).unwrap_or_else(|e| panic!("{what}: {e}\n{text}"));
                }
                _ => {}
            }
            keep(&what, text);
        }
    }
    let page = orglint::leadership_report::render(report, ReportFormat::Html);
    safe("report --format html", &page, false);
    wellformed::html(&page).unwrap_or_else(|e| panic!("report --format html: {e}\n{page}"));
    keep("report --format html", page);
    let markdown = orglint::leadership_report::render(report, ReportFormat::Markdown);
    safe("report --format markdown", &markdown, false);
    wellformed::markdown(&markdown)
        .unwrap_or_else(|e| panic!("report --format markdown: {e}\n{markdown}"));
    keep("report --format markdown", markdown);
    let chart = org_chart::Graph::new(&report.org, people);
    for format in org_chart::GRAPH_FORMATS {
        let what = format!("graph --format {}", format.name());
        let text = format.render(&chart);
        safe(&what, &text, false);
        keep(&what, text);
    }
    all
}

/// `--format github`: every line a workflow command (`::error ...::message`), but for the
/// summary orglint ends with; a user string must not start a line of its own, which the runner
/// would read as a command.
fn github_lines(text: &str) {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.pop();
    for line in lines {
        let command = ["::error ", "::warning ", "::notice "]
            .iter()
            .any(|c| line.starts_with(c));
        assert!(
            command,
            "--format github: a line that is no workflow command: {line:?}\n{text}"
        );
    }
}
