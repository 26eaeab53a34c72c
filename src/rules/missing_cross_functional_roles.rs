//! `missing-cross-functional-roles`: a feature team with ML lacks a required role category.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "missing-cross-functional-roles",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a feature team with ML lacks a required role category",
    options: &[RuleOption {
        name: "required",
        kind: OptionKind::List {
            default: &["product", "software"],
            choices: &[
                "ml",
                "software",
                "product",
                "design",
                "marketing",
                "management",
            ],
        },
        doc: "the role categories every feature team with an ML practitioner needs",
    }],
    page: include_str!("../../lints/missing-cross-functional-roles.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let mut required: Vec<Category> = Vec::new();
    for name in cx.list("required") {
        if let Some(c) = Category::parse(&name)
            && !required.contains(&c)
        {
            required.push(c);
        }
    }
    let org = cx.org;
    for team in &org.teams {
        if !team.is_feature() {
            continue;
        }
        // The union of the members' categories. A role in several categories counts for each
        // (an `mlops-engineer` is both ML and software), as SPEC §1 sorts roles.
        let present = team
            .member_ids()
            .iter()
            .filter_map(|m| org.person(m.as_str()))
            .fold(0u8, |acc, p| acc | org.categories_of[p]);
        if present & Category::Ml.bit() == 0 {
            continue;
        }
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
                join_list(&names, "or")
            ),
        )
        .label(format!("no {} member", join_list(&names, "or")))
        .help(if missing.len() == 1 {
            format!(
                "add a member with a {} role, such as {}",
                names[0],
                join_names(&roles)
            )
        } else {
            format!(
                "add members with {} roles, such as {}",
                join_list(&names, "and"),
                join_names(&roles)
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

/// "a", "a or b", "a, b or c" (with `word` between the last two).
fn join_list(names: &[&str], word: &str) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {word} {last}", rest.join(", ")),
        _ => names.concat(),
    }
}
