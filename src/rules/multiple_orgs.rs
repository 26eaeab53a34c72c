//! `multiple-orgs`: more than one `[org]` in the tree.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "multiple-orgs",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "more than one `[org]` in the tree",
    options: &[],
    page: include_str!("../../lints/multiple-orgs.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let Some((first, others)) = cx.org.orgs.split_first() else {
        return;
    };
    for org in others {
        let message = format!(
            "{} is a second `[org]`: the tree already has {}",
            org.who(),
            first.who()
        );
        cx.report(org.anchor(), message)
            .label("another `[org]`")
            .help("keep one `[org]` and merge the others into it; only the first one is used")
            .related(first.anchor(), "the first `[org]` is here");
    }
}
