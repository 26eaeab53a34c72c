//! Source files as read from disk: their text, display path and the byte-offset to line/column map.

use std::path::PathBuf;

/// Index of a file in [`Sources`].
pub type FileId = u32;

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The file the range lies in.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span over `range` in `file`.
    pub fn new(file: FileId, range: std::ops::Range<usize>) -> Self {
        Span {
            file,
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    /// The span as a byte range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A 1-based line and column; columns count Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

/// One file of the org tree (or `orglint.toml`), with its text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path used to open the file.
    pub path: PathBuf,
    /// The path as shown in reports: relative to the working directory when beneath it, `/`-separated.
    pub display: String,
    /// The whole text, byte-order mark included, so that parser offsets stay valid; shared with
    /// the model's strings, which are ranges of it.
    pub text: std::sync::Arc<String>,
    /// Where lines and characters are, built the first time a place of this file is asked for:
    /// most files of a large org have no finding, and their index was a tenth of the memory.
    index: std::sync::OnceLock<Index>,
}

/// The line and character index of a text.
#[derive(Debug)]
struct Index {
    line_starts: Vec<usize>,
    /// For each block of [`BLOCK`] bytes, how many characters start before it: columns on a
    /// line of megabytes then cost one short count, not a walk from the start of the line.
    chars_before_block: Vec<u32>,
}

impl Index {
    fn of(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut count = 0u32;
        for block in text.as_bytes().chunks(BLOCK) {
            chars_before_block.push(count);
            count += block.iter().filter(|b| starts_char(b)).count() as u32;
        }
        Index {
            line_starts,
            chars_before_block,
        }
    }
}

/// The block size of [`SourceFile`]'s character index.
const BLOCK: usize = 1024;

/// `at`, clamped to `s`, moved back to the nearest character boundary: where `s` may be cut.
pub(crate) fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether `b` starts a character (is not a UTF-8 continuation byte).
fn starts_char(b: &u8) -> bool {
    b & 0xC0 != 0x80
}

impl SourceFile {
    /// A source file over `text`.
    pub fn new(path: PathBuf, display: String, text: String) -> Self {
        Self::shared(path, display, std::sync::Arc::new(text))
    }

    /// A source file over `text`, which the model's strings share.
    pub fn shared(path: PathBuf, display: String, text: std::sync::Arc<String>) -> Self {
        SourceFile {
            path,
            display,
            text,
            index: std::sync::OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::of(&self.text))
    }

    /// How many characters start before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let base = self
            .index()
            .chars_before_block
            .get(block)
            .copied()
            .unwrap_or(0) as usize;
        base + self.text.as_bytes()[block * BLOCK..offset]
            .iter()
            .filter(|b| starts_char(b))
            .count()
    }

    /// The line and column of byte `offset`, clamped to the text and to a character boundary.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset);
        let line = self.line_of(offset);
        let mut start = self.index().line_starts[line];
        if line == 0 && self.text.starts_with('\u{feff}') {
            start = offset.min(3);
        }
        Position {
            line: line + 1,
            column: self.chars_before(offset) - self.chars_before(start) + 1,
        }
    }

    /// The 0-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.index().line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Where 0-based line `line` starts; the text's length past the last line.
    pub fn line_start(&self, line: usize) -> usize {
        self.index()
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Whether the lines of `span` itself are fit to draw by the human report, which cuts every
    /// line to the output's width around its labels (a line of context is cut to its start,
    /// however long): a span on one line always is, however long the line; a span over several
    /// lines is when it has at most 200 lines, each at most 1,000 bytes.
    pub fn drawable_lines(&self, span: Span) -> bool {
        const MAX_LINE: usize = 1000;
        const MAX_LINES: usize = 200;
        let first = self.line_of((span.start as usize).min(self.text.len()));
        let last = self.line_of((span.end as usize).min(self.text.len()));
        first == last
            || last - first <= MAX_LINES
                && (first..=last.min(self.index().line_starts.len() - 1))
                    .all(|l| self.line_start(l + 1) - self.line_start(l) <= MAX_LINE)
    }

    /// The text under `span`, or "" when the span does not fit the text.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// Every file read in one run, indexed by [`FileId`].
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        (self.files.len() - 1) as FileId
    }

    /// Room for `more` files, so that adding a tree's files moves none of them again.
    pub(crate) fn reserve(&mut self, more: usize) {
        self.files.reserve_exact(more);
    }

    /// The file with id `id`.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id as usize]
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The files in id order.
    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_scalar_values_and_skip_the_bom() {
        let f = SourceFile::new("a".into(), "a".into(), "\u{feff}ab\r\nné = 1\n".into());
        assert_eq!(f.position(3), Position { line: 1, column: 1 });
        assert_eq!(f.position(4), Position { line: 1, column: 2 });
        let eq = f.text.find('=').unwrap();
        assert_eq!(f.position(eq), Position { line: 2, column: 4 });
        assert_eq!(f.position(10_000).line, 3);
    }

    #[test]
    fn columns_on_long_lines_count_characters_across_blocks() {
        let line = "é".repeat(3000) + "x";
        let f = SourceFile::new("a".into(), "a".into(), format!("k = 1\n{line}\n"));
        let x = f.text.find('x').unwrap();
        assert_eq!(
            f.position(x),
            Position {
                line: 2,
                column: 3001
            }
        );
        assert_eq!(
            f.position(x + 1),
            Position {
                line: 2,
                column: 3002
            }
        );
    }
}
