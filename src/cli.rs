//! The command line: clap definitions, and each subcommand from arguments to output and exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use orglint::finding::Level;
use orglint::leadership_report::{REPORT_FORMATS, ReportFormat};
use orglint::org_chart::{self, GraphFormat};
use orglint::paths::{display_path, normalize};
use orglint::render::{self, Format, HumanOptions, RulesFormat};
use orglint::rules::{self, RULES};
use orglint::tree::same_file;
use orglint::{CheckOptions, Error};

/// `eprintln!` for orglint's own messages, which quote paths and names from the tree: the line is
/// kept from reading as a workflow command of GitHub's runner ([`render::runner_safe`]).
macro_rules! note {
    ($($arg:tt)*) => {
        eprint!(
            "{}",
            render::runner_safe(format!("{}\n", format_args!($($arg)*)), render::Dialect::Terminal)
        )
    };
}

/// `println!`, kept from reading as a workflow command as [`note!`] is.
macro_rules! say {
    ($($arg:tt)*) => {
        print!(
            "{}",
            render::runner_safe(format!("{}\n", format_args!($($arg)*)), render::Dialect::Terminal)
        )
    };
}

/// Exit code: nothing failed.
const OK: u8 = 0;
/// Exit code: findings that fail the run.
const FAILED: u8 = 1;
/// Exit code: a usage, configuration or I/O error.
const TOOL_ERROR: u8 = 2;

/// Lint organisation-as-code: people, teams and guilds described in TOML.
#[derive(Parser, Debug)]
#[command(name = "orglint", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
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
struct ReportArgs {
    /// The org tree (default: the working directory); linted as `orglint check` lints it.
    path: Option<PathBuf>,
    /// Output format.
    #[arg(
        long,
        value_parser = registry(REPORT_FORMATS, ReportFormat::name, ReportFormat::doc),
        default_value = REPORT_FORMATS[0].name(),
    )]
    format: &'static ReportFormat,
    /// Write the report to FILE instead of standard output (`-` is standard output).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Use FILE instead of the discovered `orglint.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct GraphArgs {
    /// The org tree (default: the working directory), found as `check` finds it.
    path: Option<PathBuf>,
    /// Output format.
    #[arg(
        long,
        value_parser = registry(org_chart::GRAPH_FORMATS, GraphFormat::name, GraphFormat::doc),
        default_value = org_chart::GRAPH_FORMATS[0].name(),
    )]
    format: &'static GraphFormat,
    /// Also draw every person, linked to the teams they are in (lead links apart).
    #[arg(long)]
    people: bool,
    /// Write the graph to FILE instead of standard output (`-` is standard output).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Use FILE instead of the discovered `orglint.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Directories or files to lint; with files, the whole tree is loaded and only their findings shown.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(
        long,
        value_parser = registry(render::FORMATS, Format::name, Format::doc),
        default_value = render::FORMATS[0].name(),
    )]
    format: &'static Format,
    /// Write the report to FILE instead of standard output (`-` is standard output).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Use FILE instead of the discovered `orglint.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Run only these rules or categories (repeat, or separate with commas); naming a rule turns
    /// it on even where orglint.toml turns it off.
    #[arg(long, value_name = "RULE|CATEGORY", value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules or categories (repeat, or separate with commas).
    #[arg(long, value_name = "RULE|CATEGORY", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Fail when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Hide the findings recorded in FILE (by `--write-baseline`): they are counted as
    /// baselined and never fail the run; its entries no longer found are counted as fixed.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the findings of this run in FILE (JSON, such as `.orglint-baseline.json`) and
    /// report them as baselined; with `--baseline` on the same FILE, updates it (fixed entries are
    /// dropped).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Apply the safe fixes in place (each file only if unchanged since it was read), then report
    /// what remains.
    #[arg(long)]
    fix: bool,
    /// With `--fix` or `--diff`, apply the unsafe fixes too (they change what the org says:
    /// check the result).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of applying them, and write nothing (implies
    /// `--fix`; exit 1 when there is something to fix).
    #[arg(long)]
    diff: bool,
    /// Print counts per rule instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// When to use colour (`NO_COLOR` is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
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
enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour output that goes to a terminal when `to_terminal`.
    fn enabled(self, to_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Runs the command and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { format } => emit(&format.render(RULES), None),
        Command::Explain { rule } => explain(&rule),
        Command::Schema => emit(&orglint::schema::json_schema(), None),
        Command::Report(args) => report(args),
        Command::Graph(args) => graph(args),
        Command::Init { dir } => init(dir),
    }
}

/// `orglint graph`: loads the tree as `check` does (same root and configuration discovery, same
/// walk) and builds the model, without running the rules; a file that cannot be parsed is left
/// out of the chart, and stderr says so.
fn graph(args: GraphArgs) -> u8 {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => return tool_error(&format!("cannot read the working directory: {e}")),
    };
    let opts = CheckOptions {
        paths: args.path.into_iter().collect(),
        config: args.config,
        cwd: cwd.clone(),
        ..CheckOptions::default()
    };
    let workspace = match orglint::workspace(&opts) {
        Ok(workspace) => workspace,
        Err(Error::Config(problems)) => {
            let to_terminal = std::io::stderr().is_terminal();
            let opts = HumanOptions {
                color: to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                width: width(to_terminal),
            };
            eprint!("{}", render::config_problems(&problems, opts));
            return TOOL_ERROR;
        }
        Err(e) => return tool_error(&e.to_string()),
    };
    let loaded = orglint::load_tree(&workspace.tree, &workspace.cwd);
    let model = orglint::engine::build_model(loaded, workspace.settings.config());
    for file in model.unparsed() {
        note!(
            "warning: `{}` could not be parsed; what it holds is not in the graph (`orglint check` \
             says why)",
            render::printable(&file.display)
        );
    }
    let output = args
        .output
        .filter(|o| o.as_os_str() != "-")
        .map(|o| normalize(&cwd.join(o)));
    if let Some(output) = &output {
        if let Some(refusal) = workspace.tree.refuse_output(output, &model.sources, &cwd) {
            return tool_error(&refusal);
        }
    }
    let text = args
        .format
        .render(&org_chart::Graph::new(&model.org, args.people));
    let to = output
        .as_deref()
        .map(|o| (&workspace.tree, o, cwd.as_path()));
    emit(&text, to)
}

/// `orglint init`: writes the example org and configuration, or refuses and writes nothing.
fn init(dir: Option<PathBuf>) -> u8 {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => return tool_error(&format!("cannot read the working directory: {e}")),
    };
    let dir = normalize(&cwd.join(dir.unwrap_or_else(|| PathBuf::from("."))));
    match orglint::init::init(&dir, &cwd) {
        Ok(written) => {
            for path in &written {
                say!("wrote {}", render::printable(path));
            }
            let shown = display_path(&dir, &cwd);
            let next = if shown == "." {
                "orglint check".to_owned()
            } else {
                format!("orglint check {}", render::printable(&shown))
            };
            say!("next: run `{next}` (it finds nothing to report), then edit the files");
            OK
        }
        Err(e) => tool_error(&e.to_string()),
    }
}

/// `orglint report`: lints as `orglint check` does with no option (the discovered
/// `orglint.toml`), and writes the report. Exit 0 when it is written, whatever the findings: the
/// report is the product, and `check` is the gate; 2 for a usage, configuration or I/O error.
fn report(args: ReportArgs) -> u8 {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => return tool_error(&format!("cannot read the working directory: {e}")),
    };
    let output = (args.output.filter(|o| o.as_os_str() != "-")).map(|o| normalize(&cwd.join(o)));
    let opts = CheckOptions {
        paths: args.path.into_iter().collect(),
        config: args.config,
        cwd: cwd.clone(),
        ..CheckOptions::default()
    };
    let report = match orglint::check(&opts) {
        Ok(report) => report,
        Err(Error::Config(problems)) => {
            let to_terminal = std::io::stderr().is_terminal();
            let opts = HumanOptions {
                color: ColorChoice::Auto.enabled(to_terminal),
                width: width(to_terminal),
            };
            eprint!("{}", render::config_problems(&problems, opts));
            return TOOL_ERROR;
        }
        Err(e) => return tool_error(&e.to_string()),
    };
    // Never dropped, as in `check`: the process exits right after.
    let report = std::mem::ManuallyDrop::new(report);
    if let Some(output) = &output {
        if let Some(refusal) = report.tree.refuse_output(output, &report.sources, &cwd) {
            return tool_error(&refusal);
        }
    }
    let text = orglint::leadership_report::render(&report, *args.format);
    emit(
        &text,
        output.as_deref().map(|o| (&report.tree, o, cwd.as_path())),
    )
}

fn check(args: CheckArgs) -> u8 {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => return tool_error(&format!("cannot read the working directory: {e}")),
    };
    // `--output -` is standard output, as for most tools, not a file named `-`.
    let args = CheckArgs {
        output: args.output.filter(|o| o.as_os_str() != "-"),
        ..args
    };
    let color = args
        .color
        .enabled(args.output.is_none() && std::io::stdout().is_terminal());
    let output = args.output.map(|o| normalize(&cwd.join(o)));
    let write_baseline = args.write_baseline.map(|b| normalize(&cwd.join(b)));
    if let Some(path) = &write_baseline {
        if path.as_os_str() == "-" || path.file_name().is_some_and(|n| n == "-") {
            return tool_error(
                "`--write-baseline` writes a file; `-` (standard output) is not one",
            );
        }
        if output.as_deref().is_some_and(|o| same_file(o, path)) {
            return tool_error(&format!(
                "`--output` and `--write-baseline` name the same file `{}`",
                display_path(path, &cwd)
            ));
        }
    }
    if let (Some(out), Some(read)) = (&output, &args.baseline) {
        let read = normalize(&cwd.join(read));
        if same_file(out, &read) {
            return tool_error(&format!(
                "`--output` names the baseline `{}` that this run reads; write the report \
                 elsewhere",
                display_path(&read, &cwd)
            ));
        }
    }
    let fixing = args.fix || args.diff;
    if args.unsafe_fixes && !fixing {
        return tool_error(
            "`--unsafe-fixes` widens `--fix` and `--diff`; give one of them (the reports do not \
             show which findings have a fix)",
        );
    }
    if args.diff && write_baseline.is_some() {
        return tool_error("`--diff` writes nothing; it cannot be given with `--write-baseline`");
    }
    let opts = CheckOptions {
        paths: args.paths,
        config: args.config,
        select: args.select,
        ignore: args.ignore,
        cwd: cwd.clone(),
        baseline: args.baseline,
        write_baseline: write_baseline.is_some(),
    };
    let failed = |e: Error| match e {
        Error::Usage(m) | Error::Io(m) | Error::Baseline(m) => tool_error(&m),
        Error::Config(problems) => {
            let to_terminal = std::io::stderr().is_terminal();
            let opts = HumanOptions {
                color: args.color.enabled(to_terminal),
                width: width(to_terminal),
            };
            eprint!("{}", render::config_problems(&problems, opts));
            TOOL_ERROR
        }
        // `Error` is non-exhaustive: a kind added later is printed as usage and I/O errors are.
        e => tool_error(&e.to_string()),
    };
    // Every write this run would make is refused or allowed before the first one is made, so a
    // refusal leaves everything as it was: the report, the baseline, then (by `--fix`) the
    // files, which `write_fixed` checks one by one.
    let refusal = |report: &orglint::Report| {
        let report_to = output
            .as_ref()
            .and_then(|o| report.tree.refuse_output(o, &report.sources, &cwd));
        report_to.or_else(|| {
            let path = write_baseline.as_ref()?;
            report
                .tree
                .refuse_write(path, &report.sources, &cwd, "baseline")
        })
    };
    // Whether a fixed file could not be written: the run then ends with exit code 2.
    let mut not_written = false;
    let report = if fixing {
        let how = orglint::fix::FixOptions {
            unsafe_fixes: args.unsafe_fixes,
        };
        let fixed = match orglint::fix::fix(&opts, how) {
            Ok(fixed) => fixed,
            Err(e) => return failed(e),
        };
        if args.diff {
            return print_diff(&fixed, output.as_deref(), &cwd);
        }
        if let Some(refused) = refusal(&fixed.report) {
            return tool_error(&refused);
        }
        match write_fixed(fixed, &opts) {
            Ok((report, all_written)) => {
                not_written = !all_written;
                report
            }
            Err(e) => return failed(e),
        }
    } else {
        match orglint::check(&opts) {
            Ok(report) => report,
            Err(e) => return failed(e),
        }
    };
    // Never dropped: the process exits right after this function returns, and freeing the
    // model (millions of small allocations on a large org) was about 8% of a run. The kernel
    // takes the memory back at once; nothing in a `Report` has a `Drop` that does more than
    // free memory (no files, no buffers to flush), so the output and exit code are the same.
    let report = std::mem::ManuallyDrop::new(report);
    for (path, why) in &report.not_checked {
        note!(
            "warning: `{}` was not checked: {}",
            render::printable(path),
            render::printable(why)
        );
    }
    leftovers(&report, &cwd, fixing);
    if let Some(accepted) = &opts.baseline {
        let shown = display_path(&normalize(&cwd.join(accepted)), &cwd);
        for warning in &report.baseline_warnings {
            note!(
                "warning: the baseline `{}`: {}",
                render::printable(&shown),
                render::printable(warning)
            );
        }
    }
    if let Some(refused) = refusal(&report) {
        return tool_error(&refused);
    }
    if let (Some(path), Some(new)) = (&write_baseline, &report.new_baseline) {
        // Replacing a baseline from a narrowed run keeps only what that run saw.
        let narrowed = !opts.select.is_empty()
            || !opts.ignore.is_empty()
            || opts.paths.iter().any(|p| cwd.join(p).is_file());
        let replaced = narrowed && opts.baseline.is_none() && path.is_file();
        let written = write_baseline_file(&report, path, new, &cwd, opts.baseline.is_some());
        if written != OK {
            return written;
        }
        if replaced {
            let shown = render::printable(&display_path(path, &cwd)).into_owned();
            note!(
                "warning: `{shown}` was replaced by the findings of this run alone, which \
                 `--select`, `--ignore` or file arguments narrowed; to update a baseline and keep \
                 its entries outside the run, give it as `--baseline {shown}` too"
            );
        }
    }
    let text = if args.statistics {
        args.format.statistics(&report)
    } else {
        let opts = HumanOptions {
            color,
            width: width(output.is_none() && std::io::stdout().is_terminal()),
        };
        args.format.render(&report, opts)
    };
    let written = emit(
        &text,
        output.as_deref().map(|o| (&report.tree, o, cwd.as_path())),
    );
    if written != OK {
        return written;
    }
    let errors = report.count(Level::Error);
    let warnings = report.count(Level::Warn);
    if not_written {
        TOOL_ERROR
    } else if errors > 0 || args.max_warnings.is_some_and(|max| warnings > max) {
        FAILED
    } else {
        OK
    }
}

/// The temporary files that interrupted runs left in the tree: removed when `remove` (`--fix`,
/// which writes into the tree anyway), else named on stderr, since a run that only reads writes
/// nothing. Either way, said on stderr.
fn leftovers(report: &orglint::Report, cwd: &Path, remove: bool) {
    for leftover in report.leftovers() {
        let shown = render::printable(&display_path(&leftover.path, cwd)).into_owned();
        let pid = leftover.pid;
        if !remove {
            note!(
                "warning: `{shown}` is a temporary file that an interrupted run of orglint \
                 (process {pid}, which has ended) left; `orglint check --fix` removes it"
            );
            continue;
        }
        match orglint::write::remove_leftover(&report.tree.root, leftover) {
            Ok(()) => note!(
                "removed `{shown}`, a temporary file that an interrupted run of orglint \
                 (process {pid}) left"
            ),
            Err(e) => note!(
                "warning: `{shown}`, a temporary file that an interrupted run of orglint \
                 (process {pid}) left, was not removed: {}",
                render::printable(&e.to_string())
            ),
        }
    }
}

/// `--diff`: the unified diff of every file the fixes change, to `output` or standard output,
/// and on stderr what it would fix. Writes no entity file. Exit 1 when there is something to fix
/// (as `ruff check --diff`), so that a CI step can ask "is everything fixed?".
fn print_diff(fixed: &orglint::fix::Fixed, output: Option<&Path>, cwd: &Path) -> u8 {
    let diff: String = fixed.files.iter().map(orglint::fix::unified_diff).collect();
    let (text, lines_escaped) = render::patch_text(diff);
    let escaped = lines_escaped || fixed.files.iter().any(orglint::fix::name_is_escaped);
    if let Some(output) = output {
        let sources = &fixed.report.sources;
        if let Some(refusal) = fixed.report.tree.refuse_output(output, sources, cwd) {
            return tool_error(&refusal);
        }
    }
    let written = emit(&text, output.map(|o| (&fixed.report.tree, o, cwd)));
    if written != OK {
        return written;
    }
    fix_notes(fixed, "would fix", fixed.fixed, fixed.files.len());
    if escaped {
        note!(
            "warning: the diff shows some lines or file names escaped (invisible or control \
             characters, or text a CI log would read as a command), so it does not apply as a \
             patch; apply the fixes with `--fix`"
        );
    }
    if fixed.files.is_empty() { OK } else { FAILED }
}

/// `--fix`: writes each file the fixes changed, unless it changed since it was read, and says on
/// stderr what was fixed. Gives the report to print, and whether every file was written; when
/// one was not, the report is that of the files as they now are on disk.
fn write_fixed(
    fixed: orglint::fix::Fixed,
    opts: &CheckOptions,
) -> Result<(orglint::Report, bool), Error> {
    let cwd = &opts.cwd;
    let (mut written, mut fixes) = (0, 0);
    let mut all = true;
    for file in &fixed.files {
        let shown = render::printable(&file.display).into_owned();
        let result = match fixed.report.tree.refuse_link(&file.path, cwd, "fixed file") {
            Some(refusal) => Err(refusal),
            None => orglint::write::write_if_unchanged(
                &fixed.report.tree.root,
                &file.path,
                file.old.as_bytes(),
                file.new.as_bytes(),
            )
            .map_err(|e| e.to_string()),
        };
        match result {
            Ok(done) => {
                written += 1;
                fixes += file.fixes;
                let n = done.other_names;
                if n > 0 {
                    let names = if n == 1 {
                        "name (a hard link), which keeps"
                    } else {
                        "names (hard links), which keep"
                    };
                    note!(
                        "warning: `{shown}` had {n} other {names} the old text: the fixed file \
                         replaced this name only"
                    );
                }
            }
            Err(why) => {
                all = false;
                note!(
                    "error: `{shown}` was not fixed: {}",
                    render::printable(&why)
                );
            }
        }
    }
    fix_notes(&fixed, "fixed", fixes, written);
    if all {
        Ok((fixed.report, true))
    } else {
        orglint::check(opts).map(|report| (report, false))
    }
}

/// The lines on stderr after fixing: `fixed 3 findings in 2 files` (or `would fix`), how many
/// remaining findings have an unsafe fix, and the files a fix would have broken.
fn fix_notes(fixed: &orglint::fix::Fixed, verb: &str, fixes: usize, files: usize) {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let unsafe_note = match fixed.unsafe_left {
        0 => String::new(),
        n => format!(
            "; {} an unsafe fix (`--unsafe-fixes`)",
            plural(n, "finding has", "findings have")
        ),
    };
    if fixes > 0 {
        note!(
            "{verb} {} in {}{unsafe_note}",
            plural(fixes, "finding", "findings"),
            plural(files, "file", "files")
        );
    } else if !unsafe_note.is_empty() {
        note!("no safe fix to apply{unsafe_note}");
    }
    for file in &fixed.refused {
        note!(
            "warning: a fix would have left `{}` unparsable, so its last fixes were not made \
             (a bug of orglint's: please report it)",
            render::printable(file)
        );
    }
}

/// Writes the baseline `new` of `report` to `path` (as `--output` is written; the caller has
/// refused it where it would be), and says on stderr what it holds.
fn write_baseline_file(
    report: &orglint::Report,
    path: &Path,
    new: &orglint::Baseline,
    cwd: &Path,
    updated: bool,
) -> u8 {
    let shown = display_path(path, cwd);
    let written = report
        .tree
        .replace_file(path, cwd, "baseline", new.to_json().as_bytes());
    if let Err(e) = written {
        return tool_error(&not_written(&e, &format!("the baseline `{shown}`")));
    }
    let n = new.entries().len();
    let mut line = format!(
        "wrote the baseline `{}`: {n} {}",
        render::printable(&shown),
        if n == 1 { "entry" } else { "entries" }
    );
    if updated && report.baseline_fixed > 0 {
        let fixed = report.baseline_fixed;
        let noun = if fixed == 1 { "entry" } else { "entries" };
        line.push_str(&format!(" ({fixed} fixed {noun} dropped)"));
    }
    note!("{line}");
    // Findings no baseline may hide (`invalid-toml`) were left out of it, and fail the run.
    let unhideable: usize = (report.findings.iter())
        .filter(|f| !f.rule.suppressible)
        .map(|f| 1 + f.more)
        .sum();
    if unhideable > 0 {
        let (what, are) = if unhideable == 1 {
            ("finding", "is")
        } else {
            ("findings", "are")
        };
        note!(
            "warning: {unhideable} {what} of files that cannot be read or parsed {are} not in \
             it: no baseline hides a broken file (the rules that need the whole org did not \
             run); fix the file, then write the baseline again"
        );
    }
    OK
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

fn explain(name: &str) -> u8 {
    match rules::find(&name.to_ascii_lowercase()) {
        Some(rule) => emit(rule.page, None),
        None => {
            let hint = rules::closest(name)
                .map_or(String::from("; `orglint rules` lists them"), |r| {
                    format!("; did you mean `{}`?", r.name)
                });
            tool_error(&format!("`{name}` is not a rule{hint}"))
        }
    }
}

/// Writes `text` to the file `output` names (the tree that judges where a report may go, the
/// path and the working directory it is shown relative to), or to standard output.
fn emit(text: &str, output: Option<(&orglint::Tree, &Path, &Path)>) -> u8 {
    let result = match output {
        Some((tree, path, cwd)) => tree
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
        Ok(()) => OK,
        Err(m) => tool_error(&m),
    }
}

/// The message of a file (`what`: "`out.json`", "the baseline `b.json`") not written: a refusal
/// says why itself; a failure says what could not be written.
fn not_written(e: &orglint::write::WriteError, what: &str) -> String {
    match e {
        orglint::write::WriteError::Refused(why) => why.clone(),
        e => format!("cannot write {what}: {e}"),
    }
}

/// Reports an error of orglint itself, as clap does (`error: ...`), escaped for the terminal.
fn tool_error(message: &str) -> u8 {
    note!("error: {}", render::printable(message));
    TOOL_ERROR
}
