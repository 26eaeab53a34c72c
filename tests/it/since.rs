//! `check --since REV` (SPEC §11): only the findings the tree at REV did not have, wherever they
//! are, read from git repositories with known histories built here with the `git` command.
//!
//! Needs `git` on PATH: without it the tests fail when `CI` is set and otherwise say on stderr
//! that they skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{self, PLAIN, run};

/// Whether `git` runs; if not, fails in CI and otherwise says so where `cargo test` shows it.
fn have_git(test: &str) -> bool {
    support::tool_or_skip("git", "apt-get install git", test)
}

/// A git repository in a temporary directory, with the example org at `org` inside it (`""`:
/// at its top), not yet committed.
struct Repo {
    dir: tempfile::TempDir,
    org: PathBuf,
}

impl Repo {
    fn new(org: &str) -> Repo {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join(org);
        support::copy_dir(&support::repo().join("fixtures/example-org"), &root);
        let repo = Repo { dir, org: root };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// Runs `git args...` at the top of the repository; its stdout.
    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("git");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Commits everything as it is now.
    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
    }

    /// `orglint check ARGS` from the org root: exit code, stdout, stderr.
    fn check(&self, args: &[&str]) -> (i32, String, String) {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        run(&self.org, &all, PLAIN)
    }

    /// The file `path` of the org, as it is now.
    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.org.join(path)).expect("read")
    }

    /// Writes `text` at `path` of the org.
    fn write(&self, path: &str, text: &str) {
        support::write(&self.org, path, text);
    }
}

/// The rule of each line of a `--format short` report, with where it is (`file:line:col rule`).
fn short_lines(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| {
            let (at, rest) = l.split_once(": ")?;
            let rule = rest.split_once('[')?.1.split_once(']')?.0;
            Some(format!("{at} {rule}"))
        })
        .collect()
}

fn summary(stdout: &str) -> &str {
    stdout.lines().last().unwrap_or("")
}

#[test]
fn an_unchanged_tree_passes_and_says_what_it_left_out() {
    if !have_git("an_unchanged_tree_passes_and_says_what_it_left_out") {
        return;
    }
    let repo = Repo::new("");
    // A finding before any table: its fingerprint is the file's path relative to the root.
    repo.write(
        "teams/notes.toml",
        "# orglint: allow(no-such-rule) -- kept for later\n",
    );
    repo.commit("the example org");
    let (code, all, _) = repo.check(&["--format", "short"]);
    assert_eq!(code, 1, "the example org has errors");
    assert!(all.contains("teams/notes.toml:1:"), "{all}");
    let (code, stdout, stderr) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert_eq!(short_lines(&stdout), Vec::<String>::new());
    assert_eq!(
        summary(&stdout),
        "0 errors, 0 warnings in 13 files (1 suppressed, 15 already at HEAD)"
    );
    assert!(summary(&all).starts_with("2 errors, 12 warnings, 1 info in 13 files"));
}

#[test]
fn deleting_a_person_still_named_elsewhere_is_caught_in_the_other_files() {
    if !have_git("deleting_a_person_still_named_elsewhere_is_caught_in_the_other_files") {
        return;
    }
    let repo = Repo::new("");
    repo.commit("the example org");
    // bob is in ml.toml, and named by the team rides.
    let ml = repo.read("people/ml.toml");
    let without_bob = ml.replacen(
        "[[person]]\nid = \"bob\"\nname = \"Bob Nowak\"\nrole = \"ml-engineer\"\nreports_to = \"lena\"\n\n",
        "",
        1,
    );
    assert_ne!(ml, without_bob);
    repo.write("people/ml.toml", &without_bob);
    let (code, stdout, _) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(
        short_lines(&stdout),
        ["teams/rides.toml:8:41 unknown-reference"],
        "{stdout}"
    );
    // The findings bob had (lone-ml-hire) are gone with him; the others were there before.
    assert_eq!(
        summary(&stdout),
        "1 error, 0 warnings in 12 files (1 suppressed, 13 already at HEAD)"
    );
}

#[test]
fn deleting_a_whole_file_is_caught() {
    if !have_git("deleting_a_whole_file_is_caught") {
        return;
    }
    let repo = Repo::new("");
    repo.commit("the example org");
    repo.git(&["rm", "-q", "people/ml.toml"]);
    let (code, stdout, _) = repo.check(&["--since", "HEAD", "--format", "json"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let rules: Vec<&str> = (doc["diagnostics"].as_array().expect("diagnostics").iter())
        .map(|d| d["rule"].as_str().expect("rule"))
        .collect();
    assert!(rules.len() >= 10, "{rules:?}");
    assert!(
        rules
            .iter()
            .all(|&r| r == "unknown-reference" || r == "unused-suppression"),
        "{rules:?}"
    );
    assert_eq!(doc["summary"]["since"]["revision"], "HEAD");
    assert_eq!(doc["summary"]["since"]["existing"], 10);
    // Without `--since`, the summary has no `since`.
    let (_, plain, _) = repo.check(&["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&plain).expect("json");
    assert!(doc["summary"].get("since").is_none());
}

#[test]
fn before_the_first_commit_every_finding_is_new() {
    if !have_git("before_the_first_commit_every_finding_is_new") {
        return;
    }
    let repo = Repo::new("");
    let (code, stdout, stderr) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!((code, stderr.as_str()), (1, ""));
    assert_eq!(
        summary(&stdout),
        "2 errors, 11 warnings, 1 info in 12 files (1 suppressed, 0 already at HEAD)"
    );
}

#[test]
fn an_org_in_a_folder_of_the_repository_is_compared_with_that_folder() {
    if !have_git("an_org_in_a_folder_of_the_repository_is_compared_with_that_folder") {
        return;
    }
    let repo = Repo::new("company/org");
    support::write(repo.dir.path(), "README.md", "not an org file\n");
    support::write(
        repo.dir.path(),
        "other/team.toml",
        "this = [is not an org\n",
    );
    repo.commit("the example org, in a folder");
    let (code, stdout, _) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(summary(&stdout).ends_with("(1 suppressed, 14 already at HEAD)"));
    // From the top of the repository, with the root as PATH: the same.
    let (code, stdout, _) = run(
        repo.dir.path(),
        &[
            "check",
            "company/org",
            "--since",
            "HEAD",
            "--format",
            "short",
        ],
        PLAIN,
    );
    assert_eq!(code, 0, "{stdout}");
    assert!(summary(&stdout).ends_with("14 already at HEAD)"));
    // As a hook runs it: from the top, with git's own variables relative to it.
    let hook_env: &[(&str, Option<&str>)] = &[
        ("NO_COLOR", Some("1")),
        ("GIT_DIR", Some(".git")),
        ("GIT_INDEX_FILE", Some(".git/index")),
    ];
    let (code, stdout, stderr) = run(
        repo.dir.path(),
        &[
            "check",
            "company/org",
            "--since",
            "HEAD",
            "--format",
            "short",
        ],
        hook_env,
    );
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert!(summary(&stdout).ends_with("14 already at HEAD)"));
    // A hook that goes into the org first, with `GIT_DIR` set: git alone would take the org's
    // folder for the top of the repository and read the whole commit as the org.
    let git_dir = repo.dir.path().join(".git");
    let inside_env: &[(&str, Option<&str>)] =
        &[("NO_COLOR", Some("1")), ("GIT_DIR", git_dir.to_str())];
    let (code, stdout, stderr) = run(
        &repo.org,
        &["check", "--since", "HEAD", "--format", "short"],
        inside_env,
    );
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert!(summary(&stdout).ends_with("14 already at HEAD)"));
    // A revision where the folder did not exist yet: everything is new.
    repo.git(&["mv", "company", "elsewhere"]);
    repo.commit("moved");
    repo.git(&["mv", "elsewhere", "company"]);
    let (code, stdout, _) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(summary(&stdout).ends_with("0 already at HEAD)"), "{stdout}");
}

#[test]
fn revisions_are_named_as_git_names_them() {
    if !have_git("revisions_are_named_as_git_names_them") {
        return;
    }
    let repo = Repo::new("");
    repo.commit("the example org");
    repo.git(&["tag", "v1"]);
    repo.git(&["tag", "-a", "-m", "annotated", "v2"]);
    repo.write("teams/extra.toml", "[[team]]\nid = \"extra\"\n");
    repo.commit("a team with no name");
    for revision in ["HEAD~1", "v1", "v2", "main~1", ":/example"] {
        let (code, stdout, _) = repo.check(&["--since", revision, "--format", "short"]);
        assert_eq!(code, 1, "{revision}: {stdout}");
        let found = short_lines(&stdout);
        assert!(
            found.iter().all(|l| l.starts_with("teams/extra.toml:")),
            "{revision}: {found:?}"
        );
        assert!(summary(&stdout).ends_with(&format!("14 already at {revision})")));
    }
}

#[test]
fn an_unknown_revision_or_no_repository_is_a_usage_error() {
    if !have_git("an_unknown_revision_or_no_repository_is_a_usage_error") {
        return;
    }
    let repo = Repo::new("");
    repo.commit("the example org");
    for (revision, message) in [
        (
            "no-such-branch",
            "error: the revision `no-such-branch` is not a commit of this repository\n",
        ),
        (
            "--since=-x",
            "error: the revision `-x` is not a commit of this repository\n",
        ),
        (
            "HEAD:org.toml",
            "error: the revision `HEAD:org.toml` is not a commit of this repository\n",
        ),
    ] {
        let args = match revision.strip_prefix("--since=") {
            Some(_) => vec![revision],
            None => vec!["--since", revision],
        };
        let (code, stdout, stderr) = repo.check(&args);
        assert_eq!((code, stdout.as_str(), stderr.as_str()), (2, "", message));
    }
    let outside = support::tree(&[("org.toml", "[org]\nname = \"Acme\"\n")]);
    let (code, _, stderr) = run(outside.path(), &["check", "--since", "HEAD"], PLAIN);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "error: `--since` reads the org's history with git, but git says: not a git repository"
        ),
        "{stderr}"
    );
}

#[test]
fn a_shallow_clone_without_the_revision_says_what_to_fetch() {
    if !have_git("a_shallow_clone_without_the_revision_says_what_to_fetch") {
        return;
    }
    let repo = Repo::new("");
    repo.commit("first");
    repo.write(
        "teams/extra.toml",
        "[[team]]\nid = \"extra\"\nname = \"Extra\"\n",
    );
    repo.commit("second");
    let clones = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", repo.dir.path().display());
    let status = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url, "shallow"])
        .current_dir(clones.path())
        .status()
        .expect("git clone");
    assert!(status.success());
    let shallow = clones.path().join("shallow");
    let (code, _, stderr) = run(&shallow, &["check", "--since", "HEAD~1"], PLAIN);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: the revision `HEAD~1` is not in this shallow clone; fetch the history it needs \
         (`git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout)\n"
    );
    // What the clone has is enough for `HEAD`.
    let (code, stdout, _) = run(
        &shallow,
        &["check", "--since", "HEAD", "--format", "short"],
        PLAIN,
    );
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn each_side_is_linted_with_its_own_orglint_toml() {
    if !have_git("each_side_is_linted_with_its_own_orglint_toml") {
        return;
    }
    let repo = Repo::new("");
    let config = repo.read("orglint.toml");
    let off = config.replace("[rules]\n", "[rules]\ndivergent-tooling = \"off\"\n");
    assert_ne!(off, config);
    repo.write("orglint.toml", &off);
    repo.commit("divergent-tooling off");
    // Turning the rule on again introduces its finding.
    repo.write("orglint.toml", &config);
    let (code, stdout, stderr) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!(
        (code, stderr.as_str()),
        (0, ""),
        "a warning does not fail the run: {stdout}"
    );
    assert_eq!(
        short_lines(&stdout),
        ["teams/rides.toml:14:9 divergent-tooling"],
        "{stdout}"
    );
    // `--config` names one configuration for both sides.
    let (_, stdout, _) = repo.check(&[
        "--since",
        "HEAD",
        "--config",
        "orglint.toml",
        "--format",
        "short",
    ]);
    assert_eq!(short_lines(&stdout), Vec::<String>::new(), "{stdout}");
}

#[test]
fn a_revision_whose_orglint_toml_has_mistakes_is_linted_with_todays() {
    if !have_git("a_revision_whose_orglint_toml_has_mistakes_is_linted_with_todays") {
        return;
    }
    let repo = Repo::new("");
    let config = repo.read("orglint.toml");
    repo.write("orglint.toml", "[rules]\nno-such-rule = \"off\"\n");
    repo.commit("a broken configuration");
    repo.write("orglint.toml", &config);
    let (code, stdout, stderr) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(
        stderr,
        "warning: the tree at `HEAD`: its `orglint.toml` has mistakes, so it was linted with \
         today's configuration\n"
    );
    assert!(
        summary(&stdout).ends_with("14 already at HEAD)"),
        "{stdout}"
    );
}

#[test]
fn a_broken_file_is_never_hidden_and_a_mended_one_shows_what_it_hid() {
    if !have_git("a_broken_file_is_never_hidden_and_a_mended_one_shows_what_it_hid") {
        return;
    }
    let repo = Repo::new("");
    let ml = repo.read("people/ml.toml");
    repo.write("people/ml.toml", &format!("{ml}\n[[person]\n"));
    repo.commit("a broken file");
    // Still broken: its finding is reported again, never hidden.
    let (code, stdout, _) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!(code, 1, "{stdout}");
    let found = short_lines(&stdout);
    assert_eq!(found.len(), 1, "{found:?}");
    let at = format!("people/ml.toml:{}:", ml.lines().count() + 2);
    assert!(
        found[0].starts_with(&at) && found[0].ends_with(" invalid-toml"),
        "{found:?}"
    );
    // Mended: the whole-org rules run again, and what they find is new against a tree where
    // they could not run.
    repo.write("people/ml.toml", &ml);
    let (code, stdout, _) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        short_lines(&stdout)
            .iter()
            .any(|l| l.ends_with(" lead-not-member")),
        "{stdout}"
    );
}

#[test]
fn since_composes_with_select_ignore_and_a_baseline_but_not_with_writing_one() {
    if !have_git("since_composes_with_select_ignore_and_a_baseline_but_not_with_writing_one") {
        return;
    }
    let repo = Repo::new("");
    repo.commit("the example org");
    let ml = repo.read("people/ml.toml");
    repo.write(
        "people/ml.toml",
        &ml.replacen("role = \"ml-engineer\"", "role = \"wizard\"", 1),
    );
    let (_, stdout, _) = repo.check(&["--since", "HEAD", "--format", "short"]);
    let new = short_lines(&stdout);
    assert!(new.iter().any(|l| l.ends_with(" unknown-role")), "{new:?}");
    let (_, stdout, _) = repo.check(&[
        "--since",
        "HEAD",
        "--ignore",
        "unknown-role",
        "--format",
        "short",
    ]);
    assert!(
        short_lines(&stdout)
            .iter()
            .all(|l| !l.ends_with(" unknown-role"))
    );
    let (_, stdout, _) = repo.check(&[
        "--since",
        "HEAD",
        "--select",
        "unknown-role",
        "--format",
        "short",
    ]);
    assert!(
        short_lines(&stdout)
            .iter()
            .all(|l| l.ends_with(" unknown-role")),
        "{stdout}"
    );
    // A baseline of today's findings hides the new one too; what `--since` hid first is not
    // counted as baselined, nor its entries as fixed.
    let (code, _, _) = repo.check(&["--write-baseline", "b.json"]);
    assert_eq!(code, 0);
    let (code, stdout, _) = repo.check(&[
        "--since",
        "HEAD",
        "--baseline",
        "b.json",
        "--format",
        "short",
    ]);
    assert_eq!(code, 0, "{stdout}");
    assert!(summary(&stdout).contains("baselined, "), "{stdout}");
    assert!(
        !summary(&stdout).contains("fixed since the baseline"),
        "{stdout}"
    );
    let (code, stdout, stderr) = repo.check(&["--since", "HEAD", "--write-baseline", "c.json"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with("error: `--since` reports only what changed"),
        "{stderr}"
    );
    assert!(!Path::new(&repo.org.join("c.json")).exists());
}

#[test]
fn odd_file_names_in_a_revision_are_compared_as_they_are() {
    if !have_git("odd_file_names_in_a_revision_are_compared_as_they_are") {
        return;
    }
    let repo = Repo::new("");
    let odd = "[[team]]\nid = \"odd\"\nname = \"Odd\"\n";
    repo.write("teams/line\nbreak.toml", odd);
    repo.write("teams/sp ace\u{202e}.toml", odd);
    repo.commit("odd names");
    let (code, all, _) = repo.check(&["--format", "short"]);
    assert_eq!(code, 1);
    assert!(all.contains("duplicate-id"), "{all}");
    let (code, stdout, stderr) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert_eq!(short_lines(&stdout), Vec::<String>::new());
    // Changed there, and read from git: the team's new finding is the only one.
    repo.write("teams/line\nbreak.toml", "[[team]]\nid = \"odd2\"\n");
    let (code, stdout, _) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        short_lines(&stdout)
            .iter()
            .all(|l| l.contains("break.toml")),
        "{stdout}"
    );
}

#[test]
fn a_link_or_a_submodule_among_the_entity_files_of_a_revision_is_refused() {
    if !have_git("a_link_or_a_submodule_among_the_entity_files_of_a_revision_is_refused") {
        return;
    }
    let repo = Repo::new("");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", repo.org.join("teams/passwd.toml"))
            .expect("link");
        repo.commit("a link");
        let (code, stdout, stderr) = repo.check(&["--since", "HEAD"]);
        assert_eq!((code, stdout.as_str()), (2, ""));
        assert_eq!(
            stderr,
            "error: `--since` cannot compare with the tree at `HEAD`: `teams/passwd.toml` is a \
             symbolic link there, which the walk reads through in a working tree but `--since` \
             does not read from git; leave it out with `[files].exclude` in orglint.toml, or run \
             `orglint check` without `--since`\n"
        );
        repo.git(&["rm", "-q", "teams/passwd.toml"]);
        // A link to a file of the tree that is itself read, and one to a folder of it: the walk
        // reads neither through the link, and neither does `--since`.
        std::os::unix::fs::symlink("rides.toml", repo.org.join("teams/current.toml"))
            .expect("link");
        std::os::unix::fs::symlink("../people", repo.org.join("teams/people.toml")).expect("link");
        repo.commit("links the walk does not follow");
        let (code, stdout, stderr) = repo.check(&["--since", "HEAD", "--format", "short"]);
        assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
        assert!(
            summary(&stdout).ends_with("14 already at HEAD)"),
            "{stdout}"
        );
        repo.git(&["rm", "-q", "teams/current.toml", "teams/people.toml"]);
        repo.commit("no link");
    }
    // A submodule's folder is walked in a working tree: its commit is refused as well.
    let head = repo.git(&["rev-parse", "HEAD"]);
    let cacheinfo = format!("160000,{},teams/vendored", head.trim());
    repo.git(&["update-index", "--add", "--cacheinfo", &cacheinfo]);
    repo.git(&["commit", "-q", "-m", "a submodule"]);
    let (code, _, stderr) = repo.check(&["--since", "HEAD"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`teams/vendored` is a submodule there"),
        "{stderr}"
    );
    // Where the walk never goes (a hidden folder), neither is in the way.
    repo.git(&["rm", "-q", "--cached", "teams/vendored"]);
    repo.git(&[
        "update-index",
        "--add",
        "--cacheinfo",
        &cacheinfo.replace("teams/", ".git-vendored/"),
    ]);
    repo.git(&["commit", "-q", "-m", "moved"]);
    let (code, stdout, stderr) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
}

#[test]
fn a_file_git_is_told_to_leave_alone_is_still_compared_by_its_content() {
    if !have_git("a_file_git_is_told_to_leave_alone_is_still_compared_by_its_content") {
        return;
    }
    let repo = Repo::new("");
    repo.commit("the example org");
    // git's own diff would call these files unchanged; their content says otherwise.
    repo.git(&["update-index", "--assume-unchanged", "people/ml.toml"]);
    repo.git(&["update-index", "--skip-worktree", "teams/rides.toml"]);
    let ml = repo.read("people/ml.toml");
    repo.write(
        "people/ml.toml",
        &ml.replacen("id = \"bob\"", "id = \"bobby\"", 1),
    );
    let rides = repo.read("teams/rides.toml");
    repo.write("teams/rides.toml", &rides.replacen("name = ", "nom = ", 1));
    let (code, stdout, _) = repo.check(&["--since", "HEAD", "--format", "short"]);
    assert_eq!(code, 1, "{stdout}");
    let found = short_lines(&stdout);
    assert!(
        found.iter().any(|l| l.ends_with(" unknown-reference")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|l| l.starts_with("teams/rides.toml:")),
        "{found:?}"
    );
}

#[test]
fn the_first_commit_of_an_orphan_branch_counts_every_finding() {
    if !have_git("the_first_commit_of_an_orphan_branch_counts_every_finding") {
        return;
    }
    let repo = Repo::new("");
    repo.commit("the example org");
    repo.git(&["checkout", "-q", "--orphan", "fresh"]);
    for revision in ["HEAD", "@"] {
        let (code, stdout, stderr) = repo.check(&["--since", revision, "--format", "short"]);
        assert_eq!((code, stderr.as_str()), (1, ""), "{revision}");
        assert!(
            summary(&stdout).ends_with(&format!("0 already at {revision})")),
            "{stdout}"
        );
    }
}

#[cfg(unix)]
#[test]
fn fixing_reads_the_revision_once_and_reports_what_is_new() {
    use std::os::unix::fs::PermissionsExt;
    if !have_git("fixing_reads_the_revision_once_and_reports_what_is_new") {
        return;
    }
    let repo = Repo::new("");
    repo.commit("the example org");
    // A lead dropped from `members`: new, and fixable.
    let web = repo.read("teams/payments.toml");
    let members_line = web
        .lines()
        .find(|l| l.starts_with("members"))
        .expect("members");
    let lead = web
        .lines()
        .find_map(|l| l.strip_prefix("lead = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("lead");
    let without = members_line.replacen(&format!("\"{lead}\", "), "", 1);
    assert_ne!(members_line, without, "the lead is listed first");
    repo.write(
        "teams/payments.toml",
        &web.replacen(members_line, &without, 1),
    );
    // Every git the run starts is logged.
    let bin = tempfile::tempdir().expect("temp dir");
    let log = bin.path().join("log");
    let real = String::from_utf8(
        Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .expect("sh")
            .stdout,
    )
    .expect("path");
    let script = format!(
        "#!/bin/sh\necho \"$1\" >> '{}'\nexec '{}' \"$@\"\n",
        log.display(),
        real.trim()
    );
    std::fs::write(bin.path().join("git"), script).expect("script");
    std::fs::set_permissions(
        bin.path().join("git"),
        std::fs::Permissions::from_mode(0o755),
    )
    .expect("chmod");
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let env: &[(&str, Option<&str>)] = &[("NO_COLOR", Some("1")), ("PATH", Some(&path))];
    let (code, stdout, stderr) = run(
        &repo.org,
        &["check", "--fix", "--since", "HEAD", "--format", "short"],
        env,
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.starts_with("fixed 1 finding in 1 file"), "{stderr}");
    assert_eq!(short_lines(&stdout), Vec::<String>::new());
    let calls = std::fs::read_to_string(&log).expect("log");
    assert_eq!(
        calls.lines().filter(|l| *l == "ls-tree").count(),
        1,
        "{calls}"
    );
}
