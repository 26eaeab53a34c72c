//! `knowledge-silo`: an ML team has no knowledge-sharing practice.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "knowledge-silo",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no knowledge-sharing practice",
    options: &[],
    page: include_str!("../../lints/knowledge-silo.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    for (_, team) in cx.org.ml_teams() {
        if team.is_invalid(TeamKey::KnowledgeSharing) {
            continue;
        }
        let practices = team.knowledge_sharing.as_ref();
        if practices.is_some_and(|l| l.items.iter().any(|s| !is_placeholder(s.as_str()))) {
            continue;
        }
        let (span, label) = match practices {
            Some(list) if list.items.is_empty() => (list.span, "no practice listed"),
            Some(list) => (list.span, "only placeholders, no practice"),
            None => (team.id.span, "no `knowledge_sharing`"),
        };
        cx.report(
            span,
            format!(
                "the ML team {} has no knowledge-sharing practice",
                team.label()
            ),
        )
        .label(label)
        .help(
            "list in `knowledge_sharing` how the team passes what it learns to other teams, \
             e.g. `[\"monthly brown-bag\", \"internal wiki\"]`",
        );
    }
}

/// Entries that hold a place in the list but name no practice (SPEC §2): blank, or one of these
/// in any case.
const PLACEHOLDERS: &[&str] = &["none", "n/a", "tbd"];

/// Whether a `knowledge_sharing` entry names no practice.
fn is_placeholder(entry: &str) -> bool {
    let entry = entry.trim();
    entry.is_empty() || PLACEHOLDERS.iter().any(|p| entry.eq_ignore_ascii_case(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(practices: Option<&str>) -> Vec<String> {
        let practices = practices.map_or(String::new(), |p| format!("knowledge_sharing = {p}\n"));
        let org = format!(
            "[org]\nname = \"Acme\"\n\n[[team]]\nid = \"ml\"\nname = \"ML\"\nkind = \"centralized-ml\"\n{practices}"
        );
        crate::rules::testing::findings(RULE.name, &[("org.toml", &org)])
            .into_iter()
            .map(|f| f.label.unwrap_or_default())
            .collect()
    }

    #[test]
    fn placeholders_name_no_practice() {
        assert_eq!(labels(None), ["no `knowledge_sharing`"]);
        assert_eq!(labels(Some("[]")), ["no practice listed"]);
        for list in [r#"["N/A"]"#, r#"[" ", "None", " tbd "]"#, r#"["n/a", ""]"#] {
            assert_eq!(
                labels(Some(list)),
                ["only placeholders, no practice"],
                "{list}"
            );
        }
        for list in [
            r#"["internal wiki"]"#,
            r#"["none", "monthly brown-bag"]"#,
            r#"["None yet: a wiki"]"#,
        ] {
            assert!(labels(Some(list)).is_empty(), "{list}");
        }
    }
}
