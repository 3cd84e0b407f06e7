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
    // fuzz/ is a workspace of its own, built here in helder's target folder
    // (the parent of CARGO_TARGET_TMPDIR): with the same profile and
    // dependency features it reuses what `cargo test` just compiled, and
    // `cargo test` does not hold that folder's lock while tests run.
    let target_dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp is in the target folder")
        .to_path_buf();
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

/// The fuzz crate's dev profile is helder's: otherwise the build above
/// compiles every dependency a second time (minutes on two cores).
#[test]
fn the_fuzz_crate_builds_with_helders_dev_profile() {
    let profile_of = |manifest: &Path| -> toml::Value {
        let text = fs::read_to_string(manifest).unwrap();
        let value: toml::Value = toml::from_str(&text).unwrap();
        value
            .get("profile")
            .cloned()
            .unwrap_or(toml::Value::Table(Default::default()))
    };
    let helder = profile_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
    let fuzz = profile_of(&fuzz_dir().join("Cargo.toml"));
    assert_eq!(
        fuzz.get("dev"),
        helder.get("dev"),
        "copy helder's [profile.dev] sections into fuzz/Cargo.toml"
    );
}
