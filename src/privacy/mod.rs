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

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::error::{Diagnostic, Errors};

pub use codes::{Codes, CODES_FILE};
pub use seal::{SealError, SiteKey};

/// One key per private site for this build, derived in parallel (each
/// takes a fifth of a second on purpose). Every site in `private` must
/// have a code: call [`Codes::require`] first for the messages.
pub fn derive_keys(codes: &Codes, private: &[&str]) -> Result<BTreeMap<String, SiteKey>, Errors> {
    derive_keys_with(codes, private, seal::ITERATIONS)
}

fn derive_keys_with(
    codes: &Codes,
    private: &[&str],
    iterations: u32,
) -> Result<BTreeMap<String, SiteKey>, Errors> {
    codes.require(private)?;
    let keys: Vec<(String, Result<SiteKey, SealError>)> = private
        .par_iter()
        .map(|site| {
            let code = codes.get(site).expect("checked by require");
            (
                site.to_string(),
                SiteKey::derive_with_iterations(code, iterations),
            )
        })
        .collect();
    let mut out = BTreeMap::new();
    for (site, key) in keys {
        out.insert(site, key.map_err(Diagnostic::from)?);
    }
    Ok(out)
}

/// The element a shell carries its page in (see slot.js): the envelope as
/// base64, which has no character HTML would read as markup.
pub fn slot_element(site: &str, envelope_base64: &str) -> String {
    format!(
        "<script type=\"application/octet-stream\" id=\"helder-slot\" data-site=\"{}\">{}</script>",
        escape_attribute(site),
        envelope_base64
    )
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests;
