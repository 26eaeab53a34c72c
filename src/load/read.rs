//! Reading one file safely: only a regular file, opened so that a FIFO or a device cannot block, and never more bytes than a limit, whatever size the file claims.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use crate::beneath::Dir;

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Not a regular file: what it is ("a FIFO").
    NotRegular(&'static str),
    /// More than the limit: its claimed size when that already says so, else `None`.
    TooLarge(Option<u64>),
    /// The system refused to open or read it.
    Io(std::io::Error),
    /// Not UTF-8: the text with the bad bytes replaced, the offset of the first one, and the
    /// UTF-16 byte-order mark it starts with, if any.
    NotUtf8 {
        lossy: String,
        at: usize,
        utf16: Option<&'static str>,
    },
}

impl ReadError {
    /// The message of the finding or error, for a file limited to `limit` bytes.
    pub(crate) fn message(&self, limit: u64) -> String {
        match self {
            ReadError::NotRegular(what) => format!("not a regular file ({what}); not read"),
            ReadError::TooLarge(Some(len)) => format!(
                "file is too large to read: {len} bytes, the limit is {}",
                mib(limit)
            ),
            ReadError::TooLarge(None) => format!(
                "file is too large to read: more than {limit} bytes, the limit is {}",
                mib(limit)
            ),
            ReadError::Io(e) => format!("cannot read file: {e}"),
            // "invalid byte at offset 0" would not tell the user what to do about a file an
            // editor on Windows saved as UTF-16; its byte-order mark says what it is.
            ReadError::NotUtf8 {
                utf16: Some(order), ..
            } => format!(
                "file is UTF-16 ({order}, by its byte-order mark), not UTF-8; save it as UTF-8"
            ),
            ReadError::NotUtf8 { at, .. } => {
                format!("file is not valid UTF-8 (invalid byte at offset {at})")
            }
        }
    }
}

/// `bytes` in MiB or GiB, as the limits are documented.
pub(crate) fn mib(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= 1024 * MIB && bytes % (1024 * MIB) == 0 {
        format!("{} GiB", bytes / (1024 * MIB))
    } else {
        format!("{} MiB", bytes / MIB)
    }
}

/// What a file that is not regular is, in words.
pub(crate) fn kind_of(meta: &Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a FIFO");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
        if ft.is_char_device() {
            return Some("a character device");
        }
        if ft.is_block_device() {
            return Some("a block device");
        }
    }
    Some("a special file")
}

/// Opens `path` for reading without blocking on a FIFO or a device and without making a terminal
/// ours, and checks that what was opened (not what the name pointed at a moment before) is a
/// regular file: the file, and the size it claims from the same `fstat` (one per file, not one
/// here and another to size the buffer). Unless `follow`, a link at the end of `path` is refused
/// too: a real path checked a moment before cannot be swapped for a link.
pub(crate) fn open_regular(path: &Path, follow: bool) -> Result<(File, u64), ReadError> {
    let mut options = File::options();
    options.read(true);
    #[cfg(not(unix))]
    let _ = follow;
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | nofollow);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    match kind_of(&meta) {
        Some(what) => Err(ReadError::NotRegular(what)),
        None => Ok((file, meta.len())),
    }
}

/// Reads at most `limit` bytes of `file`, which claims `claimed` bytes (at most one chunk more is
/// read to find out): the bytes, or `TooLarge` when there are more. The claimed size only sizes
/// the buffer and refuses early; `/proc` files claim 0 and hold gigabytes.
pub(crate) fn read_bounded(mut file: File, claimed: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    if claimed > limit {
        return Err(ReadError::TooLarge(Some(claimed)));
    }
    let mut bytes = Vec::with_capacity(claimed as usize);
    // The bytes the file claims go straight into the buffer that is kept, as `read_to_string`
    // reads them: through a chunk, every byte of the tree was copied once more (21 MB at 100,000
    // people, all of it into memory touched for the first time). `take` stops at the claim, so
    // this asks for no odd size beyond it; `read_to_end` retries an interrupted read.
    if claimed > 0 {
        (&mut file)
            .take(claimed)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
    }
    // Then whole chunks, not `take(limit + 1)`: some kernel files refuse reads of odd sizes. For
    // a file that held what it claimed, one read finds the end. The chunk is the thread's,
    // zeroed once: a fresh zeroed 64 KiB per file was a fifth of all the instructions of a run
    // on 15,000 files of 1.4 KB.
    CHUNK_BUFFER.with_borrow_mut(|chunk| {
        if chunk.is_empty() {
            chunk.resize(CHUNK, 0);
        }
        loop {
            let n = match file.read(chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(ReadError::Io(e)),
            };
            if (bytes.len() + n) as u64 > limit {
                return Err(ReadError::TooLarge(None));
            }
            bytes.extend_from_slice(&chunk[..n]);
        }
        Ok(())
    })?;
    Ok(bytes)
}

thread_local! {
    /// Each thread's read buffer, [`CHUNK`] bytes once the thread has read a file.
    static CHUNK_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How much one read asks for.
const CHUNK: usize = 64 * 1024;

/// Reads the regular file `path` as UTF-8, at most `limit` bytes (see [`open_regular`] for `follow`).
pub(crate) fn read_text(path: &Path, limit: u64, follow: bool) -> Result<String, ReadError> {
    let (file, claimed) = open_regular(path, follow)?;
    decode(read_bounded(file, claimed, limit)?)
}

/// Reads the regular file at `rel` below `dir` as UTF-8, at most `limit` bytes, reached without
/// following a link (see [`Dir::open_file`]).
pub(crate) fn read_text_below(dir: &Dir, rel: &Path, limit: u64) -> Result<String, ReadError> {
    decode(read_bytes_below(dir, rel, limit)?)
}

/// [`read_text_below`], the bytes as they are.
pub(crate) fn read_bytes_below(dir: &Dir, rel: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = dir.open_file(rel).map_err(ReadError::Io)?;
    if let Some(what) = meta.kind.special() {
        return Err(ReadError::NotRegular(what));
    }
    read_bounded(file, meta.len, limit)
}

/// `bytes` as text, or why they are not UTF-8.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let utf16 = match e.as_bytes() {
            [0xff, 0xfe, ..] => Some("little-endian"),
            [0xfe, 0xff, ..] => Some("big-endian"),
            _ => None,
        };
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        ReadError::NotUtf8 { lossy, at, utf16 }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_claims_size_zero_is_read_only_up_to_the_limit() {
        // pagemap claims 0 bytes and holds 8 bytes per page of address space.
        let (file, claimed) =
            open_regular(Path::new("/proc/self/pagemap"), false).expect("open pagemap");
        let read = read_bounded(file, claimed, 1024 * 1024);
        assert!(matches!(read, Err(ReadError::TooLarge(None))), "{read:?}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_after_opening_without_reading() {
        for dev in ["/dev/zero", "/dev/null"] {
            let err = open_regular(Path::new(dev), false).expect_err(dev);
            assert!(
                matches!(err, ReadError::NotRegular("a character device")),
                "{dev}: {err:?}"
            );
        }
    }

    #[test]
    fn a_file_is_read_whole_whatever_size_it_claims() {
        // Past one chunk, so that both the read up to the claim and the chunks after it run.
        let text: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        std::io::Write::write_all(&mut file, &text).expect("write");
        let len = text.len() as u64;
        // As claimed, claiming less (a file that grew), more (one that shrank), and nothing.
        for claimed in [len, len / 3, len + 10, 0] {
            let read = read_bounded(File::open(file.path()).expect("open"), claimed, 1 << 20);
            assert_eq!(read.expect("read"), text, "claimed {claimed}");
        }
        let read = read_bounded(File::open(file.path()).expect("open"), 10, len - 1);
        assert!(matches!(read, Err(ReadError::TooLarge(None))), "{read:?}");
    }

    #[test]
    fn limits_are_named_in_mib_or_gib() {
        assert_eq!(mib(64 * 1024 * 1024), "64 MiB");
        assert_eq!(mib(1024 * 1024 * 1024), "1 GiB");
    }
}
