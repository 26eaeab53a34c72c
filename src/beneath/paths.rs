//! A directory by its path off Unix, where there are no handle-relative calls to build on: every call goes by path, as before handles.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use super::{Kind, Meta, names};

/// A directory, by its path (no handle-relative calls off Unix).
#[derive(Debug)]
pub(crate) struct Dir {
    path: PathBuf,
}

fn meta(m: &std::fs::Metadata) -> Meta {
    let ft = m.file_type();
    let kind = if ft.is_symlink() {
        Kind::Symlink
    } else if ft.is_dir() {
        Kind::Dir
    } else if ft.is_file() {
        Kind::File
    } else {
        Kind::Other
    };
    let modified = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64);
    Meta {
        kind,
        len: m.len(),
        modified,
        mode: if m.permissions().readonly() {
            0o444
        } else {
            0o644
        },
        owner: None,
        links: 1,
    }
}

impl Dir {
    pub(crate) fn open(path: &Path) -> io::Result<Dir> {
        let path = std::fs::canonicalize(path)?;
        Ok(Dir { path })
    }

    fn below(&self, rel: &Path) -> io::Result<PathBuf> {
        Ok(names(rel)?.iter().fold(self.path.clone(), |p, n| p.join(n)))
    }

    pub(crate) fn dir(&self, rel: &Path) -> io::Result<Dir> {
        Ok(Dir {
            path: self.below(rel)?,
        })
    }

    pub(crate) fn open_file(&self, rel: &Path) -> io::Result<(File, Meta)> {
        let file = File::open(self.below(rel)?)?;
        let m = file.metadata()?;
        Ok((file, meta(&m)))
    }

    pub(crate) fn list(&self) -> io::Result<Vec<(OsString, Kind)>> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&self.path)? {
            let entry = entry?;
            let kind = entry.metadata().map_or(Kind::Other, |m| meta(&m).kind);
            out.push((entry.file_name(), kind));
        }
        Ok(out)
    }

    pub(crate) fn stat(&self, name: &OsStr) -> io::Result<Meta> {
        Ok(meta(&std::fs::symlink_metadata(self.path.join(name))?))
    }

    pub(crate) fn create_new(&self, name: &OsStr) -> io::Result<File> {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.path.join(name))
    }

    pub(crate) fn keep_owner_and_mode(
        file: &File,
        mode: u32,
        _owner: Option<(u32, u32)>,
    ) -> io::Result<()> {
        let mut perms = file.metadata()?.permissions();
        perms.set_readonly(mode & 0o222 == 0);
        file.set_permissions(perms)
    }

    pub(crate) fn rename(&self, from: &OsStr, to: &OsStr) -> io::Result<()> {
        std::fs::rename(self.path.join(from), self.path.join(to))
    }

    pub(crate) fn remove(&self, name: &OsStr) -> io::Result<()> {
        std::fs::remove_file(self.path.join(name))
    }

    pub(crate) fn sync(&self) -> io::Result<()> {
        // A directory cannot be opened to sync off Unix: the file's own sync is what there is.
        Ok(())
    }
}
