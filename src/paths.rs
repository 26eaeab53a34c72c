//! Paths as orglint reads and shows them: normalised without the disk, shown relative to the
//! working directory with names that are not UTF-8 escaped, and which names the walk enters.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use globset::GlobSet;

/// Where `path` really is below the org tree under `root` (every link on it resolved), when that
/// is inside the tree (not through a link that leaves it, nor in a hidden directory, `target/` or
/// `node_modules/`); else why not. What is read there is then opened below the root's handle,
/// with no link followed: a link that appears on that path meanwhile is refused.
pub(crate) fn path_in_tree(root: &Path, path: &Path) -> Result<PathBuf, String> {
    let root_real = std::fs::canonicalize(root).map_err(|e| e.to_string())?;
    let real = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
    match real.strip_prefix(&root_real) {
        Err(_) => Err("it points outside the org tree; not read".to_owned()),
        // `[files].exclude` is not known yet: the configuration is what is being read.
        Ok(inside) if crate::paths::not_walked(&GlobSet::empty(), inside, false).is_some() => {
            Err("it points to a place the org tree excludes; not read".to_owned())
        }
        Ok(inside) => Ok(inside.to_path_buf()),
    }
}

/// `path` relative to `cwd` when it lies beneath it, else absolute; with `/` separators.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    #[cfg(unix)]
    if let Some(shown) = display_path_fast(path, cwd) {
        return shown;
    }
    // Without `..` a path needs no normalising to be compared.
    let plain = |p: &Path| !p.components().any(|c| c == Component::ParentDir);
    let abs;
    let shown = if plain(path) && path.is_relative() {
        path
    } else if plain(path) && plain(cwd) {
        path.strip_prefix(cwd).unwrap_or(path)
    } else {
        abs = normalize(&cwd.join(path));
        abs.strip_prefix(normalize(cwd))
            .map_or(abs.as_path(), |p| p)
    };
    // Written into one string (this runs once per file read): the names joined by `/`, the
    // root as an empty first name.
    let mut out = String::with_capacity(shown.as_os_str().len());
    let mut names = 0;
    for c in shown.components() {
        let name = match c {
            Component::Normal(s) => Some(s),
            Component::RootDir => None,
            _ => continue,
        };
        if names > 0 {
            out.push('/');
        }
        names += 1;
        if let Some(name) = name {
            push_name(&mut out, name);
        }
    }
    match names {
        0 => ".".to_owned(),
        // The file system's root: `Component::RootDir` alone.
        1 if out.is_empty() => "/".to_owned(),
        _ => out,
    }
}

/// [`display_path`] of a path as the walk gives them (every file read asks for it): `cwd`, then
/// names only (no `.`, `..` or empty name), told by its bytes alone, without the component
/// iteration and normalising of the general case (which was 3-4% of a run on 15,000 small
/// files); `None` for any other path.
#[cfg(unix)]
fn display_path_fast(path: &Path, cwd: &Path) -> Option<String> {
    use std::os::unix::ffi::OsStrExt;
    let (p, c) = (path.as_os_str().as_bytes(), cwd.as_os_str().as_bytes());
    let rest = if path.is_absolute() {
        let rest = p.strip_prefix(c)?.strip_prefix(b"/")?;
        // `cwd` itself must be plain too, or stripping it lexically is not what normalising does.
        if !c.starts_with(b"/") || !plain_names(&c[1..]) {
            return None;
        }
        rest
    } else {
        p
    };
    if !plain_names(rest) {
        return None;
    }
    let mut out = String::with_capacity(rest.len());
    push_name(&mut out, std::ffi::OsStr::from_bytes(rest));
    Some(out)
}

/// Whether `bytes` are `/`-separated names with no `.`, `..` or empty name (an empty `bytes` is
/// none of those: it is the root, and is not plain).
#[cfg(unix)]
fn plain_names(bytes: &[u8]) -> bool {
    bytes
        .split(|&b| b == b'/')
        .all(|name| !matches!(name, b"" | b"." | b".."))
}

/// A file name as text: bytes that are not UTF-8 are shown as `\xff`, never replaced, so that two
/// such names stay apart and the name can be found.
pub(crate) fn escape_name(name: &std::ffi::OsStr) -> String {
    let mut out = String::new();
    push_name(&mut out, name);
    out
}

/// Appends [`escape_name`] of `name` to `out`.
fn push_name(out: &mut String, name: &std::ffi::OsStr) {
    #[cfg(unix)]
    {
        use std::fmt::Write as _;
        use std::os::unix::ffi::OsStrExt;
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    #[cfg(not(unix))]
    {
        out.push_str(&name.to_string_lossy());
    }
}

/// Resolves `.` and `..` without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Why the walk does not reach `rel` (relative to the root; a directory when `dir`), if it does
/// not: `exclude` matches it or a directory on the way, or it lies under a directory the walk
/// skips (hidden, `target/`, `node_modules/`). Every directory on the way, and the path itself
/// when it is one, is a directory entry of the walk; a file is one more entry, which only
/// `exclude` and its name can skip.
pub(crate) fn not_walked(exclude: &GlobSet, rel: &Path, dir: bool) -> Option<String> {
    let parts: Vec<&std::ffi::OsStr> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s),
            _ => None,
        })
        .collect();
    let dirs = if dir {
        parts.len()
    } else {
        parts.len().saturating_sub(1)
    };
    let mut prefix = PathBuf::new();
    for (i, part) in parts.iter().enumerate() {
        prefix.push(part);
        if exclude.is_match(&prefix) {
            return Some("`[files].exclude` in orglint.toml excludes it".into());
        }
        if i < dirs && crate::paths::is_skipped_dir(part) {
            let name = crate::paths::escape_name(part);
            return Some(if name.starts_with('.') {
                format!("it is under the hidden directory `{name}`")
            } else {
                format!("it is under `{name}/`, which is never walked")
            });
        }
    }
    None
}

/// Whether `name` is an entity file's name (any `*.toml` but `orglint.toml`).
pub(crate) fn is_entity_name(name: &OsStr) -> bool {
    let bytes = name.as_encoded_bytes();
    bytes.ends_with(b".toml") && bytes != b"orglint.toml"
}

/// Whether a directory called `name` is skipped (SPEC §1).
pub(crate) fn is_skipped_dir(name: &OsStr) -> bool {
    let bytes = name.as_encoded_bytes();
    bytes.starts_with(b".") || bytes == b"target" || bytes == b"node_modules"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_not_utf8_are_escaped_byte_by_byte() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let name = std::ffi::OsStr::from_bytes(b"caf\xe9/\xff\xfeok.toml");
            assert_eq!(
                display_path(Path::new(name), Path::new("/")),
                "caf\\xe9/\\xff\\xfeok.toml"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_fast_display_path_agrees_with_the_general_one() {
        // The general case alone: the path made not plain by a trailing `.`, which changes nothing.
        let general =
            |path: &str, cwd: &str| display_path(&Path::new(path).join("."), Path::new(cwd));
        let cwds = [
            "/",
            "/work",
            "/work/org",
            "/work/./org",
            "/work/../work",
            "rel",
        ];
        let paths = [
            "teams/a.toml",
            "/work/org/teams/a.toml",
            "/work/org",
            "/work/orgx/a.toml",
            "/elsewhere/a.toml",
            "a.toml",
            "./a.toml",
            "teams//a.toml",
            "teams/../a.toml",
            "/work/org/./a.toml",
            "caf\u{e9}/x y.toml",
        ];
        for cwd in cwds {
            for path in paths {
                assert_eq!(
                    display_path(Path::new(path), Path::new(cwd)),
                    general(path, cwd),
                    "{path} from {cwd}"
                );
            }
        }
        assert!(display_path_fast(Path::new("/work/org/a.toml"), Path::new("/work")).is_some());
        assert!(display_path_fast(Path::new("teams/a.toml"), Path::new("/work")).is_some());
    }
}
