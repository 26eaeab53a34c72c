//! Size: a fifty-megabyte file, arrays and tables nested past any reason, a hundred thousand people,
//! members or links in one chain, cycles that overlap, an id of two hundred thousand characters
//! and thousands of suppression comments.

use super::*;

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_fifty_megabyte_file() {
    // 20,000 people whose names are 2,500 bytes of many scripts: 50 MB in 80,000 values, well
    // under the value limit, so it is parsed and linted, and every name is cut in messages.
    let name: String = "Zoë 中文 👩‍💻 é\u{301} ".repeat(2_500 / 30);
    let mut text = String::with_capacity(52 << 20);
    let mut i = 0;
    while text.len() < 50 << 20 {
        text.push_str(&format!(
            "[[person]]\nid = \"p{i}\"\nname = \"{name}\"\nrole = \"ml-engineer\"\nreports_to = \"ada\"\n\n"
        ));
        i += 1;
    }
    let dir = tree(&[("people.toml", text.as_bytes())]);
    let runs = every_format(dir.path(), &[0, 1]);
    let report = json(&runs);
    assert_eq!(report["summary"]["broken_files"], 0);
    // 20,000 people in no team, all reporting to Ada.
    assert_eq!(rules(&report), ["orphan-person", "span-of-control"]);
    for run in &runs {
        // Messages cut long values: no output holds one name whole.
        assert!(!run.stdout.contains(&name), "{}: a name whole", run.args);
    }
}

#[test]
fn a_hundred_thousand_deep_array() {
    let depth = 100_000;
    let text = format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let dir = tree(&[("deep.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[1]));
    assert_eq!(rules(&report), ["invalid-toml"]);
    assert_eq!(report["diagnostics"][0]["file"], "deep.toml");
}

#[test]
fn a_fifty_thousand_deep_inline_table() {
    let depth = 50_000;
    let text = format!("x = {}1{}\n", "{a=".repeat(depth), "}".repeat(depth));
    let dir = tree(&[("deep.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[1]));
    assert_eq!(rules(&report), ["invalid-toml"]);
    assert_eq!(report["diagnostics"][0]["file"], "deep.toml");
}

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_hundred_thousand_people_in_one_file() {
    let mut text = String::new();
    for i in 0..100_000 {
        text.push_str(&format!(
            "[[person]]\nid = \"p{i}\"\nname = \"P{i}\"\nrole = \"software-engineer\"\nreports_to = \"ada\"\n\n"
        ));
    }
    let members: Vec<String> = (0..100_000).map(|i| format!("\"p{i}\"")).collect();
    text.push_str(&format!(
        "[[team]]\nid = \"all\"\nname = \"All\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\", {}]\n",
        members.join(", ")
    ));
    let dir = tree(&[("people.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[0, 1]));
    assert_eq!(report["summary"]["broken_files"], 0);
    // One team of 100,001 people is too big, and Ada leads 100,000 people directly.
    assert_eq!(rules(&report), ["span-of-control", "team-size"]);
}

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_hundred_thousand_member_team_on_one_line() {
    // Every member unknown: 100,000 findings on one line, cut to a hundred and counted.
    let members: Vec<String> = (0..100_000).map(|i| format!("\"ghost{i}\"")).collect();
    let text = format!(
        "[[team]]\nid = \"big\"\nname = \"Big\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\", {}]\n",
        members.join(", ")
    );
    let dir = tree(&[("big.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[1]));
    assert!(
        report["summary"]["errors"].as_u64().expect("errors") >= 100_000,
        "{}",
        report["summary"]
    );
}

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_hundred_thousand_long_reports_to_chain() {
    let dir = tree(&[("people.toml", people_chain(100_000).as_bytes())]);
    let report = json(&every_format(dir.path(), &[0, 1]));
    assert!(rules(&report).contains(&"management-depth".to_owned()));
}

// One person in each of 100,000 chained teams: `team-size` once scanned all of a member's teams
// for each umbrella above them, quadratic here (past the watchdog in a debug build).
#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_hundred_thousand_long_parent_chain() {
    let n = 100_000;
    let mut text = String::with_capacity(n * 100);
    for i in 0..n {
        let parent = if i > 0 {
            format!("parent = \"t{}\"\n", i - 1)
        } else {
            String::new()
        };
        text.push_str(&format!(
            "[[team]]\nid = \"t{i}\"\nname = \"T{i}\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\n{parent}\n"
        ));
    }
    let dir = tree(&[("teams.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[0, 1]));
    assert_eq!(report["summary"]["broken_files"], 0);
    assert!(!rules(&report).contains(&"team-cycle".to_owned()));
}

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn many_overlapping_cycles() {
    // 1,000 reporting cycles of 10, each with a tail of 40 people running into it; and, through
    // ids defined twice, cycles that share people (`q{i}` reports both to `q{i+1}` and to
    // `q{i+2}`); the same shapes in teams' `parent`.
    let mut text = String::new();
    let person = |id: &str, up: &str| {
        format!(
            "[[person]]\nid = \"{id}\"\nname = \"N\"\nrole = \"sre\"\nreports_to = \"{up}\"\n\n"
        )
    };
    let team = |id: &str, up: &str| {
        format!(
            "[[team]]\nid = \"{id}\"\nname = \"N\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\nparent = \"{up}\"\n\n"
        )
    };
    for c in 0..1_000 {
        for i in 0..10 {
            let (id, up) = (format!("c{c}-{i}"), format!("c{c}-{}", (i + 1) % 10));
            text.push_str(&person(&id, &up));
            text.push_str(&team(&format!("t{id}"), &format!("t{up}")));
        }
        for i in 0..40 {
            let id = format!("c{c}-tail{i}");
            let up = if i == 0 {
                format!("c{c}-0")
            } else {
                format!("c{c}-tail{}", i - 1)
            };
            text.push_str(&person(&id, &up));
        }
    }
    for i in 0..2_000 {
        text.push_str(&person(&format!("q{i}"), &format!("q{}", (i + 1) % 2_000)));
        text.push_str(&person(&format!("q{i}"), &format!("q{}", (i + 2) % 2_000)));
        text.push_str(&team(&format!("tq{i}"), &format!("tq{}", (i + 1) % 2_000)));
        text.push_str(&team(&format!("tq{i}"), &format!("tq{}", (i + 3) % 2_000)));
    }
    let dir = tree(&[("cycles.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[1]));
    let fired = rules(&report);
    for rule in ["duplicate-id", "reporting-cycle", "team-cycle"] {
        assert!(fired.contains(&rule.to_owned()), "{rule}: {fired:?}");
    }
}

#[test]
fn a_two_hundred_thousand_character_id() {
    let id = "a".repeat(200_000);
    let text = format!(
        "[[person]]\nid = \"{id}\"\nname = \"Long\"\nrole = \"cto\"\nreports_to = \"{id}\"\n\n\
         [[team]]\nid = \"{id}\"\nname = \"Long\"\nkind = \"platform\"\nlead = \"{id}\"\nmembers = [\"{id}\"]\nparent = \"{id}\"\n"
    );
    let dir = tree(&[("long.toml", text.as_bytes())]);
    let runs = every_format(dir.path(), &[1]);
    assert!(rules(&json(&runs)).contains(&"invalid-value".to_owned()));
    for run in &runs {
        // Messages cut it; the report and the graph may name it, a few times at most.
        let check = run.args.starts_with("[\"check\"");
        assert!(
            !check || !run.stdout.contains(&id),
            "{}: the id whole",
            run.args
        );
        assert!(
            run.stdout.len() < 20 * text.len(),
            "{}: {} bytes",
            run.args,
            run.stdout.len()
        );
    }
}

#[test]
fn thousands_of_suppression_comments() {
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(&format!(
            "# orglint: allow(unknown-field, no-such-rule-{i}) -- because {i}\n[[team]]\nid = \"t{i}\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\n\
             # orglint: allow(unknown-field) -- <script>\u{9b}2J\ncolour = \"red\"\n\n"
        ));
    }
    let dir = tree(&[("teams.toml", text.as_bytes())]);
    let report = json(&every_format(dir.path(), &[0, 1]));
    assert_eq!(report["summary"]["suppressed"], 5_000);
    assert!(rules(&report).contains(&"invalid-suppression".to_owned()));
}
