//! The coordinator's editor in the preview (spec §9): a form per page at
//! `/_helder/bewerk/<path under content/>`, a new page at `/_helder/nieuw`,
//! and the change requests behind them. One job per file: `guard` (who may
//! change which file), `form` (the HTML form), `change` (a form's values as
//! a page file), `preview` (that file rendered as a build renders it),
//! `save` and `image` (writing into `content/`). The script and styles are
//! in `assets/`, hand-written and embedded.

mod change;
mod form;
mod guard;
mod image;
mod preview;
mod save;

use crate::msg;

use super::http::{Method, Request, Response};
use super::State;

/// The editor's part of the server's state.
pub(super) struct Editor {
    /// The session's token (see `guard::new_token`).
    token: String,
    /// `--read-only`: no forms, no changes.
    read_only: bool,
}

impl Editor {
    pub(super) fn new(read_only: bool) -> Editor {
        Editor {
            token: guard::new_token(),
            read_only,
        }
    }

    /// Does the preview show "Bewerk" links?
    pub(super) fn enabled(&self) -> bool {
        !self.read_only && !self.token.is_empty()
    }
}

const JS: &str = include_str!("assets/editor.js");
const CSS: &str = include_str!("assets/editor.css");

/// The largest page text or form a change request may carry.
const MAX_FORM_BODY: usize = 2 * 1024 * 1024;

/// The editor's answer to `request`, or None when it is not the editor's.
pub(super) fn respond(state: &State, request: &Request, path: &str) -> Option<Response> {
    let is_post = matches!(request.method, Method::Post);
    if path == "/_helder/editor.js" && !is_post {
        return Some(asset("text/javascript; charset=utf-8", JS));
    }
    if path == "/_helder/editor.css" && !is_post {
        return Some(asset("text/css; charset=utf-8", CSS));
    }
    let page = path.strip_prefix("/_helder/bewerk/");
    let api = path.strip_prefix("/_helder/api/");
    if page.is_none() && api.is_none() && path != "/_helder/nieuw" {
        return None;
    }
    if let Some(refusal) = refusal(state, request, is_post) {
        return Some(refusal);
    }
    Some(match (api, is_post) {
        (Some(action), true) => {
            if action != "afbeelding" && request.body.len() > MAX_FORM_BODY {
                return Some(json(413, &error_json(&msg!("bewerken.te-groot"))));
            }
            match action {
                "voorbeeld" => preview::respond(state, &request.body),
                "opslaan" => save::respond(state, &request.body),
                "afbeelding" => image::respond(state, &request.target, &request.body),
                _ => json(404, &error_json(&msg!("bewerken.onbekend"))),
            }
        }
        (Some(_), false) | (None, true) => {
            let mut refusal = text(405, &msg!("voorbeeld.http-methode"));
            let allow = if api.is_some() { "POST" } else { "GET, HEAD" };
            refusal.headers.push(("Allow".into(), allow.into()));
            refusal
        }
        (None, false) => match page {
            Some(rel) => form::edit(state, rel),
            None => form::new(state),
        },
    })
}

/// Why the editor will not answer, or None: editing off (403), a host that
/// is not this computer's (403, against DNS rebinding), and for a change
/// request also a foreign or missing origin or a wrong token (403).
fn refusal(state: &State, request: &Request, is_post: bool) -> Option<Response> {
    let editor = &state.editor;
    let reason = if !editor.enabled() {
        msg!("bewerken.uit")
    } else if !guard::host_is_local(request) {
        msg!("bewerken.vreemde-host")
    } else if is_post && !guard::origin_is_own(request) {
        msg!("bewerken.vreemde-herkomst")
    } else if is_post && !guard::token_matches(&editor.token, request.header("x-helder-token")) {
        msg!("bewerken.geen-sleutel")
    } else {
        return None;
    };
    Some(if is_post {
        json(403, &error_json(&reason))
    } else {
        super::html(
            403,
            super::pages::message(&msg!("bewerken.uit-titel"), &reason),
        )
    })
}

fn asset(content_type: &str, body: &str) -> Response {
    super::ok(content_type, body.as_bytes().to_vec())
}

fn text(status: u16, body: &str) -> Response {
    Response {
        status,
        ..super::ok(
            "text/plain; charset=utf-8",
            format!("{body}\n").into_bytes(),
        )
    }
}

pub(super) fn json(status: u16, value: &serde_json::Value) -> Response {
    Response {
        status,
        ..super::ok(
            "application/json; charset=utf-8",
            value.to_string().into_bytes(),
        )
    }
}

/// `{"fout": message}`: what the form shows when a request is refused.
/// A page change request (preview or save) and the page file it names
/// under content/, or the 400 answer saying what is wrong.
fn page_change(
    state: &State,
    body: &[u8],
) -> Result<(change::Change, std::path::PathBuf), Response> {
    let Some(change) = change::Change::from_json(body) else {
        return Err(json(400, &error_json(&msg!("bewerken.verzoek-fout"))));
    };
    match guard::content_file(&state.root, &change.pad, guard::Wanted::Page) {
        Some(file) => Ok((change, file)),
        None => Err(json(
            400,
            &error_json(&msg!("bewerken.pad-fout", pad = change.pad)),
        )),
    }
}

fn error_json(message: &str) -> serde_json::Value {
    serde_json::json!({ "fout": message })
}

/// The "Bewerk" link a previewed page gets (never a built file).
pub(super) fn edit_link(content_path: &str) -> String {
    format!(
        "<a href=\"/_helder/bewerk/{}\" style=\"position:fixed;top:0.5rem;right:0.5rem;z-index:99;background:#0b5394;color:#fff;padding:0.4rem 0.9rem;border-radius:0.4rem;font:600 16px/1.3 system-ui,sans-serif;text-decoration:underline\">{}</a>\n",
        crate::markdown::highlight::escape(&percent_encoding::utf8_percent_encode(content_path, PATH).to_string()),
        msg!("bewerken.link")
    )
}

/// What a content path keeps when it becomes part of an address.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.');
