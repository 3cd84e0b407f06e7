//! The integration tests: one binary, one module per area (as mdBook and
//! ripgrep do), so the crate and its heavy dependencies (syntect, image,
//! hyphenation) are linked once instead of once per file.
//!
//! The tests run as threads of one process, so none of them may change the
//! process itself: no `std::env::set_var`, no `set_current_dir`. A test that
//! needs an environment variable or a working folder gives it to the command
//! it spawns (`Command::env`, `Command::current_dir`), and every test writes
//! into its own temp folder (only `fuzz_targets` writes elsewhere: it builds
//! into fuzz/target). Tests that call the library in-process leave its
//! message language alone (`messages::set_language` is process-wide).
//!
//! Run one area with `cargo test --test it serve::`, one test by its name.
//! The slow browser suite (Chromium, axe-core, Lighthouse) is the second
//! test binary, tests/browser/main.rs, which `cargo test` runs first and
//! alone, as CI does.

mod common;

mod app;
mod build;
mod check;
mod cli;
mod demo;
mod digest;
mod editor;
mod errors;
mod fuzz_targets;
mod hardening;
mod html;
mod output;
mod page_types;
mod preview_settings;
mod privacy;
mod search;
mod serve;
mod stemmer_agreement;
mod translate;
mod translations;
