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
pub(crate) mod pptx;
pub(crate) mod qr;
