//! Every bound on the work of a run, in one place: what a hostile pull request can make orglint read, parse, compare or print. A front end may show them, and a test may push past them.

/// Entity files larger than this are reported (`invalid-toml`), not read; so is an
/// `orglint.toml` or `--config` file larger than this.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Past this many bytes in all, further entity files are reported, not read.
pub const MAX_TOTAL_SIZE: u64 = 1024 * 1024 * 1024;

/// At most this many bytes of parsing are under way at once (but always one file, alone when it
/// needs more). A file's cost is an upper bound of what its parse holds at once (toml's token and
/// event vectors, the tree, the entities and findings built from it), weighed from its text before
/// it is parsed: a parse takes about 160 bytes per value and a dense file has a value every two
/// bytes, so bytes of text were no measure (64 MiB of them let 24 files of 3.8 MB take 4.2 GB on
/// 16 threads). The weights are a quarter or more above what the costliest texts found hold
/// (`tests/parse_cost.rs` checks it).
///
/// So, whatever the number of threads, the parses under way hold at most 512 MiB, or one file's
/// parse alone; the rest of a run's memory is what it keeps (texts, entities, findings), the same
/// on any number of threads. A run's peak is at most what it keeps, plus 512 MiB or its costliest
/// file's parse if more (a 64 MiB file of `=` alone takes 4.9 GB, on one thread as on sixteen),
/// plus about 0.4 MB a thread. Those 24 files peak at 390 to 411 MB on 1 to 16 threads
/// (BENCHMARKS.md, "Memory whatever the cores").
pub const MAX_PARSE_COST: u64 = 512 * 1024 * 1024;

/// A file with more keys and values than this is not parsed: the parse tree takes about 150
/// bytes per value, so [`MAX_FILE_SIZE`] alone would allow 32 M values and about 5 GB. A real
/// org of 100,000 people is about a million.
pub const MAX_VALUES: usize = 2_000_000;

/// At most this many mistakes in `orglint.toml` are shown; the last one shown says how many more
/// there are.
pub const MAX_SHOWN: usize = 20;

/// At most this many globs in `[files].exclude`: compiling them takes time and memory in
/// proportion (200,000 took 10 s and 2 GB), and a pull request can change `orglint.toml`.
pub const MAX_GLOBS: usize = 1_000;

/// At most this many characters in one glob of `[files].exclude`.
pub const MAX_GLOB_LEN: usize = 1_000;

/// The most characters of one value from the files that a message shows: a longer value is cut
/// to this many, the last being `…`, so that a 50 MB `kind` is not a 50 MB line.
pub const SHOWN_CHARS: usize = 80;

/// A file shows at most this many findings of one rule; the rest become one finding that says
/// how many there are (and counts as that many).
pub const MAX_PER_FILE: usize = 100;

/// Words longer than this get no did-you-mean: ids are at most 64 characters, and edit distance
/// over long strings is quadratic.
pub const MAX_SUGGESTED_LEN: usize = 64;

/// How many distinct unknown values (roles, references) one rule offers a did-you-mean for, in
/// file order: each compares the value with every known one, and a generated org can hold a
/// different unknown value per person. The rest get the plain help.
pub const MAX_SUGGESTIONS: usize = 200;

/// The work one did-you-mean search may do, in units of one candidate looked at plus one cell of
/// an edit-distance table (`len(word) * len(candidate)`): about a tenth of a second at most.
pub const SUGGESTION_WORK: u64 = 20_000_000;

/// How many bytes of an entity's id, or of the text a finding points at, go into its
/// fingerprint: enough to tell entities apart, and a bound on the work per finding.
pub const FINGERPRINT_BYTES: usize = 256;
