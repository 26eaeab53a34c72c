//! The loader's parse budget (`MAX_PARSE_COST`) holds the memory of the parses under way only if
//! each file's estimated cost bounds what parsing it allocates: checked here, by counting the
//! bytes this thread's allocations hold while a file is parsed as the loader parses it, on texts
//! made to be costly per byte (dense values, keys, tables, comments, escapes, errors), both small
//! enough to be estimated by their size alone and large enough to be lexed and counted.
//!
//! What is counted is the bytes allocated and not yet freed by the parsing thread, not the
//! process's memory: exact, the same on every run, and blind to other threads.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use orglint::load::debug_parse_cost;

/// The system's allocator, counting what this thread holds and the most it has held.
struct Counting;

thread_local! {
    static HELD: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn held(change: isize) {
    let now = HELD.get().wrapping_add_signed(change);
    HELD.set(now);
    PEAK.set(PEAK.get().max(now));
}

// SAFETY: every call is passed to `System` as it came; the counting touches only thread-locals
// that are `const`-initialised `Cell`s, which neither allocate nor need a destructor.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        held(layout.size() as isize);
        // SAFETY: the caller's promises, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        held(-(layout.size() as isize));
        // SAFETY: the caller's promises, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        held(layout.size() as isize);
        // SAFETY: the caller's promises, passed on.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as a move: the old and the new block are both held while the bytes are copied.
        held(new_size as isize);
        // SAFETY: the caller's promises, passed on.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        held(-(layout.size() as isize));
        new
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The most this thread's allocations held at once while `text` was parsed as the loader parses
/// it, past what they held before; and the cost the loader's budget counted for it.
fn peak_and_cost(text: String) -> (usize, u64) {
    let before = HELD.get();
    PEAK.set(before);
    let cost = debug_parse_cost(text);
    (PEAK.get() - before, cost)
}

/// `unit` repeated until the text holds about `len` bytes, between `head` and `tail`.
fn repeat(head: &str, unit: impl Fn(usize) -> String, tail: &str, len: usize) -> String {
    let mut text = head.to_owned();
    let mut i = 0;
    while text.len() + tail.len() < len {
        text.push_str(&unit(i));
        i += 1;
    }
    text.push_str(tail);
    text
}

/// Texts that cost much per byte, each made to about `len` bytes.
fn shapes(len: usize) -> Vec<(&'static str, String)> {
    let person = |i: usize| {
        format!(
            "[[person]]\nid = \"p{i}\"\nname = \"P {i}\"\nrole = \"software-engineer\"\n\
             reports_to = \"p{}\"\nemail = \"p{i}@example.com\"\n\n",
            i / 2
        )
    };
    vec![
        (
            "dense integers",
            repeat("x = [", |_| "1,".into(), "1]\n", len),
        ),
        (
            "dense empty arrays",
            repeat("x = [", |_| "[],".into(), "[]]\n", len),
        ),
        (
            "dense empty inline tables",
            repeat("x = [", |_| "{},".into(), "{}]\n", len),
        ),
        (
            "dense strings",
            repeat("x = [", |_| "'',".into(), "'']\n", len),
        ),
        (
            "dense escaped strings",
            repeat("x = [", |_| "\"\\t\",".into(), "\"\"]\n", len),
        ),
        (
            "dense datetimes",
            repeat("x = [", |_| "1979-05-27T07:32:00Z,".into(), "1]\n", len),
        ),
        (
            "inline table keys",
            repeat("x = {", |i| format!("a{i}=1,"), "z=1}\n", len),
        ),
        (
            "top-level keys",
            repeat("", |i| format!("k{i}=1\n"), "", len),
        ),
        (
            "dotted keys",
            repeat("", |i| format!("k{i}.a.b.c.d.e.f=1\n"), "", len),
        ),
        (
            "deep dotted keys",
            repeat("", |i| format!("k{i}{}=1\n", ".a".repeat(78)), "", len),
        ),
        (
            "deep dotted keys in a person",
            repeat(
                "[[person]]\n",
                |i| format!("k{i}{}=1\n", ".a".repeat(78)),
                "",
                len,
            ),
        ),
        (
            "deep dotted keys in an inline table",
            repeat(
                "x = {",
                |i| format!("k{i}{}=1,", ".a".repeat(78)),
                "z=1}\n",
                len,
            ),
        ),
        (
            "deep dotted headers",
            repeat("", |i| format!("[k{i}{}]\n", ".a".repeat(78)), "", len),
        ),
        (
            "table headers",
            repeat("", |i| format!("[t{i}]\n"), "", len),
        ),
        (
            "dotted table headers",
            repeat("", |i| format!("[t{i}.a.b.c]\n"), "", len),
        ),
        (
            "arrays of tables",
            repeat("", |_| "[[x]]\n".into(), "", len),
        ),
        (
            "arrays of tables of one key",
            repeat("", |_| "[[x]]\na=1\n".into(), "", len),
        ),
        (
            "inline tables of one key",
            repeat("x = [", |_| "{a=1},".into(), "{}]\n", len),
        ),
        (
            "nested inline tables",
            repeat(
                "",
                |i| format!("k{i}={}{}\n", "{a=".repeat(70), "}".repeat(70)),
                "",
                len,
            ),
        ),
        (
            "nested arrays",
            repeat(
                "",
                |i| format!("k{i}={}{}\n", "[".repeat(70), "]".repeat(70)),
                "",
                len,
            ),
        ),
        (
            "empty people",
            repeat("", |_| "[[person]]\n".into(), "", len),
        ),
        (
            "people with unknown keys",
            repeat(
                "",
                |i| format!("[[person]]\nid=\"p{i}\"\nq=1\nr=1\n"),
                "",
                len,
            ),
        ),
        (
            "people of one line each",
            repeat("", |i| format!("person.p{i}.id=\"p{i}\"\n"), "", len),
        ),
        ("people", repeat("", person, "", len)),
        (
            "people under a suppression",
            repeat("# orglint: allow(a)\n", person, "", len),
        ),
        (
            "people with long unknown keys",
            repeat(
                "",
                |i| format!("[[person]]\nid=\"p{i}\"\n{}{i}=1\n", "q".repeat(100)),
                "",
                len,
            ),
        ),
        (
            "people past the first line",
            repeat("x = 1\n", person, "", len),
        ),
        (
            "a team of many members",
            repeat(
                "[[team]]\nid = \"t\"\nmembers = [",
                |i| format!("\"p{i}\","),
                "]\n",
                len,
            ),
        ),
        (
            "a team of many escaped members",
            repeat(
                "[[team]]\nid = \"t\"\nmembers = [",
                |_| "\"\\u0041\",".into(),
                "]\n",
                len,
            ),
        ),
        (
            "a long escaped string",
            repeat("x = \"", |_| "\\t".into(), "\"\n", len),
        ),
        (
            "a long multi-line string",
            repeat("x = \"\"\"", |_| "\\t\n".into(), "\"\"\"\n", len),
        ),
        ("newlines", repeat("", |_| "\n".into(), "", len)),
        (
            "carriage returns and newlines",
            repeat("", |_| "\r\n".into(), "", len),
        ),
        ("spaces and newlines", repeat("", |_| " \n".into(), "", len)),
        ("comments", repeat("", |_| "#\n".into(), "", len)),
        (
            "suppression comments",
            repeat(
                "",
                |_| "# orglint: allow(a)\n".into(),
                "[org]\nname = \"o\"\n",
                len,
            ),
        ),
        (
            "one suppression of many rules",
            repeat(
                "[org]\nname = \"o\"\n# orglint: allow(",
                |_| "a,".into(),
                "a)\n",
                len,
            ),
        ),
        ("bare words", repeat("", |_| "a ".into(), "", len)),
        ("equals signs", repeat("", |_| "=".into(), "", len)),
        ("opening brackets", repeat("x = ", |_| "[".into(), "", len)),
        ("unclosed strings", repeat("", |_| "\"\n".into(), "", len)),
        (
            "keys without values",
            repeat("", |i| format!("k{i}=\n"), "", len),
        ),
        ("duplicate keys", repeat("", |_| "k=1\n".into(), "", len)),
        ("commas", repeat("x = [1", |_| ",".into(), "]\n", len)),
        (
            "members of the wrong type",
            repeat(
                "[[team]]\nid = \"t\"\nmembers = [",
                |_| "1,".into(),
                "1]\n",
                len,
            ),
        ),
        (
            "people with wrong types",
            repeat("", |_| "[[person]]\nid=1\nname=1\nrole=1\n".into(), "", len),
        ),
        (
            "teams with unknown tables",
            repeat(
                "",
                |i| format!("[[team]]\nid=\"t{i}\"\n[team.q]\n"),
                "",
                len,
            ),
        ),
        (
            "unknown inline tables",
            repeat("", |i| format!("q{i}={{}}\n"), "", len),
        ),
    ]
}

#[test]
fn the_estimated_cost_of_a_parse_bounds_what_it_allocates() {
    // Up to 16 KiB a text's cost is told from its size, past it from its tokens; past 1 MiB a
    // file is parsed piece by piece where it can be cut at its `[[person]]` headers.
    let sized = [200, 12 * 1024, 20 * 1024, 100 * 1024]
        .into_iter()
        .flat_map(shapes);
    let cut = shapes(1_100_000)
        .into_iter()
        .filter(|(shape, _)| shape.contains("people"));
    let mut past: Vec<String> = Vec::new();
    for (shape, text) in sized.chain(cut) {
        let bytes = text.len();
        let (peak, cost) = peak_and_cost(text);
        if peak as u64 > cost {
            past.push(format!(
                "{shape} ({bytes} bytes): {peak} bytes held, {cost} counted"
            ));
        }
    }
    assert!(
        past.is_empty(),
        "parses past their cost:\n{}",
        past.join("\n")
    );
}
