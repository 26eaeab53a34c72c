//! Load and rules under libFuzzer, fast: the same input as `pipeline`
//! ([`pipeline::Input::decode`]), linted once and rendered only as JSON, short and SARIF, the
//! JSON parsed back and every output checked for terminal safety
//! ([`pipeline::check_fast`]). Built without a sanitizer and optimised, it runs many times as
//! many inputs a second as `pipeline`, so that coverage guidance can reach into the loader and
//! the rules; `pipeline` then replays its corpus through every output's checks (README.md).

#![no_main]

#[path = "../../tests/support/wellformed.rs"]
mod wellformed;

#[path = "../../tests/support/pipeline.rs"]
mod pipeline;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pipeline::check_fast(&pipeline::Input::decode(data));
});
