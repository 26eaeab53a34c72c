//! `load_texts` given texts from anyone: paths that climb out, absolute paths, paths that name
//! no file, names with controls, NUL bytes, a text past the size limit, many texts. Each gives a
//! clear finding or is read as its documentation says; none panics, reads the disk or escapes a
//! format.

use std::path::Path;

use orglint::render::{FORMATS, is_unsafe};
use orglint::{Baseline, Config, Report, Settings, Tree};

/// A root that does not exist: whatever is read, is read from the texts.
const ROOT: &str = "/nonexistent/orglint-texts";

const TEAM: &str = "[[team]]\nid = \"core\"\nname = \"Core\"\nkind = \"platform\"\nlead = \"ada\"\n\
                    members = [\"ada\"]\n";

fn lint(files: Vec<(&str, String)>) -> Report {
    let root = Path::new(ROOT);
    let settings = Settings::new(Config::default(), &[], &[]).expect("settings");
    let loaded = orglint::load_texts(files, root);
    let tree = Tree::new(root.to_path_buf(), settings.config());
    orglint::lint(tree, loaded, &settings, None, &Baseline::default())
}

/// Every format's rendering of `report`, and its `--statistics`, by name.
fn rendered(report: &Report) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for f in FORMATS {
        out.push((f.name(), f.render(report, Default::default())));
        out.push(("--statistics", f.statistics(report)));
    }
    out
}

/// (rule, shown file, message) of each finding.
fn findings(report: &Report) -> Vec<(&'static str, String, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            let file = f.primary.map_or(String::new(), |s| {
                report.sources.get(s.file).display.clone()
            });
            (f.rule.name, file, f.message.clone())
        })
        .collect()
}

const NAMES_NO_FILE: &str =
    "not read: the path of this text names no file (it is empty, or ends in `/`, `.` or `..`)";

#[test]
fn a_path_that_names_no_file_is_reported_not_read() {
    for (path, shown) in [
        ("", "."),
        (".", "."),
        ("teams/", "teams"),
        ("teams/.", "teams"),
        ("a/..", "."),
        ("/", "/"),
    ] {
        let report = lint(vec![(path, TEAM.to_owned())]);
        assert_eq!(
            findings(&report),
            [("invalid-toml", shown.to_owned(), NAMES_NO_FILE.to_owned())],
            "{path:?}"
        );
        assert_eq!((report.files, report.broken), (1, 1), "{path:?}");
        // Its text is not kept: nothing of it is parsed or shown.
        assert_eq!(report.sources.get(0).text.as_str(), "", "{path:?}");
    }
}

#[test]
fn paths_are_names_resolved_without_the_disk() {
    let report = lint(vec![
        ("../outside.toml", TEAM.replace("core", "out")),
        ("a/../../b.toml", TEAM.replace("core", "b")),
        ("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n".to_owned()),
        (
            "README.md",
            "# not TOML, read as an entity file all the same\n".to_owned(),
        ),
    ]);
    let shown: Vec<&str> = report.sources.iter().map(|s| s.display.as_str()).collect();
    // Outside `cwd` (the root here), shown absolute; in order of
    // absolute path. A `.toml` name is the
    // caller's to check (`Tree::classify`): `README.md` is read, a TOML comment.
    assert_eq!(
        shown,
        [
            "/etc/passwd",
            "/nonexistent/b.toml",
            "README.md",
            "/nonexistent/outside.toml",
        ]
    );
    // `/etc/passwd` is the text given for it, not the file.
    assert_eq!(
        report.sources.get(0).text.as_str(),
        "root:x:0:0:root:/root:/bin/sh\n"
    );
    let rules: Vec<_> = findings(&report).into_iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(rules, [("invalid-toml", "/etc/passwd".to_owned())]);
}

#[test]
fn a_path_given_twice_under_two_spellings_keeps_the_last_text() {
    let report = lint(vec![
        ("teams/a.toml", "not toml".to_owned()),
        ("./teams/x/../a.toml", TEAM.to_owned()),
    ]);
    assert_eq!(report.files, 1);
    assert_eq!(report.sources.get(0).display, "teams/a.toml");
    assert_eq!(report.sources.get(0).text.as_str(), TEAM);
}

#[test]
fn names_with_controls_render_escaped_in_every_format() {
    let names = [
        "a\nb.toml",
        "evil\u{202e}lmot.toml",
        "tab\tand\u{1b}[31mred.toml",
        "nul\0byte.toml",
    ];
    for name in names {
        // Two findings in the file: a `missing-field` and an `unknown-reference`.
        let report = lint(vec![(name, TEAM.replace("kind = \"platform\"\n", ""))]);
        assert_eq!(report.sources.get(0).display, name);
        for (format, out) in rendered(&report) {
            let bad: Vec<char> = out.chars().filter(|&c| c != '\n' && is_unsafe(c)).collect();
            assert!(bad.is_empty(), "{format} shows {bad:?} of {name:?}:\n{out}");
            // One finding stays one line: the name's newline is an escape.
            assert!(!out.contains(name), "{format}:\n{out}");
            match format {
                "json" => {
                    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
                    assert_eq!(doc["diagnostics"][1]["file"], name, "{out}");
                }
                "human" | "short" => assert!(out.contains("\\u{"), "{format}:\n{out}"),
                _ => {}
            }
        }
    }
}

#[test]
fn nul_bytes_in_a_text_are_invalid_toml() {
    let report = lint(vec![("n.toml", "[[team]]\nid = \"a\0b\"\n\0\n".to_owned())]);
    let rules: Vec<_> = findings(&report).into_iter().map(|f| f.0).collect();
    assert_eq!(rules, ["invalid-toml"]);
    assert_eq!(report.broken, 1);
    for (format, out) in rendered(&report) {
        assert!(!out.contains('\0'), "{format}:\n{out}");
    }
}

#[test]
fn a_text_past_the_size_limit_is_reported_and_dropped() {
    let limit = orglint::limits::MAX_FILE_SIZE as usize;
    let report = lint(vec![
        ("huge.toml", "#".repeat(limit + 1)),
        ("teams/core.toml", TEAM.to_owned()),
    ]);
    let found = findings(&report);
    assert_eq!(
        found[0],
        (
            "invalid-toml",
            "huge.toml".to_owned(),
            format!(
                "file is too large to read: {} bytes, the limit is 64 MiB",
                limit + 1
            )
        )
    );
    assert_eq!(
        report.sources.get(0).text.as_str(),
        "",
        "the text is not kept"
    );
    assert_eq!(report.broken, 1);
    // Exactly at the limit, it is read.
    let report = lint(vec![("big.toml", "#".repeat(limit))]);
    assert_eq!(report.broken, 0);
}

#[test]
fn a_hundred_thousand_tiny_texts() {
    let files: Vec<(String, String)> = (0..100_000)
        .map(|i| {
            let person = format!("[[person]]\nid = \"p{i}\"\nname = \"P\"\nrole = \"cto\"\n");
            (format!("people/p{i:06}.toml"), person)
        })
        .collect();
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let report = lint(files);
    assert_eq!((report.files, report.broken), (100_000, 0));
    assert_eq!(report.sources.get(99_999).display, "people/p099999.toml");
}

/// A person `id` whose name says which file defines it, so that which definition is "the later
/// one" (`duplicate-id`) shows the order files were read in.
fn person_in(id: &str, file: &str) -> String {
    format!("[[person]]\nid = \"{id}\"\nname = \"{file}\"\nrole = \"sre\"\nreports_to = \"ada\"\n")
}

#[test]
fn texts_are_read_in_the_order_the_walk_reads_files() {
    // Names whose order differs between comparing whole strings and comparing components, and
    // between bytes and case: `a/b.toml` sorts before `a-b.toml` by component, after it by string.
    let names = [
        "a/b.toml",
        "a-b.toml",
        "a.toml",
        "A.toml",
        "a0.toml",
        "a/b/c.toml",
        "a/b-c.toml",
        "é.toml",
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let mut files = vec![(root.join("org.toml"), crate::tiny_org!().to_owned())];
    for name in names {
        files.push((root.join(name), person_in("dup", name)));
    }
    for (path, text) in &files {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let disk = orglint::check(&orglint::CheckOptions {
        paths: vec![root.to_path_buf()],
        cwd: root.to_path_buf(),
        ..Default::default()
    })
    .expect("check");
    let settings = Settings::new(Config::default(), &[], &[]).expect("settings");
    files.reverse();
    let loaded = orglint::load_texts(files, root);
    let memory = orglint::lint(
        Tree::new(root.to_path_buf(), settings.config()),
        loaded,
        &settings,
        None,
        &Baseline::default(),
    );
    let order =
        |r: &Report| -> Vec<String> { r.sources.iter().map(|s| s.display.clone()).collect() };
    assert_eq!(order(&memory), order(&disk));
    assert_eq!(crate::support::json(&memory), crate::support::json(&disk));
}

#[test]
fn toml_1_1_syntax_is_read_without_a_finding_as_the_readme_says() {
    // README ("orglint schema"): orglint's parser reads TOML 1.1, which taplo 0.9 refuses, so a
    // file that passes orglint may fail `taplo check` on syntax alone.
    let people = "person = [\n  { id = \"bob\", name = \"B\\x6fb\",\n    role = \"sre\", reports_to = \"ada\", },\n]\n";
    let report =
        crate::support::lint_files(&[("org.toml", crate::tiny_org!()), ("people.toml", people)]);
    let reading = [
        "invalid-toml",
        "unknown-field",
        "missing-field",
        "invalid-value",
    ];
    assert!(
        report
            .findings
            .iter()
            .all(|f| !reading.contains(&f.rule.name)),
        "{:?}",
        crate::support::finding_rules(&report)
    );
    let bob = report.org.person("bob").expect("bob");
    assert_eq!(
        report.org.people[bob]
            .name
            .as_ref()
            .expect("a name")
            .as_str(),
        "Bob"
    );
}
