//! `missing-org`: no `[org]` in the tree.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "missing-org",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "no `[org]` in the tree",
    options: &[],
    page: include_str!("../../lints/missing-org.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    if !cx.org.orgs.is_empty() {
        return;
    }
    // An empty tree is reported too: a wrong path, or an exclude that hides everything, must
    // not pass a gate as a clean org.
    if cx.sources.is_empty() {
        cx.report_unlocated("no `[org]` in the tree: it has no entity files")
            .help(
                "check the path and `[files].exclude`, or add an `[org]` table with the org's `name`",
            );
    } else {
        cx.report_unlocated("no `[org]` in the tree").help(
            "add an `[org]` table with `name` and `leadership`, e.g. in `org.toml` at the root",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Org;
    use crate::roles::Roles;
    use crate::source::Sources;

    #[test]
    fn an_empty_tree_has_no_org_either() {
        let (org, sources, roles) = (Org::default(), Sources::default(), Roles::default());
        let options = Default::default();
        let mut cx = Ctx::new(&org, &sources, &roles, &RULE, &options, &[]);
        check(&mut cx);
        let found = cx.into_findings();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].primary, None);
        assert!(found[0].message.contains("no entity files"));
    }
}
