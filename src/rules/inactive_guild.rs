//! `inactive-guild`: an ML guild rarely or never meets, or has fewer than 2 current members.

use super::prelude::*;
use crate::model::{Cadence, Guild};

/// `max_cadence`: the rarest cadence that still counts as active.
const MAX_CADENCE: TypedOption<String> = TypedOption::choice(
    "max_cadence",
    "monthly",
    &["weekly", "biweekly", "monthly", "quarterly"],
    "the rarest cadence that still counts as active",
);

/// The rule.
pub static RULE: Rule = Rule {
    name: "inactive-guild",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "an ML guild rarely or never meets, or has fewer than 2 current members",
    options: &[MAX_CADENCE.spec()],
    page: include_str!("../../lints/inactive-guild.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let max = Cadence::parse(&cx.string(MAX_CADENCE)).unwrap_or(Cadence::Monthly);
    let org = cx.org;
    for (g, guild) in org.guilds.iter().enumerate() {
        // Other guilds are the org's own business (SPEC §2): a quarterly accessibility circle is
        // fine. A guild whose `topic` is invalid is `invalid-value`'s.
        if !guild.is_ml() {
            continue;
        }
        let cadence = cadence_problem(guild, max);
        let members = members_problem(org, g);
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

fn members_problem(org: &Org, g: usize) -> Option<Problem> {
    let guild = &org.guilds[g];
    if guild.is_invalid(GuildKey::Members) || guild.members.as_ref().is_some_and(|m| m.bad > 0) {
        return None;
    }
    // An id that names nobody may be the missing second member: `unknown-reference` speaks for
    // it, and one mistake is one finding.
    if org.guild_refs(g).iter().any(Option::is_none) {
        return None;
    }
    // Defined people, each once, who are not alumni: a former member meets no one.
    let mut current = org
        .guild_members(g)
        .iter()
        .map(|m| m.person as usize)
        .filter(|&p| !org.is_alumni(p));
    let first = current.next();
    if current.next().is_some() {
        return None;
    }
    let any_alumni = !org.guild_members(g).is_empty();
    let what = match (first, any_alumni) {
        (Some(p), _) => {
            let only = shown_id(org.people[p].id.as_str());
            if org.guild_members(g).len() > 1 {
                format!("has only one member who is not alumni ({only})")
            } else {
                format!("has only one member ({only})")
            }
        }
        (None, true) => "has no members who are not alumni".to_owned(),
        (None, false) => "has no members".to_owned(),
    };
    Some(Problem {
        what,
        label: if first.is_none() {
            "no members"
        } else {
            "only one member"
        },
        help: "give it at least 2 current `members`".to_owned(),
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
            "{}{}[[guild]]\nid = \"g\"\nname = \"G\"\ntopic = \"ml\"\n{extra}\n",
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

    #[test]
    fn only_ml_guilds_are_checked_and_alumni_do_not_count() {
        let other = guild("cadence = \"quarterly\"\nmembers = [\"a\"]")
            .replace("topic = \"ml\"", "topic = \"accessibility\"");
        assert!(fire(&[("g.toml", &other)]).is_empty());
        let upper =
            guild("cadence = \"none\"\nmembers = [\"a\", \"b\"]").replace("\"ml\"", "\"ML\"");
        assert_eq!(fire(&[("g.toml", &upper)]).len(), 1);
        let left = format!(
            "{}{}alumni = true\n",
            guild("cadence = \"weekly\"\nmembers = [\"a\", \"c\"]"),
            person("c", "sre")
        );
        assert_eq!(
            fire(&[("g.toml", &left)]),
            ["guild G has only one member who is not alumni (a)"]
        );
    }
}
