//! Hostile input: every bad file gets its own located finding, nothing panics or hangs, and the rest of the report survives.

use crate::support;

use std::path::Path;

use crate::support::{run, tree};

/// Runs `orglint check --format short` in `dir`; returns the exit code and output.
fn check_short(dir: &Path) -> (i32, String) {
    let (code, stdout, stderr) = run(dir, &["check", "--format", "short"], support::NO_COLOR);
    (code, format!("{stdout}{stderr}"))
}

const ORG: &[u8] = crate::tiny_org!().as_bytes();

/// A tree with one good org file, one file with an unknown field, and `bad` at `path`.
fn tree_with(path: &str, bad: &[u8]) -> tempfile::TempDir {
    tree(&[
        ("org.toml", ORG),
        ("teams/other.toml", b"[[team]]\nid = \"x\"\nname = \"X\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\ncolour = \"red\"\n"),
        (path, bad),
    ])
}

#[test]
fn invalid_toml_is_located_and_other_files_still_report() {
    let dir = tree_with(
        "teams/broken.toml",
        b"[[team]]\nid = \"y\"\nname = \"Y\nkind = \"feature\"\n",
    );
    let (code, text) = check_short(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn invalid_utf8_points_at_the_bad_byte() {
    let dir = tree_with(
        "people/latin1.toml",
        b"[[person]]\nid = \"jo\"\nname = \"Jos\xe9\"\nrole = \"cto\"\n",
    );
    let (code, text) = check_short(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn deep_nesting_is_a_finding_not_a_stack_overflow() {
    let depth = 100_000;
    let mut deep = b"x = ".to_vec();
    deep.extend(std::iter::repeat_n(b'[', depth));
    deep.extend(std::iter::repeat_n(b']', depth));
    deep.push(b'\n');
    let dir = tree_with("deep.toml", &deep);
    let (code, text) = check_short(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);

    let mut tables = b"x = ".to_vec();
    tables.extend(std::iter::repeat_n(&b"{a="[..], depth).flatten());
    tables.push(b'1');
    tables.extend(std::iter::repeat_n(b'}', depth));
    let dir = tree_with("deep.toml", &tables);
    let (code, text) = check_short(dir.path());
    assert_eq!(code, 1);
    assert!(text.starts_with("deep.toml:1:"), "{text}");
}

#[test]
fn a_file_too_large_to_read_is_reported() {
    let dir = tree_with("huge.toml", b"");
    let file = std::fs::File::options()
        .write(true)
        .open(dir.path().join("huge.toml"))
        .expect("open");
    // Sparse: no disk is used for the 65 MiB.
    file.set_len(65 * 1024 * 1024).expect("set_len");
    let (code, text) = check_short(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[cfg(unix)]
#[test]
fn dangling_symlinks_and_symlink_loops_are_reported() {
    let dir = tree_with("placeholder.toml", b"");
    std::fs::remove_file(dir.path().join("placeholder.toml")).expect("rm");
    std::os::unix::fs::symlink("nowhere.toml", dir.path().join("dangling.toml")).expect("symlink");
    std::fs::create_dir(dir.path().join("loop")).expect("mkdir");
    std::os::unix::fs::symlink("..", dir.path().join("loop/up")).expect("symlink");
    std::os::unix::fs::symlink("b.toml", dir.path().join("a.toml")).expect("symlink");
    std::os::unix::fs::symlink("a.toml", dir.path().join("b.toml")).expect("symlink");
    let (code, text) = check_short(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn bom_and_crlf_keep_positions_right() {
    let dir = tree_with(
        "people/windows.toml",
        "\u{feff}[[person]]\r\nid = \"zoë\"\r\nname = \"Zoë\"\r\nrole = \"cto\"\r\nhobby = \"chess\"\r\n".as_bytes(),
    );
    let (code, text) = check_short(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn wrong_types_everywhere_do_not_panic() {
    let dir = tree_with(
        "weird.toml",
        b"team = 3\nperson = [1, \"x\", {id = 4}]\nguild = { id = \"g\", name = \"G\", members = \"ada\", cadence = 7 }\n[org.standards]\nci = 1\n",
    );
    let (code, text) = check_short(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn a_very_long_line_is_cut_around_each_label() {
    let members: Vec<String> = (0..7000).map(|i| format!("\"p{i:05}\"")).collect();
    let team = format!(
        "[[team]]\nid = \"big\"\nname = \"Big\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\", {}]\n",
        members.join(", ")
    );
    let dir = tree(&[("org.toml", ORG), ("teams/big.toml", team.as_bytes())]);
    let (code, text, _) = run(
        dir.path(),
        &[
            "check",
            "--select",
            "unknown-reference,team-size",
            "--color",
            "never",
        ],
        &[],
    );
    assert_eq!(code, 1);
    // The first two and the last finding: enough to see the shape, without 7,000 of them.
    let blocks: Vec<&str> = text.split("\n\n").collect();
    let kept = [
        blocks[..4].join("\n\n"),
        blocks[blocks.len() - 3..].join("\n\n"),
    ]
    .join("\n\n[...]\n\n");
    insta::assert_snapshot!(kept);
}

#[test]
fn control_characters_in_strings_cannot_drive_the_terminal() {
    let person =
        b"[[person]]\nid = \"eve\"\nname = \"Eve\"\nrole = \"hacker\\u001b[2J\\nsecond line\"\n";
    let dir = tree_with("people/eve.toml", person);
    let (code, text) = check_short(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}
