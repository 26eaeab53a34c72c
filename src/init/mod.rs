//! `orglint init`: a small, clean example org and a commented `orglint.toml`, written into a
//! directory for a new user to edit. The texts are files beside this one (`org.toml`,
//! `orglint.toml`), included as they are, so they also read as examples.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::paths::display_path;

/// The example org: one `org.toml` with the org, its people, teams and ML guild; it lints with
/// no finding.
pub const ORG: &str = include_str!("org.toml");

/// The configuration: every section of `orglint.toml`, with each default commented out.
pub const CONFIG: &str = include_str!("orglint.toml");

/// What `init` writes, by file name, in order.
pub const FILES: &[(&str, &str)] = &[("org.toml", ORG), (crate::config::FILE_NAME, CONFIG)];

/// Writes [`FILES`] into `dir` (created, with its parents, if missing) and gives their paths as
/// shown from `cwd`. Every target is checked first: if any already exists (a file, a directory,
/// a link, even a dangling one), nothing is written and the error names them all. A file is
/// created with `create_new`, so a file that appears between the check and the write is not
/// overwritten either.
pub fn init(dir: &Path, cwd: &Path) -> Result<Vec<String>, Error> {
    let targets: Vec<(PathBuf, &str)> = FILES
        .iter()
        .map(|&(name, text)| (dir.join(name), text))
        .collect();
    let existing: Vec<String> = (targets.iter())
        .filter(|(path, _)| path.symlink_metadata().is_ok())
        .map(|(path, _)| format!("`{}`", display_path(path, cwd)))
        .collect();
    if !existing.is_empty() {
        let (verb, what) = if existing.len() == 1 {
            ("exists", "it")
        } else {
            ("exist", "them")
        };
        return Err(Error::Usage(format!(
            "{} already {verb}; nothing was written (move {what} away, or init another directory)",
            existing.join(" and ")
        )));
    }
    let shown_dir = display_path(dir, cwd);
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Io(format!("`{shown_dir}` is not a directory")));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Io(format!("cannot create `{shown_dir}`: {e}")))?;
    let mut written = Vec::new();
    for (path, text) in &targets {
        let shown = display_path(path, cwd);
        let write = || -> std::io::Result<()> {
            use std::io::Write as _;
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            file.write_all(text.as_bytes())?;
            file.sync_all()
        };
        write().map_err(|e| Error::Io(format!("cannot write `{shown}`: {e}")))?;
        written.push(shown);
    }
    Ok(written)
}
