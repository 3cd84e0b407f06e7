//! Private sites (spec §6): what must stay among a class's parents or the
//! team is encrypted at build time and opened in the browser with a code.
//!
//! - [`seal`]: the cipher and the envelope format (AES-256-GCM, a key per
//!   site and build from the code by PBKDF2-HMAC-SHA256).
//! - [`codes`]: `codes.toml`, `HELDER_CODE_<ID>`, new codes, their strength.
//!
//! The browser side is `themes/helder/static/assets/slot.js`; its contract
//! with the page shell is described at the top of that file.

pub(crate) mod codes;
pub(crate) mod letters;
pub(crate) mod references;
pub(crate) mod seal;
pub(crate) mod shell;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::error::{Diagnostic, Errors};

pub(crate) use codes::Codes;
pub(crate) use seal::{SealError, SiteKey};

/// This build's key of each private site, by site id.
pub(crate) type Keys = BTreeMap<String, SiteKey>;

/// The codes read for a build, and the keys made from them.
#[derive(Default)]
pub(crate) struct BuildKeys {
    pub codes: Codes,
    pub keys: Keys,
}

/// Reads the codes and makes a key for each private site this build
/// writes that has one. Which sites need a code is known only once the
/// pages are read ([`sites_needing_codes`]); a missing one is an error then.
pub(crate) fn build_keys(options: &crate::BuildOptions) -> Result<BuildKeys, Errors> {
    let config = crate::config::Config::load(&options.root)?;
    let selection = crate::site::Selection {
        audience: options.audience,
        classes: options.classes.clone(),
    };
    let private: Vec<String> = config.private.clone();
    let private_refs: Vec<&str> = private.iter().map(String::as_str).collect();
    let codes = codes::load(&config.root, &private_refs)?;
    let selected = crate::site::plan::selected_private(&config, &selection);
    let with_code: Vec<&str> = selected
        .iter()
        .map(String::as_str)
        .filter(|s| codes.get(s).is_some())
        .collect();
    let keys = derive_keys(&codes, &with_code)?;
    Ok(BuildKeys { codes, keys })
}

/// The private sites of a loaded build that write something, so need a code.
pub(crate) fn sites_needing_codes(loaded: &crate::Loaded) -> Vec<&str> {
    let mut ids: Vec<&str> = loaded
        .sites
        .iter()
        .filter(|s| s.private && s.has_output(loaded.extras.is_some()))
        .map(|s| s.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// One key per private site for this build, derived in parallel (each
/// takes a fifth of a second on purpose). Every site in `private` must
/// have a code: call [`Codes::require`] first for the messages.
pub(crate) fn derive_keys(
    codes: &Codes,
    private: &[&str],
) -> Result<BTreeMap<String, SiteKey>, Errors> {
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

/// The element a shell carries its page in (see slot.js), as its start and
/// end tag: the caller writes the envelope as base64 between them (it has no
/// character HTML would read as markup).
pub(crate) fn slot_tags(site: &str) -> (String, &'static str) {
    (
        format!(
            "<script type=\"application/octet-stream\" id=\"helder-slot\" data-site=\"{}\">",
            crate::markdown::highlight::escape(site)
        ),
        "</script>",
    )
}

#[cfg(test)]
mod tests;

/// An encrypted file as a script (spec §6): `slot.js` loads it with a
/// `<script>` element, which works from a USB stick too, where `fetch` may
/// not read files. The script hands its own address, the file's type and
/// the envelope to `slot.js`.
pub(crate) fn sealed_script(key: &SiteKey, bytes: &[u8], mime: &str) -> Result<String, SealError> {
    Ok(format!(
        "HelderSlot.deliver(document.currentScript.src,\"{}\",\"{}\");\n",
        mime,
        key.seal_text(bytes)?
    ))
}

/// A private site's search index as a script: the page's `zoeken.js`
/// opens it with the site's remembered key.
pub(crate) fn sealed_search_script(key: &SiteKey, json: &str) -> Result<String, SealError> {
    Ok(format!(
        "window.helderZoekIndexSealed=\"{}\";\n",
        key.seal_text(json.as_bytes())?
    ))
}

/// A private site's code, as `helder codes` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCode {
    pub site: String,
    pub code: String,
    /// Made just now (else it was in `codes.toml` or the environment).
    pub new: bool,
}

/// What `helder codes` did: every private site's code, the letters it
/// wrote, and warnings about weak codes.
#[derive(Debug, Default)]
pub struct CodesReport {
    pub codes: Vec<SiteCode>,
    pub letters: Vec<String>,
    pub warnings: Vec<Diagnostic>,
}

/// `helder codes [--letters DIR]`: a new code for each private site that has
/// none, added to `codes.toml`; then every private site's code, and with
/// `letters` a printable letter per private site.
pub fn codes_command(
    root: &std::path::Path,
    letters: Option<&std::path::Path>,
) -> Result<CodesReport, Errors> {
    let config = crate::config::Config::load(root)?;
    let private: Vec<&str> = config.private.iter().map(String::as_str).collect();
    let env = |var: &str| std::env::var(var).ok();
    let added = codes::add_missing(&config.root, &private, &env)?;
    let all = codes::load(&config.root, &private)?;
    let mut report = CodesReport {
        warnings: all.warnings.clone(),
        ..CodesReport::default()
    };
    for site in &private {
        if let Some(code) = all.get(site) {
            report.codes.push(SiteCode {
                site: site.to_string(),
                code: code.to_string(),
                new: added.iter().any(|(s, _)| s == site),
            });
        }
    }
    if let Some(dir) = letters {
        let list: Vec<letters::Letter<'_>> = report
            .codes
            .iter()
            .map(|c| letters::Letter {
                site: &c.site,
                code: &c.code,
            })
            .collect();
        report.letters = letters::write(&config, dir, &list)?;
    }
    Ok(report)
}
