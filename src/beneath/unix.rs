//! A directory held by its handle on Unix, and each call below it relative to that handle.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStringExt;
use std::path::Path;

use rustix::fs::{AtFlags, FileType, Mode, OFlags};

use super::{Kind, LINK_IN_THE_WAY, Meta, names};

/// A directory, held by its handle.
#[derive(Debug)]
pub(crate) struct Dir {
    fd: OwnedFd,
}

/// Turns a link refused on the way (`ELOOP` from `O_NOFOLLOW` or `RESOLVE_NO_SYMLINKS`;
/// `EMLINK` on the BSDs) into an error that says so.
fn said(e: rustix::io::Errno) -> io::Error {
    #[cfg(any(target_os = "freebsd", target_os = "dragonfly", target_os = "netbsd"))]
    let link = e == rustix::io::Errno::LOOP || e == rustix::io::Errno::MLINK;
    #[cfg(not(any(target_os = "freebsd", target_os = "dragonfly", target_os = "netbsd")))]
    let link = e == rustix::io::Errno::LOOP;
    if link {
        io::Error::other(LINK_IN_THE_WAY)
    } else {
        e.into()
    }
}

/// Opens the one name `name` in `from` with `flags` (`O_NOFOLLOW` among them).
fn open_one(from: std::os::fd::BorrowedFd<'_>, name: &OsStr, flags: OFlags) -> io::Result<OwnedFd> {
    rustix::fs::openat(from, name, flags, Mode::empty()).map_err(|e| {
        // A link asked to be a directory fails as "not a directory" before `O_NOFOLLOW`
        // is looked at: asked of the name, it is the link it is.
        let link = e == rustix::io::Errno::NOTDIR
            && rustix::fs::statat(from, name, AtFlags::SYMLINK_NOFOLLOW)
                .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Symlink);
        said(if link { rustix::io::Errno::LOOP } else { e })
    })
}

fn kind(ft: FileType) -> Kind {
    match ft {
        FileType::RegularFile => Kind::File,
        FileType::Directory => Kind::Dir,
        FileType::Symlink => Kind::Symlink,
        FileType::Fifo => Kind::Fifo,
        FileType::Socket => Kind::Socket,
        FileType::CharacterDevice => Kind::CharDevice,
        FileType::BlockDevice => Kind::BlockDevice,
        _ => Kind::Other,
    }
}

// The fields' types differ between systems (`st_mode` and `st_nlink` are 16 bits on macOS).
#[allow(clippy::useless_conversion)]
fn meta(st: &rustix::fs::Stat) -> Meta {
    Meta {
        kind: kind(FileType::from_raw_mode(st.st_mode)),
        len: u64::try_from(st.st_size).unwrap_or(0),
        modified: st.st_mtime,
        mode: u32::from(st.st_mode) & 0o7777,
        owner: Some((st.st_uid, st.st_gid)),
        links: u64::from(st.st_nlink),
    }
}

/// Whether `openat2` is known to be missing (an older kernel, or a sandbox that refuses it):
/// then every open walks name by name.
#[cfg(target_os = "linux")]
static NO_OPENAT2: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

impl Dir {
    /// Opens the directory at `path`, following links in it: a path of the caller's own.
    pub(crate) fn open(path: &Path) -> io::Result<Dir> {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let fd = rustix::fs::open(path, flags, Mode::empty())?;
        Ok(Dir { fd })
    }

    /// The directory `rel` below this one (itself when `rel` is empty).
    pub(crate) fn dir(&self, rel: &Path) -> io::Result<Dir> {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY;
        Ok(Dir {
            fd: self.open_below(rel, flags)?,
        })
    }

    /// Opens the file `rel` below this one to read it, so that a FIFO or a device cannot
    /// block and a terminal does not become ours, and `fstat`s what was opened.
    pub(crate) fn open_file(&self, rel: &Path) -> io::Result<(File, Meta)> {
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY;
        let file = File::from(self.open_below(rel, flags)?);
        let st = rustix::fs::fstat(&file)?;
        Ok((file, meta(&st)))
    }

    /// Opens `rel` below this directory with `flags`, refusing a link at every name.
    fn open_below(&self, rel: &Path, flags: OFlags) -> io::Result<OwnedFd> {
        #[cfg(target_os = "linux")]
        let openat2 = !NO_OPENAT2.load(std::sync::atomic::Ordering::Relaxed);
        #[cfg(not(target_os = "linux"))]
        let openat2 = false;
        self.open_below_with(rel, flags, openat2)
    }

    /// [`Dir::open_below`], trying `openat2` first if `openat2`.
    fn open_below_with(&self, rel: &Path, flags: OFlags, openat2: bool) -> io::Result<OwnedFd> {
        let names = names(rel)?;
        let flags = flags | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let Some((last, dirs)) = names.split_last() else {
            // Itself: a new handle on the same directory.
            return Ok(rustix::fs::openat(&self.fd, ".", flags, Mode::empty())?);
        };
        // The limit `openat2` puts on the whole path, kept by the name-by-name walk too, so
        // that what is read does not depend on which of the two the kernel allows.
        if rel.as_os_str().len() >= 4096 {
            return Err(rustix::io::Errno::NAMETOOLONG.into());
        }
        #[cfg(not(target_os = "linux"))]
        let _ = openat2;
        #[cfg(target_os = "linux")]
        {
            use std::sync::atomic::Ordering;
            if openat2 {
                use rustix::fs::ResolveFlags;
                use rustix::io::Errno;
                let resolve = ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS;
                // `EAGAIN`: a rename elsewhere raced the lookup; the kernel asks for a retry.
                for _ in 0..4 {
                    match rustix::fs::openat2(&self.fd, rel, flags, Mode::empty(), resolve) {
                        Ok(fd) => return Ok(fd),
                        Err(Errno::AGAIN) => continue,
                        // Not there: too old a kernel, or a sandbox's filter.
                        Err(Errno::NOSYS | Errno::PERM | Errno::INVAL | Errno::TOOBIG) => {
                            NO_OPENAT2.store(true, Ordering::Relaxed);
                            break;
                        }
                        Err(e) => return Err(said(e)),
                    }
                }
            }
        }
        let step = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let mut at: Option<OwnedFd> = None;
        for name in dirs {
            let from = at.as_ref().map_or(self.fd.as_fd(), AsFd::as_fd);
            at = Some(open_one(from, name, step)?);
        }
        let from = at.as_ref().map_or(self.fd.as_fd(), AsFd::as_fd);
        open_one(from, last, flags)
    }

    /// The names in this directory (not `.` and `..`), each with what it is.
    pub(crate) fn list(&self) -> io::Result<Vec<(OsString, Kind)>> {
        let mut out = Vec::new();
        let mut add = |name: &std::ffi::CStr, ft: FileType| {
            let name = name.to_bytes();
            if name == b"." || name == b".." {
                return;
            }
            let name = OsString::from_vec(name.to_vec());
            let kind = match ft {
                // A file system that does not say in its listing: asked of the name.
                FileType::Unknown => self.stat(&name).map_or(Kind::Other, |m| m.kind),
                ft => kind(ft),
            };
            out.push((name, kind));
        };
        // Through this handle, into a buffer of glibc's size: one `getdents64` for most
        // directories, where `Dir` starts small and takes a new handle of its own.
        #[cfg(target_os = "linux")]
        {
            let mut buf = Vec::with_capacity(32 * 1024);
            let mut entries = rustix::fs::RawDir::new(&self.fd, buf.spare_capacity_mut());
            while let Some(entry) = entries.next() {
                let entry = entry?;
                add(entry.file_name(), entry.file_type());
            }
        }
        #[cfg(not(target_os = "linux"))]
        for entry in rustix::fs::Dir::read_from(&self.fd)? {
            let entry = entry?;
            add(entry.file_name(), entry.file_type());
        }
        Ok(out)
    }

    /// What the name `name` in this directory is (a link is not followed).
    pub(crate) fn stat(&self, name: &OsStr) -> io::Result<Meta> {
        let st = rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW)?;
        Ok(meta(&st))
    }

    /// Creates the file `name` in this directory for writing; fails if the name is taken
    /// (by anything, a link included).
    pub(crate) fn create_new(&self, name: &OsStr) -> io::Result<File> {
        let flags =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, name, flags, Mode::from_raw_mode(0o666))?;
        Ok(File::from(fd))
    }

    /// Gives `file` the permission bits `mode` and, where it can, the owner and group
    /// `owner`: a process that may not give a file away (not root) keeps its own, as
    /// `sed -i` does, and changes only the group when it is one of its own.
    pub(crate) fn keep_owner_and_mode(
        file: &File,
        mode: u32,
        owner: Option<(u32, u32)>,
    ) -> io::Result<()> {
        use rustix::fs::{Gid, Uid};
        use rustix::io::Errno;
        if let Some((uid, gid)) = owner {
            let (uid, gid) = (Uid::from_raw(uid), Gid::from_raw(gid));
            if uid != rustix::process::geteuid() || gid != rustix::process::getegid() {
                // `EINVAL`: an owner this user namespace cannot name (a rootless container).
                match rustix::fs::fchown(file, Some(uid), Some(gid)) {
                    Err(Errno::PERM | Errno::INVAL) => {
                        match rustix::fs::fchown(file, None, Some(gid)) {
                            Ok(()) | Err(Errno::PERM | Errno::INVAL) => {}
                            Err(e) => return Err(e.into()),
                        }
                    }
                    other => other?,
                }
            }
        }
        // After the owner: `chown` clears the set-user-id and set-group-id bits.
        rustix::fs::fchmod(file, Mode::from_raw_mode(mode))?;
        Ok(())
    }

    /// Renames `from` to `to`, both names in this directory (replacing `to`, whatever it is
    /// but a directory: a link there is replaced, not followed).
    pub(crate) fn rename(&self, from: &OsStr, to: &OsStr) -> io::Result<()> {
        Ok(rustix::fs::renameat(&self.fd, from, &self.fd, to)?)
    }

    /// Removes the name `name` (not a directory) from this directory.
    pub(crate) fn remove(&self, name: &OsStr) -> io::Result<()> {
        Ok(rustix::fs::unlinkat(&self.fd, name, AtFlags::empty())?)
    }

    /// Makes the names written in this directory last (a rename is a change of the directory).
    pub(crate) fn sync(&self) -> io::Result<()> {
        Ok(rustix::fs::fsync(&self.fd)?)
    }
}

/// Whether the process `pid` is alive on this system (as `kill(pid, 0)` sees it: a process
/// of another user is alive too). A number that names no process (0, or past `i32`) is never
/// orglint's: taken as alive, so that nothing is done about its file.
pub(crate) fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return true;
    };
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `a/b/c.toml`, with links to its directory, to it and out of the tree beside them.
    fn tree() -> (tempfile::TempDir, tempfile::TempDir, Dir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::create_dir_all(d.join("a/b")).expect("mkdir");
        std::fs::write(d.join("a/b/c.toml"), "inside").expect("write");
        std::fs::write(outside.path().join("c.toml"), "outside").expect("write");
        std::os::unix::fs::symlink("b", d.join("a/link")).expect("symlink");
        std::os::unix::fs::symlink("c.toml", d.join("a/b/l.toml")).expect("symlink");
        std::os::unix::fs::symlink(outside.path(), d.join("out")).expect("symlink");
        let root = Dir::open(d).expect("open the root");
        (dir, outside, root)
    }

    fn read(root: &Dir, rel: &str, openat2: bool) -> io::Result<String> {
        let fd = root.open_below_with(Path::new(rel), OFlags::RDONLY, openat2)?;
        std::io::read_to_string(File::from(fd))
    }

    #[test]
    fn a_link_anywhere_on_the_way_is_refused_with_openat2_or_name_by_name() {
        let (_dir, _outside, root) = tree();
        for openat2 in [true, false] {
            assert_eq!(read(&root, "a/b/c.toml", openat2).expect("plain"), "inside");
            assert_eq!(read(&root, "./a/b/c.toml", openat2).expect("dot"), "inside");
            for rel in ["a/link/c.toml", "a/b/l.toml", "out/c.toml", "out"] {
                let e = read(&root, rel, openat2).expect_err(rel);
                assert_eq!(e.to_string(), LINK_IN_THE_WAY, "{rel} ({openat2})");
            }
            for rel in ["../c.toml", "a/../a/b/c.toml", "/etc/passwd"] {
                let e = read(&root, rel, openat2).expect_err(rel);
                assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{rel} ({openat2})");
            }
            let e = read(&root, "a/none.toml", openat2).expect_err("missing");
            assert_eq!(e.kind(), io::ErrorKind::NotFound);
        }
        let listed = root.dir(Path::new("a")).expect("a").list().expect("list");
        let mut listed: Vec<_> = listed
            .iter()
            .map(|(n, k)| (n.to_str().unwrap(), *k))
            .collect();
        listed.sort_unstable_by_key(|(n, _)| *n);
        assert_eq!(listed, [("b", Kind::Dir), ("link", Kind::Symlink)]);
        assert!(root.dir(Path::new("a/link")).is_err());
        assert!(root.dir(Path::new("")).is_ok());
    }
}
