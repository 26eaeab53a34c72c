//! `unknown-reference`: an id reference names nothing.

use super::prelude::*;
use crate::finding::{Applicability, Fix};
use crate::limits::MAX_SUGGESTIONS;
use crate::model::fields::{IdOf, Key, Reference};
use crate::model::{EntityKind, LocatedStr, InternedId, resolved};
use crate::suggest::{Candidates, Suggester};

/// The rule.
pub static RULE: Rule = Rule {
    name: "unknown-reference",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "an id reference names nothing",
    options: &[],
    page: include_str!("../../lints/unknown-reference.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);


/// How messages name what a reference must name.
fn noun(to: IdOf) -> &'static str {
    match to {
        IdOf::Person => "person",
        IdOf::Team => "team",
        IdOf::TeamOrGuild => "team or guild",
        // An entity's own id is no reference: `duplicate-id` and the loader speak for it.
        IdOf::Own => "entity",
    }
}

fn check(cx: &mut Ctx) {
    let org = cx.org;
    let mut refs = Refs {
        cx,
        // Each did-you-mean compares the reference with every id of its kind, so a tree full of
        // dangling references would make the rule quadratic: only the first unknown references
        // (in file order) get one, while one `Suggester`'s budget of work lasts (a
        // hundred-thousand-person org gets a few suggestions; the rest get the plain help).
        suggestions_left: MAX_SUGGESTIONS,
        suggester: Suggester::new(),
        people: None,
        teams: None,
        teams_and_guilds: None,
    };
    // Every reference the field tables declare, entity by entity: a key added to a table is
    // checked without a word here. Only the entities whose references the index found naming
    // nothing they may are read again (in a large org, each entity read is memory out of cache).
    // Each owner's name is built only for a finding.
    let unknown = |kind| {
        org.with_unknown_references(kind)
            .iter()
            .map(|&i| i as usize)
    };
    for i in unknown(EntityKind::Org) {
        let o = &org.orgs[i];
        refs.all(
            || "the org".to_owned(),
            resolved(o.references(), org.org_refs(i)),
        );
    }
    for i in unknown(EntityKind::Person) {
        let p = &org.people[i];
        refs.all(
            || shown_id(p.id.as_str()).to_string(),
            resolved(p.references(), org.person_refs(i)),
        );
    }
    for i in unknown(EntityKind::Team) {
        let t = &org.teams[i];
        // `lead` and `members` first, then the rest in table order (`parent`, `stakeholders`,
        // ...), as this rule always checked them: the first unknown references take the
        // suggestions' budget, so the order decides which get a did-you-mean.
        let (lead, members) = (TeamKey::Lead.as_str(), TeamKey::Members.as_str());
        let all = || resolved(t.references(), org.team_refs(i));
        let first = all().filter(|(r, _)| r.key == lead || r.key == members);
        let rest = all().filter(|(r, _)| r.key != lead && r.key != members);
        refs.all(
            || format!("team {}", shown_id(t.id.as_str())),
            first.chain(rest),
        );
    }
    for i in unknown(EntityKind::Guild) {
        let g = &org.guilds[i];
        refs.all(
            || format!("guild {}", shown_id(g.id.as_str())),
            resolved(g.references(), org.guild_refs(i)),
        );
    }
}

/// The checker, with the candidate ids for suggestions, each list built once when first needed.
struct Refs<'c, 'a> {
    cx: &'c mut Ctx<'a>,
    suggestions_left: usize,
    suggester: Suggester,
    people: Option<Candidates<'a>>,
    teams: Option<Candidates<'a>>,
    teams_and_guilds: Option<Candidates<'a>>,
}

impl<'a> Refs<'_, 'a> {
    fn all<'r>(
        &mut self,
        owner: impl Fn() -> String,
        references: impl Iterator<Item = (Reference<'r>, &'r [Option<InternedId>])>,
    ) {
        for (r, syms) in references {
            for (value, &sym) in r.ids.iter().zip(syms) {
                self.one(&owner, &r, value, sym);
            }
        }
    }

    fn one(
        &mut self,
        owner: &impl Fn() -> String,
        r: &Reference<'_>,
        value: &LocatedStr,
        sym: Option<InternedId>,
    ) {
        let (key, want) = (r.key, r.to);
        let org = self.cx.org;
        // Decided from the integers alone: the value's text (in a file read long before, out of
        // cache at 100,000 people) is read only for a reference that names nothing it may.
        let is_person = sym.and_then(|s| org.person_named(s)).is_some();
        let is_team = sym.and_then(|s| org.team_named(s)).is_some();
        let is_guild = sym.and_then(|s| org.guild_named(s)).is_some();
        let found = match want {
            IdOf::Person => is_person,
            IdOf::Team => is_team,
            IdOf::TeamOrGuild => is_team || is_guild,
            IdOf::Own => true,
        };
        // A malformed id is already `invalid-value`: one mistake, one finding.
        if found || value.is_malformed_id() {
            return;
        }
        let other = if is_person {
            Some("person")
        } else if is_team {
            Some("team")
        } else if is_guild {
            Some("guild")
        } else {
            None
        };
        let id = value.as_str();
        let noun = noun(want);
        let shown = shown_id(id);
        let owner = owner();
        if let Some(other) = other {
            self.cx
                .report(
                    value.span,
                    format!("`{key}` of {owner} names {shown}, which is a {other}, not a {noun}"),
                )
                .label(format!("a {other}, not a {noun}"))
                .help(format!("`{key}` takes the id of a {noun}"));
            return;
        }
        let suggestion = self.suggest(id, want);
        let f = self
            .cx
            .report(
                value.span,
                format!("`{key}` of {owner} names {shown}, but no {noun} has that id"),
            )
            .label(format!("unknown {noun}"));
        match suggestion {
            Some((near, close)) => {
                f.help(format!("did you mean {}?", shown_code(near)));
                // Unsafe: the reference may name someone not defined yet, and a typo fixed to
                // the wrong id makes the org say something new. Never a guess between two, nor
                // an id the list already holds.
                let listed = r.ids.iter().any(|v| v.as_str() == near);
                if close == 1 && !listed && crate::text::valid_id(near) {
                    f.fix(Fix {
                        message: format!("write {} instead", shown_code(near)),
                        applicability: Applicability::Unsafe,
                        edits: vec![crate::edits::replace_id(value, near)],
                    });
                }
            }
            None => {
                f.help(format!(
                    "define a {noun} with this id, or correct or remove the reference"
                ));
            }
        };
    }

    /// The closest defined id of the kind `want` to `id`, with how many ids were close enough.
    fn suggest(&mut self, id: &str, want: IdOf) -> Option<(&'a str, usize)> {
        if self.suggestions_left == 0 {
            return None;
        }
        let org = self.cx.org;
        // Every defined id of the kind once. (The order cannot change the answer: the suggester
        // breaks ties by the id, and its budget runs out, or not, on the sum of the candidates'
        // costs.)
        let people = || org.first_people().map(|p| org.people[p].id.as_str());
        let teams = || org.first_teams().map(|t| org.teams[t].id.as_str());
        let guilds = || org.first_guilds().map(|g| org.guilds[g].id.as_str());
        let candidates = match want {
            IdOf::Person | IdOf::Own => {
                self.people.get_or_insert_with(|| Candidates::new(people()))
            }
            IdOf::Team => self.teams.get_or_insert_with(|| Candidates::new(teams())),
            IdOf::TeamOrGuild => self
                .teams_and_guilds
                .get_or_insert_with(|| Candidates::new(teams().chain(guilds()))),
        };
        self.suggestions_left -= 1;
        self.suggester.closest_among(id, candidates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;
    use crate::model::fields::FieldType;

    #[test]
    fn every_reference_key_of_the_field_tables_is_checked() {
        // One entity of each kind with every key of its table written: required keys with a valid
        // value, every id or array of ids of another entity naming no one. Each must be reported,
        // so that a key added to a table is checked with no word in this rule.
        let mut text = String::new();
        let mut expected = Vec::new();
        for kind in EntityKind::ALL {
            let header = match kind {
                EntityKind::Org => "[org]",
                _ => &format!("[[{}]]", kind.key()),
            };
            text.push_str(header);
            text.push('\n');
            for f in kind.fields() {
                let value = match (f.key, f.ty) {
                    (_, FieldType::Id(IdOf::Own)) => format!("\"the-{}\"", kind.key()),
                    (_, FieldType::Id(_)) => "\"ghost\"".to_owned(),
                    (_, FieldType::IdList(_)) => "[\"ghost\"]".to_owned(),
                    (_, FieldType::Choice(names)) => format!("\"{}\"", names[0]),
                    ("name", _) | ("role", _) => "\"x\"".to_owned(),
                    _ => continue,
                };
                if matches!(f.ty, FieldType::Id(of) | FieldType::IdList(of) if of != IdOf::Own) {
                    expected.push(format!("`{}`", f.key));
                }
                text.push_str(&format!("{} = {value}\n", f.key));
            }
            text.push('\n');
        }
        let found = crate::rules::testing::messages(RULE.name, &[("org.toml", &text)]);
        let mut keys: Vec<String> = found
            .iter()
            .map(|m| m.split(' ').next().unwrap_or_default().to_owned())
            .collect();
        keys.sort();
        expected.sort();
        assert_eq!(keys, expected, "{found:#?}");
        assert!(expected.len() >= 9, "{expected:?}");
    }
    use crate::model::{Org, Person};
    use crate::roles::Roles;
    use crate::source::Sources;

    use crate::rules::testing::bare_person as person;

    fn org(people: Vec<Person>) -> Org {
        let mut org = Org::default();
        org.people = people;
        org.index(&Roles::default());
        org
    }

    fn run(org: &Org) -> Vec<crate::finding::Finding> {
        let (sources, roles) = (Sources::default(), Roles::default());
        let options = Default::default();
        let mut cx = Ctx::new(org, &sources, &roles, &RULE, &options, &[]);
        check(&mut cx);
        cx.into_findings()
    }

    fn suggested(found: &[crate::finding::Finding]) -> usize {
        found
            .iter()
            .filter(|f| f.help.as_deref().is_some_and(|h| h.starts_with("did you")))
            .count()
    }

    #[test]
    fn suggestions_stop_after_the_first_few_hundred() {
        let bosses: Vec<String> = (0..1000).map(|i| format!("q{i:04}")).collect();
        let org = org((0..1000)
            .map(|i| person(&format!("p{i:04}"), Some(&bosses[i])))
            .collect());
        let found = run(&org);
        assert_eq!(found.len(), 1000);
        assert_eq!(suggested(&found), MAX_SUGGESTIONS);
    }

    #[test]
    fn a_large_org_gets_fewer_suggestions() {
        let n = 100_000;
        let bosses: Vec<String> = (0..50).map(|i| format!("q{i:06}")).collect();
        let org = org((0..n)
            .map(|i| person(&format!("p{i:06}"), bosses.get(i).map(String::as_str)))
            .collect());
        let found = run(&org);
        assert_eq!(found.len(), 50);
        // Each call looks at every id, at 1 + 7 * 7 units each.
        let per_call = n as u64 * 50;
        assert_eq!(
            suggested(&found) as u64,
            crate::limits::SUGGESTION_WORK / per_call
        );
        assert!(found.iter().all(|f| f.help.is_some()));
    }
}
