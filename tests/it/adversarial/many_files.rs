//! Many files and odd names: fifty thousand files, five hundred nested directories, and file
//! names with line breaks and bytes that are not UTF-8.

use super::*;

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn fifty_thousand_tiny_files() {
    let dir = tree(&[]);
    for i in 0..50_000 {
        write(
            dir.path(),
            &format!("people/{:02}/p{i}.toml", i % 100),
            format!(
                "[[person]]\nid = \"p{i}\"\nname = \"P\"\nrole = \"sre\"\nreports_to = \"ada\"\n"
            ),
        );
    }
    let report = json(&every_format(dir.path(), &[0, 1]));
    assert_eq!(report["summary"]["files"], 50_001);
}

#[test]
fn five_hundred_nested_directories() {
    let dir = tree(&[]);
    let deep: PathBuf = (0..500).map(|i| format!("d{i}")).collect();
    let path = deep.join("team.toml");
    write(
        dir.path(),
        path.to_str().expect("UTF-8"),
        b"[[team]]\nid = \"x\"\nname = \"X\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\ncolour = \"red\"\n",
    );
    let report = json(&every_format(dir.path(), &[1]));
    assert_eq!(rules(&report), ["team-size", "unknown-field"]);
    let file = report["diagnostics"][0]["file"].as_str().expect("file");
    assert!(
        file.starts_with("d0/d1/") && file.ends_with("/d499/team.toml"),
        "{file}"
    );
}

#[cfg(unix)]
#[test]
fn file_names_with_newlines_and_bytes_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tree(&[]);
    let team = |id: &str| {
        format!(
            "[[team]]\nid = \"{id}\"\nname = \"X\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\ncolour = \"red\"\n"
        )
    };
    let names: [&[u8]; 4] = [
        b"new\nline.toml",
        b"\r\n::error file=x::forged.toml",
        b"caf\xe9 \xff.toml",
        b"<script>x\x1b[31m\x07\xc2\x9b.toml",
    ];
    for (i, name) in names.iter().enumerate() {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, team(&format!("t{i}"))).expect("write");
    }
    let dirname = dir.path().join(std::ffi::OsStr::from_bytes(b"dir\n\xfe"));
    std::fs::create_dir(&dirname).expect("mkdir");
    std::fs::write(dirname.join("in.toml"), team("t9")).expect("write");
    let runs = every_format(dir.path(), &[1]);
    let report = json(&runs);
    let found = report["diagnostics"].as_array().expect("list");
    let unknown = found
        .iter()
        .filter(|d| d["rule"] == "unknown-field")
        .count();
    assert_eq!(unknown, 5, "one per file");
    // One finding, one line, and the summary: no name breaks a line of the short or GitHub output.
    for i in [1, 4] {
        let lines = runs[i].stdout.lines().count();
        assert_eq!(lines, found.len() + 1, "{}", runs[i].stdout);
    }
}
