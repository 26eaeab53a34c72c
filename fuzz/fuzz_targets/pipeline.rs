//! The whole pipeline under libFuzzer: the bytes are a workspace ([`pipeline::Input::decode`]:
//! flags, then `orglint.toml` and entity files), linted and rendered in every format, each
//! output checked for well-formedness and terminal safety, the run done twice to the same bytes.
//! A panic anywhere (orglint's or a check's) is a crash.

#![no_main]

#[path = "../../tests/support/wellformed.rs"]
mod wellformed;

#[path = "../../tests/support/pipeline.rs"]
mod pipeline;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pipeline::run(&pipeline::Input::decode(data));
});
