//! The outcome of a run: the findings to report, with the files, the org and the counts they
//! are read with.

use crate::baseline::Baseline;
use crate::finding::{Level, Reported};
use crate::load;
use crate::model::Org;
use crate::source::Sources;
use crate::tree::Tree;

/// The outcome of a run (more may be counted later: read its fields, do not build one).
#[derive(Debug)]
#[non_exhaustive]
pub struct Report {
    /// Every file read (findings point into them).
    pub sources: Sources,
    /// The org that was checked.
    pub org: Org,
    /// Findings to report, sorted by file, line, column and rule.
    pub findings: Vec<Reported>,
    /// How many entity files were read (the whole tree, also with file arguments).
    pub files: usize,
    /// How many findings in scope suppression comments hid.
    pub suppressed: usize,
    /// How many findings in scope a baseline hid.
    pub baselined: usize,
    /// How many entries of the baseline given lie in the run's scope and match no finding: fixed
    /// since it was written (see [`crate::engine::BaselineScope`]).
    pub baseline_fixed: usize,
    /// What looks wrong with the baseline given (another org's, rules this orglint does not
    /// have), one sentence each about "it".
    pub baseline_warnings: Vec<String>,
    /// With [`crate::CheckOptions::write_baseline`]: the baseline to write (the findings in scope, and
    /// the entries of the baseline given outside it). The report is then as that baseline makes
    /// it: every finding in scope baselined.
    pub new_baseline: Option<Baseline>,
    /// How many files of the tree could not be parsed (and so kept the whole-org rules from
    /// running, which concerns the findings in scope too).
    pub broken: usize,
    /// The root and what is an entity file under it.
    pub tree: Tree,
    /// PATH arguments that were not checked, each with why: (shown path, reason).
    pub not_checked: Vec<(String, String)>,
    /// With `check --since`: the revision the tree was compared with, and how many findings it
    /// hid.
    pub since: Option<Since>,
    /// What the run read besides the sources and the org (each file's entities, suppression
    /// comments and headers): freed with the report, not at the end of the run. Freeing 100k
    /// entities' worth of small allocations took 20 ms on the main thread after every rule had
    /// run, and the command line never frees a report (it exits).
    pub(crate) _rest: load::Loaded,
}

/// With `check --since REV`: the revision the tree was compared with, and what comparing gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Since {
    /// The revision, as given.
    pub revision: String,
    /// How many findings in scope it hid: the tree at the revision had them too.
    pub existing: usize,
    /// What the comparison could not do as asked (the revision's `orglint.toml` could not be
    /// used), one sentence each.
    pub warnings: Vec<String>,
}

impl Since {
    /// A comparison with `revision`, with its `warnings`; [`Since::existing`] is counted when the
    /// findings are.
    pub fn new(revision: impl Into<String>, warnings: Vec<String>) -> Self {
        Since {
            revision: revision.into(),
            existing: 0,
            warnings,
        }
    }
}

impl Report {
    /// The temporary files that interrupted runs of orglint left in the tree, in path order:
    /// `check` names them, and `--fix` removes them ([`crate::write::remove_leftover`]).
    pub fn leftovers(&self) -> &[crate::write::Leftover] {
        &self._rest.leftovers
    }

    /// How many findings have `level`.
    pub fn count(&self, level: Level) -> usize {
        // A finding that stands for more (see `finding::cap_per_file`) counts as all of them.
        self.findings
            .iter()
            .filter(|f| f.level == level)
            .map(|f| 1 + f.more)
            .sum()
    }
}
