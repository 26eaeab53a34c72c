//! Why a run could not produce a report: the one error type of the library.

use crate::config::{self, ConfigError, ConfigProblem};

/// Why a run could not produce a report. Its [`Display`](std::fmt::Display) is the one line
/// `orglint` prints after `error: `; more kinds may come, so match with a `_` arm.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A bad argument (exit code 2).
    Usage(String),
    /// A PATH or `orglint.toml` that cannot be read (exit code 2).
    Io(String),
    /// Mistakes in `orglint.toml` (exit code 2).
    Config(Vec<ConfigProblem>),
    /// A baseline file that cannot be read or is not a baseline; the message says where (exit
    /// code 2).
    Baseline(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Usage(m) | Error::Io(m) | Error::Baseline(m) => f.write_str(m),
            // The summary under the drawn mistakes (see `render::render_config_problem`).
            Error::Config(problems) => f.write_str(&config::verdict(problems)),
        }
    }
}

impl std::error::Error for Error {}

impl From<ConfigError> for Error {
    fn from(e: ConfigError) -> Self {
        match e {
            ConfigError::Io(m) => Error::Io(m),
            ConfigError::Invalid(p) => Error::Config(p),
        }
    }
}
