//! An image picked or dropped in the form: checked (PNG, JPEG, GIF or WebP
//! by its first bytes, at most 20 MB), saved beside the page under a safe
//! name that does not overwrite another file. The build resizes it as any
//! image; the form inserts it with the alt text the writer gives.

use serde_json::json;

use crate::msg;

use super::super::http::Response;
use super::super::State;
use super::guard::{self, Wanted};
use super::{error_json, json};

/// The largest image the editor takes (spec §9).
const MAX_IMAGE: usize = 20 * 1024 * 1024;

/// `target` is `/_helder/api/afbeelding?pagina=<page path>&naam=<file name>`.
pub(super) fn respond(state: &State, target: &str, body: &[u8]) -> Response {
    if body.len() > MAX_IMAGE {
        return json(413, &error_json(&msg!("bewerken.afbeelding-te-groot")));
    }
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or("");
    let value = |name: &str| {
        query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == name).then(|| {
                percent_encoding::percent_decode_str(&v.replace('+', " "))
                    .decode_utf8()
                    .ok()
                    .map(|s| s.into_owned())
            })?
        })
    };
    let (Some(page), Some(name)) = (value("pagina"), value("naam")) else {
        return json(400, &error_json(&msg!("bewerken.verzoek-fout")));
    };
    if guard::content_file(&state.root, &page, Wanted::Page).is_none() {
        return json(400, &error_json(&msg!("bewerken.pad-fout", pad = page)));
    }
    let Some(name) = guard::image_name(&name) else {
        return json(415, &error_json(&msg!("bewerken.afbeelding-soort")));
    };
    let known = matches!(
        image::guess_format(body),
        Ok(image::ImageFormat::Png
            | image::ImageFormat::Jpeg
            | image::ImageFormat::Gif
            | image::ImageFormat::WebP)
    );
    if !known {
        return json(415, &error_json(&msg!("bewerken.afbeelding-soort")));
    }
    let dir = crate::markdown::links::parent_dir(&page);
    let (stem, extension) = name.rsplit_once('.').unwrap_or((&name, ""));
    for n in 1..100 {
        let file_name = if n == 1 {
            name.clone()
        } else {
            format!("{stem}-{n}.{extension}")
        };
        let rel = if dir.is_empty() {
            file_name.clone()
        } else {
            format!("{dir}/{file_name}")
        };
        let Some(file) = guard::content_file(&state.root, &rel, Wanted::Image) else {
            return json(400, &error_json(&msg!("bewerken.pad-fout", pad = rel)));
        };
        if file.symlink_metadata().is_ok() {
            continue; // never over another file
        }
        return match super::save::write_atomically(&file, body) {
            Ok(()) => json(200, &json!({ "naam": file_name, "pad": rel })),
            Err(e) => json(
                500,
                &error_json(&msg!(
                    "bewerken.schrijf-fout",
                    reden = crate::error::io_reason(&e)
                )),
            ),
        };
    }
    json(409, &error_json(&msg!("bewerken.afbeelding-te-veel")))
}
