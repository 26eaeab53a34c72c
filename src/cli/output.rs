//! What every subcommand prints the same way: its output (to standard output or a file the tree
//! allows), orglint's own errors, mistakes in `orglint.toml`, and the colour and width of what
//! goes to a terminal.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use orglint::gate::Exit;
use orglint::paths::{display_path, normalize};
use orglint::render::{self, HumanOptions};
use orglint::{Error, Sources, Tree};

use super::args::ColorChoice;

/// `--output` as a file to write, absolute and normalised: none for `-`, which is standard
/// output, as for most tools, not a file named `-`.
pub(super) fn output_file(output: Option<PathBuf>, cwd: &Path) -> Option<PathBuf> {
    output
        .filter(|o| o.as_os_str() != "-")
        .map(|o| normalize(&cwd.join(o)))
}

/// A file a subcommand writes its output to: the tree that judges where it may go, its path
/// (absolute, normalised) and the working directory it is shown relative to.
#[derive(Clone, Copy)]
pub(super) struct OutputFile<'a> {
    pub(super) tree: &'a Tree,
    pub(super) path: &'a Path,
    pub(super) cwd: &'a Path,
}

impl<'a> OutputFile<'a> {
    /// The file `path` names in `tree`, if any.
    pub(super) fn new(tree: &'a Tree, path: Option<&'a Path>, cwd: &'a Path) -> Option<Self> {
        path.map(|path| OutputFile { tree, path, cwd })
    }

    /// Why the output may not go there, given the run's inputs (`sources`), if it may not.
    pub(super) fn refusal(&self, sources: &Sources) -> Option<String> {
        self.tree.refuse_output(self.path, sources, self.cwd)
    }
}

/// Writes `text` to `to`, or to standard output: [`Exit::Passed`], or the tool error of a file
/// not written.
pub(super) fn emit(text: &str, to: Option<OutputFile>) -> Exit {
    let result = match to {
        Some(OutputFile { tree, path, cwd }) => tree
            .replace_file(path, cwd, "report", text.as_bytes())
            .map_err(|e| not_written(&e, &format!("`{}`", display_path(path, cwd)))),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A closed pipe (`orglint check | head`) is not an error of ours.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|e| format!("cannot write the report: {e}")),
            }
        }
    };
    match result {
        Ok(()) => Exit::Passed,
        Err(m) => tool_error(&m),
    }
}

/// [`emit`], first refusing a file the output may not replace given the run's inputs
/// (`sources`), in which case nothing is written.
pub(super) fn emit_unless_refused(text: &str, to: Option<OutputFile>, sources: &Sources) -> Exit {
    if let Some(refusal) = to.as_ref().and_then(|to| to.refusal(sources)) {
        return tool_error(&refusal);
    }
    emit(text, to)
}

/// The message of a file (`what`: "`out.json`", "the baseline `b.json`") not written: a refusal
/// says why itself; a failure says what could not be written.
pub(super) fn not_written(e: &orglint::write::WriteError, what: &str) -> String {
    match e {
        orglint::write::WriteError::Refused(why) => why.clone(),
        e => format!("cannot write {what}: {e}"),
    }
}

/// Reports an error of orglint itself, as clap does (`error: ...`), escaped for the terminal.
pub(super) fn tool_error(message: &str) -> Exit {
    note!("error: {}", render::printable(message));
    Exit::ToolError
}

/// Reports why a run could not produce a report: mistakes in `orglint.toml` drawn as the human
/// report draws findings (in colour as `color` says, for stderr), anything else on one line.
pub(super) fn failed(e: Error, color: ColorChoice) -> Exit {
    match e {
        Error::Config(problems) => {
            let to_terminal = std::io::stderr().is_terminal();
            eprint!(
                "{}",
                render::config_problems(&problems, human(color, to_terminal))
            );
            Exit::ToolError
        }
        // `Error` is non-exhaustive: a kind added later is printed as usage and I/O errors are.
        e => tool_error(&e.to_string()),
    }
}

/// How the human report is drawn for a stream that is a terminal when `to_terminal`: in colour
/// as `color` says, and as wide as [`width`] says.
pub(super) fn human(color: ColorChoice, to_terminal: bool) -> HumanOptions {
    HumanOptions {
        color: color.enabled(to_terminal),
        width: width(to_terminal),
    }
}

/// The width of the human report: the terminal's when writing to one, else 80 (a log, a file,
/// a snapshot). A terminal narrower than 40 columns still gets 40.
fn width(to_terminal: bool) -> usize {
    const DEFAULT: usize = 80;
    if !to_terminal {
        return DEFAULT;
    }
    terminal_size::terminal_size().map_or(DEFAULT, |(terminal_size::Width(w), _)| {
        usize::from(w).max(40)
    })
}
