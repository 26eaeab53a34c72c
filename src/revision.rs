//! The org tree at a git revision, read through the `git` command without checking anything out:
//! what `check --since` compares the working tree with.
//!
//! `git rev-parse` names the revision, and `git ls-tree -r -z`, run in the org root, lists the
//! files under it. A file is then read from the working tree when git's hash of what is there is
//! the revision's blob, and otherwise through git: `git cat-file --batch-check` gives the sizes of
//! those, and one `git cat-file --batch` the contents of the ones within the limits. A tree at a
//! revision is as hostile as a working tree: names are bytes (read from the working tree only
//! below the root, never through a link), sizes are bounded before any content is read, and a
//! name that would leave the root is not read. Git is asked nothing but these, with the user's
//! revision after `--end-of-options`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use crate::baseline::Baseline;
use crate::config::{self, Config};
use crate::engine::{self, Settings, Since};
use crate::error::Error;
use crate::limits::{MAX_FILE_SIZE, MAX_TOTAL_SIZE};
use crate::load::{self, FileBytes};
use crate::paths::{display_path, normalize};
use crate::text::shown_code;
use crate::tree::{Kind, Tree};

/// What `check --since REVISION` hides: every finding the org root's tree had at `revision`, as
/// a baseline, with the comparison it makes.
///
/// That tree is linted as the working tree is (`tree`, `settings`): the same root, the same
/// `--select` and `--ignore`, and its own `orglint.toml` (or, when `config_given`, the same
/// `--config`). When its `orglint.toml` cannot be used (too large, not UTF-8, with mistakes), it is
/// linted with the working tree's settings, and [`Since::warnings`] says so. Before the first
/// commit, `HEAD` names nothing: nothing is hidden. A tree whose entity files include a symbolic
/// link or a submodule is refused (exit code 2): the walk reads through them in a working tree,
/// and a tree read without them would hide what they hold.
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
    let mut warnings = Vec::new();
    let settings = if config_given {
        settings.clone()
    } else {
        let at = (files.iter()).find(|f| f.path.as_os_str() == config::FILE_NAME);
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
    let mut entity_files = Vec::new();
    let mut links = Vec::new();
    for file in &files {
        let path = normalize(&tree.root.join(&file.path));
        let dir = file.kind == EntryKind::Submodule;
        if !matches!(then.classify(&path, dir), Kind::Entity) {
            continue;
        }
        match file.kind {
            EntryKind::File => entity_files.push(file),
            EntryKind::Link => links.push(file),
            EntryKind::Submodule => {
                return Err(not_read(revision, &path, cwd, "a submodule"));
            }
        }
    }
    // A link the walk does not read through (to an entity file or a folder of the tree, read at
    // their own place) is left out, as the walk leaves it; any other is refused.
    for (link, text) in links.iter().zip(repository.read(&links)?) {
        let through = match text {
            FileBytes::Read(text) => reads_through(&then, &link.path, &text, &files),
            FileBytes::NotRead(_) => true,
        };
        if through {
            let path = normalize(&tree.root.join(&link.path));
            return Err(not_read(revision, &path, cwd, "a symbolic link"));
        }
    }
    let read = repository.read(&entity_files)?;
    let bytes: Vec<(PathBuf, FileBytes)> = (entity_files.iter().zip(read))
        .map(|(f, read)| (normalize(&tree.root.join(&f.path)), read))
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

/// The refusal of a revision whose entity file `path` is `what` ("a submodule"), which the walk
/// reads through in a working tree but `--since` does not read from git.
fn not_read(revision: &str, path: &Path, cwd: &Path, what: &str) -> Error {
    Error::Usage(format!(
        "`--since` cannot compare with the tree at {}: `{}` is {what} there, which the walk reads \
         through in a working tree but `--since` does not read from git; leave it out with \
         `[files].exclude` in orglint.toml, or run `orglint check` without `--since`",
        shown_code(revision),
        display_path(path, cwd)
    ))
}

/// Whether the walk, at a link `link` (relative to the root) whose text is `target`, would read
/// through it in a tree listing `files`: unless the link leads, by its text, to an entity file or
/// a folder of the tree that the walk reads at its own place. (The walk resolves links on disk;
/// a text that leaves the root, names what is not there or is excluded is taken as read through,
/// so that the revision is refused rather than read without it.)
fn reads_through(tree: &Tree, link: &Path, target: &[u8], files: &[RevisionFile]) -> bool {
    !matches!(resolved(link, target), Some(found) if at_its_place(tree, &found, files))
}

/// A link's text `target`, resolved by name from the folder of `link` (both relative to the
/// root), if it is relative, UTF-8 and stays below the root.
fn resolved(link: &Path, target: &[u8]) -> Option<PathBuf> {
    let text = std::str::from_utf8(target).ok()?;
    if text.starts_with('/') || text.is_empty() {
        return None;
    }
    let mut path: Vec<&str> = link
        .parent()?
        .iter()
        .map(|p| p.to_str())
        .collect::<Option<_>>()?;
    for part in text.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                path.pop()?;
            }
            name => path.push(name),
        }
    }
    Some(path.iter().collect())
}

/// Whether `found` (relative to the root) is an entity file or a folder of `files` that the walk
/// reads at its own place.
fn at_its_place(tree: &Tree, found: &Path, files: &[RevisionFile]) -> bool {
    if found.as_os_str().is_empty()
        || found
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return false;
    }
    let path = tree.root.join(found);
    let file = files
        .iter()
        .any(|f| f.path == found && f.kind == EntryKind::File);
    let folder = files
        .iter()
        .any(|f| f.path.starts_with(found) && f.path != found);
    (file && matches!(tree.classify(&path, false), Kind::Entity))
        || (folder && matches!(tree.classify(&path, true), Kind::Entity))
}

/// The `orglint.toml` at a revision, or why it cannot be used (a phrase: "has mistakes").
fn config_at(
    repository: &Repository,
    file: &RevisionFile,
    revision: &str,
    root: &Path,
) -> Result<Config, String> {
    if file.kind != EntryKind::File {
        return Err("is not a regular file".to_owned());
    }
    let read = repository
        .read(&[file])
        .map_err(|e| format!("could not be read ({e})"))?;
    let bytes = match read.into_iter().next() {
        Some(FileBytes::Read(bytes)) => bytes,
        Some(FileBytes::NotRead(size)) => return Err(format!("is too large ({size} bytes)")),
        None => return Err("could not be read".to_owned()),
    };
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
}

/// What an entry of a revision's tree is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file (executable or not).
    File,
    /// A symbolic link; its blob is the link's text.
    Link,
    /// A submodule: a commit of another repository.
    Submodule,
}

/// One entry of a revision's tree under the org root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionFile {
    /// Its path relative to the org root.
    pub path: PathBuf,
    /// Its object's name.
    pub object: String,
    /// What it is.
    pub kind: EntryKind,
}

impl Repository {
    /// The repository that holds `root`, and the object `revision` names in it (anything
    /// `git rev-parse` accepts); `None` when `revision` is `HEAD` (or `@`) and the branch has no
    /// commit yet (the first commit: nothing was there before it). No repository, or an unknown
    /// revision, is a usage error that says why, and in a shallow clone how to fetch what is
    /// missing.
    pub fn open_at(root: &Path, revision: &str) -> Result<Option<(Repository, String)>, Error> {
        let repository = Repository {
            root: root.to_path_buf(),
        };
        // Before git sees it: a git older than 2.30 takes `--end-of-options` for a revision, and
        // would read this one as an option.
        if revision.starts_with('-') {
            return Err(repository.unknown(revision));
        }
        let args = [
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            revision,
        ];
        let out = git_output(root, &args)?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let object = stdout.trim();
        if out.status.success() && is_object_name(object) {
            return Ok(Some((repository, object.to_owned())));
        }
        // `--quiet` leaves an unknown revision without a word; anything said is about the
        // repository.
        if !out.status.success() && !out.stderr.is_empty() {
            return Err(Error::Usage(format!(
                "`--since` reads the org's history with git, but {}; give no `--since` to lint \
                 the whole tree",
                why_failed(&out)
            )));
        }
        if matches!(revision, "HEAD" | "@") && repository.unborn() {
            return Ok(None);
        }
        Err(repository.unknown(revision))
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

    /// Whether `HEAD` names a branch with no commit yet: before the first commit of a repository
    /// or of an orphan branch.
    fn unborn(&self) -> bool {
        git(&self.root, &["symbolic-ref", "--quiet", "HEAD"]).is_ok()
            && git(&self.root, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_err()
    }

    /// The entries under the org root in the commit `object` names (a tag is followed to its
    /// commit), in path order, paths relative to the root: regular files, links and submodules.
    /// Names that do not stay below the root (`..`, an empty part) are left out. When the root's
    /// folder did not exist in that commit, there are none; an object that is no commit is the
    /// usage error of `revision`.
    pub fn files(&self, object: &str, revision: &str) -> Result<Vec<RevisionFile>, Error> {
        let commit = format!("{object}^{{commit}}");
        let args = ["rev-parse", "--verify", "--quiet", commit.as_str()];
        if git(&self.root, &args).is_err() {
            return Err(self.unknown(revision));
        }
        // Run in the root, `ls-tree` lists only what lies under it, by paths relative to it.
        let args = ["ls-tree", "-r", "-z", "--end-of-options", commit.as_str()];
        let out = git(&self.root, &args)
            .map_err(|why| cannot_read(format!("cannot list its files: {why}")))?;
        // Only what may be an entity file or the configuration is kept: a tree can hold a
        // million files under `node_modules/` that no run reads.
        let mut files: Vec<RevisionFile> = (out.split(|&b| b == 0))
            .filter(|record| !record.is_empty())
            .filter_map(parse_tree_record)
            .filter(|f| {
                let name = f.path.file_name().unwrap_or_default();
                f.kind == EntryKind::Submodule
                    || crate::paths::is_entity_name(name)
                    || f.path.as_os_str() == config::FILE_NAME
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// What can be read of the regular files `files` (in path order), within the limits of one
    /// run ([`load::admitted`]). A file whose working-tree copy git would store as the same blob
    /// (git's SHA-1 of `blob LEN\0` and its bytes is the blob's name) is read there, below the
    /// root and never through a link; the others are sized by `git cat-file --batch-check` and
    /// read by one `git cat-file --batch`.
    pub fn read(&self, files: &[&RevisionFile]) -> Result<Vec<FileBytes>, Error> {
        let here = crate::beneath::Dir::open(&self.root).ok();
        // From the working tree, while what it gave stays within the total limit.
        let mut total = 0u64;
        let mut local: Vec<Option<Vec<u8>>> = Vec::with_capacity(files.len());
        for file in files {
            let bytes = here
                .as_ref()
                .filter(|_| total <= MAX_TOTAL_SIZE)
                .and_then(|dir| {
                    let bytes =
                        load::read::read_bytes_below(dir, &file.path, MAX_FILE_SIZE).ok()?;
                    (blob_name(&bytes) == file.object).then_some(bytes)
                });
            total += bytes.as_ref().map_or(0, |b| b.len() as u64);
            local.push(bytes);
        }
        let missing: Vec<&RevisionFile> = (files.iter().zip(&local))
            .filter(|(_, local)| local.is_none())
            .map(|(&f, _)| f)
            .collect();
        let mut sizes = self.sizes(&missing)?.into_iter();
        let sizes: Vec<u64> = (local.iter())
            .map(|local| match local {
                Some(bytes) => bytes.len() as u64,
                None => sizes.next().unwrap_or(u64::MAX),
            })
            .collect();
        let admitted = load::admitted(sizes.iter().copied());
        // What is not admitted goes before git reads more: at most the total limit is held.
        for (local, &admitted) in local.iter_mut().zip(&admitted) {
            if !admitted {
                *local = None;
            }
        }
        let from_git: Vec<(&RevisionFile, u64)> = (files.iter().zip(&local).zip(&admitted))
            .zip(&sizes)
            .filter(|&(((_, local), &admitted), _)| admitted && local.is_none())
            .map(|(((&f, _), _), &size)| (f, size))
            .collect();
        let mut contents = self.contents(&from_git)?.into_iter();
        let read = (local.into_iter().zip(admitted).zip(sizes))
            .map(|((local, admitted), size)| match (admitted, local) {
                (true, Some(bytes)) => FileBytes::Read(bytes),
                (true, None) => contents
                    .next()
                    .map_or(FileBytes::NotRead(size), FileBytes::Read),
                (false, _) => FileBytes::NotRead(size),
            })
            .collect();
        Ok(read)
    }

    /// The size of each blob `files` name, in that order, by one `git cat-file --batch-check`.
    fn sizes(&self, files: &[&RevisionFile]) -> Result<Vec<u64>, Error> {
        let answers = self.cat_file("--batch-check", files, |stdout, file| {
            let mut line = Vec::new();
            stdout
                .read_until(b'\n', &mut line)
                .map_err(|e| cannot_read(e.to_string()))?;
            header_size(&line, file)
        })?;
        Ok(answers)
    }

    /// The contents of the blobs `files` name, in that order, by one `git cat-file --batch`, each
    /// with the size `git cat-file --batch-check` gave for it: a blob of another size now is an
    /// error, and nothing is allocated or read past the size expected.
    fn contents(&self, files: &[(&RevisionFile, u64)]) -> Result<Vec<Vec<u8>>, Error> {
        let names: Vec<&RevisionFile> = files.iter().map(|&(f, _)| f).collect();
        let mut expected = files.iter().map(|&(_, size)| size);
        self.cat_file("--batch", &names, |stdout, file| {
            let mut line = Vec::new();
            stdout
                .read_until(b'\n', &mut line)
                .map_err(|e| cannot_read(e.to_string()))?;
            let size = header_size(&line, file)?;
            if Some(size) != expected.next() {
                return Err(cannot_read(format!(
                    "the blob {} changed size while it was read",
                    file.object
                )));
            }
            let mut bytes = vec![0; usize::try_from(size).unwrap_or(usize::MAX)];
            let mut newline = [0u8; 1];
            std::io::Read::read_exact(stdout, &mut bytes)
                .and_then(|()| std::io::Read::read_exact(stdout, &mut newline))
                .map_err(|e| cannot_read(e.to_string()))?;
            Ok(bytes)
        })
    }

    /// Runs `git cat-file MODE` on the object names of `files`, and `answer` for each of them in
    /// turn on its output. The names are written from another thread: git answers as it reads,
    /// and a full pipe either way would leave both sides waiting. The process is always waited
    /// for, and killed first when an answer is not what was asked.
    fn cat_file<T>(
        &self,
        mode: &str,
        files: &[&RevisionFile],
        mut answer: impl FnMut(
            &mut BufReader<std::process::ChildStdout>,
            &RevisionFile,
        ) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        if files.is_empty() {
            return Ok(Vec::new());
        }
        let mut child = git_command()
            .args(["cat-file", mode])
            .current_dir(&self.root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| cannot_read(format!("git cannot be run ({e})")))?;
        let mut stdin = child.stdin.take().expect("piped");
        let names: String = files.iter().map(|f| format!("{}\n", f.object)).collect();
        let writer = std::thread::spawn(move || stdin.write_all(names.as_bytes()));
        let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
        let answers: Result<Vec<T>, Error> = files.iter().map(|f| answer(&mut stdout, f)).collect();
        if answers.is_err() {
            let _ = child.kill();
        }
        drop(stdout);
        let written = writer.join();
        let status = child.wait();
        let answers = answers?;
        if !matches!(written, Ok(Ok(()))) || !status.is_ok_and(|s| s.success()) {
            return Err(cannot_read(format!("git cat-file {mode} did not end well")));
        }
        Ok(answers)
    }
}

/// The size a `git cat-file` header (`NAME blob SIZE`) gives for `file`'s blob, or why it is not
/// the answer asked for.
fn header_size(line: &[u8], file: &RevisionFile) -> Result<u64, Error> {
    let line = String::from_utf8_lossy(line);
    let mut parts = line.trim_end().split(' ');
    let (name, kind, size) = (parts.next(), parts.next(), parts.next());
    match (name, kind, size.and_then(|s| s.parse().ok())) {
        (Some(name), Some("blob"), Some(size)) if name == file.object => Ok(size),
        _ => Err(cannot_read(format!(
            "git gave `{}` for the blob {}",
            line.trim_end(),
            file.object
        ))),
    }
}

/// Git's name for `bytes` as a blob in a repository that names objects by SHA-1: the SHA-1 of
/// `blob LEN\0` and the bytes, in hex. (A repository of SHA-256 names matches none, and git reads
/// every file.)
fn blob_name(bytes: &[u8]) -> String {
    use sha1::{Digest, Sha1};
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", bytes.len()).as_bytes());
    hasher.update(bytes);
    let digest = hasher.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The error of a revision's files that could not be read.
fn cannot_read(why: String) -> Error {
    Error::Io(format!("cannot read the files of the revision: {why}"))
}

/// Whether `name` is a full object name (hex).
fn is_object_name(name: &str) -> bool {
    name.len() >= 40 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// One record of `git ls-tree -r -z`: `MODE TYPE OBJECT\tPATH`. Regular files (modes 100644 and
/// 100755), links (120000) and submodules (160000) whose path stays below the root are kept.
fn parse_tree_record(record: &[u8]) -> Option<RevisionFile> {
    let tab = record.iter().position(|&b| b == b'\t')?;
    let (meta, name) = (&record[..tab], &record[tab + 1..]);
    let meta = std::str::from_utf8(meta).ok()?;
    let mut parts = meta.split_ascii_whitespace();
    let (mode, kind, object) = (parts.next()?, parts.next()?, parts.next()?);
    let kind = match (mode, kind) {
        ("100644" | "100755", "blob") => EntryKind::File,
        ("120000", "blob") => EntryKind::Link,
        ("160000", "commit") => EntryKind::Submodule,
        _ => return None,
    };
    if !is_object_name(object) {
        return None;
    }
    let path = path_from_bytes(name)?;
    let below = path.components().all(|c| matches!(c, Component::Normal(_)));
    (below && path.components().next().is_some()).then(|| RevisionFile {
        path,
        object: object.to_owned(),
        kind,
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

/// The `git` command, finding the repository from the directory it runs in (the org root), as
/// `git -C ROOT` does. The locations git's own environment may give are left out: a hook gets
/// `GIT_DIR` (and `GIT_INDEX_FILE`) relative to where it started, and with `GIT_DIR` set, git
/// takes the directory it runs in for the top of the work tree, which the org root need not be;
/// a tree read under the wrong top would be another tree.
fn git_command() -> Command {
    let mut command = Command::new("git");
    for name in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_COMMON_DIR",
        "GIT_PREFIX",
    ] {
        command.env_remove(name);
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
    fn tree_records_keep_files_links_and_submodules_below_the_root() {
        let record = |s: &str| parse_tree_record(s.as_bytes());
        let oid = "3b18e512dba79e4c8300dd08aeb37f8e728b8dad";
        assert_eq!(
            record(&format!("100644 blob {oid}\tteams/web.toml")),
            Some(RevisionFile {
                path: PathBuf::from("teams/web.toml"),
                object: oid.to_owned(),
                kind: EntryKind::File,
            })
        );
        let kind = |s: String| record(&s).map(|f| f.kind);
        assert_eq!(
            kind(format!("100755 blob {oid}\tx.toml")),
            Some(EntryKind::File)
        );
        assert_eq!(
            kind(format!("120000 blob {oid}\tl.toml")),
            Some(EntryKind::Link)
        );
        assert_eq!(
            kind(format!("160000 commit {oid}\tsub")),
            Some(EntryKind::Submodule)
        );
        for other in [
            format!("040000 tree {oid}\tteams"),
            format!("100644 blob {oid}\t../escape.toml"),
            format!("100644 blob {oid}\ta//b.toml"),
            format!("100644 blob {oid}\ta/./b.toml"),
            format!("100644 blob {oid}\t"),
            "100644 blob not-hex\tx.toml".to_owned(),
            "garbage".to_owned(),
        ] {
            assert_eq!(record(&other), None, "{other}");
        }
    }

    #[test]
    fn blob_names_are_gits() {
        // `printf 'hello\n' | git hash-object --stdin`, and the empty blob.
        assert_eq!(
            blob_name(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
        assert_eq!(blob_name(b""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    }
}
