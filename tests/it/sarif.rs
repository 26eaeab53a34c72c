//! `--format sarif`: every log validates against the OASIS SARIF 2.1.0 schema in
//! `../shared/schemas` (a failure in CI when the schema is absent, a visible skip otherwise) and
//! meets what GitHub code scanning asks of an upload; it agrees with the JSON format, place for
//! place, and no user string can forge a placeholder, a link or a terminal sequence.

use crate::support;

use std::path::{Path, PathBuf};

use crate::support::{
    lint_dir, rendered, repo, sarif_validator as validator, sarif_validator_at as validator_at,
    tree,
};
use orglint::{CheckOptions, RULES, Report};
use serde_json::Value;

/// Lints `dir` as `orglint check` run in it.
fn lint_in(dir: &Path) -> Report {
    orglint::check(&CheckOptions {
        paths: vec![],
        cwd: dir.to_path_buf(),
        ..CheckOptions::default()
    })
    .expect("check")
}

/// The SARIF log of `report`, parsed, after checking everything a log must be: valid against
/// the schema, what GitHub takes, the same as the JSON format, and byte for byte the same when
/// rendered again. The places of results without a file are checked by the caller.
fn checked(report: &Report, validator: &jsonschema::Validator) -> Value {
    let text = rendered(report, "sarif");
    assert_eq!(text, rendered(report, "sarif"), "the same run to run");
    for c in text.chars() {
        assert!(
            c == '\n' || !orglint::render::is_unsafe(c),
            "raw {c:?} in the log"
        );
    }
    let log: Value = serde_json::from_str(&text).expect("the log is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    assert_github_takes(&log);
    assert_agrees_with_json(report, &log);
    log
}

/// What GitHub code scanning requires of an upload, beyond the schema: one run of at most
/// 25,000 results; the rules in `tool.driver.rules`; every result's rule there (by id and by
/// index), a location with a region that has a `startLine`, a relative URI on a base id, and
/// `partialFingerprints`.
fn assert_github_takes(log: &Value) {
    assert_eq!(log["version"], "2.1.0");
    assert!(
        log["$schema"]
            .as_str()
            .unwrap()
            .ends_with("sarif-schema-2.1.0.json")
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "orglint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    assert_eq!(ids, names, "every rule, in the registry's order");
    for (rule, descriptor) in RULES.iter().zip(rules) {
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary);
        assert_eq!(
            descriptor["help"]["markdown"], rule.page,
            "the page `explain` prints"
        );
        for text in [
            &descriptor["fullDescription"]["text"],
            &descriptor["help"]["text"],
        ] {
            assert!(!text.as_str().unwrap().is_empty(), "{}", rule.name);
        }
        let level = descriptor["defaultConfiguration"]["level"]
            .as_str()
            .unwrap();
        assert_eq!(level, sarif_level(rule.default_level.severity()));
        assert_eq!(descriptor["properties"]["category"], rule.category.as_str());
        assert!(descriptor.get("helpUri").is_none(), "no stable URL to give");
    }
    let results = run["results"].as_array().unwrap();
    assert!(results.len() <= 25_000);
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ids[index], id, "ruleIndex points at the rule");
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let fingerprint = result["partialFingerprints"]["orglint/v1"]
            .as_str()
            .unwrap();
        assert!(!fingerprint.is_empty());
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1);
        let related = result["relatedLocations"].as_array().map_or(&[][..], |r| r);
        assert!(
            related.len() < 1_000,
            "GitHub's limit of locations per result"
        );
        for (i, at) in locations.iter().chain(related).enumerate() {
            let physical = &at["physicalLocation"];
            let region = &physical["region"];
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(region[key].as_u64().unwrap() >= 1, "{key} in {result}");
            }
            let artifact = &physical["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
            if let Some(uri) = artifact["uri"].as_str() {
                assert!(
                    !uri.starts_with('/') && !uri.contains(':'),
                    "relative: {uri}"
                );
                assert!(!uri.contains('\\') && !uri.contains(' '), "encoded: {uri}");
            } else {
                assert_eq!(
                    id, "missing-org",
                    "only a finding with no file may lack a uri"
                );
            }
            if i > 0 {
                assert_eq!(at["id"], i - 1, "related locations are numbered");
                assert!(at["message"]["text"].is_string());
            }
        }
    }
}

fn sarif_level(severity: &str) -> &str {
    match severity {
        "warning" => "warning",
        "info" => "note",
        other => other,
    }
}

/// The log says what `--format json` says: rule, level, message (with the help after it),
/// file, region, fingerprint and related places, finding for finding, and the same summary.
fn assert_agrees_with_json(report: &Report, log: &Value) {
    let json: Value = serde_json::from_str(&rendered(report, "json")).unwrap();
    let run = &log["runs"][0];
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    for (d, r) in diagnostics.iter().zip(results) {
        assert_eq!(r["ruleId"], d["rule"]);
        assert_eq!(r["level"], sarif_level(d["severity"].as_str().unwrap()));
        assert_eq!(r["partialFingerprints"]["orglint/v1"], d["fingerprint"]);
        let mut message = d["message"].as_str().unwrap().to_owned();
        if let Some(help) = d["help"].as_str() {
            message = format!("{message}\n\n{help}");
        }
        assert_eq!(unescape(r["message"]["text"].as_str().unwrap()), message);
        let physical = &r["locations"][0]["physicalLocation"];
        if d["file"].is_string() {
            assert_place(physical, &d["file"], &d["line"], &d["column"]);
            assert_eq!(physical["region"]["endLine"], d["end_line"]);
            assert_eq!(physical["region"]["endColumn"], d["end_column"]);
        }
        let related = r["relatedLocations"].as_array().map_or(&[][..], |r| r);
        let expected = d["related"].as_array().unwrap();
        assert_eq!(related.len(), expected.len());
        for (got, want) in related.iter().zip(expected) {
            assert_place(
                &got["physicalLocation"],
                &want["file"],
                &want["line"],
                &want["column"],
            );
            assert_eq!(
                unescape(got["message"]["text"].as_str().unwrap()),
                want["message"]
            );
        }
    }
    // Every count of the JSON summary, so that one added there cannot be missing here.
    let props = &run["properties"];
    let summary = json["summary"].as_object().unwrap();
    assert!(summary.contains_key("baseline_fixed"), "{summary:?}");
    for (key, value) in summary {
        assert_eq!(&props[key], value, "{key}");
    }
}

/// `physical` is at `file:line:column` as the JSON format names it.
fn assert_place(physical: &Value, file: &Value, line: &Value, column: &Value) {
    let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
    assert_eq!(percent_decode(uri), file.as_str().unwrap());
    assert_eq!(&physical["region"]["startLine"], line);
    assert_eq!(&physical["region"]["startColumn"], column);
}

/// A SARIF plain-text message as a viewer shows it (§3.11.5 doubled braces, §3.11.6 escapes).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().copied()) {
            ('{', Some('{')) | ('}', Some('}')) => {
                chars.next();
                out.push(c);
            }
            ('{' | '}', _) => panic!("a lone {c:?} is a placeholder: {text}"),
            ('\\', Some(next @ ('\\' | '[' | ']'))) => {
                chars.next();
                out.push(next);
            }
            (']', Some('(')) => panic!("an embedded link: {text}"),
            _ => out.push(c),
        }
    }
    out
}

/// A URI reference's path with its `%XX` escapes decoded (UTF-8).
fn percent_decode(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_example_org_validates_and_is_what_github_takes() {
    let Some(validator) = validator("the_example_org_validates_and_is_what_github_takes") else {
        return;
    };
    let report = lint_dir(Path::new("fixtures/example-org"));
    let log = checked(&report, &validator);
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
    // The log as written, but for the pages, which are checked above to be the rules' own.
    let mut text = rendered(&report, "sarif");
    for rule in RULES {
        let page = serde_json::to_string(rule.page).unwrap();
        assert!(text.contains(&page), "{}", rule.name);
        text = text.replace(&page, &format!("\"(lints/{}.md)\"", rule.name));
    }
    insta::assert_snapshot!(text);
}

#[test]
fn a_broken_file_validates() {
    let Some(validator) = validator("a_broken_file_validates") else {
        return;
    };
    let report = lint_dir(Path::new("fixtures/invalid-toml/fires"));
    let log = checked(&report, &validator);
    let run = &log["runs"][0];
    assert!(run["properties"]["broken_files"].as_u64().unwrap() >= 1);
    let results = run["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "invalid-toml"));
}

#[test]
fn missing_org_is_put_at_the_root_config_or_the_first_file() {
    let Some(validator) = validator("missing_org_is_put_at_the_root_config_or_the_first_file")
    else {
        return;
    };
    let missing = |log: &Value| {
        let results = log["runs"][0]["results"].as_array().unwrap().clone();
        let r = results
            .into_iter()
            .find(|r| r["ruleId"] == "missing-org")
            .expect("missing-org");
        r["locations"][0]["physicalLocation"].clone()
    };
    let line_1 =
        serde_json::json!({"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1});

    // No orglint.toml: the first entity file in path order, shown from the repository root.
    let report = lint_dir(Path::new("fixtures/missing-org/fires"));
    let at = missing(&checked(&report, &validator));
    assert_eq!(
        at["artifactLocation"]["uri"],
        "fixtures/missing-org/fires/people/staff.toml"
    );
    assert_eq!(at["region"], line_1);

    // The root's orglint.toml, from the working directory above the root and from the root.
    let dir = tree(&[
        ("org/orglint.toml", "[rules]\n"),
        (
            "org/people/a b.toml",
            "[[person]]\nid = \"ada\"\nname = \"Ada\"\nrole = \"cto\"\n",
        ),
    ]);
    let report = orglint::check(&CheckOptions {
        paths: vec![PathBuf::from("org")],
        cwd: dir.path().to_path_buf(),
        ..CheckOptions::default()
    })
    .unwrap();
    let at = missing(&checked(&report, &validator));
    assert_eq!(at["artifactLocation"]["uri"], "org/orglint.toml");
    assert_eq!(at["region"], line_1);
    let at = missing(&checked(&lint_in(&dir.path().join("org")), &validator));
    assert_eq!(at["artifactLocation"]["uri"], "orglint.toml");

    // An empty tree (which may be, configured from outside it): the working directory itself.
    let empty = tree(&[
        ("cfg.toml", "[files]\nallow_empty = true\n"),
        ("tree/README", ""),
    ]);
    let report = orglint::check(&CheckOptions {
        config: Some(PathBuf::from("../cfg.toml")),
        cwd: empty.path().join("tree"),
        ..CheckOptions::default()
    })
    .unwrap();
    let at = missing(&checked(&report, &validator));
    assert_eq!(
        at["artifactLocation"],
        serde_json::json!({"uriBaseId": "%SRCROOT%"})
    );
    assert_eq!(at["region"], line_1);
}

/// Values and a file name holding what could break out of a string, a URI, a placeholder, a
/// link or the terminal: each message still reads as the JSON format's once unescaped
/// (`assert_agrees_with_json`), with no lone brace and no `](`.
#[test]
fn hostile_names_stay_text() {
    let Some(validator) = validator("hostile_names_stay_text") else {
        return;
    };
    let values = [
        r#"<script>alert(1)</script>"#,
        r#"\"q\" `b` | %s"#,
        r#"[x](0) {0} }}"#,
        r#"\\](1) \\\\[y\\]"#,
        r#"a\nb\u0007\u001b[31m"#,
        r#"\u202eevil\u2066"#,
    ];
    let team: String = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            format!(
                "[[team]]\nid = \"t{i}\"\nname = \"{v}\"\nkind = \"platform\"\nlead = \"{v}\"\nmembers = [\"ada\"]\n\n"
            )
        })
        .collect();
    let dir = tree(&[
        ("org.toml", crate::tiny_org!()),
        ("teams/a b%c#d?e[f]ü.toml", team.as_str()),
    ]);
    let report = lint_in(dir.path());
    let log = checked(&report, &validator);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(
        uris.contains(&"teams/a%20b%25c%23d%3Fe%5Bf%5D%C3%BC.toml"),
        "{uris:?}"
    );
    // The messages as the log writes them, byte for byte.
    let text = rendered(&report, "sarif");
    let messages: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.contains("is not a valid id") || l.contains("has 1 member"))
        .collect();
    assert_eq!(messages.len(), 2 * values.len(), "{messages:#?}");
    insta::assert_snapshot!(messages.join("\n"));
}

#[test]
fn the_command_line_writes_the_log_and_sarif_statistics_are_json() {
    let dir = repo().join("fixtures/example-org");
    let (code, stdout, _) = support::run(&dir, &["check", "--format", "sarif"], support::PLAIN);
    assert_eq!(code, 1, "the example org has errors");
    let (_, again, _) = support::run(&dir, &["check", "--format", "sarif"], support::PLAIN);
    assert_eq!(stdout, again);
    assert_eq!(stdout, rendered(&lint_in(&dir), "sarif"));
    let stats = |format: &str| {
        support::run(
            &dir,
            &["check", "--statistics", "--format", format],
            support::PLAIN,
        )
        .1
    };
    assert_eq!(stats("sarif"), stats("json"));
}

#[test]
#[should_panic(expected = "CI is set")]
fn an_absent_schema_fails_in_ci() {
    validator_at(&repo().join("no/such/schema.json"), "t", true);
}

#[test]
fn an_absent_schema_outside_ci_is_skipped() {
    assert!(validator_at(&repo().join("no/such/schema.json"), "t", false).is_none());
}

#[test]
fn the_schema_rejects_what_github_would_not_take() {
    let Some(validator) = validator("the_schema_rejects_what_github_would_not_take") else {
        return;
    };
    // The validator is in earnest: a log with a zero line, an unknown property or a bad level
    // fails it.
    let report = lint_dir(Path::new("fixtures/example-org"));
    let log: Value = serde_json::from_str(&rendered(&report, "sarif")).unwrap();
    let region = "/runs/0/results/0/locations/0/physicalLocation/region/startLine";
    for (pointer, bad) in [
        (region, Value::from(0)),
        ("/runs/0/results/0/level", Value::from("warn")),
        (
            "/runs/0/tool/driver/rules/0/defaultConfiguration/disabled",
            Value::from(true),
        ),
    ] {
        let mut broken = log.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        broken.pointer_mut(parent).unwrap()[key] = bad;
        assert!(!validator.is_valid(&broken), "{pointer} passed");
    }
}

/// A team with two findings: `colour` is not a key (an error) and one member is too few.
const CORE: &str = "[[team]]\nid = \"core\"\nname = \"Core\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\ncolour = \"red\"\n";

#[test]
fn a_baselined_run_counts_what_json_counts() {
    let Some(validator) = validator("a_baselined_run_counts_what_json_counts") else {
        return;
    };
    let dir = tree(&[("org.toml", crate::tiny_org!()), ("teams/core.toml", CORE)]);
    let options = || CheckOptions {
        cwd: dir.path().to_path_buf(),
        ..CheckOptions::default()
    };
    let accepted = orglint::check(&CheckOptions {
        write_baseline: true,
        ..options()
    })
    .expect("check")
    .new_baseline
    .expect("a baseline");
    assert_eq!(accepted.entries().len(), 2);
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, accepted.to_json()).unwrap();
    // One finding fixed, one still there (baselined), one new.
    support::write(
        dir.path(),
        "teams/core.toml",
        CORE.replace("colour", "flavour"),
    );
    let report = orglint::check(&CheckOptions {
        baseline: Some(baseline),
        ..options()
    })
    .expect("check");
    assert_eq!((report.baselined, report.baseline_fixed), (1, 1));
    assert_eq!(report.findings.len(), 1);
    let log = checked(&report, &validator);
    let props = &log["runs"][0]["properties"];
    assert_eq!(
        (&props["baselined"], &props["baseline_fixed"]),
        (&1.into(), &1.into())
    );
}
