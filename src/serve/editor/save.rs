//! "Opslaan": the form's page written into `content/` in one step (a
//! temporary file beside it, then a rename), unless the file changed on disk
//! since the form was opened. The watcher then rebuilds the preview as for
//! any save.

use std::path::Path;
use std::sync::Mutex;

use serde_json::json;

use crate::content::{self, LoadOptions};
use crate::msg;

use super::super::http::Response;
use super::super::State;
use super::change;

use super::{error_json, json, preview};

/// One save at a time: the check for a change on disk and the write must
/// not interleave with another tab's save.
static SAVING: Mutex<()> = Mutex::new(());

pub(super) fn respond(state: &State, body: &[u8]) -> Response {
    let (change, file) = match super::page_change(state, body) {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let _one = SAVING.lock().unwrap_or_else(|e| e.into_inner());
    let on_disk = match std::fs::read(&file) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return io_error(&e),
    };
    let unchanged = match &on_disk {
        Some(bytes) => change.hash == change::hash(bytes),
        None => change.hash.is_empty(),
    };
    if !unchanged {
        let message = if change.hash.is_empty() {
            msg!("bewerken.bestaat-al", pad = change.pad)
        } else {
            msg!("bewerken.veranderd", pad = change.pad)
        };
        let disk = on_disk.as_deref().map(String::from_utf8_lossy);
        return json(409, &json!({ "fout": message, "schijf": disk }));
    }
    let existing = on_disk.as_deref().map(String::from_utf8_lossy);
    let text = change::file_text(existing.as_deref(), &change.velden, &change.tekst);
    // A page that would not even be read is not written: the site would
    // stop building. Its errors are shown in the form instead.
    let config = match crate::config::Config::load(&state.root) {
        Ok(config) => config,
        Err(errors) => return json(422, &preview::errors_json(&errors, 1)),
    };
    let options = LoadOptions {
        include_drafts: true,
    };
    if let Err(errors) = content::page_from_bytes(&config, text.as_bytes(), &change.pad, options) {
        let body_line = content::frontmatter::split(&text).map_or(1, |s| s.body_line);
        return json(422, &preview::errors_json(&errors, body_line));
    }
    if let Err(e) = write_atomically(&file, text.as_bytes()) {
        return io_error(&e);
    }
    json(
        200,
        &json!({ "hash": change::hash(text.as_bytes()), "melding": msg!("bewerken.opgeslagen") }),
    )
}

/// Writes `bytes` to a temporary file in `file`'s folder and renames it over
/// `file`: a reader (the watcher, the build) sees the old or the new file,
/// never half of one.
pub(super) fn write_atomically(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // Hidden and `.tmp`: the watcher and the build skip it.
    let mut temp = tempfile::Builder::new()
        .prefix(".helder-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

fn io_error(e: &std::io::Error) -> Response {
    json(
        500,
        &error_json(&msg!(
            "bewerken.schrijf-fout",
            reden = crate::error::io_reason(e)
        )),
    )
}
