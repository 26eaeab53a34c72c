//! The org tree at a git revision, read through the `git` command without checking anything out:
//! what `check --since` compares the working tree with.
//!
//! Three processes read a whole revision: `git rev-parse` finds the org root's place in the
//! repository and names the revision, `git ls-tree -r -z -l` lists the files under the root with
//! their sizes, and one `git cat-file --batch` gives the contents of those that will be read
//! (the `orglint.toml` first, which says which files are entity files). A tree at a revision is
//! as hostile as a working tree: names are bytes (never a path on disk: nothing is read or
//! written through them), sizes are bounded before any content is read, and a name that would
//! leave the root is not read. Git is asked nothing but these, with the user's revision after
//! `--end-of-options`.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use crate::baseline::Baseline;
use crate::config::{self, Config};
use crate::engine::{self, Settings, Since};
use crate::error::Error;
use crate::limits::MAX_FILE_SIZE;
use crate::load::{self, FileBytes};
use crate::paths::normalize;
use crate::text::shown_code;
use crate::tree::{Kind, Tree};

/// What `check --since REVISION` hides: every finding the org root's tree had at `revision`, as
/// a baseline, with the comparison it makes.
///
/// That tree is linted as the working tree is (`tree`, `settings`): the same root, the same
/// `--select` and `--ignore`, and its own `orglint.toml` (or, when `config_given`, the same
/// `--config`). When its `orglint.toml` cannot be used (too large, not UTF-8, with mistakes), it is
/// linted with the working tree's settings, and [`Since::warnings`] says so. Before the first
/// commit, `HEAD` names nothing: nothing is hidden.
pub fn findings_at(
    revision: &str,
    tree: &Tree,
    settings: &Settings,
    config_given: bool,
    (select, ignore): (&[String], &[String]),
    cwd: &Path,
) -> Result<(Since, Baseline), Error> {
    let Some((repository, object)) = Repository::open_at(&tree.root, revision)? else {
        return Ok((Since::new(revision, Vec::new()), Baseline::default()));
    };
    let files = repository.files(&object, revision)?;
    let mut batch = repository.batch()?;
    let mut warnings = Vec::new();
    let settings = if config_given {
        settings.clone()
    } else {
        let at = files
            .iter()
            .find(|f| f.path.as_os_str() == config::FILE_NAME);
        match at.map(|file| config_at(&mut batch, file, revision, &tree.root)) {
            None => Settings::new(Config::default(), select, ignore)?,
            Some(Ok(config)) => Settings::new(config, select, ignore)?,
            Some(Err(why)) => {
                warnings.push(format!(
                    "its `orglint.toml` {why}, so it was linted with today's configuration"
                ));
                settings.clone()
            }
        }
    };
    let then = Tree::new(tree.root.clone(), settings.config());
    let entity_files: Vec<&RevisionFile> = files
        .iter()
        .filter(|f| {
            let path = normalize(&tree.root.join(&f.path));
            matches!(then.classify(&path, false), Kind::Entity)
        })
        .collect();
    let admitted = load::admitted(entity_files.iter().map(|f| f.size));
    // A file the working tree still holds as it was is read from there, which costs far less
    // than through git (a loose object is a file of its own, compressed); git reads the rest.
    let changed = repository.changed(&object);
    let here = changed
        .as_ref()
        .and_then(|_| crate::beneath::Dir::open(&tree.root).ok());
    let mut read: Vec<Option<Vec<u8>>> = (entity_files.iter().zip(&admitted))
        .map(|(f, &admitted)| {
            let unchanged = changed.as_ref().is_some_and(|c| !c.contains(&f.path));
            let dir = here.as_ref().filter(|_| admitted && unchanged)?;
            load::read::read_bytes_below(dir, &f.path, MAX_FILE_SIZE).ok()
        })
        .collect();
    let from_git: Vec<&RevisionFile> = (entity_files.iter().zip(&admitted).zip(&read))
        .filter(|&((_, &admitted), read)| admitted && read.is_none())
        .map(|((&f, _), _)| f)
        .collect();
    let mut contents = batch.read_all(&from_git)?.into_iter();
    for (slot, &admitted) in read.iter_mut().zip(&admitted) {
        if admitted && slot.is_none() {
            *slot = contents.next();
        }
    }
    let bytes: Vec<(PathBuf, FileBytes)> = (entity_files.iter().zip(read))
        .map(|(f, read)| {
            let path = normalize(&tree.root.join(&f.path));
            let bytes = match read {
                Some(bytes) => FileBytes::Read(bytes),
                None => FileBytes::NotRead(f.size),
            };
            (path, bytes)
        })
        .collect();
    let loaded = load::load_bytes(&tree.root, bytes, cwd);
    let report = engine::lint_with(
        then,
        loaded,
        &settings,
        None,
        &Baseline::default(),
        true,
        None,
    );
    let existing = report.new_baseline.unwrap_or_default();
    Ok((Since::new(revision, warnings), existing))
}

/// The `orglint.toml` at a revision, or why it cannot be used (a phrase: "has mistakes").
fn config_at(
    batch: &mut Batch,
    file: &RevisionFile,
    revision: &str,
    root: &Path,
) -> Result<Config, String> {
    if file.size > MAX_FILE_SIZE {
        return Err(format!("is too large ({} bytes)", file.size));
    }
    let bytes = batch
        .read(file)
        .map_err(|e| format!("could not be read ({e})"))?;
    let text = String::from_utf8(bytes).map_err(|_| "is not UTF-8".to_owned())?;
    let shown = format!("orglint.toml at {revision}");
    Config::parse(&text, &shown, &root.join(config::FILE_NAME))
        .map_err(|_| "has mistakes".to_owned())
}

/// The repository that holds an org root, as `git` sees it from there.
#[derive(Debug)]
pub struct Repository {
    /// The org root, absolute and normalised; every `git` command runs in it.
    root: PathBuf,
    /// The root's path inside the repository, with a trailing `/` (empty at the top).
    prefix: String,
}

/// One file of a revision's tree under the org root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionFile {
    /// Its path relative to the org root.
    pub path: PathBuf,
    /// Its blob's object name.
    pub object: String,
    /// Its size in bytes, as the tree records it.
    pub size: u64,
}

impl Repository {
    /// The repository that holds `root`, and the object `revision` names in it (anything
    /// `git rev-parse` accepts); `None` when the repository has no commit yet and `revision` is
    /// `HEAD` (the first commit: nothing was there before it). No repository, or an unknown
    /// revision, is a usage error that says why, and in a shallow clone how to fetch what is
    /// missing.
    pub fn open_at(root: &Path, revision: &str) -> Result<Option<(Repository, String)>, Error> {
        // One process for both: the root's place in the repository, and the revision.
        let args = [
            "rev-parse",
            "--show-prefix",
            "--verify",
            "--quiet",
            "--end-of-options",
            revision,
        ];
        let out = git_output(root, &args)?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let mut lines = stdout.lines();
        let (Some(prefix), object) = (lines.next(), lines.next()) else {
            return Err(Error::Usage(format!(
                "`--since` reads the org's history with git, but {}; give no `--since` to lint \
                 the whole tree",
                why_failed(&out)
            )));
        };
        let repository = Repository {
            root: root.to_path_buf(),
            prefix: prefix.to_owned(),
        };
        match object {
            Some(object) if out.status.success() && is_object_name(object) => {
                Ok(Some((repository, object.to_owned())))
            }
            _ if revision == "HEAD" && repository.has_no_commit() => Ok(None),
            _ => Err(repository.unknown(revision)),
        }
    }

    /// Why `revision` names no commit here: unknown, or beyond a shallow clone's history.
    fn unknown(&self, revision: &str) -> Error {
        let shown = shown_code(revision);
        let shallow = git(&self.root, &["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|out| out.starts_with(b"true"));
        Error::Usage(if shallow {
            format!(
                "the revision {shown} is not in this shallow clone; fetch the history it needs \
                 (`git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout)"
            )
        } else {
            format!("the revision {shown} is not a commit of this repository")
        })
    }

    /// Whether the repository has no commit at all (an unborn branch before the first commit).
    fn has_no_commit(&self) -> bool {
        git(&self.root, &["rev-list", "-n", "1", "--all"]).is_ok_and(|out| out.is_empty())
    }

    /// The regular files under the org root in the commit `object` names (a tag is followed to
    /// its commit), in path order. Links, submodules and names that do not stay below the root
    /// (`..`, an empty part) are left out. When the root's folder did not exist in that commit,
    /// there are none; an object that is no commit is the usage error of `revision`.
    pub fn files(&self, object: &str, revision: &str) -> Result<Vec<RevisionFile>, Error> {
        let tree = format!("{object}^{{commit}}:{}", self.prefix.trim_end_matches('/'));
        let args = [
            "ls-tree",
            "--full-tree",
            "-r",
            "-z",
            "-l",
            "--end-of-options",
            tree.as_str(),
        ];
        let out = git_output(&self.root, &args)?;
        if !out.status.success() {
            // Only now, on the way out: is it the commit, or the folder, that is not there?
            let commit = format!("{object}^{{commit}}");
            let args = ["rev-parse", "--verify", "--quiet", commit.as_str()];
            return match git(&self.root, &args) {
                Ok(_) => Ok(Vec::new()),
                Err(_) => Err(self.unknown(revision)),
            };
        }
        let mut files: Vec<RevisionFile> = (out.stdout.split(|&b| b == 0))
            .filter(|record| !record.is_empty())
            .filter_map(parse_tree_record)
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// The files under the org root (relative to it) that differ between the commit `object`
    /// names and the working tree, as `git diff --name-only` finds them (through the index's
    /// record of each file, without reading the unchanged ones); `None` when git cannot tell (no
    /// working tree).
    pub fn changed(&self, object: &str) -> Option<HashSet<PathBuf>> {
        let commit = format!("{object}^{{commit}}");
        let args = [
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            "--relative",
            "--end-of-options",
            commit.as_str(),
        ];
        let out = git(&self.root, &args).ok()?;
        (out.split(|&b| b == 0))
            .filter(|name| !name.is_empty())
            .map(|name| path_from_bytes(name).ok_or(()))
            .collect::<Result<HashSet<PathBuf>, ()>>()
            .ok()
    }

    /// A `git cat-file --batch` of this repository, to read blobs through one process.
    pub fn batch(&self) -> Result<Batch, Error> {
        let mut child = git_command()
            .args(["cat-file", "--batch"])
            .current_dir(&self.root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| cannot_read(format!("git cannot be run ({e})")))?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().map(BufReader::new);
        Ok(Batch {
            child,
            stdin,
            stdout,
        })
    }
}

/// One `git cat-file --batch`: blobs asked for one at a time ([`Batch::read`]), then all the rest
/// at once ([`Batch::read_all`]). Killed when dropped before it is done.
pub struct Batch {
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
    stdout: Option<BufReader<std::process::ChildStdout>>,
}

impl Batch {
    /// The contents of `file`'s blob.
    pub fn read(&mut self, file: &RevisionFile) -> Result<Vec<u8>, Error> {
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| cannot_read("done".into()))?;
        stdin
            .write_all(format!("{}\n", file.object).as_bytes())
            .and_then(|()| stdin.flush())
            .map_err(|e| cannot_read(e.to_string()))?;
        let stdout = self
            .stdout
            .as_mut()
            .ok_or_else(|| cannot_read("done".into()))?;
        read_blob(stdout, file)
    }

    /// The contents of the blobs of `files`, in that order; the batch is done after. The caller
    /// bounds their sizes beforehand; a blob of another size than its tree said is an error,
    /// never read past.
    pub fn read_all(mut self, files: &[&RevisionFile]) -> Result<Vec<Vec<u8>>, Error> {
        let mut stdin = self
            .stdin
            .take()
            .ok_or_else(|| cannot_read("done".into()))?;
        let names: String = files.iter().map(|f| format!("{}\n", f.object)).collect();
        // Written from another thread: git answers as it reads, and a full pipe either way would
        // leave both sides waiting.
        let writer = std::thread::spawn(move || stdin.write_all(names.as_bytes()));
        let mut stdout = self
            .stdout
            .take()
            .ok_or_else(|| cannot_read("done".into()))?;
        let contents = (files.iter())
            .map(|file| read_blob(&mut stdout, file))
            .collect::<Result<Vec<_>, _>>();
        drop(stdout);
        let written = writer.join();
        let status = self.child.wait();
        let contents = contents?;
        if !matches!(written, Ok(Ok(()))) || !status.is_ok_and(|s| s.success()) {
            return Err(cannot_read("git cat-file did not end well".into()));
        }
        Ok(contents)
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        if self.stdout.is_some() {
            drop(self.stdin.take());
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads one answer of `git cat-file --batch` for `file`: its header, then exactly the size its
/// tree gave, then the newline after it.
fn read_blob(stdout: &mut impl BufRead, file: &RevisionFile) -> Result<Vec<u8>, Error> {
    let mut header = Vec::new();
    stdout
        .read_until(b'\n', &mut header)
        .map_err(|e| cannot_read(e.to_string()))?;
    let line = String::from_utf8_lossy(&header);
    let mut parts = line.trim_end().split(' ');
    let (name, kind, size) = (parts.next(), parts.next(), parts.next());
    let size: Option<u64> = size.and_then(|s| s.parse().ok());
    if (name, kind, size) != (Some(file.object.as_str()), Some("blob"), Some(file.size)) {
        return Err(cannot_read(format!(
            "git gave `{}` for blob {} of {} bytes",
            line.trim_end(),
            file.object,
            file.size
        )));
    }
    let mut bytes = vec![0; file.size as usize];
    stdout
        .read_exact(&mut bytes)
        .map_err(|e| cannot_read(e.to_string()))?;
    let mut newline = [0u8; 1];
    stdout
        .read_exact(&mut newline)
        .map_err(|e| cannot_read(e.to_string()))?;
    Ok(bytes)
}

/// The error of a revision's files that could not be read.
fn cannot_read(why: String) -> Error {
    Error::Io(format!("cannot read the files of the revision: {why}"))
}

/// Whether `name` is a full object name (hex).
fn is_object_name(name: &str) -> bool {
    name.len() >= 40 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// One record of `git ls-tree -r -z -l`: `MODE TYPE OBJECT SIZE\tPATH`. Only regular files
/// (modes 100644 and 100755) whose path stays below the root are kept.
fn parse_tree_record(record: &[u8]) -> Option<RevisionFile> {
    let tab = record.iter().position(|&b| b == b'\t')?;
    let (meta, name) = (&record[..tab], &record[tab + 1..]);
    let meta = std::str::from_utf8(meta).ok()?;
    let mut parts = meta.split_ascii_whitespace();
    let (mode, kind, object, size) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if kind != "blob" || !matches!(mode, "100644" | "100755") {
        return None;
    }
    if !object.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let size = size.parse().ok()?;
    let path = path_from_bytes(name)?;
    let below = path.components().all(|c| matches!(c, Component::Normal(_)));
    (below && path.components().next().is_some()).then(|| RevisionFile {
        path,
        object: object.to_owned(),
        size,
    })
}

/// A path of the tree, from git's bytes: every part a name (no empty part, `.` or `..`, which
/// `Path` would fold away without a word).
fn path_from_bytes(name: &[u8]) -> Option<PathBuf> {
    if name
        .split(|&b| b == b'/')
        .any(|part| matches!(part, b"" | b"." | b".."))
    {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(name)))
    }
    #[cfg(not(unix))]
    {
        Some(PathBuf::from(String::from_utf8_lossy(name).into_owned()))
    }
}

/// The `git` command, with the locations git's own environment may give made absolute: a hook
/// runs with `GIT_DIR=.git` or `GIT_INDEX_FILE=.git/index` relative to the top of the
/// repository, and every command here runs in the org root, which may lie below it. With
/// `GIT_DIR` and no `GIT_WORK_TREE`, git takes the directory it runs in for the top of the work
/// tree: that was this process's, so it is named as such.
fn git_command() -> Command {
    let mut command = Command::new("git");
    if let Ok(cwd) = std::env::current_dir() {
        if std::env::var_os("GIT_DIR").is_some() && std::env::var_os("GIT_WORK_TREE").is_none() {
            command.env("GIT_WORK_TREE", &cwd);
        }
        for name in [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY",
            "GIT_COMMON_DIR",
        ] {
            if let Some(value) = std::env::var_os(name) {
                let path = PathBuf::from(&value);
                if path.is_relative() && !value.is_empty() {
                    command.env(name, cwd.join(path));
                }
            }
        }
    }
    command
}

/// Runs `git ARGS` in `dir`: its output whatever its exit code, or the usage error of git not
/// being there to run.
fn git_output(dir: &Path, args: &[&str]) -> Result<std::process::Output, Error> {
    git_command()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            Error::Usage(format!(
                "`--since` reads the org's history with git, which cannot be run ({e})"
            ))
        })
}

/// Runs `git ARGS` in `dir` and gives its standard output, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = git_output(dir, args).map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(why_failed(&out))
    }
}

/// Why a git command failed, from its first line of error: "git says: not a git repository".
fn why_failed(out: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let first = first.strip_prefix("fatal: ").unwrap_or(first);
    if first.is_empty() {
        format!("git exited with {}", out.status)
    } else {
        format!("git says: {first}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_records_keep_regular_files_below_the_root() {
        let record = |s: &str| parse_tree_record(s.as_bytes());
        let oid = "3b18e512dba79e4c8300dd08aeb37f8e728b8dad";
        assert_eq!(
            record(&format!("100644 blob {oid}      12\tteams/web.toml")),
            Some(RevisionFile {
                path: PathBuf::from("teams/web.toml"),
                object: oid.to_owned(),
                size: 12,
            })
        );
        assert!(record(&format!("100755 blob {oid} 1\tx.toml")).is_some());
        for other in [
            format!("120000 blob {oid} 9\tlink.toml"),
            format!("160000 commit {oid} -\tsub"),
            format!("100644 blob {oid} 3\t../escape.toml"),
            format!("100644 blob {oid} 3\ta//b.toml"),
            format!("100644 blob {oid} 3\ta/./b.toml"),
            format!("100644 blob {oid} 3\t"),
            "100644 blob not-hex 3\tx.toml".to_owned(),
            format!("100644 blob {oid} -3\tx.toml"),
            "garbage".to_owned(),
        ] {
            assert_eq!(record(&other), None, "{other}");
        }
    }
}
