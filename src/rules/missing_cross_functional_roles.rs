//! `missing-cross-functional-roles`: a feature team with ML lacks a required role category.

use super::prelude::*;

/// `required`: the role categories every feature team with an ML practitioner needs.
const REQUIRED: TypedOption<Vec<String>> = TypedOption::list(
    "required",
    &["product", "software"],
    &["ml", "software", "product", "design", "marketing", "management"],
    "the role categories every feature team with an ML practitioner needs",
);

/// The rule.
pub static RULE: Rule = Rule {
    name: "missing-cross-functional-roles",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a feature team with ML lacks a required role category",
    options: &[REQUIRED.spec()],
    page: include_str!("../../lints/missing-cross-functional-roles.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let mut required: Vec<Category> = Vec::new();
    for name in cx.list(REQUIRED) {
        if let Some(c) = Category::parse(&name)
            && !required.contains(&c)
        {
            required.push(c);
        }
    }
    let org = cx.org;
    for (t, team) in org.teams.iter().enumerate() {
        if !team.is_feature() || org.ml_members(t).next().is_none() {
            continue;
        }
        // A member id that names nobody may be the missing product manager: `unknown-reference`
        // (or `invalid-value`, for a malformed id or a wrong-typed entry) speaks for it.
        if team.is_invalid(TeamKey::Members)
            || team.members.as_ref().is_some_and(|m| m.bad > 0)
            || org.team_member_syms(t).iter().any(Option::is_none)
        {
            continue;
        }
        // The union of the current members' categories: alumni fill no seat. A role in several
        // categories counts for each (an `mlops-engineer` is both ML and software), as SPEC §1
        // sorts roles.
        let present = org
            .current_members(t)
            .fold(0u8, |acc, p| acc | org.categories_of[p]);
        let missing: Vec<Category> = required
            .iter()
            .copied()
            .filter(|c| present & c.bit() == 0)
            .collect();
        let Some(members) = &team.members else {
            continue;
        };
        if missing.is_empty() {
            continue;
        }
        let names: Vec<&str> = missing.iter().map(|c| c.as_str()).collect();
        let roles: Vec<&str> = missing.iter().map(|&c| example_role(c)).collect();
        cx.report(
            members.span,
            format!(
                "feature team {} has an ML practitioner but no {} member",
                team.label(),
                crate::text::join_words(&names, "or")
            ),
        )
        .label(format!(
            "no {} member",
            crate::text::join_words(&names, "or")
        ))
        .help(if missing.len() == 1 {
            format!(
                "add a member with a {} role, such as {}",
                names[0],
                join_choices(&roles)
            )
        } else {
            format!(
                "add members with {} roles, such as {}",
                crate::text::join_words(&names, "and"),
                join_choices(&roles)
            )
        });
    }
}

/// A common role of `category`, for the help.
fn example_role(category: Category) -> &'static str {
    match category {
        Category::Ml => "ml-engineer",
        Category::Software => "software-engineer",
        Category::Product => "product-manager",
        Category::Design => "product-designer",
        Category::Marketing => "product-marketing-manager",
        Category::Management => "engineering-manager",
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;

    /// The messages of this rule on a tree of `(path, text)` files.
    fn fire(files: &[(&str, &str)]) -> Vec<String> {
        crate::rules::testing::messages(RULE.name, files)
    }

    use crate::rules::testing::person;

    fn team(members: &[(&str, &str)]) -> String {
        let ids: Vec<String> = members.iter().map(|(id, _)| format!("\"{id}\"")).collect();
        let mut text = format!(
            "[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"feature\"\nmembers = [{}]\n",
            ids.join(", ")
        );
        for (id, role) in members {
            text += &person(id, role);
        }
        text
    }

    #[test]
    fn an_mlops_engineer_counts_as_software() {
        let t = team(&[("a", "product-manager"), ("b", "mlops-engineer")]);
        assert!(fire(&[("t.toml", &t)]).is_empty());
    }

    #[test]
    fn every_missing_category_is_named_in_option_order() {
        let t = team(&[("a", "data-scientist")]);
        let config = "[rules]\nmissing-cross-functional-roles = { required = [\"software\", \"design\", \"product\", \"design\"] }\n";
        assert_eq!(
            fire(&[("t.toml", &t), ("orglint.toml", config)]),
            ["feature team T has an ML practitioner but no software, design or product member"]
        );
    }

    #[test]
    fn a_team_without_ml_is_not_checked() {
        assert!(fire(&[("t.toml", &team(&[("a", "designer")]))]).is_empty());
    }

    #[test]
    fn an_undefined_member_is_left_to_unknown_reference_and_alumni_fill_no_seat() {
        let t = team(&[("a", "data-scientist"), ("b", "backend-engineer")]);
        let ghost = t.replace("members = [", "members = [\"ghost\", ");
        assert!(fire(&[("t.toml", &ghost)]).is_empty());
        let alumni = format!(
            "{}alumni = true\n",
            team(&[
                ("a", "data-scientist"),
                ("b", "backend-engineer"),
                ("c", "product-manager")
            ])
        );
        assert_eq!(
            fire(&[("t.toml", &alumni)]),
            ["feature team T has an ML practitioner but no product member"]
        );
    }
}
