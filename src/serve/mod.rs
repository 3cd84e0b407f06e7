//! `helder serve`: a live preview. Builds the site into a temporary folder,
//! serves it on 127.0.0.1, rebuilds when a file changes and tells open browser
//! tabs to reload (server-sent events). A build error never stops the server:
//! the browser shows the error page until the next good save.
//!
//! It reuses the build stages as they are; only the HTML sent to the browser
//! gets the reload script and the plain-language overlay (never the files).

mod editor;
mod http;
mod pages;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Instant, SystemTime};

use crate::error::{Diagnostic, Errors};
use crate::msg;
use crate::site::layout::INDEX;
use crate::BuildOptions;

pub struct ServeOptions {
    pub root: PathBuf,
    /// 0: any free port.
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
    /// `--read-only`: the preview shows no "Bewerk" links and refuses changes.
    pub read_only: bool,
}

/// What the last build left for the server to show.
struct Build {
    /// The folder of the last good build, served as it is; None until the
    /// first build succeeds. Every full build goes into a new folder and
    /// replaces this one under the write lock, and the incremental update
    /// replaces files in it by renaming (never by rewriting them in place),
    /// so a request never reads a half-written page.
    out: Option<PathBuf>,
    /// The errors of the last build, shown instead of the pages.
    errors: Option<Errors>,
    /// Output path (relative, `/`-separated) → overlay HTML for that page.
    overlays: HashMap<String, String>,
    /// Output path (relative, `/`-separated) → the page's path under
    /// `content/`, for its "Bewerk" link.
    sources: HashMap<String, String>,
    dashboard: String,
}

struct State {
    root: PathBuf,
    /// The temporary folder holding the builds (`site-1`, `site-2`...).
    preview: PathBuf,
    /// The number of the next build folder.
    next_build: AtomicU64,
    /// The site as last built, for incremental rebuilds.
    session: Mutex<Option<crate::Loaded>>,
    build: RwLock<Build>,
    /// One channel per open browser tab listening for reloads.
    listeners: Mutex<Vec<mpsc::Sender<()>>>,
    editor: editor::Editor,
}

/// What a rebuild after a change did.
#[derive(PartialEq)]
enum Outcome {
    /// The new site, or its errors, are shown.
    Shown,
    /// The build failed while a changed file was still being written (an
    /// editor saving in place); nothing was shown, build again when the file
    /// is quiet.
    Unsettled,
}

/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 20;

pub fn serve(options: ServeOptions) -> Result<(), Errors> {
    let root = options.root.clone();
    crate::config::Config::load(&root)?; // a site that can not even be read is a usage error
                                         // The process id in the name: a later preview can tell a folder left
                                         // by one that was killed (see remove_stale_previews).
    let prefix = format!("{PREVIEW_PREFIX}{}-", std::process::id());
    let mut folder = tempfile::Builder::new();
    folder.prefix(&prefix);
    let parent = in_memory_folder().unwrap_or_else(std::env::temp_dir);
    remove_stale_previews(&parent);
    let temp = folder
        .tempdir_in(&parent)
        .or_else(|_| folder.tempdir())
        .map_err(|e| {
            Errors::from(Diagnostic::usage(msg!(
                "voorbeeld.map-fout",
                reden = crate::error::io_reason(&e)
            )))
        })?;
    // Ctrl+C ends the process without unwinding: remove the preview first.
    let preview = temp.path().to_path_buf();
    let _ = ctrlc::set_handler(move || {
        // A rebuild may be writing into it meanwhile (a removal then fails
        // on a folder that just got a file): again until it is gone. What
        // a rebuild still makes after that, the next preview removes.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&preview).is_ok() || !preview.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        eprintln!();
        std::process::exit(0);
    });
    let state = Arc::new(State {
        root: root.clone(),
        preview: temp.path().to_path_buf(),
        next_build: AtomicU64::new(1),
        session: Mutex::new(None),
        build: RwLock::new(Build {
            out: None,
            errors: None,
            overlays: HashMap::new(),
            sources: HashMap::new(),
            dashboard: String::new(),
        }),
        listeners: Mutex::new(Vec::new()),
        editor: editor::Editor::new(options.read_only),
    });
    // Watch before the first build, so no save after start-up is missed.
    let watcher_state = Arc::clone(&state);
    let _watcher = watch::start(&root, temp.path(), move |changed, last_try| {
        let outcome = match update(&watcher_state, changed, last_try) {
            Some(outcome) => outcome,
            None => match update_settings(&watcher_state, changed, last_try) {
                Some(outcome) => outcome,
                None => rebuild(&watcher_state, changed, last_try),
            },
        };
        if outcome == Outcome::Unsettled {
            return false;
        }
        let mut listeners = watcher_state
            .listeners
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        listeners.retain(|tab| tab.send(()).is_ok());
        true
    })?;
    rebuild(&state, &[], true);

    let (listener, port) = bind(options.bind, options.port)?;
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

    let handler_state = Arc::clone(&state);
    http::run(
        listener,
        Arc::new(move |request| respond(&handler_state, request)),
    );
    drop(temp);
    Ok(())
}

/// The start of a preview folder's name, before its process id.
const PREVIEW_PREFIX: &str = "helder-serve-";

/// Removes the preview folders in `parent` whose `helder serve` is gone
/// (killed, so it could not clean up): in memory they would hold their
/// megabytes until the computer restarts. Only on Linux, where a process's
/// folder in /proc says it still runs; a folder of a running preview, or
/// one whose name does not name a process, is left alone.
fn remove_stale_previews(parent: &Path) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREVIEW_PREFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok());
        if let Some(pid) = pid {
            if !Path::new("/proc").join(pid.to_string()).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Where the preview's folder goes when it can: in memory (`/dev/shm`, a
/// tmpfs on Linux), unless `TMPDIR` names another place. A theme or
/// book.toml change writes every page again; on this project's test
/// machine's disk, with the previous preview's files just removed, finding
/// room for new files made that 2-4x slower at 5,000 pages.
fn in_memory_folder() -> Option<PathBuf> {
    if std::env::var_os("TMPDIR").is_some() {
        return None;
    }
    let shm = Path::new("/dev/shm");
    (cfg!(target_os = "linux") && shm.is_dir()).then(|| shm.to_path_buf())
}

fn display_host(addr: IpAddr) -> String {
    match addr {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

/// Listens on `port`, or the next free one; port 0 lets the system choose.
fn bind(addr: IpAddr, port: u16) -> Result<(std::net::TcpListener, u16), Errors> {
    let tries = if port == 0 { 1 } else { PORT_TRIES };
    let mut last = String::new();
    for p in (0..tries).map(|i| port.saturating_add(i)) {
        match http::listen(SocketAddr::new(addr, p)) {
            Ok(listener) => {
                let actual = listener.local_addr().map(|a| a.port()).unwrap_or(p);
                return Ok((listener, actual));
            }
            Err(e) => last = crate::error::io_reason(&e),
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

/// Builds everything into a new folder of the preview and, when that
/// worked, serves it from then on.
fn rebuild(state: &State, changed: &[PathBuf], last_try: bool) -> Outcome {
    let started = Instant::now();
    let started_at = SystemTime::now();
    let out = state.preview.join(format!(
        "site-{}",
        state.next_build.fetch_add(1, Ordering::Relaxed)
    ));
    let options = BuildOptions {
        root: state.root.clone(),
        out: Some(out.clone()),
        drafts: true,
        preview: true,
        ..Default::default()
    };
    let mut session = state.session.lock().unwrap_or_else(|e| e.into_inner());
    match crate::build_keeping(&options) {
        Ok((report, loaded)) => {
            for warning in &report.warnings {
                eprintln!("{warning}");
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
            show(state, out, &loaded);
            *session = Some(loaded);
        }
        Err(_) if !last_try && watch::still_being_written(changed, started_at) => {
            return Outcome::Unsettled;
        }
        Err(errors) => {
            *session = None;
            // The previous good build stays in place, for the next good save.
            show_errors(state, errors);
        }
    }
    Outcome::Shown
}

/// A failed build's errors: in the terminal, and in the browser instead of
/// the pages until a build succeeds.
fn show_errors(state: &State, errors: Errors) {
    eprintln!("{errors}");
    state
        .build
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .errors = Some(errors);
}

/// Serves the build in `out` from now on, in place of the last one.
fn show(state: &State, out: PathBuf, loaded: &crate::Loaded) {
    let build = Build {
        out: Some(out),
        errors: None,
        overlays: pages::overlays(loaded),
        sources: pages::sources(loaded),
        dashboard: pages::dashboard(loaded),
    };
    let old = std::mem::replace(
        &mut *state.build.write().unwrap_or_else(|e| e.into_inner()),
        build,
    );
    // No request reads the old folder any more (they read under the lock
    // just given up); removing it may take a while.
    if let Some(old) = old.out {
        std::thread::spawn(move || std::fs::remove_dir_all(old));
    }
}

/// The rebuild after only the theme (themes/, static/) or book.toml
/// changed: the pages are not read, rendered or analysed again, only the
/// sites planned and written again (`Loaded::update_settings`) into a new
/// folder. None when a full build is needed.
fn update_settings(state: &State, changed: &[PathBuf], last_try: bool) -> Option<Outcome> {
    let started = Instant::now();
    let started_at = SystemTime::now();
    let book = state.root.join("book.toml");
    let in_theme = |path: &PathBuf| {
        ["themes", "static"]
            .iter()
            .any(|dir| path.starts_with(state.root.join(dir)))
    };
    if changed.is_empty() || !changed.iter().all(|p| *p == book || in_theme(p)) {
        return None;
    }
    let mut session = state.session.lock().unwrap_or_else(|e| e.into_inner());
    let loaded = session.as_mut()?;
    // The glossary (read with the pages) may live in static/.
    if let Some(glossary) = &loaded.config.plain_language.glossary {
        if changed.contains(&loaded.config.root.join(glossary)) {
            return None;
        }
    }
    let out = state.preview.join(format!(
        "site-{}",
        state.next_build.fetch_add(1, Ordering::Relaxed)
    ));
    let config_changed = changed.contains(&book);
    match loaded.update_settings(config_changed, &out) {
        Ok(None) => None,
        Ok(Some(summary)) => {
            if config_changed {
                for warning in loaded.settings_warnings() {
                    eprintln!("{warning}");
                }
            }
            show(state, out, loaded);
            eprintln!(
                "{}",
                msg!(
                    "voorbeeld.vormgeving-bijgewerkt",
                    aantal = summary.pages,
                    ms = started.elapsed().as_millis()
                )
            );
            Some(Outcome::Shown)
        }
        Err(_) if !last_try && watch::still_being_written(changed, started_at) => {
            Some(Outcome::Unsettled)
        }
        Err(errors) => {
            // Shown like any failed build; the next save builds in full.
            *session = None;
            show_errors(state, errors);
            Some(Outcome::Shown)
        }
    }
}

/// The incremental rebuild: when only existing pages' bodies changed, only
/// what shows them is written again. None when a full build is needed.
fn update(state: &State, changed: &[PathBuf], last_try: bool) -> Option<Outcome> {
    let started = Instant::now();
    let started_at = SystemTime::now();
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
            _ => return None,
        }
    }
    let mut session = state.session.lock().unwrap_or_else(|e| e.into_inner());
    let loaded = session.as_mut()?;
    let out = state
        .build
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .out
        .clone()?;
    for content_path in &pages {
        match loaded.update_page(content_path, &out) {
            Ok(true) => {}
            Ok(false) => return None,
            Err(_) if !last_try && watch::still_being_written(changed, started_at) => {
                return Some(Outcome::Unsettled);
            }
            Err(errors) => {
                // Shown like any failed build; the next save builds in full.
                eprintln!("{errors}");
                let mut build = state.build.write().unwrap_or_else(|e| e.into_inner());
                build.errors = Some(errors);
                *session = None;
                return Some(Outcome::Shown);
            }
        }
    }
    let mut build = state.build.write().unwrap_or_else(|e| e.into_inner());
    build.errors = None;
    for content_path in &pages {
        if let Some(id) = loaded.content.page_at(content_path) {
            build.overlays.extend(pages::overlays_of(loaded, id));
            build.sources.extend(pages::sources_of(loaded, id));
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
    Some(Outcome::Shown)
}

fn respond(state: &State, request: &http::Request) -> http::Answer {
    let path = request.target.split(['?', '#']).next().unwrap_or("/");
    if let Some(response) = editor::respond(state, request, path) {
        return http::Answer::Reply(response);
    }
    if matches!(request.method, http::Method::Post) {
        let mut refusal = http::Response {
            status: 405,
            ..ok(
                "text/plain; charset=utf-8",
                format!("{}\n", msg!("voorbeeld.http-methode")).into_bytes(),
            )
        };
        refusal.headers.push(("Allow".into(), "GET, HEAD".into()));
        return http::Answer::Reply(refusal);
    }
    http::Answer::Reply(match path {
        "/_helder/events" => {
            let (tx, rx) = mpsc::channel();
            state
                .listeners
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(tx);
            return http::Answer::Events(rx);
        }
        "/_helder/reload.js" => ok(
            "text/javascript; charset=utf-8",
            pages::RELOAD_JS.as_bytes().to_vec(),
        ),
        "/_helder" | "/_helder/" => {
            let build = state.build.read().unwrap_or_else(|e| e.into_inner());
            ok(
                "text/html; charset=utf-8",
                pages::with_reload(&build.dashboard).into_bytes(),
            )
        }
        _ => file_reply(state, path),
    })
}

fn ok(content_type: &str, body: Vec<u8>) -> http::Response {
    http::Response {
        status: 200,
        headers: vec![
            ("Content-Type".into(), content_type.into()),
            ("Cache-Control".into(), "no-store".into()),
        ],
        body,
    }
}

fn html(status: u16, body: String) -> http::Response {
    http::Response {
        status,
        ..ok(
            "text/html; charset=utf-8",
            pages::with_reload(&body).into_bytes(),
        )
    }
}

/// A file of the built site, with the preview additions on HTML pages.
fn file_reply(state: &State, url_path: &str) -> http::Response {
    let Some(rel) = safe_relative(url_path) else {
        return html(
            400,
            pages::message(
                &msg!("voorbeeld.adres-fout-titel"),
                &msg!("voorbeeld.adres-fout"),
            ),
        );
    };
    // Read under the lock: a full rebuild swaps the folder only when no
    // request is reading from it.
    let build = state.build.read().unwrap_or_else(|e| e.into_inner());
    let Some(out) = &build.out else {
        return match &build.errors {
            Some(errors) if url_path.ends_with('/') || url_path.ends_with(".html") => {
                html(500, pages::errors(errors))
            }
            _ => html(404, pages::not_found(url_path)),
        };
    };
    let mut file = out.join(&rel);
    let mut rel = rel;
    if file.is_dir() {
        if !url_path.ends_with('/') {
            // Relative links inside the page need the trailing slash.
            return http::Response {
                status: 301,
                headers: vec![("Location".into(), format!("{url_path}/"))],
                body: Vec::new(),
            };
        }
        file = file.join(INDEX);
        rel = format!(
            "{}{INDEX}",
            if rel.is_empty() {
                String::new()
            } else {
                format!("{rel}/")
            }
        );
    }
    let is_html = rel.ends_with(".html");
    if let (Some(errors), true) = (&build.errors, is_html) {
        return html(500, pages::errors(errors));
    }
    match std::fs::read(&file) {
        Ok(bytes) if is_html => {
            let page = String::from_utf8_lossy(&bytes);
            let mut overlay = build.overlays.get(&rel).cloned().unwrap_or_default();
            if let (Some(source), true) = (build.sources.get(&rel), state.editor.enabled()) {
                overlay.push_str(&editor::edit_link(source));
            }
            ok(
                "text/html; charset=utf-8",
                pages::inject(&page, &overlay).into_bytes(),
            )
        }
        Ok(bytes) => ok(crate::formats::media_type(&rel), bytes),
        Err(_) => html(404, pages::not_found(url_path)),
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
