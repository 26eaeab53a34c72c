//! Loose ends of issue 6: long values cut in configuration and suppression messages, configuration
//! snippets drawn as entity snippets are, and malformed ids reported once.

mod common;

use common::lint_snippet;

/// The rules that fire on `toml`, one entry per finding, sorted.
fn rules_of(toml: &str) -> Vec<&'static str> {
    let report = lint_snippet(toml);
    let mut rules: Vec<&'static str> = report.findings.iter().map(|f| f.rule).collect();
    rules.sort_unstable();
    rules
}

const ORG: &str = "[org]\nname = \"Acme\"\nleadership = [\"ceo\"]\n\n[[person]]\nid = \"ceo\"\nname = \"C\"\nrole = \"ceo\"\n\n";

#[test]
fn a_malformed_lead_is_one_invalid_value_not_also_lead_not_member() {
    for lead in ["", "bob smith"] {
        let toml = format!(
            "{ORG}[[person]]\nid = \"{lead}\"\nname = \"B\"\nrole = \"ml-engineer\"\n\n\
             [[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"{lead}\"\nmembers = [\"ceo\"]\n"
        );
        let rules = rules_of(&toml);
        assert!(!rules.contains(&"lead-not-member"), "{lead:?}: {rules:?}");
        assert!(!rules.contains(&"orphan-person"), "{lead:?}: {rules:?}");
        assert!(rules.contains(&"invalid-value"), "{lead:?}: {rules:?}");
    }
}

#[test]
fn a_malformed_id_defined_twice_is_not_also_duplicate_id() {
    for id in ["", "bob smith"] {
        let person = format!("[[person]]\nid = \"{id}\"\nname = \"B\"\nrole = \"ml-engineer\"\n\n");
        let toml = format!(
            "{ORG}{person}{person}[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ceo\"\nmembers = [\"ceo\", \"{id}\"]\n"
        );
        let rules = rules_of(&toml);
        assert!(!rules.contains(&"duplicate-id"), "{id:?}: {rules:?}");
        assert!(rules.contains(&"invalid-value"), "{id:?}: {rules:?}");
    }
}

#[test]
fn a_person_with_a_malformed_id_is_not_also_an_orphan() {
    for id in ["", "bob smith"] {
        let toml =
            format!("{ORG}[[person]]\nid = \"{id}\"\nname = \"B\"\nrole = \"ml-engineer\"\n");
        let rules = rules_of(&toml);
        assert!(!rules.contains(&"orphan-person"), "{id:?}: {rules:?}");
        assert_eq!(
            rules.iter().filter(|r| **r == "invalid-value").count(),
            1,
            "{id:?}: {rules:?}"
        );
    }
}

#[test]
fn a_malformed_reference_is_not_also_unknown_reference() {
    for id in ["", "bob smith"] {
        let toml = format!(
            "{ORG}[[person]]\nid = \"p\"\nname = \"B\"\nrole = \"ml-engineer\"\nreports_to = \"{id}\"\n\n\
             [[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ceo\"\nmembers = [\"ceo\", \"p\", \"{id}\"]\n"
        );
        let rules = rules_of(&toml);
        assert!(!rules.contains(&"unknown-reference"), "{id:?}: {rules:?}");
        assert_eq!(
            rules.iter().filter(|r| **r == "invalid-value").count(),
            2,
            "{id:?}: {rules:?}"
        );
    }
}
