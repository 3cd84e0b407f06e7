//! The editor in `helder serve` (issue 18, spec §9), against the real
//! running server: change requests need the session's token, the server's
//! own origin and a local host; paths stay under content/ and are pages or
//! images; bodies have limits; `--read-only` turns it all off. Then what the
//! editor does: the preview with plain-language findings, saving (keeping
//! keys, refusing a file changed on disk), new pages and images.

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use crate::common::*;
use crate::serve::{eventually, get, send, start, start_with};

/// The session token, read from an edit form.
fn token(port: u16) -> String {
    let (status, form) = get(port, "/_helder/bewerk/groep-1/uitje.md");
    assert_eq!(status, 200, "{form}");
    let at = form.find("name=\"helder-token\" content=\"").unwrap() + 29;
    form[at..at + 48].to_string()
}

/// A POST to the editor: (status, body). `host` and `origin` as given
/// (None: header left out), `token` in X-Helder-Token.
fn post(
    port: u16,
    action: &str,
    host: Option<&str>,
    origin: Option<&str>,
    token: Option<&str>,
    body: &[u8],
) -> (u16, String) {
    let mut raw = format!("POST /_helder/api/{action} HTTP/1.1\r\nConnection: close\r\n");
    if let Some(host) = host {
        raw.push_str(&format!("Host: {host}\r\n"));
    }
    if let Some(origin) = origin {
        raw.push_str(&format!("Origin: {origin}\r\n"));
    }
    if let Some(token) = token {
        raw.push_str(&format!("X-Helder-Token: {token}\r\n"));
    }
    raw.push_str(&format!(
        "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    ));
    let mut bytes = raw.into_bytes();
    bytes.extend_from_slice(body);
    let (status, _, body) = send(port, &bytes);
    (status, body)
}

/// A POST as the editor's own page sends it.
fn own_post(port: u16, action: &str, token: &str, body: &[u8]) -> (u16, String) {
    let host = format!("127.0.0.1:{port}");
    let origin = format!("http://{host}");
    post(port, action, Some(&host), Some(&origin), Some(token), body)
}

fn change(path: &str, hash: &str, title: &str, text: &str) -> Vec<u8> {
    serde_json::json!({
        "pad": path,
        "hash": hash,
        "velden": { "title": title, "type": "news", "classes": ["groep-1"], "date": "2026-12-17" },
        "tekst": text,
    })
    .to_string()
    .into_bytes()
}

fn sha256(path: &std::path::Path) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn change_requests_need_the_token_the_origin_and_a_local_host() {
    let s = school();
    let file = s.path("content/groep-1/uitje.md");
    let before = read(&file);
    let server = start(s.root());
    let port = server.port;
    let token = token(port);
    let body = change("groep-1/uitje.md", &sha256(&file), "Anders", "Veranderd.");
    let own = format!("127.0.0.1:{port}");
    let own_origin = format!("http://{own}");
    let evil = format!("evil.example:{port}");
    let evil_origin = format!("http://{evil}");
    for (what, host, origin, sent) in [
        (
            "no token",
            Some(own.as_str()),
            Some(own_origin.as_str()),
            None,
        ),
        (
            "a wrong token",
            Some(&own),
            Some(&own_origin),
            Some("0".repeat(48).as_str()),
        ),
        (
            "a foreign Origin",
            Some(&own),
            Some("http://evil.example"),
            Some(token.as_str()),
        ),
        ("no Origin", Some(&own), None, Some(&token)),
        (
            "an https Origin",
            Some(&own),
            Some(&format!("https://{own}")),
            Some(&token),
        ),
        (
            "a foreign Host (DNS rebinding)",
            Some(&evil),
            Some(&evil_origin),
            Some(&token),
        ),
        ("no Host", None, Some(&own_origin), Some(&token)),
    ] {
        let (status, answer) = post(port, "opslaan", host, origin, sent, &body);
        assert_eq!(status, 403, "{what}: {answer}");
        assert!(
            answer.contains("\"fout\""),
            "{what}: a reason is given: {answer}"
        );
        assert_eq!(read(&file), before, "{what}: nothing was written");
    }
    // The form, with the token in it, is not given to a foreign host either.
    let (status, _, form) = send(
        port,
        format!("GET /_helder/bewerk/groep-1/uitje.md HTTP/1.1\r\nHost: {evil}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 403);
    assert!(!form.contains(&token), "the token leaked to a foreign host");
    // `localhost` is this computer too.
    let (status, _, _) = send(
        port,
        format!("GET /_helder/bewerk/groep-1/uitje.md HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 200);
    // Nor may another site show it in a frame (clickjacking).
    let (_, head, _) = send(
        port,
        format!(
            "GET /_helder/nieuw HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    );
    assert!(
        head.contains("X-Frame-Options: DENY") && head.contains("frame-ancestors 'none'"),
        "{head}"
    );
    let (status, answer) = own_post(port, "opslaan", &token, &body);
    assert_eq!(status, 200, "{answer}");
    assert!(read(&file).contains("title: Anders") && read(&file).contains("Veranderd."));
}

#[test]
fn paths_outside_content_or_of_other_kinds_get_400() {
    let s = school();
    let outside = s.parent().join("buiten");
    std::fs::create_dir_all(&outside).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, s.path("content/weg")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(s.path("book.toml"), s.path("content/boek.md")).unwrap();
    let book = read(&s.path("book.toml"));
    let server = start(s.root());
    let token = token(server.port);
    let absolute = s.path("content/x.md").to_string_lossy().into_owned();
    let mut bad = vec![
        "../book.toml",
        "../x.md",
        "groep-1/../../x.md",
        absolute.as_str(),
        "/x.md",
        "C:\\x.md",
        "groep-1/x.html",
        "groep-1/x.toml",
        ".verborgen.md",
        "",
    ];
    if cfg!(unix) {
        bad.extend(["weg/x.md", "boek.md"]);
    }
    for path in bad {
        for action in ["opslaan", "voorbeeld"] {
            let (status, answer) =
                own_post(server.port, action, &token, &change(path, "", "X", "Y"));
            assert_eq!(status, 400, "{action} {path:?}: {answer}");
        }
    }
    assert!(
        list_files(&outside).is_empty(),
        "nothing written outside content/"
    );
    assert_eq!(read(&s.path("book.toml")), book);
    assert!(!s.parent().join("x.md").exists() && !s.path("x.md").exists());
    // An image next to a page outside content/ is refused the same way.
    let (status, _) = own_post(
        server.port,
        "afbeelding?pagina=..%2Fx.md&naam=a.png",
        &token,
        b"\x89PNG\r\n\x1a\n",
    );
    assert_eq!(status, 400);
    // The form of a page outside content/ is not shown.
    assert_eq!(get(server.port, "/_helder/bewerk/../book.toml").0, 400);
    assert_eq!(get(server.port, "/_helder/bewerk/%2e%2e/book.toml").0, 400);
    assert_eq!(
        get(server.port, "/_helder/bewerk/groep-1/bestaat-niet.md").0,
        404
    );
}

#[test]
fn oversized_and_unmeasured_bodies_are_refused() {
    let s = school();
    let server = start(s.root());
    let port = server.port;
    let token = token(port);
    // Announced too large: refused before the body is sent.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST /_helder/api/afbeelding?pagina=groep-1/uitje.md&naam=a.png HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nX-Helder-Token: {token}\r\nContent-Length: 999999999\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = std::io::Read::read_to_string(&mut stream, &mut answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // No length: 411.
    let (status, _, _) = send(
        port,
        format!("POST /_helder/api/opslaan HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 411);
    // A page text over 2 MB and an image over 20 MB.
    let big = change(
        "groep-1/groot.md",
        "",
        "Groot",
        &"a".repeat(2 * 1024 * 1024 + 10),
    );
    assert_eq!(own_post(port, "opslaan", &token, &big).0, 413);
    assert!(!s.path("content/groep-1/groot.md").exists());
    let mut image = b"\x89PNG\r\n\x1a\n".to_vec();
    image.resize(20 * 1024 * 1024 + 1, 0);
    let (status, _) = own_post(
        port,
        "afbeelding?pagina=groep-1/uitje.md&naam=groot.png",
        &token,
        &image,
    );
    assert_eq!(status, 413);
    assert!(!s.path("content/groep-1/groot.png").exists());
}

#[test]
fn read_only_turns_editing_off() {
    let s = school();
    let file = s.path("content/groep-1/uitje.md");
    let before = read(&file);
    let server = start_with(s.root(), &["--read-only"]);
    let (status, form) = get(server.port, "/_helder/bewerk/groep-1/uitje.md");
    assert_eq!(status, 403, "{form}");
    assert!(!form.contains("helder-token"));
    let (status, _) = own_post(
        server.port,
        "opslaan",
        "x",
        &change("groep-1/uitje.md", "", "A", "B"),
    );
    assert_eq!(status, 403);
    assert_eq!(read(&file), before);
    let (_, page) = get(server.port, "/groep-1/groep-1/uitje/");
    assert!(
        page.contains("De uitje") || page.contains("kinderboerderij"),
        "{page}"
    );
    assert!(
        !page.contains("/_helder/bewerk/"),
        "no Bewerk link when read-only"
    );
}

#[test]
fn pages_get_a_bewerk_link_in_the_preview_and_never_in_a_build() {
    let s = school();
    let server = start(s.root());
    let (_, page) = get(server.port, "/groep-1/groep-1/uitje/");
    assert!(
        page.contains("href=\"/_helder/bewerk/groep-1/uitje.md\""),
        "{page}"
    );
    let (_, home) = get(server.port, "/");
    assert!(home.contains("href=\"/_helder/bewerk/index.md\""), "{home}");
    drop(server);
    let out = s.parent().join("uit");
    build_into(s.parent(), s.root(), &out);
    // (The app script and service workers name the preview's folder
    // /_helder/ to stay out of it; no page may link there.)
    for file in list_files(&out) {
        let bytes = std::fs::read(out.join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("_helder/bewerk"), "{file} has an edit link");
        if file.ends_with(".html") {
            assert!(!text.contains("_helder"), "{file} has a preview link");
        }
    }
}

#[test]
fn the_preview_renders_the_page_and_flags_a_passive_sentence() {
    let s = school();
    let server = start(s.root());
    let token = token(server.port);
    let text = "## Uitje\n\nDe brief wordt door de juf geschreven.\n";
    let (status, answer) = own_post(
        server.port,
        "voorbeeld",
        &token,
        &change("groep-1/uitje.md", "", "Uitje", text),
    );
    assert_eq!(status, 200, "{answer}");
    let json: serde_json::Value = serde_json::from_str(&answer).unwrap();
    assert!(
        json["html"]
            .as_str()
            .unwrap()
            .contains("De brief wordt door de juf geschreven."),
        "{answer}"
    );
    let passive = json["bevindingen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"].as_str().unwrap_or("").contains("passi"))
        .unwrap_or_else(|| panic!("no passive finding: {answer}"));
    let body_line = json["tekstregel"].as_u64().unwrap();
    assert_eq!(
        passive["regel"].as_u64().unwrap(),
        body_line + 2,
        "{answer}"
    );
    // Front matter that can not be built: its error, with its line.
    let bad = serde_json::json!({
        "pad": "groep-1/uitje.md", "hash": "",
        "velden": { "title": "X", "type": "news", "classes": ["groep-99"] },
        "tekst": "Tekst."
    });
    let (status, answer) = own_post(server.port, "voorbeeld", &token, bad.to_string().as_bytes());
    assert_eq!(status, 200);
    assert!(
        answer.contains("groep-99") && answer.contains("\"regel\""),
        "{answer}"
    );
    // Nothing was written by a preview.
    assert!(!read(&s.path("content/groep-1/uitje.md")).contains("juf"));
}

#[test]
fn saving_keeps_other_keys_and_refuses_a_file_changed_on_disk() {
    let s = school();
    s.write(
        "content/groep-3/toets.md",
        "---\ntitle: Toets\nclasses: [groep-3]\nweight: 7\nextra:\n  kleur: rood\n---\nOud.\n",
    );
    let file = s.path("content/groep-3/toets.md");
    let server = start(s.root());
    let token = token(server.port);
    let opened = sha256(&file);
    let edit = |title: &str, text: &str, hash: &str| {
        serde_json::json!({
            "pad": "groep-3/toets.md", "hash": hash,
            "velden": { "title": title, "classes": ["groep-3"], "summary": "Ja: dit is een toets" },
            "tekst": text
        })
        .to_string()
    };
    let (status, answer) = own_post(
        server.port,
        "opslaan",
        &token,
        edit("Toets: rekenen", "Nieuw.", &opened).as_bytes(),
    );
    assert_eq!(status, 200, "{answer}");
    let saved = read(&file);
    assert_eq!(
        saved,
        "---\ntitle: \"Toets: rekenen\"\nclasses: [groep-3]\nweight: 7\nextra:\n  kleur: rood\nsummary: \"Ja: dit is een toets\"\n---\nNieuw.\n"
    );
    let new_hash = serde_json::from_str::<serde_json::Value>(&answer).unwrap()["hash"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(new_hash, sha256(&file));
    // The preview rebuilds as for any save.
    eventually("the saved title in the preview", || {
        get(server.port, "/groep-3/groep-3/toets/")
            .1
            .contains("Toets: rekenen")
    });
    // Someone else saves; the form still has the old hash.
    s.write(
        "content/groep-3/toets.md",
        "---\ntitle: Ander\nclasses: [groep-3]\n---\nVan iemand anders.\n",
    );
    let (status, answer) = own_post(
        server.port,
        "opslaan",
        &token,
        edit("Mijn titel", "Mijn tekst.", &new_hash).as_bytes(),
    );
    assert_eq!(status, 409, "{answer}");
    let json: serde_json::Value = serde_json::from_str(&answer).unwrap();
    assert!(json["schijf"]
        .as_str()
        .unwrap()
        .contains("Van iemand anders."));
    assert!(
        read(&file).contains("Van iemand anders."),
        "not overwritten"
    );
    // A new page may not replace an existing one.
    let (status, _) = own_post(
        server.port,
        "opslaan",
        &token,
        &change("groep-3/toets.md", "", "X", "Y"),
    );
    assert_eq!(status, 409);
    // A page that would break the build is not written; its error is shown.
    let bad = serde_json::json!({
        "pad": "groep-3/toets.md", "hash": sha256(&file),
        "velden": { "title": "X", "type": "evening" }, "tekst": "Y"
    });
    let (status, answer) = own_post(server.port, "opslaan", &token, bad.to_string().as_bytes());
    assert_eq!(status, 422, "{answer}");
    assert!(read(&file).contains("Van iemand anders."));
    let leftovers: Vec<String> = list_files(&s.path("content/groep-3"))
        .into_iter()
        .filter(|f| f.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_new_class_post_with_an_image() {
    let s = school();
    let server = start(s.root());
    let token = token(server.port);
    let (status, form) = get(server.port, "/_helder/nieuw");
    assert_eq!(status, 200);
    for label in [
        "Titel",
        "Type",
        "Voor wie",
        "Bouwen",
        "Groepen",
        "Datum",
        "Samenvatting",
        "Tekst",
        "Opslaan",
    ] {
        assert!(form.contains(&format!(">{label}<")), "{label} missing");
    }
    assert!(
        form.contains("Wat deden we?"),
        "the class post's agreed parts are offered"
    );
    // An image for the new page, before the page is saved.
    let mut png = Vec::new();
    image_png(&mut png);
    let (status, answer) = own_post(
        server.port,
        "afbeelding?pagina=groep-1%2Fkanjerles-december.md&naam=Foto%20van%20de%20klas.PNG",
        &token,
        &png,
    );
    assert_eq!(status, 200, "{answer}");
    assert!(
        answer.contains("\"naam\":\"foto-van-de-klas.png\""),
        "{answer}"
    );
    assert!(s.path("content/groep-1/foto-van-de-klas.png").exists());
    // The same name again: a new file, never over the first.
    let (_, answer) = own_post(
        server.port,
        "afbeelding?pagina=groep-1/kanjerles-december.md&naam=foto-van-de-klas.png",
        &token,
        &png,
    );
    assert!(answer.contains("foto-van-de-klas-2.png"), "{answer}");
    // Not an image, whatever its name says.
    let (status, _) = own_post(
        server.port,
        "afbeelding?pagina=groep-1/x.md&naam=x.png",
        &token,
        b"<svg onload=alert(1)>",
    );
    assert_eq!(status, 415);
    let (status, _) = own_post(
        server.port,
        "afbeelding?pagina=groep-1/x.md&naam=x.svg",
        &token,
        &png,
    );
    assert_eq!(status, 415);
    let text = "## Wat deden we?\n\nWe oefenden met de kanjerpetten.\n\n![De klas in de kring](foto-van-de-klas.png)\n";
    let (status, answer) = own_post(
        server.port,
        "opslaan",
        &token,
        &change(
            "groep-1/kanjerles-december.md",
            "",
            "Kanjerles in december",
            text,
        ),
    );
    assert_eq!(status, 200, "{answer}");
    let saved = read(&s.path("content/groep-1/kanjerles-december.md"));
    assert!(saved.starts_with("---\ntitle: Kanjerles in december\ntype: news\nclasses: [groep-1]\ndate: 2026-12-17\n---\n"), "{saved}");
    eventually("the new page in the preview", || {
        get(server.port, "/groep-1/groep-1/kanjerles-december/")
            .1
            .contains("foto-van-de-klas")
    });
    assert_eq!(
        get(server.port, "/_helder/bewerk/groep-1/kanjerles-december.md").0,
        200
    );
}

/// A small real PNG.
fn image_png(out: &mut Vec<u8>) {
    let img = image::RgbImage::from_pixel(4, 3, image::Rgb([200, 30, 30]));
    img.write_to(&mut std::io::Cursor::new(out), image::ImageFormat::Png)
        .unwrap();
}

#[test]
fn helder_without_a_command_in_a_site_folder_starts_the_preview() {
    let s = school();
    // No browser on this PATH: the server says so and goes on.
    let empty = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_helder"))
        .current_dir(s.root())
        .env("PATH", empty.path())
        .env("CI", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
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
    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !seen
        .iter()
        .any(|l: &String| l.contains("http://127.0.0.1:"))
    {
        match rx.recv_timeout(deadline.saturating_duration_since(std::time::Instant::now())) {
            Ok(line) => seen.push(line),
            Err(_) => break,
        }
    }
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
    let all = seen.join("\n");
    assert!(all.contains("helder serve --open"), "{all}");
    assert!(all.contains("http://127.0.0.1:"), "it serves: {all}");
}
