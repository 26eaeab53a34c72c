//! The entities, each written from its table of fields: the org, a person, a team, a guild.

use super::*;

crate::model::fields::entity! {
    /// The organisation itself; exactly one `[org]` in the tree.
    OrgTable, OrgKey {
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

impl OrgTable {
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

crate::model::fields::entity! {
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
        /// A former member kept for the record: left out of every rule but the correctness rules and `alumni-in-team`.
        Alumni alumni: optional bool = "false",
    }
}

crate::model::fields::entity! {
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

    /// Whether ML work can sit here (SPEC §2): not a `management` or `group` team, whose ML
    /// members (a chief scientist among the founders, a data scientist on a mailing list) count
    /// for none of the ML rules.
    pub fn ml_sits_here(&self) -> bool {
        !self
            .kind
            .as_ref()
            .is_some_and(|k| matches!(k.value, TeamKind::Management | TeamKind::Group))
    }

    /// Whether this is a `group` team: a roster, mailing list or sign-off group, not a working
    /// team.
    pub fn is_group(&self) -> bool {
        self.kind
            .as_ref()
            .is_some_and(|k| k.value == TeamKind::Group)
    }

    /// Whether this is a `feature` team.
    pub fn is_feature(&self) -> bool {
        self.kind
            .as_ref()
            .is_some_and(|k| k.value == TeamKind::Feature)
    }

    /// The member ids, in order (empty when `members` is absent).
    pub fn member_ids(&self) -> &[LocatedStr] {
        self.members.as_ref().map_or(&[], |m| &m.items)
    }

    /// The human name, else the id, as messages show it (cut, quoted when odd).
    pub fn label(&self) -> Shown<'_> {
        self.name
            .as_ref()
            .map_or(shown_id(self.id.as_str()), |n| shown_name(n.as_str()))
    }
}

crate::model::fields::entity! {
    /// A guild: a community of practice across teams.
    Guild, GuildKey {
        /// Unique among teams and guilds.
        Id id: required own_id,
        /// The guild's name.
        Name name: required string,
        /// What it is about: `ml` (in any case) marks an ML guild.
        Topic topic: optional string,
        /// The people in it.
        Members members: optional ids(Person),
        /// How often it meets.
        Cadence cadence: optional choice(Cadence),
    }
}

impl Guild {
    /// Whether this is an ML guild (`topic = "ml"`, in any case: `"ML"` is one too).
    pub fn is_ml(&self) -> bool {
        self.topic
            .as_ref()
            .is_some_and(|t| t.as_str().eq_ignore_ascii_case("ml"))
    }

    /// The member ids, in order.
    pub fn member_ids(&self) -> &[LocatedStr] {
        self.members.as_ref().map_or(&[], |m| &m.items)
    }

    /// The human name, else the id, as messages show it (cut, quoted when odd).
    pub fn label(&self) -> Shown<'_> {
        self.name
            .as_ref()
            .map_or(shown_id(self.id.as_str()), |n| shown_name(n.as_str()))
    }
}
