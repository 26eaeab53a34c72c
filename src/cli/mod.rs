//! The command line: clap reads the arguments ([`args`]), one module per subcommand calls the
//! library and prints, and [`output`] holds what they print alike. What to refuse, when to check
//! again and which exit code to give are the library's to decide ([`orglint::gate`]).

/// `eprintln!` for orglint's own messages, which quote paths and names from the tree: the line is
/// kept from reading as a workflow command of GitHub's runner ([`orglint::render::runner_safe`]).
macro_rules! note {
    ($($arg:tt)*) => {
        eprint!(
            "{}",
            ::orglint::render::runner_safe(
                format!("{}\n", format_args!($($arg)*)),
                ::orglint::render::Dialect::Terminal,
            )
        )
    };
}

/// `println!`, kept from reading as a workflow command as [`note!`] is.
macro_rules! say {
    ($($arg:tt)*) => {
        print!(
            "{}",
            ::orglint::render::runner_safe(
                format!("{}\n", format_args!($($arg)*)),
                ::orglint::render::Dialect::Terminal,
            )
        )
    };
}

mod args;
mod check;
mod explain;
mod graph;
mod init;
mod output;
mod report;

use std::path::PathBuf;

pub use args::Cli;
use args::Command;
use orglint::gate::Exit;
use orglint::{CheckOptions, RULES};

/// Runs the command and returns how it ended.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Check(args) => in_working_dir(|cwd| check::check(args, cwd)),
        Command::Rules { format } => output::emit(&format.render(RULES), None),
        Command::Explain { rule } => explain::explain(&rule),
        Command::Schema => output::emit(&orglint::schema::json_schema(), None),
        Command::Report(args) => in_working_dir(|cwd| report::report(args, cwd)),
        Command::Graph(args) => in_working_dir(|cwd| graph::graph(args, cwd)),
        Command::Init { dir } => in_working_dir(|cwd| init::init(dir, cwd)),
    }
}

/// Runs `command` in the working directory, which paths are resolved against and shown relative
/// to; a working directory that cannot be read is a tool error.
fn in_working_dir(command: impl FnOnce(PathBuf) -> Exit) -> Exit {
    match std::env::current_dir() {
        Ok(cwd) => command(cwd),
        Err(e) => output::tool_error(&format!("cannot read the working directory: {e}")),
    }
}

/// The options of a subcommand that reads one tree as `check` finds it, given its PATH and
/// `--config` alone: `report` and `graph`.
fn tree_options(
    path: Option<PathBuf>,
    config: Option<PathBuf>,
    cwd: &std::path::Path,
) -> CheckOptions {
    CheckOptions {
        paths: path.into_iter().collect(),
        config,
        cwd: cwd.to_path_buf(),
        ..CheckOptions::default()
    }
}
