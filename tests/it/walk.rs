//! The walk and the paths it shows: `display_path` gives what a plain join of names would, and
//! the walk finds the same files in the same order with any number of threads.

use crate::support;

use std::path::{Component, Path};

/// `display_path` as it was before it wrote into one string (a `Vec` of names, joined).
fn display_path_before(path: &Path, cwd: &Path) -> String {
    let abs = orglint::paths::normalize(&cwd.join(path));
    let shown = abs
        .strip_prefix(orglint::paths::normalize(cwd))
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
                orglint::paths::display_path(path, cwd),
                display_path_before(path, cwd),
                "{path:?} from {cwd:?}"
            );
        }
    }
}

/// A tree whose walk finds something of every kind, in many directories: entity files at several
/// depths, a link back to an ancestor (a loop), a link out of the tree, a link to a file that is
/// read through it, a hidden directory and an unreadable name.
#[cfg(unix)]
fn tree_of_every_kind(root: &Path) {
    use std::os::unix::fs::symlink;
    let person = |id: &str| format!("[[person]]\nid = \"{id}\"\nname = \"{id}\"\nrole = \"sre\"\n");
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write("org.toml", "[org]\nname = \"X\"\nleadership = [\"p0\"]\n");
    for d in 0..12 {
        for f in 0..3 {
            let id = format!("p{}", d * 3 + f);
            write(&format!("d{d:02}/sub{}/f{f}.toml", d % 3), &person(&id));
        }
    }
    write("d03/notes.txt", &person("via-link"));
    write(".hidden/h.toml", &person("hidden"));
    symlink("../..", root.join("d01/sub1/loop")).expect("link");
    symlink("/", root.join("d02/outside")).expect("link");
    symlink("../notes.txt", root.join("d03/sub0/read-through.toml")).expect("link");
    symlink("nowhere.toml", root.join("d04/dangling.toml")).expect("link");
}

/// The walk visits sibling directories in parallel: what it finds, and in which order, is the
/// same with any number of threads.
#[cfg(unix)]
#[test]
fn the_walk_finds_the_same_in_the_same_order_with_any_number_of_threads() {
    let temp = tempfile::tempdir().expect("tempdir");
    tree_of_every_kind(temp.path());
    let run = |threads: usize, args: &[&str]| {
        let out = support::command(
            temp.path(),
            &[&["check"], args, &["."]].concat(),
            support::PLAIN,
        )
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .expect("run orglint");
        (out.status.code(), out.stdout, out.stderr)
    };
    for args in [&["--format", "json"][..], &["--format", "short"][..]] {
        let one = run(1, args);
        let text = String::from_utf8_lossy(&one.1);
        for expected in ["loop back", "outside the org tree", "dangling.toml"] {
            assert!(
                text.contains(expected),
                "{args:?}: no {expected:?} in\n{text}"
            );
        }
        for threads in [2, 8] {
            assert!(
                one == run(threads, args),
                "{args:?}: 1 and {threads} threads differ"
            );
        }
    }
}
