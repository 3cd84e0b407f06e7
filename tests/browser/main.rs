//! Browser checks of built sites: the demo school (the repository root) and
//! the Flemish fixture are built, then tests/browser/check-site.mjs opens
//! every page in Debian's Chromium and checks accessibility (axe-core, WCAG
//! 2.2 AA, also in dark mode), page weight, reflow, keyboard use, the
//! language switch, the search page, the compact phone header, the class
//! tiles on the first screen, drawn caps, right-to-left isolation,
//! presentation mode and Lighthouse scores. See that file for what each
//! check does. The editor of `helder serve` has its own script,
//! check-editor.mjs, and the installable sites check-app.mjs.
//!
//! Nothing here is skipped: a missing Chromium is installed with apt-get (CI
//! runs as root), missing node modules with `npm ci`, and anything that can
//! not be had fails the test with a message saying what to do.
//!
//! The JSON summary lands in $HELDER_BROWSER_JSON, or else in
//! target/tmp/browser-checks.json.
//!
//! Its own test binary, not a module of tests/it: cargo runs test binaries
//! one after the other, so these checks run alone, as their timed parts
//! (Lighthouse's performance score) and their 20-minute limit assume. Run
//! in one process with the rest, they overlapped the fuzz build and the
//! other tests and passed that limit on a busy machine.

#[path = "../it/common.rs"]
mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;

const CHROMIUM: &str = "/usr/bin/chromium";
/// Far above the few minutes the checks take; only a hang reaches it.
const CHECK_TIMEOUT: Duration = Duration::from_secs(20 * 60);

/// The tests of this binary take turns: the site checks' timed parts
/// (Lighthouse's performance score) assume Chromium has the machine.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn built_sites_pass_the_browser_checks() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    let mut steps: Vec<(&str, Duration)> = Vec::new();

    let t = Instant::now();
    ensure_chromium();
    steps.push(("chromium", t.elapsed()));

    let t = Instant::now();
    let checks = repo_root().join("tests/browser");
    ensure_node_modules(&checks);
    steps.push(("npm ci", t.elapsed()));

    let t = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    build_into(tmp.path(), &repo_root(), &demo);
    let flemish_root = tmp.path().join("vlaamse-school");
    copy_flemish(&flemish_root);
    let flemish = tmp.path().join("vlaams");
    build_into(tmp.path(), &flemish_root, &flemish);
    steps.push(("helder build x2", t.elapsed()));

    let t = Instant::now();
    let json = std::env::var_os("HELDER_BROWSER_JSON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-checks.json"));
    let mut cmd = Command::new("node");
    cmd.arg(checks.join("check-site.mjs"))
        // Every site has a search page now: a missing one is a failure.
        .arg("--require-search")
        // Issue 16: Lighthouse on the school home, a class home and a cap page
        // (groep 5 is private: its pages are shells, see --private).
        .arg("--lighthouse")
        .arg("index.html,groep-6-7/index.html,kanjer/rode-pet/index.html")
        // Issue 13: the demo's private class unlocked as a parent would.
        .arg("--private")
        .arg(format!("groep-5={}", demo_code("groep-5")))
        .arg("--json")
        .arg(&json)
        .arg(&demo)
        .arg(&flemish)
        .current_dir(&checks);
    let out = run_with_timeout(cmd, CHECK_TIMEOUT).unwrap_or_else(|e| {
        panic!("could not run `node tests/browser/check-site.mjs` (Node.js is needed): {e}")
    });
    steps.push(("browser checks", t.elapsed()));

    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    if !stderr.trim().is_empty() {
        println!("--- stderr ---\n{stderr}");
    }
    let timing: Vec<String> = steps
        .iter()
        .map(|(name, d)| format!("{name} {:.1} s", d.as_secs_f64()))
        .collect();
    println!(
        "tests/browser/main.rs took {:.1} s ({}); JSON summary: {}",
        started.elapsed().as_secs_f64(),
        timing.join(", "),
        json.display()
    );
    assert!(
        out.status.success(),
        "the browser checks failed ({}): see their summary above (stdout), and {}",
        out.status,
        json.display()
    );
}

/// The demo school's code of a private site, from its `codes.toml`.
fn demo_code(site: &str) -> String {
    code_in(&read(&repo_root().join("codes.toml")), site)
        .unwrap_or_else(|| panic!("the demo's codes.toml has no code for {site}"))
}

/// The HTML part of `helder digest`'s e-mails (spec §7), of the demo and
/// of the Flemish fixture: read from the .eml files by Python's `email`
/// package (parse-eml.py), then opened in Chromium by check-digest.mjs at
/// 600 and 360 px, light and dark, with images off: no sideways scrolling,
/// at most 600 px, alt texts, axe-core clean.
#[test]
fn digest_emails_render_in_chromium() {
    let (_alone, checks) = take_the_browser();
    let tmp = tempfile::tempdir().unwrap();
    let emails = tmp.path().join("emails");
    let digests: [(PathBuf, &[&str]); 2] = [
        (
            repo_root(),
            &[
                "--since",
                "2026-11-01",
                "--until",
                "2026-11-30",
                "--site",
                "school",
                "--site",
                "groep-3-4",
                "--site",
                "groep-6-7",
            ],
        ),
        (
            repo_root().join("tests/fixtures/vlaamse-school"),
            &[
                "--since",
                "2026-09-01",
                "--until",
                "2026-12-31",
                "--site",
                "school",
                "--site",
                "lj1",
            ],
        ),
    ];
    for (n, (root, args)) in digests.iter().enumerate() {
        let out = tmp.path().join(format!("digest-{n}"));
        let mut all = vec![
            "digest",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        all.extend_from_slice(args);
        helder_in(tmp.path(), &all).ok().no_panic();
        for entry in std::fs::read_dir(&out).unwrap() {
            let path = entry.unwrap().path();
            let name = format!("{n}-{}", path.file_name().unwrap().to_str().unwrap());
            std::fs::create_dir_all(&emails).unwrap();
            std::fs::copy(&path, emails.join(name)).unwrap();
        }
    }
    let html = tmp.path().join("html");
    std::fs::create_dir_all(&html).unwrap();
    let files: Vec<PathBuf> = std::fs::read_dir(&emails)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // Three sites of the demo and two of the Flemish school, each in every language.
    assert!(files.len() >= 10, "too few e-mails: {files:?}");
    let parsed = Command::new("python3")
        .arg(checks.join("parse-eml.py"))
        .arg("--html-dir")
        .arg(&html)
        .args(&files)
        .stdin(Stdio::null())
        .output()
        .expect("python3 is needed to read the e-mails");
    assert!(
        parsed.status.success(),
        "parse-eml.py failed: {}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let mut cmd = Command::new("node");
    cmd.arg(checks.join("check-digest.mjs"))
        .arg(&html)
        .current_dir(&checks);
    let out = run_with_timeout(cmd, CHECK_TIMEOUT)
        .unwrap_or_else(|e| panic!("could not run `node tests/browser/check-digest.mjs`: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the digest checks failed:\n{stdout}");
}

/// Installable, offline parent sites (spec §7), by check-app.mjs: a class
/// site of the demo and of the Flemish fixture is served, installed (the
/// DevTools protocol's installability check), read offline, marks a new
/// post "Nieuw", and gives way to a second build in which a post changed.
#[test]
fn parent_sites_install_and_work_offline() {
    let (_alone, checks) = take_the_browser();
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    copy_demo(&demo);
    let flemish = tmp.path().join("vlaamse-school");
    copy_flemish(&flemish);
    let schools = [
        (
            &demo,
            "groep-6-7",
            "groep-6-7/kanjerles-oktober.md",
            "groep-6-7/groep-6-7/kanjerles-oktober/",
        ),
        (
            &flemish,
            "lj1",
            "lj1/klasbericht-oktober.md",
            "lj1/lj1/klasbericht-oktober/",
        ),
    ];
    for (n, (root, site, post_file, post)) in schools.iter().enumerate() {
        let first = tmp.path().join(format!("build-{n}-a"));
        build_into(tmp.path(), root, &first);
        // The next build: one post got a new title.
        let source = root.join("content").join(post_file);
        let text = read(&source);
        let changed = text.replacen("\ntitle: ", "\ntitle: Opnieuw bekeken, ", 1);
        assert_ne!(text, changed, "{post_file} has no title line");
        std::fs::write(&source, changed).unwrap();
        let next = tmp.path().join(format!("build-{n}-b"));
        build_into(tmp.path(), root, &next);
        let mut cmd = Command::new("node");
        cmd.arg(checks.join("check-app.mjs"))
            .args(["--site", site, "--post", post])
            .arg(&first)
            .arg(&next)
            .current_dir(&checks);
        let out = run_with_timeout(cmd, CHECK_TIMEOUT)
            .unwrap_or_else(|e| panic!("could not run `node tests/browser/check-app.mjs`: {e}"));
        let stdout = String::from_utf8_lossy(&out.stdout);
        println!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        assert!(
            out.status.success(),
            "the app checks of {site} failed:\n{stdout}"
        );
    }
}

/// The editor in `helder serve` (issue 18): tests/browser/check-editor.mjs
/// drives Chromium against a running preview of a copy of the demo (it
/// changes files there): a class post made, a cap page edited, a screenshot
/// added to the manual, a passive sentence flagged while typing, a conflict
/// refused, axe-core clean at 1366x768 and 768x1024.
#[test]
fn the_editor_works_in_chromium() {
    let (_alone, checks) = take_the_browser();
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    copy_demo(&demo);
    let mut server = Command::new(env!("CARGO_BIN_EXE_helder"))
        .args(["serve", "--port", "0", "--root", demo.to_str().unwrap()])
        .env("CI", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = server.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let address = loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("helder serve did not say where it listens");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break format!("http://127.0.0.1:{}/", rest.split('/').next().unwrap());
        }
    };
    let mut cmd = Command::new("node");
    cmd.arg(checks.join("check-editor.mjs"))
        .arg(&address)
        .arg(&demo)
        .current_dir(&checks);
    let out = run_with_timeout(cmd, CHECK_TIMEOUT);
    // Ctrl+C, so the server removes its preview folder.
    let _ = Command::new("kill")
        .args(["-INT", &server.id().to_string()])
        .status();
    let _ = server.wait();
    let out =
        out.unwrap_or_else(|e| panic!("could not run `node tests/browser/check-editor.mjs`: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the editor checks failed:\n{stdout}");
}

/// The demo school's sources (not its build output or target/) copied to
/// `to`, for tests that change files.
fn copy_demo(to: &Path) {
    for part in ["book.toml", "codes.toml", "content", "static", "themes"] {
        let from = repo_root().join(part);
        if from.is_dir() {
            copy_tree(&from, &to.join(part));
        } else {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(&from, to.join(part)).unwrap();
        }
    }
}

/// The Flemish fixture copied to `to`. It refuses to publish with its own
/// `fail-on = "warning"` (tests/it/demo.rs checks that); copied with
/// `fail-on = "error"`, as demo.rs builds it.
fn copy_flemish(to: &Path) {
    copy_tree(&repo_root().join("tests/fixtures/vlaamse-school"), to);
    let book = read(&to.join("book.toml"));
    assert!(book.contains("fail-on = \"warning\""), "fixture changed");
    std::fs::write(
        to.join("book.toml"),
        book.replace("fail-on = \"warning\"", "fail-on = \"error\""),
    )
    .unwrap();
}

/// This binary's turn with Chromium (held until the guard is dropped), with
/// Chromium and the node modules installed; the checks' folder.
fn take_the_browser() -> (std::sync::MutexGuard<'static, ()>, PathBuf) {
    let alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    ensure_chromium();
    let checks = repo_root().join("tests/browser");
    ensure_node_modules(&checks);
    (alone, checks)
}

/// Debian's Chromium at /usr/bin/chromium, installed with apt-get if missing.
fn ensure_chromium() {
    if Path::new(CHROMIUM).exists() {
        return;
    }
    let apt = |args: &[&str]| -> Result<(), String> {
        let out = Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("could not run apt-get: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "`apt-get {}` failed ({}):\n{}\n{}",
                args.join(" "),
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    };
    let result = apt(&["update"])
        .and_then(|_| apt(&["install", "-y", "--no-install-recommends", "chromium"]));
    if let Err(e) = result {
        panic!(
            "{CHROMIUM} is missing and could not be installed. The browser checks need \
             Debian's Chromium: run `apt-get update && apt-get install -y \
             --no-install-recommends chromium` as root.\n{e}"
        );
    }
    assert!(
        Path::new(CHROMIUM).exists(),
        "apt-get installed chromium, but {CHROMIUM} is still missing"
    );
}

/// tests/browser/node_modules as package-lock.json pins it: `npm ci` when it
/// is missing or older than the lock file.
fn ensure_node_modules(dir: &Path) {
    let lock = dir.join("package-lock.json");
    // npm writes node_modules/.package-lock.json at the end of an install.
    let installed = dir.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let lock_time = modified(&lock).expect("tests/browser/package-lock.json is missing");
    let fresh = modified(&installed).is_some_and(|t| t >= lock_time)
        && dir
            .join("node_modules/playwright-core/package.json")
            .is_file()
        && dir.join("node_modules/axe-core/axe.min.js").is_file()
        && dir.join("node_modules/lighthouse/package.json").is_file();
    if fresh {
        return;
    }
    let npm = Command::new("npm")
        .arg("--version")
        .stdin(Stdio::null())
        .output();
    if !npm.is_ok_and(|o| o.status.success()) {
        panic!(
            "npm is missing: the browser checks need Node.js and npm (apt-get install nodejs npm) \
             to install tests/browser/package-lock.json"
        );
    }
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("could not run npm ci");
    assert!(
        out.status.success(),
        "`npm ci --no-audit --no-fund` in tests/browser failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `cmd` to the end, collecting its output; kills it after `limit`.
fn run_with_timeout(mut cmd: Command, limit: Duration) -> std::io::Result<Output> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            let so = stdout.join().unwrap_or_default();
            let se = stderr.join().unwrap_or_default();
            return Err(std::io::Error::other(format!(
                "still running after {} s; killed. Its output so far:\n{}\n{}",
                limit.as_secs(),
                String::from_utf8_lossy(&so),
                String::from_utf8_lossy(&se)
            )));
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    Ok(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}
