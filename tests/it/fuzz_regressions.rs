//! Every input the fuzz target crashed, hung or ran out of memory on, kept in
//! `fixtures/fuzz-regressions/` (one file each, the target's bytes as libFuzzer wrote them),
//! run through the same pipeline and checks as the target (`tests/support/pipeline.rs`), so
//! that a fixed crash stays fixed in the normal suite. `fuzz/README.md` says how to add one.

use crate::support;

use crate::support::pipeline;

use pipeline::Input;

#[test]
fn every_kept_input_runs_clean() {
    let dir = support::repo().join("fixtures/fuzz-regressions");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/fuzz-regressions")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_none_or(|e| e != "md"))
        .collect();
    paths.sort();
    for path in paths {
        let data = std::fs::read(&path).expect("a kept input");
        let result = std::panic::catch_unwind(|| pipeline::run(&Input::decode(&data)));
        assert!(result.is_ok(), "{} fails again", path.display());
    }
}

/// The decoding the regression files rely on: flags, width, rule, then files; an input
/// encoded and decoded is the same input.
#[test]
fn an_input_encodes_and_decodes_to_itself() {
    let input = Input {
        config: Some("[rules]\nteam-size = \"off\"\n".to_owned()),
        files: vec![
            ("org.toml".to_owned(), crate::tiny_org!().to_owned()),
            (
                "teams/a b.toml".to_owned(),
                "[[team]]\nid = \"x\"\n".to_owned(),
            ),
        ],
        color: true,
        width: 57,
        people: true,
        ignore: Some(3),
        select: None,
        baseline: true,
    };
    let back = Input::decode(&input.encode());
    assert_eq!(format!("{back:?}"), format!("{input:?}"));
    // No bytes, and bytes that are all flags, are inputs too.
    assert!(Input::decode(&[]).files.is_empty());
    assert_eq!(Input::decode(&[0xff]).width, 40);
}
