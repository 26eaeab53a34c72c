//! `--format sarif`: a SARIF 2.1.0 log of one run, as the OASIS schema and GitHub code scanning
//! take it: every rule with its help from its page, results with relative URIs, full regions,
//! partial fingerprints and related locations.
//!
//! Columns are the JSON format's (Unicode scalar values, from `locate.rs`), so the run says
//! `columnKind: "unicodeCodePoints"` rather than SARIF's default of UTF-16 code units. URIs are
//! relative to the working directory, named by the base id `%SRCROOT%`, which the log leaves
//! undefined (no absolute path of the machine in the report): GitHub resolves it to the checkout.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Component, Path};

use serde::Serialize;

use super::escape::documents::{sarif_message, uri_segment};
use super::locate::locate;
use super::{Format, Render};
use crate::finding::{Level, Reported, page_section};
use crate::paths::normalize;
use crate::rules::{RULES, Rule};
use crate::source::{Position, SourceFile};
use crate::{Report, config};

/// `--format sarif`. With `--statistics` it prints the JSON statistics: a SARIF log without its
/// results would read, once uploaded, as an org whose every finding was fixed.
pub(super) static FORMAT: Format = Format {
    name: "sarif",
    dialect: super::Dialect::Json,
    doc: "SARIF 2.1.0, for GitHub code scanning",
    render: Render::Plain(sarif),
    statistics: super::statistics_json,
};

/// The schema the log names: the OASIS one, errata 01, which it validates against.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base id of every relative URI: the working directory orglint ran in.
const SRCROOT: &str = "%SRCROOT%";

/// The key of the fingerprint in `partialFingerprints`, versioned so that a change in how
/// fingerprints are made can take a new key instead of matching old alerts wrongly.
const FINGERPRINT_KEY: &str = "orglint/v1";

/// GitHub code scanning rejects a run of more results than this. The cap per file and rule
/// (`limits::MAX_PER_FILE`) keeps most orgs far below it, but not one of thousands of files.
const MAX_RESULTS: usize = 25_000;

/// Related locations listed per result: GitHub shows 100 and rejects more than 1,000 locations.
const MAX_RELATED: usize = 100;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    properties: RunProperties,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

/// A rule, as `tool.driver.rules` describes it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: String,
    short_description: Text<'static>,
    full_description: Text<'static>,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
    /// `false` for a rule that is off unless configured (SARIF's default is `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

#[derive(Serialize)]
struct RuleProperties {
    category: &'static str,
    tags: [&'static str; 1],
}

#[derive(Serialize)]
struct Text<'a> {
    text: Cow<'a, str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text<'static>,
}

/// The counts of the JSON format's `summary`, and how many findings the run leaves out.
#[derive(Serialize)]
struct RunProperties {
    #[serde(flatten)]
    summary: super::json::Summary,
    #[serde(skip_serializing_if = "is_zero")]
    not_in_run: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    /// Related places not listed (the finding's own count, and those past [`MAX_RELATED`]).
    related_not_shown: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Renders the report as a SARIF log.
pub(crate) fn sarif(report: &Report) -> String {
    let kept = kept(
        &report.findings.iter().map(|f| f.level).collect::<Vec<_>>(),
        MAX_RESULTS,
    );
    let results: Vec<SarifResult> = report
        .findings
        .iter()
        .zip(&kept)
        .filter(|(_, keep)| **keep)
        .map(|(f, _)| result(report, f))
        .collect();
    let left_out: usize = report
        .findings
        .iter()
        .zip(&kept)
        .filter(|(_, keep)| !**keep)
        .map(|(f, _)| 1 + f.more)
        .sum();
    let notifications = if left_out == 0 {
        Vec::new()
    } else {
        vec![Notification {
            level: "warning",
            message: Text {
                text: format!(
                    "{left_out} findings are not in this run: GitHub code scanning takes at most \
                     {MAX_RESULTS} results, so the least severe were left out; \
                     `--format json` lists them all"
                )
                .into(),
            },
        }]
    };
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "orglint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: RULES.iter().map(|r| descriptor(r)).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            results,
            properties: RunProperties {
                summary: super::json::Summary::of(report),
                not_in_run: left_out,
            },
        }],
    };
    crate::json::document(&log)
}

/// Which of the findings (of these levels, in report order) a run of at most `limit` results
/// keeps: every one when they fit, else the most severe, and of the level that does not fit
/// whole, the first in report order, so that the results stay sorted and the same run to run.
fn kept(levels: &[Level], limit: usize) -> Vec<bool> {
    if levels.len() <= limit {
        return vec![true; levels.len()];
    }
    let mut room = limit;
    let mut quota: BTreeMap<Level, usize> = BTreeMap::new();
    for level in [Level::Error, Level::Warn, Level::Info, Level::Off] {
        let n = levels.iter().filter(|l| **l == level).count();
        quota.insert(level, n.min(room));
        room -= n.min(room);
    }
    levels
        .iter()
        .map(|l| {
            let left = quota.get_mut(l).expect("every level has a quota");
            let keep = *left > 0;
            *left = left.saturating_sub(1);
            keep
        })
        .collect()
}

/// SARIF's name for a level.
fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "note",
        Level::Off => "none",
    }
}

/// The rule as `tool.driver.rules` lists it: its summary, its page's *What it does*, the page's prose as plain text and the whole page as Markdown.
fn descriptor(rule: &'static Rule) -> Descriptor {
    let what = page_section(rule.page, "What it does");
    let why = page_section(rule.page, "Why is this bad?");
    let full = what.join("\n\n");
    let mut help = what;
    help.extend(why);
    help.push(format!(
        "`orglint explain {}` shows the whole page, with an example and its fix.",
        rule.name
    ));
    Descriptor {
        id: rule.name,
        name: pascal_case(rule.name),
        short_description: Text {
            text: rule.summary.into(),
        },
        full_description: Text { text: full.into() },
        help: Help {
            text: help.join("\n\n"),
            markdown: rule.page,
        },
        default_configuration: Configuration {
            level: level(rule.default_level),
            enabled: (rule.default_level == Level::Off).then_some(false),
        },
        properties: RuleProperties {
            category: rule.category.as_str(),
            tags: [rule.category.as_str()],
        },
    }
}

/// `lone-ml-hire` as `LoneMlHire`: each word of the id capitalised, as SARIF's rule names are.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// One finding as a result.
fn result<'a>(report: &'a Report, f: &'a Reported) -> SarifResult<'a> {
    let message = match &f.help {
        Some(help) => format!("{}\n\n{}", sarif_message(&f.message), sarif_message(help)).into(),
        None => sarif_message(&f.message),
    };
    let primary = match f.primary {
        Some(span) => {
            let at = locate(&report.sources, span);
            physical(report.sources.get(span.file), at.start, at.end)
        }
        None => unlocated(report),
    };
    let shown = f.related.len().min(MAX_RELATED);
    let not_shown = f.related_more + (f.related.len() - shown);
    SarifResult {
        rule_id: f.rule.name,
        rule_index: crate::rules::index_of(f.rule),
        level: level(f.level),
        message: Text { text: message },
        locations: [Location {
            id: None,
            physical_location: primary,
            message: f.label.as_deref().map(|l| Text {
                text: sarif_message(l),
            }),
        }],
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, f.fingerprint.as_str())]),
        related_locations: f.related[..shown]
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let at = locate(&report.sources, r.span);
                Location {
                    id: Some(i),
                    physical_location: physical(report.sources.get(r.span.file), at.start, at.end),
                    message: Some(Text {
                        text: sarif_message(&r.message),
                    }),
                }
            })
            .collect(),
        properties: (not_shown > 0).then_some(ResultProperties {
            related_not_shown: not_shown,
        }),
    }
}

/// A place in `file` from `start` to `end` (exclusive, as SARIF's `endColumn` is).
fn physical(file: &SourceFile, start: Position, end: Position) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: artifact(file),
        region: Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
        },
    }
}

/// How many path segments `file`'s display path has when it is relative to the working
/// directory; `None` when it is not (the file lies outside it).
fn depth(file: &SourceFile) -> Option<usize> {
    (!file.display.starts_with('/')).then(|| file.display.split('/').count())
}

/// Where `file` is: its display path as a relative URI reference on `%SRCROOT%`, or an
/// absolute `file:` URI when it lies outside the working directory.
fn artifact(file: &SourceFile) -> ArtifactLocation {
    uri_of(&file.path, depth(file)).unwrap_or_else(|| ArtifactLocation {
        // A path that does not end in what is shown (never for files orglint read itself).
        uri: Some(
            file.display
                .split('/')
                .map(|s| uri_segment(s.as_bytes()))
                .collect::<Vec<_>>()
                .join("/"),
        ),
        uri_base_id: Some(SRCROOT),
    })
}

/// The URI of `path`: its last `depth` components (its bytes, not the display path's escapes
/// of bytes that are not UTF-8) relative to `%SRCROOT%`, or with `None` all of them as a
/// `file:` URI; `None` when it has fewer components than that.
fn uri_of(path: &Path, depth: Option<usize>) -> Option<ArtifactLocation> {
    let path = normalize(path);
    let names: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(uri_segment(name.as_encoded_bytes())),
            _ => None,
        })
        .collect();
    match depth {
        Some(depth) => {
            let from = names.len().checked_sub(depth)?;
            Some(ArtifactLocation {
                uri: Some(names[from..].join("/")),
                uri_base_id: Some(SRCROOT),
            })
        }
        None => path.is_absolute().then(|| ArtifactLocation {
            uri: Some(format!("file:///{}", names.join("/"))),
            uri_base_id: None,
        }),
    }
}

/// Where a finding with no place (`missing-org`) is put, since GitHub takes no result without
/// a file and a line: line 1 of the root's `orglint.toml` when the run uses it (where the
/// org's settings are), else of the first entity file in path order; in an empty tree with
/// neither, the working directory itself (`%SRCROOT%` with no `uri`).
fn unlocated(report: &Report) -> PhysicalLocation {
    let root = normalize(&report.tree.root);
    let config = report
        .tree
        .config
        .as_deref()
        .filter(|c| normalize(c) == root.join(config::FILE_NAME));
    let first = report
        .sources
        .iter()
        .min_by(|a, b| a.display.cmp(&b.display));
    // A file under the root tells how deep the root is shown; its `orglint.toml` is one below.
    let config_uri = config.zip(first).and_then(|(config, file)| {
        let below = normalize(&file.path)
            .strip_prefix(&root)
            .ok()?
            .components()
            .count();
        let depth = match depth(file) {
            Some(depth) => Some(depth.checked_sub(below)? + 1),
            None => None,
        };
        uri_of(config, depth)
    });
    let artifact_location = match (config_uri, first) {
        (Some(uri), _) => uri,
        (None, Some(file)) => artifact(file),
        (None, None) => ArtifactLocation {
            uri: None,
            uri_base_id: Some(SRCROOT),
        },
    };
    PhysicalLocation {
        artifact_location,
        region: Region {
            start_line: 1,
            start_column: 1,
            end_line: 1,
            end_column: 1,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_over_the_limit_keeps_the_most_severe_in_report_order() {
        use Level::{Error as E, Info as I, Warn as W};
        let levels = [I, W, E, W, I, E, W];
        assert_eq!(kept(&levels, 7), [true; 7]);
        assert_eq!(
            kept(&levels, 3),
            [false, true, true, false, false, true, false]
        );
        assert_eq!(
            kept(&levels, 2),
            [false, false, true, false, false, true, false]
        );
        assert_eq!(
            kept(&levels, 6),
            [true, true, true, true, false, true, true]
        );
        assert_eq!(kept(&levels, 0), [false; 7]);
    }

    #[test]
    fn rule_names_are_the_ids_in_pascal_case() {
        assert_eq!(pascal_case("lone-ml-hire"), "LoneMlHire");
        assert_eq!(pascal_case("invalid-toml"), "InvalidToml");
    }

    #[test]
    fn a_path_outside_the_working_directory_is_a_file_uri() {
        let at = uri_of(Path::new("/srv/org chart/people/zoë.toml"), None).unwrap();
        assert_eq!(
            at.uri.as_deref(),
            Some("file:///srv/org%20chart/people/zo%C3%AB.toml")
        );
        assert_eq!(at.uri_base_id, None);
        let at = uri_of(Path::new("/srv/org/people/a#1?.toml"), Some(2)).unwrap();
        assert_eq!(at.uri.as_deref(), Some("people/a%231%3F.toml"));
        assert_eq!(at.uri_base_id, Some(SRCROOT));
        assert!(uri_of(Path::new("/a.toml"), Some(2)).is_none());
    }
}
