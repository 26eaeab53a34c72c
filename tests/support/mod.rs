//! Helpers shared by the integration tests: linting a directory or a snippet, rendering without
//! colour, writing a tree of files and running the binary in it.

#![allow(dead_code)]

pub mod pipeline;
pub mod wellformed;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use orglint::render::{self, HumanOptions};
use orglint::{CheckOptions, Report};

/// The smallest org: Tiny, led by its one person, Ada, the CTO. A macro, so that `concat!` can
/// build the fixtures of a test file on it: `concat!(crate::tiny_org!(), "\n[[person]]\n…")`.
#[macro_export]
macro_rules! tiny_org {
    () => {
        "[org]\nname = \"Tiny\"\nleadership = [\"ada\"]\n\n[[person]]\nid = \"ada\"\nname = \"Ada\"\nrole = \"cto\"\n"
    };
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lints `dir` (relative to the repository root) as `orglint check dir` run from the root.
pub fn lint_dir(dir: &Path) -> Report {
    orglint::check(&CheckOptions {
        paths: vec![dir.to_path_buf()],
        cwd: repo(),
        ..CheckOptions::default()
    })
    .unwrap_or_else(|e| panic!("linting {}: {e:?}", dir.display()))
}

/// Lints one TOML text as the only file, `org.toml`, of a fresh tree.
pub fn lint_snippet(toml: &str) -> Report {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("org.toml"), toml).expect("write snippet");
    orglint::check(&CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        cwd: dir.path().to_path_buf(),
        ..CheckOptions::default()
    })
    .unwrap_or_else(|e| panic!("linting snippet: {e:?}"))
}

/// `report` in the registered format `name`, as the snapshots keep it: no colour, 80 columns.
pub fn rendered(report: &Report, name: &str) -> String {
    let format = render::format(name).unwrap_or_else(|| panic!("no format {name}"));
    format.render(report, HumanOptions::default())
}

/// The human render as the snapshots keep it: no colour, 80 columns.
pub fn human(report: &Report) -> String {
    rendered(report, "human")
}

/// The JSON document of `report`.
pub fn json(report: &Report) -> String {
    rendered(report, "json")
}

/// `--statistics` as text.
pub fn statistics_text(report: &Report) -> String {
    render::format("human").expect("human").statistics(report)
}

/// The rule of each finding of `report`, in the report's order, repeats kept.
pub fn finding_rules(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.rule.name).collect()
}

/// The rules that fired, sorted, each once.
pub fn fired(report: &Report) -> Vec<&'static str> {
    let mut rules: Vec<&'static str> = report.findings.iter().map(|f| f.rule.name).collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

/// The `[file:L:C]` header of each snippet of a human report, in order.
pub fn headers(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            l.split_once("╭─[")
                .map(|(_, h)| h.trim_end_matches(']').to_owned())
        })
        .collect()
}

/// Variables to set (`Some`) or remove (`None`) in the environment of a run.
pub type Env<'a> = &'a [(&'a str, Option<&'a str>)];

/// `NO_COLOR=1`.
pub const NO_COLOR: Env<'static> = &[("NO_COLOR", Some("1"))];

/// `NO_COLOR=1`, and no `CLICOLOR_FORCE` from the caller's environment: never colour.
pub const PLAIN: Env<'static> = &[("NO_COLOR", Some("1")), ("CLICOLOR_FORCE", None)];

/// The orglint binary the tests run: the one cargo built beside them, or `ORGLINT_TEST_BIN` when
/// set (`.ci/run` runs the scale cases, which take a minute each on a debug build, against the
/// release binary it builds anyway).
pub fn orglint_bin() -> PathBuf {
    std::env::var_os("ORGLINT_TEST_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_orglint")),
        PathBuf::from,
    )
}

/// `orglint args...` in `dir` with `env` on top of the caller's environment, not yet run.
pub fn command(dir: &Path, args: &[&str], env: Env) -> Command {
    let mut command = Command::new(orglint_bin());
    command.args(args).current_dir(dir);
    for &(name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    command
}

/// Runs `orglint args...` in `dir` with `env` and waits for it.
pub fn output(dir: &Path, args: &[&str], env: Env) -> Output {
    command(dir, args, env).output().expect("run orglint")
}

/// The exit code of a run.
pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code, not a signal")
}

/// Output that must be UTF-8, as text.
pub fn utf8(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Runs `orglint args...` in `dir` with `env`: the exit code, stdout and stderr (lossily decoded).
pub fn run(dir: &Path, args: &[&str], env: Env) -> (i32, String, String) {
    let out = output(dir, args, env);
    (
        code(&out),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `orglint args...` in `dir` without colour: the exit code, and "exit: N", stdout and stderr
/// as one text to snapshot.
pub fn transcript(dir: &Path, args: &[&str]) -> (i32, String) {
    let (code, stdout, stderr) = run(dir, args, PLAIN);
    (
        code,
        format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}"),
    )
}

/// Writes `contents` at `path` under `dir`, making its directories.
pub fn write(dir: &Path, path: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, contents).expect("write");
}

/// Writes `files` (path, contents) into a fresh temporary tree.
pub fn tree<C: AsRef<[u8]>>(files: &[(&str, C)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, contents) in files {
        write(dir.path(), path, contents);
    }
    dir
}

/// Lints `(path, text)` pairs held in memory (relative paths joined to `root`) with every rule at
/// its default level, as `load_texts` and `lint` do for a front end.
#[allow(dead_code)]
pub fn lint_texts<P, T>(root: &Path, files: impl IntoIterator<Item = (P, T)>) -> Report
where
    P: AsRef<Path>,
    T: Into<String>,
{
    use orglint::{Baseline, Config, Settings, Tree};
    let settings = Settings::new(Config::default(), &[], &[]).expect("settings");
    let files: Vec<(std::path::PathBuf, String)> = files
        .into_iter()
        .map(|(p, t)| (root.join(p), t.into()))
        .collect();
    let loaded = orglint::load_texts(files, root);
    let tree = Tree::new(root.to_path_buf(), settings.config());
    orglint::lint(tree, loaded, &settings, None, &Baseline::default())
}

/// Lints `files` (relative to a root of their own, read from no disk) with every rule at its
/// default level.
pub fn lint_files(files: &[(&str, &str)]) -> Report {
    lint_texts(Path::new("/ws"), files.iter().copied())
}

/// Whether this run is CI's, where a test that needs something absent must fail rather than skip:
/// `CI` set to anything but empty, `0` or `false` (GitHub, GitLab and `.ci/run` set `CI=true`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// Whether the program `tool` runs (`tool --version` succeeds). Otherwise a panic in CI, and else
/// `false` after a note saying that `test` was skipped and how to get the tool (`install`),
/// written to the stderr handle itself, which libtest does not capture.
pub fn tool_or_skip(tool: &str, install: &str, test: &str) -> bool {
    tool_or_skip_with(tool, "--version", install, test)
}

/// [`tool_or_skip`] for a tool that tells its version with another flag (`dot -V`).
pub fn tool_or_skip_with(tool: &str, version: &str, install: &str, test: &str) -> bool {
    use std::io::Write as _;
    let found = Command::new(tool)
        .arg(version)
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return true;
    }
    assert!(
        !in_ci(),
        "{tool} is not on PATH and CI is set, so {test} cannot be skipped: `{install}` (as .ci/run does)"
    );
    let _ = writeln!(
        std::io::stderr(),
        "note: skipped {test}: {tool} is not on PATH (`{install}`; with CI set, this fails)"
    );
    false
}

/// Team names that try to break a report: HTML, Markdown, table cells, workflow commands,
/// mentions, math, and line breaks, control and bidi characters. Each team is led by Ada, who is
/// not in its `members`, so each name reaches a `lead-not-member` message.
pub const HOSTILE_NAMES: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "| **x** |",
    "<script>alert(\"x\")</script> 'q'",
    "`code` [l](http://e.x) ![i](j) 100%",
    "a\r\nb\u{7}\u{1b}[2J\u{202e}evil\u{2066} \u{200b}z",
    "@org/everyone #1 ~~s~~ $x$ _u_ <!-- c",
    "%0A::error file=x::forged, a:b ##[warning]w",
    "</details></summary>",
];

/// A tree whose names hold [`HOSTILE_NAMES`], in a file whose name holds `%`, `,`, `:`, `|`,
/// brackets, angle brackets, quotes and backticks, and another whose name holds CR LF and a
/// bidi override; a person whose role is HTML and table syntax (`orphan-person`,
/// `unknown-role`).
pub fn hostile_tree() -> tempfile::TempDir {
    let mut teams = String::new();
    for (i, name) in HOSTILE_NAMES.iter().enumerate() {
        let name = toml_string(name);
        teams.push_str(&format!(
            "[[team]]\nid = \"t{i}\"\nname = {name}\nkind = \"platform\"\nlead = \"ada\"\nmembers = []\n\n"
        ));
    }
    let (first, second) = teams.split_at(teams.find("[[team]]\nid = \"t4\"").expect("t4"));
    tree(&[
        ("org.toml", crate::tiny_org!().to_owned()),
        (
            "teams/evil %41,b:c|d [x](y) <b> `q` 'q' \"q\".toml",
            first.to_owned(),
        ),
        ("teams/line\r\n::error::forged\u{202e}.toml", second.to_owned()),
        (
            "people/gus.toml",
            "[[person]]\nid = \"gus\"\nname = \"Gus\"\nrole = \"<b>|x|</b>\"\nreports_to = \"ada\"\n"
                .to_owned(),
        ),
    ])
}

/// `s` as a TOML basic string, every control character written as a `\u` escape.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A copy of the directory `from` in `to`, its entries in name order (so that a walk that
/// follows creation order sees them as the original's sorted walk does).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// Runs Mermaid's parser (`mermaid-parse`, which `.ci/run` puts on PATH) on `text`: what it
/// read, as JSON.
pub fn mermaid_parse(text: &str) -> serde_json::Value {
    let file = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(file.path(), text).expect("write");
    let out = Command::new("mermaid-parse")
        .arg(file.path())
        .output()
        .expect("run mermaid-parse");
    assert!(
        out.status.success(),
        "mermaid-parse: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// `n` with its thousands grouped by commas, as the reports write counts (`1,465`): the tests'
/// own, to check the reports' against.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The Markdown extensions GitHub renders, for parsing a report as GitHub would.
pub fn gfm_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
}

/// Runs `orglint args...` in `dir` with `env`, killed (and the test failed) if it does not end
/// within `limit`: a run that hangs must fail the test, not hang the suite. Returns the exit code
/// and all of stdout and stderr.
pub fn watched(
    dir: &Path,
    args: &[&str],
    env: Env,
    limit: std::time::Duration,
) -> (i32, Vec<u8>, Vec<u8>) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = command(dir, args, env)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run orglint");
    let pipe = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = r.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = pipe(Box::new(child.stdout.take().expect("stdout")));
    let err = pipe(Box::new(child.stderr.take().expect("stderr")));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("orglint {args:?} did not finish in {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    (
        status.code().expect("exit code, not a signal"),
        out.join().expect("stdout thread"),
        err.join().expect("stderr thread"),
    )
}

/// `out` without the colour sequences orglint itself writes (`ESC [ digits;... m`); any other
/// ESC is kept, for a check to find.
pub fn strip_sgr(out: &str) -> String {
    let mut clean = String::new();
    let mut rest = out;
    while let Some(i) = rest.find('\u{1b}') {
        clean.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let sgr = after.strip_prefix('[').and_then(|s| {
            let end = s.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            (s.as_bytes()[end] == b'm').then(|| &s[end + 1..])
        });
        match sgr {
            Some(tail) => rest = tail,
            None => {
                clean.push('\u{1b}');
                rest = after;
            }
        }
    }
    clean.push_str(rest);
    clean
}

/// The OASIS schema, next to the repository as `shared/` is laid out.
pub fn sarif_schema_path() -> PathBuf {
    repo().join("../shared/schemas/sarif-schema-2.1.0.json")
}

/// For a test whose input from the shared directory (`path`) is absent: a panic when `ci`, else
/// a note on `out` saying that `test` was skipped.
pub fn skip_absent(path: &Path, test: &str, ci: bool, out: &mut dyn std::io::Write) {
    assert!(
        !ci,
        "{} is absent and CI is set, so {test} cannot be skipped: check out the shared \
         directory next to the repository",
        path.display()
    );
    // A failed note must not fail the test: it is only a note.
    let _ = writeln!(
        out,
        "note: skipped {test}: {} is absent (with CI set, this fails)",
        path.display()
    );
}

/// A validator of the SARIF schema (draft-04, formats checked: `uri`, `uri-reference`), or
/// `None` after a note when it is absent outside CI.
pub fn sarif_validator(test: &str) -> Option<jsonschema::Validator> {
    sarif_validator_at(&sarif_schema_path(), test, in_ci())
}

/// The validator of the schema at `path`; when it is absent, a panic when `ci`, else `None`.
pub fn sarif_validator_at(path: &Path, test: &str, ci: bool) -> Option<jsonschema::Validator> {
    let Ok(text) = std::fs::read_to_string(path) else {
        // libtest captures `eprint!`; the stderr handle itself is not captured.
        skip_absent(path, test, ci, &mut std::io::stderr());
        return None;
    };
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    Some(validator)
}
