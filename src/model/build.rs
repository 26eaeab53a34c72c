//! Building the indexes of an [`Org`] whose entities are loaded: every defined id interned once,
//! every reference resolved to integers, and the lists the rules read (members, leads, parents,
//! managers, who is in leadership, alumni, in an ML team).

use std::collections::HashMap;

use super::fields::{IdOf, Key, Reference};
use super::index::{NONE, Named, range_of, slots_of, some};
use super::{
    Guild, GuildKey, InternedId, Lists, Member, Org, OrgKey, OrgTable, Person, PersonKey, Team,
    TeamKey,
};
use crate::roles::Roles;

/// The seeded hasher of every map keyed by ids: foldhash is several times faster than std's SipHash
/// on short keys, and its per-process random seed keeps crafted ids from colliding. Each id's value
/// is its [`InternedId`] and which kinds of entity define it (`DEFINES_*`), so that resolving a
/// reference tells whether it names something it may without a second look-up (an entry is 24 bytes
/// with or without the kinds).
type IdMap<'a> = HashMap<&'a str, (InternedId, u8), foldhash::fast::RandomState>;

const DEFINES_PERSON: u8 = 1;
const DEFINES_TEAM: u8 = 2;
const DEFINES_GUILD: u8 = 4;

/// The [`InternedId`] of `id`, interned now if it is new; records entity `i` as the first
/// definition in the namespace `kind` picks unless one came before (`defines` is that namespace's
/// bit).
fn intern<'a>(
    map: &mut IdMap<'a>,
    named: &mut Vec<Named>,
    id: &'a str,
    i: usize,
    (kind, defines): (fn(&mut Named) -> &mut u32, u8),
) -> InternedId {
    let next = InternedId(named.len() as u32);
    let (s, kinds) = map.entry(id).or_insert((next, 0));
    *kinds |= defines;
    let s = *s;
    if s == next {
        named.push(Named::NOTHING);
    }
    let slot = kind(&mut named[s.index()]);
    if *slot == NONE {
        *slot = i as u32;
    }
    s
}

/// The [`InternedId`]s of `ids`, the ids of one kind's entities in order, each interned by
/// [`intern`].
fn intern_each<'a>(
    map: &mut IdMap<'a>,
    named: &mut Vec<Named>,
    ids: impl Iterator<Item = &'a str>,
    kind: (fn(&mut Named) -> &mut u32, u8),
) -> Vec<InternedId> {
    (ids.enumerate())
        .map(|(i, id)| intern(map, named, id, i, kind))
        .collect()
}

/// Whether an id that the kinds `defines` define (none: not defined) is something a reference
/// to `to` may name.
fn names_what_it_may(to: IdOf, defines: u8) -> bool {
    match to {
        IdOf::Person => defines & DEFINES_PERSON != 0,
        IdOf::Team => defines & DEFINES_TEAM != 0,
        IdOf::TeamOrGuild => defines & (DEFINES_TEAM | DEFINES_GUILD) != 0,
        IdOf::Own => true,
    }
}

/// Resolves the ids of each entity's references through `map`, in `references()` order, and
/// gives each entity with its resolved slots to `each` while both are in cache; also gives the
/// entities with a reference that names nothing it may, in order (see
/// [`Org::with_unknown_references`]).
fn resolve_all<'a, E: 'a, R: Iterator<Item = Reference<'a>>>(
    map: &IdMap,
    entities: &'a [E],
    references: impl Fn(&'a E) -> R,
    mut each: impl FnMut(&'a E, &[Option<InternedId>]),
) -> (Lists<Option<InternedId>>, Vec<u32>) {
    let mut lists = Lists::default();
    let mut unknown = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        let start = lists.items.len();
        let mut all_known = true;
        for r in references(e) {
            lists.items.extend(r.ids.iter().map(|id| {
                let value = map.get(id.as_str());
                all_known &= names_what_it_may(r.to, value.map_or(0, |&(_, kinds)| kinds));
                value.map(|&(s, _)| s)
            }));
        }
        if !all_known {
            unknown.push(i as u32);
        }
        each(e, &lists.items[start..]);
        lists.close();
    }
    (lists, unknown)
}

impl Org {
    /// Builds the indexes over entities that were loaded already (the engine's model stage).
    pub(crate) fn index(&mut self, roles: &Roles) {
        // Intern every defined id once (later definitions of an id keep the first), while the
        // other core sorts the roles into categories and reads who is alumni: each pass over the
        // people is a pass over memory out of cache at 100,000 of them, so one does both.
        let ((map, named, person_sym, team_sym, guild_sym), (categories_of, alumni)) = rayon::join(
            || {
                let n_ids = self.people.len() + self.teams.len() + self.guilds.len();
                let mut map: IdMap = HashMap::with_capacity_and_hasher(n_ids, Default::default());
                let mut named: Vec<Named> = Vec::with_capacity(n_ids);
                let (m, n) = (&mut map, &mut named);
                let people = self.people.iter().map(|p| p.id.as_str());
                let person_sym = intern_each(m, n, people, (|n| &mut n.person, DEFINES_PERSON));
                let teams = self.teams.iter().map(|t| t.id.as_str());
                let team_sym = intern_each(m, n, teams, (|n| &mut n.team, DEFINES_TEAM));
                let guilds = self.guilds.iter().map(|g| g.id.as_str());
                let guild_sym = intern_each(m, n, guilds, (|n| &mut n.guild, DEFINES_GUILD));
                (map, named, person_sym, team_sym, guild_sym)
            },
            || -> (Vec<u8>, Vec<bool>) {
                (self.people.iter())
                    .map(|p| {
                        let category = p.role.as_ref().map_or(0, |r| roles.categories(r.as_str()));
                        (category, p.alumni.as_ref().is_some_and(|a| a.value))
                    })
                    .unzip()
            },
        );
        let person = |s: Option<InternedId>| s.map_or(NONE, |s| named[s.index()].person);
        let team = |s: Option<InternedId>| s.map_or(NONE, |s| named[s.index()].team);
        let n = self.people.len();
        // Resolve every reference once, people's on one core (with each one's manager, while the
        // person is in cache) and the rest on the other.
        let (((person_refs, unknown_people), manager_of), (teams, guilds, orgs)) = rayon::join(
            || {
                let mut manager_of: Vec<Option<usize>> = Vec::with_capacity(n);
                let refs = resolve_all(&map, &self.people, Person::references, |def, slots| {
                    let refs = slots_of(def.references(), slots, PersonKey::ReportsTo.as_str());
                    manager_of.push(refs.first().and_then(|&s| some(person(s))));
                });
                (refs, manager_of)
            },
            || {
                (
                    resolve_all(&map, &self.teams, Team::references, |_, _| ()),
                    resolve_all(&map, &self.guilds, Guild::references, |_, _| ()),
                    resolve_all(&map, &self.orgs, OrgTable::references, |_, _| ()),
                )
            },
        );
        drop(map);
        let ((team_refs, unknown_teams), (guild_refs, unknown_guilds)) = (teams, guilds);
        let (org_refs, unknown_orgs) = orgs;
        self.unknown_references = [unknown_orgs, unknown_people, unknown_teams, unknown_guilds];
        // Each defined member once per team or guild: `last[p]` is the last list that took p.
        let mut last = vec![NONE; n];
        let members =
            |last: &mut [u32], refs: &[Option<InternedId>], list: u32, into: &mut Lists<Member>| {
                for (e, &s) in refs.iter().enumerate() {
                    let p = person(s);
                    if p != NONE && last[p as usize] != list {
                        last[p as usize] = list;
                        into.items.push(Member {
                            person: p,
                            entry: e as u32,
                        });
                    }
                }
                into.close();
            };
        let mut team_members = Lists::default();
        let mut lead_of = Vec::with_capacity(self.teams.len());
        let mut parent_of = Vec::with_capacity(self.teams.len());
        let mut member_slots = Vec::with_capacity(self.teams.len());
        for (t, team_def) in self.teams.iter().enumerate() {
            let refs = &team_refs[t];
            let of = |key: TeamKey| slots_of(team_def.references(), refs, key.as_str());
            let at = range_of(team_def.references(), TeamKey::Members.as_str());
            member_slots.push((at.start as u32, at.end as u32));
            members(&mut last, &refs[at], t as u32, &mut team_members);
            lead_of.push(of(TeamKey::Lead).first().map_or(NONE, |&s| person(s)));
            parent_of.push(of(TeamKey::Parent).first().and_then(|&s| some(team(s))));
        }
        last.fill(NONE);
        let mut guild_members = Lists::default();
        for (g, guild) in self.guilds.iter().enumerate() {
            let refs = slots_of(
                guild.references(),
                &guild_refs[g],
                GuildKey::Members.as_str(),
            );
            members(&mut last, refs, g as u32, &mut guild_members);
        }
        let invert = |lists: &Lists<Member>| {
            let pairs: Vec<(u32, u32)> = (lists.iter().enumerate())
                .flat_map(|(i, ms)| ms.iter().map(move |m| (m.person, i as u32)))
                .collect();
            Lists::grouped(n, &pairs)
        };
        self.teams_of = invert(&team_members);
        self.guilds_of = invert(&guild_members);
        let reports: Vec<(u32, u32)> = (manager_of.iter().enumerate())
            .filter_map(|(p, b)| b.map(|b| (b as u32, p as u32)))
            .collect();
        self.reports_of = Lists::grouped(n, &reports);
        self.in_leadership = vec![false; n];
        if let Some(o) = self.orgs.first() {
            for &s in slots_of(o.references(), &org_refs[0], OrgKey::Leadership.as_str()) {
                if let Some(p) = some(person(s)) {
                    self.in_leadership[p] = true;
                }
            }
        }
        self.person_count = named.iter().filter(|n| n.person != NONE).count();
        self.alumni = alumni;
        self.headcount = (named.iter())
            .filter(|n| n.person != NONE && !self.alumni[n.person as usize])
            .count();
        self.in_ml_team = vec![false; n];
        for (t, team) in self.teams.iter().enumerate() {
            if team.is_ml_team() {
                for m in &team_members[t] {
                    self.in_ml_team[m.person as usize] = true;
                }
            }
        }
        self.named = named;
        self.person_sym = person_sym;
        self.team_sym = team_sym;
        self.guild_sym = guild_sym;
        self.org_refs = org_refs;
        self.person_refs = person_refs;
        self.team_refs = team_refs;
        self.guild_refs = guild_refs;
        self.lead_of = lead_of;
        self.member_slots = member_slots;
        self.team_members = team_members;
        self.guild_members = guild_members;
        self.manager_of = manager_of;
        self.parent_of = parent_of;
        self.categories_of = categories_of;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{List, LocatedStr};
    use super::*;
    use crate::source::Span;

    fn s(v: &str) -> LocatedStr {
        LocatedStr::new(v, Span::new(0, 0..0))
    }

    fn list(ids: &[&str]) -> List<LocatedStr> {
        List {
            span: Span::new(0, 0..0),
            items: ids.iter().map(|i| s(i)).collect(),
            bad: 0,
        }
    }

    #[test]
    fn every_reference_is_resolved_once_to_first_definitions() {
        let span = Span::new(0, 0..0);
        let mut org = Org {
            people: ["ana", "ben", "ana", "cy"]
                .iter()
                .map(|id| crate::rules::testing::bare_person(id, Some("ben")))
                .collect(),
            ..Org::default()
        };
        let mut team = Team::bare(span, s("t"));
        team.members = Some(list(&["cy", "ghost", "ana", "cy", "ben", "ana"]));
        team.lead = Some(s("ana"));
        team.parent = Some(s("u"));
        let mut other = Team::bare(span, s("u"));
        other.members = Some(list(&["ana"]));
        let mut guild = Guild::bare(span, s("u"));
        guild.members = Some(list(&["ben", "ben"]));
        org.teams = vec![team, other];
        org.guilds = vec![guild];
        org.index(&Roles::default());

        let m = |person, entry| Member { person, entry };
        assert_eq!(org.members(0), [m(3, 0), m(0, 2), m(1, 4)]);
        assert_eq!(org.members(1), [m(0, 0)]);
        assert_eq!(org.guild_members(0), [m(1, 0)]);
        assert_eq!(org.lead_of(0), Some(0));
        assert_eq!(org.parent_of, [Some(1), None]);
        assert_eq!(org.manager_of, [Some(1); 4]);
        assert_eq!(&org.reports_of[1], [0, 1, 2, 3]);
        assert_eq!(&org.teams_of[0], [0, 1]);
        assert_eq!(&org.teams_of[2], [] as [u32; 0]);
        assert_eq!(&org.guilds_of[1], [0]);
        assert!(org.is_first_person(0) && !org.is_first_person(2));
        assert_eq!(org.person_sym(0), org.person_sym(2));
        assert_eq!(org.person_count(), 3);
        // "ghost" names nothing; "u" names both a team and a guild.
        let syms = org.team_member_syms(0);
        assert_eq!(syms[1], None);
        assert_eq!(syms[0], syms[3]);
        let u = org.team_sym(1);
        assert_eq!(
            (org.team_named(u), org.guild_named(u), org.person_named(u)),
            (Some(1), Some(0), None)
        );
        assert_eq!(org.person("cy"), Some(3));
    }
}
