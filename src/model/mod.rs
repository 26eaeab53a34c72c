//! The whole-org model: org, people, teams and guilds, every value with its span, and the indexes
//! rules look things up in. The values are in `values`, the entities (written from the field
//! tables of `fields`) in `entities`, the interned ids and resolved lists in `index`; this module
//! builds the [`Org`] and answers the rules' questions about it.

use std::collections::HashMap;

pub mod fields;

use self::fields::{Field, IdOf, Key, Reference};
use crate::roles::{Category, Roles};
use crate::source::Span;
use crate::text::{Shown, shown_id, shown_name};

mod entities;
mod index;
mod values;

pub use entities::*;
pub use index::*;
pub use values::*;

/// The org as a whole, as the reports give it (SPEC §6 and §8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts<'a> {
    /// `[org].name`, if it is a string.
    pub name: Option<&'a str>,
    /// The stage, declared or derived from headcount.
    pub stage: Stage,
    /// The AI focus, declared or `product`.
    pub ai_focus: AiFocus,
    /// Where ML work sits.
    pub structure: Structure,
}

/// Every entity of the tree, in file order then source order, plus the indexes built once.
///
/// The model stage ([`crate::engine::build_model`]) hashes each id string once (a seeded foldhash
/// map, dropped when it is done) and resolves every reference to integers: the rules then work on
/// integers and hash no string.
#[derive(Debug, Default)]
pub struct Org {
    /// Every `[org]` (more than one is `multiple-orgs`).
    pub orgs: Vec<OrgDef>,
    /// Every person with an id.
    pub people: Vec<Person>,
    /// Every team with an id.
    pub teams: Vec<Team>,
    /// Every guild with an id.
    pub guilds: Vec<Guild>,
    /// Per defined id ([`Sym`]), the entities it names.
    named: Vec<Named>,
    /// Per person, the [`Sym`] of its own id (and so for teams and guilds below).
    person_sym: Vec<Sym>,
    team_sym: Vec<Sym>,
    guild_sym: Vec<Sym>,
    /// Per org, what each id of its `references()` names, in that order (and so for people,
    /// teams and guilds below).
    org_refs: Lists<Option<Sym>>,
    person_refs: Lists<Option<Sym>>,
    team_refs: Lists<Option<Sym>>,
    guild_refs: Lists<Option<Sym>>,
    /// Per team, its `lead` (first definition), if defined.
    lead_of: Vec<u32>,
    /// Per team, where its `members` lie in its [`Org::team_refs`] (start and end), so that
    /// rules asking for them do not read the team, out of cache in a large org, to find out.
    member_slots: Vec<(u32, u32)>,
    /// Per team and guild, the defined people in `members`, each once, in order.
    team_members: Lists<Member>,
    guild_members: Lists<Member>,
    /// How many distinct person ids are defined.
    person_count: usize,
    /// For each person, the teams that list them in `members` (each team once, in order).
    pub teams_of: Lists<u32>,
    /// For each person, the guilds that list them in `members` (each guild once, in order).
    pub guilds_of: Lists<u32>,
    /// For each person, the person their `reports_to` names (its first definition), if defined:
    /// the successor the rules' chain walker follows up reporting lines.
    pub manager_of: Vec<Option<usize>>,
    /// For each person, the people whose `reports_to` names them, in order.
    pub reports_of: Lists<u32>,
    /// For each team, the team its `parent` names (its first definition), if defined: the
    /// successor the rules' chain walker follows up the team tree.
    pub parent_of: Vec<Option<usize>>,
    /// For each person, their role categories.
    pub categories_of: Vec<u8>,
    /// For each person, whether `[org].leadership` names them.
    pub in_leadership: Vec<bool>,
    /// For each person, whether they are `alumni`: a former member kept for the record.
    alumni: Vec<bool>,
    /// For each person, whether an ML team lists them in `members`.
    in_ml_team: Vec<bool>,
    /// How many distinct person ids are defined whose first definition is not `alumni`.
    headcount: usize,
    /// Per [`EntityKind`] (in [`EntityKind::ALL`] order), the entities with a reference that
    /// names nothing it may, in order.
    unknown_references: [Vec<u32>; 4],
}

/// The seeded hasher of every map keyed by ids: foldhash is several times faster than std's
/// SipHash on short keys, and its per-process random seed keeps crafted ids from colliding. Each
/// id's value is its [`Sym`] and which kinds of entity define it (`DEFINES_*`), so that resolving
/// a reference tells whether it names something it may without a second look-up (an entry is 24
/// bytes with or without the kinds).
type IdMap<'a> = HashMap<&'a str, (Sym, u8), foldhash::fast::RandomState>;

const DEFINES_PERSON: u8 = 1;
const DEFINES_TEAM: u8 = 2;
const DEFINES_GUILD: u8 = 4;

/// The [`Sym`] of `id`, interned now if it is new; records entity `i` as the first definition in
/// the namespace `kind` picks unless one came before (`defines` is that namespace's bit).
fn intern<'a>(
    map: &mut IdMap<'a>,
    named: &mut Vec<Named>,
    id: &'a str,
    i: usize,
    (kind, defines): (fn(&mut Named) -> &mut u32, u8),
) -> Sym {
    let next = Sym(named.len() as u32);
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

/// The [`Sym`]s of `ids`, the ids of one kind's entities in order, each interned by [`intern`].
fn intern_each<'a>(
    map: &mut IdMap<'a>,
    named: &mut Vec<Named>,
    ids: impl Iterator<Item = &'a str>,
    kind: (fn(&mut Named) -> &mut u32, u8),
) -> Vec<Sym> {
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
    mut each: impl FnMut(&'a E, &[Option<Sym>]),
) -> (Lists<Option<Sym>>, Vec<u32>) {
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
        let person = |s: Option<Sym>| s.map_or(NONE, |s| named[s.index()].person);
        let team = |s: Option<Sym>| s.map_or(NONE, |s| named[s.index()].team);
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
                    resolve_all(&map, &self.orgs, OrgDef::references, |_, _| ()),
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
            |last: &mut [u32], refs: &[Option<Sym>], list: u32, into: &mut Lists<Member>| {
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

    /// The entities of kind `kind` (by index, in order) with a reference that names nothing it
    /// may: an undefined id, or a person where a team must be, and so on. Decided while the
    /// references were resolved, so that `unknown-reference` reads only these entities.
    pub fn with_unknown_references(&self, kind: EntityKind) -> &[u32] {
        let at = EntityKind::ALL.iter().position(|&k| k == kind);
        at.map_or(&[], |at| &self.unknown_references[at])
    }

    /// The org, when there is exactly one or more (the first).
    pub fn org(&self) -> Option<&OrgDef> {
        self.orgs.first()
    }

    /// The person with this id (its first definition), found by a linear search: for tests and
    /// tools; rules use the resolved references.
    pub fn person(&self, id: &str) -> Option<usize> {
        self.people.iter().position(|p| p.id.as_str() == id)
    }

    /// The person a defined id names (its first definition), if any.
    pub fn person_named(&self, s: Sym) -> Option<usize> {
        some(self.named[s.index()].person)
    }

    /// The team a defined id names (its first definition), if any.
    pub fn team_named(&self, s: Sym) -> Option<usize> {
        some(self.named[s.index()].team)
    }

    /// The guild a defined id names (its first definition), if any.
    pub fn guild_named(&self, s: Sym) -> Option<usize> {
        some(self.named[s.index()].guild)
    }

    /// How many defined ids there are: the size of a table with one slot per [`Sym`].
    pub fn sym_count(&self) -> usize {
        self.named.len()
    }

    /// The [`Sym`] of person `p`'s own id.
    pub fn person_sym(&self, p: usize) -> Sym {
        self.person_sym[p]
    }

    /// The [`Sym`] of team `t`'s own id.
    pub fn team_sym(&self, t: usize) -> Sym {
        self.team_sym[t]
    }

    /// The [`Sym`] of guild `g`'s own id.
    pub fn guild_sym(&self, g: usize) -> Sym {
        self.guild_sym[g]
    }

    /// The first definition of each person id, in definition order: every person but the later
    /// ones of `duplicate-id`. Read off the ids in the order they were interned, not by asking of
    /// each person (a look-up out of cache, 100,000 times in a large org).
    pub fn first_people(&self) -> impl Iterator<Item = usize> + '_ {
        self.named.iter().filter_map(|n| some(n.person))
    }

    /// The first definition of each team id, each once (in the order their ids were interned:
    /// people's first, so a team whose id a person has comes before the other teams).
    pub fn first_teams(&self) -> impl Iterator<Item = usize> + '_ {
        self.named.iter().filter_map(|n| some(n.team))
    }

    /// The first definition of each guild id, each once (in the order their ids were interned).
    pub fn first_guilds(&self) -> impl Iterator<Item = usize> + '_ {
        self.named.iter().filter_map(|n| some(n.guild))
    }

    /// Whether person `p` is the first definition of its id (a later one is `duplicate-id`'s).
    pub fn is_first_person(&self, p: usize) -> bool {
        self.person_named(self.person_sym[p]) == Some(p)
    }

    /// The first definition of team `t`'s id (`t` itself unless it is a duplicate).
    pub fn first_team(&self, t: usize) -> usize {
        self.team_named(self.team_sym[t]).unwrap_or(t)
    }

    /// What each id of org `o`'s `references()` names, in that order (see [`resolved`]).
    pub fn org_refs(&self, o: usize) -> &[Option<Sym>] {
        &self.org_refs[o]
    }

    /// What each id of person `p`'s `references()` names, in that order.
    pub fn person_refs(&self, p: usize) -> &[Option<Sym>] {
        &self.person_refs[p]
    }

    /// What each id of team `t`'s `references()` names, in that order.
    pub fn team_refs(&self, t: usize) -> &[Option<Sym>] {
        &self.team_refs[t]
    }

    /// What each id of guild `g`'s `references()` names, in that order.
    pub fn guild_refs(&self, g: usize) -> &[Option<Sym>] {
        &self.guild_refs[g]
    }

    /// What each entry of team `t`'s `members` names, aligned with [`Team::member_ids`].
    pub fn team_member_syms(&self, t: usize) -> &[Option<Sym>] {
        let (start, end) = self.member_slots[t];
        &self.team_refs[t][start as usize..end as usize]
    }

    /// What each entry of org `o`'s `leadership` names, in order.
    pub fn leadership_syms(&self, o: usize) -> &[Option<Sym>] {
        slots_of(
            self.orgs[o].references(),
            &self.org_refs[o],
            OrgKey::Leadership.as_str(),
        )
    }

    /// Team `t`'s `lead` (its first definition), if it names a defined person.
    pub fn lead_of(&self, t: usize) -> Option<usize> {
        some(self.lead_of[t])
    }

    /// How many distinct person ids are defined.
    pub fn person_count(&self) -> usize {
        self.person_count
    }

    /// How many people the org has now: distinct person ids whose first definition is not
    /// `alumni` (what the stage is derived from).
    pub fn headcount(&self) -> usize {
        self.headcount
    }

    /// Whether person `p` has a role in `category`.
    pub fn has_category(&self, p: usize, category: Category) -> bool {
        self.categories_of[p] & category.bit() != 0
    }

    /// Whether person `p` is an ML practitioner: a role in `ml`, and not `alumni`.
    pub fn is_ml(&self, p: usize) -> bool {
        self.has_category(p, Category::Ml) && !self.alumni[p]
    }

    /// Whether person `p` is `alumni`: a former member kept for the record, whom only the
    /// correctness rules and `alumni-in-team` look at.
    pub fn is_alumni(&self, p: usize) -> bool {
        self.alumni[p]
    }

    /// Whether person `p` is an ML practitioner who is also a member of an ML team: connected to
    /// the central team wherever else they sit, so never a lone hire and not spreading ML across
    /// the org (SPEC §2, *Where ML work sits*).
    pub fn is_embedded(&self, p: usize) -> bool {
        self.is_ml(p) && self.in_ml_team[p]
    }

    /// The defined people in team `t`'s `members`, in order, each once with its first entry.
    pub fn members(&self, t: usize) -> &[Member] {
        &self.team_members[t]
    }

    /// The defined people in guild `g`'s `members`, in order, each once with its first entry.
    pub fn guild_members(&self, g: usize) -> &[Member] {
        &self.guild_members[g]
    }

    /// The people listed in team `t`'s `members` who are defined, in order, each once.
    pub fn members_of(&self, t: usize) -> impl Iterator<Item = usize> + '_ {
        self.members(t).iter().map(|m| m.person as usize)
    }

    /// The people listed in team `t`'s `members` who are defined, in order, each once with its
    /// first entry in `members` (where findings about their membership point).
    pub fn member_entries(&self, t: usize) -> impl Iterator<Item = (usize, &Str)> {
        let ids = self.teams[t].member_ids();
        (self.members(t).iter()).map(move |m| (m.person as usize, &ids[m.entry as usize]))
    }

    /// The people listed in team `t`'s `members` who are defined and not `alumni`, in order,
    /// each once: the team as the rules other than correctness see it.
    pub fn current_members(&self, t: usize) -> impl Iterator<Item = usize> + '_ {
        self.members_of(t).filter(|&p| !self.alumni[p])
    }

    /// How many people team `t` has now, as the hygiene rules count a team (`empty-team`,
    /// `team-size`, `team-without-lead`): each of its [`Org::current_members`] once, and each
    /// distinct id in `members` that names no person once too (it may well be a current member;
    /// `unknown-reference` speaks for it). Alumni do not count.
    pub fn current_size(&self, t: usize) -> usize {
        let mut unknown: Vec<&str> = (self.teams[t].member_ids().iter())
            .zip(self.team_member_syms(t))
            .filter(|&(_, &s)| s.and_then(|s| self.person_named(s)).is_none())
            .map(|(id, _)| id.as_str())
            .collect();
        unknown.sort_unstable();
        unknown.dedup();
        self.current_members(t).count() + unknown.len()
    }

    /// The ML practitioners who sit in team `t` (SPEC §2, *Where ML work sits*): its
    /// [`Org::member_entries`] with an ML role who are not `alumni`, in order; none in a
    /// `management` or `group` team, which is not where ML work sits.
    ///
    /// The one definition every ML rule shares (`lone-ml-hire`, `no-ml-guild`, `missing-ml-core`,
    /// ...); lazy, so that asking whether there is one stops at the first.
    pub fn ml_members(&self, t: usize) -> impl Iterator<Item = (usize, &Str)> {
        let sits = self.teams[t].ml_sits_here();
        (self.member_entries(t)).filter(move |&(p, _)| sits && self.is_ml(p))
    }

    /// The ML practitioners who sit in team `t` and are not embedded (not also members of an ML
    /// team): the ones who depend on the team and the guilds alone.
    pub fn unembedded_ml_members(&self, t: usize) -> impl Iterator<Item = (usize, &Str)> {
        self.ml_members(t).filter(|&(p, _)| !self.in_ml_team[p])
    }

    /// Whether team `t`'s `key` (`stakeholders`, `partners` or `syncs_with`) names a team other
    /// than `t` itself (SPEC §2: naming itself is naming no team). An id that names nothing
    /// counts as naming another team: `unknown-reference` reports it, and one mistake is one
    /// finding.
    pub fn names_other_team(&self, t: usize, key: TeamKey) -> bool {
        let own = self.team_sym[t];
        slots_of(self.teams[t].references(), &self.team_refs[t], key.as_str())
            .iter()
            .any(|&s| s != Some(own))
    }

    /// The org's structure, derived from where ML practitioners sit (SPEC §8).
    pub fn structure(&self) -> Structure {
        let working = |t: usize| !self.teams[t].is_ml_team() && self.teams[t].ml_sits_here();
        let sits = (0..self.teams.len()).any(|t| self.ml_members(t).next().is_some());
        if !sits {
            return Structure::None;
        }
        let outside = (0..self.teams.len())
            .filter(|&t| working(t))
            .any(|t| self.unembedded_ml_members(t).next().is_some());
        let mut ml_teams = self.ml_teams().map(|(t, _)| t).peekable();
        if ml_teams.peek().is_none() {
            return Structure::Decentralized;
        }
        if outside {
            return Structure::Hybrid;
        }
        let full_stack = ml_teams.any(|t| {
            let has = |c| self.current_members(t).any(|p| self.has_category(p, c));
            has(Category::Software) && has(Category::Product)
        });
        if full_stack {
            Structure::FullStackCentralized
        } else {
            Structure::Centralized
        }
    }

    /// Whether there is an ML team, or a team whose `kind` is invalid and so might be one.
    pub fn may_have_ml_team(&self) -> bool {
        self.teams
            .iter()
            .any(|t| t.is_ml_team() || t.is_invalid(TeamKey::Kind))
    }

    /// The ML teams (`kind = "centralized-ml"`), with their indexes.
    pub fn ml_teams(&self) -> impl Iterator<Item = (usize, &Team)> {
        self.teams
            .iter()
            .enumerate()
            .filter(|(_, t)| t.is_ml_team())
    }

    /// The first ML guild, in file order, if there is one.
    pub fn ml_guild(&self) -> Option<&Guild> {
        self.guilds.iter().find(|g| g.is_ml())
    }

    /// Whether person `p` is in an ML guild.
    pub fn in_ml_guild(&self, p: usize) -> bool {
        self.guilds_of[p]
            .iter()
            .any(|&g| self.guilds[g as usize].is_ml())
    }

    /// What the reports say about the org as a whole: its name, stage and AI focus as given or
    /// derived, and its structure; `None` without an `[org]`.
    pub fn facts(&self) -> Option<Facts<'_>> {
        let def = self.org()?;
        Some(Facts {
            name: def.name.as_ref().map(Str::as_str),
            stage: self.stage(),
            ai_focus: self.ai_focus(),
            structure: self.structure(),
        })
    }

    /// The org's AI focus: declared, else `product`.
    pub fn ai_focus(&self) -> AiFocus {
        (self.org().and_then(|o| o.ai_focus.as_ref())).map_or(AiFocus::Product, |f| f.value)
    }

    /// The org's stage, unless `[org].stage` is written but unreadable (then `invalid-value`
    /// speaks, and the rules that depend on the stage keep quiet).
    pub fn known_stage(&self) -> Option<Stage> {
        let invalid = self.org().is_some_and(|o| o.is_invalid(OrgKey::Stage));
        (!invalid).then(|| self.stage())
    }

    /// The org's stage: declared, else derived from headcount.
    pub fn stage(&self) -> Stage {
        if let Some(stage) = self.org().and_then(|o| o.stage.as_ref()) {
            return stage.value;
        }
        match self.headcount {
            n if n < 50 => Stage::Startup,
            n if n < 1000 => Stage::Scaleup,
            _ => Stage::Enterprise,
        }
    }
}

/// The references of one entity (in `references()` order) with what each id resolved to, aligned
/// with the slots the model stage ([`crate::engine::build_model`]) stored for it.
pub fn resolved<'a>(
    references: impl Iterator<Item = Reference<'a>>,
    slots: &'a [Option<Sym>],
) -> impl Iterator<Item = (Reference<'a>, &'a [Option<Sym>])> {
    let mut at = 0;
    references.map(move |r| {
        let n = r.ids.len();
        let s = &slots[at..at + n];
        at += n;
        (r, s)
    })
}

/// The slots of `key` among an entity's resolved references (empty when it is not written).
fn slots_of<'a>(
    references: impl Iterator<Item = Reference<'a>>,
    slots: &'a [Option<Sym>],
    key: &str,
) -> &'a [Option<Sym>] {
    slots.get(range_of(references, key)).unwrap_or_default()
}

/// Where the slots of `key` lie among an entity's resolved references (empty when it is not
/// written).
fn range_of<'a>(
    references: impl Iterator<Item = Reference<'a>>,
    key: &str,
) -> std::ops::Range<usize> {
    let mut at = 0;
    for r in references {
        let n = r.ids.len();
        if r.key == key {
            return at..at + n;
        }
        at += n;
    }
    0..0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn s(v: &str) -> Str {
        Str::new(v, Span::new(0, 0..0))
    }

    fn list(ids: &[&str]) -> List<Str> {
        List {
            span: Span::new(0, 0..0),
            items: ids.iter().map(|i| s(i)).collect(),
            bad: 0,
        }
    }

    #[test]
    fn grouped_lists_keep_the_order_of_the_pairs() {
        let lists = Lists::grouped(4, &[(2, 'a'), (0, 'b'), (2, 'c'), (3, 'd'), (2, 'e')]);
        let got: Vec<&[char]> = lists.iter().collect();
        assert_eq!(got, [&['b'][..], &[], &['a', 'c', 'e'], &['d']]);
        assert_eq!(&lists[2], ['a', 'c', 'e']);
        assert_eq!(Lists::<u32>::default().len(), 0);
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
