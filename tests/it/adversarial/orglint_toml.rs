//! A hostile `orglint.toml`: huge, deeply nested, of the wrong types, or with globs built to be
//! slow.

use super::*;

#[test]
#[ignore = "scale: .ci/run runs it against a release binary"]
fn a_huge_orglint_toml() {
    // 4 MB of rules that do not exist (20 MB took two minutes in a debug build): a configuration error, its list cut at twenty.
    let mut config = String::from("[rules]\n");
    let mut i = 0;
    while config.len() < 4 << 20 {
        config.push_str(&format!("no-such-rule-{i} = \"warn\"\n"));
        i += 1;
    }
    let dir = tree(&[("orglint.toml", config.as_bytes())]);
    for run in every_format(dir.path(), &[2]) {
        assert!(
            run.stderr.len() < 20_000,
            "{}: {} bytes",
            run.args,
            run.stderr.len()
        );
    }
}

#[test]
fn a_deeply_nested_orglint_toml() {
    let depth = 100_000;
    let config = format!(
        "[rules]\nteam-size = {}1{}\n[files]\nexclude = {}{}\n",
        "{a=".repeat(depth),
        "}".repeat(depth),
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let dir = tree(&[("orglint.toml", config.as_bytes())]);
    every_format(dir.path(), &[2]);
}

#[test]
fn an_orglint_toml_of_wrong_types() {
    let config = "files = 1\nrules = [1, 2]\nroles = { ml = \"x\", software = [1, {a = 2}] }\n\
                  suppressions = { require_reason = \"yes\" }\n[[x]]\ny = 1979-05-27T07:32:00Z\n";
    let dir = tree(&[("orglint.toml", config.as_bytes())]);
    every_format(dir.path(), &[2]);
}

#[test]
fn pathological_exclude_globs() {
    // Globs a backtracking matcher would take exponential time on; globset compiles them to
    // automata. A thousand of them, the limit, over a tree of a thousand files.
    let mut globs: Vec<String> = vec![
        "**/**/**/**/*".to_owned(),
        format!("{}x", "*a".repeat(300)),
        format!("{}/never", "**/".repeat(300)),
        "[!a-z][!a-z][!a-z]{a,b,{c,{d,{e,f}}}}/**".to_owned(),
    ];
    globs.extend((0..996).map(|i| format!("{}*{i}*/**/never", "?".repeat(i % 200))));
    let list: Vec<String> = globs.iter().map(|g| toml_string(g)).collect();
    // The tree may be empty: every file excluded is then no error, and every output is drawn.
    let config = format!(
        "[files]\nexclude = [{}]\nallow_empty = true\n",
        list.join(", ")
    );
    let dir = tree(&[("orglint.toml", config.as_bytes())]);
    for i in 0..1_000 {
        write(
            dir.path(),
            &format!("a/b/c/d/e/p{i}.toml"),
            format!(
                "[[person]]\nid = \"p{i}\"\nname = \"P\"\nrole = \"sre\"\nreports_to = \"ada\"\n"
            ),
        );
    }
    let report = json(&every_format(dir.path(), &[0, 1]));
    // `**/**/**/**/*` excludes every file, `org.toml` too: nothing is linted but the missing org.
    assert_eq!(rules(&report), ["missing-org"]);
}
