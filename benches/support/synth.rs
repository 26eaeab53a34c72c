//! A seeded synthetic org (SPEC §1) for benchmarks, the CI smoke run and tests: same options, same bytes.
//!
//! Shared by `examples/gen_org.rs`, `benches/floor.rs` and `tests/it/threads.rs` through `#[path]`,
//! because it is test and benchmark support, not part of the library. It is std only: the
//! random numbers come from SplitMix64 (a few lines, stable across platforms and Rust versions,
//! which a crate's `StdRng` does not promise), so a seed names the same org forever.
//!
//! The org looks like a company: working teams of six to ten people (feature teams with a
//! product manager, a designer and engineers; platform teams; a few central ML teams under a
//! head of ML), every team led by an engineering manager who reports to a director, directors to
//! VPs, VPs to executives, up to a CEO; the CEO, the top of the chain and the head of ML sit in
//! `[org].leadership`. ML practitioners sit in the ML teams, some embedded in feature teams,
//! and one or two in about a fifth of the feature teams, who meet in an ML guild. Planted in it,
//! once per 25,000 people (at least once): unknown references, a duplicate id, a reporting
//! cycle, a lead not in members, an orphan, a lone ML hire, an unknown role, divergent tooling
//! and overlapping ownership. Apart from those the org is clean.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// How the org is laid out on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `org.toml`, `guilds/*.toml` and one file per team (`[team]` and its `[[person]]`s).
    Files,
    /// Everything in one `org.toml`, with `[[team]]`, `[[guild]]` and `[[person]]` arrays.
    OneFile,
}

impl Layout {
    /// Parses `files` or `one-file`.
    pub fn parse(s: &str) -> Option<Layout> {
        match s {
            "files" => Some(Layout::Files),
            "one-file" => Some(Layout::OneFile),
            _ => None,
        }
    }

    /// The name `parse` reads.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Files => "files",
            Layout::OneFile => "one-file",
        }
    }
}

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// About how many people (exact unless every team is full; at least 30).
    pub people: usize,
    /// The seed: the same options give the same bytes.
    pub seed: u64,
    /// The layout on disk.
    pub layout: Layout,
}

/// A generated org: its files (relative path, text), and how many people it has.
pub struct Org {
    /// `(path relative to the root, text)`, `orglint.toml` first.
    pub files: Vec<(String, String)>,
    /// The number of people (the planted duplicate's second entry not counted).
    pub people: usize,
    /// The number of teams.
    pub teams: usize,
}

impl Org {
    /// Writes the files under `dir` (created if needed; files of the same name replaced).
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        for (path, text) in &self.files {
            let path = dir.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, text)?;
        }
        Ok(())
    }

    /// The total size of the files in bytes.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, t)| t.len()).sum()
    }
}

/// SplitMix64: tiny, fast, and fixed by its definition.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: [&str; 24] = [
    "ada", "ben", "chen", "dana", "eli", "fatima", "gus", "hana", "ines", "jon", "kemal", "lena",
    "maya", "noor", "omar", "priya", "quinn", "rosa", "sam", "tom", "uma", "vik", "wen", "yuki",
];
const LAST: [&str; 24] = [
    "abara", "berg", "costa", "diaz", "eze", "fischer", "garcia", "haddad", "ito", "jensen",
    "kowalski", "lopez", "moreau", "nakamura", "okafor", "patel", "quispe", "rossi", "silva",
    "tanaka", "ueda", "varga", "wang", "zhou",
];
const AREAS: [&str; 16] = [
    "checkout",
    "search",
    "onboarding",
    "billing",
    "payments",
    "catalogue",
    "messaging",
    "notifications",
    "identity",
    "pricing",
    "fraud",
    "reviews",
    "maps",
    "support",
    "loyalty",
    "shipping",
];
const SURFACES: [&str; 8] = [
    "web", "mobile", "api", "partners", "admin", "growth", "core", "insights",
];
const AUDIENCES: [&str; 6] = [
    "shoppers",
    "sellers",
    "drivers",
    "support agents",
    "finance staff",
    "new customers",
];
const PLATFORM: [&str; 6] = [
    "build caching",
    "deploy pipelines",
    "observability",
    "databases",
    "networking",
    "developer laptops",
];
const ML_TOPICS: [&str; 6] = [
    "ranking",
    "forecasting",
    "vision",
    "language",
    "risk",
    "experimentation",
];
const SOFTWARE: [&str; 5] = [
    "software-engineer",
    "backend-engineer",
    "frontend-engineer",
    "fullstack-engineer",
    "mobile-engineer",
];
const ML: [&str; 3] = ["ml-engineer", "data-scientist", "applied-scientist"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Feature,
    Platform,
    Ml,
    Management,
}

struct Person {
    id: String,
    name: String,
    role: &'static str,
    reports_to: Option<usize>,
    /// The planted unknown manager, instead of `reports_to`.
    reports_to_unknown: Option<String>,
}

struct Team {
    id: String,
    name: String,
    kind: Kind,
    function: String,
    /// The directory of its file, in the files layout.
    dir: String,
    lead: usize,
    members: Vec<usize>,
    /// Planted unknown members, after `members`.
    unknown_members: Vec<String>,
    parent: Option<usize>,
    syncs_with: Vec<usize>,
    unknown_syncs: Vec<String>,
    /// The people whose `[[person]]` is written in its file.
    defines: Vec<usize>,
    /// The planted duplicate: a person defined again here.
    duplicate: Option<usize>,
    /// Lines written after the team's own keys (ML keys, owns, tooling), ready-made.
    extra: String,
    /// Whether an ML practitioner sits here (planted findings go elsewhere).
    has_ml: bool,
    planted: bool,
}

struct Gen {
    rng: Rng,
    people: Vec<Person>,
    teams: Vec<Team>,
}

/// The number of managers above `working` working teams: directors, the levels above them
/// (nine per manager until eight or fewer remain), the CEO, the head of ML and ML directors.
fn managers(working: usize) -> usize {
    let ml = ml_teams(working);
    let mut count = (working - ml).div_ceil(9);
    let mut total = count;
    while count > 8 {
        count = count.div_ceil(9);
        total += count;
    }
    total + 2 + ml.div_ceil(9)
}

/// About 2% of the working teams are central ML teams: at least one, at most 81 (nine ML
/// directors of nine teams under one head of ML).
fn ml_teams(working: usize) -> usize {
    (working / 50).clamp(1, 81)
}

impl Gen {
    fn person(&mut self, role: &'static str, reports_to: Option<usize>) -> usize {
        let i = self.people.len();
        let first = self.rng.pick(&FIRST);
        let last = self.rng.pick(&LAST);
        let mut name = String::new();
        for (k, word) in [first, last].into_iter().enumerate() {
            if k > 0 {
                name.push(' ');
            }
            name.push_str(&word[..1].to_ascii_uppercase());
            name.push_str(&word[1..]);
        }
        self.people.push(Person {
            id: format!("{first}-{last}-{i}"),
            name,
            role,
            reports_to,
            reports_to_unknown: None,
        });
        i
    }

    fn team(&mut self, id: String, name: String, kind: Kind, function: String) -> usize {
        self.teams.push(Team {
            id,
            name,
            kind,
            function,
            dir: String::new(),
            lead: 0,
            members: Vec::new(),
            unknown_members: Vec::new(),
            parent: None,
            syncs_with: Vec::new(),
            unknown_syncs: Vec::new(),
            defines: Vec::new(),
            duplicate: None,
            extra: String::new(),
            has_ml: false,
            planted: false,
        });
        self.teams.len() - 1
    }
}

/// Generates the org `opts` describes.
pub fn generate(opts: &Options) -> Org {
    let target = opts.people.max(30);
    let mut g = Gen {
        rng: Rng(opts.seed ^ 0x6F72_676C_696E_7421),
        people: Vec::with_capacity(target + 16),
        teams: Vec::new(),
    };

    // Team sizes: six to nine, topped up to ten to reach the head count exactly.
    let mut sizes: Vec<usize> = Vec::new();
    let mut sum = 0;
    loop {
        let size = 6 + g.rng.below(4);
        if sum + size + managers(sizes.len() + 1) > target {
            break;
        }
        sizes.push(size);
        sum += size;
    }
    if sizes.len() < 2 {
        sizes = vec![8, 8];
        sum = 16;
    }
    let mut left = target.saturating_sub(sum + managers(sizes.len()));
    let n = sizes.len();
    let mut i = 0;
    while left > 0 && sizes.iter().any(|&s| s < 10) {
        if sizes[i % n] < 10 {
            sizes[i % n] += 1;
            left -= 1;
        }
        i += 1;
    }

    // Which working teams are central ML teams (spread evenly) and platform teams (every tenth).
    let ml_count = ml_teams(n);
    let is_ml = |t: usize| t % (n / ml_count) == 0 && t / (n / ml_count) < ml_count;
    let mut working = Vec::with_capacity(n);
    let mut ml_seen = 0;
    for (t, &size) in sizes.iter().enumerate() {
        let area = g.rng.pick(&AREAS);
        let kind = if is_ml(t) {
            Kind::Ml
        } else if t % 10 == 5 {
            Kind::Platform
        } else {
            Kind::Feature
        };
        let (id, name, function) = match kind {
            Kind::Ml => {
                let topic = ML_TOPICS[ml_seen % ML_TOPICS.len()];
                ml_seen += 1;
                (
                    format!("ml-{topic}-{t}"),
                    format!("ML {topic} {t}"),
                    format!("{topic} models for {area} and the teams that ship them"),
                )
            }
            Kind::Platform => {
                let what = g.rng.pick(&PLATFORM);
                (
                    format!("platform-{}-{t}", what.replace(' ', "-")),
                    format!("Platform: {what} {t}"),
                    format!("run {what} for every product team"),
                )
            }
            _ => {
                let surface = g.rng.pick(&SURFACES);
                let audience = g.rng.pick(&AUDIENCES);
                (
                    format!("{area}-{surface}-{t}"),
                    format!("{area} {surface} {t}"),
                    format!("{area} on {surface} for {audience}"),
                )
            }
        };
        let team = g.team(id, name, kind, function);
        let lead = g.person("engineering-manager", None);
        g.teams[team].lead = lead;
        g.teams[team].members.push(lead);
        g.teams[team].defines.push(lead);
        let ml_here = kind == Kind::Feature && g.rng.chance(20);
        let ml_people = if ml_here { 1 + g.rng.below(2) } else { 0 };
        for slot in 1..size {
            let role = match kind {
                Kind::Ml if slot == 1 => "mlops-engineer",
                Kind::Ml if slot == 2 => "backend-engineer",
                Kind::Ml => g
                    .rng
                    .pick(&["ml-engineer", "data-scientist", "research-scientist"]),
                Kind::Platform => g.rng.pick(&["sre", "devops-engineer", "backend-engineer"]),
                _ if slot == 1 => "product-manager",
                _ if slot == 2 => "designer",
                _ if slot >= size - ml_people => g.rng.pick(&ML),
                _ => g.rng.pick(&SOFTWARE),
            };
            let p = g.person(role, Some(lead));
            g.teams[team].members.push(p);
            g.teams[team].defines.push(p);
        }
        g.teams[team].has_ml = ml_here || kind == Kind::Ml;
        working.push(team);
    }

    // The management chain, nine reports per manager, with a staff team each.
    let ml_working = of_kind(&g, &working, |k| k == Kind::Ml);
    let other = of_kind(&g, &working, |k| k != Kind::Ml);
    // (manager, staff team) per unit of the level below; level 0 is the working teams' leads.
    let mut below: Vec<(usize, usize)> = other.iter().map(|&t| (g.teams[t].lead, t)).collect();
    let mut level = 0;
    loop {
        let role = match level {
            0 => "director",
            1 => "vp",
            _ => "executive",
        };
        let mut above = Vec::new();
        for chunk in below.chunks(9) {
            let boss = g.person(role, None);
            let staff = g.team(
                format!("staff-{}", g.people[boss].id),
                format!("{} staff", g.people[boss].name),
                Kind::Management,
                format!("run the {role} staff meeting"),
            );
            g.teams[staff].lead = boss;
            g.teams[staff].members.push(boss);
            g.teams[staff].defines.push(boss);
            for &(m, team) in chunk {
                g.people[m].reports_to = Some(boss);
                g.teams[team].parent = Some(staff);
                g.teams[staff].members.push(m);
            }
            above.push((boss, staff));
        }
        below = above;
        level += 1;
        if below.len() <= 8 {
            break;
        }
    }
    let ceo = g.person("ceo", None);
    let ceo_staff = g.team(
        "executive-team".into(),
        "Executive team".into(),
        Kind::Management,
        "set the company strategy and budget".into(),
    );
    let head_of_ml = g.person("head-of-ml", Some(ceo));
    let ml_division = g.team(
        "ml-division".into(),
        "ML division".into(),
        Kind::Management,
        "run the central ML teams".into(),
    );
    g.teams[ceo_staff].lead = ceo;
    g.teams[ceo_staff].members.push(ceo);
    g.teams[ceo_staff].defines.extend([ceo, head_of_ml]);
    g.teams[ml_division].lead = head_of_ml;
    g.teams[ml_division].members.push(head_of_ml);
    g.teams[ml_division].parent = Some(ceo_staff);
    let top: Vec<(usize, usize)> = below;
    for &(m, staff) in &top {
        g.people[m].reports_to = Some(ceo);
        g.teams[staff].parent = Some(ceo_staff);
        g.teams[ceo_staff].members.push(m);
    }
    g.teams[ceo_staff].members.push(head_of_ml);
    for chunk in ml_working.chunks(9) {
        let director = g.person("director", Some(head_of_ml));
        g.teams[ml_division].members.push(director);
        g.teams[ml_division].defines.push(director);
        for &t in chunk {
            let lead = g.teams[t].lead;
            g.people[lead].reports_to = Some(director);
            g.teams[t].parent = Some(ml_division);
        }
    }
    // The ML directors sit at the table too: an ML team's lead is one step from a seat.
    let mut leadership = vec![ceo];
    leadership.extend(top.iter().map(|&(m, _)| m));
    leadership.push(head_of_ml);
    leadership.extend(g.teams[ml_division].members[1..].iter().copied());

    // Directories: a team sits under the id of the VP's staff team above it (or, in an org too
    // small for VPs, the director's); the executives under `leadership/`, ML under `teams/ml/`.
    for t in 0..g.teams.len() {
        let mut chain = vec![t];
        while let Some(p) = g.teams[*chain.last().expect("chain")].parent {
            chain.push(p);
        }
        let led_by = |role: &str| {
            chain
                .iter()
                .find(|&&c| g.people[g.teams[c].lead].role == role)
                .map(|&c| format!("teams/{}", g.teams[c].id))
        };
        g.teams[t].dir = if g.teams[t].kind == Kind::Ml {
            "teams/ml".to_string()
        } else {
            led_by("vp")
                .or_else(|| led_by("director"))
                .unwrap_or_else(|| "leadership".to_string())
        };
    }

    // Links between working teams: progress syncs, and the ML teams' stakeholders and partners.
    let feature = of_kind(&g, &working, |k| k == Kind::Feature);
    let platform = of_kind(&g, &working, |k| k == Kind::Platform);
    for &t in &working {
        let count = 1 + g.rng.below(2);
        while g.teams[t].syncs_with.len() < count {
            let other = working[g.rng.below(working.len())];
            if other != t && !g.teams[t].syncs_with.contains(&other) {
                g.teams[t].syncs_with.push(other);
            }
        }
    }
    let quote = |g: &Gen, ids: &[usize]| -> String {
        let list: Vec<String> = ids
            .iter()
            .map(|&i| format!("\"{}\"", g.teams[i].id))
            .collect();
        list.join(", ")
    };
    for (k, &t) in ml_working.iter().enumerate() {
        let stakeholders: Vec<usize> = (0..2)
            .map(|_| feature[g.rng.below(feature.len())])
            .collect();
        let partners: Vec<usize> = if platform.is_empty() {
            vec![feature[g.rng.below(feature.len())]]
        } else {
            vec![platform[g.rng.below(platform.len())]]
        };
        let focus = ["product", "infrastructure", "research"][k % 3];
        let mut extra = format!(
            "focus = \"{focus}\"\nstakeholders = [{}]\npartners = [{}]\nbudget = \"own\"\n\
             intake = \"requests through the ML intake form, triaged every week\"\n\
             knowledge_sharing = [\"monthly brown-bag\", \"internal wiki\"]\n",
            quote(&g, &stakeholders),
            quote(&g, &partners),
        );
        extra.push_str("\n[team.tooling]\nexperiment_tracking = \"mlflow\"\n");
        g.teams[t].extra = extra;
        // Up to two of its practitioners are embedded in feature teams that have room.
        let embed: Vec<usize> = g.teams[t].members[3..].iter().copied().take(2).collect();
        for p in embed {
            for _ in 0..8 {
                let host = feature[g.rng.below(feature.len())];
                if g.teams[host].members.len() < 10 && !g.teams[host].has_ml {
                    g.teams[host].members.push(p);
                    g.teams[host].has_ml = true;
                    break;
                }
            }
        }
    }
    for &t in &platform {
        let id = g.teams[t].id.clone();
        let _ = writeln!(
            g.teams[t].extra,
            "focus = \"infrastructure\"\nowns = [\"{id}\"]"
        );
    }
    for (k, &t) in feature.iter().enumerate() {
        if k % 7 == 3 {
            g.teams[t]
                .extra
                .push_str("\n[team.tooling]\nci_cd = \"github-actions\"\n");
        } else if k % 23 == 11 {
            g.teams[t].extra.push_str(
                "\n[team.tooling]\nci_cd = \"buildkite\"\n\n[team.exceptions]\n\
                 ci_cd = \"moving to github-actions with the monorepo, next quarter\"\n",
            );
        }
    }

    // Planted findings, each on its own plain feature team.
    let units = 1 + target / 25_000;
    let mut plain: Vec<usize> = feature
        .iter()
        .copied()
        .filter(|&t| !g.teams[t].has_ml && g.teams[t].extra.is_empty())
        .collect();
    let mut take = |g: &mut Gen| -> Option<usize> {
        if plain.is_empty() {
            return None;
        }
        let t = plain.swap_remove(g.rng.below(plain.len()));
        g.teams[t].planted = true;
        Some(t)
    };
    for _ in 0..units {
        // unknown-reference: a member, a manager and a synced team that do not exist.
        if let Some(t) = take(&mut g) {
            let ghost = format!("{}-former", g.people[g.teams[t].lead].id);
            g.teams[t].unknown_members.push(ghost);
            let m = g.teams[t].members[3];
            let typo = g.people[g.teams[t].lead].id.replacen('-', "_", 1);
            g.people[m].reports_to_unknown = Some(typo);
            let gone = format!("{}-legacy", g.teams[t].id);
            g.teams[t].unknown_syncs.push(gone);
        }
        // duplicate-id: someone of another team defined again here.
        if let (Some(t), Some(u)) = (take(&mut g), take(&mut g)) {
            g.teams[t].duplicate = Some(g.teams[u].members[4]);
        }
        // reporting-cycle: the lead reports to one of their own reports.
        if let Some(t) = take(&mut g) {
            let lead = g.teams[t].lead;
            g.people[lead].reports_to = Some(g.teams[t].members[3]);
        }
        // lead-not-member.
        if let Some(t) = take(&mut g) {
            g.teams[t].members.remove(0);
        }
        // orphan-person: defined in the team's file, listed in no team.
        if let Some(t) = take(&mut g) {
            g.teams[t].members.pop();
        }
        // lone-ml-hire: one ML engineer, in no guild.
        if let Some(t) = take(&mut g) {
            let p = *g.teams[t].members.last().expect("members");
            g.people[p].role = "ml-engineer";
            g.teams[t].has_ml = true;
        }
        // unknown-role.
        if let Some(t) = take(&mut g) {
            let p = *g.teams[t].members.last().expect("members");
            g.people[p].role = "sofware-engineer";
        }
        // divergent-tooling.
        if let Some(t) = take(&mut g) {
            g.teams[t].extra = "\n[team.tooling]\nci_cd = \"jenkins\"\n".into();
        }
        // overlapping-ownership: two teams own the same thing.
        if let (Some(t), Some(u)) = (take(&mut g), take(&mut g)) {
            let item = format!("{}-ledger", g.teams[t].id);
            let line = format!("owns = [\"{item}\"]\n");
            g.teams[t].extra = line.clone();
            g.teams[u].extra = line;
        }
    }

    // The ML guild: the ML teams' leads and every ML practitioner of a feature team, embedded
    // ones too (the planted lone hire aside); a frontend guild besides.
    let mut ml_guild: Vec<usize> = ml_working.iter().map(|&t| g.teams[t].lead).collect();
    let mut frontend = Vec::new();
    for &t in &feature {
        for &p in &g.teams[t].members {
            let role = g.people[p].role;
            let ml = [
                "ml-engineer",
                "data-scientist",
                "applied-scientist",
                "research-scientist",
            ];
            if ml.contains(&role) && !g.teams[t].planted {
                ml_guild.push(p);
            }
            if role == "frontend-engineer" && frontend.len() < 400 {
                frontend.push(p);
            }
        }
    }

    // Text.
    let mut org = String::new();
    let _ = write!(
        org,
        "# A synthetic org written by examples/gen_org.rs (seed {}, {} people).\n\
         [org]\nname = \"Synthetic Corp {}\"\nai_focus = \"product\"\nleadership = [{}]\n\
         ai_intake = \"ml-division\"\n\n[org.standards]\nci_cd = \"github-actions\"\n\
         experiment_tracking = \"mlflow\"\n",
        opts.seed,
        g.people.len(),
        opts.seed,
        people_list(&g, &leadership),
    );
    let guilds = [
        ("ml-guild", "ML guild", "ml", "biweekly", &ml_guild),
        (
            "frontend-guild",
            "Frontend guild",
            "frontend",
            "monthly",
            &frontend,
        ),
    ];
    let guild_text = |one_file: bool| -> Vec<(String, String)> {
        guilds
            .iter()
            .map(|(id, name, topic, cadence, members)| {
                let header = if one_file { "[[guild]]" } else { "[guild]" };
                (
                    format!("guilds/{id}.toml"),
                    format!(
                        "{header}\nid = \"{id}\"\nname = \"{name}\"\ntopic = \"{topic}\"\n\
                         cadence = \"{cadence}\"\nmembers = [{}]\n",
                        people_list(&g, members)
                    ),
                )
            })
            .collect()
    };
    let config = format!(
        "# orglint's configuration for the synthetic org (examples/gen_org.rs --people {} --seed {}).\n",
        opts.people, opts.seed
    );
    let mut files = vec![("orglint.toml".to_string(), config)];
    match opts.layout {
        Layout::Files => {
            files.push(("org.toml".into(), org));
            files.extend(guild_text(false));
            for t in 0..g.teams.len() {
                let mut text = team_text(&g, t, "[team]");
                for &p in &g.teams[t].defines {
                    person_text(&mut text, &g, p);
                }
                if let Some(p) = g.teams[t].duplicate {
                    person_text(&mut text, &g, p);
                }
                let path = format!("{}/{}.toml", g.teams[t].dir, g.teams[t].id);
                files.push((path, text));
            }
        }
        Layout::OneFile => {
            let mut text = org;
            for t in 0..g.teams.len() {
                text.push('\n');
                text.push_str(&team_text(&g, t, "[[team]]"));
            }
            for (_, guild) in guild_text(true) {
                text.push('\n');
                text.push_str(&guild);
            }
            for t in 0..g.teams.len() {
                for &p in &g.teams[t].defines {
                    person_text(&mut text, &g, p);
                }
                if let Some(p) = g.teams[t].duplicate {
                    person_text(&mut text, &g, p);
                }
            }
            files.push(("org.toml".into(), text));
        }
    }
    Org {
        files,
        people: g.people.len(),
        teams: g.teams.len(),
    }
}

/// The teams of `teams` whose kind `keep` accepts, in order.
fn of_kind(g: &Gen, teams: &[usize], keep: impl Fn(Kind) -> bool) -> Vec<usize> {
    teams
        .iter()
        .copied()
        .filter(|&t| keep(g.teams[t].kind))
        .collect()
}

fn people_list(g: &Gen, ids: &[usize]) -> String {
    let list: Vec<String> = ids
        .iter()
        .map(|&i| format!("\"{}\"", g.people[i].id))
        .collect();
    list.join(", ")
}

fn team_text(g: &Gen, t: usize, header: &str) -> String {
    let team = &g.teams[t];
    let kind = match team.kind {
        Kind::Feature => "feature",
        Kind::Platform => "platform",
        Kind::Ml => "centralized-ml",
        Kind::Management => "management",
    };
    let mut members: Vec<String> = team
        .members
        .iter()
        .map(|&p| format!("\"{}\"", g.people[p].id))
        .collect();
    members.extend(team.unknown_members.iter().map(|id| format!("\"{id}\"")));
    let mut text = format!(
        "{header}\nid = \"{}\"\nname = \"{}\"\nkind = \"{kind}\"\nfunction = \"{}\"\nlead = \"{}\"\nmembers = [{}]\n",
        team.id,
        team.name,
        team.function,
        g.people[team.lead].id,
        members.join(", "),
    );
    if let Some(p) = team.parent {
        let _ = writeln!(text, "parent = \"{}\"", g.teams[p].id);
    }
    if !team.syncs_with.is_empty() || !team.unknown_syncs.is_empty() {
        let mut syncs: Vec<String> = team
            .syncs_with
            .iter()
            .map(|&o| format!("\"{}\"", g.teams[o].id))
            .collect();
        syncs.extend(team.unknown_syncs.iter().map(|id| format!("\"{id}\"")));
        let _ = writeln!(text, "syncs_with = [{}]", syncs.join(", "));
    }
    text.push_str(&team.extra);
    text
}

fn person_text(text: &mut String, g: &Gen, p: usize) {
    let p = &g.people[p];
    let _ = write!(
        text,
        "\n[[person]]\nid = \"{}\"\nname = \"{}\"\nrole = \"{}\"\n",
        p.id, p.name, p.role
    );
    if let Some(unknown) = &p.reports_to_unknown {
        let _ = writeln!(text, "reports_to = \"{unknown}\"");
    } else if let Some(m) = p.reports_to {
        let _ = writeln!(text, "reports_to = \"{}\"", g.people[m].id);
    }
    let _ = writeln!(text, "email = \"{}@example.com\"", p.id);
}
