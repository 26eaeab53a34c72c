//! Directories held by handle and everything reached below them without following a link: what the walk lists, every file read in the tree and every write into it go through, so that a directory another process swaps for a link mid-run leads nowhere.
//!
//! A [`Dir`] is opened once from a path the caller gives (the root, the working directory: the
//! command line's, so a link there is followed); everything below it is reached from its handle,
//! name by name, refusing a link at every step and never leaving it (`openat2` with
//! `RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS` where Linux has it, else one `openat` with
//! `O_NOFOLLOW` per name). A path checked a moment before is never trusted: what is read or
//! written is what the handle reaches now.
//!
//! Off Unix a [`Dir`] is a path, and every call goes by path as before: no handle-relative calls
//! there to build on.

use std::ffi::OsStr;
use std::io;
use std::path::{Component, Path};

/// What a name in a directory is, asked without following a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
// Off Unix a listing tells files, directories and links only.
#[cfg_attr(not(unix), allow(dead_code))]
pub(crate) enum Kind {
    File,
    Dir,
    Symlink,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl Kind {
    /// What a file that is not regular is, in words; `None` for a regular file.
    pub(crate) fn special(self) -> Option<&'static str> {
        Some(match self {
            Kind::File => return None,
            Kind::Dir => "a directory",
            Kind::Fifo => "a FIFO",
            Kind::Socket => "a socket",
            Kind::CharDevice => "a character device",
            Kind::BlockDevice => "a block device",
            Kind::Symlink => "a symbolic link",
            Kind::Other => "a special file",
        })
    }
}

/// What a `stat` of a name (not following a link) or of an open file says.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Meta {
    pub(crate) kind: Kind,
    /// The size it claims.
    pub(crate) len: u64,
    /// When it was last written, in seconds since the epoch.
    pub(crate) modified: i64,
    /// Permission bits (`0o7777`); what they mean off Unix, only "read-only" (`0o444`) or not.
    pub(crate) mode: u32,
    /// Owner and group (Unix).
    pub(crate) owner: Option<(u32, u32)>,
    /// How many names (hard links) the file has; 1 where that is not known.
    pub(crate) links: u64,
}

impl Meta {
    /// Whether nobody may write it (as [`std::fs::Permissions::readonly`] says).
    pub(crate) fn readonly(&self) -> bool {
        self.mode & 0o222 == 0
    }
}

/// The message of the error a link met on the way gives, whichever call met it.
#[cfg_attr(not(unix), allow(dead_code))]
pub(crate) const LINK_IN_THE_WAY: &str =
    "a symbolic link is in the way (it may have appeared while orglint ran); not followed";

/// `rel`'s names, each one plain: no root, prefix or `..` (the names the walk and the callers
/// build never have them); `.` is dropped.
fn names(rel: &Path) -> io::Result<Vec<&OsStr>> {
    rel.components()
        .filter(|c| *c != Component::CurDir)
        .map(|c| match c {
            Component::Normal(name) => Ok(name),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a path below the directory",
            )),
        })
        .collect()
}

#[cfg(unix)]
pub(crate) use self::unix::Dir;

#[cfg(not(unix))]
pub(crate) use self::paths::Dir;

#[cfg(unix)]
mod unix;

#[cfg(unix)]
pub(crate) use self::unix::process_alive;

/// Whether the process `pid` is alive: off Unix, not known, so every process is taken as alive
/// (and no temporary file is ever taken for stale).
#[cfg(not(unix))]
pub(crate) fn process_alive(_pid: u32) -> bool {
    true
}

#[cfg(not(unix))]
mod paths;
