//! `no-engineering-support`: an ML team has no software engineers and no partner teams.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-engineering-support",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no software engineers and no partner teams",
    options: &[],
    page: include_str!("../../lints/no-engineering-support.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    for (t, team) in org.ml_teams() {
        if team.is_invalid(TeamKey::Partners) || team.is_invalid(TeamKey::Members) {
            continue;
        }
        // Naming itself is naming no team (SPEC §2).
        if org.names_other_team(t, TeamKey::Partners) {
            continue;
        }
        // An undefined member could be an engineer: `unknown-reference` covers that mistake.
        if org
            .team_member_syms(t)
            .iter()
            .any(|&s| s.and_then(|s| org.person_named(s)).is_none())
        {
            continue;
        }
        // An engineer who has left builds nothing.
        if org
            .current_members(t)
            .any(|p| org.has_category(p, Category::Software))
        {
            continue;
        }
        let (span, label) = match &team.partners {
            Some(list) if list.items.is_empty() => (list.span, "no partner teams"),
            Some(list) => (list.span, "names only the team itself"),
            None => (team.id.span, "no `partners` and no engineers"),
        };
        let finding = cx
            .report(
                span,
                format!(
                    "the ML team {} has no software engineers and no partner teams",
                    team.label()
                ),
            )
            .label(label)
            .help(
                "name in `partners` the teams that build and run what it delivers, \
                 or add a software engineer to its members",
            );
        if let Some(members) = &team.members {
            finding.related(members.span, "no current member here has a software role");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::person;

    fn labels(members: &str, partners: Option<&str>) -> Vec<String> {
        let partners = partners.map_or(String::new(), |p| format!("partners = {p}\n"));
        let org = format!(
            "[org]\nname = \"Acme\"\n\n{}{}alumni = true\n{}\n\
             [[team]]\nid = \"ml\"\nname = \"ML\"\nkind = \"centralized-ml\"\nmembers = {members}\n{partners}\n\
             [[team]]\nid = \"web\"\nname = \"Web\"\nkind = \"feature\"\n",
            person("dana", "ml-engineer"),
            person("old", "backend-engineer"),
            person("rui", "backend-engineer"),
        );
        crate::rules::testing::findings(RULE.name, &[("org.toml", &org)])
            .into_iter()
            .map(|f| f.label.unwrap_or_default())
            .collect()
    }

    #[test]
    fn naming_itself_is_no_partner() {
        assert_eq!(
            labels(r#"["dana"]"#, Some(r#"["ml"]"#)),
            ["names only the team itself"]
        );
        assert_eq!(labels(r#"["dana"]"#, Some("[]")), ["no partner teams"]);
        assert!(labels(r#"["dana"]"#, Some(r#"["ml", "web"]"#)).is_empty());
        // An id that names nothing: `unknown-reference` speaks for it.
        assert!(labels(r#"["dana"]"#, Some(r#"["wbe"]"#)).is_empty());
    }

    #[test]
    fn an_engineer_who_has_left_is_no_support() {
        assert_eq!(
            labels(r#"["dana", "old"]"#, None),
            ["no `partners` and no engineers"]
        );
        assert!(labels(r#"["dana", "rui"]"#, None).is_empty());
    }
}
