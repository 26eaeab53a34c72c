//! `inactive-guild`: a guild rarely or never meets, or has fewer than 2 members.

use super::prelude::*;
use crate::model::{Cadence, Guild};

/// The rule.
pub static RULE: Rule = Rule {
    name: "inactive-guild",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a guild rarely or never meets, or has fewer than 2 members",
    options: &[RuleOption {
        name: "max_cadence",
        kind: OptionKind::Choice {
            default: "monthly",
            choices: &["weekly", "biweekly", "monthly", "quarterly"],
        },
        doc: "the rarest cadence that still counts as active",
    }],
    page: include_str!("../../lints/inactive-guild.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    let max = Cadence::parse(&cx.string("max_cadence")).unwrap_or(Cadence::Monthly);
    for guild in &cx.org.guilds {
        let cadence = cadence_problem(guild, max);
        let members = members_problem(guild);
        if cadence.is_none() && members.is_none() {
            continue;
        }
        // Point at the value at fault: the cadence first, then the members, else the id.
        let at = match (&guild.cadence, &guild.members) {
            (Some(c), _) if cadence.is_some() => c.span,
            (_, Some(m)) if members.is_some() => m.span,
            _ => guild.id.span,
        };
        let (what, label, help) = match (cadence, members) {
            (Some(c), Some(m)) => (
                format!("{}, and {}", c.what, m.what),
                format!("{} and {}", c.label, m.label),
                format!("{}, and {}", c.help, m.help),
            ),
            (Some(p), None) | (None, Some(p)) => (p.what, p.label.to_owned(), p.help),
            (None, None) => continue,
        };
        cx.report(at, format!("guild {} {what}", guild.label()))
            .label(label)
            .help(help);
    }
}

/// One reason a guild is inactive: the message tail, a label and the remedy.
struct Problem {
    what: String,
    label: &'static str,
    help: String,
}

fn cadence_problem(guild: &Guild, max: Cadence) -> Option<Problem> {
    // An invalid `cadence` is reported by `invalid-value`; it is not absent.
    if guild.is_invalid(GuildKey::Cadence) {
        return None;
    }
    let help = format!(
        "meet at least `{}` and record it as `cadence`",
        max.as_str()
    );
    let Some(cadence) = &guild.cadence else {
        return Some(Problem {
            what: "has no `cadence`".to_owned(),
            label: "no meeting cadence",
            help,
        });
    };
    match cadence.value {
        Cadence::None => Some(Problem {
            what: "never meets (`cadence = \"none\"`)".to_owned(),
            label: "never meets",
            help,
        }),
        c if c > max => Some(Problem {
            what: format!(
                "meets only `{}`, not at least `{}`",
                c.as_str(),
                max.as_str()
            ),
            label: "meets too rarely",
            help,
        }),
        _ => None,
    }
}

fn members_problem(guild: &Guild) -> Option<Problem> {
    if guild.is_invalid(GuildKey::Members) {
        return None;
    }
    // Distinct ids as listed: an undefined member is `unknown-reference`'s finding, not a second one here.
    let mut only: Option<&str> = None;
    for m in guild.member_ids() {
        match only {
            None => only = Some(m.as_str()),
            Some(o) if o != m.as_str() => return None,
            Some(_) => {}
        }
    }
    let what = match only {
        Some(only) => format!("has only one member ({})", shown_id(only)),
        None => "has no members".to_owned(),
    };
    Some(Problem {
        what,
        label: if only.is_none() {
            "no members"
        } else {
            "only one member"
        },
        help: "give it at least 2 `members`".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::RULE;

    /// The messages of this rule on a tree of `(path, text)` files.
    fn fire(files: &[(&str, &str)]) -> Vec<String> {
        crate::rules::testing::messages(RULE.name, files)
    }

    use crate::rules::testing::person;

    fn guild(extra: &str) -> String {
        format!(
            "{}{}[[guild]]\nid = \"g\"\nname = \"G\"\n{extra}\n",
            person("a", "sre"),
            person("b", "sre")
        )
    }

    #[test]
    fn cadence_and_members_problems_make_one_finding() {
        assert_eq!(
            fire(&[("g.toml", &guild("members = [\"a\", \"a\"]"))]),
            ["guild G has no `cadence`, and has only one member (a)"]
        );
        assert_eq!(
            fire(&[("g.toml", &guild("cadence = \"none\""))]),
            ["guild G never meets (`cadence = \"none\"`), and has no members"]
        );
    }

    #[test]
    fn max_cadence_is_configurable_and_invalid_values_are_not_absent() {
        let quarterly = guild("cadence = \"quarterly\"\nmembers = [\"a\", \"b\"]");
        assert_eq!(fire(&[("g.toml", &quarterly)]).len(), 1);
        let config = "[rules]\ninactive-guild = { max_cadence = \"quarterly\" }\n";
        assert!(fire(&[("g.toml", &quarterly), ("orglint.toml", config)]).is_empty());
        let config = "[rules]\ninactive-guild = { max_cadence = \"weekly\" }\n";
        let biweekly = guild("cadence = \"biweekly\"\nmembers = [\"a\", \"b\"]");
        assert_eq!(
            fire(&[("g.toml", &biweekly), ("orglint.toml", config)]).len(),
            1
        );
        assert!(fire(&[("g.toml", &guild("cadence = \"daily\"\nmembers = 3"))]).is_empty());
    }

    #[test]
    fn an_undefined_member_is_left_to_unknown_reference() {
        assert!(
            fire(&[(
                "g.toml",
                &guild("cadence = \"weekly\"\nmembers = [\"a\", \"ghost\"]")
            )])
            .is_empty()
        );
    }
}
