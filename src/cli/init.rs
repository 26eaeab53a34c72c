//! `orglint init`: a small example org and a commented `orglint.toml`.

use std::path::PathBuf;

use orglint::gate::Exit;
use orglint::paths::{display_path, normalize};
use orglint::render;

use super::output::tool_error;

/// Writes the example org and configuration into `dir` (default: the working directory), or
/// refuses and writes nothing.
pub(super) fn init(dir: Option<PathBuf>, cwd: PathBuf) -> Exit {
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
            Exit::Passed
        }
        Err(e) => tool_error(&e.to_string()),
    }
}
