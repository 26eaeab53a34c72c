//! `orglint init`: the example it writes lints clean, its commented `orglint.toml` holds every
//! default and parses once uncommented, and a second `init` refuses and changes nothing.

use crate::support;

use crate::support::{PLAIN, run, transcript};

#[test]
fn init_writes_a_clean_org_and_refuses_to_overwrite() {
    let top = tempfile::tempdir().expect("temp dir");
    // DIR is created, with its parents.
    let (code, text) = transcript(top.path(), &["init", "new/org"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("init_new", text);
    let dir = top.path().join("new/org");
    assert_eq!(
        std::fs::read_to_string(dir.join("org.toml")).expect("org.toml"),
        orglint::init::ORG
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("orglint.toml")).expect("orglint.toml"),
        orglint::init::CONFIG
    );
    // `check` finds nothing, not even an info.
    let report = support::lint_dir(&dir);
    assert_eq!(report.findings.len(), 0, "{}", support::human(&report));
    let (code, stdout, _) = run(&dir, &["check"], PLAIN);
    assert_eq!(code, 0, "{stdout}");
    let facts = report.org.facts().expect("an [org]");
    assert_eq!(facts.name, Some("Example Shop"));
    // An ML team and an ML guild, as the example promises.
    assert!(report.org.ml_teams().next().is_some());
    assert!(report.org.guilds.iter().any(|g| g.is_ml()));

    // A second run refuses, names both files and writes nothing.
    std::fs::write(dir.join("org.toml"), "# mine\n").expect("edit");
    let (code, text) = transcript(top.path(), &["init", "new/org"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("init_refused", text);
    assert_eq!(
        std::fs::read_to_string(dir.join("org.toml")).expect("org.toml"),
        "# mine\n"
    );
}

#[test]
fn one_existing_target_keeps_the_other_from_being_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("orglint.toml"), "").expect("write");
    // The default DIR is the working directory.
    let (code, text) = transcript(dir.path(), &["init"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("init_one_exists", text);
    assert!(!dir.path().join("org.toml").exists());
    // A dangling link counts as there.
    #[cfg(unix)]
    {
        let other = tempfile::tempdir().expect("temp dir");
        std::os::unix::fs::symlink(other.path().join("nothing"), other.path().join("org.toml"))
            .expect("link");
        let (code, _, stderr) = run(other.path(), &["init"], PLAIN);
        assert_eq!(code, 2, "{stderr}");
        assert!(!other.path().join("orglint.toml").exists());
    }
    // DIR that is a file is an I/O error.
    std::fs::write(dir.path().join("plain"), "").expect("write");
    let (code, _, stderr) = run(dir.path(), &["init", "plain"], PLAIN);
    assert_eq!(
        (code, stderr.as_str()),
        (2, "error: `plain` is not a directory\n")
    );
}

#[test]
fn the_commented_configuration_holds_every_default_and_parses_uncommented() {
    let config = orglint::init::CONFIG;
    // Every rule but invalid-toml (not configurable) has its line, at its default level, with
    // each option at its default.
    for rule in orglint::RULES {
        if rule.name == "invalid-toml" {
            assert!(!config.contains("# invalid-toml ="));
            continue;
        }
        let line = config
            .lines()
            .find(|l| l.starts_with(&format!("# {} = ", rule.name)))
            .unwrap_or_else(|| panic!("no line for {}", rule.name));
        assert!(line.contains(rule.default_level.as_str()), "{line}");
    }
    // Uncommented, it is a valid configuration that changes nothing.
    let uncommented: String = config
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") && !rest.contains(':') => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    support::write(dir.path(), "org.toml", orglint::init::ORG);
    support::write(dir.path(), "orglint.toml", &uncommented);
    let report = support::lint_dir(dir.path());
    assert_eq!(report.findings.len(), 0, "{}", support::human(&report));
}
