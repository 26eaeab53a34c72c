//! Reading a hostile tree: nothing outside it is read, nothing that is not a regular file is opened in a way that can block, every path it cannot read is named, and reading is bounded.

#![cfg(unix)]

use crate::support;

use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::support::write;

/// What one run printed.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `orglint ARGS` in `dir`, killed (and the test failed) if it does not end in 20 s: a run
/// that blocks on a FIFO must fail the test, not hang the suite.
fn orglint(dir: &Path, args: &[&str]) -> Run {
    let env = [
        ("NO_COLOR", Some("1")),
        ("ORGLINT_TEST_SECRET", Some("environ-s3cr3t")),
    ];
    let (code, stdout, stderr) = support::watched(dir, args, &env, Duration::from_secs(20));
    Run {
        code,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// `check` in every format: the short output (for snapshots) and all output of every format.
fn check_all(dir: &Path) -> (i32, String, String) {
    let short = orglint(dir, &["check", "--format", "short"]);
    let mut all = format!("{}{}", short.stdout, short.stderr);
    for args in [
        &["check", "--color", "never"][..],
        &["check", "--format", "json"][..],
    ] {
        let run = orglint(dir, args);
        assert_eq!(run.code, short.code, "{args:?}");
        all.push_str(&run.stdout);
        all.push_str(&run.stderr);
    }
    (short.code, short.stdout + &short.stderr, all)
}

/// Makes a FIFO at `path`.
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success());
}

fn link(target: impl AsRef<Path>, dir: &Path, name: &str) {
    let at = dir.join(name);
    std::fs::create_dir_all(at.parent().expect("parent")).expect("mkdir");
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

const ORG: &[u8] = crate::tiny_org!().as_bytes();

/// Lines that would be shown if the file were read: TOML errors on the first, unknown fields on
/// the second.
const SECRET: &[u8] =
    b"root:x:0:0:SECRET-passwd-line:/root:/bin/bash\nsecret_key = \"SECRET-aws-key\"\n";

/// A tree with an org file, and a directory outside it holding secrets.
fn tree() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = support::tree(&[("org.toml", ORG)]);
    let outside = support::tree(&[("credentials", SECRET), ("leaked/team.toml", SECRET)]);
    (dir, outside)
}

#[test]
fn links_out_of_the_tree_are_named_and_never_read() {
    let (dir, outside) = tree();
    let d = dir.path();
    link(outside.path().join("credentials"), d, "leak.toml");
    link("/etc/passwd", d, "passwd.toml");
    link("/proc/self/environ", d, "people/environ.toml");
    link(outside.path().join("leaked"), d, "teams");
    link("/", d, "everything");
    link("../../..", d, "a/b/up");
    let (code, short, all) = check_all(d);
    assert_eq!(code, 1);
    for secret in ["SECRET", "root:x:0", "environ-s3cr3t"] {
        assert!(!all.contains(secret), "{secret} in the output:\n{all}");
    }
    // Not broken: the links are not part of the org, so the whole-org rules still ran.
    insta::assert_snapshot!(short);
}

#[test]
fn links_inside_the_tree_keep_working() {
    let dir = support::tree(&[("org.toml", ORG)]);
    let d = dir.path();
    write(
        d,
        "shared/platform.toml",
        b"[[team]]\nid = \"platform\"\nname = \"Platform\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\ncolour = \"red\"\n",
    );
    write(d, "archive/bob.txt", b"[[person]]\nid = \"bob\"\nname = \"Bob\"\nrole = \"cto\"\nreports_to = \"ada\"\nhobby = \"chess\"\n");
    link("shared", d, "teams");
    link("../archive/bob.txt", d, "people/bob.toml");
    write(d, ".git/config", SECRET);
    link("../.git/config", d, "people/git.toml");
    let (code, short, all) = check_all(d);
    assert_eq!(code, 1);
    assert!(!all.contains("SECRET"), "{all}");
    // `shared/` is walked once, from its own place: `teams` reaches it a second time.
    insta::assert_snapshot!(short);
}

#[test]
fn fifos_and_devices_are_named_and_never_block() {
    let dir = support::tree(&[("org.toml", ORG)]);
    let d = dir.path();
    mkfifo(&d.join("x.toml"));
    std::fs::create_dir(d.join("in")).expect("mkdir");
    link("../x.toml", d, "in/fifo-link.toml");
    link("/dev/zero", d, "zero.toml");
    link("/dev/tty", d, "tty.toml");
    let (code, short, _) = check_all(d);
    assert_eq!(code, 1);
    insta::assert_snapshot!(short);
}

#[test]
fn orglint_toml_is_refused_when_it_links_out_of_the_tree() {
    let (dir, outside) = tree();
    let d = dir.path();
    link(outside.path().join("credentials"), d, "orglint.toml");
    let run = orglint(d, &["check", "--color", "never"]);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains("SECRET"), "{}", run.stderr);
    assert!(!run.stdout.contains("SECRET"), "{}", run.stdout);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn an_explicit_config_may_lie_anywhere_but_must_be_a_regular_file() {
    let (dir, outside) = tree();
    let d = dir.path();
    write(
        outside.path(),
        "custom.toml",
        b"[rules]\nteam-size = \"off\"\n",
    );
    let custom = outside.path().join("custom.toml");
    let run = orglint(
        d,
        &["check", "--config", custom.to_str().expect("utf-8 path")],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    mkfifo(&d.join("pipe"));
    let run = orglint(d, &["check", "--config", "pipe"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_name_that_is_not_utf8_is_read_and_shown_escaped() {
    let dir = support::tree(&[("org.toml", ORG)]);
    let d = dir.path();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9 \xff.toml");
    std::fs::write(
        d.join(name),
        b"[[person]]\nid = \"jo\"\nname = \"Jo\"\nrole = \"cto\"\nreports_to = \"ada\"\nhobby = \"chess\"\n",
    )
    .expect("write");
    let (code, short, all) = check_all(d);
    assert_eq!(code, 1);
    assert!(!all.contains('\u{fffd}'), "{all}");
    let json = orglint(d, &["check", "--format", "json"]).stdout;
    assert!(json.contains(r#""caf\\xe9 \\xff.toml""#), "{json}");
    insta::assert_snapshot!(short);
}

#[test]
fn a_path_too_long_for_the_system_is_a_finding() {
    let dir = support::tree(&[("org.toml", ORG)]);
    let d = dir.path();
    // 20 directories of 250 characters: past PATH_MAX (4096), so made relative to each other.
    std::fs::create_dir(d.join("deep")).expect("mkdir");
    deep_chain(&d.join("deep"), 20, "x = 1\n");
    let run = orglint(d, &["check", "--format", "short"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    let (place, message) = lines[0].split_once(": ").expect("a finding");
    assert!(
        place.starts_with("deep/ddd") && place.ends_with(":1:1"),
        "{place}"
    );
    assert_eq!(
        message,
        "error[invalid-toml] cannot read: File name too long (os error 36)"
    );
    assert!(
        lines[1].contains("1 file could not be parsed"),
        "{}",
        lines[1]
    );
}

#[test]
fn a_key_past_the_recursion_limit_points_at_its_line() {
    let key = vec!["a"; 300].join(".");
    let person = "[[person]]\nid = \"bo\"\nname = \"Bo\"\nrole = \"cto\"\n";
    let dir = support::tree(&[
        ("org.toml", ORG.to_vec()),
        ("dotted.toml", format!("{person}{key} = 1\n").into_bytes()),
        (
            "header.toml",
            format!("{person}\n[{key}]\nx = 1\n").into_bytes(),
        ),
        (
            "array.toml",
            format!("{person}\n[[{key}]]\nx = 1\n").into_bytes(),
        ),
    ]);
    let d = dir.path();
    let (code, short, _) = check_all(d);
    assert_eq!(code, 1);
    insta::assert_snapshot!(short);
}

/// Makes `depth` nested directories of 250-character names in `top`, with `team.toml` (holding
/// `text`) at the bottom, through `mkdirat`/`openat`: their path is too long to name at once.
fn deep_chain(top: &Path, depth: usize, text: &str) {
    use std::ffi::CString;
    let c = |s: &[u8]| CString::new(s).expect("no NUL");
    let name = c(&[b'd'; 250]);
    // SAFETY: plain system calls on descriptors this function owns, each checked.
    unsafe {
        let mut fd = libc::open(
            c(top.as_os_str().as_bytes()).as_ptr(),
            libc::O_RDONLY | libc::O_DIRECTORY,
        );
        assert!(fd >= 0, "open {}", top.display());
        for _ in 0..depth {
            assert_eq!(libc::mkdirat(fd, name.as_ptr(), 0o755), 0, "mkdirat");
            let next = libc::openat(fd, name.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY);
            assert!(next >= 0, "openat");
            libc::close(fd);
            fd = next;
        }
        let file = libc::openat(
            fd,
            c(b"team.toml").as_ptr(),
            libc::O_WRONLY | libc::O_CREAT,
            0o644,
        );
        assert!(file >= 0, "create team.toml");
        let written = libc::write(file, text.as_ptr().cast(), text.len());
        assert_eq!(written, text.len() as isize);
        libc::close(file);
        libc::close(fd);
    }
}

/// A team whose lead is not in `members`: a finding `--fix` fixes, so that a run that read this
/// file would also write it.
const SWAPPED_TEAM: &[u8] =
    b"[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = []\n";

/// What only the outside directory holds: an id no run may ever show, in a file `--fix` would fix.
const OUTSIDER: &[u8] = b"[[team]]\nid = \"outsider-7f3a\"\nname = \"Outsider\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = []\n";

/// Spins for `spell`: sleeping takes 50 µs at least.
#[cfg(target_os = "linux")]
fn wait(spell: Duration) {
    let from = std::time::Instant::now();
    while from.elapsed() < spell {
        std::hint::spin_loop();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_directory_swapped_for_a_link_mid_run_is_never_read_or_written_through() {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::Instant;

    let dir = support::tree(&[("org.toml", ORG), ("teams/t.toml", SWAPPED_TEAM)]);
    // The outside directory holds a file of the same name and bytes (what `--fix` re-reads before
    // writing would find unchanged), and one only it has.
    let outside = support::tree(&[("t.toml", SWAPPED_TEAM), ("zz.toml", OUTSIDER)]);
    let d = dir.path().to_path_buf();
    // Hidden, so never walked, whichever of the two it is at the moment.
    link(outside.path(), &d, ".swap");
    let (teams, swap) = (d.join("teams"), d.join(".swap"));
    let exchange = move || {
        renameat_with(CWD, &teams, CWD, &swap, RenameFlags::EXCHANGE).expect("exchange");
    };
    // Held by the swapping thread through each swap and back, so that whoever holds it sees
    // `teams/` in its place.
    let real = Arc::new(Mutex::new(()));
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let (real, stop) = (Arc::clone(&real), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut swaps = 0u64;
            while !stop.load(Ordering::Relaxed) {
                // Swapped for spells from none at all to a millisecond, so that every step of a
                // run (the walk, the reads, the re-read and the rename of `--fix`) meets both.
                let spell = Duration::from_micros([0, 2, 10, 40, 150, 1_000][swaps as usize % 6]);
                let _held = real.lock().expect("lock");
                exchange();
                wait(spell);
                exchange();
                swaps += 1;
                drop(_held);
                wait(spell);
            }
            swaps
        })
    };
    let outside_names = |o: &Path| {
        let mut names: Vec<_> = std::fs::read_dir(o)
            .expect("list outside")
            .map(|e| e.expect("entry").file_name())
            .collect();
        names.sort();
        names
    };
    let names_before = outside_names(outside.path());
    let start = Instant::now();
    let (mut runs, mut fixed, mut breaches) = (0, 0, Vec::new());
    while start.elapsed() < Duration::from_secs(4) {
        let args: &[&str] = match runs % 3 {
            0 => &["check", "--format", "json"],
            1 => &["check", "--fix", "--format", "json"],
            // A report written into the directory that is swapped.
            _ => &["check", "--format", "json", "--output", "teams/report.json"],
        };
        let run = orglint(&d, args);
        runs += 1;
        let report = std::fs::read_to_string(d.join("teams/report.json")).unwrap_or_default();
        let shown = format!("{}{}{report}", run.stdout, run.stderr).to_lowercase();
        if shown.contains("outsider") || shown.contains("zz.toml") {
            breaches.push(format!(
                "{args:?} reported an outside file:\n{}{}",
                run.stdout, run.stderr
            ));
        }
        let _held = real.lock().expect("lock");
        for (name, bytes) in [("t.toml", SWAPPED_TEAM), ("zz.toml", OUTSIDER)] {
            let now = std::fs::read(outside.path().join(name)).expect("read outside");
            if now != bytes {
                breaches.push(format!("{args:?} wrote the outside {name}"));
                std::fs::write(outside.path().join(name), bytes).expect("restore outside");
            }
        }
        for name in outside_names(outside.path()) {
            if !names_before.contains(&name) {
                breaches.push(format!("{args:?} left {name:?} outside"));
                std::fs::remove_file(outside.path().join(name)).expect("remove");
            }
        }
        let inside = d.join("teams/t.toml");
        if std::fs::read(&inside).expect("read inside") != SWAPPED_TEAM {
            fixed += 1;
            std::fs::write(&inside, SWAPPED_TEAM).expect("restore inside");
        }
    }
    stop.store(true, Ordering::Relaxed);
    let swaps = swapper.join().expect("swapper");
    assert!(swaps > 0 && runs > 0, "{swaps} swaps, {runs} runs");
    let count = |what: &str| breaches.iter().filter(|b| b.contains(what)).count();
    assert!(
        breaches.is_empty(),
        "in {runs} runs ({swaps} swaps, {fixed} inside fixes), {} reported an outside file, {} \
         wrote one, {} left one; the first:\n{}",
        count("reported"),
        count("wrote"),
        count("left"),
        breaches[0]
    );
    eprintln!("{runs} runs, {swaps} swaps, the inside file fixed {fixed} times: nothing outside");
}
