//! Property tests: random valid orgs (people, teams and guilds whose references agree, spread
//! over files, with names that try to break every format) and random mutations of them (a key
//! deleted, a value of another type, a dangling reference, a reporting or parent cycle, a
//! duplicate id, random text spliced into a file, a file given a hostile path) never panic, give
//! JSON that parses, SARIF that validates against the OASIS schema, well-formed JUnit XML, HTML
//! and Markdown, terminal-safe text in every format, and the same bytes twice. The checks are
//! `tests/support/pipeline.rs`'s, which the fuzz target also runs. `PROPTEST_CASES=N` runs more
//! cases than the default.

use crate::support;

use crate::support::wellformed;

use crate::support::pipeline;

use proptest::prelude::*;
use proptest::sample::Index;

use crate::support::toml_string;
use pipeline::Input;

/// A value of an entity's key, as TOML can write it.
#[derive(Clone, Debug)]
enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
    Array(Vec<Value>),
    Table(Vec<(String, Value)>),
}

impl Value {
    fn toml(&self) -> String {
        match self {
            Value::Str(s) => toml_string(s),
            Value::Int(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(Value::toml).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Table(pairs) => {
                let pairs: Vec<String> = pairs
                    .iter()
                    .map(|(k, v)| format!("{} = {}", toml_string(k), v.toml()))
                    .collect();
                format!("{{ {} }}", pairs.join(", "))
            }
        }
    }
}

fn ids(ids: impl IntoIterator<Item = String>) -> Value {
    Value::Array(ids.into_iter().map(Value::Str).collect())
}

/// An entity: its table (`org` is `[org]`, the others `[[person]]`, `[[team]]`, `[[guild]]`)
/// and its keys in the order written.
#[derive(Clone, Debug)]
struct Entity {
    table: &'static str,
    keys: Vec<(String, Value)>,
}

impl Entity {
    fn toml(&self) -> String {
        let header = match self.table {
            "org" => "[org]".to_owned(),
            t => format!("[[{t}]]"),
        };
        let keys: String = self
            .keys
            .iter()
            .map(|(k, v)| format!("{k} = {}\n", v.toml()))
            .collect();
        format!("{header}\n{keys}\n")
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.keys.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// A generated org: its entities, each with the index of the file it is written in.
#[derive(Clone, Debug)]
struct Org {
    entities: Vec<(usize, Entity)>,
    files: usize,
    /// Files given another path than their own, in order: (file, path).
    names: Vec<(Index, String)>,
}

const ROLES: &[&str] = &[
    "cto",
    "ceo",
    "engineering-manager",
    "software-engineer",
    "ml-engineer",
    "data-scientist",
    "research-scientist",
    "product-manager",
    "designer",
    "sre",
    "head-of-ml",
];
const KINDS: &[&str] = &[
    "feature",
    "platform",
    "centralized-ml",
    "management",
    "group",
    "business",
];
const CADENCES: &[&str] = &["weekly", "biweekly", "monthly", "quarterly"];

/// Names that try to break a format (markup, Markdown, workflow commands, mentions, control and
/// bidi characters), plain names, and any string at all.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?",
        2 => proptest::sample::select(support::HOSTILE_NAMES).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

/// One person: (name, role index, alumni, the index of an earlier person they report to).
type PersonSeed = (String, Index, bool, Option<Index>);
/// One team: (name, kind index, lead, members, the index of an earlier team as parent).
type TeamSeed = (String, Index, Index, Vec<Index>, Option<Index>);
/// One guild: (name, cadence index, members).
type GuildSeed = (String, Index, Vec<Index>);

/// A valid org: people who report to earlier people, teams led by and made of them under
/// earlier teams, guilds of them, and the org led by the first person; spread over up to four
/// files.
fn org() -> impl Strategy<Value = Org> {
    let person = (
        name(),
        any::<Index>(),
        any::<bool>(),
        any::<Option<Index>>(),
    );
    let team = (
        name(),
        any::<Index>(),
        any::<Index>(),
        prop::collection::vec(any::<Index>(), 0..5),
        any::<Option<Index>>(),
    );
    let guild = (
        name(),
        any::<Index>(),
        prop::collection::vec(any::<Index>(), 0..4),
    );
    (
        name(),
        prop::collection::vec(person, 1..9),
        prop::collection::vec(team, 0..6),
        prop::collection::vec(guild, 0..3),
        prop::collection::vec(any::<Index>(), 0..20),
        1usize..5,
    )
        .prop_map(|(org_name, people, teams, guilds, placement, files)| {
            build(org_name, &people, &teams, &guilds, &placement, files)
        })
}

fn build(
    org_name: String,
    people: &[PersonSeed],
    teams: &[TeamSeed],
    guilds: &[GuildSeed],
    placement: &[Index],
    files: usize,
) -> Org {
    let person_id = |i: usize| format!("p{i}");
    let team_id = |i: usize| format!("t{i}");
    let mut entities = vec![Entity {
        table: "org",
        keys: vec![
            ("name".to_owned(), Value::Str(org_name)),
            ("leadership".to_owned(), ids([person_id(0)])),
        ],
    }];
    for (i, (name, role, alumni, boss)) in people.iter().enumerate() {
        let mut keys = vec![
            ("id".to_owned(), Value::Str(person_id(i))),
            ("name".to_owned(), Value::Str(name.clone())),
            ("role".to_owned(), Value::Str(role.get(ROLES).to_string())),
        ];
        if let Some(boss) = boss.filter(|_| i > 0) {
            let boss = Value::Str(person_id(boss.index(i)));
            keys.push(("reports_to".to_owned(), boss));
        }
        if *alumni && i > 0 {
            keys.push(("alumni".to_owned(), Value::Bool(true)));
        }
        entities.push(Entity {
            table: "person",
            keys,
        });
    }
    let n = people.len();
    for (i, (name, kind, lead, members, parent)) in teams.iter().enumerate() {
        let lead = person_id(lead.index(n));
        let mut members: Vec<String> = members.iter().map(|m| person_id(m.index(n))).collect();
        members.push(lead.clone());
        members.sort();
        members.dedup();
        let mut keys = vec![
            ("id".to_owned(), Value::Str(team_id(i))),
            ("name".to_owned(), Value::Str(name.clone())),
            ("kind".to_owned(), Value::Str(kind.get(KINDS).to_string())),
            ("lead".to_owned(), Value::Str(lead)),
            ("members".to_owned(), ids(members)),
        ];
        if let Some(parent) = parent.filter(|_| i > 0) {
            keys.push(("parent".to_owned(), Value::Str(team_id(parent.index(i)))));
        }
        entities.push(Entity {
            table: "team",
            keys,
        });
    }
    for (i, (name, cadence, members)) in guilds.iter().enumerate() {
        let mut members: Vec<String> = members.iter().map(|m| person_id(m.index(n))).collect();
        members.sort();
        members.dedup();
        entities.push(Entity {
            table: "guild",
            keys: vec![
                ("id".to_owned(), Value::Str(format!("g{i}"))),
                ("name".to_owned(), Value::Str(name.clone())),
                (
                    "cadence".to_owned(),
                    Value::Str(cadence.get(CADENCES).to_string()),
                ),
                ("members".to_owned(), ids(members)),
            ],
        });
    }
    // The org table first in file 0; each other entity in the file its placement picks.
    let entities = entities
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let file = match i {
                0 => 0,
                _ => placement.get(i).map_or(i % files, |p| p.index(files)),
            };
            (file, e)
        })
        .collect();
    Org {
        entities,
        files,
        names: Vec::new(),
    }
}

/// A change that makes a valid org invalid in one way.
#[derive(Clone, Debug)]
enum Mutation {
    /// A key of an entity deleted.
    DeleteKey(Index, Index),
    /// A key's value replaced by one of another type.
    SwapType(Index, Index, Value),
    /// A reference (a string or the first id of a list) naming an id no entity has.
    Dangle(Index, Index),
    /// The first person reporting to the last, and the first team under the last.
    Cycle,
    /// An entity given the id of another.
    DuplicateId(Index, Index),
    /// Text spliced into a file at a point.
    Splice(Index, Index, String),
    /// A file given another path: a hostile name, one outside the root, or one that names no
    /// file.
    Rename(Index, String),
}

fn other_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        any::<i64>().prop_map(Value::Int),
        any::<bool>().prop_map(Value::Bool),
        name().prop_map(Value::Str),
    ];
    leaf.prop_recursive(2, 6, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,8}", inner), 0..3).prop_map(Value::Table),
        ]
    })
}

/// Text to splice: TOML syntax, a piece of a header, or any bytes at all (as text).
fn splice() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(
            &[
                "[",
                "]]",
                "\"",
                "'''",
                "=",
                "\n[[team]]\n",
                "\n[org]\n",
                "{",
                "\\",
                "\u{0}",
                "\u{feff}",
                "\r",
                "# orglint: allow(team-size)\n",
                "id = \"p0\"\n",
            ][..]
        )
        .prop_map(str::to_owned),
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..16)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

/// A path for a file: names that try to break a format, paths outside the root or naming no
/// file, and any string at all.
fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(
            &[
                "teams/evil %41,b:c|d [x](y) <b> `q` 'q' \"q\".toml",
                "teams/line\r\n::error::forged\u{202e}.toml",
                "../outside.toml",
                "/etc/passwd",
                "",
                "teams/",
                ".",
                "a/..",
                "orglint.toml",
            ][..]
        )
        .prop_map(str::to_owned),
        any::<String>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), any::<Index>()).prop_map(|(e, k)| Mutation::DeleteKey(e, k)),
        (any::<Index>(), any::<Index>(), other_value())
            .prop_map(|(e, k, v)| Mutation::SwapType(e, k, v)),
        (any::<Index>(), any::<Index>()).prop_map(|(e, k)| Mutation::Dangle(e, k)),
        Just(Mutation::Cycle),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::DuplicateId(a, b)),
        (any::<Index>(), any::<Index>(), splice())
            .prop_map(|(f, at, s)| Mutation::Splice(f, at, s)),
        (any::<Index>(), path()).prop_map(|(f, p)| Mutation::Rename(f, p)),
    ]
}

impl Org {
    /// Applies every mutation but the splices to the entities; gives the splices, to apply to
    /// the text.
    fn mutate(&mut self, mutations: &[Mutation]) -> Vec<(Index, Index, String)> {
        let mut splices = Vec::new();
        let n = self.entities.len();
        for m in mutations {
            match m {
                Mutation::DeleteKey(e, k) => {
                    let keys = &mut self.entities[e.index(n)].1.keys;
                    if !keys.is_empty() {
                        keys.remove(k.index(keys.len()));
                    }
                }
                Mutation::SwapType(e, k, v) => {
                    let keys = &mut self.entities[e.index(n)].1.keys;
                    if !keys.is_empty() {
                        let at = k.index(keys.len());
                        keys[at].1 = v.clone();
                    }
                }
                Mutation::Dangle(e, k) => {
                    let keys = &mut self.entities[e.index(n)].1.keys;
                    if !keys.is_empty() {
                        let at = k.index(keys.len());
                        match &mut keys[at].1 {
                            Value::Array(items) if !items.is_empty() => {
                                items[0] = Value::Str("ghost".to_owned());
                            }
                            v => *v = Value::Str("ghost".to_owned()),
                        }
                    }
                }
                Mutation::Cycle => self.cycle(),
                Mutation::DuplicateId(a, b) => {
                    let id = self.entities[a.index(n)].1.get_mut("id").cloned();
                    if let (Some(id), Some(slot)) = (id, self.entities[b.index(n)].1.get_mut("id"))
                    {
                        *slot = id;
                    }
                }
                Mutation::Splice(f, at, s) => splices.push((*f, *at, s.clone())),
                Mutation::Rename(f, p) => self.names.push((*f, p.clone())),
            }
        }
        splices
    }

    /// The first person reports to the last, and the first team is under the last.
    fn cycle(&mut self) {
        for table in ["person", "team"] {
            let ids: Vec<usize> = (0..self.entities.len())
                .filter(|&i| self.entities[i].1.table == table)
                .collect();
            let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
                continue;
            };
            let last_id = self.entities[last].1.get_mut("id").cloned();
            let key = if table == "person" {
                "reports_to"
            } else {
                "parent"
            };
            if let Some(id) = last_id {
                let keys = &mut self.entities[first].1.keys;
                keys.retain(|(k, _)| k != key);
                keys.push((key.to_owned(), id));
            }
        }
    }

    /// The files: `org.toml` and `part-N.toml` (unless renamed), each its entities in order.
    fn texts(&self) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = (0..self.files)
            .map(|f| {
                let name = if f == 0 {
                    "org.toml".to_owned()
                } else {
                    format!("part-{f}.toml")
                };
                let text = self
                    .entities
                    .iter()
                    .filter(|(file, _)| *file == f)
                    .map(|(_, e)| e.toml())
                    .collect();
                (name, text)
            })
            .collect();
        for (f, path) in &self.names {
            let f = f.index(files.len());
            files[f].0.clone_from(path);
        }
        files
    }
}

/// The files of `org` with `splices` applied (each at a character boundary of its file).
fn spliced(org: &Org, splices: &[(Index, Index, String)]) -> Vec<(String, String)> {
    let mut files = org.texts();
    for (f, at, s) in splices {
        let f = f.index(files.len());
        let text = &mut files[f].1;
        let mut at = at.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert_str(at, s);
    }
    files
}

/// Options for the run: (colour, people, the rule to ignore or whose category to select, the
/// baseline round trip, the width).
fn options() -> impl Strategy<Value = (bool, bool, Option<Index>, Option<Index>, bool, usize)> {
    (
        any::<bool>(),
        any::<bool>(),
        proptest::option::weighted(0.2, any::<Index>()),
        proptest::option::weighted(0.2, any::<Index>()),
        proptest::bool::weighted(0.2),
        40usize..120,
    )
}

fn input(
    files: Vec<(String, String)>,
    opts: (bool, bool, Option<Index>, Option<Index>, bool, usize),
) -> Input {
    let (color, people, ignore, select, baseline, width) = opts;
    let rules = orglint::RULES.len();
    Input {
        config: None,
        files,
        color,
        width,
        people,
        ignore: ignore.map(|i| i.index(rules)),
        select: select.map(|i| i.index(rules)),
        baseline,
    }
}

/// The SARIF validator, built once (compiling the schema takes longer than a case), or `None`
/// after a note when the schema is absent outside CI.
fn sarif_validator() -> Option<&'static jsonschema::Validator> {
    static VALIDATOR: std::sync::OnceLock<Option<jsonschema::Validator>> =
        std::sync::OnceLock::new();
    VALIDATOR
        .get_or_init(|| support::sarif_validator("the property tests' SARIF check"))
        .as_ref()
}

/// Runs the pipeline's checks on `input`, and validates its SARIF log against the schema.
fn check(input: &Input) {
    pipeline::run(input);
    let Some(validator) = sarif_validator() else {
        return;
    };
    let settings = orglint::Settings::new(orglint::Config::default(), &[], &[]).expect("settings");
    let root = std::path::Path::new(pipeline::ROOT);
    let loaded = orglint::load_texts(input.files.clone(), root);
    let tree = orglint::Tree::new(root.to_path_buf(), settings.config());
    let report = orglint::lint(tree, loaded, &settings, None, &orglint::Baseline::default());
    let sarif = orglint::render::format("sarif")
        .expect("sarif")
        .render(&report, Default::default());
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the SARIF log does not validate: {errors:#?}\n{sarif}"
    );
}

fn config() -> ProptestConfig {
    // Each case lints, renders ten formats and the statistics twice: 48 cases keep the file
    // well under 30 s in a debug build.
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(48),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_valid_org_gives_well_formed_outputs_twice_the_same(org in org(), opts in options()) {
        check(&input(org.texts(), opts));
    }

    #[test]
    fn a_mutated_org_gives_well_formed_outputs_twice_the_same(
        mut org in org(),
        mutations in prop::collection::vec(mutation(), 1..5),
        opts in options(),
    ) {
        let splices = org.mutate(&mutations);
        check(&input(spliced(&org, &splices), opts));
    }
}

/// A valid org is what the mutations start from: it must parse, and not be only
/// `invalid-toml` or `invalid-value` findings, or the mutations would prove little.
#[test]
fn generated_orgs_are_valid() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = org();
    for _ in 0..32 {
        let org = strategy.new_tree(&mut runner).expect("an org").current();
        let settings =
            orglint::Settings::new(orglint::Config::default(), &[], &[]).expect("settings");
        let root = std::path::Path::new(pipeline::ROOT);
        let loaded = orglint::load_texts(org.texts(), root);
        let tree = orglint::Tree::new(root.to_path_buf(), settings.config());
        let report = orglint::lint(tree, loaded, &settings, None, &orglint::Baseline::default());
        let broken: Vec<(&str, &str)> = report
            .findings
            .iter()
            .map(|f| (f.rule.name, f.message.as_str()))
            .filter(|(r, _)| {
                matches!(
                    *r,
                    "invalid-toml"
                        | "invalid-value"
                        | "unknown-field"
                        | "unknown-reference"
                        | "missing-field"
                        | "duplicate-id"
                        | "team-cycle"
                        | "reporting-cycle"
                )
            })
            .collect();
        assert!(
            broken.is_empty(),
            "a generated org is not valid: {broken:?}\n{:#?}",
            org.texts()
        );
    }
}

/// The mutations reach what they are for: over a few dozen mutated orgs, each kind of broken
/// input is found by the rule that speaks for it.
#[test]
fn mutations_break_orgs_in_every_way_they_claim() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (org(), prop::collection::vec(mutation(), 1..5));
    let mut fired = std::collections::BTreeSet::new();
    for _ in 0..400 {
        let (mut org, mutations) = strategy.new_tree(&mut runner).expect("a case").current();
        let splices = org.mutate(&mutations);
        let settings =
            orglint::Settings::new(orglint::Config::default(), &[], &[]).expect("settings");
        let root = std::path::Path::new(pipeline::ROOT);
        let loaded = orglint::load_texts(spliced(&org, &splices), root);
        let tree = orglint::Tree::new(root.to_path_buf(), settings.config());
        let report = orglint::lint(tree, loaded, &settings, None, &orglint::Baseline::default());
        fired.extend(report.findings.iter().map(|f| f.rule.name));
    }
    for rule in [
        "invalid-toml",
        "invalid-value",
        "missing-field",
        "unknown-reference",
        "duplicate-id",
        "team-cycle",
        "reporting-cycle",
    ] {
        assert!(
            fired.contains(rule),
            "no mutated org fired {rule}: {fired:?}"
        );
    }
}

/// The checks fail on what they are meant to catch, so that a pass means something.
#[test]
fn the_checks_catch_what_they_are_for() {
    use wellformed::{html, json, markdown, terminal_safe, xml};
    assert!(terminal_safe("a\n\u{1b}[1;31mred\u{1b}[0m", true).is_ok());
    for bad in [
        "\u{1b}[2J",
        "\u{1b}]8;;x\u{7}",
        "a\rb",
        "tab\t",
        "\u{202e}",
        "\u{9b}1m",
    ] {
        let sgr_only = bad.starts_with("\u{1b}[2");
        assert!(terminal_safe(bad, true).is_err() || sgr_only, "{bad:?}");
        assert!(terminal_safe(bad, false).is_err(), "{bad:?}");
    }
    assert!(json("{\"a\": [1]}").is_ok());
    assert!(json("{\"a\": [1}").is_err());
    assert!(xml("<?xml version=\"1.0\"?>\n<a x=\"&amp;\"><b/>&#65;</a>\n").is_ok());
    for bad in [
        "<a><b></a>",
        "<a></a><a></a>",
        "<a>&nbsp;</a>",
        "<a x=\"<\"/>",
        "<a>",
        "t<a/>",
    ] {
        assert!(xml(bad).is_err(), "{bad:?}");
    }
    let page = |body: &str| {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n</head>\n<body>{body}</body>\n</html>\n"
        )
    };
    assert!(html(&page("<p>a &lt;b&gt; &#39;</p>")).is_ok());
    for bad in [
        "<p>",
        "<script>alert(1)</script>",
        "<img src=x>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<p onclick=\"x\">y</p>",
    ] {
        assert!(html(&page(bad)).is_err(), "{bad:?}");
    }
    assert!(markdown("## orglint\n\n- `a` \\<b\\> &lt;i&gt;\n\n<details>\n<summary>More</summary>\n\n</details>\n").is_ok());
    for bad in [
        "<img src=x>",
        "a <b>x</b>",
        "[l](u)",
        "![i](j)",
        "$x$",
        "a[^1]\n\n[^1]: b",
        "- [ ] t",
        "<summary><b>x</b></summary>",
    ] {
        assert!(markdown(bad).is_err(), "{bad:?}");
    }
}
