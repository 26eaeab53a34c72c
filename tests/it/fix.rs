//! `orglint check --fix`, `--unsafe-fixes` and `--diff` (SPEC §9): each fix, layout and comments
//! kept, CRLF and a byte-order mark kept, a second run that changes nothing, a diff that writes
//! nothing, files that changed or may not be written left alone, and the exit codes.

use std::path::Path;

use crate::support::{self, PLAIN, fired, run, tree};
use orglint::CheckOptions;
use orglint::fix::FixOptions;
use orglint::write::WriteError;
use orglint::{Applicability, Report};

/// The people every case below shares: Ana leads, Bob and Cy work, Old has left.
const PEOPLE: &str = "[org]\nname = \"X\"\nleadership = [\"ana\"]\n\n\
    [[person]]\nid = \"ana\"\nname = \"Ana\"\nrole = \"ceo\"\n\n\
    [[person]]\nid = \"bob\"\nname = \"Bob\"\nrole = \"sre\"\nreports_to = \"ana\"\n\n\
    [[person]]\nid = \"cy\"\nname = \"Cy\"\nrole = \"sre\"\nreports_to = \"ana\"\n\n\
    [[person]]\nid = \"old\"\nname = \"Old\"\nrole = \"sre\"\nalumni = true\n";

/// A team file whose lead is missing from `members`, written one member per line with comments.
const TEAM: &str = "# The platform team.\n[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\n\
    lead = \"ana\"  # since May\nmembers = [\n  \"bob\",  # on call\n  # Cy joined in June\n  \"cy\"\n]\n";

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).expect("read")
}

fn fix_in(dir: &Path, unsafe_fixes: bool) -> orglint::fix::Fixed {
    let opts = CheckOptions {
        cwd: dir.to_path_buf(),
        ..CheckOptions::default()
    };
    orglint::fix::fix(&opts, FixOptions { unsafe_fixes }).expect("fix")
}

#[test]
fn lead_not_member_adds_a_line_and_keeps_comments_and_layout() {
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", TEAM)]);
    let (code, stdout, stderr) = run(dir.path(), &["check", "--fix"], PLAIN);
    assert_eq!(stderr, "fixed 1 finding in 1 file\n");
    assert_eq!(code, 0, "{stdout}");
    insta::assert_snapshot!(read(dir.path(), "team.toml"), @r#"
    # The platform team.
    [[team]]
    id = "t"
    name = "T"
    kind = "platform"
    lead = "ana"  # since May
    members = [
      "bob",  # on call
      # Cy joined in June
      "cy",
      "ana",
    ]
    "#);
    // The value is the one intended, read by another parser.
    let value: toml::Table = toml::from_str(&read(dir.path(), "team.toml")).expect("valid TOML");
    assert_eq!(
        value["team"][0]["members"].as_array().expect("array"),
        &["bob", "cy", "ana"].map(toml::Value::from).to_vec()
    );
}

#[test]
fn an_inline_array_gets_the_lead_appended_in_line() {
    let team = "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ana\"\nmembers = [\"bob\", \"cy\"] # all\n";
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", team)]);
    let fixed = fix_in(dir.path(), false);
    assert_eq!(fixed.fixed, 1);
    assert_eq!(
        fixed.files[0].new.as_str(),
        team.replace("\"cy\"]", "\"cy\", \"ana\"]")
    );
    // Nothing is written by `fix` itself.
    assert_eq!(read(dir.path(), "team.toml"), team);
}

#[test]
fn a_crlf_file_with_a_byte_order_mark_keeps_both() {
    let team = format!("\u{feff}{}", TEAM.replace('\n', "\r\n"));
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", team.as_str())]);
    let (code, _, stderr) = run(dir.path(), &["check", "--fix"], PLAIN);
    assert_eq!((code, stderr.as_str()), (0, "fixed 1 finding in 1 file\n"));
    let bytes = std::fs::read(dir.path().join("team.toml")).expect("read");
    let expected = team.replace("  \"cy\"\r\n", "  \"cy\",\r\n  \"ana\",\r\n");
    assert_eq!(String::from_utf8(bytes).expect("UTF-8"), expected);
    assert!(expected.starts_with('\u{feff}'));
    assert!(!expected.replace("\r\n", "").contains('\n'));
}

#[test]
fn a_second_fix_changes_nothing() {
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", TEAM)]);
    assert_eq!(run(dir.path(), &["check", "--fix"], PLAIN).0, 0);
    let once = std::fs::read(dir.path().join("team.toml")).expect("read");
    let (code, stdout, stderr) = run(dir.path(), &["check", "--fix"], PLAIN);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert_eq!(
        std::fs::read(dir.path().join("team.toml")).expect("read"),
        once
    );
}

#[test]
fn diff_prints_the_change_and_writes_nothing() {
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", TEAM)]);
    let (code, stdout, stderr) = run(dir.path(), &["check", "--fix", "--diff"], PLAIN);
    assert_eq!(read(dir.path(), "team.toml"), TEAM);
    assert_eq!(
        (code, stderr.as_str()),
        (1, "would fix 1 finding in 1 file\n")
    );
    insta::assert_snapshot!(stdout, @r#"
    --- a/team.toml
    +++ b/team.toml
    @@ -7,5 +7,6 @@
     members = [
       "bob",  # on call
       # Cy joined in June
    -  "cy"
    +  "cy",
    +  "ana",
     ]
    "#);
    // `--diff` alone implies `--fix`; with nothing to fix it prints nothing and exits 0.
    assert_eq!(run(dir.path(), &["check", "--diff"], PLAIN).0, 1);
    assert_eq!(run(dir.path(), &["check", "--fix"], PLAIN).0, 0);
    assert_eq!(
        run(dir.path(), &["check", "--diff"], PLAIN),
        (0, String::new(), String::new())
    );
}

#[test]
fn a_diff_of_hostile_lines_is_escaped_and_says_it_does_not_apply() {
    // Around the fix, a comment that spells a workflow command and hides a bidi override and a
    // tag character, and a line of a string that starts with one.
    let team = "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ana\"\n\
                function = \"\"\"\n  \u{3000}::error::forged\"\"\"\n\
                # ##[stop-commands]x \u{202e}\u{E0041}\nmembers = [\"bob\"]\n";
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", team)]);
    let (code, stdout, stderr) = run(dir.path(), &["check", "--diff"], PLAIN);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(read(dir.path(), "team.toml"), team);
    assert!(stdout.contains("+members = [\"bob\", \"ana\"]"), "{stdout}");
    assert!(
        !stdout.contains("##[") && !stdout.contains(['\u{202e}', '\u{E0041}']),
        "{stdout}"
    );
    assert!(
        stdout.lines().all(|l| !l.trim_start().starts_with("::")),
        "{stdout}"
    );
    assert!(
        stdout.contains(" # #\\u{23}[stop-commands]x \\u{202e}\\u{e0041}\n"),
        "{stdout}"
    );
    assert!(
        stderr.ends_with("it does not apply as a patch; apply the fixes with `--fix`\n"),
        "{stderr}"
    );
    // A file name with a line break: one header line, shown escaped, and the same warning.
    let plain = "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ana\"\nmembers = [\"bob\"]\n";
    let dir = tree(&[
        ("org.toml", PEOPLE),
        ("x\r\n+++ b/org.toml\r\n.toml", plain),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["check", "--diff"], PLAIN);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.starts_with("--- a/x\\u{d}\\u{a}+++ b/org.toml\\u{d}\\u{a}.toml\n+++ b/x\\u{d}"),
        "{stdout}"
    );
    assert!(!stdout.contains('\r'), "{stdout}");
    assert!(
        stderr.ends_with("apply the fixes with `--fix`\n"),
        "{stderr}"
    );
}

/// Old is in a team's and the leadership's lists, and `cyy` is a typo of `cy`.
fn unsafe_case() -> tempfile::TempDir {
    let org = PEOPLE.replace("[\"ana\"]", "[\"ana\", \"old\"]");
    let team = "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ana\"\n\
        members = [\"ana\", \"old\", \"bob\", \"cyy\"]\n";
    tree(&[("org.toml", org.as_str()), ("team.toml", team)])
}

#[test]
fn unsafe_fixes_wait_for_unsafe_fixes() {
    let dir = unsafe_case();
    let before = (read(dir.path(), "org.toml"), read(dir.path(), "team.toml"));
    let (code, _, stderr) = run(dir.path(), &["check", "--fix"], PLAIN);
    assert_eq!(
        (code, stderr.as_str()),
        (
            1,
            "no safe fix to apply; 3 findings have an unsafe fix (`--unsafe-fixes`)\n"
        )
    );
    assert_eq!(
        (read(dir.path(), "org.toml"), read(dir.path(), "team.toml")),
        before
    );
    let (code, stdout, stderr) = run(dir.path(), &["check", "--fix", "--unsafe-fixes"], PLAIN);
    assert_eq!(
        (code, stderr.as_str()),
        (0, "fixed 3 findings in 2 files\n"),
        "{stdout}"
    );
    assert!(read(dir.path(), "org.toml").contains("leadership = [\"ana\"]\n"));
    assert!(
        read(dir.path(), "team.toml").ends_with("members = [\"ana\", \"bob\", \"cy\"]\n"),
        "{}",
        read(dir.path(), "team.toml")
    );
}

#[test]
fn removing_neighbours_takes_another_pass_and_ends_clean() {
    let team = "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"group\"\nmembers = [\"old\", \"old\", \"bob\", \"cy\", \"old\"]\n\
        [[team]]\nid = \"u\"\nname = \"U\"\nkind = \"group\"\nmembers = [\n  \"old\",\n  \"old\", # twice\n]\n";
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", team)]);
    let fixed = fix_in(dir.path(), true);
    assert!(
        fired(&fixed.report).is_empty(),
        "{:?}",
        fired(&fixed.report)
    );
    assert_eq!(
        fixed.files[0].new.as_str(),
        "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"group\"\nmembers = [\"bob\", \"cy\"]\n\
         [[team]]\nid = \"u\"\nname = \"U\"\nkind = \"group\"\nmembers = [\n]\n"
    );
    assert_eq!(fixed.fixed, 5);
}

#[test]
fn comma_first_arrays_and_a_lone_former_member_are_fixed_to_valid_toml() {
    let team = |members: &str| {
        format!(
            "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ana\"\nmembers = {members}\n"
        )
    };
    for (members, fixed) in [
        // Comma first: the line of the former member goes, with its comma.
        (
            "[\n    \"ana\"\n  , \"old\"\n  , \"bob\"\n]",
            "[\n    \"ana\"\n  , \"bob\"\n]",
        ),
        ("[\n    \"ana\"\n  , \"old\"\n]", "[\n    \"ana\"\n]"),
        ("[\n    \"old\"\n  , \"ana\"\n]", "[\n    \"ana\"\n]"),
        // Alone on its line, its comma starting the next.
        (
            "[\n  \"ana\",\n  \"old\"\n  , \"bob\"\n]",
            "[\n  \"ana\",\n  \"bob\"\n]",
        ),
        ("[\n  \"old\"\n  , \"ana\"\n]", "[\n  \"ana\"\n]"),
        // A comma in a comment is no separator.
        (
            "[\"ana\", # a, b\n  \"old\", \"bob\"]",
            "[\"ana\", # a, b\n  \"bob\"]",
        ),
        // The lead goes in where the former member comes out: two passes, not `[, \"ana\"]`.
        ("[\"old\"]", "[\"ana\"]"),
        ("[\n  \"old\"\n]", "[\n  \"ana\",\n]"),
    ] {
        let dir = tree(&[("org.toml", PEOPLE), ("team.toml", &team(members))]);
        let (code, stdout, stderr) = run(dir.path(), &["check", "--fix", "--unsafe-fixes"], PLAIN);
        assert!(!stderr.contains("bug"), "{members}: {stderr}");
        assert_eq!(
            read(dir.path(), "team.toml"),
            team(fixed),
            "{members}: {stderr}"
        );
        assert_eq!(code, 0, "{members}: {stdout}{stderr}");
    }
}

#[test]
fn neighbouring_former_members_are_taken_out_in_one_pass() {
    // 600 former members one per line: a pass takes out the 100 a file shows, all of them
    // neighbours, so ten passes take out every one.
    let mut people = String::from(PEOPLE);
    let mut members = String::from("[\n  \"bob\",\n");
    for i in 0..600 {
        people.push_str(&format!(
            "\n[[person]]\nid = \"gone{i}\"\nname = \"G\"\nrole = \"sre\"\nalumni = true\n"
        ));
        members.push_str(&format!("  \"gone{i}\",\n"));
    }
    members.push(']');
    let team = format!(
        "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"bob\"\nmembers = {members}\n"
    );
    let dir = tree(&[("org.toml", people.as_str()), ("team.toml", team.as_str())]);
    let args = [
        "check",
        "--fix",
        "--unsafe-fixes",
        "--select",
        "alumni-in-team",
    ];
    let (code, stdout, stderr) = run(dir.path(), &args, PLAIN);
    assert_eq!(stderr, "fixed 600 findings in 1 file\n");
    assert_eq!(code, 0, "{stdout}");
    assert!(read(dir.path(), "team.toml").ends_with("members = [\n  \"bob\",\n]\n"));
}

#[test]
fn a_typo_with_two_close_ids_gets_no_fix() {
    // `bo` is one edit from `bob` and from `bo2`: no guess between them.
    let org = PEOPLE.replace(
        "[[person]]\nid = \"cy\"",
        "[[person]]\nid = \"bo2\"\nname = \"B2\"\nrole = \"sre\"\nreports_to = \"bo\"\n\n[[person]]\nid = \"cy\"",
    );
    let dir = tree(&[("org.toml", org.as_str())]);
    let fixed = fix_in(dir.path(), true);
    assert!(fixed.files.is_empty());
    assert!(fired(&fixed.report).contains(&"unknown-reference"));
}

#[test]
fn a_file_changed_since_it_was_read_is_not_written() {
    let dir = tree(&[("team.toml", "old text\n")]);
    let path = dir.path().join("team.toml");
    let result =
        orglint::write::write_if_unchanged(dir.path(), &path, b"what was read\n", b"new\n");
    assert!(matches!(result, Err(WriteError::Changed)), "{result:?}");
    assert_eq!(read(dir.path(), "team.toml"), "old text\n");
    orglint::write::write_if_unchanged(dir.path(), &path, b"old text\n", b"new\n")
        .expect("written");
    assert_eq!(read(dir.path(), "team.toml"), "new\n");
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["team.toml"]);
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", TEAM)]);
    let path = dir.path().join("team.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    assert_eq!(run(dir.path(), &["check", "--fix"], PLAIN).0, 0);
    assert_ne!(read(dir.path(), "team.toml"), TEAM);
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[cfg(unix)]
#[test]
fn the_owner_and_group_are_kept() {
    use std::os::unix::fs::MetadataExt;
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", TEAM)]);
    let path = dir.path().join("team.toml");
    let me = std::fs::metadata(dir.path()).expect("stat");
    // Root may give the file to anyone; another user only to a group of its own, which is not
    // known here, so it gives it to its own and checks that they stay.
    let (uid, gid) = if rustix::process::geteuid().is_root() {
        (12_345, 23_456)
    } else {
        (me.uid(), me.gid())
    };
    std::os::unix::fs::chown(&path, Some(uid), Some(gid)).expect("chown");
    assert_eq!(run(dir.path(), &["check", "--fix"], PLAIN).0, 0);
    assert_ne!(read(dir.path(), "team.toml"), TEAM);
    let meta = std::fs::metadata(&path).expect("stat");
    assert_eq!((meta.uid(), meta.gid()), (uid, gid));
}

#[cfg(unix)]
#[test]
fn a_hard_link_is_split_and_the_run_says_so() {
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", TEAM)]);
    std::fs::create_dir(dir.path().join("data")).expect("mkdir");
    std::fs::hard_link(
        dir.path().join("team.toml"),
        dir.path().join("data/team.txt"),
    )
    .expect("link");
    let (code, _, stderr) = run(dir.path(), &["check", "--fix"], PLAIN);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "warning: `team.toml` had 1 other name (a hard link), which keeps the old text: the \
             fixed file replaced this name only\nfixed 1 finding in 1 file\n"
        )
    );
    assert_ne!(read(dir.path(), "team.toml"), TEAM);
    assert_eq!(read(dir.path(), "data/team.txt"), TEAM);
}

#[cfg(unix)]
#[test]
fn temporary_files_an_interrupted_run_left_are_named_then_removed_by_fix() {
    // A process that has ended, as one killed while writing would have.
    let mut gone = std::process::Command::new("true").spawn().expect("spawn");
    let dead = gone.id();
    gone.wait().expect("wait");
    let live = std::process::id();
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", TEAM)]);
    let stale = format!(".team.toml.orglint-{dead}-1f2e-0.tmp");
    // Another run's, still at work: never touched.
    let busy = format!(".team.toml.orglint-{live}-3c4d-0.tmp");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::create_dir(dir.path().join("teams-old")).expect("mkdir");
    for name in [&stale, &busy] {
        let file = std::fs::File::create(dir.path().join("teams-old").join(name)).expect("create");
        file.set_modified(hour_ago).expect("mtime");
    }
    let (code, _, stderr) = run(dir.path(), &["check", "--format", "short"], PLAIN);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!(
            "warning: `teams-old/{stale}` is a temporary file that an interrupted run of orglint \
             (process {dead}, which has ended) left; `orglint check --fix` removes it\n"
        )
    );
    assert!(dir.path().join("teams-old").join(&stale).exists());
    let (code, _, stderr) = run(dir.path(), &["check", "--fix"], PLAIN);
    assert_eq!(code, 0);
    assert_eq!(
        stderr,
        format!(
            "fixed 1 finding in 1 file\nremoved `teams-old/{stale}`, a temporary file that an \
             interrupted run of orglint (process {dead}) left\n"
        )
    );
    assert!(!dir.path().join("teams-old").join(&stale).exists());
    assert!(dir.path().join("teams-old").join(&busy).exists());
    let (code, _, stderr) = run(dir.path(), &["check"], PLAIN);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn a_read_only_file_is_a_clear_error() {
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", TEAM)]);
    let path = dir.path().join("team.toml");
    let mut perms = std::fs::metadata(&path).expect("stat").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).expect("chmod");
    let (code, stdout, stderr) = run(dir.path(), &["check", "--fix", "--format", "short"], PLAIN);
    assert_eq!(
        stderr,
        "error: `team.toml` was not fixed: it is read-only; make it writable to fix it\n"
    );
    assert_eq!(code, 2);
    assert_eq!(read(dir.path(), "team.toml"), TEAM);
    // The report is of the files as they are.
    assert!(stdout.contains("error[lead-not-member]"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn a_link_is_not_written_through() {
    // `team.toml` is a link to a file the walk would not read by its own name.
    let dir = tree(&[("org.toml", PEOPLE), ("data/team.txt", TEAM)]);
    std::os::unix::fs::symlink("data/team.txt", dir.path().join("team.toml")).expect("symlink");
    let (code, _, stderr) = run(dir.path(), &["check", "--fix"], PLAIN);
    assert_eq!(
        stderr,
        "error: `team.toml` was not fixed: `team.toml` is a symbolic link; orglint does not \
         write a fixed file through a link, so name a file instead\n"
    );
    assert_eq!(code, 2);
    assert_eq!(read(dir.path(), "data/team.txt"), TEAM);
    assert!(
        std::fs::symlink_metadata(dir.path().join("team.toml"))
            .expect("stat")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn exit_codes() {
    let dir = tree(&[("org.toml", PEOPLE), ("team.toml", TEAM)]);
    let (code, _, stderr) = run(dir.path(), &["check", "--unsafe-fixes"], PLAIN);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.starts_with("error: `--unsafe-fixes` widens `--fix`"));
    let (code, _, _) = run(
        dir.path(),
        &["check", "--diff", "--write-baseline", "b.json"],
        PLAIN,
    );
    assert_eq!(code, 2);
    // What remains decides, as without `--fix`: an error left is exit 1.
    let typo = TEAM.replace("\"cy\"\n", "\"cyy\"\n");
    std::fs::write(dir.path().join("team.toml"), &typo).expect("write");
    let (code, stdout, _) = run(dir.path(), &["check", "--fix", "--format", "short"], PLAIN);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "org.toml:17:6: warning[orphan-person] cy is in no team and not in `[org].leadership`\n\
         team.toml:10:3: error[unknown-reference] `members` of team t names cyy, but no person \
         has that id\n1 error, 1 warning in 2 files\n"
    );
}

/// The first ```toml block under `## {heading}` of a page.
fn example(page: &str, heading: &str) -> String {
    let start = page.find(&format!("\n## {heading}\n")).expect("heading");
    let rest = &page[start..];
    let open = rest.find("```toml\n").expect("block") + "```toml\n".len();
    let close = rest[open..].find("\n```").expect("end");
    rest[open..open + close + 1].to_owned()
}

#[test]
fn every_page_example_a_fix_applies_to_is_fixed_by_it() {
    let mut fixed_rules = Vec::new();
    for rule in orglint::RULES {
        let dir = tree(&[("org.toml", example(rule.page, "Example"))]);
        let fixed = fix_in(dir.path(), true);
        if fixed.files.is_empty() {
            continue;
        }
        fixed_rules.push(rule.name);
        assert!(
            !fired(&fixed.report).contains(&rule.name),
            "{}: the fixed example still fires it:\n{}",
            rule.name,
            fixed.files[0].new
        );
    }
    assert_eq!(
        fixed_rules,
        ["alumni-in-team", "lead-not-member", "unknown-reference"]
    );
    // Where the page's fixed example is the mechanical fix, `--fix` writes exactly it.
    let page = orglint::rules::find("lead-not-member").expect("rule").page;
    let dir = tree(&[("org.toml", example(page, "Example"))]);
    assert_eq!(
        fix_in(dir.path(), false).files[0].new.as_str(),
        example(page, "Use instead")
    );
}

/// Two people who report to `ada`.
const BOB_AND_CY: &str = "[[person]]\nid = \"bob\"\nname = \"Bob\"\nrole = \"sre\"\nreports_to = \"ada\"\n\n[[person]]\nid = \"cy\"\nname = \"Cy\"\nrole = \"sre\"\nreports_to = \"ada\"\n";

/// `text` with the edits of every fix of `report` applied, last first (they do not overlap).
fn apply_all(report: &Report, text: &str) -> String {
    let mut edits: Vec<_> = report
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|fix| fix.edits.iter())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_owned();
    for edit in edits {
        out.replace_range(edit.span.range(), &edit.replacement);
    }
    out
}

/// A team file whose team `core` is led by ada, with `members` written as `members`.
fn team(members: &str) -> String {
    format!(
        "[[team]]\nid = \"core\"\nname = \"Core\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = {members}\n"
    )
}

#[test]
fn the_lead_not_member_fix_gives_valid_toml_with_the_lead_in_members() {
    let cases = [
        "[\"bob\"]".to_owned(),
        "['bob', 'cy']".to_owned(),
        "[ ]".to_owned(),
        "[]".to_owned(),
        "[\n  \"bob\", # the first\n  # more later\n]".to_owned(),
        "[\n  \"bob\" # no comma\n]".to_owned(),
        "[\"bob\",]".to_owned(),
        "[\"\"\"bob\"\"\"]".to_owned(),
        "[\n]".to_owned(),
    ];
    for members in &cases {
        let text = team(members);
        let files = [
            ("org.toml", crate::tiny_org!()),
            ("people.toml", BOB_AND_CY),
            ("teams.toml", text.as_str()),
        ];
        let before = support::lint_files(&files);
        let lead = before
            .findings
            .iter()
            .find(|f| f.rule.name == "lead-not-member")
            .unwrap_or_else(|| panic!("lead-not-member for {members}"));
        let fix = lead
            .fix
            .as_ref()
            .unwrap_or_else(|| panic!("a fix for {members}"));
        assert_eq!(fix.applicability, Applicability::Safe);
        let fixed = apply_all(&before, &text);
        let after = support::lint_files(&[
            ("org.toml", crate::tiny_org!()),
            ("people.toml", BOB_AND_CY),
            ("teams.toml", fixed.as_str()),
        ]);
        let parsed: toml::Table = fixed.parse().unwrap_or_else(|e| panic!("{fixed}: {e}"));
        let listed: Vec<&str> = parsed["team"][0]["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|v| v.as_str().expect("a string"))
            .collect();
        assert_eq!(listed.last(), Some(&"ada"), "{members} -> {fixed}");
        // Only the finding fixed goes (and those about the team's size may change).
        let others = |r: &Report| -> Vec<&str> {
            support::finding_rules(r)
                .into_iter()
                .filter(|r| !["lead-not-member", "team-size", "empty-team"].contains(r))
                .collect()
        };
        assert!(
            !support::finding_rules(&after).contains(&"lead-not-member"),
            "{members} -> {fixed}"
        );
        assert_eq!(others(&after), others(&before), "{members} -> {fixed}");
    }
}

#[test]
fn the_lead_not_member_fix_works_in_inline_tables_and_for_two_teams_at_once() {
    let text = "team = [\n  { id = \"a\", name = \"A\", kind = \"platform\", lead = \"ada\", members = [\"bob\"] },\n  { id = \"b\", name = \"B\", kind = \"platform\", lead = \"ada\", members = [] },\n]\n";
    let files = [
        ("org.toml", crate::tiny_org!()),
        ("people.toml", BOB_AND_CY),
        ("teams.toml", text),
    ];
    let before = support::lint_files(&files);
    let fixes = before.findings.iter().filter(|f| f.fix.is_some()).count();
    assert_eq!(fixes, 2, "{:?}", support::finding_rules(&before));
    let fixed = apply_all(&before, text);
    let after = support::lint_files(&[
        ("org.toml", crate::tiny_org!()),
        ("people.toml", BOB_AND_CY),
        ("teams.toml", fixed.as_str()),
    ]);
    assert!(
        !support::finding_rules(&after).contains(&"lead-not-member")
            && !support::finding_rules(&after).contains(&"invalid-toml"),
        "{fixed}: {:?}",
        support::finding_rules(&after)
    );
}

#[test]
fn no_lead_not_member_fix_where_members_holds_a_wrong_type() {
    for members in [
        "[1]",
        "[\"bob\", 2]",
        "[[\"bob\"]]",
        "{ bob = 1 }",
        "\"bob\"",
    ] {
        let text = team(members);
        let report = support::lint_files(&[
            ("org.toml", crate::tiny_org!()),
            ("people.toml", BOB_AND_CY),
            ("teams.toml", text.as_str()),
        ]);
        // `invalid-value` speaks for the broken `members`: no finding, so no fix either.
        assert!(
            report.findings.iter().all(|f| f.fix.is_none()),
            "{members}: {:?}",
            support::finding_rules(&report)
        );
        assert!(
            support::finding_rules(&report).contains(&"invalid-value"),
            "{members}"
        );
    }
}
