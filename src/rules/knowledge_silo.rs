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
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    for (_, team) in cx.org.ml_teams() {
        if team.is_invalid(TeamKey::KnowledgeSharing) {
            continue;
        }
        let practices = team.knowledge_sharing.as_ref();
        // Blank entries name no practice.
        if practices.is_some_and(|l| l.items.iter().any(|s| !s.as_str().trim().is_empty())) {
            continue;
        }
        let (span, label) = match practices {
            Some(list) => (list.span, "no practice listed"),
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
