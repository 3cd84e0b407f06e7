//! Private sites (spec §6): what must stay among a class's parents or the
//! team is encrypted at build time and opened in the browser with a code.
//!
//! - [`seal`]: the cipher and the envelope format (AES-256-GCM, a key per
//!   site and build from the code by PBKDF2-HMAC-SHA256).
//! - [`codes`]: `codes.toml`, `HELDER_CODE_<ID>`, new codes, their strength.
//!
//! The browser side is `themes/helder/static/assets/slot.js`; its contract
//! with the page shell is described at the top of that file.

pub mod codes;
pub mod seal;

pub use codes::{Codes, CODES_FILE};
pub use seal::{SealError, SiteKey};

#[cfg(test)]
mod tests;
