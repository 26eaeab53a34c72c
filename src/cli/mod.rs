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

pub use args::Cli;
use args::Command;
use orglint::RULES;
use orglint::gate::Exit;

/// Runs the command and returns how it ended.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Check(args) => check::check(args),
        Command::Rules { format } => output::emit(&format.render(RULES), None),
        Command::Explain { rule } => explain::explain(&rule),
        Command::Schema => output::emit(&orglint::schema::json_schema(), None),
        Command::Report(args) => report::report(args),
        Command::Graph(args) => graph::graph(args),
        Command::Init { dir } => init::init(dir),
    }
}
