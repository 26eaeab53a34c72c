//! Loading an org tree: walk it in sorted order, read each entity file, parse it (in parallel) and gather the whole org.

pub(crate) mod chunks;
pub(crate) mod parse;
pub(crate) mod read;
pub(crate) mod table_reader;
mod walk;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};

use globset::GlobSet;
use rayon::prelude::*;

use crate::beneath::Dir;
use crate::finding::Finding;
use crate::limits::{MAX_FILE_SIZE, MAX_PARSE_COST, MAX_TOTAL_SIZE};
use crate::model::Org;
use crate::paths::{display_path, normalize};
use crate::regions::Entities;
use crate::rules;
use crate::source::{FileId, SourceFile, Sources, Span};
use crate::suppress::{self, Suppression};

#[doc(hidden)]
pub use self::parse::debug_parse;
use self::read::ReadError;
use self::walk::Entry;

/// Everything read from one workspace (a tree on disk, or texts a caller holds): the first stage
/// of a run, made only by [`crate::load_tree`] and [`crate::load_texts`]. Build the model over it
/// with [`crate::engine::build_model`].
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Loaded {
    /// The files, in sorted path order.
    pub sources: Sources,
    /// The entities of every file (their indexes are built by [`crate::engine::build_model`]).
    pub org: Org,
    /// Findings of the loader (`invalid-toml`, `unknown-field`, `missing-field`, `invalid-value`).
    pub findings: Vec<Finding>,
    /// The working directory the files' paths are shown relative to.
    pub(crate) cwd: PathBuf,
    /// The root of the workspace (the tree's root; for texts, the working directory): what a
    /// file's path in a fingerprint is relative to, wherever the run starts from.
    pub(crate) root: PathBuf,
    /// For each file, whether it could not be parsed.
    pub(crate) broken_files: Vec<bool>,
    /// For each file, its entities: where each starts and which holds each place.
    pub(crate) entities: Vec<Entities>,
    /// For each file, its suppression comments.
    pub(crate) suppressions: Vec<Vec<Suppression>>,
    /// For each file, its table headers as suppression scopes (see [`suppress::headers`]); empty
    /// where no comment could suppress anything (none, or the file could not be parsed).
    pub(crate) headers: Vec<Vec<(u32, u32)>>,
    /// The temporary files that interrupted runs of orglint left in the tree, in path order.
    pub(crate) leftovers: Vec<crate::write::Leftover>,
}

/// What one file of a workspace is before it is parsed: a file the walk found, or a text a caller
/// holds.
enum Input {
    Walked(Entry),
    Text {
        path: PathBuf,
        text: String,
    },
    /// A file's bytes as a caller read them (a git revision's blob), decoded as a file's are.
    Bytes {
        path: PathBuf,
        bytes: Vec<u8>,
    },
}

/// Loads every entity file under `root`, except those `exclude` matches (relative to `root`) and
/// the configuration file `config`, wherever it is named.
pub(crate) fn load(root: &Path, exclude: &GlobSet, config: Option<&Path>, cwd: &Path) -> Loaded {
    load_with(root, exclude, config, cwd, &Texts::new())
}

/// How many entity files the walk of `root` finds with nothing excluded (but what SPEC §1
/// always leaves out: hidden directories, `target/`, `node_modules/`, `orglint.toml`, and the
/// configuration file `config`, wherever it is named).
pub(crate) fn entity_files(root: &Path, config: Option<&Path>, cwd: &Path) -> usize {
    let mut entries = walk::walk(root, &GlobSet::empty(), cwd).entries;
    leave_out(&mut entries, config, cwd);
    (entries.iter())
        .filter(|e| matches!(e, Entry::File { .. }))
        .count()
}

/// Takes the configuration file `config` (relative to `cwd`) out of the walk's `entries`: it is
/// read as the configuration, never as an entity file.
fn leave_out(entries: &mut Vec<Entry>, config: Option<&Path>, cwd: &Path) {
    if let Some(config) = config.map(|c| normalize(&cwd.join(c))) {
        // By name first: a walked path ends in its file's name, which normalising keeps, so only
        // the files called as the configuration is need their whole path built and compared.
        let name = config.file_name();
        entries.retain(|e| {
            !matches!(e, Entry::File { path, .. }
                if path.file_name() == name && normalize(&cwd.join(path)) == config)
        });
    }
}

/// Texts that stand in for files of the walk, by absolute, normalised path as walked: what
/// `--fix` lints again after fixing in memory, before it writes anything.
pub(crate) type Texts = std::collections::BTreeMap<PathBuf, std::sync::Arc<String>>;

/// [`load`], with the walked files that `texts` names read from `texts` instead of from disk:
/// the same walk, order, paths and limits, so the report is the one the files would give once
/// written.
pub(crate) fn load_with(
    root: &Path,
    exclude: &GlobSet,
    config: Option<&Path>,
    cwd: &Path,
    texts: &Texts,
) -> Loaded {
    let walk::Walked {
        root: handle,
        mut entries,
        leftovers,
    } = walk::walk(root, exclude, cwd);
    leave_out(&mut entries, config, cwd);
    admit(&mut entries);
    let inputs = entries
        .into_iter()
        .map(|entry| {
            let text = match &entry {
                Entry::File { path, .. } if !texts.is_empty() => {
                    texts.get(&normalize(&cwd.join(path)))
                }
                _ => None,
            };
            match (entry, text) {
                (Entry::File { path, .. }, Some(text)) => Input::Text {
                    path,
                    text: String::clone(text),
                },
                (entry, _) => Input::Walked(entry),
            }
        })
        .collect();
    let mut loaded = gather(inputs, handle.as_ref(), cwd);
    loaded.root = normalize(&cwd.join(root));
    loaded.leftovers = leftovers;
    loaded
}

/// Loads `files`, `(path, text)` pairs a caller holds, as the walk's files are loaded: in path
/// order (a path given twice keeps its last text), within the same size limits, parsed the same
/// way, and shown by the same paths (relative to `cwd`, which relative paths are joined to).
/// Every pair is read as an entity file: leave out what the walk would not read
/// ([`crate::Tree::classify`] says which).
/// A path that names no file (`""`, `teams/`, `.`, `a/..`) is not read: an `invalid-toml` finding
/// says so, at the place it names.
pub(crate) fn load_texts(files: Vec<(PathBuf, String)>, cwd: &Path) -> Loaded {
    let files: std::collections::BTreeMap<PathBuf, (bool, String)> = files
        .into_iter()
        .map(|(path, text)| (normalize(&cwd.join(&path)), (names_a_file(&path), text)))
        .collect();
    let mut total = 0;
    let not_read = |path, message| {
        Input::Walked(Entry::Unreadable {
            path,
            message,
            help: walk::BROKEN_HELP,
            broken: true,
        })
    };
    let inputs = files
        .into_iter()
        .map(|(path, (file, text))| {
            if !file {
                return not_read(path, NAMES_NO_FILE.to_owned());
            }
            match refused(text.len() as u64, &mut total) {
                None => Input::Text { path, text },
                Some(message) => not_read(path, message),
            }
        })
        .collect();
    gather(inputs, None, cwd)
}

/// What a caller read for one file of a tree it walked itself (a git revision's): the file's
/// bytes, or its size when it was not read.
#[derive(Debug)]
pub enum FileBytes {
    /// The bytes, decoded as a file's are (UTF-8, or an `invalid-toml` finding that says what
    /// they are).
    Read(Vec<u8>),
    /// Not read: the size it has.
    NotRead(u64),
}

/// Which of `sizes` (in path order) may be read within the limits of one run
/// ([`MAX_FILE_SIZE`] each, [`MAX_TOTAL_SIZE`] in all), as the walk admits the files it lists:
/// `true` for each file that may be read. A caller that reads files itself asks this before
/// reading any, and gives the others as [`FileBytes::NotRead`].
pub fn admitted(sizes: impl IntoIterator<Item = u64>) -> Vec<bool> {
    let mut total = 0;
    sizes
        .into_iter()
        .map(|len| refused(len, &mut total).is_none())
        .collect()
}

/// Loads `files`, (absolute, normalised path, what was read) pairs of a tree the caller walked
/// itself, as the walk's files are loaded: in path order, decoded and parsed the same way, within
/// the same limits ([`admitted`] says which to read), and shown by the same paths relative to
/// `cwd`. `root` is the tree's root, which fingerprints are relative to. Every pair is read as an
/// entity file: leave out what the walk would not read ([`crate::Tree::classify`] says which).
pub(crate) fn load_bytes(root: &Path, files: Vec<(PathBuf, FileBytes)>, cwd: &Path) -> Loaded {
    let files: std::collections::BTreeMap<PathBuf, FileBytes> = files.into_iter().collect();
    let mut total = 0;
    let inputs = files
        .into_iter()
        .map(|(path, read)| {
            let len = match &read {
                FileBytes::Read(bytes) => bytes.len() as u64,
                FileBytes::NotRead(len) => *len,
            };
            match (refused(len, &mut total), read) {
                (None, FileBytes::Read(bytes)) => Input::Bytes { path, bytes },
                (refusal, _) => Input::Walked(Entry::Unreadable {
                    path,
                    message: refusal.unwrap_or_else(total_reached),
                    help: walk::BROKEN_HELP,
                    broken: true,
                }),
            }
        })
        .collect();
    let mut loaded = gather(inputs, None, cwd);
    loaded.root = normalize(&cwd.join(root));
    loaded
}

const NAMES_NO_FILE: &str =
    "not read: the path of this text names no file (it is empty, or ends in `/`, `.` or `..`)";

/// Whether `path`, as a caller gave it, names a file: it ends in a name, not in a separator, `.`
/// or `..` (which would make the text a directory's, shown as `.` or as the directory).
fn names_a_file(path: &Path) -> bool {
    // By bytes: `Path::components` drops a trailing `/` and `.`.
    let bytes = path.as_os_str().as_encoded_bytes();
    let last = bytes
        .rsplit(|&b| b.is_ascii() && std::path::is_separator(b as char))
        .next()
        .unwrap_or(bytes);
    !matches!(last, b"" | b"." | b"..")
}

/// How many files are read and parsed in parallel before their entities join the model: what
/// the files gave waits for the merge only a batch at a time, not all of them at once next to the
/// merged model (which had doubled the peak memory of the entities), and a batch is still
/// hundreds of files for the threads to share.
const BATCH: usize = 512;

/// Reads and parses `inputs` in parallel, each as file number its index, and gathers them in
/// that order; the walked files are opened below `root`, the handle of the root they were walked
/// from.
fn gather(inputs: Vec<Input>, root: Option<&Dir>, cwd: &Path) -> Loaded {
    gather_within(inputs, root, cwd, &Budget::new(MAX_PARSE_COST))
}

/// [`gather`], with the parses under way held within `budget`.
fn gather_within(inputs: Vec<Input>, root: Option<&Dir>, cwd: &Path, budget: &Budget) -> Loaded {
    let mut loaded = Loaded {
        cwd: cwd.to_path_buf(),
        root: normalize(cwd),
        ..Loaded::default()
    };
    let n = inputs.len();
    loaded.sources.reserve(n);
    loaded.broken_files.reserve_exact(n);
    loaded.entities.reserve_exact(n);
    loaded.suppressions.reserve_exact(n);
    loaded.headers.reserve_exact(n);
    let mut inputs = inputs.into_iter();
    let mut first = 0;
    // While one batch is merged, the next is read and parsed on the other threads.
    let mut parsed: Option<Vec<OneFile>> = None;
    loop {
        let batch: Vec<Input> = inputs.by_ref().take(BATCH).collect();
        let done = parsed.take();
        if batch.is_empty() {
            done.into_iter().for_each(|d| merge(&mut loaded, d));
            break;
        }
        let start = first;
        first += batch.len();
        let parse = || -> Vec<OneFile> {
            batch
                .into_par_iter()
                .enumerate()
                .map(|(i, input)| read_and_parse((start + i) as FileId, input, root, cwd, budget))
                .collect()
        };
        let ((), next) = rayon::join(
            || done.into_iter().for_each(|d| merge(&mut loaded, d)),
            parse,
        );
        parsed = Some(next);
    }
    loaded
}

/// Adds what a batch of files gave to `loaded`, in file order.
fn merge(loaded: &mut Loaded, files: Vec<OneFile>) {
    for OneFile {
        source,
        parsed,
        sups,
        headers,
    } in files
    {
        loaded.sources.add(source);
        loaded.findings.extend(parsed.findings);
        loaded.broken_files.push(parsed.broken);
        loaded.org.orgs.extend(parsed.orgs);
        loaded.org.people.extend(parsed.people);
        loaded.org.teams.extend(parsed.teams);
        loaded.org.guilds.extend(parsed.guilds);
        loaded.entities.push(parsed.entities);
        loaded.suppressions.push(sups);
        loaded.headers.push(headers);
    }
}

impl Loaded {
    /// File `file`'s path relative to the workspace's root, with `/` separators (absolute when
    /// it lies outside it): the same whichever directory the run starts from.
    pub(crate) fn root_path(&self, file: FileId) -> String {
        let path = normalize(&self.cwd.join(&self.sources.get(file).path));
        display_path(&path, &self.root)
    }

    /// The files that could not be parsed (or read), in path order: their entities are missing
    /// from the org.
    pub fn unparsed(&self) -> impl Iterator<Item = &crate::source::SourceFile> {
        (self.sources.iter())
            .zip(&self.broken_files)
            .filter_map(|(file, &broken)| broken.then_some(file))
    }

    /// How many files could not be parsed.
    pub fn broken(&self) -> usize {
        self.broken_files.iter().filter(|&&b| b).count()
    }
}

/// Why a file of `len` bytes is not read, after `total` bytes of files before it were admitted;
/// `None` when it is (and then counts in `total`).
fn refused(len: u64, total: &mut u64) -> Option<String> {
    if len > MAX_FILE_SIZE {
        Some(ReadError::TooLarge(Some(len)).message(MAX_FILE_SIZE))
    } else if *total + len > MAX_TOTAL_SIZE {
        Some(total_reached())
    } else {
        *total += len;
        None
    }
}

/// Applies the size limits to the sizes the files claim, in path order, so that which files are
/// left out does not depend on which thread reads first.
fn admit(entries: &mut [Entry]) {
    let mut total = 0u64;
    for entry in entries.iter_mut() {
        let Entry::File { path, len, .. } = entry else {
            continue;
        };
        let Some(message) = refused(*len, &mut total) else {
            continue;
        };
        *entry = Entry::Unreadable {
            path: std::mem::take(path),
            message,
            help: walk::BROKEN_HELP,
            broken: true,
        };
    }
}

fn total_reached() -> String {
    format!(
        "not read: the entity files reach the total input limit of {}",
        read::mib(MAX_TOTAL_SIZE)
    )
}

/// The bytes read and the cost of the parses under way, shared by the parsing threads.
struct Budget {
    /// Bytes actually read so far: files that claim less than they hold cannot pass the total.
    read: AtomicU64,
    /// The most that the parses under way may cost together ([`MAX_PARSE_COST`] but in tests).
    limit: u64,
    /// The cost of the parses under way, and how many threads wait for it to be less.
    in_flight: Mutex<InFlight>,
    freed: Condvar,
}

/// What [`Budget::in_flight`] guards.
#[derive(Default)]
struct InFlight {
    /// The sum of the [`parse::Estimate`]s of the files being parsed now.
    cost: u64,
    /// How many files are being parsed now.
    files: usize,
    /// Threads waiting in [`Budget::acquire`]: a permit given back wakes them only when there are
    /// some, since a `notify_all` is a system call even when nobody waits (one per file read).
    waiting: usize,
    /// The largest `cost` of two files or more admitted together, and the most files admitted
    /// together: what the tests check.
    #[cfg(test)]
    shared_peak: u64,
    #[cfg(test)]
    most_files: usize,
}

impl Budget {
    fn new(limit: u64) -> Budget {
        Budget {
            read: AtomicU64::new(0),
            limit,
            in_flight: Mutex::default(),
            freed: Condvar::new(),
        }
    }

    /// Waits until `cost` more fits in the limit, or nothing else is parsing (so a file that costs
    /// more than the limit still goes through, alone). Those it waits for never wait on it, so
    /// this cannot deadlock.
    fn acquire(&self, cost: u64) -> Permit<'_> {
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        while in_flight.files > 0 && in_flight.cost.saturating_add(cost) > self.limit {
            in_flight.waiting += 1;
            in_flight = self
                .freed
                .wait(in_flight)
                .unwrap_or_else(|e| e.into_inner());
            in_flight.waiting -= 1;
        }
        in_flight.cost += cost;
        in_flight.files += 1;
        #[cfg(test)]
        {
            if in_flight.files > 1 {
                in_flight.shared_peak = in_flight.shared_peak.max(in_flight.cost);
            }
            in_flight.most_files = in_flight.most_files.max(in_flight.files);
        }
        Permit { budget: self, cost }
    }
}

/// A parse's cost in flight, given back when dropped (a panic too, so that the others do not
/// wait forever).
struct Permit<'a> {
    budget: &'a Budget,
    cost: u64,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let budget = self.budget;
        let mut in_flight = budget.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        in_flight.cost -= self.cost;
        in_flight.files -= 1;
        if in_flight.waiting > 0 {
            budget.freed.notify_all();
        }
    }
}

/// Reads the entity file at `rel` below `root` within the limits: its text, or the finding's
/// message and, for text that is not UTF-8, the lossy text and the offset of the first bad byte.
fn read_entity(
    root: Option<&Dir>,
    rel: &Path,
    budget: &Budget,
) -> Result<String, (String, String, Option<usize>)> {
    let read = match root {
        Some(root) => read::read_text_below(root, rel, MAX_FILE_SIZE),
        // Never so: a walk that lists a file opened its root.
        None => Err(ReadError::Io(std::io::ErrorKind::NotFound.into())),
    };
    let len = match &read {
        Ok(text) | Err(ReadError::NotUtf8 { lossy: text, .. }) => text.len() as u64,
        Err(_) => 0,
    };
    if budget.read.fetch_add(len, Ordering::Relaxed) + len > MAX_TOTAL_SIZE {
        return Err((String::new(), total_reached(), None));
    }
    read.map_err(|e| {
        let message = e.message(MAX_FILE_SIZE);
        match e {
            ReadError::NotUtf8 { lossy, at, .. } => (lossy, message, Some(at)),
            _ => (String::new(), message, None),
        }
    })
}

/// What reading and parsing one file gave.
struct OneFile {
    source: SourceFile,
    parsed: parse::Parsed,
    sups: Vec<Suppression>,
    headers: Vec<(u32, u32)>,
}

fn read_and_parse(
    id: FileId,
    input: Input,
    root: Option<&Dir>,
    cwd: &Path,
    budget: &Budget,
) -> OneFile {
    let (path, read, help, broken) = match input {
        Input::Walked(Entry::File { path, rel, .. }) => {
            let read = read_entity(root, &rel, budget);
            (path, read, walk::BROKEN_HELP, true)
        }
        Input::Walked(Entry::Unreadable {
            path,
            message,
            help,
            broken,
        }) => (path, Err((String::new(), message, None)), help, broken),
        Input::Text { path, text } => (path, Ok(text), walk::BROKEN_HELP, true),
        Input::Bytes { path, bytes } => {
            let read = read::decode(bytes).map_err(|e| {
                let message = e.message(MAX_FILE_SIZE);
                match e {
                    ReadError::NotUtf8 { lossy, at, .. } => (lossy, message, Some(at)),
                    _ => (String::new(), message, None),
                }
            });
            (path, read, walk::BROKEN_HELP, true)
        }
    };
    let display = display_path(&path, cwd);
    match read {
        Ok(text) => parse_within(id, path, display, text, budget),
        Err((text, message, bad_byte)) => {
            let mut parsed = parse::Parsed {
                broken,
                ..Default::default()
            };
            let at = match bad_byte {
                // The lossy text keeps the valid prefix, so the offset still holds; U+FFFD is 3 bytes.
                Some(at) => Span::new(id, at..at + '\u{fffd}'.len_utf8()),
                None => Span::new(id, 0..0),
            };
            parsed
                .findings
                .push(Finding::new(&rules::invalid_toml::RULE, Some(at), message).with_help(help));
            OneFile {
                source: SourceFile::new(path, display, text),
                parsed,
                sups: Vec::new(),
                headers: Vec::new(),
            }
        }
    }
}

/// Parses `text`, file `id`'s, once its estimated cost fits in `budget`: the file (its text
/// shared with the model, whose strings are ranges of it), its parse, suppressions and headers.
fn parse_within(
    id: FileId,
    path: PathBuf,
    display: String,
    text: String,
    budget: &Budget,
) -> OneFile {
    // Counted before the permit: counting holds nothing but the text.
    let estimate = parse::estimate(&text);
    let permit = budget.acquire(estimate.cost);
    let text = std::sync::Arc::new(text);
    let parsed = parse::parse(id, &text, &estimate);
    let sups = suppress::scan(id, &text);
    // In a file that could not be parsed, only `invalid-toml` is found: nothing to suppress.
    let headers = if sups.is_empty() || parsed.broken {
        Vec::new()
    } else {
        suppress::headers(&text)
    };
    drop(permit);
    OneFile {
        source: SourceFile::shared(path, display, text),
        parsed,
        sups,
        headers,
    }
}

/// The cost the loader's budget counts for `text`, after parsing `text` as the loader does (and
/// dropping what it gave): for the tests that check that the count bounds what parsing allocates
/// (`tests/parse_cost.rs`).
#[doc(hidden)]
pub fn debug_parse_cost(text: String) -> u64 {
    let cost = parse::estimate(&text).cost;
    drop(parse_within(
        0,
        PathBuf::new(),
        String::new(),
        text,
        &Budget::new(u64::MAX),
    ));
    cost
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, len: u64) -> Entry {
        Entry::File {
            path: name.into(),
            rel: name.into(),
            len,
        }
    }

    fn message(entry: &Entry) -> Option<&str> {
        match entry {
            Entry::File { .. } => None,
            Entry::Unreadable { message, .. } => Some(message),
        }
    }

    #[test]
    fn files_past_the_total_limit_are_reported_in_path_order() {
        let big = MAX_FILE_SIZE - 1;
        let count = (MAX_TOTAL_SIZE / big) as usize;
        let mut entries: Vec<Entry> = (0..count)
            .map(|i| file(&format!("{i}.toml"), big))
            .collect();
        entries.push(file("last.toml", big));
        entries.push(file("small.toml", 1));
        entries.push(file("huge.toml", MAX_FILE_SIZE + 1));
        admit(&mut entries);
        assert!(entries[..count].iter().all(|e| message(e).is_none()));
        assert_eq!(message(&entries[count]), Some(total_reached().as_str()));
        // What still fits is read.
        assert_eq!(message(&entries[count + 1]), None);
        assert!(message(&entries[count + 2]).is_some_and(|m| m.contains("too large")));
        assert!(total_reached().contains("1 GiB"), "{}", total_reached());
    }

    #[test]
    fn parsing_is_throttled_by_cost_in_flight_but_one_file_always_passes() {
        let budget = Budget::new(MAX_PARSE_COST);
        // Two of these do not fit together; one costlier than the budget goes alone.
        let big = MAX_PARSE_COST / 2 + 1;
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for cost in [big, 2 * MAX_PARSE_COST, 10] {
                        let permit = budget.acquire(cost);
                        let now = budget.in_flight.lock().unwrap().cost;
                        std::thread::sleep(std::time::Duration::from_millis(2));
                        drop(permit);
                        // After releasing: a failure must not leave the others waiting.
                        assert!(now <= MAX_PARSE_COST || now == cost, "{now} in flight");
                    }
                });
            }
        });
        let in_flight = budget.in_flight.lock().unwrap();
        assert_eq!((in_flight.cost, in_flight.files), (0, 0));
        assert!(in_flight.shared_peak <= MAX_PARSE_COST);
    }

    #[test]
    fn dense_files_are_parsed_a_few_at_a_time_whatever_the_threads() {
        // Files small in bytes but with a value every two bytes, each costing some 150 times its
        // size to parse: a budget of three and a half such files must hold them to three at once,
        // however many threads parse (bytes alone had let all sixteen parse together). One file
        // costlier than the whole budget still goes through, alone.
        let dense = |values: usize| format!("x = [{}1]\n", "1,".repeat(values));
        let (small, big) = (dense(10_000), dense(50_000));
        let cost = parse::estimate(&small).cost;
        let limit = 3 * cost + cost / 2;
        assert!(parse::estimate(&big).cost > limit && small.len() < 32 * 1024);
        let mut texts: Vec<String> = vec![small; 64];
        texts[20] = big;
        let inputs = (texts.into_iter().enumerate())
            .map(|(i, text)| Input::Text {
                path: format!("f{i:02}.toml").into(),
                text,
            })
            .collect();
        let budget = Budget::new(limit);
        let threads = rayon::ThreadPoolBuilder::new().num_threads(16).build();
        let loaded = threads
            .expect("a pool of threads")
            .install(|| gather_within(inputs, None, Path::new("/"), &budget));
        // Every file was parsed: `x` is no entity, one `unknown-field` each.
        assert_eq!(loaded.broken(), 0);
        assert_eq!(loaded.findings.len(), 64);
        assert!(
            loaded
                .findings
                .iter()
                .all(|f| f.rule.name == "unknown-field")
        );
        let in_flight = budget.in_flight.lock().unwrap();
        assert!(
            in_flight.most_files <= 3,
            "{} at once",
            in_flight.most_files
        );
        assert!(
            in_flight.shared_peak <= limit,
            "{} in flight",
            in_flight.shared_peak
        );
        assert_eq!((in_flight.cost, in_flight.files), (0, 0));
    }
}
