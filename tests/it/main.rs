//! The integration tests, in one binary as cargo's own test suite is: the command line end to
//! end, the library's API, every output format, the rules and their fixtures, baselines, fixes,
//! hostile trees and the pre-commit and CI recipes. One binary links once: a change to orglint
//! is tested without relinking forty. Each module is named by the behaviour it checks; the
//! helpers they share are `tests/support/`. (`tests/parse_cost.rs` is a binary of its own: it
//! counts allocations with a global allocator, which other tests running beside it would
//! disturb.)

#[path = "../support/mod.rs"]
mod support;
#[path = "../../benches/support/synth.rs"]
mod synth;

mod adversarial;
mod api;
mod arguments;
mod attribution;
mod baseline;
mod browser;
mod chunked_parse;
mod cli;
mod config;
mod engine;
mod example;
mod fix;
mod fuzz_regressions;
mod gate;
mod github;
mod graph;
mod guard;
mod hostile;
mod init;
mod junit;
mod layers;
mod markdown;
mod messages;
mod model;
mod precommit;
mod properties;
mod real_org;
mod recipes;
mod render;
mod render_interface;
mod report;
mod report_markdown;
mod rules;
mod sarif;
mod scale;
mod schema;
mod security;
mod since;
mod texts;
mod threads;
mod walk;
