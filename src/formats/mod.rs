//! File formats helder writes, as leaf modules: plain data in, bytes or text
//! out, and an error type of their own for what can go wrong.
//!
//! Nothing here imports anything of the crate (no `use crate::`, not even
//! `msg!`): a format knows neither book.toml nor pages nor the Dutch
//! message catalogue. The crate fills the format's input from its own data
//! and turns a format's error into a `Diagnostic` with a Dutch text at the
//! call site (`output::format_messages`, and the `qr` shortcode in `theme`).
//!
//! The files are named after the format, not after what helder uses it for:
//! `ical` writes the iCalendar file that is a site's `agenda.ics`, `atom` the
//! Atom feed that is its `feed.xml`.

pub(crate) mod atom;
pub(crate) mod ical;
pub(crate) mod images;
pub(crate) mod initials;
pub(crate) mod pptx;
pub(crate) mod qr;
pub(crate) mod raster;

/// The media type of a file, from its name (what a server sends, and what
/// the browser is told an encrypted file is once opened).
pub(crate) fn media_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ics" => "text/calendar; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}
