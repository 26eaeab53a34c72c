//! `no-business-context`: an ML team has no stakeholders.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-business-context",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no stakeholders",
    options: &[],
    page: include_str!("../../lints/no-business-context.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    for (t, team) in org.ml_teams() {
        // Naming itself is naming no team (SPEC §2).
        if team.is_invalid(TeamKey::Stakeholders) || org.names_other_team(t, TeamKey::Stakeholders)
        {
            continue;
        }
        let (span, label) = match &team.stakeholders {
            Some(list) if list.items.is_empty() => (list.span, "no stakeholders listed"),
            Some(list) => (list.span, "names only the team itself"),
            None => (team.id.span, "no `stakeholders`"),
        };
        cx.report(
            span,
            format!("the ML team {} has no stakeholders", team.label()),
        )
        .label(label)
        .help(
            "list in `stakeholders` the teams whose needs it serves and who explain \
             the business to it",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(stakeholders: Option<&str>) -> Vec<String> {
        let stakeholders = stakeholders.map_or(String::new(), |s| format!("stakeholders = {s}\n"));
        let org = format!(
            "[org]\nname = \"Acme\"\n\n[[team]]\nid = \"ml\"\nname = \"ML\"\nkind = \"centralized-ml\"\n{stakeholders}\n\
             [[team]]\nid = \"web\"\nname = \"Web\"\nkind = \"feature\"\n"
        );
        crate::rules::testing::findings(RULE.name, &[("org.toml", &org)])
            .into_iter()
            .map(|f| f.label.unwrap_or_default())
            .collect()
    }

    #[test]
    fn serving_itself_is_no_business_context() {
        assert_eq!(labels(None), ["no `stakeholders`"]);
        assert_eq!(labels(Some("[]")), ["no stakeholders listed"]);
        assert_eq!(
            labels(Some(r#"["ml", "ml"]"#)),
            ["names only the team itself"]
        );
        assert!(labels(Some(r#"["ml", "web"]"#)).is_empty());
        // An id that names nothing: `unknown-reference` speaks for it.
        assert!(labels(Some(r#"["wbe"]"#)).is_empty());
    }
}
