//! `scattered-research`: a research-focused org spreads its ML practitioners over feature teams and has no ML team.

use super::prelude::*;
use crate::model::AiFocus;

/// The rule.
pub static RULE: Rule = Rule {
    name: "scattered-research",
    category: RuleCategory::MlStrategy,
    default_level: Level::Info,
    summary: "a research-focused org spreads its ML practitioners over feature teams and has no ML team",
    options: &[],
    page: include_str!("../../lints/scattered-research.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // Without `[org]` there is no `ai_focus`, and `missing-org` says so already. Only a declared
    // `research` counts (the default is `product`), and it is where the finding points.
    let Some(def) = org.org() else { return };
    let Some(focus) = def
        .ai_focus
        .as_ref()
        .filter(|f| f.value == AiFocus::Research)
    else {
        return;
    };
    // A team whose `kind` is invalid might be the ML team: `invalid-value` speaks for it.
    if org.may_have_ml_team() {
        return;
    }
    // Feature teams where ML practitioners sit, each id once, with the first one's entry.
    let mut seen = vec![false; org.teams.len()];
    let mut teams = Vec::new();
    for (t, team) in org.teams.iter().enumerate() {
        if !team.is_feature() {
            continue;
        }
        if let Some((_, entry)) = org.ml_members(t).next()
            && !std::mem::replace(&mut seen[org.first_team(t)], true)
        {
            teams.push((team, entry));
        }
    }
    // In one feature team the research is concentrated already, if under another kind:
    // `research-in-feature-team` speaks to that team's focus. Scattered means two or more.
    if teams.len() < 2 {
        return;
    }
    // The count goes in the label, not the message, so that the fingerprint survives a new team.
    let f = cx
        .report(
            focus.span,
            format!(
                "{} does ML research, yet its ML practitioners are spread over feature teams and it has no ML team",
                def.who()
            ),
        )
        .label(format!("ML practitioners in {} feature teams", teams.len()))
        .help(
            "gather the researchers in one `centralized-ml` team with `focus = \"research\"`; if ML \
             mostly goes into the product, set `ai_focus = \"product\"` instead",
        );
    super::relate_ml_teams(f, &teams, "feature team ");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::person;

    /// The messages of this rule on a tree of `(path, text)` files.
    fn fire(files: &[(&str, &str)]) -> Vec<String> {
        crate::rules::testing::messages(RULE.name, files)
    }

    fn team(id: &str, kind: &str, ml: &str) -> String {
        format!(
            "[[team]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"{kind}\"\nmembers = [\"{ml}\"]\n{}",
            person(ml, "research-scientist")
        )
    }

    const RESEARCH: &str = "[org]\nname = \"Acme\"\nai_focus = \"research\"\n";

    #[test]
    fn research_in_two_feature_teams_without_an_ml_team_fires_once() {
        let (a, b) = (team("a", "feature", "ann"), team("b", "feature", "ben"));
        assert_eq!(
            fire(&[("o.toml", RESEARCH), ("a.toml", &a), ("b.toml", &b)]),
            [
                "the org Acme does ML research, yet its ML practitioners are spread over feature teams and it has no ML team"
            ]
        );
    }

    #[test]
    fn product_focus_one_team_an_ml_team_or_other_kinds_are_quiet() {
        let (a, b) = (team("a", "feature", "ann"), team("b", "feature", "ben"));
        let product = "[org]\nname = \"Acme\"\n";
        assert!(fire(&[("o.toml", product), ("a.toml", &a), ("b.toml", &b)]).is_empty());
        assert!(fire(&[("o.toml", RESEARCH), ("a.toml", &a)]).is_empty());
        let lab = team("lab", "centralized-ml", "cy");
        assert!(
            fire(&[
                ("o.toml", RESEARCH),
                ("a.toml", &a),
                ("b.toml", &b),
                ("l.toml", &lab)
            ])
            .is_empty()
        );
        let p = team("b", "platform", "ben");
        assert!(fire(&[("o.toml", RESEARCH), ("a.toml", &a), ("b.toml", &p)]).is_empty());
    }
}
