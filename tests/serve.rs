//! `helder serve` (issue 5): serves on a free port, rebuilds when a file
//! changes, shows build errors in the browser and recovers, refuses paths
//! outside the output, and adds its reload script only to what it serves.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A running `helder serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
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

fn start(root: &std::path::Path) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_helder"))
        .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
        .env("CI", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Owned by Server from here on, so it is stopped even if this panics.
    let mut server = Server { child, port: 0 };
    let stderr = server.child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("serve: {line}"); // shown when a test fails
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve did not say where it listens");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            server.port = rest.split('/').next().unwrap().parse().unwrap();
            return server;
        }
    }
}

/// (status, body) of a GET.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Polls until `check` holds (bounded), for changes that take a rebuild.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
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
