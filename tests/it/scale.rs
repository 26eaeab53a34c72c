//! Scale: suppressions, arrays, suggestions and configuration errors stay linear and bounded on hostile inputs; did-you-mean only guesses close.

use crate::support;

use std::path::Path;

use crate::support::{fired, lint_snippet, tree};
use orglint::CheckOptions;
use orglint::Level;
use orglint::limits::{MAX_PER_FILE, SUGGESTION_WORK};

const ORG: &str = "[org]\nname = \"Acme\"\nstage = \"scaleup\"\nai_focus = \"product\"\n\n[[person]]\nid = \"ada\"\nname = \"Ada\"\nrole = \"ml-engineer\"\n\n";

fn check(dir: &Path) -> Result<orglint::Report, orglint::Error> {
    orglint::check(&CheckOptions {
        paths: vec![dir.to_path_buf()],
        cwd: dir.to_path_buf(),
        ..CheckOptions::default()
    })
}

/// Runs `orglint check --format short` (unless `args` name a format) in `dir`: exit code, stdout,
/// stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let format: &[&str] = if args.contains(&"--format") {
        &[]
    } else {
        &["--format", "short"]
    };
    support::run(dir, &[&["check"], format, args].concat(), support::NO_COLOR)
}

/// The findings of `rule`, in order.
fn of_rule<'a>(report: &'a orglint::Report, rule: &str) -> Vec<&'a orglint::Reported> {
    report.findings.iter().filter(|f| f.rule == rule).collect()
}

/// That `findings` (in the first file) are on the `n` lines right after [`ORG`]'s, one each.
fn assert_lines_follow_org(report: &orglint::Report, findings: &[&orglint::Reported], n: usize) {
    let lines: Vec<usize> = findings
        .iter()
        .map(|f| {
            report
                .sources
                .get(0)
                .position(f.primary.expect("a place").start as usize)
                .line
        })
        .collect();
    let first = ORG.lines().count() + 1;
    assert_eq!(
        lines,
        (first..first + n).collect::<Vec<_>>(),
        "{findings:?}"
    );
}

fn helps<'a>(report: &'a orglint::Report, rule: &str) -> Vec<&'a str> {
    of_rule(report, rule)
        .into_iter()
        .map(|f| f.help.as_deref().unwrap_or(""))
        .collect()
}

// Item 22: did-you-mean only guesses close.

#[test]
fn far_roles_get_no_guess_and_typos_still_do() {
    let report = lint_snippet(&format!(
        "{ORG}[[person]]\nid = \"qa\"\nname = \"Q\"\nrole = \"qa-engineer\"\nreports_to = \"ada\"\n\n\
         [[person]]\nid = \"hs\"\nname = \"H\"\nrole = \"head-of-sales\"\nreports_to = \"ada\"\n\n\
         [[person]]\nid = \"ty\"\nname = \"T\"\nrole = \"ml-enginer\"\nreports_to = \"ada\"\n"
    ));
    let helps = helps(&report, "unknown-role");
    assert_eq!(helps.len(), 3, "{helps:?}");
    assert!(
        helps.iter().all(|h| !h.contains("`head-of-data`")),
        "{helps:?}"
    );
    assert!(!helps[0].starts_with("use `"), "{helps:?}");
    assert!(!helps[1].starts_with("use `"), "{helps:?}");
    assert!(helps[2].starts_with("use `ml-engineer`"), "{helps:?}");
}

#[test]
fn field_typos_still_get_their_guess() {
    let report = lint_snippet(&format!(
        "{ORG}[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"ml\"\nlead = \"ada\"\nmemebrs = [\"ada\"]\nstakeholder = []\n"
    ));
    let helps = helps(&report, "unknown-field");
    assert!(helps.contains(&"did you mean `members`?"), "{helps:?}");
    assert!(helps.contains(&"did you mean `stakeholders`?"), "{helps:?}");
}

#[test]
fn warning_is_a_level_in_orglint_toml() {
    let dir = tree(&[
        (
            "orglint.toml",
            "[rules]\nunknown-role = \"warning\"\nteam-size = { level = \"warning\" }\n",
        ),
        ("org.toml", ORG),
    ]);
    assert!(check(dir.path()).is_ok());
}

// Item 8: suggestions have a budget of work.

#[test]
fn long_words_get_no_guess() {
    let long = "a".repeat(200);
    let near = format!("{}b", "a".repeat(199));
    let dir = tree(&[
        ("orglint.toml", &format!("[roles]\nml = [\"{near}\"]\n")),
        (
            "org.toml",
            &format!(
                "{ORG}[[person]]\nid = \"bob\"\nname = \"B\"\nrole = \"{long}\"\nreports_to = \"ada\"\n"
            ),
        ),
    ]);
    let report = check(dir.path()).expect("check");
    let helps = helps(&report, "unknown-role");
    assert_eq!(helps.len(), 1);
    assert!(!helps[0].starts_with("use `"), "{helps:?}");
}

#[test]
fn many_long_unknown_ids_share_one_budget_of_work() {
    let n = 1000;
    let mut text = String::from(ORG);
    for i in 0..n {
        let id = format!("{}{i:06}", "x".repeat(58));
        let boss = format!("{}y{i:06}", "x".repeat(57));
        text.push_str(&format!(
            "[[person]]\nid = \"{id}\"\nname = \"P\"\nrole = \"ml-engineer\"\nreports_to = \"{boss}\"\n\n"
        ));
    }
    let report = lint_snippet(&text);
    let helps = helps(&report, "unknown-reference");
    // The first 100 are shown, then one that stands for the rest; every one counts.
    assert_eq!(helps.len(), MAX_PER_FILE + 1);
    assert_eq!(report.count(Level::Error), n);
    let guessed = helps
        .iter()
        .filter(|h| h.starts_with("did you mean"))
        .count() as u64;
    // Every person id is 64 characters: each suggestion costs 1 + 64 * 64 units per
    // id, and 1 for `ada`, too short to compare.
    let per_call = n as u64 * (1 + 64 * 64) + 1;
    assert_eq!(guessed, SUGGESTION_WORK / per_call);
}

// Item 9: configuration errors are few and linear.

#[test]
fn many_config_mistakes_show_the_first_twenty_and_count_the_rest() {
    let n = 5000;
    let config: String = std::iter::once("[rules]\n".to_owned())
        .chain((0..n).map(|i| format!("no-such-rule-{i} = \"warn\"\n")))
        .collect();
    let dir = tree(&[("orglint.toml", config.as_str()), ("org.toml", ORG)]);
    match check(dir.path()) {
        Err(orglint::Error::Config(problems)) => {
            assert_eq!(problems.len(), orglint::limits::MAX_SHOWN);
            assert_eq!(orglint::config::total(&problems), n);
            assert_eq!(problems.last().unwrap().more(), n - 20);
        }
        other => panic!("expected a configuration error, got {other:?}"),
    }
    let (code, stdout, stderr) = run(dir.path(), &[]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("unknown rule `no-such-rule-19`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("unknown rule `no-such-rule-20`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\n\n... and 4,980 more not shown\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("\nerror: orglint.toml has 5,000 mistakes; nothing was checked\n"),
        "{stderr}"
    );
    // Diagnostics are separated by a blank line.
    assert_eq!(stderr.matches("\n\nerror[config]").count(), 19, "{stderr}");
}

// Item 6: suppressions are matched through an index.

#[test]
fn many_whole_file_comments_and_many_findings_stay_linear() {
    let n = 20_000;
    let mut text = "# orglint: allow(unknown-field) -- generated\n".repeat(n);
    text.push_str("# orglint: allow(team-silo) -- never fires here\n");
    text.push_str(ORG);
    text.push_str(
        "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"ml\"\nlead = \"ada\"\nmembers = [\"ada\"]\n",
    );
    for i in 0..n {
        text.push_str(&format!("x{i} = 1\n"));
    }
    let report = lint_snippet(&text);
    assert!(
        fired(&report).iter().all(|r| *r != "unknown-field"),
        "{:?}",
        fired(&report)
    );
    assert_eq!(report.suppressed, n);
    let unused = of_rule(&report, "unused-suppression");
    assert_eq!(unused.len(), 1);
    assert!(unused[0].message.contains("`team-silo`"));
}

#[test]
fn one_comment_naming_a_rule_many_times_is_one_lookup() {
    let n = 20_000;
    let names = vec!["unknown-field"; n].join(", ");
    let mut text = format!("# orglint: allow({names}) -- generated\n{ORG}");
    for i in 0..2000 {
        text.push_str(&format!("[[person]]\nid = \"p{i}\"\nname = \"P\"\nrole = \"ml-engineer\"\nreports_to = \"ada\"\ncolour = \"red\"\n"));
    }
    let report = lint_snippet(&text);
    assert_eq!(report.suppressed, 2000);
    assert!(
        fired(&report).iter().all(|r| !r.contains("suppression")),
        "{:?}",
        fired(&report)
    );
}

// Item 17: a comment's scope is its entity; only one before the first header is the whole file.

#[test]
fn a_comment_under_a_sub_table_covers_its_entity_not_the_file() {
    let text = "[org.standards]\ntracking = \"mlflow\"\n# orglint: allow(team-silo) -- org only\n\n\
                [org]\nname = \"Acme\"\nstage = \"scaleup\"\nai_focus = \"product\"\nleadership = [\"ada\"]\n\n\
                [[person]]\nid = \"ada\"\nname = \"Ada\"\nrole = \"cto\"\n\n\
                [[person]]\nid = \"bo\"\nname = \"Bo\"\nrole = \"ml-engineer\"\n\n\
                [[team]]\nid = \"web\"\nname = \"Web\"\nkind = \"feature\"\nlead = \"ada\"\nmembers = [\"ada\", \"bo\"]\n";
    let report = lint_snippet(text);
    assert!(
        fired(&report).contains(&"team-silo"),
        "{:?}",
        fired(&report)
    );
    assert!(
        fired(&report).contains(&"unused-suppression"),
        "{:?}",
        fired(&report)
    );
    assert_eq!(report.suppressed, 0);
    // Before the first header, the same comment covers the whole file.
    let text = format!("# orglint: allow(team-silo) -- whole file\n{text}");
    let text = text.replacen("# orglint: allow(team-silo) -- org only\n", "", 1);
    let report = lint_snippet(&text);
    assert!(
        !fired(&report).contains(&"team-silo"),
        "{:?}",
        fired(&report)
    );
    assert_eq!(report.suppressed, 1);
}

#[test]
fn a_comment_in_a_sub_table_of_a_team_covers_that_team() {
    let team = |id: &str, extra: &str| {
        format!(
            "[[team]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"feature\"\nlead = \"ada\"\nmembers = [\"ada\"]\n{extra}\n"
        )
    };
    let text = format!(
        "{ORG}{}{}",
        team(
            "web",
            "[team.tooling]\n# orglint: allow(team-silo) -- this team only\ntracking = \"x\"\n"
        ),
        team("app", "")
    );
    let report = lint_snippet(&text);
    let silos = of_rule(&report, "team-silo");
    assert_eq!(silos.len(), 1, "{silos:?}");
    assert!(silos[0].message.contains("app"));
    assert_eq!(report.suppressed, 1);
}

// Item 16: a malformed suppression is reported; prose about orglint is not.

#[test]
fn malformed_suppressions_are_reported_and_prose_is_not() {
    let bad = [
        "# orglint allow(team-size) -- reason",
        "#orglint allow (team-size) -- reason",
        "# orglint(team-size) -- reason",
        "# orglint alow(team-size)",
        "# orglint: alow(team-size)",
        "# orglint: allow(team-size -- reason",
    ];
    let prose = [
        "# see orglint docs",
        "# orglint checks this file",
        "# orglint allows two teams here, see below",
        "# orglint-compatible",
        "# orglints are fine",
    ];
    let mut text = String::from(ORG);
    for c in bad.iter().chain(&prose) {
        text.push_str(c);
        text.push('\n');
    }
    let report = lint_snippet(&text);
    let invalid = of_rule(&report, "invalid-suppression");
    assert_lines_follow_org(&report, &invalid, bad.len());
    assert!(
        invalid
            .iter()
            .all(|f| f.help.as_deref() == Some("write `# orglint: allow(rule, ...) -- reason`"))
    );
}

// Item 7: one mistake in an array is one finding; a file shows a bounded number per rule, and
// every count still counts them all.

#[test]
fn wrong_typed_entries_of_one_array_are_one_finding() {
    let n = 200_000;
    let ones = vec!["1"; n].join(",");
    let report = lint_snippet(&format!(
        "{ORG}[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\", {ones}, true]\n\
         [[guild]]\nid = \"g\"\nname = \"G\"\nmembers = [\"Bad Id\", \"ada\", \"also bad\", \"\"]\n"
    ));
    let invalid = of_rule(&report, "invalid-value");
    assert_eq!(invalid.len(), 2, "{invalid:?}");
    assert_eq!(
        invalid[0].message,
        "each `members` entry must be a string: 200,001 entries are not, the first is an integer"
    );
    let src = report.sources.get(0);
    assert_eq!(src.slice(invalid[0].primary.unwrap()), "1");
    assert_eq!(
        invalid[1].message,
        "`Bad Id` is not a valid id (and 2 more in `members`)"
    );
}

#[test]
fn a_flood_of_one_rule_in_one_file_is_cut_but_fully_counted() {
    let n = 300;
    let mut text = String::from(ORG);
    for i in 0..n {
        text.push_str(&format!(
            "[[person]]\nid = \"p{i}\"\nname = \"P\"\nrole = \"juggler\"\nreports_to = \"ada\"\n\n"
        ));
    }
    let dir = tree(&[("org.toml", &text)]);
    let report = orglint::check(&CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        cwd: dir.path().to_path_buf(),
        select: vec!["unknown-role".into()],
        ..CheckOptions::default()
    })
    .expect("check");
    assert_eq!(report.findings.len(), MAX_PER_FILE + 1);
    let last = &report.findings[MAX_PER_FILE];
    assert_eq!(last.more, n - MAX_PER_FILE - 1);
    assert!(
        last.message
            .starts_with("... and 200 more `unknown-role` findings")
    );
    assert_eq!(report.count(Level::Warn), n);

    // The gate counts every one: 300 warnings are more than 250.
    let sel = ["--select", "unknown-role"];
    let (code, stdout, _) = run(dir.path(), &[&sel[..], &["--max-warnings", "250"]].concat());
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(stdout.lines().count(), MAX_PER_FILE + 2, "{stdout}");
    assert!(
        stdout.ends_with("0 errors, 300 warnings in 1 file\n"),
        "{stdout}"
    );
    let (code, _, _) = run(dir.path(), &[&sel[..], &["--max-warnings", "300"]].concat());
    assert_eq!(code, 0);
    let (_, json, _) = run(dir.path(), &[&sel[..], &["--format", "json"]].concat());
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(json["summary"]["warnings"], 300, "{}", json["summary"]);
    let (_, stats, _) = run(dir.path(), &[&sel[..], &["--statistics"]].concat());
    assert!(stats.contains("300  unknown-role"), "{stats}");
}

#[test]
fn a_file_with_millions_of_values_is_not_parsed() {
    let n = orglint::limits::MAX_VALUES;
    let ones = vec!["1"; n].join(",");
    let report = lint_snippet(&format!(
        "{ORG}[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [{ones}]\n"
    ));
    assert_eq!(report.findings.len(), 1, "{:?}", fired(&report));
    let f = &report.findings[0];
    assert_eq!(f.rule, "invalid-toml");
    assert_eq!(
        f.message,
        "too many keys and values to check: more than 2,000,000 in one file"
    );
    assert_eq!(report.broken, 1);
}

// Review: `[files].exclude` is capped, in globs and in characters per glob.

/// `orglint.toml` with `n` globs in `[files].exclude`, the `long`th (if any) made 1,001 characters.
fn exclude_config(n: usize, long: Option<usize>) -> String {
    let globs: Vec<String> = (0..n)
        .map(|i| match long {
            Some(l) if l == i => format!("\"{}\"", "a".repeat(orglint::limits::MAX_GLOB_LEN + 1)),
            _ => format!("\"x{i}*y*z/**/q{i}?.toml\""),
        })
        .collect();
    format!("[files]\nexclude = [{}]\n", globs.join(", "))
}

/// The one configuration problem of `config`: its message and the text it points at.
fn one_config_problem(config: &str) -> (String, String) {
    let dir = tree(&[("orglint.toml", config), ("org.toml", ORG)]);
    match check(dir.path()) {
        Err(orglint::Error::Config(problems)) => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            let p = &problems[0];
            (p.to_string(), p.source().text[p.span()].to_owned())
        }
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[test]
fn an_exclude_past_a_thousand_globs_is_a_config_problem_at_the_first_past_it() {
    let max = orglint::limits::MAX_GLOBS;
    assert_eq!(max, 1_000);
    let dir = tree(&[
        ("orglint.toml", exclude_config(max, None)),
        ("org.toml", ORG.into()),
    ]);
    assert!(check(dir.path()).is_ok());
    let (message, at) = one_config_problem(&exclude_config(20_000, None));
    assert_eq!(
        message,
        "`exclude` has 20,000 globs; at most 1,000 are allowed"
    );
    assert_eq!(at, format!("\"x{max}*y*z/**/q{max}?.toml\""));
    let (code, stdout, stderr) = run(
        tree(&[
            ("orglint.toml", exclude_config(max + 1, None)),
            ("org.toml", ORG.into()),
        ])
        .path(),
        &[],
    );
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(stderr.contains("at most 1,000 are allowed"), "{stderr}");
    assert!(stderr.contains("orglint.toml:2:"), "{stderr}");
}

#[test]
fn an_exclude_glob_past_a_thousand_characters_is_a_config_problem() {
    let len = orglint::limits::MAX_GLOB_LEN;
    assert_eq!(len, 1_000);
    let fits = format!("[files]\nexclude = [\"{}\"]\n", "é".repeat(len));
    let dir = tree(&[("orglint.toml", fits.as_str()), ("org.toml", ORG)]);
    assert!(check(dir.path()).is_ok());
    let (message, at) = one_config_problem(&exclude_config(3, Some(1)));
    assert_eq!(
        message,
        "this glob has 1,001 characters; at most 1,000 are allowed"
    );
    assert_eq!(at, format!("\"{}\"", "a".repeat(len + 1)));
}

// Review: a malformed suppression suppresses nothing, and its names are still checked.

#[test]
fn a_malformed_suppression_suppresses_nothing_and_its_names_are_checked() {
    let team = |comment: &str| {
        format!(
            "{ORG}[[team]]\nid = \"web\"\nname = \"Web\"\nkind = \"feature\"\nlead = \"ada\"\n{comment}\nmembers = [\"ada\"]\nsyncs_with = [\"web\"]\n"
        )
    };
    let report = lint_snippet(&team("# orglint: allow(lone-ml-hire) -- one on purpose"));
    assert!(
        !fired(&report).contains(&"lone-ml-hire"),
        "{:?}",
        fired(&report)
    );
    assert_eq!(report.suppressed, 1);

    let report = lint_snippet(&team("# orglint: allow(lone-ml-hire, bogus-rule) junk"));
    assert_eq!(report.suppressed, 0);
    assert_eq!(
        of_rule(&report, "lone-ml-hire").len(),
        1,
        "{:?}",
        fired(&report)
    );
    let messages: Vec<&str> = of_rule(&report, "invalid-suppression")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "malformed suppression comment: expected `-- reason` after the list of rules",
            "`bogus-rule` is not a rule"
        ]
    );
    // Nothing it names is reported as unused either: it suppresses nothing at all.
    assert!(of_rule(&report, "unused-suppression").is_empty());
}

#[test]
fn a_miscased_or_spaced_marker_is_malformed_and_prose_is_not() {
    let bad = [
        "# orglint : allow(team-silo) -- reason",
        "# Orglint: allow(team-silo)",
        "# ORGLINT: allow(team-silo) -- reason",
        "# ORGLINT allow(team-silo)",
        "#Orglint (team-silo)",
        "# OrgLint  :  alow(team-silo)",
    ];
    let prose = [
        "# see orglint docs",
        "# see Orglint docs",
        "# Orglint: a linter for org trees",
        "# ORGLINT checks this file",
        "# orglint : see the docs",
        "# Orglint allows two teams here, see below",
    ];
    let mut text = String::from(ORG);
    for c in bad.iter().chain(&prose) {
        text.push_str(c);
        text.push('\n');
    }
    text.push_str("[[team]]\nid = \"web\"\nname = \"Web\"\nkind = \"feature\"\nlead = \"ada\"\nmembers = [\"ada\"]\n");
    let report = lint_snippet(&text);
    // None of them suppresses the team's silo.
    assert_eq!(report.suppressed, 0);
    assert!(
        fired(&report).contains(&"team-silo"),
        "{:?}",
        fired(&report)
    );
    let invalid = of_rule(&report, "invalid-suppression");
    assert_lines_follow_org(&report, &invalid, bad.len());
    let messages: Vec<&str> = invalid.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages[..2],
        [
            "malformed suppression comment: expected `:` right after `orglint`, with no space before it",
            "malformed suppression comment: write `orglint` in lower case",
        ]
    );
    assert!(
        invalid
            .iter()
            .all(|f| f.help.as_deref() == Some("write `# orglint: allow(rule, ...) -- reason`"))
    );
}
