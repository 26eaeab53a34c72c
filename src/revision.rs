//! The org tree at a git revision, read through the `git` command without checking anything out:
//! what `check --since` compares the working tree with.
//!
//! Two commands read a whole revision: `git ls-tree -r -z -l` lists the files under the org root
//! with their sizes, and one `git cat-file --batch` gives the contents of those that will be
//! read. A tree at a revision is as hostile as a working tree: names are bytes (never a path on
//! disk: nothing is read or written through them), sizes are bounded before any content is read,
//! and a name that would leave the root is not read. Git itself is asked nothing but these, with
//! every user-given revision after `--end-of-options`.

use std::io::{BufRead, BufReader, Read, Write};
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
    let repository = Repository::open(&tree.root)?;
    let Some(commit) = repository.commit(revision)? else {
        return Ok((Since::new(revision, Vec::new()), Baseline::default()));
    };
    let files = repository.files(&commit)?;
    let mut warnings = Vec::new();
    let settings = if config_given {
        settings.clone()
    } else {
        let at = files
            .iter()
            .find(|f| f.path.as_os_str() == config::FILE_NAME);
        match at.map(|file| config_at(&repository, file, revision, &tree.root)) {
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
    let to_read: Vec<&RevisionFile> = (entity_files.iter().zip(&admitted))
        .filter(|&(_, &read)| read)
        .map(|(&f, _)| f)
        .collect();
    let mut contents = repository.contents(&to_read)?.into_iter();
    let bytes: Vec<(PathBuf, FileBytes)> = (entity_files.iter().zip(&admitted))
        .map(|(f, &read)| {
            let path = normalize(&tree.root.join(&f.path));
            let bytes = match read.then(|| contents.next()).flatten() {
                Some(bytes) => FileBytes::Read(bytes),
                None => FileBytes::NotRead(f.size),
            };
            (path, bytes)
        })
        .collect();
    let loaded = load::load_bytes(bytes, cwd);
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
    repository: &Repository,
    file: &RevisionFile,
    revision: &str,
    root: &Path,
) -> Result<Config, String> {
    if file.size > MAX_FILE_SIZE {
        return Err(format!("is too large ({} bytes)", file.size));
    }
    let bytes = repository
        .contents(&[file])
        .map_err(|e| format!("could not be read ({e})"))?
        .pop()
        .unwrap_or_default();
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
    /// The repository that holds `root`, or why there is none (exit code 2).
    pub fn open(root: &Path) -> Result<Repository, Error> {
        let out = git(root, &["rev-parse", "--show-prefix"]).map_err(|why| {
            Error::Usage(format!(
                "`--since` reads the org's history with git, but {why}; give no `--since` to lint \
                 the whole tree"
            ))
        })?;
        let prefix = String::from_utf8(out)
            .map_err(|_| Error::Io("git gave a path that is not UTF-8 for the org root".into()))?;
        Ok(Repository {
            root: root.to_path_buf(),
            prefix: prefix.trim_end_matches('\n').to_owned(),
        })
    }

    /// The commit `revision` names (anything `git rev-parse` accepts), as a full object name; `None`
    /// when the repository has no commit yet and `revision` is `HEAD` (the first commit: nothing
    /// was there before it). An unknown revision is a usage error that says why, and in a shallow
    /// clone how to fetch what is missing.
    pub fn commit(&self, revision: &str) -> Result<Option<String>, Error> {
        // Named first, then peeled to its commit: a suffix written after `revision` would be read
        // as part of it where it ends in free text (`:/message`).
        let args = [
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            revision,
        ];
        if let Ok(object) = git(&self.root, &args) {
            let object = String::from_utf8_lossy(&object).trim().to_owned();
            let peeled = format!("{object}^{{commit}}");
            let args = ["rev-parse", "--verify", "--quiet", peeled.as_str()];
            if let Ok(commit) = git(&self.root, &args) {
                let commit = String::from_utf8_lossy(&commit).trim().to_owned();
                if !commit.is_empty() && commit.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Ok(Some(commit));
                }
            }
        }
        let shown = shown_code(revision);
        if revision == "HEAD" && self.has_no_commit() {
            return Ok(None);
        }
        let shallow = git(&self.root, &["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|out| out.starts_with(b"true"));
        Err(Error::Usage(if shallow {
            format!(
                "the revision {shown} is not in this shallow clone; fetch the history it needs \
                 (`git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout)"
            )
        } else {
            format!("the revision {shown} is not a commit of this repository")
        }))
    }

    /// Whether the repository has no commit at all (an unborn branch before the first commit).
    fn has_no_commit(&self) -> bool {
        git(&self.root, &["rev-list", "-n", "1", "--all"]).is_ok_and(|out| out.is_empty())
    }

    /// The regular files under the org root in `commit`, in path order. Links, submodules and
    /// names that do not stay below the root (`..`, an empty part) are left out. When the root
    /// did not exist in `commit`, there are none.
    pub fn files(&self, commit: &str) -> Result<Vec<RevisionFile>, Error> {
        // The root's folder may not exist in that commit (nor be a folder): then nothing was there.
        let path = format!("{commit}:{}", self.prefix.trim_end_matches('/'));
        let args = [
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            path.as_str(),
        ];
        let Ok(tree) = git(&self.root, &args) else {
            return Ok(Vec::new());
        };
        let tree = String::from_utf8_lossy(&tree).trim().to_owned();
        let kind = git(&self.root, &["cat-file", "-t", tree.as_str()]);
        if !kind.is_ok_and(|kind| kind.starts_with(b"tree")) {
            return Ok(Vec::new());
        }
        let out = git(
            &self.root,
            &[
                "ls-tree",
                "--full-tree",
                "-r",
                "-z",
                "-l",
                "--end-of-options",
                tree.as_str(),
            ],
        )
        .map_err(|why| Error::Io(format!("cannot list the files of the revision: {why}")))?;
        let mut files: Vec<RevisionFile> = out
            .split(|&b| b == 0)
            .filter(|record| !record.is_empty())
            .filter_map(parse_tree_record)
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// The contents of the blobs `objects` name, in that order, read by one `git cat-file
    /// --batch`. The caller bounds their sizes beforehand; a blob larger than its size in the tree
    /// said is an error, never read past it.
    pub fn contents(&self, objects: &[&RevisionFile]) -> Result<Vec<Vec<u8>>, Error> {
        if objects.is_empty() {
            return Ok(Vec::new());
        }
        let failed =
            |why: String| Error::Io(format!("cannot read the files of the revision: {why}"));
        let mut child = Command::new("git")
            .args(["cat-file", "--batch"])
            .current_dir(&self.root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| failed(format!("cannot run git: {e}")))?;
        let mut stdin = child.stdin.take().expect("piped");
        let names: String = objects.iter().map(|f| format!("{}\n", f.object)).collect();
        // Written from another thread: git answers as it reads, and a full pipe either way would
        // leave both sides waiting.
        let writer = std::thread::spawn(move || stdin.write_all(names.as_bytes()));
        let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
        let mut contents = Vec::with_capacity(objects.len());
        let mut header = Vec::new();
        for file in objects {
            header.clear();
            stdout
                .read_until(b'\n', &mut header)
                .map_err(|e| failed(e.to_string()))?;
            let line = String::from_utf8_lossy(&header);
            let mut parts = line.trim_end().split(' ');
            let (name, kind, size) = (parts.next(), parts.next(), parts.next());
            let size: Option<u64> = size.and_then(|s| s.parse().ok());
            let (Some(name), Some("blob"), Some(size)) = (name, kind, size) else {
                let _ = child.kill();
                return Err(failed(format!("git gave `{}`", line.trim_end())));
            };
            if name != file.object || size != file.size {
                let _ = child.kill();
                return Err(failed(format!(
                    "git gave object {name} of {size} bytes for {} of {} bytes",
                    file.object, file.size
                )));
            }
            let mut bytes = vec![0; size as usize];
            stdout
                .read_exact(&mut bytes)
                .map_err(|e| failed(e.to_string()))?;
            let mut newline = [0u8; 1];
            stdout
                .read_exact(&mut newline)
                .map_err(|e| failed(e.to_string()))?;
            contents.push(bytes);
        }
        drop(stdout);
        let _ = writer.join();
        let status = child.wait().map_err(|e| failed(e.to_string()))?;
        if !status.success() {
            return Err(failed(format!("git cat-file exited with {status}")));
        }
        Ok(contents)
    }
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

/// Runs `git ARGS` in `dir` and gives its standard output, or why it failed (git's own first
/// line of error, or that git cannot be run).
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("git cannot be run ({e})"))?;
    if out.status.success() {
        return Ok(out.stdout);
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let first = first.strip_prefix("fatal: ").unwrap_or(first);
    Err(if first.is_empty() {
        format!("git exited with {}", out.status)
    } else {
        format!("git says: {first}")
    })
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
