//! The fuzz targets in fuzz/ (see fuzz/fuzz_targets/) stay working:
//! - every seed in fuzz/corpus/*/ goes through all three entry points of
//!   `helder::fuzzing` (so a fixed crash stays fixed);
//! - the fuzz crate builds on the stable toolchain, without cargo-fuzz, and
//!   each target binary starts and runs its seed corpus once (`-runs=0`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const TARGETS: [&str; 3] = ["front_matter", "markdown", "plain_language"];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// Every file in the seed corpus of every target, sorted.
fn seeds() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for target in TARGETS {
        let dir = fuzz_dir().join("corpus").join(target);
        let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_seed_runs_through_every_entry_point() {
    let seeds = seeds();
    assert!(seeds.len() >= 3 * 3, "too few seeds: {seeds:?}");
    for path in &seeds {
        let data = fs::read(path).unwrap();
        // A panic names the seed, so a failure says which file to look at.
        let run = |name: &str, f: fn(&[u8])| {
            if std::panic::catch_unwind(|| f(&data)).is_err() {
                panic!("helder::fuzzing::{name} panicked on {}", path.display());
            }
        };
        run("front_matter", helder::fuzzing::front_matter);
        run("markdown", helder::fuzzing::markdown);
        run("plain_language", helder::fuzzing::plain_language);
    }
}

#[test]
fn fuzz_targets_build_and_accept_their_seeds() {
    let fuzz = fuzz_dir();
    // fuzz/ is a workspace of its own; its own target dir keeps this build
    // from waiting on the lock of the `cargo test` that runs this test.
    let target_dir = fuzz.join("target");
    let started = Instant::now();
    let status = Command::new(env!("CARGO"))
        .args(["build", "--locked", "--bins", "--manifest-path"])
        .arg(fuzz.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target_dir)
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .status()
        .expect("cargo runs");
    assert!(
        status.success(),
        "building fuzz/ failed ({status}); when helder's dependencies changed, \
         `cargo build --manifest-path fuzz/Cargo.toml` updates fuzz/Cargo.lock"
    );
    eprintln!("fuzz/ built in {:.0?}", started.elapsed());

    for target in TARGETS {
        let binary = target_dir
            .join("debug")
            .join(format!("{target}{}", std::env::consts::EXE_SUFFIX));
        let corpus = fuzz.join("corpus").join(target);
        let output = Command::new(&binary)
            .arg("-runs=0")
            .arg(&corpus)
            .output()
            .unwrap_or_else(|e| panic!("{}: {e}", binary.display()));
        let log = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{target} failed on its seeds ({}):\n{log}",
            output.status
        );
        // libFuzzer says how many inputs it read before it stops.
        assert!(
            log.contains("INITED") || log.contains("Done"),
            "{target} did not run its corpus:\n{log}"
        );
    }
}
