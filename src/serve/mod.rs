//! `helder serve`: a live preview. Builds the site into a temporary folder,
//! serves it on 127.0.0.1, rebuilds when a file changes and tells open browser
//! tabs to reload (server-sent events). A build error never stops the server:
//! the browser shows the error page until the next good save.
//!
//! It reuses the build stages as they are; only the HTML sent to the browser
//! gets the reload script and the plain-language overlay (never the files).

mod pages;
mod watch;

use std::collections::HashMap;
use std::io::Write as _;
use std::net::IpAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::error::{Diagnostic, Errors};
use crate::msg;
use crate::BuildOptions;

pub struct ServeOptions {
    pub root: PathBuf,
    /// 0: any free port.
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
}

/// What the last build left for the server to show.
struct Build {
    /// The errors of the last build, shown instead of the pages.
    errors: Option<Errors>,
    /// Output path (relative, `/`-separated) → overlay HTML for that page.
    overlays: HashMap<String, String>,
    dashboard: String,
}

struct State {
    root: PathBuf,
    out: PathBuf,
    /// The site as last built, for incremental rebuilds.
    session: Mutex<Option<crate::Loaded>>,
    build: RwLock<Build>,
    /// One channel per open browser tab listening for reloads.
    listeners: Mutex<Vec<mpsc::Sender<()>>>,
}

/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 20;

pub fn serve(options: ServeOptions) -> Result<(), Errors> {
    let root = options.root.clone();
    crate::config::Config::load(&root)?; // a site that can not even be read is a usage error
    let temp = tempfile::Builder::new()
        .prefix("helder-serve-")
        .tempdir()
        .map_err(|e| {
            Errors::from(Diagnostic::usage(msg!(
                "voorbeeld.map-fout",
                reden = crate::error::io_reason(&e)
            )))
        })?;
    let out = temp.path().join("site");
    // Ctrl+C ends the process without unwinding: remove the preview first.
    let preview = temp.path().to_path_buf();
    let _ = ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&preview);
        eprintln!();
        std::process::exit(0);
    });
    let state = Arc::new(State {
        root: root.clone(),
        session: Mutex::new(None),
        out: out.clone(),
        build: RwLock::new(Build {
            errors: None,
            overlays: HashMap::new(),
            dashboard: String::new(),
        }),
        listeners: Mutex::new(Vec::new()),
    });
    // Watch before the first build, so no save after start-up is missed.
    let watcher_state = Arc::clone(&state);
    let _watcher = watch::start(&root, &out, move |changed| {
        if !update(&watcher_state, &changed) {
            rebuild(&watcher_state);
        }
        let mut listeners = watcher_state
            .listeners
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        listeners.retain(|tab| tab.send(()).is_ok());
    })?;
    rebuild(&state);

    let (server, port) = bind(options.bind, options.port)?;
    let url = format!("http://{}:{port}/", display_host(options.bind));
    if options.port != 0 && port != options.port {
        eprintln!(
            "{}",
            msg!(
                "voorbeeld.poort-bezet",
                gevraagd = options.port,
                poort = port
            )
        );
    }
    eprintln!("{}", msg!("voorbeeld.adres", adres = url));
    if options.open {
        if let Err(e) = open::that(&url) {
            eprintln!("{}", msg!("voorbeeld.browser-fout", fout = e, adres = url));
        }
    }

    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || respond(&state, request));
    }
    drop(temp);
    Ok(())
}

fn display_host(addr: IpAddr) -> String {
    match addr {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

/// Listens on `port`, or the next free one; port 0 lets the system choose.
fn bind(addr: IpAddr, port: u16) -> Result<(tiny_http::Server, u16), Errors> {
    let tries = if port == 0 { 1 } else { PORT_TRIES };
    let mut last = String::new();
    for p in (0..tries).map(|i| port.saturating_add(i)) {
        match tiny_http::Server::http((addr, p)) {
            Ok(server) => {
                let actual = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(p);
                return Ok((server, actual));
            }
            Err(e) => {
                last = match e.downcast_ref::<std::io::Error>() {
                    Some(io) => crate::error::io_reason(io),
                    None => e.to_string(),
                }
            }
        }
    }
    Err(Diagnostic::usage(msg!(
        "voorbeeld.luisteren-fout",
        adres = addr,
        van = port,
        tot = port.saturating_add(tries - 1),
        fout = last
    ))
    .help(msg!("voorbeeld.luisteren-fout-hulp"))
    .into())
}

/// Builds everything into the preview folder and keeps what the pages need.
fn rebuild(state: &State) {
    let started = Instant::now();
    let options = BuildOptions {
        root: state.root.clone(),
        out: Some(state.out.clone()),
        drafts: true,
        preview: true,
        ..Default::default()
    };
    let mut session = state.session.lock().unwrap_or_else(|e| e.into_inner());
    let next = match crate::build_keeping(&options) {
        Ok((report, loaded)) => {
            for warning in &report.warnings {
                eprintln!("{}", warning.as_warning());
            }
            eprintln!(
                "{}",
                msg!(
                    "voorbeeld.gebouwd",
                    aantal = report.summary.pages,
                    ms = started.elapsed().as_millis(),
                    taal = report.plain_language
                )
            );
            let build = Build {
                errors: None,
                overlays: pages::overlays(&loaded),
                dashboard: pages::dashboard(&loaded),
            };
            *session = Some(loaded);
            build
        }
        Err(errors) => {
            eprintln!("{errors}");
            *session = None;
            let previous = state.build.read().unwrap_or_else(|e| e.into_inner());
            Build {
                errors: Some(errors),
                overlays: previous.overlays.clone(),
                dashboard: previous.dashboard.clone(),
            }
        }
    };
    *state.build.write().unwrap_or_else(|e| e.into_inner()) = next;
}

/// The incremental rebuild: when only existing pages' bodies changed, only
/// what shows them is written again. False when a full build is needed.
fn update(state: &State, changed: &[PathBuf]) -> bool {
    let started = Instant::now();
    let content_dir = state.root.join(crate::content::CONTENT_DIR);
    let mut pages = Vec::new();
    for path in changed {
        match path.strip_prefix(&content_dir) {
            Ok(rel) if path.is_file() && rel.extension().is_some_and(|e| e == "md") => pages.push(
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            ),
            _ => return false,
        }
    }
    let mut session = state.session.lock().unwrap_or_else(|e| e.into_inner());
    let Some(loaded) = session.as_mut() else {
        return false;
    };
    for content_path in &pages {
        match loaded.update_page(content_path, &state.out) {
            Ok(true) => {}
            Ok(false) => return false,
            Err(errors) => {
                // Shown like any failed build; the next save builds in full.
                eprintln!("{errors}");
                let mut build = state.build.write().unwrap_or_else(|e| e.into_inner());
                build.errors = Some(errors);
                *session = None;
                return true;
            }
        }
    }
    let mut build = state.build.write().unwrap_or_else(|e| e.into_inner());
    build.errors = None;
    for content_path in &pages {
        if let Some(id) = loaded.content.page_at(content_path) {
            build.overlays.extend(pages::overlays_of(loaded, id));
        }
    }
    build.dashboard = pages::dashboard(loaded);
    eprintln!(
        "{}",
        msg!(
            "voorbeeld.bijgewerkt",
            paginas = pages.join(", "),
            ms = started.elapsed().as_millis()
        )
    );
    true
}

fn respond(state: &State, request: tiny_http::Request) {
    let raw = request.url().to_string();
    let path = raw.split(['?', '#']).next().unwrap_or("/").to_string();
    let result = match path.as_str() {
        "/_helder/events" => return events(state, request),
        "/_helder/reload.js" => Reply::ok(
            "text/javascript; charset=utf-8",
            pages::RELOAD_JS.as_bytes().to_vec(),
        ),
        "/_helder" | "/_helder/" => {
            let build = state.build.read().unwrap_or_else(|e| e.into_inner());
            Reply::ok(
                "text/html; charset=utf-8",
                pages::with_reload(&build.dashboard).into_bytes(),
            )
        }
        _ => file_reply(state, &path),
    };
    let mut response = tiny_http::Response::from_data(result.body).with_status_code(result.status);
    for (name, value) in result.headers {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn ok(content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            headers: vec![
                ("Content-Type".into(), content_type.into()),
                ("Cache-Control".into(), "no-store".into()),
            ],
            body,
        }
    }

    fn html(status: u16, body: String) -> Reply {
        Reply {
            status,
            ..Reply::ok(
                "text/html; charset=utf-8",
                pages::with_reload(&body).into_bytes(),
            )
        }
    }
}

/// A file of the built site, with the preview additions on HTML pages.
fn file_reply(state: &State, url_path: &str) -> Reply {
    let Some(rel) = safe_relative(url_path) else {
        return Reply::html(
            400,
            pages::message(
                &msg!("voorbeeld.adres-fout-titel"),
                &msg!("voorbeeld.adres-fout"),
            ),
        );
    };
    let mut file = state.out.join(&rel);
    let mut rel = rel;
    if file.is_dir() {
        if !url_path.ends_with('/') {
            // Relative links inside the page need the trailing slash.
            return Reply {
                status: 301,
                headers: vec![("Location".into(), format!("{url_path}/"))],
                body: Vec::new(),
            };
        }
        file = file.join("index.html");
        rel = format!(
            "{}index.html",
            if rel.is_empty() {
                String::new()
            } else {
                format!("{rel}/")
            }
        );
    }
    let build = state.build.read().unwrap_or_else(|e| e.into_inner());
    let is_html = rel.ends_with(".html");
    if let (Some(errors), true) = (&build.errors, is_html) {
        return Reply::html(500, pages::errors(errors));
    }
    match std::fs::read(&file) {
        Ok(bytes) if is_html => {
            let html = String::from_utf8_lossy(&bytes);
            let overlay = build.overlays.get(&rel).map(String::as_str).unwrap_or("");
            Reply::ok(
                "text/html; charset=utf-8",
                pages::inject(&html, overlay).into_bytes(),
            )
        }
        Ok(bytes) => Reply::ok(content_type(&rel), bytes),
        Err(_) => Reply::html(404, pages::not_found(url_path)),
    }
}

/// The URL path as a path inside the output, or None when it tries to leave
/// it (`..`, an absolute or Windows path, a NUL).
fn safe_relative(url_path: &str) -> Option<String> {
    let decoded = percent_decode(url_path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let trimmed = decoded.trim_start_matches('/');
    let path = Path::new(trimmed);
    if path
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return None;
    }
    Some(trimmed.trim_end_matches('/').to_string())
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            let (h, l) = (hex(*bytes.get(i + 1)?)?, hex(*bytes.get(i + 2)?)?);
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ics" => "text/calendar; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

/// Server-sent events: "reload" after every rebuild, a comment every 15 s so
/// a closed tab is noticed.
fn events(state: &State, request: tiny_http::Request) {
    let (tx, rx) = mpsc::channel();
    state
        .listeners
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(tx);
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: helder\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(()) => "data: reload\n\n",
            Err(mpsc::RecvTimeoutError::Timeout) => ": ping\n\n",
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_may_not_leave_the_output() {
        assert_eq!(safe_relative("/groep-5/").as_deref(), Some("groep-5"));
        assert_eq!(safe_relative("/").as_deref(), Some(""));
        assert_eq!(safe_relative("/caf%C3%A9/").as_deref(), Some("café"));
        assert_eq!(safe_relative("/../etc/passwd"), None);
        assert_eq!(safe_relative("/a/%2e%2e/%2e%2e/x"), None);
        assert_eq!(safe_relative("/a\\..\\b"), None);
        assert_eq!(safe_relative("/%00"), None);
        assert_eq!(safe_relative("/%zz"), None);
    }
}
