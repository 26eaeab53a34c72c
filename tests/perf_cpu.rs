//! Guards for issue 8's CPU work: what was made faster gives what it gave before.

use std::path::{Component, Path, PathBuf};

/// `display_path` as it was before it wrote into one string (a `Vec` of names, joined).
fn display_path_before(path: &Path, cwd: &Path) -> String {
    fn normalize(path: &Path) -> PathBuf {
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
    let abs = normalize(&cwd.join(path));
    let shown = abs
        .strip_prefix(normalize(cwd))
        .map_or(abs.as_path(), |p| p);
    let parts: Vec<String> = shown
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::RootDir => Some(String::new()),
            _ => None,
        })
        .collect();
    match parts.as_slice() {
        [] => ".".to_owned(),
        [root] if root.is_empty() => "/".to_owned(),
        _ => parts.join("/"),
    }
}

#[test]
fn display_paths_are_what_they_were() {
    let cwds = [
        "/",
        "/work/org",
        "/work/org/",
        "/work/./org/../org",
        "relative/dir",
        "",
    ];
    let paths = [
        "",
        ".",
        "..",
        "../..",
        "/",
        "/work",
        "/work/org",
        "/work/org/teams/a.toml",
        "teams/a.toml",
        "./teams//a.toml",
        "teams/../a.toml",
        "../other/b.toml",
        "/etc/passwd",
        "a/b/c/../../d",
        "/work/orgs/x.toml",
        "café/ü.toml",
    ];
    for cwd in cwds {
        for path in paths {
            let (path, cwd) = (Path::new(path), Path::new(cwd));
            assert_eq!(
                orglint::load::display_path(path, cwd),
                display_path_before(path, cwd),
                "{path:?} from {cwd:?}"
            );
        }
    }
}
