//! The library's staged API: linting texts a caller holds as `orglint check` lints files, two
//! workspaces in one process, the stages one by one, findings' entities and fixes, the baseline
//! stage and the library's `Error`.

use crate::support;

use std::path::{Path, PathBuf};

use crate::support::{repo, tree};
use orglint::engine::{self, PathFilter};
use orglint::tree::Kind;
use orglint::{
    Applicability, Baseline, CheckOptions, Config, EntityKind, Error, Report, Settings, Tree,
};

/// Every file under `dir`, as `(absolute path, text)`, in no particular order.
fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let text = std::fs::read_to_string(&path).expect("read");
                out.push((path, text));
            }
        }
    }
    // Reversed, so that the loader's own ordering is what makes the output match.
    out.sort();
    out.reverse();
    out
}

/// Lints a workspace held in memory, rooted at `root`: the root's `orglint.toml` (if any)
/// configures it, every other file the tree would read is an entity file, shown relative to `cwd`.
fn lint_in_memory(root: &Path, files: Vec<(PathBuf, String)>, cwd: &Path) -> Report {
    let config_path = root.join("orglint.toml");
    let config = match files.iter().find(|(p, _)| *p == config_path) {
        Some((path, text)) => {
            let shown = orglint::paths::display_path(path, cwd);
            Config::parse(text, &shown, path).expect("valid configuration")
        }
        None => Config::default(),
    };
    let tree = Tree::new(root.to_path_buf(), &config);
    let entity_files: Vec<(PathBuf, String)> = files
        .into_iter()
        .filter(|(p, _)| tree.classify(p, false) == Kind::Entity)
        .collect();
    let settings = Settings::new(config, &[], &[]).expect("settings");
    let loaded = orglint::load_texts(entity_files, cwd);
    orglint::lint(tree, loaded, &settings, None, &Baseline::default())
}

fn lint_on_disk(dir: &Path, cwd: &Path) -> Report {
    orglint::check(&CheckOptions {
        paths: vec![dir.to_path_buf()],
        cwd: cwd.to_path_buf(),
        ..CheckOptions::default()
    })
    .expect("check")
}

#[test]
fn the_example_org_from_texts_gives_the_json_of_the_disk_run() {
    let root = repo().join("fixtures/example-org");
    let disk = lint_on_disk(&root, &repo());
    let memory = lint_in_memory(&root, files_under(&root), &repo());
    assert!(!disk.findings.is_empty());
    assert_eq!(support::json(&memory), support::json(&disk));
    assert_eq!(memory.files, disk.files);
    assert_eq!(memory.suppressed, disk.suppressed);
}

#[test]
fn a_syntax_error_in_a_text_is_the_same_invalid_toml_as_on_disk() {
    let files = [
        ("org.toml", crate::tiny_org!()),
        ("teams/broken.toml", "[[team]\nid = \"core\"\n"),
    ];
    let dir = tree(&files);
    let root = dir.path();
    let disk = lint_on_disk(root, root);
    let texts = files
        .iter()
        .map(|(p, t)| (root.join(p), (*t).to_owned()))
        .collect();
    let memory = lint_in_memory(root, texts, root);
    let disk_json = support::json(&disk);
    assert!(
        disk_json.contains("\"rule\": \"invalid-toml\""),
        "{disk_json}"
    );
    assert!(
        disk_json.contains("\"file\": \"teams/broken.toml\""),
        "{disk_json}"
    );
    assert_eq!(support::json(&memory), disk_json);
    assert_eq!(memory.broken, 1);
}

#[test]
fn relative_paths_of_texts_are_joined_to_the_working_directory() {
    let cwd = Path::new("/nowhere/org");
    let settings = Settings::new(Config::default(), &[], &[]).expect("settings");
    let loaded = orglint::load_texts([("teams/a.toml", "[[team]\nid = 1\n")], cwd);
    let report = orglint::lint(
        Tree::new(cwd.to_path_buf(), settings.config()),
        loaded,
        &settings,
        None,
        &Baseline::default(),
    );
    let src = report.sources.get(0);
    assert_eq!(src.display, "teams/a.toml");
    assert_eq!(src.path, Path::new("/nowhere/org/teams/a.toml"));
}

const LEAD_OUTSIDE: &str = "[[team]]\nid = \"core\"\nname = \"Core\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"bob\"]\n\n[[person]]\nid = \"bob\"\nname = \"Bob\"\nrole = \"engineer\"\nreports_to = \"ada\"\n";

fn workspace(team_file: &str) -> Vec<(PathBuf, String)> {
    vec![
        (PathBuf::from("org.toml"), crate::tiny_org!().to_owned()),
        (PathBuf::from("teams.toml"), team_file.to_owned()),
    ]
}

/// Lints `files` (relative to a root of its own) with every rule at its default level.
fn lint_texts(files: Vec<(PathBuf, String)>) -> Report {
    let root = Path::new("/ws");
    let files = files.into_iter().map(|(p, t)| (root.join(p), t)).collect();
    lint_in_memory(root, files, root)
}

#[test]
fn two_workspaces_lint_side_by_side_in_one_process() {
    let fixed = LEAD_OUTSIDE.replace("[\"bob\"]", "[\"bob\", \"ada\"]");
    let alone_a = support::json(&lint_texts(workspace(LEAD_OUTSIDE)));
    let alone_b = support::json(&lint_texts(workspace(&fixed)));
    assert!(alone_a.contains("lead-not-member"));
    assert!(!alone_b.contains("lead-not-member"));
    // Both loaded before either is linted, with one set of settings, then on two threads at once:
    // nothing of one may leak into the other.
    let settings = Settings::new(Config::default(), &[], &[]).expect("settings");
    let root = Path::new("/ws");
    let load = |files: Vec<(PathBuf, String)>| orglint::load_texts(files, root);
    let (a, b) = (load(workspace(LEAD_OUTSIDE)), load(workspace(&fixed)));
    let run = |loaded| {
        let tree = Tree::new(root.to_path_buf(), settings.config());
        support::json(&orglint::lint(
            tree,
            loaded,
            &settings,
            None,
            &Baseline::default(),
        ))
    };
    let (json_a, json_b) = std::thread::scope(|s| {
        let a = s.spawn(|| run(a));
        let b = s.spawn(|| run(b));
        (a.join().expect("a"), b.join().expect("b"))
    });
    assert_eq!(json_a, alone_a);
    assert_eq!(json_b, alone_b);
    // And again, in the other order, on one thread.
    assert_eq!(run(load(workspace(&fixed))), alone_b);
    assert_eq!(run(load(workspace(LEAD_OUTSIDE))), alone_a);
}

#[test]
fn the_stages_one_by_one_give_what_lint_gives() {
    let root = repo().join("fixtures/example-org");
    let whole = lint_in_memory(&root, files_under(&root), &repo());

    let config_path = root.join("orglint.toml");
    let text = std::fs::read_to_string(&config_path).expect("config");
    let config =
        Config::parse(&text, "fixtures/example-org/orglint.toml", &config_path).expect("config");
    let tree = Tree::new(root.clone(), &config);
    let settings = Settings::new(config, &[], &[]).expect("settings");
    let loaded = orglint::load_tree(&tree, &repo());
    let mut model = engine::build_model(loaded, settings.config());
    let mut findings = model.take_loader_findings();
    findings.extend(engine::run_rules(&model, &settings));
    let everything = PathFilter::everything();
    let findings = engine::keep_enabled(findings, &settings);
    let suppressed = engine::suppress(findings, &model, &settings, &everything);
    let mut reported = engine::level_and_fingerprint(suppressed.findings, &model, &settings);
    engine::sort(&mut reported, &model.sources);
    let reported = engine::cap(reported);

    assert_eq!(suppressed.suppressed, whole.suppressed);
    let ours: Vec<(&str, &str, &str)> = reported
        .iter()
        .map(|f| (f.rule.name, f.message.as_str(), f.fingerprint.as_str()))
        .collect();
    let theirs: Vec<(&str, &str, &str)> = whole
        .findings
        .iter()
        .map(|f| (f.rule.name, f.message.as_str(), f.fingerprint.as_str()))
        .collect();
    assert_eq!(ours, theirs);
}

#[test]
fn a_path_filter_keeps_the_named_files_and_every_broken_one() {
    let root = Path::new("/ws");
    let files = vec![
        (root.join("org.toml"), crate::tiny_org!().to_owned()),
        (root.join("a.toml"), "[[team]]\nid = 1\n".to_owned()),
        (root.join("b/c.toml"), "[[team]\n".to_owned()),
    ];
    let loaded = orglint::load_texts(files, root);
    let filter = PathFilter::new(&loaded, &[root.join("org.toml")]);
    let kept: Vec<bool> = (0..loaded.sources.len() as u32)
        .map(|f| filter.keeps_file(f))
        .collect();
    // In path order: a.toml, b/c.toml (broken), org.toml.
    assert_eq!(kept, [false, true, true]);
    assert!(PathFilter::everything().keeps_file(0));
}

#[test]
fn findings_know_the_entity_they_lie_in() {
    let report = lint_texts(workspace(LEAD_OUTSIDE));
    let lead = report
        .findings
        .iter()
        .find(|f| f.rule.name == "lead-not-member")
        .expect("lead-not-member");
    let entity = lead.entity.as_ref().expect("an entity");
    assert_eq!(
        (entity.kind, entity.id.as_str()),
        (EntityKind::Team, "core")
    );
    assert_eq!(entity.to_string(), "team:core");
    // The loader's findings too: an unknown key of person bob.
    let report = lint_texts(workspace(&format!("{LEAD_OUTSIDE}colour = \"red\"\n")));
    let unknown = report
        .findings
        .iter()
        .find(|f| f.rule.name == "unknown-field")
        .expect("unknown-field");
    assert_eq!(
        unknown.entity.as_ref().map(|e| e.to_string()).as_deref(),
        Some("person:bob")
    );
    // And the suppression pass's, in the entity of the comment.
    let report = lint_texts(workspace(&LEAD_OUTSIDE.replace(
        "reports_to = \"ada\"\n",
        "reports_to = \"ada\" # orglint: allow(team-size) -- fine\n",
    )));
    let unused = report
        .findings
        .iter()
        .find(|f| f.rule.name == "unused-suppression")
        .expect("unused-suppression");
    assert_eq!(
        unused.entity.as_ref().map(|e| e.to_string()).as_deref(),
        Some("person:bob")
    );
    // A file-level finding before any table lies in no entity.
    let report = lint_texts(workspace(&format!("colour = 1\n{LEAD_OUTSIDE}")));
    let top = report
        .findings
        .iter()
        .find(|f| f.rule.name == "unknown-field")
        .expect("unknown-field");
    assert_eq!(top.entity, None);
}

/// `text` with the edits of `fix` applied (they are sorted and do not overlap).
fn apply(text: &str, fix: &orglint::Fix) -> String {
    let mut out = text.to_owned();
    for edit in fix.edits.iter().rev() {
        out.replace_range(edit.span.range(), &edit.replacement);
    }
    out
}

#[test]
fn the_safe_fix_of_lead_not_member_adds_the_lead_and_changes_nothing_else() {
    for members in ["[\"bob\"]", "[ \"bob\" , ]", "[]", "[\n  # nobody yet\n]"] {
        let text = LEAD_OUTSIDE.replace("[\"bob\"]", members);
        let before = lint_texts(workspace(&text));
        let lead = before
            .findings
            .iter()
            .find(|f| f.rule.name == "lead-not-member")
            .unwrap_or_else(|| panic!("lead-not-member with {members}"));
        let fix = lead.fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(fix.message, "add `ada` to `members`");
        let fixed = apply(&text, fix);
        let after = lint_texts(workspace(&fixed));
        let rules = |r: &Report| -> Vec<&str> {
            r.findings
                .iter()
                .map(|f| f.rule.name)
                .filter(|&n| n != "lead-not-member" && n != "empty-team" && n != "team-size")
                .collect()
        };
        assert!(
            after
                .findings
                .iter()
                .all(|f| f.rule.name != "lead-not-member"),
            "{members} -> {fixed}"
        );
        assert_eq!(rules(&after), rules(&before), "{members} -> {fixed}");
    }
    // No fix where there is no `members` to add to: where to write one is a guess.
    let report = lint_texts(workspace(
        &LEAD_OUTSIDE.replace("members = [\"bob\"]\n", ""),
    ));
    let lead = report
        .findings
        .iter()
        .find(|f| f.rule.name == "lead-not-member")
        .expect("lead-not-member");
    assert!(lead.fix.is_none());
}

#[test]
fn a_baseline_hides_the_findings_it_accepts_and_counts_them() {
    let root = Path::new("/ws");
    let files: Vec<(PathBuf, String)> = workspace(LEAD_OUTSIDE)
        .into_iter()
        .map(|(p, t)| (root.join(p), t))
        .collect();
    let settings = Settings::new(Config::default(), &[], &[]).expect("settings");
    let run = |baseline: &Baseline| {
        let loaded = orglint::load_texts(files.clone(), root);
        let tree = Tree::new(root.to_path_buf(), settings.config());
        orglint::lint(tree, loaded, &settings, None, baseline)
    };
    let all = run(&Baseline::default());
    let lead = all
        .findings
        .iter()
        .find(|f| f.rule.name == "lead-not-member")
        .expect("lead-not-member");
    let baseline: Baseline = [lead.fingerprint.clone()].into_iter().collect();
    let some = run(&baseline);
    assert_eq!(some.baselined, 1);
    assert_eq!(some.findings.len(), all.findings.len() - 1);
    assert!(
        some.findings
            .iter()
            .all(|f| f.rule.name != "lead-not-member")
    );
    assert!(support::json(&some).contains("\"baselined\": 1"));
    assert!(orglint::render::summary(&some).contains("(1 baselined)"));
}

#[test]
fn the_error_says_what_the_command_line_says() {
    let usage = Settings::new(Config::default(), &["nope".to_owned()], &[]).expect_err("usage");
    assert!(matches!(usage, Error::Usage(_)));
    assert_eq!(
        usage.to_string(),
        "`nope` is neither a rule nor a category; `orglint rules` lists them"
    );
    let dir = tree(&[
        (
            "orglint.toml",
            "[rules]\nnope = \"warn\"\nteam-size = \"loud\"\n",
        ),
        ("org.toml", crate::tiny_org!()),
    ]);
    let err = orglint::check(&CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        cwd: dir.path().to_path_buf(),
        ..CheckOptions::default()
    })
    .expect_err("config");
    assert_eq!(
        err.to_string(),
        "orglint.toml has 2 mistakes; nothing was checked"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert!(boxed.to_string().ends_with("nothing was checked"));
}

#[test]
fn the_limits_are_public() {
    use orglint::limits;
    assert_eq!(limits::MAX_PER_FILE, 100);
    assert_eq!(limits::MAX_FILE_SIZE, 64 * 1024 * 1024);
    assert_eq!(limits::MAX_VALUES, 2_000_000);
    assert_eq!(limits::MAX_GLOBS, 1_000);
    assert_eq!(limits::FINGERPRINT_BYTES, 256);
}

#[test]
fn a_text_past_the_size_limit_is_the_same_invalid_toml_as_a_file() {
    let big = "#".repeat(orglint::limits::MAX_FILE_SIZE as usize + 1);
    let dir = tree(&[("org.toml", crate::tiny_org!()), ("big.toml", big.as_str())]);
    let root = dir.path();
    let disk = lint_on_disk(root, root);
    let texts = vec![
        (root.join("org.toml"), crate::tiny_org!().to_owned()),
        (root.join("big.toml"), big),
    ];
    let memory = lint_in_memory(root, texts, root);
    let json = support::json(&disk);
    assert!(json.contains("too large"), "{json}");
    assert_eq!(support::json(&memory), json);
}

#[test]
fn a_language_server_finds_the_workspace_of_the_file_it_opened_as_check_does() {
    // The editor opened one file; orglint finds its root and configuration, then lints the
    // buffers (here the files as they are on disk) in memory.
    let root = repo().join("fixtures/example-org");
    let opened = files_under(&root)
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.extension().is_some_and(|e| e == "toml") && p.parent() != Some(&root))
        .expect("a file in a subdirectory");
    let ws = orglint::workspace(&CheckOptions {
        paths: vec![opened.clone()],
        cwd: repo(),
        ..CheckOptions::default()
    })
    .expect("workspace");
    assert_eq!(ws.tree.root, root);
    assert_eq!(
        ws.tree.config.as_deref(),
        Some(root.join("orglint.toml").as_path())
    );
    assert_eq!(ws.paths, [opened]);
    let buffers: Vec<(PathBuf, String)> = files_under(&root)
        .into_iter()
        .filter(|(p, _)| ws.tree.classify(p, false) == Kind::Entity)
        .collect();
    let loaded = orglint::load_texts(buffers, &ws.cwd);
    let memory = orglint::lint(ws.tree, loaded, &ws.settings, None, &Baseline::default());
    assert_eq!(
        support::json(&memory),
        support::json(&lint_on_disk(&root, &repo()))
    );
}
