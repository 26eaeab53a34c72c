//! The registries of formats (`check`, `rules`, `report`, `graph`): every registered format
//! renders the example org, and the command line offers, accepts and refuses exactly what the
//! registries hold.

use crate::support::{PLAIN, lint_dir, repo, run};
use orglint::render::{self, HumanOptions};
use orglint::rules::RULES;

/// The `(name, doc)` pairs `--help` lists under `--format` for `args` (a subcommand).
fn listed_formats(args: &[&str]) -> Vec<(String, String)> {
    let mut help: Vec<&str> = args.to_vec();
    help.push("--help");
    let (code, stdout, stderr) = run(&repo(), &help, PLAIN);
    assert_eq!(code, 0, "{stderr}");
    stdout
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("--format <FORMAT>"))
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with("[default:"))
        .fold(Vec::new(), |mut listed: Vec<(String, String)>, l| {
            let l = l.trim();
            match l.strip_prefix("- ") {
                Some(entry) => {
                    let (name, doc) = entry.split_once(':').expect("`- name: doc`");
                    listed.push((name.to_owned(), doc.trim().to_owned()));
                }
                // A doc wrapped at the width goes on under its entry (the lines before the first
                // entry are the option's own help).
                None if !l.is_empty() => {
                    if let Some((_, doc)) = listed.last_mut() {
                        doc.push(' ');
                        doc.push_str(l);
                    }
                }
                None => {}
            }
            listed
        })
}

#[test]
fn every_registered_format_renders_the_example_org() {
    let report = lint_dir(std::path::Path::new("fixtures/example-org"));
    assert!(!report.findings.is_empty(), "the example org has findings");
    for format in render::FORMATS {
        for (color, width) in [(false, 80), (true, 40), (false, 200)] {
            let text = format.render(&report, HumanOptions { color, width });
            assert!(
                text.ends_with('\n') && text.len() > 1,
                "{}: {text:?}",
                format.name()
            );
        }
        let stats = format.statistics(&report);
        assert!(stats.ends_with('\n'), "{}: {stats:?}", format.name());
    }
    // Each entry renders what its name says.
    let plain = HumanOptions {
        color: false,
        width: 80,
    };
    let by_name = |name: &str| render::format(name).expect("registered");
    assert!(by_name("human").render(&report, plain).contains("warning["));
    let short = by_name("short").render(&report, plain);
    assert_eq!(short.lines().count(), report.findings.len() + 1, "{short}");
    for text in [
        by_name("json").render(&report, plain),
        by_name("json").statistics(&report),
    ] {
        serde_json::from_str::<serde_json::Value>(&text).expect("JSON");
    }
    assert!(by_name("human").statistics(&report).ends_with(&format!(
        "{}
",
        render::summary(&report)
    )));
}

#[test]
fn every_rules_format_renders_every_rule() {
    for format in render::RULES_FORMATS {
        let text = format.render(RULES);
        for rule in RULES {
            assert!(text.contains(rule.name), "{}: {}", format.name(), rule.name);
        }
    }
}

#[test]
fn names_are_unique_and_found_by_name() {
    for (i, format) in render::FORMATS.iter().enumerate() {
        assert!(
            render::FORMATS[..i]
                .iter()
                .all(|f| f.name() != format.name()),
            "`{}` is registered twice",
            format.name()
        );
        assert!(std::ptr::eq(
            render::format(format.name()).expect("found"),
            *format
        ));
        assert!(!format.doc().is_empty());
    }
    assert!(render::format("yaml").is_none());
    let rules: Vec<&str> = render::RULES_FORMATS.iter().map(|f| f.name()).collect();
    let mut unique = rules.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), rules.len(), "{rules:?}");
}

#[test]
fn check_help_lists_exactly_the_registered_formats() {
    let registered: Vec<(String, String)> = render::FORMATS
        .iter()
        .map(|f| (f.name().to_owned(), f.doc().to_owned()))
        .collect();
    assert_eq!(listed_formats(&["check"]), registered);
    let registered: Vec<(String, String)> = render::RULES_FORMATS
        .iter()
        .map(|f| (f.name().to_owned(), f.doc().to_owned()))
        .collect();
    assert_eq!(listed_formats(&["rules"]), registered);
    let registered: Vec<(String, String)> = orglint::leadership_report::REPORT_FORMATS
        .iter()
        .map(|f| (f.name().to_owned(), f.doc().to_owned()))
        .collect();
    assert_eq!(listed_formats(&["report"]), registered);
    let registered: Vec<(String, String)> = orglint::org_chart::GRAPH_FORMATS
        .iter()
        .map(|f| (f.name().to_owned(), f.doc().to_owned()))
        .collect();
    assert_eq!(listed_formats(&["graph"]), registered);
}

#[test]
fn report_accepts_every_registered_name_and_nothing_else() {
    let example = repo().join("fixtures/example-org");
    for format in orglint::leadership_report::REPORT_FORMATS {
        let report = lint_dir(&example);
        let (code, stdout, stderr) = run(
            &repo(),
            &["report", "fixtures/example-org", "--format", format.name()],
            PLAIN,
        );
        // The report is the product: exit 0 whatever the findings.
        assert_eq!(code, 0, "{}: {stderr}", format.name());
        assert_eq!(
            stdout,
            orglint::leadership_report::render(&report, **format),
            "{}",
            format.name()
        );
    }
    for bogus in ["HTML", "pdf", ""] {
        let (code, _, stderr) = run(&repo(), &["report", "--format", bogus], PLAIN);
        assert_eq!(code, 2, "`{bogus}`");
        assert!(
            stderr.contains("[possible values: html, markdown]"),
            "{stderr}"
        );
    }
}

#[test]
fn check_accepts_every_registered_name_and_nothing_else() {
    for format in render::FORMATS {
        for statistics in [false, true] {
            let mut args = vec!["check", "fixtures/example-org", "--format", format.name()];
            if statistics {
                args.push("--statistics");
            }
            let (code, stdout, stderr) = run(&repo(), &args, PLAIN);
            // The example org has errors: exit 1, not a usage error.
            assert_eq!(code, 1, "{args:?}: {stderr}");
            assert!(!stdout.is_empty(), "{args:?}");
        }
        let shouted = format.name().to_ascii_uppercase();
        let (code, _, stderr) = run(&repo(), &["check", "--format", &shouted], PLAIN);
        assert_eq!(code, 2, "`{shouted}` is not a registered name");
        assert!(stderr.contains("[possible values: "), "{stderr}");
    }
    for format in render::RULES_FORMATS {
        let (code, stdout, stderr) = run(&repo(), &["rules", "--format", format.name()], PLAIN);
        assert_eq!(code, 0, "{}: {stderr}", format.name());
        assert_eq!(stdout, format.render(RULES));
    }
    for bogus in ["yaml", ""] {
        let (code, _, _) = run(&repo(), &["check", "--format", bogus], PLAIN);
        assert_eq!(code, 2, "`{bogus}`");
        let (code, _, _) = run(&repo(), &["rules", "--format", bogus], PLAIN);
        assert_eq!(code, 2, "`{bogus}`");
    }
}
