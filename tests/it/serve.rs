//! `helder serve` (issue 5): serves on a free port, rebuilds when a file
//! changes, shows build errors in the browser and recovers, refuses paths
//! outside the output, and adds its reload script only to what it serves.
//! Under load (issue 11): never half a page while it rebuilds, no error page
//! while an editor is halfway through a save, 405 for other methods, 400 for
//! a head that is not HTTP, idle connections closed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// A running `helder serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    /// What serve printed after its address, line by line.
    pub(crate) log: std::sync::mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        // Ctrl+C first, so the server removes its preview folder; then make sure.
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn start(root: &std::path::Path) -> Server {
    start_with(root, &[])
}

/// `helder serve` with `extra` arguments (e.g. `--read-only`).
pub(crate) fn start_with(root: &std::path::Path, extra: &[&str]) -> Server {
    start_with_env(root, extra, &[])
}

/// [`start_with`], with environment variables set for the server.
pub(crate) fn start_with_env(
    root: &std::path::Path,
    extra: &[&str],
    env: &[(&str, &std::path::Path)],
) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_helder"))
        .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
        .args(extra)
        .envs(env.iter().copied())
        .env("CI", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    // Owned by Server from here on, so it is stopped even if this panics.
    let mut server = Server {
        child,
        port: 0,
        log: rx,
    };
    let stderr = server.child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("serve: {line}"); // shown when a test fails
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let line = server
            .log
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve did not say where it listens");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            server.port = rest.split('/').next().unwrap().parse().unwrap();
            return server;
        }
    }
}

/// (status, body) of a GET.
pub(crate) fn get(port: u16, path: &str) -> (u16, String) {
    let (status, _, body) = send(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    (status, body)
}

/// Sends `raw` on a new connection and reads until the server closes it
/// (at most 10 s): (status, head, body); status 0 when nothing came.
pub(crate) fn send(port: u16, raw: &[u8]) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(raw).unwrap();
    let mut response = Vec::new();
    // A timeout leaves what came so far (nothing, when the server hangs).
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, head.to_string(), body)
}

/// The body of a chunked response (sizes in hex before each chunk); what is
/// there of it when it was cut off.
fn dechunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || after.len() < size {
            body.push_str(&after[..size.min(after.len())]);
            break;
        }
        body.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    body
}

/// Polls until `check` holds (bounded), for changes that take a rebuild.
pub(crate) fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for: {what}");
}

#[test]
fn serves_rebuilds_shows_errors_and_recovers() {
    let s = school();
    let server = start(s.root());
    let (status, home) = get(server.port, "/");
    assert_eq!(status, 200, "{home}");
    assert!(
        home.contains("/_helder/reload.js"),
        "the preview adds its reload script"
    );

    s.write(
        "content/nieuw.md",
        "---\ntitle: Een nieuwe pagina\n---\nHallo ouders.\n",
    );
    eventually("the new page to be served", || {
        get(server.port, "/nieuw/").1.contains("Een nieuwe pagina")
    });

    s.write(
        "content/kapot.md",
        "---\ntitle: Kapot\ntype: onbekend\n---\nTekst.\n",
    );
    eventually("the error page", || {
        let (status, body) = get(server.port, "/nieuw/");
        status == 500 && body.contains("content/kapot.md:3")
    });

    std::fs::remove_file(s.root().join("content/kapot.md")).unwrap();
    eventually("recovery after the fix", || {
        get(server.port, "/nieuw/").0 == 200
    });
}

#[test]
fn paths_outside_the_output_are_refused_and_unknown_pages_get_help() {
    let s = school();
    let server = start(s.root());
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/a/..%2f..%2fbook.toml",
    ] {
        let (status, body) = get(server.port, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("[book]"), "{path} leaked a file");
    }
    let (status, body) = get(server.port, "/bestaat-niet/");
    assert_eq!(status, 404);
    assert!(body.contains("href=\"/\""), "the 404 page links home");
    let (status, _) = get(server.port, "/_helder/");
    assert_eq!(status, 200, "the overview of all pages");
}

#[test]
fn built_files_never_contain_the_reload_script() {
    let s = school();
    let out = s.build_ok(&[]);
    for f in html_files(&out) {
        assert!(
            !read(&out.join(&f)).contains("_helder"),
            "{f} holds preview-only code"
        );
    }
}

#[test]
fn a_taken_port_moves_to_the_next_one() {
    let s = school();
    let first = start(s.root());
    let mut child = Command::new(env!("CARGO_BIN_EXE_helder"))
        .args([
            "serve",
            "--port",
            &first.port.to_string(),
            "--root",
            s.root().to_str().unwrap(),
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    for _ in 0..3 {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        said.push_str(&line);
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        said.contains(&format!("Poort {} is bezet", first.port)),
        "{said}"
    );
}

#[test]
fn a_body_edit_updates_every_site_and_a_title_edit_updates_the_menus() {
    let s = school();
    let server = start(s.root());
    // Only the body changes: the page is written again in every site.
    s.write(
        "content/kapstok.md",
        &format!("---\ntitle: {T_SCHOOL}\nweight: 1\n---\nNieuwe zin over de jassen.\n"),
    );
    for path in ["/kapstok/", "/groep-1/kapstok/", "/onderbouw/kapstok/"] {
        eventually(&format!("{path} to show the new body"), || {
            get(server.port, path)
                .1
                .contains("Nieuwe zin over de jassen.")
        });
    }
    // The title changes: menus and home pages of every site change too.
    s.write(
        "content/kapstok.md",
        "---\ntitle: Kapstok met een nieuwe naam\nweight: 1\n---\nNieuwe zin over de jassen.\n",
    );
    eventually("the class home to list the new title", || {
        get(server.port, "/groep-1/")
            .1
            .contains("Kapstok met een nieuwe naam")
    });
}

#[test]
fn overview_lists_missing_translations_and_pages_mark_their_findings() {
    let s = site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Eik\"\n[languages.en]\nname = \"English\"\n",
        ),
        ("content/index.md", "---\ntitle: Welkom\n---\nWelkom.\n"),
        (
            "content/vertaald.md",
            "---\ntitle: Vertaald\n---\nDeze pagina is vertaald.\n",
        ),
        (
            "content/vertaald.en.md",
            "---\ntitle: Translated\n---\nThis page is translated.\n",
        ),
        (
            "content/brief.md",
            "---\ntitle: Brief\n---\nDe brief wordt morgen door de juf verstuurd.\n",
        ),
    ]);
    let server = start(s.root());
    let (_, overview) = get(server.port, "/_helder/");
    let row = |title: &str| {
        overview
            .split("<tr>")
            .find(|r| r.contains(&format!(">{title}</a>")))
            .unwrap_or_else(|| panic!("no row for {title}:\n{overview}"))
            .to_string()
    };
    assert!(
        row("Brief").contains("<td>en</td>"),
        "brief.md has no English version"
    );
    assert!(
        !row("Vertaald").contains("<td>en</td>"),
        "vertaald.md has one"
    );
    // The passive sentence is named in the page's panel, to be marked in the text.
    let (_, page) = get(server.port, "/brief/");
    assert!(
        page.contains("De brief wordt morgen door de juf verstuurd."),
        "{page}"
    );
    assert!(
        page.contains("function (marks)"),
        "the preview marks findings in the text"
    );
}

/// A page big enough that writing it takes a while: the window in which a
/// reader could see half of it.
fn big_page(marker: &str) -> String {
    let mut text = format!("---\ntitle: Groot\n---\n{marker}\n\n");
    for i in 0..4000 {
        text.push_str(&format!(
            "Alinea {i}: de kinderen van groep vijf lezen samen een boek over de zee.\n\n"
        ));
    }
    text
}

#[test]
fn no_half_page_is_served_while_pages_are_written_again() {
    let s = school();
    s.write("content/groot.md", &big_page("Versie start."));
    let server = start(s.root());
    let port = server.port;
    assert_eq!(get(port, "/groot/").0, 200);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let stop = std::sync::Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut bad = Vec::new();
                let mut count = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) && count < 20_000 {
                    let (status, body) = get(port, "/groot/");
                    count += 1;
                    if status != 200 || !body.trim_end().ends_with("</html>") {
                        bad.push(format!("{status}, {} bytes", body.len()));
                    }
                }
                bad
            })
        })
        .collect();
    // Body edits (the page is written again in place in the preview) and
    // a title edit now and then (everything is built again).
    let path = s.root().join("content/groot.md");
    for i in 0..40 {
        let mut text = big_page(&format!("Versie {i}."));
        if i % 10 == 9 {
            text = text.replace("title: Groot", &format!("title: Groot {i}"));
        }
        let temp = s.root().join("content/.groot.md.tmp");
        std::fs::write(&temp, text).unwrap();
        std::fs::rename(&temp, &path).unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
    eventually("the last version", || {
        get(port, "/groot/").1.contains("Versie 39.")
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let bad: Vec<String> = readers
        .into_iter()
        .flat_map(|r| r.join().unwrap())
        .collect();
    assert!(
        bad.is_empty(),
        "{} half or failed pages: {:?}",
        bad.len(),
        &bad[..bad.len().min(5)]
    );
}

#[test]
fn a_page_saved_in_place_with_pauses_is_not_shown_as_a_site_error() {
    let s = school();
    let server = start(s.root());
    let port = server.port;
    let path = s.root().join("content/kapstok.md");
    let saved =
        format!("---\ntitle: {T_SCHOOL}\nweight: 1\n---\nDe jassen hangen aan de kapstok.\n");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut errors = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let (status, body) = get(port, "/");
                if status != 200 {
                    errors.push(body.chars().take(300).collect::<String>());
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            errors
        })
    };
    // An editor that empties the file, then writes it in pieces with short
    // pauses: the watcher sees an empty and a half file first.
    for round in 0..5 {
        let text = saved.replace("kapstok.", &format!("kapstok ({round})."));
        let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(0).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        for piece in text.as_bytes().chunks(12) {
            file.write_all(piece).unwrap();
            file.flush().unwrap();
            std::thread::sleep(Duration::from_millis(60));
        }
        drop(file);
        std::thread::sleep(Duration::from_millis(200));
    }
    eventually("the last save", || {
        get(port, "/kapstok/").1.contains("kapstok (4).")
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let errors = reader.join().unwrap();
    assert!(
        errors.is_empty(),
        "{} error pages, first: {}",
        errors.len(),
        errors[0]
    );
    // A save that really is broken is still shown, once the file is quiet.
    std::fs::write(&path, "geen voorwerk\n").unwrap();
    eventually("the error page", || {
        let (status, body) = get(port, "/");
        status == 500 && body.contains("content/kapstok.md")
    });
}

#[test]
fn methods_other_than_get_and_head_get_405() {
    let s = school();
    let server = start(s.root());
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let (status, head, _) = send(
            server.port,
            format!("{method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhallo").as_bytes(),
        );
        assert_eq!(status, 405, "{method}: {head}");
        assert!(head.contains("Allow: GET, HEAD"), "{head}");
    }
    let (status, head, body) = send(
        server.port,
        b"HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200, "{head}");
    assert!(body.is_empty(), "HEAD has no body");
}

#[test]
fn a_request_that_is_not_http_gets_400_at_once() {
    let s = school();
    let server = start(s.root());
    for raw in [
        &b"GARBAGE\n\n"[..],
        b"GET / HTTP/1.1 extra\r\n\r\n",
        // The start of a TLS handshake: https:// to the http port.
        &[
            0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03,
        ],
    ] {
        let started = Instant::now();
        let (status, head, _) = send(server.port, raw);
        assert_eq!(status, 400, "{raw:?}: {head}");
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{raw:?} took {:?}",
            started.elapsed()
        );
    }
    // The server still answers.
    assert_eq!(get(server.port, "/").0, 200);
}

#[test]
fn idle_connections_are_closed() {
    let s = school();
    let server = start(s.root());
    // One that never says anything, and one that stays open after a request.
    let silent = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let mut kept = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    kept.write_all(b"GET /_helder/reload.js HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    for (what, mut stream) in [("silent", silent), ("kept open", kept)] {
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let started = Instant::now();
        let mut all = Vec::new();
        let closed = stream.read_to_end(&mut all).is_ok();
        assert!(closed, "{what}: still open after {:?}", started.elapsed());
        assert!(started.elapsed() < Duration::from_secs(15), "{what}");
    }
}

/// Spec §6: the preview shows private sites open (it only listens on this
/// computer), marked as protected, without needing their codes.
#[test]
fn the_preview_shows_private_sites_open_and_marked() {
    let s = school();
    std::fs::remove_file(s.path("codes.toml")).unwrap();
    let server = start(s.root());
    let (status, html) = get(server.port, "/team/team/overleg/");
    assert_eq!(status, 200);
    assert!(
        html.contains(T_TEAM),
        "the team page is open in the preview"
    );
    assert!(!html.contains("helder-slot"), "no shell in the preview");
    assert!(
        html.contains("class=\"protected-mark\">Beschermd<"),
        "{html}"
    );
    let (_, overview) = get(server.port, "/_helder/");
    assert!(overview.contains("beschermd"), "{overview}");
}

#[test]
fn a_killed_previews_folder_is_removed_by_the_next_preview() {
    let s = school();
    let temp = tempfile::tempdir().unwrap();
    // Above Linux's largest process id: no process has it.
    let stale = temp.path().join("helder-serve-4294967-abc");
    // This test's own process runs: its folder stays, as does a name
    // without a process id.
    let running = temp
        .path()
        .join(format!("helder-serve-{}-abc", std::process::id()));
    let other = temp.path().join("helder-serve-abc");
    for dir in [&stale, &running, &other] {
        std::fs::create_dir(dir).unwrap();
        std::fs::write(dir.join("index.html"), "<p>oud</p>").unwrap();
    }
    let server = start_with_env(s.root(), &[], &[("TMPDIR", temp.path())]);
    assert!(
        !stale.exists(),
        "the killed preview's folder is still there"
    );
    assert!(running.exists() && other.exists());
    let own = |temp: &std::path::Path| {
        std::fs::read_dir(temp)
            .unwrap()
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with("helder-serve-")
                    && ![&running, &other].iter().any(|d| d.ends_with(&name))
            })
            .count()
    };
    assert_eq!(own(temp.path()), 1, "the preview builds in TMPDIR");
    drop(server);
    assert_eq!(own(temp.path()), 0, "a stopped preview removes its folder");
}
