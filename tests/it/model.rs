//! The model an org is read into: team kind `group`, person key `alumni`, guild `topic`
//! without case, where ML work sits (SPEC §2), and the org's structure (SPEC §8) as the JSON and
//! human reports give it.

use crate::support;

use crate::support::{human, json, lint_snippet};
use orglint::model::{Org, Stage, Structure};

const ORG: &str = "[org]\nname = \"Acme\"\n";

fn person(id: &str, role: &str) -> String {
    format!("[[person]]\nid = \"{id}\"\nname = \"{id}\"\nrole = \"{role}\"\n")
}

fn team(id: &str, kind: &str, members: &[&str]) -> String {
    let members: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    format!(
        "[[team]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"{kind}\"\nmembers = [{}]\n",
        members.join(", ")
    )
}

fn org(parts: &[String]) -> Org {
    let text = format!("{ORG}{}", parts.concat());
    lint_snippet(&text).org
}

fn index(org: &Org, id: &str) -> usize {
    org.person(id).expect("defined")
}

#[test]
fn alumni_and_group_are_read_and_topic_is_compared_without_case() {
    let report = lint_snippet(&format!(
        "{ORG}{}alumni = true\n{}{}[[guild]]\nid = \"g\"\nname = \"G\"\ntopic = \"ML\"\n",
        person("old", "ml-engineer"),
        person("new", "ml-engineer"),
        team("list", "group", &["old", "new"]),
    ));
    let fired = support::fired(&report);
    assert!(
        !fired.contains(&"invalid-value") && !fired.contains(&"unknown-field"),
        "{fired:?}"
    );
    let org = &report.org;
    let (old, new) = (index(org, "old"), index(org, "new"));
    assert!(org.is_alumni(old) && !org.is_alumni(new));
    // An alumnus is no ML practitioner, whatever the role.
    assert!(!org.is_ml(old) && org.is_ml(new));
    assert!(org.teams[0].is_group() && !org.teams[0].ml_sits_here());
    assert!(org.guilds[0].is_ml(), "`ML` is an ML guild");

    let wrong = lint_snippet(&format!("{ORG}{}alumni = \"yes\"\n", person("x", "sre")));
    let json = json(&wrong);
    assert!(
        json.contains("`alumni` must be `true` or `false`, not a string"),
        "{json}"
    );
}

#[test]
fn ml_work_does_not_sit_in_management_or_group_teams() {
    let org = org(&[
        person("chief", "research-scientist"),
        person("ds", "data-scientist"),
        team("founders", "management", &["chief"]),
        team("all-hands", "group", &["chief", "ds"]),
        team("billing", "feature", &["ds"]),
    ]);
    assert_eq!(org.ml_members(0).count(), 0, "management");
    assert_eq!(org.ml_members(1).count(), 0, "group");
    assert_eq!(org.ml_members(2).count(), 1, "feature");
    assert_eq!(org.structure(), Structure::Decentralized);
}

#[test]
fn an_ml_team_member_elsewhere_is_embedded() {
    let org = org(&[
        person("ana", "ml-engineer"),
        person("ben", "ml-engineer"),
        team("ml", "centralized-ml", &["ana"]),
        team("search", "feature", &["ana", "ben"]),
    ]);
    let (ana, ben) = (index(&org, "ana"), index(&org, "ben"));
    assert!(org.is_embedded(ana) && !org.is_embedded(ben));
    let unembedded: Vec<usize> = org.unembedded_ml_members(1).map(|(p, _)| p).collect();
    assert_eq!(unembedded, [ben]);
    assert_eq!(org.structure(), Structure::Hybrid);
}

#[test]
fn a_team_naming_itself_names_no_team() {
    let text = format!(
        "{ORG}{}{}syncs_with = [\"a\"]\nstakeholders = [\"a\", \"b\"]\npartners = [\"ghost\"]\n{}",
        person("p", "sre"),
        team("a", "feature", &["p"]),
        team("b", "feature", &["p"]),
    );
    let org = lint_snippet(&text).org;
    use orglint::model::TeamKey;
    assert!(!org.names_other_team(0, TeamKey::SyncsWith));
    assert!(org.names_other_team(0, TeamKey::Stakeholders));
    // An unknown id is `unknown-reference`'s: it is not also "no team".
    assert!(org.names_other_team(0, TeamKey::Partners));
    assert!(!org.names_other_team(1, TeamKey::SyncsWith), "absent");
}

#[test]
fn each_structure_is_derived_from_where_practitioners_sit() {
    let none = org(&[
        person("chief", "ml-researcher"),
        team("founders", "management", &["chief"]),
    ]);
    assert_eq!(none.structure(), Structure::None);

    let centralized = org(&[
        person("ana", "ml-engineer"),
        person("bob", "software-engineer"),
        team("ml", "centralized-ml", &["ana", "bob"]),
        team("search", "feature", &["ana", "bob"]),
    ]);
    assert_eq!(centralized.structure(), Structure::Centralized);

    let full_stack = org(&[
        person("ana", "ml-engineer"),
        person("bob", "software-engineer"),
        person("pm", "product-manager"),
        team("ml", "centralized-ml", &["ana", "bob", "pm"]),
    ]);
    assert_eq!(full_stack.structure(), Structure::FullStackCentralized);

    let decentralized = org(&[person("ana", "ml-engineer"), team("s", "feature", &["ana"])]);
    assert_eq!(decentralized.structure(), Structure::Decentralized);

    let hybrid = org(&[
        person("ana", "ml-engineer"),
        person("ben", "data-scientist"),
        team("ml", "centralized-ml", &["ana"]),
        team("s", "feature", &["ben"]),
    ]);
    assert_eq!(hybrid.structure(), Structure::Hybrid);

    // An ML team of alumni only: nobody sits anywhere.
    let gone = org(&[
        format!("{}alumni = true\n", person("ana", "ml-engineer")),
        team("ml", "centralized-ml", &["ana"]),
    ]);
    assert_eq!(gone.structure(), Structure::None);
}

#[test]
fn alumni_do_not_count_in_the_headcount_that_derives_the_stage() {
    let mut parts: Vec<String> = (0..60)
        .map(|i| format!("{}alumni = true\n", person(&format!("a{i}"), "sre")))
        .collect();
    parts.push(person("now", "sre"));
    let org = org(&parts);
    assert_eq!((org.person_count(), org.headcount()), (61, 1));
    assert_eq!(org.stage(), Stage::Startup);
}

#[test]
fn the_reports_give_the_org_and_its_structure() {
    let report = lint_snippet(&format!(
        "{ORG}stage = \"scaleup\"\n{}{}",
        person("ana", "ml-engineer"),
        team("s", "feature", &["ana"]),
    ));
    let json: serde_json::Value = serde_json::from_str(&json(&report)).expect("JSON");
    assert_eq!(
        json["org"],
        serde_json::json!({
            "name": "Acme", "stage": "scaleup", "ai_focus": "product", "structure": "decentralized"
        })
    );
    assert_eq!(json["summary"]["broken_files"], 0);
    let text = human(&report);
    assert!(
        text.ends_with("\nstructure: decentralized, stage: scaleup\n"),
        "{text}"
    );

    // No `[org]`: `org` is null and the human report has no such line.
    let bare = lint_snippet(&person("ana", "sre"));
    let json: serde_json::Value = serde_json::from_str(&support::json(&bare)).expect("JSON");
    assert!(json["org"].is_null());
    assert!(!human(&bare).contains("structure:"));

    // A broken file: counted, and the human report does not guess the structure.
    let broken = lint_snippet(&format!("{ORG}[[team]\n"));
    let json: serde_json::Value = serde_json::from_str(&support::json(&broken)).expect("JSON");
    assert_eq!(json["summary"]["broken_files"], 1);
    assert!(!human(&broken).contains("structure:"));
}
