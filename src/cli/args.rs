//! The command line as clap reads it: the subcommands, their arguments and `--help`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use orglint::leadership_report::{REPORT_FORMATS, ReportFormat};
use orglint::org_chart::{self, GraphFormat};
use orglint::render::{self, Format, RulesFormat};

/// Lint organisation-as-code: people, teams and guilds described in TOML.
#[derive(Parser, Debug)]
#[command(name = "orglint", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
    /// Lint an org tree (default PATH: the working directory).
    Check(CheckArgs),
    /// List every rule: name, category, default level, summary.
    Rules {
        /// Output format.
        #[arg(
            long,
            value_parser = registry(render::RULES_FORMATS, RulesFormat::name, RulesFormat::doc),
            default_value = render::RULES_FORMATS[0].name(),
        )]
        format: &'static RulesFormat,
    },
    /// Show a rule's page.
    Explain {
        /// The rule's name, e.g. `lone-ml-hire`.
        rule: String,
    },
    /// Print the JSON Schema of entity files, for editors and taplo.
    Schema,
    /// Write the report for leadership, with an org chart coloured by findings.
    ///
    /// The org's facts, what the reference article suggests for them, its figures, the org
    /// chart, and the findings by rule and by team, linted as `orglint check` lints the tree.
    Report(ReportArgs),
    /// Print the org chart as Graphviz DOT or a Mermaid flowchart.
    ///
    /// Teams with their leads and parent links; people too with `--people`.
    Graph(GraphArgs),
    /// Write a small example org and a commented orglint.toml.
    ///
    /// Into DIR (default: the working directory, created if missing); refuses to overwrite any
    /// file.
    Init {
        /// Where to write them.
        dir: Option<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
pub(super) struct ReportArgs {
    /// The org tree (default: the working directory); linted as `orglint check` lints it.
    pub(super) path: Option<PathBuf>,
    /// Output format.
    #[arg(
        long,
        value_parser = registry(REPORT_FORMATS, ReportFormat::name, ReportFormat::doc),
        default_value = REPORT_FORMATS[0].name(),
    )]
    pub(super) format: &'static ReportFormat,
    /// Write the report to FILE instead of standard output (`-` is standard output).
    #[arg(long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Use FILE instead of the discovered `orglint.toml`.
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub(super) struct GraphArgs {
    /// The org tree (default: the working directory), found as `check` finds it.
    pub(super) path: Option<PathBuf>,
    /// Output format.
    #[arg(
        long,
        value_parser = registry(org_chart::GRAPH_FORMATS, GraphFormat::name, GraphFormat::doc),
        default_value = org_chart::GRAPH_FORMATS[0].name(),
    )]
    pub(super) format: &'static GraphFormat,
    /// Also draw every person, linked to the teams they are in (lead links apart).
    #[arg(long)]
    pub(super) people: bool,
    /// Write the graph to FILE instead of standard output (`-` is standard output).
    #[arg(long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Use FILE instead of the discovered `orglint.toml`.
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub(super) struct CheckArgs {
    /// Directories or files to lint; with files, the whole tree is loaded and only their findings shown.
    pub(super) paths: Vec<PathBuf>,
    /// Output format.
    #[arg(
        long,
        value_parser = registry(render::FORMATS, Format::name, Format::doc),
        default_value = render::FORMATS[0].name(),
    )]
    pub(super) format: &'static Format,
    /// Write the report to FILE instead of standard output (`-` is standard output).
    #[arg(long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Use FILE instead of the discovered `orglint.toml`.
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
    /// Run only these rules or categories (repeat, or separate with commas); naming a rule turns
    /// it on even where orglint.toml turns it off.
    #[arg(long, value_name = "RULE|CATEGORY", value_delimiter = ',')]
    pub(super) select: Vec<String>,
    /// Skip these rules or categories (repeat, or separate with commas).
    #[arg(long, value_name = "RULE|CATEGORY", value_delimiter = ',')]
    pub(super) ignore: Vec<String>,
    /// Fail when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub(super) max_warnings: Option<usize>,
    /// Hide the findings recorded in FILE (by `--write-baseline`): they are counted as
    /// baselined and never fail the run; its entries no longer found are counted as fixed.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Record the findings of this run in FILE (JSON, such as `.orglint-baseline.json`) and
    /// report them as baselined; with `--baseline` on the same FILE, updates it (fixed entries are
    /// dropped).
    #[arg(long, value_name = "FILE")]
    pub(super) write_baseline: Option<PathBuf>,
    /// Report only the findings the org did not have at git revision REV (such as `HEAD`), in
    /// whichever file they are: what the change since then introduces. Read with git, without
    /// checking anything out.
    #[arg(long, value_name = "REV")]
    pub(super) since: Option<String>,
    /// Apply the safe fixes in place (each file only if unchanged since it was read), then report
    /// what remains.
    #[arg(long)]
    pub(super) fix: bool,
    /// With `--fix` or `--diff`, apply the unsafe fixes too (they change what the org says:
    /// check the result).
    #[arg(long)]
    pub(super) unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of applying them, and write nothing (implies
    /// `--fix`; exit 1 when there is something to fix).
    #[arg(long)]
    pub(super) diff: bool,
    /// Print counts per rule instead of the findings.
    #[arg(long)]
    pub(super) statistics: bool,
    /// When to use colour (`NO_COLOR` is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(super) color: ColorChoice,
}

/// A `--format` parser over one of the renderer's tables of formats: `--help` lists each
/// entry's name with its help, any other name is refused as clap refuses a bad value (with the
/// possible values and a did-you-mean), and the value is the entry itself.
fn registry<T: Send + Sync + 'static>(
    table: &'static [&'static T],
    name: fn(&T) -> &'static str,
    doc: fn(&T) -> &'static str,
) -> impl TypedValueParser<Value = &'static T> {
    PossibleValuesParser::new(
        table
            .iter()
            .map(|f| PossibleValue::new(name(f)).help(doc(f))),
    )
    .map(move |chosen| {
        table
            .iter()
            .copied()
            .find(|f| name(f) == chosen)
            .expect("clap accepts only the names of the table")
    })
}

/// `--color`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour output that goes to a terminal when `to_terminal`.
    pub(super) fn enabled(self, to_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}
