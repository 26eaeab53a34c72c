//! `orglint graph`: the org chart as Graphviz DOT or a Mermaid flowchart.

use std::path::PathBuf;

use orglint::gate::Exit;
use orglint::org_chart::Graph;
use orglint::render;

use super::args::{ColorChoice, GraphArgs};
use super::output::{OutputFile, emit_unless_refused, failed, output_file};

/// Loads the tree as `check` does (same root and configuration discovery, same walk) and builds
/// the model, without running the rules; a file that cannot be parsed is left out of the chart,
/// and stderr says so.
pub(super) fn graph(args: GraphArgs, cwd: PathBuf) -> Exit {
    let opts = super::tree_options(args.path, args.config, &cwd);
    let workspace = match orglint::workspace(&opts) {
        Ok(workspace) => workspace,
        Err(e) => return failed(e, ColorChoice::Auto),
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
    let output = output_file(args.output, &cwd);
    let text = args.format.render(&Graph::new(&model.org, args.people));
    let to = OutputFile::new(&workspace.tree, output.as_deref(), &cwd);
    emit_unless_refused(&text, to, &model.sources)
}
