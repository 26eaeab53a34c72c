//! Baselines (SPEC §7): the findings a team has accepted for now, keyed on their fingerprints, and
//! the file `--write-baseline` writes and `--baseline` reads.
//!
//! The file is JSON, not TOML, so that a baseline kept inside the org tree is never walked as an
//! entity file. It holds no line numbers and is sorted by file, rule and fingerprint: moving
//! lines, reordering files or reformatting them leaves it byte for byte the same, and its diff in
//! a pull request shows exactly which findings were accepted or fixed.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::limits::MAX_FILE_SIZE;
use crate::load::read::{ReadError, read_text};

/// The version of the baseline file format, its `version` field.
pub const VERSION: u32 = 1;

/// One accepted finding: its fingerprint (the key), and for people to read its rule, file and
/// message as they were when it was accepted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Entry {
    /// The file, relative to the org root with `/` separators (the same from any working
    /// directory); `None` for a finding in no file (`missing-org`).
    pub file: Option<String>,
    /// The rule's name; empty for an entry made from a bare fingerprint ([`Baseline::new`]).
    pub rule: String,
    /// The finding's fingerprint: what a finding is matched by.
    #[serde(deserialize_with = "fingerprint")]
    pub fingerprint: String,
    /// The message, for people to read; never compared.
    pub message: String,
}

impl Entry {
    /// An entry for a finding of `rule` in `file` (root-relative), with its fingerprint and message.
    pub fn new(file: Option<String>, rule: &str, fingerprint: &str, message: &str) -> Self {
        Entry {
            file,
            rule: rule.to_owned(),
            fingerprint: fingerprint.to_owned(),
            message: message.to_owned(),
        }
    }
}

/// A fingerprint as the engine makes them: 16 lowercase hexadecimal digits. Checked while
/// parsing, so that the error points at the entry.
fn fingerprint<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
    if s.len() == 16 && s.chars().all(hex) {
        Ok(s)
    } else {
        Err(serde::de::Error::custom(format!(
            "fingerprint {s:?} is not 16 lowercase hexadecimal digits"
        )))
    }
}

/// The findings a baseline accepted: hidden from reports and counted as `baselined`.
///
/// An entry accepts one finding: two findings with the same fingerprint (the same mistake twice
/// in one entity) need two entries, so that a third one is reported as new.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    org: Option<String>,
    /// Sorted.
    entries: Vec<Entry>,
    /// How many entries hold each fingerprint.
    counts: HashMap<String, usize>,
}

/// The file as written: a header, then the entries.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    version: u32,
    tool: String,
    org: Option<String>,
    findings: Vec<Entry>,
}

/// What is read first, to tell another version or another kind of document from a malformed one.
#[derive(Deserialize)]
struct Header {
    version: Option<serde_json::Value>,
    diagnostics: Option<serde::de::IgnoredAny>,
}

impl Baseline {
    /// A baseline of bare fingerprints (each accepts one finding). Without a rule or file, their
    /// entries hide findings but are never counted as fixed, since the run cannot tell whether
    /// they lie in its scope.
    pub fn new(fingerprints: impl IntoIterator<Item = String>) -> Self {
        let entries = fingerprints
            .into_iter()
            .map(|fingerprint| Entry {
                file: None,
                rule: String::new(),
                fingerprint,
                message: String::new(),
            })
            .collect();
        Baseline::from_entries(None, entries)
    }

    /// A baseline of `entries` (in any order), written for the org named `org`.
    pub fn from_entries(org: Option<String>, mut entries: Vec<Entry>) -> Self {
        entries.sort();
        let mut counts = HashMap::new();
        for e in &entries {
            *counts.entry(e.fingerprint.clone()).or_insert(0) += 1;
        }
        Baseline {
            org,
            entries,
            counts,
        }
    }

    /// The name of the org it was written for, if it had one.
    pub fn org(&self) -> Option<&str> {
        self.org.as_deref()
    }

    /// Its entries, sorted by file, rule, fingerprint and message.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether it accepts findings with `fingerprint`.
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.counts.contains_key(fingerprint)
    }

    /// How many findings with `fingerprint` it accepts.
    pub fn count(&self, fingerprint: &str) -> usize {
        self.counts.get(fingerprint).copied().unwrap_or(0)
    }

    /// Reads the baseline file at `path` (`shown` is how errors name it), at most
    /// [`MAX_FILE_SIZE`] bytes. A file that cannot be read or is not a baseline is an
    /// [`Error::Baseline`] that says where.
    pub fn read(path: &Path, shown: &str) -> Result<Self, Error> {
        let text = read_text(path, MAX_FILE_SIZE, true).map_err(|e| {
            let why = match e {
                ReadError::Io(e) => e.to_string(),
                other => other.message(MAX_FILE_SIZE),
            };
            Error::Baseline(format!("cannot read the baseline `{shown}`: {why}"))
        })?;
        Baseline::parse(&text, shown)
    }

    /// Parses the text of a baseline file (`shown` is how errors name it).
    pub fn parse(text: &str, shown: &str) -> Result<Self, Error> {
        let at = |e: serde_json::Error| {
            // serde_json's message ends with its own " at line L column C"; say it as
            // `file:L:C: message`, as every other place orglint points at.
            let message = e.to_string();
            let message = match message.rfind(" at line ") {
                Some(i) if e.line() > 0 => message[..i].to_owned(),
                _ => message,
            };
            // serde_json counts the end of the text as column 0.
            Error::Baseline(format!(
                "{shown}:{}:{}: {message}; `{shown}` is not a baseline orglint can read",
                e.line().max(1),
                e.column().max(1)
            ))
        };
        let header: Header = serde_json::from_str(text).map_err(at)?;
        if header.diagnostics.is_some() {
            return Err(Error::Baseline(format!(
                "`{shown}` is an orglint report (`--format json`), not a baseline; write one with \
                 `--write-baseline {shown}`"
            )));
        }
        match header.version {
            Some(serde_json::Value::Number(n)) if n.as_u64() == Some(u64::from(VERSION)) => {}
            Some(v) => {
                return Err(Error::Baseline(format!(
                    "`{shown}` is a baseline of format version {v}; this orglint reads version \
                     {VERSION}"
                )));
            }
            None => {
                return Err(Error::Baseline(format!(
                    "`{shown}` has no `version`; it is not a baseline orglint wrote"
                )));
            }
        }
        let doc: Document = serde_json::from_str(text).map_err(at)?;
        if doc.tool != "orglint" {
            return Err(Error::Baseline(format!(
                "`{shown}` was written by `{}`, not by orglint",
                doc.tool
            )));
        }
        Ok(Baseline::from_entries(doc.org, doc.findings))
    }

    /// The text of its file: pretty JSON, entries sorted, ending in a newline. The same entries
    /// give the same bytes.
    pub fn to_json(&self) -> String {
        let doc = Document {
            version: VERSION,
            tool: "orglint".to_owned(),
            org: self.org.clone(),
            findings: self.entries.clone(),
        };
        crate::json::document(&doc)
    }
}

impl FromIterator<String> for Baseline {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        Baseline::new(iter)
    }
}
