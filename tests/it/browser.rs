//! The HTML report in a real browser (issue 11, item 6): Debian's chromium, headless, renders the
//! example org's page and a generated 1,000-team org's; the rendered DOM holds one chart node per
//! team (drawn or folded), and the browser logs no console message. `.ci/run` installs chromium
//! and keeps a screenshot of the example org's page.
//!
//! Needs `chromium` on PATH; without it the tests fail when `CI` is set and otherwise say on
//! stderr that they skipped.

use crate::support;
use crate::synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use orglint::leadership_report::{self, ReportFormat};

fn have_chromium(test: &str) -> bool {
    support::tool_or_skip(
        "chromium",
        "apt-get install --no-install-recommends chromium",
        test,
    )
}

/// What headless chromium made of `page`: the rendered DOM and its log, and how long it took.
/// `extra` adds flags (a screenshot).
fn render(page: &Path, extra: &[String]) -> (String, String, Duration) {
    let started = Instant::now();
    // A profile of its own: chromium instances sharing one (tests run in parallel) hand their
    // page to the first and wait on it.
    let profile = tempfile::tempdir().expect("a profile directory");
    let mut child = Command::new("chromium")
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        // Into files, not pipes: a DOM larger than a pipe's buffer would block chromium while
        // this waits for it to exit.
        .stdout(std::fs::File::create(profile.path().join("dom")).expect("dom file"))
        .stderr(std::fs::File::create(profile.path().join("log")).expect("log file"))
        .spawn()
        .expect("start chromium");
    // A page that never finishes loading must fail the test, not hang it.
    let deadline = started + Duration::from_secs(120);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium took more than 120 s on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = child.wait().expect("chromium's status");
    let log = std::fs::read(profile.path().join("log")).expect("the log");
    let log = String::from_utf8_lossy(&log).into_owned();
    assert!(status.success(), "chromium failed ({status}): {log}");
    let dom = std::fs::read_to_string(profile.path().join("dom")).expect("a UTF-8 DOM");
    (dom, log, started.elapsed())
}

/// The console messages in chromium's log (`INFO:CONSOLE:...`): a page with no script logs none,
/// so each is an error of the page (a refused resource, a parse error).
fn console_messages(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

/// How many chart nodes the rendered DOM holds: drawn team boxes, and the teams folded into
/// "N teams without findings" boxes (each says how many in its title).
fn chart_nodes(dom: &str) -> (usize, usize) {
    let drawn = dom.matches("<g class=\"team\"").count();
    let folded = dom
        .split("<g class=\"folded\"")
        .skip(1)
        .map(|rest| {
            let title = rest.split_once("<title>").expect("a title").1;
            let n = title.split_once(' ').expect("a count").0.replace(',', "");
            n.parse::<usize>().expect("a count")
        })
        .sum();
    (drawn, folded)
}

fn write_page(dir: &Path, report: &orglint::Report) -> PathBuf {
    let path = dir.join("report.html");
    std::fs::write(&path, leadership_report::render(report, ReportFormat::Html))
        .expect("write the page");
    path
}

#[test]
fn the_console_check_sees_a_console_message() {
    // The detector is real: a page that logs is caught.
    if !have_chromium("the_console_check_sees_a_console_message") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("logs.html");
    std::fs::write(
        &page,
        "<!doctype html><p>x</p><script>console.error('from the page')</script>",
    )
    .expect("write");
    let (_, log, _) = render(&page, &[]);
    let messages = console_messages(&log);
    assert!(
        messages.iter().any(|m| m.contains("from the page")),
        "{log}"
    );
}

#[test]
fn the_example_orgs_report_renders_one_chart_node_per_team() {
    if !have_chromium("the_example_orgs_report_renders_one_chart_node_per_team") {
        return;
    }
    let report = support::lint_dir(Path::new("fixtures/example-org"));
    let dir = tempfile::tempdir().expect("tempdir");
    let page = write_page(dir.path(), &report);
    let shot = dir.path().join("report.png");
    let (dom, log, _) = render(
        &page,
        &[
            "--window-size=1280,2400".to_owned(),
            "--hide-scrollbars".to_owned(),
            format!("--screenshot={}", shot.display()),
        ],
    );
    assert_eq!(console_messages(&log), Vec::<&str>::new(), "{log}");
    let (drawn, folded) = chart_nodes(&dom);
    assert_eq!(
        (drawn, folded),
        (report.org.teams.len(), 0),
        "one box per team, none folded"
    );
    assert!(dom.contains("<h1>Northwind Mobility</h1>"), "{dom}");
    let png = std::fs::read(&shot).expect("the screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000);
    // `.ci/run` keeps the screenshot where a person can look at it.
    if let Some(keep) = std::env::var_os("ORGLINT_SCREENSHOT") {
        std::fs::copy(&shot, keep).expect("keep the screenshot");
    }
}

#[test]
fn a_generated_1000_team_orgs_report_renders_in_the_browser() {
    if !have_chromium("a_generated_1000_team_orgs_report_renders_in_the_browser") {
        return;
    }
    let temp = tempfile::tempdir().expect("tempdir");
    let org = synth::generate(&synth::Options {
        people: 10_000,
        seed: 1,
        layout: synth::Layout::Files,
    });
    org.write(&temp.path().join("org")).expect("write");
    let report = orglint::check(&orglint::CheckOptions {
        paths: vec![temp.path().join("org")],
        cwd: temp.path().to_path_buf(),
        ..Default::default()
    })
    .expect("report");
    let page = write_page(temp.path(), &report);
    let (dom, log, took) = render(&page, &[]);
    assert_eq!(console_messages(&log), Vec::<&str>::new(), "{log}");
    let (drawn, folded) = chart_nodes(&dom);
    assert_eq!(
        drawn + folded,
        report.org.teams.len(),
        "one chart node per team"
    );
    eprintln!(
        "note: chromium rendered the {}-team report ({} KB) in {:.1} s",
        report.org.teams.len(),
        std::fs::metadata(&page).expect("page").len() / 1024,
        took.as_secs_f64()
    );
}
