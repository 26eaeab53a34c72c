//! The whole-org model: org, people, teams and guilds, every value with its span, and the indexes
//! rules look things up in. The values are in `values`, the entities (written from the field
//! tables of `fields`) in `entities`, the interned ids and resolved lists in `index`, and `build`
//! builds the indexes once the entities are loaded; this module holds the [`Org`] and answers the
//! rules' questions about it.

pub mod fields;

use self::fields::{Field, Key};
use crate::roles::Category;
use crate::source::Span;
use crate::text::{Shown, shown_id, shown_name};

mod build;
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
    pub orgs: Vec<OrgTable>,
    /// Every person with an id.
    pub people: Vec<Person>,
    /// Every team with an id.
    pub teams: Vec<Team>,
    /// Every guild with an id.
    pub guilds: Vec<Guild>,
    /// Per defined id ([`InternedId`]), the entities it names.
    named: Vec<Named>,
    /// Per person, the [`InternedId`] of its own id (and so for teams and guilds below).
    person_sym: Vec<InternedId>,
    team_sym: Vec<InternedId>,
    guild_sym: Vec<InternedId>,
    /// Per org, what each id of its `references()` names, in that order (and so for people,
    /// teams and guilds below).
    org_refs: Lists<Option<InternedId>>,
    person_refs: Lists<Option<InternedId>>,
    team_refs: Lists<Option<InternedId>>,
    guild_refs: Lists<Option<InternedId>>,
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

impl Org {
    /// The entities of kind `kind` (by index, in order) with a reference that names nothing it
    /// may: an undefined id, or a person where a team must be, and so on. Decided while the
    /// references were resolved, so that `unknown-reference` reads only these entities.
    pub fn with_unknown_references(&self, kind: EntityKind) -> &[u32] {
        let at = EntityKind::ALL.iter().position(|&k| k == kind);
        at.map_or(&[], |at| &self.unknown_references[at])
    }

    /// The org, when there is exactly one or more (the first).
    pub fn org(&self) -> Option<&OrgTable> {
        self.orgs.first()
    }

    /// The person with this id (its first definition), found by a linear search: for tests and
    /// tools; rules use the resolved references.
    pub fn person(&self, id: &str) -> Option<usize> {
        self.people.iter().position(|p| p.id.as_str() == id)
    }

    /// The person a defined id names (its first definition), if any.
    pub fn person_named(&self, s: InternedId) -> Option<usize> {
        some(self.named[s.index()].person)
    }

    /// The team a defined id names (its first definition), if any.
    pub fn team_named(&self, s: InternedId) -> Option<usize> {
        some(self.named[s.index()].team)
    }

    /// The guild a defined id names (its first definition), if any.
    pub fn guild_named(&self, s: InternedId) -> Option<usize> {
        some(self.named[s.index()].guild)
    }

    /// How many defined ids there are: the size of a table with one slot per [`InternedId`].
    pub fn sym_count(&self) -> usize {
        self.named.len()
    }

    /// The [`InternedId`] of person `p`'s own id.
    pub fn person_sym(&self, p: usize) -> InternedId {
        self.person_sym[p]
    }

    /// The [`InternedId`] of team `t`'s own id.
    pub fn team_sym(&self, t: usize) -> InternedId {
        self.team_sym[t]
    }

    /// The [`InternedId`] of guild `g`'s own id.
    pub fn guild_sym(&self, g: usize) -> InternedId {
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
    pub fn org_refs(&self, o: usize) -> &[Option<InternedId>] {
        &self.org_refs[o]
    }

    /// What each id of person `p`'s `references()` names, in that order.
    pub fn person_refs(&self, p: usize) -> &[Option<InternedId>] {
        &self.person_refs[p]
    }

    /// What each id of team `t`'s `references()` names, in that order.
    pub fn team_refs(&self, t: usize) -> &[Option<InternedId>] {
        &self.team_refs[t]
    }

    /// What each id of guild `g`'s `references()` names, in that order.
    pub fn guild_refs(&self, g: usize) -> &[Option<InternedId>] {
        &self.guild_refs[g]
    }

    /// What each entry of team `t`'s `members` names, aligned with [`Team::member_ids`].
    pub fn team_member_syms(&self, t: usize) -> &[Option<InternedId>] {
        let (start, end) = self.member_slots[t];
        &self.team_refs[t][start as usize..end as usize]
    }

    /// What each entry of org `o`'s `leadership` names, in order.
    pub fn leadership_syms(&self, o: usize) -> &[Option<InternedId>] {
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
    pub fn member_entries(&self, t: usize) -> impl Iterator<Item = (usize, &LocatedStr)> {
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
    pub fn ml_members(&self, t: usize) -> impl Iterator<Item = (usize, &LocatedStr)> {
        let sits = self.teams[t].ml_sits_here();
        (self.member_entries(t)).filter(move |&(p, _)| sits && self.is_ml(p))
    }

    /// The ML practitioners who sit in team `t` and are not embedded (not also members of an ML
    /// team): the ones who depend on the team and the guilds alone.
    pub fn unembedded_ml_members(&self, t: usize) -> impl Iterator<Item = (usize, &LocatedStr)> {
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
            name: def.name.as_ref().map(LocatedStr::as_str),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_lists_keep_the_order_of_the_pairs() {
        let lists = Lists::grouped(4, &[(2, 'a'), (0, 'b'), (2, 'c'), (3, 'd'), (2, 'e')]);
        let got: Vec<&[char]> = lists.iter().collect();
        assert_eq!(got, [&['b'][..], &[], &['a', 'c', 'e'], &['d']]);
        assert_eq!(&lists[2], ['a', 'c', 'e']);
        assert_eq!(Lists::<u32>::default().len(), 0);
    }
}
