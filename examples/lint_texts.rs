//! Lints a workspace held in memory, as a language server or a pull-request bot would: it reads
//! the files of a directory itself (standing in for an editor's buffers), lints them with
//! [`orglint::load_texts`] and [`orglint::lint`], prints the findings entity by entity with the
//! text each fix would leave, then lints a second revision of the same workspace in the same
//! process and prints which findings appeared and which disappeared (by fingerprint): a tiny
//! semantic diff.
//!
//! ```text
//! cargo run --example lint_texts -- fixtures/example-org [REVISION-2-DIR]
//! ```
//!
//! The second revision is the files of `REVISION-2-DIR` when given, else the first revision
//! with every safe fix applied (what `orglint check --fix` would write).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use orglint::render::printable;
use orglint::tree::Kind;
use orglint::{Baseline, Config, EntityRef, Fix, Report, Settings, Tree};

/// One revision of a workspace: its `orglint.toml` (if any) and its entity files, as
/// `(absolute path, text)`. Nothing else reads the disk: linting works on these texts alone.
struct Workspace {
    root: PathBuf,
    config: Option<String>,
    files: Vec<(PathBuf, String)>,
}

/// Reads the workspace under `dir` as an editor would hold it: the root's `orglint.toml`, and
/// every file the tree says is an entity file ([`Tree::classify`] leaves out hidden directories,
/// `target/`, `node_modules/`, `[files].exclude` and what is not `.toml`).
fn read_workspace(dir: &Path) -> Result<Workspace, String> {
    // `Tree::classify` compares paths by name: an absolute, normalised root (links kept).
    let root = std::path::absolute(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let root = orglint::paths::normalize(&root);
    let config_path = root.join("orglint.toml");
    let config = std::fs::read_to_string(&config_path).ok();
    let tree = Tree::new(root.clone(), &parse_config(&root, config.as_deref())?);
    let mut files = Vec::new();
    let mut todo = vec![root.clone()];
    while let Some(d) = todo.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let path = entry.path();
            let file_type = entry.file_type().map_err(|e| e.to_string())?;
            // `orglint check` follows a link only to a file inside the tree; an editor's
            // buffers have no links, so this example leaves them out.
            if file_type.is_symlink() {
                continue;
            }
            let is_dir = file_type.is_dir();
            if tree.classify(&path, is_dir) != Kind::Entity {
                continue;
            }
            if is_dir {
                todo.push(path);
            } else {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                files.push((path, text));
            }
        }
    }
    Ok(Workspace {
        root,
        config,
        files,
    })
}

/// The configuration of a workspace rooted at `root`: its `orglint.toml` text, or the defaults.
fn parse_config(root: &Path, text: Option<&str>) -> Result<Config, String> {
    match text {
        Some(text) => Config::parse(text, "orglint.toml", &root.join("orglint.toml"))
            .map_err(|e| format!("error: {e}")),
        None => Ok(Config::default()),
    }
}

/// Lints one revision. Every call is independent: nothing is global in orglint.
fn lint(ws: &Workspace) -> Result<Report, String> {
    let config = parse_config(&ws.root, ws.config.as_deref())?;
    let tree = Tree::new(ws.root.clone(), &config);
    // No `--select`/`--ignore`: the configured levels.
    let settings = Settings::new(config, &[], &[]).map_err(|e| format!("error: {e}"))?;
    // Paths are shown relative to the root, as `orglint check` run there shows them.
    let loaded = orglint::load_texts(ws.files.clone(), &ws.root);
    Ok(orglint::lint(
        tree,
        loaded,
        &settings,
        None,
        &Baseline::default(),
    ))
}

/// The texts of the files `fix` edits, with its edits applied.
fn apply(fix: &Fix, report: &Report) -> BTreeMap<PathBuf, String> {
    orglint::apply_edits(&report.sources, &fix.edits)
        .texts
        .into_iter()
        .map(|(file, text)| (report.sources.get(file).path.clone(), text))
        .collect()
}

/// Prints `report` entity by entity: each finding, and the text its fix would leave.
fn print_report(out: &mut impl Write, report: &Report) -> std::io::Result<()> {
    let mut by_entity: BTreeMap<Option<&EntityRef>, Vec<_>> = BTreeMap::new();
    for f in &report.findings {
        by_entity.entry(f.entity.as_ref()).or_default().push(f);
    }
    for (entity, findings) in by_entity {
        match entity {
            Some(e) => writeln!(out, "{}", printable(&e.to_string()))?,
            None => writeln!(out, "(in no entity)")?,
        }
        for f in findings {
            let place = f.primary.map_or(String::new(), |span| {
                let src = report.sources.get(span.file);
                let pos = src.position(span.start as usize);
                format!("{}:{}:{}: ", src.display, pos.line, pos.column)
            });
            // Paths and messages hold what the files say (a name with a newline or a bidi
            // override): `printable` escapes them for a terminal, as `--format short` does.
            writeln!(
                out,
                "  {}{}[{}] {} ({})",
                printable(&place),
                f.level.severity(),
                f.rule.name,
                printable(&f.message),
                f.fingerprint
            )?;
            if let Some(fix) = &f.fix {
                let how = fix.applicability.as_str();
                writeln!(out, "    fix ({how}): {}", printable(&fix.message))?;
                for (path, text) in apply(fix, report) {
                    let shown = orglint::paths::display_path(&path, &report.tree.root);
                    writeln!(out, "    --- {} after the fix ---", printable(&shown))?;
                    for line in text.lines() {
                        writeln!(out, "    | {}", printable(line))?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// The first revision with every safe fix of `report` applied.
fn with_fixes(ws: &Workspace, report: &Report) -> Workspace {
    let edits = report
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|fix| fix.applicability == orglint::Applicability::Safe)
        .flat_map(|fix| &fix.edits);
    let mut fixed: BTreeMap<&Path, String> = orglint::apply_edits(&report.sources, edits)
        .texts
        .into_iter()
        .map(|(file, text)| (report.sources.get(file).path.as_path(), text))
        .collect();
    let files = ws
        .files
        .iter()
        .map(|(path, text)| {
            let text = fixed.remove(path.as_path()).unwrap_or_else(|| text.clone());
            (path.clone(), text)
        })
        .collect();
    Workspace {
        root: ws.root.clone(),
        config: ws.config.clone(),
        files,
    }
}

/// Prints which fingerprints `after` has that `before` has not, and the reverse.
fn print_diff(out: &mut impl Write, before: &Report, after: &Report) -> std::io::Result<()> {
    let prints = |r: &Report| -> BTreeMap<String, String> {
        r.findings
            .iter()
            .map(|f| {
                let who = f.entity.as_ref().map_or("-".to_owned(), |e| e.to_string());
                (
                    f.fingerprint.clone(),
                    format!("{} {who}: {}", f.rule.name, f.message),
                )
            })
            .collect()
    };
    let (a, b) = (prints(before), prints(after));
    let keys = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<BTreeSet<_>>();
    for fp in keys(&b).difference(&keys(&a)) {
        writeln!(out, "+ {fp} {}", printable(&b[fp]))?;
    }
    for fp in keys(&a).difference(&keys(&b)) {
        writeln!(out, "- {fp} {}", printable(&a[fp]))?;
    }
    Ok(())
}

/// Runs the example on `args` (`DIR [REVISION-2-DIR]`), writing to `out`; the error is what to
/// print on stderr. Public so that `tests/it/example.rs` can run it in process.
pub fn run(args: &[String], out: &mut impl Write) -> Result<(), String> {
    let [first, rest @ ..] = args else {
        return Err("usage: lint_texts DIR [REVISION-2-DIR]".to_owned());
    };
    let ws = read_workspace(Path::new(first))?;
    let before = lint(&ws)?;
    let io = |e: std::io::Error| e.to_string();
    writeln!(out, "# revision 1: {} files", before.files).map_err(io)?;
    print_report(out, &before).map_err(io)?;
    let second = match rest {
        [dir] => read_workspace(Path::new(dir))?,
        [] => with_fixes(&ws, &before),
        _ => return Err("usage: lint_texts DIR [REVISION-2-DIR]".to_owned()),
    };
    let after = lint(&second)?;
    writeln!(out, "# revision 2: what appeared (+) and disappeared (-)").map_err(io)?;
    print_diff(out, &before, &after).map_err(io)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args, &mut std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
