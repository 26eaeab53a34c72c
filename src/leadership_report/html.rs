//! `orglint report --format html`: the report as one self-contained HTML page — inline style, no
//! script, no URL to fetch — with the org chart as inline SVG. Every string from the files goes
//! through the one HTML escaper ([`crate::render::html`]), in text, attributes and SVG text alike.

use std::fmt::Write as _;

use super::chart::{self, BOX_HEIGHT, BOX_WIDTH, Chart, Shape};
use super::content::{Content, Item, UNNAMED, findings, structure_meaning};
use crate::Reported;
use crate::finding::Level;
use crate::render::{html as esc, locate};
use crate::text::thousands;

/// How many characters of a team's name a box shows.
const NAME_CHARS: usize = 28;
/// How many characters of a lead's name a box shows.
const LEAD_CHARS: usize = 24;
/// From how many teams the list of where ML practitioners sit is folded.
const SITTING_OPEN: usize = 12;

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:76rem;padding:1rem 1.5rem;color:#1d2939;line-height:1.45}
h1{margin:.2rem 0 .4rem}h2{margin-top:2rem;border-bottom:1px solid #d0d5dd;padding-bottom:.2rem}h3{margin:1.2rem 0 .3rem}
.facts span{display:inline-block;margin-right:1.2rem}.facts b{font-weight:600}
.advice{background:#f4f3ff;border-left:4px solid #6941c6;padding:.6rem .9rem}
table.figures{border-collapse:collapse}table.figures th,table.figures td{border:1px solid #d0d5dd;padding:.3rem .7rem;text-align:left;vertical-align:top}
table.page{border-collapse:collapse;margin:.5rem 0}table.page th,table.page td{border:1px solid #d0d5dd;padding:.2rem .6rem;text-align:left}
table.figures td.n{text-align:right;font-variant-numeric:tabular-nums}
.chart{overflow:auto;border:1px solid #d0d5dd;max-height:80vh;background:#fcfcfd}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}
.sw{display:inline-block;width:1.1em;height:.9em;border:2px solid;border-radius:3px;vertical-align:middle;margin-right:.3em}
.box{stroke-width:1.5}.error{fill:#fbd5d5;stroke:#b42318}.warning{fill:#fdecc8;stroke:#b54708}.info{fill:#d9e8fb;stroke:#175cd3}.clean{fill:#dcf2e3;stroke:#067647}.folded{fill:#f2f4f7;stroke:#98a2b3;stroke-dasharray:5 3}
.sw.error{background:#fbd5d5;border-color:#b42318}.sw.warning{background:#fdecc8;border-color:#b54708}.sw.info{background:#d9e8fb;border-color:#175cd3}.sw.clean{background:#dcf2e3;border-color:#067647}.sw.folded{background:#f2f4f7;border:2px dashed #98a2b3}
.ring{fill:none;stroke:#6941c6;stroke-width:3}.sw.ring{border:3px solid #6941c6;background:none}
.guild{fill:#6941c6}.sw.guild{background:#6941c6;border-color:#6941c6;border-radius:50%;width:.9em}
.link{fill:none;stroke:#98a2b3;stroke-width:1.2}
svg text{font-size:12px;fill:#1d2939}svg text.name{font-size:13px;font-weight:600}svg text.badge{fill:#fff;font-size:10px;font-weight:700}
svg a:hover .box{stroke-width:3}
ul.findings{padding-left:1.2rem}ul.findings li{margin:.25rem 0}
.lv{display:inline-block;min-width:4.2em;font-size:.8em;font-weight:700;text-transform:uppercase}
li.error .lv{color:#b42318}li.warning .lv{color:#b54708}li.info .lv{color:#175cd3}
.help{color:#475467;font-size:.92em}.explain{color:#344054}.lines{white-space:pre-line}pre{background:#f2f4f7;padding:.5rem .8rem;overflow:auto}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;background:#f2f4f7;padding:0 .2em;border-radius:3px}
footer{margin-top:2.5rem;color:#667085;font-size:.85em}
";

/// The whole page for `content`.
pub fn render(content: &Content<'_>) -> String {
    let chart = chart::layout(&content.teams);
    let mut out = String::with_capacity(64 * 1024);
    let title = content.facts.and_then(|f| f.name).unwrap_or("(no [org])");
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — orglint report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        esc(title)
    );
    header(&mut out, content);
    figures(&mut out, content);
    chart_section(&mut out, content, &chart);
    by_rule(&mut out, content);
    by_team(&mut out, content);
    let _ = writeln!(
        out,
        "<footer>Written by orglint {}. Every finding is also in <code>orglint check</code>; \
         <code>orglint explain RULE</code> shows a rule's whole page.</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn header(out: &mut String, content: &Content<'_>) {
    let report = content.report;
    out.push_str("<header>\n");
    let Some(facts) = content.facts else {
        out.push_str(
            "<h1>No organisation</h1>\n<p>The tree has no <code>[org]</code> table, so there is \
             no name, stage or structure to report; the findings below say what is wrong.</p>\n",
        );
        let _ = writeln!(
            out,
            "<p>{}</p>\n</header>",
            esc(&crate::render::summary(report))
        );
        return;
    };
    let _ = writeln!(out, "<h1>{}</h1>", esc(facts.name.unwrap_or(UNNAMED)));
    let _ = writeln!(
        out,
        "<p class=\"facts\"><span>Stage: <b>{}</b>{}</span><span>AI focus: <b>{}</b>{}</span>\
         <span>Structure: <b>{}</b></span></p>",
        facts.stage.as_str(),
        content.stage_note(),
        facts.ai_focus.as_str(),
        content.focus_note(),
        facts.structure.as_str()
    );
    let _ = writeln!(
        out,
        "<p>The structure is derived from where the ML practitioners work: {} means {}.</p>",
        facts.structure.as_str(),
        structure_meaning(facts.structure)
    );
    if let Some(advice) = &content.advice {
        let _ = writeln!(
            out,
            "<p class=\"advice\"><b>What the reference article suggests.</b> {} {}</p>",
            advice.text,
            esc(&advice.verdict(facts.structure))
        );
    }
    let _ = writeln!(
        out,
        "<p>{}</p>\n</header>",
        esc(&crate::render::summary(report))
    );
}

fn figures(out: &mut String, content: &Content<'_>) {
    let f = &content.figures;
    out.push_str("<section id=\"figures\">\n<h2>Figures</h2>\n<table class=\"figures\">\n");
    let row = |out: &mut String, what: &str, n: &str, more: &str| {
        let _ = writeln!(
            out,
            "<tr><th>{what}</th><td class=\"n\">{n}</td><td>{more}</td></tr>"
        );
    };
    row(
        out,
        "Headcount",
        &thousands(f.headcount),
        "current people (alumni left out)",
    );
    row(out, "Teams", &thousands(f.teams), "");
    let mut sitting = String::new();
    let listed: Vec<String> = (f.ml_teams_sitting.iter())
        .map(|&(t, n)| {
            format!(
                "<a href=\"#team-{t}\">{}</a> ({n})",
                esc(content.teams[t].name)
            )
        })
        .collect();
    let teams_word = crate::text::noun(listed.len(), "team");
    if listed.is_empty() {
        sitting.push_str("in no working team");
    } else if listed.len() <= SITTING_OPEN {
        let _ = write!(
            sitting,
            "in {} {teams_word}: {}",
            listed.len(),
            listed.join(", ")
        );
    } else {
        let _ = write!(
            sitting,
            "<details><summary>in {} {teams_word}</summary>{}</details>",
            thousands(listed.len()),
            listed.join(", ")
        );
    }
    row(
        out,
        "ML practitioners",
        &thousands(f.ml_practitioners),
        &sitting,
    );
    let (coverage, said) = f.guild_coverage();
    row(out, "ML-guild coverage", &coverage, &said);
    row(
        out,
        "Teams with findings",
        &thousands(f.teams_with_findings),
        "<a href=\"#by-team\">findings by team</a>",
    );
    out.push_str("</table>\n</section>\n");
}

fn chart_section(out: &mut String, content: &Content<'_>, chart: &Chart) {
    out.push_str("<section id=\"chart\">\n<h2>Org chart</h2>\n");
    out.push_str(
        "<p>Teams hang under their <code>parent</code>; a team whose parent names no team, or \
         that is on a cycle of parents, starts a tree of its own. Each box shows the team, its \
         lead and how many ML practitioners sit in it, and is coloured by its worst finding; \
         click a box for its findings.</p>\n",
    );
    out.push_str(
        "<ul class=\"legend\">\
         <li><span class=\"sw error\"></span>an error</li>\
         <li><span class=\"sw warning\"></span>a warning (no error)</li>\
         <li><span class=\"sw info\"></span>an info only</li>\
         <li><span class=\"sw clean\"></span>no finding</li>\
         <li><span class=\"sw ring\"></span>ML team (<code>centralized-ml</code>)</li>\
         <li><span class=\"sw guild\"></span>members in an ML guild (how many)</li>\
         <li><span class=\"sw folded\"></span>teams without findings, folded</li>\
         </ul>\n",
    );
    if chart.folded {
        let groups = (chart.boxes.iter())
            .filter(|b| matches!(b.shape, Shape::Folded(_)))
            .count();
        let _ = writeln!(
            out,
            "<p>With {} teams, the chart folds each group of subtrees without findings (and \
             without an ML team) into one box: {} teams in {} {}. The list under the chart \
             names them.</p>",
            thousands(content.teams.len()),
            thousands(chart.folded_teams()),
            thousands(groups),
            crate::text::one_or_many(groups, "box", "boxes")
        );
    }
    if content.teams.is_empty() {
        out.push_str("<p>The org has no teams to draw.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        out,
        "<div class=\"chart\">\n<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-label=\"org chart\">",
        w = chart.width,
        h = chart.height
    );
    for b in &chart.boxes {
        if let Some(p) = b.parent {
            let p = &chart.boxes[p];
            let (x1, y1) = (p.x + BOX_WIDTH, p.y + BOX_HEIGHT / 2);
            let (x2, y2) = (b.x, b.y + BOX_HEIGHT / 2);
            let mid = x1 + (x2 - x1) / 2;
            let _ = writeln!(
                out,
                "<path class=\"link\" d=\"M{x1} {y1}H{mid}V{y2}H{x2}\"/>"
            );
        }
    }
    let mut folded_no = 0;
    for b in &chart.boxes {
        match &b.shape {
            Shape::Team(t) => team_box(out, content, *t, b.x, b.y),
            Shape::Folded(teams) => {
                folded_no += 1;
                let _ = writeln!(
                    out,
                    "<g class=\"folded\" id=\"folded-{folded_no}\"><title>{} teams without \
                     findings</title><a href=\"#folded-list-{folded_no}\"><rect class=\"box folded\" \
                     x=\"{}\" y=\"{}\" width=\"{BOX_WIDTH}\" height=\"{BOX_HEIGHT}\" rx=\"6\"/>\
                     <text class=\"name\" x=\"{}\" y=\"{}\">{} teams without findings</text>\
                     <text x=\"{}\" y=\"{}\">folded: see the list below</text></a></g>",
                    thousands(teams.len()),
                    b.x,
                    b.y,
                    b.x + 10,
                    b.y + 24,
                    thousands(teams.len()),
                    b.x + 10,
                    b.y + 44,
                );
            }
        }
    }
    out.push_str("</svg>\n</div>\n");
    if chart.folded {
        out.push_str("<details>\n<summary>Folded teams</summary>\n<ul>\n");
        let mut folded_no = 0;
        for b in &chart.boxes {
            let Shape::Folded(teams) = &b.shape else {
                continue;
            };
            folded_no += 1;
            let under = match b.parent.map(|p| &chart.boxes[p].shape) {
                Some(Shape::Team(p)) => format!(
                    "under <a href=\"#team-{p}\">{}</a>",
                    esc(content.teams[*p].name)
                ),
                _ => "at the top".to_owned(),
            };
            let names: Vec<String> = (teams.iter())
                .map(|&t| esc(content.teams[t].name).into_owned())
                .collect();
            let _ = writeln!(
                out,
                "<li id=\"folded-list-{folded_no}\">{under}, {} teams: {}</li>",
                thousands(teams.len()),
                names.join(", ")
            );
        }
        out.push_str("</ul>\n</details>\n");
    }
    out.push_str("</section>\n");
}

/// `s` cut to `max` characters, with an ellipsis when cut.
fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

fn team_box(out: &mut String, content: &Content<'_>, t: usize, x: i64, y: i64) {
    let node = &content.teams[t];
    let class = node.worst.map_or("clean", level_class);
    let counted = match node.findings {
        0 => "no findings".to_owned(),
        n => findings(n),
    };
    let lead = node
        .lead
        .map_or(String::new(), |l| format!("; lead: {}", esc(l)));
    let _ = write!(
        out,
        "<g class=\"team\" id=\"team-{t}\"><title>{} ({}): {counted}{lead}</title>",
        esc(node.name),
        esc(node.id)
    );
    if node.findings > 0 {
        let _ = write!(out, "<a href=\"#findings-team-{t}\">");
    }
    if node.ml_team {
        let _ = write!(
            out,
            "<rect class=\"ring\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"9\"/>",
            x - 4,
            y - 4,
            BOX_WIDTH + 8,
            BOX_HEIGHT + 8
        );
    }
    let _ = write!(
        out,
        "<rect class=\"box {class}\" x=\"{x}\" y=\"{y}\" width=\"{BOX_WIDTH}\" \
         height=\"{BOX_HEIGHT}\" rx=\"6\"/><text class=\"name\" x=\"{}\" y=\"{}\">{}</text>",
        x + 10,
        y + 19,
        esc(&cut(node.name, NAME_CHARS))
    );
    let lead = node.lead.map_or("no lead".to_owned(), |l| {
        format!("lead: {}", cut(l, LEAD_CHARS))
    });
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\">ML practitioners: {}{}</text>",
        x + 10,
        y + 36,
        esc(&lead),
        x + 10,
        y + 53,
        thousands(node.ml),
        if node.ml_team { " · ML team" } else { "" }
    );
    if node.in_ml_guild > 0 {
        let (cx, cy) = (x + BOX_WIDTH - 14, y + 14);
        let _ = write!(
            out,
            "<circle class=\"guild\" cx=\"{cx}\" cy=\"{cy}\" r=\"9\"/><text class=\"badge\" \
             x=\"{cx}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            cy + 4,
            node.in_ml_guild.min(99)
        );
    }
    if node.findings > 0 {
        out.push_str("</a>");
    }
    out.push_str("</g>\n");
}

fn level_class(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info | Level::Off => "info",
    }
}

/// A paragraph of a rule page (ours, not the files'): escaped, its `code` spans as `<code>`, its
/// links as their text (the page must fetch nothing), a fenced block as `<pre>`, a table as a
/// table, and a list kept on its lines.
fn prose(paragraph: &str) -> String {
    if let Some(rest) = paragraph.strip_prefix("```") {
        let body = rest.split_once('\n').map_or("", |(_, b)| b);
        let body = body.strip_suffix("```").unwrap_or(body).trim_end();
        let lines: Vec<String> = body.lines().map(|l| esc(l).into_owned()).collect();
        return format!("<pre><code>{}</code></pre>", lines.join("\n"));
    }
    if let Some(table) = table(paragraph) {
        return table;
    }
    let lines: Vec<String> = paragraph.lines().map(inline).collect();
    if lines.len() > 1 {
        format!("<p class=\"lines\">{}</p>", lines.join("\n"))
    } else {
        format!("<p>{}</p>", lines.concat())
    }
}

/// A paragraph that is a Markdown table (a row of `|` cells, a `|---|` rule, then rows) as an
/// HTML table, each cell as [`inline`] writes a line; `None` for any other paragraph.
fn table(paragraph: &str) -> Option<String> {
    let rows: Vec<&str> = paragraph.lines().map(str::trim).collect();
    let is_row = |l: &&str| l.starts_with('|') && l.ends_with('|') && l.len() > 1;
    let is_rule = |l: &str| l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
    if rows.len() < 2 || !rows.iter().all(is_row) || !is_rule(rows[1]) {
        return None;
    }
    let cells = |row: &str| -> Vec<String> {
        row[1..row.len() - 1]
            .split('|')
            .map(|c| inline(c.trim()))
            .collect()
    };
    let mut out = String::from("<table class=\"page\">\n<tr>");
    for cell in cells(rows[0]) {
        let _ = write!(out, "<th>{cell}</th>");
    }
    out.push_str("</tr>\n");
    for row in &rows[2..] {
        out.push_str("<tr>");
        for cell in cells(row) {
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>");
    Some(out)
}

/// One line of a rule page: escaped, `[text](target)` as its text, `code` spans as `<code>`.
fn inline(line: &str) -> String {
    let mut text = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let link = rest[open..].split_once("](").and_then(|(label, after)| {
            let close = after.find(')')?;
            (!label[1..].contains(['[', ']'])).then(|| (&label[1..], &after[close + 1..]))
        });
        match link {
            Some((label, after)) => {
                text.push_str(&rest[..open]);
                text.push_str(label);
                rest = after;
            }
            None => {
                text.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    text.push_str(rest);
    let escaped = esc(&text);
    let pieces: Vec<&str> = escaped.split('`').collect();
    let mut out = String::with_capacity(escaped.len() + 16);
    for (i, piece) in pieces.iter().enumerate() {
        if i % 2 == 0 {
            out.push_str(piece);
        } else if i + 1 < pieces.len() {
            let _ = write!(out, "<code>{piece}</code>");
        } else {
            let _ = write!(out, "`{piece}");
        }
    }
    out
}

/// Where a finding is: `file:line:col`, or nothing for a finding without a file.
fn place(f: &Reported, content: &Content<'_>) -> String {
    match f.primary {
        Some(span) => {
            let at = locate(&content.report.sources, span);
            format!(
                "<code>{}:{}:{}</code> ",
                esc(at.file),
                at.start.line,
                at.start.column
            )
        }
        None => String::new(),
    }
}

/// One finding as a list item; `about` is what it is linked to (its team, or its rule).
fn item(out: &mut String, content: &Content<'_>, f: &Reported, about: &str) {
    let more = if f.more > 0 {
        format!(" <i>(and {} more like it)</i>", thousands(f.more))
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "<li class=\"{}\"><span class=\"lv\">{}</span> {about}{}{}{more}",
        level_class(f.level),
        f.level.severity(),
        place(f, content),
        esc(&f.message)
    );
    if let Some(help) = &f.help {
        let _ = write!(out, "<div class=\"help\">help: {}</div>", esc(help));
    }
    out.push_str("</li>\n");
}

fn by_rule(out: &mut String, content: &Content<'_>) {
    out.push_str("<section id=\"by-rule\">\n<h2>Findings by rule</h2>\n");
    if content.by_rule.is_empty() {
        out.push_str("<p>No findings.</p>\n");
    }
    for group in &content.by_rule {
        let rule = group.rule;
        let _ = writeln!(
            out,
            "<section id=\"rule-{name}\">\n<h3><code>{name}</code> · {} · {} · {}</h3>",
            group.level.severity(),
            rule.category.as_str(),
            findings(group.count),
            name = rule.name
        );
        out.push_str("<div class=\"explain\">\n");
        for p in group.what.iter().chain(&group.why) {
            out.push_str(&prose(p));
            out.push('\n');
        }
        out.push_str("</div>\n<ul class=\"findings\">\n");
        for &Item { finding, team } in &group.findings {
            let about = match team {
                Some(t) => format!("<a href=\"#team-{t}\">{}</a>: ", esc(content.teams[t].name)),
                None => String::new(),
            };
            item(out, content, finding, &about);
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</section>\n");
}

fn by_team(out: &mut String, content: &Content<'_>) {
    out.push_str("<section id=\"by-team\">\n<h2>Findings by team</h2>\n");
    if content.by_team.is_empty() {
        out.push_str("<p>No team has a finding.</p>\n");
    }
    for group in &content.by_team {
        let t = group.team;
        let _ = writeln!(
            out,
            "<section id=\"findings-team-{t}\">\n<h3><a href=\"#team-{t}\">{}</a> \
             <small>(<code>{}</code>)</small></h3>\n<ul class=\"findings\">",
            esc(content.teams[t].name),
            esc(content.teams[t].id)
        );
        for f in &group.findings {
            let about = format!("<a href=\"#rule-{0}\"><code>{0}</code></a>: ", f.rule.name);
            item(out, content, f, &about);
        }
        out.push_str("</ul>\n</section>\n");
    }
    if !content.elsewhere.is_empty() {
        out.push_str(
            "<section id=\"findings-elsewhere\">\n<h3>Not in a team's table</h3>\n<p>Findings \
             about the org, people, guilds and files.</p>\n<ul class=\"findings\">\n",
        );
        for f in &content.elsewhere {
            let about = format!("<a href=\"#rule-{0}\"><code>{0}</code></a>: ", f.rule.name);
            item(out, content, f, &about);
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</section>\n");
}
