//! What the report says, computed once for every report format: the org's facts and the
//! article's advice for them, the figures, the findings grouped by rule and by team, and the
//! org chart's nodes. Nothing here is escaped or formatted: each renderer does that its own way.

use std::collections::BTreeMap;

use crate::finding::Level;
use crate::model::{AiFocus, EntityKind, Facts, Stage, Structure};
use crate::rules::Rule;
use crate::{Report, Reported};

/// Everything one report shows.
#[derive(Debug)]
pub struct Content<'a> {
    /// The report it was computed from.
    pub report: &'a Report,
    /// The org's name, stage, AI focus and structure; `None` without an `[org]`.
    pub facts: Option<Facts<'a>>,
    /// What the article recommends for the stage and focus, and whether the structure fits.
    pub advice: Option<Advice>,
    /// The figures table.
    pub figures: Figures,
    /// Findings grouped by rule: errors first, then warnings, then infos, each by rule name.
    pub by_rule: Vec<RuleGroup<'a>>,
    /// Findings grouped by the team whose table holds them: worst level first, then in file order.
    pub by_team: Vec<TeamGroup<'a>>,
    /// Findings in no team's table (the org, people, guilds, files), in report order.
    pub elsewhere: Vec<&'a Reported>,
    /// One node per team, in file order (index = team index).
    pub teams: Vec<TeamNode<'a>>,
}

/// The org's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// Current people: distinct person ids whose first definition is not alumni.
    pub headcount: usize,
    /// Team definitions.
    pub teams: usize,
    /// ML practitioners (distinct, current).
    pub ml_practitioners: usize,
    /// The teams where ML practitioners sit, each with how many, in file order.
    pub ml_teams_sitting: Vec<(usize, usize)>,
    /// With an ML guild: how many of the ML practitioners are in one.
    pub ml_guild_members: Option<usize>,
    /// How many teams have at least one finding.
    pub teams_with_findings: usize,
}

impl Figures {
    /// ML-guild coverage in whole percent (rounded down), when there is an ML guild and a
    /// practitioner.
    pub fn guild_coverage_percent(&self) -> Option<usize> {
        let members = self.ml_guild_members?;
        (self.ml_practitioners > 0).then(|| members * 100 / self.ml_practitioners)
    }

    /// The ML-guild coverage row of a report's figures: the figure and what it says, in words
    /// that need no escaping (every report format writes them as they are).
    pub fn guild_coverage(&self) -> (String, String) {
        use crate::text::thousands;
        match (self.ml_guild_members, self.guild_coverage_percent()) {
            (Some(members), Some(percent)) => (
                format!("{percent}%"),
                format!(
                    "{} of {} ML practitioners are in an ML guild",
                    thousands(members),
                    thousands(self.ml_practitioners)
                ),
            ),
            (Some(_), None) => (
                "–".to_owned(),
                "an ML guild, and no practitioner".to_owned(),
            ),
            (None, _) => ("–".to_owned(), "there is no ML guild".to_owned()),
        }
    }
}

/// The findings of one rule at one level.
#[derive(Debug)]
pub struct RuleGroup<'a> {
    /// The rule.
    pub rule: &'static Rule,
    /// Its level in this run.
    pub level: Level,
    /// The findings, in report order, each with the team whose table holds it.
    pub findings: Vec<Item<'a>>,
    /// How many findings they stand for (with the ones a cap folded).
    pub count: usize,
    /// The rule page's *What it does*, one paragraph each (lists keep their lines).
    pub what: Vec<String>,
    /// The rule page's *Why is this bad?*.
    pub why: Vec<String>,
}

/// A finding, and the team whose table holds it (if any).
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// The finding.
    pub finding: &'a Reported,
    /// The team's index in [`crate::Org::teams`].
    pub team: Option<usize>,
}

/// The findings in one team's table.
#[derive(Debug)]
pub struct TeamGroup<'a> {
    /// The team's index in [`crate::Org::teams`].
    pub team: usize,
    /// The worst level among them.
    pub worst: Level,
    /// The findings, in report order.
    pub findings: Vec<&'a Reported>,
}

/// A team as the chart draws it.
#[derive(Debug, Clone)]
pub struct TeamNode<'a> {
    /// Its name, else its id.
    pub name: &'a str,
    /// Its id as written.
    pub id: &'a str,
    /// The name (else id) of its lead, when `lead` names a defined person.
    pub lead: Option<&'a str>,
    /// How many ML practitioners sit in it.
    pub ml: usize,
    /// Whether it is an ML team (`kind = "centralized-ml"`).
    pub ml_team: bool,
    /// How many of its current members are in an ML guild.
    pub in_ml_guild: usize,
    /// The worst level of its findings; `None` when it has none.
    pub worst: Option<Level>,
    /// How many findings its table holds.
    pub findings: usize,
    /// The team the chart hangs it under: its `parent`, unless that names no team or the team
    /// is on a `parent` cycle (then it is a root).
    pub parent: Option<usize>,
}

/// What the article recommends for an org's stage and AI focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    /// The structures that follow the recommendation, best first.
    pub recommended: &'static [Structure],
    /// The recommendation, in a few sentences of our own.
    pub text: &'static str,
    /// Whether the org's structure is one of them (`None` when no ML work sits anywhere yet).
    pub fits: Option<bool>,
}

impl Advice {
    /// The sentence that says whether the org follows the recommendation.
    pub fn verdict(&self, structure: Structure) -> String {
        let names: Vec<&str> = self.recommended.iter().map(|s| s.as_str()).collect();
        match self.fits {
            None => "No ML practitioner works in a team yet (outside management and groups), so \
                     there is no structure to compare with the recommendation."
                .to_owned(),
            Some(true) => format!(
                "The org is {}, which follows this recommendation.",
                structure.as_str()
            ),
            Some(false) => format!(
                "The org is {}, which departs from it: the recommendation is {}.",
                structure.as_str(),
                or_list(&names)
            ),
        }
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// What a structure means, in one line.
pub fn structure_meaning(structure: Structure) -> &'static str {
    match structure {
        Structure::None => "no ML practitioner works in a team outside management and groups",
        Structure::Centralized => {
            "one central ML team, and every practitioner elsewhere is also a member of it"
        }
        Structure::FullStackCentralized => {
            "a central ML team with its own software and product people, run like a small \
             company inside the company"
        }
        Structure::Decentralized => {
            "no central ML team: practitioners work inside the product and business teams"
        }
        Structure::Hybrid => {
            "a central ML team, and practitioners outside it in other teams: a core that builds \
             shared ground, with ML work spread through the org"
        }
    }
}

/// The article's recommendation for `stage` and `focus`, in our own words.
pub fn recommendation(stage: Stage, focus: AiFocus) -> (&'static [Structure], &'static str) {
    use Structure::*;
    match (stage, focus) {
        (Stage::Startup, AiFocus::Research) => (
            &[Centralized, FullStackCentralized],
            "A young company whose ML work is research does well to keep its ML people \
             together in one team: exploratory work pays off over years rather than sprints, \
             and it needs peers close by more than it needs product speed.",
        ),
        (Stage::Startup, _) => (
            &[Decentralized],
            "A small company putting ML into its product is better served by ML people working \
             inside the product teams than by a separate ML team: headcount is short, shipping \
             fast matters most, and a regular meeting of all practitioners keeps them aligned.",
        ),
        (Stage::Scaleup, AiFocus::Product) => (
            &[Decentralized],
            "A growing company that mainly builds ML into its product should keep placing ML \
             people in cross-functional product teams, and connect them through a guild that \
             meets often.",
        ),
        (Stage::Scaleup, AiFocus::Research) => (
            &[Centralized, FullStackCentralized],
            "A growing company that invests heavily in exploring new ML approaches before they \
             reach the product benefits from a central ML team, with a seat at the leadership \
             table, a budget of its own and a clear function.",
        ),
        (Stage::Scaleup, AiFocus::Both) => (
            &[Hybrid, FullStackCentralized, Decentralized, Centralized],
            "A growing company that both researches and ships ML can lean either way: product \
             teams with ML people where shipping dominates, a central team where research does, \
             or both at once with clear responsibilities.",
        ),
        (Stage::Enterprise, AiFocus::Product) => (
            &[Hybrid, FullStackCentralized, Decentralized],
            "A large company usually gets the most from combining the two approaches: a core ML \
             team that builds shared infrastructure and practice, and ML people in the product \
             teams who apply it; a central team with its own engineers and product people is \
             another way.",
        ),
        (Stage::Enterprise, _) => (
            &[Hybrid, FullStackCentralized, Centralized],
            "A large company that researches ML as well as applying it is usually best served by \
             both approaches together: a core ML team for infrastructure, practice and research, \
             and ML people in the business teams who apply it, with clear lines between them.",
        ),
    }
}

/// The advice for `facts`.
pub fn advice(facts: &Facts<'_>) -> Advice {
    let (recommended, text) = recommendation(facts.stage, facts.ai_focus);
    let fits = (facts.structure != Structure::None).then(|| recommended.contains(&facts.structure));
    Advice {
        recommended,
        text,
        fits,
    }
}

/// `n` findings in words, as the reports count them: `1 finding`, `1,234 findings`.
pub fn findings(n: usize) -> String {
    match n {
        1 => "1 finding".to_owned(),
        n => format!("{} findings", crate::text::thousands(n)),
    }
}

/// How a report names an org whose `name` is absent or not a string.
pub const UNNAMED: &str = "(unnamed org)";

impl<'a> Content<'a> {
    /// What the header says after the stage: nothing when `[org].stage` declares it, else that it
    /// comes from the headcount.
    pub fn stage_note(&self) -> &'static str {
        match self.report.org.org().is_some_and(|d| d.stage.is_some()) {
            true => "",
            false => " (from the headcount)",
        }
    }

    /// What the header says after the AI focus: nothing when declared, else that it is the default.
    pub fn focus_note(&self) -> &'static str {
        match self.report.org.org().is_some_and(|d| d.ai_focus.is_some()) {
            true => "",
            false => " (the default)",
        }
    }

    /// Works out what `report` says.
    pub fn new(report: &'a Report) -> Content<'a> {
        let org = &report.org;
        let facts = org.facts();
        let advice = facts.as_ref().map(advice);
        // The first team of each id: where a finding about `team:ID` is filed.
        let mut team_of_id: BTreeMap<&str, usize> = BTreeMap::new();
        for (t, team) in org.teams.iter().enumerate() {
            team_of_id.entry(team.id.as_str()).or_insert(t);
        }
        let mut per_team: Vec<Vec<&Reported>> = vec![Vec::new(); org.teams.len()];
        let mut elsewhere = Vec::new();
        let mut items = Vec::with_capacity(report.findings.len());
        for f in &report.findings {
            let team = f
                .entity
                .as_ref()
                .filter(|e| e.kind == EntityKind::Team)
                .and_then(|e| team_of_id.get(e.id.as_str()).copied());
            match team {
                Some(t) => per_team[t].push(f),
                None => elsewhere.push(f),
            }
            items.push(Item { finding: f, team });
        }
        let worst = |fs: &[&Reported]| fs.iter().map(|f| f.level).max();
        let parents = chart_parents(org);
        let name_of_person = |p: usize| {
            let person = &org.people[p];
            person
                .name
                .as_ref()
                .map_or(person.id.as_str(), |n| n.as_str())
        };
        let teams: Vec<TeamNode<'a>> = (org.teams.iter().enumerate())
            .map(|(t, team)| TeamNode {
                name: team.name.as_ref().map_or(team.id.as_str(), |n| n.as_str()),
                id: team.id.as_str(),
                lead: org.lead_of(t).map(name_of_person),
                ml: org.ml_members(t).count(),
                ml_team: team.is_ml_team(),
                in_ml_guild: org
                    .current_members(t)
                    .filter(|&p| org.in_ml_guild(p))
                    .count(),
                worst: worst(&per_team[t]),
                findings: per_team[t].len(),
                parent: parents[t],
            })
            .collect();
        let practitioners: Vec<usize> = (0..org.people.len())
            .filter(|&p| org.is_first_person(p) && org.is_ml(p))
            .collect();
        let has_ml_guild = org.ml_guild().is_some();
        let figures = Figures {
            headcount: org.headcount(),
            teams: org.teams.len(),
            ml_practitioners: practitioners.len(),
            ml_teams_sitting: (teams.iter().enumerate())
                .filter(|(_, n)| n.ml > 0)
                .map(|(t, n)| (t, n.ml))
                .collect(),
            ml_guild_members: has_ml_guild.then(|| {
                practitioners
                    .iter()
                    .filter(|&&p| org.in_ml_guild(p))
                    .count()
            }),
            teams_with_findings: per_team.iter().filter(|f| !f.is_empty()).count(),
        };
        let mut by_team: Vec<TeamGroup<'a>> = (per_team.into_iter().enumerate())
            .filter_map(|(team, findings)| {
                Some(TeamGroup {
                    team,
                    worst: worst(&findings)?,
                    findings,
                })
            })
            .collect();
        by_team.sort_by_key(|g| (std::cmp::Reverse(g.worst), g.team));
        Content {
            report,
            facts,
            advice,
            figures,
            by_rule: by_rule(&items),
            by_team,
            elsewhere,
            teams,
        }
    }
}

/// The groups by rule, errors first, then by rule name.
fn by_rule<'a>(items: &[Item<'a>]) -> Vec<RuleGroup<'a>> {
    let mut by: BTreeMap<(std::cmp::Reverse<Level>, &'static str), RuleGroup<'a>> = BTreeMap::new();
    for &item in items {
        let f = item.finding;
        let group = by
            .entry((std::cmp::Reverse(f.level), f.rule.name))
            .or_insert_with(|| RuleGroup {
                rule: f.rule,
                level: f.level,
                findings: Vec::new(),
                count: 0,
                what: crate::finding::page_section(f.rule.page, "What it does"),
                why: crate::finding::page_section(f.rule.page, "Why is this bad?"),
            });
        group.findings.push(item);
        group.count += 1 + f.more;
    }
    by.into_values().collect()
}

/// Per team, the team the chart hangs it under: `parent_of`, except that every team on a
/// `parent` cycle is a root (`team-cycle` reports the cycle). Iterative and linear: each team is
/// walked once however long the chains.
pub(crate) fn chart_parents(org: &crate::Org) -> Vec<Option<usize>> {
    use crate::chain::{Stop, Walker};
    let n = org.teams.len();
    let mut parents: Vec<Option<usize>> = org.parent_of.clone();
    let mut walker = Walker::new(n, |t| org.parent_of[t]);
    for start in 0..n {
        if let (path, Stop::Cycle { at }) = walker.walk(start) {
            for &t in &path[at..] {
                parents[t] = None;
            }
        }
    }
    parents
}
