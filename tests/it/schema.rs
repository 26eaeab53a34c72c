//! `orglint schema` proven with a real JSON Schema validator, taplo: orglint and taplo agree on
//! every fixture file, and an unknown key, a wrong type and a bad enumeration value each fail; and
//! `docs/format.md` is what the field tables say. taplo comes from PyPI (`pip install taplo`,
//! as `.ci/run` does); without it these tests fail in CI and are skipped with a note elsewhere.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{fired, repo};
use orglint::CheckOptions;

/// The rules of one file's reading: a file that fires none of them is what the format allows.
const READING: [&str; 4] = [
    "invalid-toml",
    "invalid-value",
    "missing-field",
    "unknown-field",
];

/// Whether taplo runs: a panic in CI if not, else a note that `test` was skipped.
fn taplo_or_skip(test: &str) -> bool {
    support::tool_or_skip("taplo", "python3 -m pip install taplo", test)
}

/// The schema `orglint schema` prints, written to a file in `dir`, as the URL taplo takes.
fn schema_in(dir: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_orglint"))
        .arg("schema")
        .output()
        .expect("run orglint schema");
    assert!(out.status.success(), "orglint schema failed");
    let path = dir.join("orglint.schema.json");
    std::fs::write(&path, &out.stdout).expect("write the schema");
    format!("file://{}", path.display())
}

/// taplo's verdict on `files` against the schema at `url`: whether all passed, and what it said.
/// No configuration file is looked for, so that only the schema decides.
fn taplo_check(url: &str, files: &[PathBuf]) -> (bool, String) {
    let out = Command::new("taplo")
        .args([
            "check",
            "--no-auto-config",
            "--colors",
            "never",
            "--schema",
            url,
        ])
        .args(files)
        .output()
        .expect("run taplo");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

/// Every `.toml` file under `dir` but `orglint.toml` (configuration, not an entity file), sorted.
fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read a fixture directory")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml")
            && path.file_name().is_some_and(|n| n != "orglint.toml")
        {
            out.push(path);
        }
    }
}

/// The reading rules that `file`, the only file of its directory, fires as the only file of a tree.
fn reading_findings(file: &Path) -> Vec<&'static str> {
    let dir = file.parent().expect("a directory");
    let report = orglint::check(&CheckOptions {
        paths: vec![dir.to_path_buf()],
        cwd: dir.to_path_buf(),
        ..CheckOptions::default()
    })
    .unwrap_or_else(|e| panic!("linting {}: {e:?}", file.display()));
    fired(&report)
        .into_iter()
        .filter(|r| READING.contains(r))
        .collect()
}

/// A copy of the fixture `file` as the only file of a new directory `dir`, as both tools are to
/// judge it: without a byte-order mark (orglint accepts one, taplo's TOML parser does not: a
/// difference of parsers, not of the format), and with its suppression comments made plain
/// comments, so that a suppressed `unknown-field` counts.
fn judged_copy(file: &Path, dir: &Path) -> PathBuf {
    let bytes = std::fs::read(file).expect("read a fixture");
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut text = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(at) = rest.windows(8).position(|w| w == b"orglint:") {
        text.extend_from_slice(&rest[..at]);
        text.extend_from_slice(b"orglint-said:");
        rest = &rest[at + 8..];
    }
    text.extend_from_slice(rest);
    std::fs::create_dir(dir).expect("a directory per fixture");
    let copy = dir.join("entity.toml");
    std::fs::write(&copy, text).expect("write a copy");
    copy
}

#[test]
fn orglint_schema_prints_the_librarys_schema() {
    let out = Command::new(env!("CARGO_BIN_EXE_orglint"))
        .arg("schema")
        .output()
        .expect("run orglint schema");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        orglint::schema::json_schema()
    );
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(schema["$schema"], orglint::schema::DRAFT);
}

#[test]
fn taplo_and_orglint_agree_on_every_fixture_file() {
    if !taplo_or_skip("taplo_and_orglint_agree_on_every_fixture_file") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let url = schema_in(dir.path());
    let mut files = Vec::new();
    toml_files(&repo().join("fixtures"), &mut files);
    let copies: Vec<(PathBuf, PathBuf)> = files
        .into_iter()
        .enumerate()
        .map(|(i, f)| (judged_copy(&f, &dir.path().join(i.to_string())), f))
        .collect();
    let (clean, dirty): (Vec<_>, Vec<_>) = copies
        .iter()
        .partition(|(copy, _)| reading_findings(copy).is_empty());
    // Both sides must be there for the agreement to mean something.
    assert!(
        clean.len() > 100 && dirty.len() > 10,
        "{} / {}",
        clean.len(),
        dirty.len()
    );
    let paths: Vec<PathBuf> = clean.iter().map(|(copy, _)| copy.clone()).collect();
    let (passed, said) = taplo_check(&url, &paths);
    let names: Vec<String> = clean
        .iter()
        .map(|(copy, f)| format!("{} is {}", copy.display(), f.display()))
        .collect();
    assert!(
        passed,
        "files orglint reads cleanly fail the schema:\n{said}\n{}",
        names.join("\n")
    );
    // One taplo per file, so that each verdict is its own; run side by side, as they take a while.
    let verdicts: Vec<bool> = std::thread::scope(|s| {
        let runs: Vec<_> = dirty
            .iter()
            .map(|(copy, _)| s.spawn(|| taplo_check(&url, std::slice::from_ref(copy)).0))
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("a taplo run"))
            .collect()
    });
    for ((copy, file), passed) in dirty.iter().zip(verdicts) {
        assert!(
            !passed,
            "{} fires {:?} in orglint but passes the schema",
            file.display(),
            reading_findings(copy)
        );
    }
}

#[test]
fn an_unknown_key_a_wrong_type_a_bad_enumeration_value_and_a_malformed_id_each_fail_taplo() {
    if !taplo_or_skip(
        "an_unknown_key_a_wrong_type_a_bad_enumeration_value_and_a_malformed_id_each_fail_taplo",
    ) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let url = schema_in(dir.path());
    let team = "[[team]]\nid = \"web\"\nname = \"Web\"\nkind = \"feature\"\n";
    let cases = [
        ("clean", format!("{team}members = [\"ada\"]\n"), true),
        (
            "table",
            "[team]\nid = \"web\"\nname = \"Web\"\nkind = \"feature\"\n".into(),
            true,
        ),
        (
            "unknown-key",
            format!("{team}favourite_colour = \"teal\"\n"),
            false,
        ),
        ("wrong-type", format!("{team}members = \"ada\"\n"), false),
        ("bad-enum", team.replace("feature", "featur"), false),
        (
            "malformed-id",
            format!("{team}lead = \"ada lovelace\"\n"),
            false,
        ),
        (
            "missing-key",
            team.replace("kind = \"feature\"\n", ""),
            false,
        ),
        ("unknown-entity", "[[squad]]\nid = \"web\"\n".into(), false),
    ];
    for (name, text, valid) in cases {
        std::fs::create_dir(dir.path().join(name)).expect("a directory per case");
        let file = dir.path().join(name).join("entity.toml");
        std::fs::write(&file, &text).expect("write a case");
        // orglint's own verdict first, so that the case is what its name says.
        assert_eq!(
            reading_findings(&file).is_empty(),
            valid,
            "orglint on {name}"
        );
        let (passed, said) = taplo_check(&url, &[file]);
        assert_eq!(passed, valid, "taplo on {name}:\n{said}");
    }
}

#[test]
fn docs_format_md_is_generated_from_the_field_tables() {
    let path = repo().join(orglint::schema::REFERENCE_PATH);
    let fresh = orglint::schema::format_reference();
    if std::env::var_os("ORGLINT_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &fresh).expect("write docs/format.md");
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == fresh,
        "docs/format.md is stale: the field tables in src/model/entities.rs changed. Regenerate it with \
         `ORGLINT_BLESS=1 cargo test --test it schema::` and commit it"
    );
}
