//! `orglint.toml`: rule levels and options, extra roles, excluded files and suppression policy, validated with spans.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::finding::Level;

use crate::suggest::{closest, did_you_mean, suggestion};

use crate::limits::{MAX_FILE_SIZE, MAX_GLOB_LEN, MAX_GLOBS, MAX_SHOWN};
use crate::load::read::{self, ReadError};
use crate::roles::{Category, Roles};
use crate::rules::{self, OptionKind, OptionValue, Options, Rule};
use crate::source::SourceFile;
use crate::text::{join_choices, noun, shown, shown_code, thousands};

/// The configuration file's name.
pub const FILE_NAME: &str = "orglint.toml";

/// A validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from, if any.
    pub(crate) path: Option<PathBuf>,
    /// `[files].exclude`, relative to the root.
    pub(crate) exclude: GlobSet,
    /// `[files].allow_empty`: a run that finds no entity file to check is not an error.
    pub(crate) allow_empty: bool,
    /// `[rules]` levels.
    pub(crate) levels: HashMap<&'static str, Level>,
    /// `[rules]` options.
    pub(crate) options: HashMap<&'static str, Options>,
    /// Role categories, with `[roles]` added.
    pub(crate) roles: Roles,
    /// `[suppressions].require_reason`.
    pub(crate) require_reason: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            exclude: GlobSet::empty(),
            allow_empty: false,
            levels: HashMap::new(),
            options: HashMap::new(),
            roles: Roles::default(),
            require_reason: false,
        }
    }
}

impl Config {
    /// Validates `text`, an `orglint.toml` a caller holds (an editor's buffer, a git revision),
    /// shown as `display` and known by `path` (which the walk then leaves out): what loading the file does
    /// after reading the file.
    pub fn parse(text: &str, display: &str, path: &Path) -> Result<Config, ConfigError> {
        parse(text, display, path)
    }

    /// The level of `rule`.
    pub fn level(&self, rule: &Rule) -> Level {
        self.levels
            .get(rule.name)
            .copied()
            .unwrap_or(rule.default_level)
    }

    /// The configured options of `rule` (defaults are filled in by the rule context).
    pub(crate) fn options(&self, rule: &Rule) -> Options {
        self.options.get(rule.name).cloned().unwrap_or_default()
    }
}

/// One mistake in `orglint.toml`, at a place in it. It is drawn as findings are (see
/// [`crate::render::render_config_problem`]): from an escaped, cut view of its lines, or with
/// the place in words when they are too long to draw.
#[derive(Debug)]
pub struct ConfigProblem {
    message: String,
    file: Arc<SourceFile>,
    span: std::ops::Range<usize>,
    label: &'static str,
    help: Option<String>,
    /// How many mistakes after this one are not shown (see [`MAX_SHOWN`]).
    more: usize,
}

impl ConfigProblem {
    /// How many mistakes after this one are not shown.
    pub fn more(&self) -> usize {
        self.more
    }

    /// The configuration file, with its text and line index.
    pub fn source(&self) -> &SourceFile {
        &self.file
    }

    /// Where in [`Self::source`] the mistake is.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.span.clone()
    }

    /// What the label under the place says.
    pub fn label(&self) -> &str {
        self.label
    }

    /// How to fix it, if there is more to say than the message.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }
}

/// How many mistakes `problems` stand for, shown or not.
pub fn total(problems: &[ConfigProblem]) -> usize {
    problems.len() + problems.iter().map(ConfigProblem::more).sum::<usize>()
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigProblem {}

/// Reads and validates `path`. `root` is the org root when the file was found there rather than
/// named with `--config`: it must then lie inside the tree, as entity files must. Either way it is
/// read only if it is a regular file, and only up to the size limit of entity files.
pub(crate) fn load(path: &Path, display: &str, root: Option<&Path>) -> Result<Config, ConfigError> {
    let cannot = |why: String| ConfigError::Io(format!("cannot read {display}: {why}"));
    let text = match root {
        // Opened below the root's handle, as entity files are: never through a link that
        // appears on the way after the check.
        Some(root) => {
            let rel = crate::paths::path_in_tree(root, path).map_err(cannot)?;
            crate::beneath::Dir::open(root)
                .map_err(read::ReadError::Io)
                .and_then(|dir| read::read_text_below(&dir, &rel, MAX_FILE_SIZE))
        }
        None => read::read_text(path, MAX_FILE_SIZE, true),
    };
    let text = text.map_err(|e| match e {
        ReadError::Io(e) => cannot(e.to_string()),
        other => cannot(other.message(MAX_FILE_SIZE)),
    })?;
    parse(&text, display, path)
}

/// Why the configuration cannot be used. [`crate::Error`] wraps it: `?` turns one into the other.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    Io(String),
    /// It has mistakes; each points into it. At most [`MAX_SHOWN`]; the last says how many more.
    Invalid(Vec<ConfigProblem>),
}

/// The line that closes a configuration's mistakes: "orglint.toml has 2 mistakes; nothing was
/// checked" (what `orglint` prints after `error: `).
pub fn verdict(problems: &[ConfigProblem]) -> String {
    let file = problems.first().map_or("", |p| p.source().display.as_str());
    let total = total(problems);
    format!(
        "{file} has {} {}; nothing was checked",
        thousands(total),
        noun(total, "mistake")
    )
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Io(m) => f.write_str(m),
            ConfigError::Invalid(problems) => f.write_str(&verdict(problems)),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A mistake found, not yet made into a [`ConfigProblem`] (only the first few are).
struct Pending {
    span: std::ops::Range<usize>,
    message: String,
    label: &'static str,
    help: Option<String>,
}

struct Checker<'a> {
    text: &'a str,
    problems: Vec<Pending>,
}

impl Checker<'_> {
    fn problem(
        &mut self,
        span: std::ops::Range<usize>,
        message: String,
        label: &'static str,
        help: Option<String>,
    ) {
        let span = if span.is_empty() && span.start < self.text.len() {
            span.start..span.start + 1
        } else {
            span
        };
        self.problems.push(Pending {
            span,
            message,
            label,
            help,
        });
    }

    /// The first [`MAX_SHOWN`] problems in file order, the last saying how many more there are.
    fn finish(mut self, file: SourceFile) -> Vec<ConfigProblem> {
        self.problems.sort_by_key(|p| p.span.start);
        let more = self.problems.len().saturating_sub(MAX_SHOWN);
        self.problems.truncate(MAX_SHOWN);
        let file = Arc::new(file);
        let shown = self.problems.len();
        self.problems
            .into_iter()
            .enumerate()
            .map(|(i, p)| ConfigProblem {
                message: p.message,
                file: file.clone(),
                span: p.span,
                label: p.label,
                help: p.help,
                more: if i + 1 == shown { more } else { 0 },
            })
            .collect()
    }

    /// Reports `key` as unknown: "unknown {what} `key`{whose}".
    fn unknown(
        &mut self,
        key: &Spanned<toml::de::DeString<'_>>,
        what: &str,
        whose: &str,
        valid: &[&str],
    ) {
        let name = key.get_ref().as_ref();
        // Forty rule names would fill the screen for every unknown rule.
        let help = match closest(name, valid.iter().copied()) {
            None if what == "rule" => "`orglint rules` lists every rule".to_owned(),
            near => suggestion(near, valid),
        };
        self.problem(
            key.span(),
            format!("unknown {what} {}{whose}", shown_code(name)),
            "unknown",
            Some(help),
        );
    }

    fn table<'v, 'i>(
        &mut self,
        v: &'v Spanned<DeValue<'i>>,
        what: &str,
    ) -> Option<&'v DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.problem(
                    v.span(),
                    format!("{what} must be a table"),
                    "not a table",
                    None,
                );
                None
            }
        }
    }

    fn boolean(&mut self, v: &Spanned<DeValue<'_>>, what: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.problem(
                    v.span(),
                    format!("{what} must be `true` or `false`"),
                    "not a boolean",
                    None,
                );
                None
            }
        }
    }

    fn strings(
        &mut self,
        v: &Spanned<DeValue<'_>>,
        what: &str,
    ) -> Option<Vec<(String, std::ops::Range<usize>)>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.problem(
                v.span(),
                format!("{what} must be an array of strings"),
                "not an array",
                None,
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => out.push((s.to_string(), item.span())),
                _ => self.problem(
                    item.span(),
                    format!("{what} must be an array of strings"),
                    "not a string",
                    None,
                ),
            }
        }
        Some(out)
    }
}

/// Validates the text of a configuration file shown as `display`.
pub(crate) fn parse(text: &str, display: &str, path: &Path) -> Result<Config, ConfigError> {
    let mut ck = Checker {
        text,
        problems: Vec::new(),
    };
    let source = || SourceFile::new(path.to_path_buf(), display.to_owned(), text.to_owned());
    let mut config = Config {
        path: Some(path.to_path_buf()),
        ..Config::default()
    };
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(err) => {
            ck.problem(
                crate::load::parse::error_place(&err, text),
                format!("{display} is not valid TOML: {}", err.message().trim_end()),
                "here",
                None,
            );
            return Err(ConfigError::Invalid(ck.finish(source())));
        }
    };
    const SECTIONS: &[&str] = &["files", "rules", "roles", "suppressions"];
    for (key, value) in doc.get_ref().iter() {
        match key.get_ref().as_ref() {
            "files" => files(&mut ck, value, &mut config),
            "rules" => rules_section(&mut ck, value, &mut config),
            "roles" => roles(&mut ck, value, &mut config),
            "suppressions" => suppressions(&mut ck, value, &mut config),
            _ => ck.unknown(key, "section", "", SECTIONS),
        }
    }
    if ck.problems.is_empty() {
        Ok(config)
    } else {
        Err(ConfigError::Invalid(ck.finish(source())))
    }
}

fn files(ck: &mut Checker<'_>, value: &Spanned<DeValue<'_>>, config: &mut Config) {
    let Some(table) = ck.table(value, "`[files]`") else {
        return;
    };
    let mut builder = GlobSetBuilder::new();
    let mut usable = true;
    for (key, v) in table.iter() {
        match key.get_ref().as_ref() {
            "exclude" => {}
            "allow_empty" => {
                if let Some(allow) = ck.boolean(v, "`allow_empty`") {
                    config.allow_empty = allow;
                }
                continue;
            }
            _ => {
                ck.unknown(key, "key", " in `[files]`", &["exclude", "allow_empty"]);
                continue;
            }
        }
        let patterns = ck.strings(v, "`exclude`").unwrap_or_default();
        if let Some((_, span)) = patterns.get(MAX_GLOBS) {
            ck.problem(
                span.clone(),
                format!(
                    "`exclude` has {} globs; at most {} are allowed",
                    thousands(patterns.len()),
                    thousands(MAX_GLOBS)
                ),
                "past the limit",
                Some("exclude a directory (`archive/**`) rather than each file in it".into()),
            );
            usable = false;
        }
        for (pattern, span) in patterns.into_iter().take(MAX_GLOBS) {
            let chars = pattern.chars().count();
            if chars > MAX_GLOB_LEN {
                ck.problem(
                    span,
                    format!(
                        "this glob has {} characters; at most {} are allowed",
                        thousands(chars),
                        thousands(MAX_GLOB_LEN)
                    ),
                    "too long",
                    None,
                );
                usable = false;
                continue;
            }
            match Glob::new(&pattern) {
                Ok(glob) => {
                    builder.add(glob);
                }
                Err(e) => ck.problem(
                    span,
                    format!("{} is not a valid glob", shown_code(&pattern)),
                    "invalid glob",
                    Some(shown(&e.kind().to_string()).to_string()),
                ),
            }
        }
    }
    if !usable {
        return;
    }
    match builder.build() {
        Ok(set) => config.exclude = set,
        Err(e) => ck.problem(
            value.span(),
            format!("cannot use `exclude`: {}", shown(&e.to_string())),
            "here",
            None,
        ),
    }
}

fn rules_section(ck: &mut Checker<'_>, value: &Spanned<DeValue<'_>>, config: &mut Config) {
    let Some(table) = ck.table(value, "`[rules]`") else {
        return;
    };
    let names: Vec<&str> = rules::RULES.iter().map(|r| r.name).collect();
    for (key, v) in table.iter() {
        let Some(rule) = rules::find(key.get_ref()) else {
            ck.unknown(key, "rule", "", &names);
            continue;
        };
        if !rule.configurable {
            ck.problem(
                key.span(),
                format!("`{}` cannot be configured", rule.name),
                "always an error",
                None,
            );
            continue;
        }
        match v.get_ref() {
            DeValue::String(s) => {
                if let Some(level) = level(ck, s, v.span()) {
                    config.levels.insert(rule.name, level);
                }
            }
            DeValue::Table(t) => {
                let mut opts = Options::new();
                for (okey, ov) in t.iter() {
                    let oname = okey.get_ref().as_ref();
                    if oname == "level" {
                        match ov.get_ref() {
                            DeValue::String(s) => {
                                if let Some(level) = level(ck, s, ov.span()) {
                                    config.levels.insert(rule.name, level);
                                }
                            }
                            _ => ck.problem(
                                ov.span(),
                                "`level` must be a string".into(),
                                "not a string",
                                Some(format!("one of {}", join_choices(Level::NAMES))),
                            ),
                        }
                        continue;
                    }
                    let Some(spec) = rule.options.iter().find(|o| o.name == oname) else {
                        let mut valid: Vec<&str> = rule.options.iter().map(|o| o.name).collect();
                        valid.push("level");
                        ck.unknown(okey, "option", &format!(" of `{}`", rule.name), &valid);
                        continue;
                    };
                    if let Some(value) = option_value(ck, spec.kind, spec.name, ov) {
                        opts.insert(spec.name, value);
                    }
                }
                if let Some((min, max)) = min_max(rule, &opts)
                    && min > max
                {
                    ck.problem(
                        v.span(),
                        format!(
                            "`min` ({min}) is larger than `max` ({max}) for `{}`",
                            rule.name
                        ),
                        "no size can satisfy both",
                        Some("make `min` at most `max`".to_owned()),
                    );
                }
                config.options.insert(rule.name, opts);
            }
            _ => ck.problem(
                v.span(),
                format!("`{}` must be a level or a table of options", rule.name),
                "neither",
                Some(format!(
                    "write `{} = \"warn\"` or `{} = {{ level = \"warn\" }}`",
                    rule.name, rule.name
                )),
            ),
        }
    }
}

/// The effective `min` and `max` of a rule that has both options.
fn min_max(rule: &Rule, opts: &Options) -> Option<(i64, i64)> {
    let get = |name: &str| {
        let spec = rule.options.iter().find(|o| o.name == name)?;
        match spec.value_in(opts) {
            OptionValue::Int(n) => Some(n),
            _ => None,
        }
    };
    Some((get("min")?, get("max")?))
}

fn level(ck: &mut Checker<'_>, s: &str, span: std::ops::Range<usize>) -> Option<Level> {
    let parsed = Level::parse(s);
    if parsed.is_none() {
        let help = did_you_mean(s, Level::NAMES);
        ck.problem(
            span,
            format!("unknown level {}", shown_code(s)),
            "unknown level",
            Some(help),
        );
    }
    parsed
}

fn option_value(
    ck: &mut Checker<'_>,
    kind: OptionKind,
    name: &str,
    v: &Spanned<DeValue<'_>>,
) -> Option<OptionValue> {
    match kind {
        OptionKind::Int { min, .. } => match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if n >= min => Some(OptionValue::Int(n)),
                _ => {
                    ck.problem(
                        v.span(),
                        format!("`{name}` must be a whole number of at least {min}"),
                        "out of range",
                        None,
                    );
                    None
                }
            },
            _ => {
                ck.problem(
                    v.span(),
                    format!("`{name}` must be a whole number"),
                    "not a number",
                    None,
                );
                None
            }
        },
        OptionKind::Choice { choices, .. } => match v.get_ref() {
            DeValue::String(s) if choices.contains(&s.as_ref()) => {
                Some(OptionValue::Str(s.to_string()))
            }
            DeValue::String(s) => {
                let help = did_you_mean(s, choices);
                ck.problem(
                    v.span(),
                    format!("{} is not a valid `{name}`", shown_code(s)),
                    "invalid value",
                    Some(help),
                );
                None
            }
            _ => {
                ck.problem(
                    v.span(),
                    format!("`{name}` must be one of {}", join_choices(choices)),
                    "not a string",
                    None,
                );
                None
            }
        },
        OptionKind::List { choices, .. } => {
            let items = ck.strings(v, &format!("`{name}`"))?;
            let mut ok = true;
            for (s, span) in &items {
                if !choices.is_empty() && !choices.contains(&s.as_str()) {
                    ok = false;
                    let help = did_you_mean(s, choices);
                    ck.problem(
                        span.clone(),
                        format!("{} is not a valid `{name}` entry", shown_code(s)),
                        "invalid value",
                        Some(help),
                    );
                }
            }
            ok.then(|| OptionValue::List(items.into_iter().map(|(s, _)| s).collect()))
        }
    }
}

fn roles(ck: &mut Checker<'_>, value: &Spanned<DeValue<'_>>, config: &mut Config) {
    let Some(table) = ck.table(value, "`[roles]`") else {
        return;
    };
    let names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    for (key, v) in table.iter() {
        let Some(category) = Category::parse(key.get_ref()) else {
            ck.unknown(key, "role category", "", &names);
            continue;
        };
        for (role, _) in ck
            .strings(v, &format!("`roles.{}`", category.as_str()))
            .unwrap_or_default()
        {
            config.roles.add(category, &role);
        }
    }
}

fn suppressions(ck: &mut Checker<'_>, value: &Spanned<DeValue<'_>>, config: &mut Config) {
    let Some(table) = ck.table(value, "`[suppressions]`") else {
        return;
    };
    for (key, v) in table.iter() {
        if key.get_ref() != "require_reason" {
            ck.unknown(key, "key", " in `[suppressions]`", &["require_reason"]);
            continue;
        }
        if let Some(require) = ck.boolean(v, "`require_reason`") {
            config.require_reason = require;
        }
    }
}
