//! The live preview: the form's page rendered through the build's own
//! stages (the page read as a file, its Markdown rendered against the whole
//! site, its plain language analysed), with the findings and their lines.
//! Nothing is written.

use std::path::Path;

use serde_json::json;

use crate::content::{self, LoadOptions};
use crate::error::Errors;
use crate::markdown;
use crate::msg;
use crate::plain::Level;
use crate::site::links::Linker;
use crate::Loaded;

use super::super::http::Response;
use super::super::State;
use super::change;

use super::{error_json, json};

pub(super) fn respond(state: &State, body: &[u8]) -> Response {
    let (change, file) = match super::page_change(state, body) {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let existing = std::fs::read_to_string(&file).ok();
    let text = change::file_text(existing.as_deref(), &change.velden, &change.tekst);
    let session = state.session.lock().unwrap_or_else(|e| e.into_inner());
    let Some(loaded) = session.as_ref() else {
        return json(200, &error_json(&msg!("bewerken.site-fout")));
    };
    json(200, &render(loaded, &change.pad, &text))
}

/// `text` as the page at `content_path` would be built: its HTML, its
/// findings, or the errors that stop it from building.
fn render(loaded: &Loaded, content_path: &str, text: &str) -> serde_json::Value {
    let options = LoadOptions {
        include_drafts: true,
    };
    let body_line = content::frontmatter::split(text)
        .map(|s| s.body_line)
        .unwrap_or(1);
    let page =
        match content::page_from_bytes(&loaded.config, text.as_bytes(), content_path, options) {
            Ok(Some(page)) => page,
            Ok(None) => return json!({ "fouten": [] }),
            Err(errors) => return errors_json(&errors, body_line),
        };
    let ctx = markdown::Context {
        content: &loaded.content,
        shortcodes: &loaded.theme,
        glossary: Some(&loaded.glossary),
        safe_html: loaded.config.safe_html,
    };
    let rendered = match markdown::render(&page, &ctx) {
        Ok(rendered) => rendered,
        Err(errors) => return errors_json(&errors, body_line),
    };
    let report = crate::plain::analyse(
        &page,
        &rendered.text_blocks,
        &rendered.unlabelled_media,
        &loaded.config.plain_language,
        &loaded.glossary,
    );
    let (site, from_dir) = place(loaded, content_path);
    let roots: Vec<String> = loaded.sites.iter().map(|s| s.root.clone()).collect();
    let html = match site {
        Some(site) => {
            let linker = Linker {
                content: &loaded.content,
                site,
                base_url: loaded.config.base_url.as_deref(),
                built_roots: &roots,
            };
            rendered.html_for(|target| linker.resolve(&from_dir, target))
        }
        None => rendered.html_for(|_| String::new()),
    };
    let findings: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| {
            json!({
                "regel": f.line,
                "fout": f.level == Level::Error,
                "id": f.rule.id(),
                "bericht": f.message,
                "voorstel": f.suggestion,
                "tekst": f.excerpt,
            })
        })
        .collect();
    json!({
        "titel": page.meta.title,
        "html": html,
        "basis": format!("/{from_dir}"),
        "bevindingen": findings,
        "tekstregel": body_line,
        "niveau": report.level,
        "fouten": [],
    })
}

/// The site that shows the page and the output folder it is written in
/// (ending in `/`); a new page is placed in the school site, in its folder.
fn place<'a>(loaded: &'a Loaded, content_path: &str) -> (Option<&'a crate::site::Site>, String) {
    if let Some(id) = loaded.content.page_at(content_path) {
        if let Some(site) = loaded.sites.iter().find(|s| s.contains(id)) {
            let file = site.page_file(id, &loaded.content.pages[id]);
            let dir = markdown::links::parent_dir(&file);
            return (
                Some(site),
                if dir.is_empty() {
                    dir.into()
                } else {
                    format!("{dir}/")
                },
            );
        }
    }
    let dir = markdown::links::parent_dir(content_path);
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    (loaded.sites.first(), dir)
}

/// The errors that keep the page from building, with their lines.
pub(super) fn errors_json(errors: &Errors, body_line: usize) -> serde_json::Value {
    let list: Vec<serde_json::Value> = errors
        .0
        .iter()
        .map(|d| {
            json!({
                "regel": d.line,
                "bericht": d.message,
                "hulp": d.help,
                "bestand": d.file.as_deref().map(Path::to_string_lossy),
            })
        })
        .collect();
    json!({ "fouten": list, "tekstregel": body_line })
}
