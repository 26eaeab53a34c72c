//! The whole-org model: org, people, teams and guilds, every value with its span, and the indexes rules look things up in.

use std::collections::HashMap;

use crate::fields::Field;
use crate::finding::{Shown, shown_id, shown_name};
use crate::roles::{Category, Roles};
use crate::source::Span;

/// A value and the span of its text in the source.
#[derive(Clone, Debug)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    pub span: Span,
}

/// A string value with its span.
pub type Str = Sp<String>;

impl Str {
    /// The string.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Whether this id is malformed (`""`, `bob smith`): it is an `invalid-value` already, so the
    /// rules about what it names (references, duplicates, memberships) pass it by, and one mistake
    /// stays one finding.
    pub fn is_malformed_id(&self) -> bool {
        !crate::load::parse::valid_id(&self.value)
    }
}

/// An array value: its own span and its elements.
#[derive(Clone, Debug)]
pub struct List<T> {
    /// The span of the whole array.
    pub span: Span,
    /// The elements that had the right type.
    pub items: Vec<T>,
    /// How many elements had the wrong type (each is an `invalid-value` finding already).
    pub bad: usize,
}

/// A table of string to string (`[org.standards]`, `[team.tooling]`, `[team.exceptions]`).
#[derive(Clone, Debug)]
pub struct StrMap {
    /// The span of the table (its header, or the inline table).
    pub span: Span,
    /// Key and value, in key order.
    pub entries: Vec<(Str, Str)>,
    /// Keys whose value was not a string (each an `invalid-value` already), sorted.
    pub bad: Vec<String>,
}

impl StrMap {
    /// Whether `key` is written, with a valid value or not.
    pub fn has_key(&self, key: &str) -> bool {
        self.entries
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .is_ok()
            || self.is_bad(key)
    }

    /// Whether `key` is written with a value that is not a string.
    pub fn is_bad(&self, key: &str) -> bool {
        self.bad.binary_search_by(|k| k.as_str().cmp(key)).is_ok()
    }
}

macro_rules! str_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every value as written in TOML, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($text,)*];

            /// The value written as `s`.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some(Self::$variant),)*
                    _ => None,
                }
            }

            /// The value as written in TOML.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }
        }
    };
}

str_enum!(
    /// `[org].stage`.
    Stage {
        /// Fewer than 50 people.
        Startup = "startup",
        /// Fewer than 1000 people.
        Scaleup = "scaleup",
        /// 1000 people or more.
        Enterprise = "enterprise",
    }
);

str_enum!(
    /// `[org].ai_focus`.
    AiFocus {
        /// ML goes into the product.
        Product = "product",
        /// ML is research and development.
        Research = "research",
        /// Both.
        Both = "both",
    }
);

str_enum!(
    /// `team.kind`.
    TeamKind {
        /// The central ML team of the article.
        CentralizedMl = "centralized-ml",
        /// A cross-functional product team.
        Feature = "feature",
        /// A platform or infrastructure team.
        Platform = "platform",
        /// A business function.
        Business = "business",
        /// A management group.
        Management = "management",
    }
);

str_enum!(
    /// `team.focus`.
    Focus {
        /// Building the product.
        Product = "product",
        /// Research.
        Research = "research",
        /// Infrastructure.
        Infrastructure = "infrastructure",
    }
);

str_enum!(
    /// `team.budget`.
    Budget {
        /// The team has its own budget.
        Own = "own",
        /// The team shares a budget.
        Shared = "shared",
        /// No budget.
        None = "none",
    }
);

str_enum!(
    /// `guild.cadence`, from most to least frequent.
    Cadence {
        /// Every week.
        Weekly = "weekly",
        /// Every other week.
        Biweekly = "biweekly",
        /// Every month.
        Monthly = "monthly",
        /// Every quarter.
        Quarterly = "quarterly",
        /// Never.
        None = "none",
    }
);

/// What kind of entity something is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// `[org]`.
    Org,
    /// `[[person]]`.
    Person,
    /// `[[team]]`.
    Team,
    /// `[[guild]]`.
    Guild,
}

impl EntityKind {
    /// Every kind, in the order the format describes them.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Org,
        EntityKind::Person,
        EntityKind::Team,
        EntityKind::Guild,
    ];

    /// The top-level keys of an entity file, in the order of [`EntityKind::ALL`].
    pub const KEYS: &'static [&'static str] = &[
        EntityKind::Org.key(),
        EntityKind::Person.key(),
        EntityKind::Team.key(),
        EntityKind::Guild.key(),
    ];

    /// The top-level key that declares it.
    pub const fn key(self) -> &'static str {
        match self {
            EntityKind::Org => "org",
            EntityKind::Person => "person",
            EntityKind::Team => "team",
            EntityKind::Guild => "guild",
        }
    }

    /// The kind declared by the top-level key `key`.
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Its table of fields: the format's one description of its keys.
    pub fn fields(self) -> &'static [Field] {
        match self {
            EntityKind::Org => OrgDef::FIELDS,
            EntityKind::Person => Person::FIELDS,
            EntityKind::Team => Team::FIELDS,
            EntityKind::Guild => Guild::FIELDS,
        }
    }

    /// Its keys as written in TOML, in table order.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            EntityKind::Org => OrgDef::KEYS,
            EntityKind::Person => Person::KEYS,
            EntityKind::Team => Team::KEYS,
            EntityKind::Guild => Guild::KEYS,
        }
    }

    /// What it is, in one line.
    pub fn doc(self) -> &'static str {
        match self {
            EntityKind::Org => OrgDef::DOC,
            EntityKind::Person => Person::DOC,
            EntityKind::Team => Team::DOC,
            EntityKind::Guild => Guild::DOC,
        }
    }
}

crate::fields::entity! {
    /// The organisation itself; exactly one `[org]` in the tree.
    OrgDef, OrgKey {
        /// The organisation's name.
        Name name: required string,
        /// Its stage; if absent, derived from headcount: under 50 people `startup`, under 1000 `scaleup`, else `enterprise`.
        Stage stage: optional choice(Stage),
        /// What ML is for here: putting it into the product, or research and development.
        AiFocus ai_focus: optional choice(AiFocus) = "product",
        /// Who has a seat at the leadership table.
        Leadership leadership: optional ids(Person),
        /// Where new AI ideas are brought.
        AiIntake ai_intake: optional id(TeamOrGuild),
        /// Org-wide tooling standards, e.g. `ci_cd = "github-actions"`, `experiment_tracking = "mlflow"`.
        Standards standards: optional table,
    }
}

impl OrgDef {
    /// Where findings about the org point when no key is named: its `name`, else its header.
    pub fn anchor(&self) -> Span {
        self.name.as_ref().map_or(self.header, |n| n.span)
    }

    /// How messages name it: "the org Acme", or "this org" when it has no name.
    pub fn who(&self) -> String {
        self.name.as_ref().map_or("this org".to_owned(), |n| {
            format!("the org {}", shown_name(n.as_str()))
        })
    }
}

crate::fields::entity! {
    /// A person of the organisation.
    Person, PersonKey {
        /// Unique among people.
        Id id: required own_id,
        /// The person's name.
        Name name: required string,
        /// Their role: a free string, sorted into role categories (the defaults are in docs/format.md; `[roles]` in `orglint.toml` adds more).
        Role role: required string,
        /// Their manager.
        ReportsTo reports_to: optional id(Person),
        /// Their email address.
        Email email: optional string,
    }
}

crate::fields::entity! {
    /// A team: people who work together, under a kind that says what for.
    Team, TeamKey {
        /// Unique among teams and guilds.
        Id id: required own_id,
        /// The team's name.
        Name name: required string,
        /// What kind of team: `centralized-ml` is the central ML team, `feature` a cross-functional product team.
        Kind kind: required choice(TeamKind),
        /// What the team exists for, beyond "doing AI".
        Function function: optional string,
        /// What its work is about.
        Focus focus: optional choice(Focus),
        /// The team it is part of.
        Parent parent: optional id(Team),
        /// The person who leads it; must also be in `members`.
        Lead lead: optional id(Person),
        /// The people in it.
        Members members: optional ids(Person),
        /// Teams whose needs it serves and who share business knowledge with it.
        Stakeholders stakeholders: optional ids(Team),
        /// Teams that give it engineering capacity.
        Partners partners: optional ids(Team),
        /// Teams it shares progress with.
        SyncsWith syncs_with: optional ids(Team),
        /// Whether it has a budget of its own.
        Budget budget: optional choice(Budget),
        /// How it prioritises incoming requests.
        Intake intake: optional string,
        /// Its knowledge-sharing practices: "monthly brown-bag", "internal wiki", ...
        KnowledgeSharing knowledge_sharing: optional strings,
        /// Responsibilities it owns ("feature-store", ...).
        Owns owns: optional strings,
        /// Tools it uses, keys as in `[org.standards]`.
        Tooling tooling: optional table,
        /// Agreed deviations from a standard: key → reason.
        Exceptions exceptions: optional table,
    }
}

impl Team {
    /// Whether this is an ML team (`kind = "centralized-ml"`).
    pub fn is_ml_team(&self) -> bool {
        self.kind
            .as_ref()
            .is_some_and(|k| k.value == TeamKind::CentralizedMl)
    }

    /// Whether this is a `feature` team.
    pub fn is_feature(&self) -> bool {
        self.kind
            .as_ref()
            .is_some_and(|k| k.value == TeamKind::Feature)
    }

    /// The member ids, in order (empty when `members` is absent).
    pub fn member_ids(&self) -> &[Str] {
        self.members.as_ref().map_or(&[], |m| &m.items)
    }

    /// The human name, else the id, as messages show it (cut, quoted when odd).
    pub fn label(&self) -> Shown<'_> {
        self.name
            .as_ref()
            .map_or(shown_id(self.id.as_str()), |n| shown_name(n.as_str()))
    }
}

crate::fields::entity! {
    /// A guild: a community of practice across teams.
    Guild, GuildKey {
        /// Unique among teams and guilds.
        Id id: required own_id,
        /// The guild's name.
        Name name: required string,
        /// What it is about: `ml` marks an ML guild.
        Topic topic: optional string,
        /// The people in it.
        Members members: optional ids(Person),
        /// How often it meets.
        Cadence cadence: optional choice(Cadence),
    }
}

impl Guild {
    /// Whether this is an ML guild (`topic = "ml"`).
    pub fn is_ml(&self) -> bool {
        self.topic.as_ref().is_some_and(|t| t.value == "ml")
    }

    /// The member ids, in order.
    pub fn member_ids(&self) -> &[Str] {
        self.members.as_ref().map_or(&[], |m| &m.items)
    }

    /// The human name, else the id, as messages show it (cut, quoted when odd).
    pub fn label(&self) -> Shown<'_> {
        self.name
            .as_ref()
            .map_or(shown_id(self.id.as_str()), |n| shown_name(n.as_str()))
    }
}

/// Every entity of the tree, in file order then source order, plus the indexes built once.
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
    /// Person id to the index of its first definition.
    pub person_index: HashMap<String, usize>,
    /// Team id to the index of its first definition.
    pub team_index: HashMap<String, usize>,
    /// Guild id to the index of its first definition.
    pub guild_index: HashMap<String, usize>,
    /// For each person, the teams that list them in `members` (each team once).
    pub teams_of: Vec<Vec<usize>>,
    /// For each person, the guilds that list them in `members` (each guild once).
    pub guilds_of: Vec<Vec<usize>>,
    /// For each person, the person their `reports_to` names (its first definition), if defined:
    /// the successor the rules' chain walker follows up reporting lines.
    pub manager_of: Vec<Option<usize>>,
    /// For each person, the people whose `reports_to` names them.
    pub reports_of: Vec<Vec<usize>>,
    /// For each team, the team its `parent` names (its first definition), if defined: the
    /// successor the rules' chain walker follows up the team tree.
    pub parent_of: Vec<Option<usize>>,
    /// For each person, their role categories.
    pub categories_of: Vec<u8>,
    /// For each person, whether `[org].leadership` names them.
    pub in_leadership: Vec<bool>,
}

impl Org {
    /// Builds the indexes over entities that were loaded already (the engine's model stage).
    pub(crate) fn index(&mut self, roles: &Roles) {
        self.person_index = first_index(self.people.iter().map(|p| p.id.as_str()));
        self.team_index = first_index(self.teams.iter().map(|t| t.id.as_str()));
        self.guild_index = first_index(self.guilds.iter().map(|g| g.id.as_str()));
        let n = self.people.len();
        self.teams_of = vec![Vec::new(); n];
        self.guilds_of = vec![Vec::new(); n];
        self.reports_of = vec![Vec::new(); n];
        for (t, team) in self.teams.iter().enumerate() {
            for m in team.member_ids() {
                if let Some(&p) = self.person_index.get(m.as_str())
                    // Teams come in index order, so a repeat can only be the last one pushed.
                    && self.teams_of[p].last() != Some(&t)
                {
                    self.teams_of[p].push(t);
                }
            }
        }
        for (g, guild) in self.guilds.iter().enumerate() {
            for m in guild.member_ids() {
                if let Some(&p) = self.person_index.get(m.as_str())
                    && self.guilds_of[p].last() != Some(&g)
                {
                    self.guilds_of[p].push(g);
                }
            }
        }
        self.manager_of = self
            .people
            .iter()
            .map(|p| p.reports_to.as_ref().and_then(|b| self.person(b.as_str())))
            .collect();
        for (i, &boss) in self.manager_of.iter().enumerate() {
            if let Some(b) = boss {
                self.reports_of[b].push(i);
            }
        }
        self.parent_of = self
            .teams
            .iter()
            .map(|t| t.parent.as_ref().and_then(|p| self.team(p.as_str())))
            .collect();
        self.categories_of = self
            .people
            .iter()
            .map(|p| p.role.as_ref().map_or(0, |r| roles.categories(r.as_str())))
            .collect();
        self.in_leadership = vec![false; n];
        let leaders = self.orgs.first().and_then(|o| o.leadership.as_ref());
        for id in leaders.map_or(&[][..], |l| &l.items) {
            if let Some(&p) = self.person_index.get(id.as_str()) {
                self.in_leadership[p] = true;
            }
        }
    }

    /// The org, when there is exactly one or more (the first).
    pub fn org(&self) -> Option<&OrgDef> {
        self.orgs.first()
    }

    /// The person with this id (its first definition).
    pub fn person(&self, id: &str) -> Option<usize> {
        self.person_index.get(id).copied()
    }

    /// The team with this id (its first definition).
    pub fn team(&self, id: &str) -> Option<usize> {
        self.team_index.get(id).copied()
    }

    /// The guild with this id (its first definition).
    pub fn guild(&self, id: &str) -> Option<usize> {
        self.guild_index.get(id).copied()
    }

    /// Whether person `p` has a role in `category`.
    pub fn has_category(&self, p: usize, category: Category) -> bool {
        self.categories_of[p] & category.bit() != 0
    }

    /// Whether person `p` is an ML practitioner.
    pub fn is_ml(&self, p: usize) -> bool {
        self.has_category(p, Category::Ml)
    }

    /// The people listed in a team's `members` who are defined, in order, each once.
    pub fn members_of(&self, team: &Team) -> Vec<usize> {
        self.member_entries(team).map(|(p, _)| p).collect()
    }

    /// The people listed in a team's `members` who are defined, in order, each once with its
    /// first entry in `members` (where findings about their membership point).
    pub fn member_entries<'t>(&self, team: &'t Team) -> impl Iterator<Item = (usize, &'t Str)> {
        let mut seen = std::collections::HashSet::new();
        team.member_ids()
            .iter()
            .filter_map(|m| self.person(m.as_str()).map(|p| (p, m)))
            .filter(move |&(p, _)| seen.insert(p))
    }

    /// The ML practitioners of a team: its [`Org::member_entries`] with an ML role, in order.
    ///
    /// The one definition the rules about ML people in teams share (`lone-ml-hire`,
    /// `no-ml-guild`, `missing-ml-core`, ...); lazy, so that asking whether there is one stops
    /// at the first.
    pub fn ml_members<'t>(&self, team: &'t Team) -> impl Iterator<Item = (usize, &'t Str)> {
        self.member_entries(team).filter(|&(p, _)| self.is_ml(p))
    }

    /// Whether there is an ML team, or a team whose `kind` is invalid and so might be one.
    pub fn may_have_ml_team(&self) -> bool {
        self.teams
            .iter()
            .any(|t| t.is_ml_team() || t.is_invalid(TeamKey::Kind))
    }

    /// The ML teams (`kind = "centralized-ml"`).
    pub fn ml_teams(&self) -> impl Iterator<Item = &Team> {
        self.teams.iter().filter(|t| t.is_ml_team())
    }

    /// Whether person `p` is in an ML guild.
    pub fn in_ml_guild(&self, p: usize) -> bool {
        self.guilds_of[p].iter().any(|&g| self.guilds[g].is_ml())
    }

    /// The org's stage: declared, else derived from headcount.
    pub fn stage(&self) -> Stage {
        if let Some(stage) = self.org().and_then(|o| o.stage.as_ref()) {
            return stage.value;
        }
        match self.person_index.len() {
            n if n < 50 => Stage::Startup,
            n if n < 1000 => Stage::Scaleup,
            _ => Stage::Enterprise,
        }
    }
}

fn first_index<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        map.entry(id.to_owned()).or_insert(i);
    }
    map
}
