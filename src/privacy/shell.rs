//! The public shell of a private page (spec §6): all a reader without the
//! code gets. It names the school and the site, asks for the code in the
//! page's language, says whom to ask, and carries the whole page encrypted
//! for `slot.js` to open. Nothing of the page itself is in it.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::seal::{Envelope, SealError, SiteKey};
use super::slot_tags;
use crate::config::Config;
use crate::site::Site;
use crate::theme::Theme;

/// The shell's template in the theme.
pub(crate) const TEMPLATE: &str = "shell.html";

/// What the shell template gets.
#[derive(Serialize)]
struct ShellContext<'a> {
    lang: &'a str,
    dir: &'a str,
    school: &'a str,
    site_name: &'a str,
    color: &'a str,
    teacher: Option<&'a str>,
    phone: Option<&'a str>,
    email: Option<&'a str>,
    /// The theme's words in the page's language.
    t: &'a BTreeMap<String, String>,
    css: &'a str,
    script: &'a str,
    app: Option<&'a ShellApp>,
    /// The element with the encrypted page.
    slot: String,
}

/// Where a shell is written, and the addresses it needs from there.
pub(crate) struct ShellPlace<'a> {
    pub dir: &'a str,
    pub words: &'a BTreeMap<String, String>,
    /// The stylesheet and `slot.js`, relative to the page.
    pub css: &'a str,
    pub script: &'a str,
    /// For a parent site: what makes it installable (spec §7).
    pub app: Option<ShellApp>,
}

/// The addresses, relative to the page, of a parent site's app script
/// (which links the manifest) and its folder.
#[derive(Serialize)]
pub(crate) struct ShellApp {
    pub script: String,
    pub site: String,
}

/// Why a shell could not be made.
pub(crate) enum ShellError {
    Seal(SealError),
    Template(String),
}

/// Stands in for the slot while a shell is rendered once per site and
/// place (a private-use character no page or template writes).
const SLOT_MARK: &str = "\u{E00F}slot\u{E00F}";

/// The shells of a build, rendered once per site, language and place (the
/// stylesheet's address differs per folder depth) and split around the
/// slot: thousands of pages of a class share a handful of shells.
#[derive(Default)]
pub(crate) struct Shells {
    parts: Mutex<HashMap<ShellPlaceKey, Arc<ShellParts>>>,
}

/// A site's folder and the stylesheet's address from a page's folder.
type ShellPlaceKey = (String, String);
/// A shell's text before and after its slot.
type ShellParts = (String, String);

impl Shells {
    /// The shell of one page of `site`, with `page_html` encrypted under `key`.
    pub(crate) fn render(
        &self,
        theme: &Theme,
        config: &Config,
        site: &Site,
        key: &SiteKey,
        place: &ShellPlace<'_>,
        page_html: String,
    ) -> Result<Shell, ShellError> {
        let cache_key = (site.root.clone(), place.css.to_string());
        let cached = self
            .parts
            .lock()
            .ok()
            .and_then(|p| p.get(&cache_key).cloned());
        let parts = match cached {
            Some(parts) => parts,
            None => {
                let html = render_with_slot(theme, config, site, place, SLOT_MARK.to_string())?;
                let (before, after) = html.split_once(SLOT_MARK).ok_or_else(|| {
                    ShellError::Template(crate::msg!("privacy.shell-zonder-slot"))
                })?;
                let parts = Arc::new((before.to_string(), after.to_string()));
                if let Ok(mut map) = self.parts.lock() {
                    map.insert(cache_key, Arc::clone(&parts));
                }
                parts
            }
        };
        // Encrypted in its own buffer and written out in pieces: the page of
        // a big site's readability report is megabytes, and each copy of it
        // counts in a build's peak memory.
        let envelope = key
            .seal_owned(page_html.into_bytes())
            .map_err(ShellError::Seal)?;
        let (open, close) = slot_tags(site.id.as_str());
        Ok(Shell {
            parts,
            open,
            close,
            envelope,
        })
    }
}

/// One private page as written: its site's shell around the encrypted page.
pub(crate) struct Shell {
    parts: Arc<ShellParts>,
    open: String,
    close: &'static str,
    envelope: Envelope,
}

impl Shell {
    /// The shell, its slot holding the page as base64.
    pub(crate) fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(self.parts.0.as_bytes())?;
        out.write_all(self.open.as_bytes())?;
        self.envelope.write_base64(out)?;
        out.write_all(self.close.as_bytes())?;
        out.write_all(self.parts.1.as_bytes())
    }
}

/// The shell's template filled in, with `slot` where the page goes.
fn render_with_slot(
    theme: &Theme,
    config: &Config,
    site: &Site,
    place: &ShellPlace<'_>,
    slot: String,
) -> Result<String, ShellError> {
    let teacher = match &site.id {
        crate::site::SiteId::Class(id) => config.class(id).and_then(|c| c.teacher.as_deref()),
        _ => None,
    };
    let context = ShellContext {
        lang: &site.lang,
        dir: place.dir,
        school: &config.title,
        site_name: &site.name,
        color: &site.color,
        teacher,
        phone: config.school.phone.as_deref(),
        email: config.school.email.as_deref(),
        t: place.words,
        css: place.css,
        script: place.script,
        app: place.app.as_ref(),
        slot,
    };
    theme
        .render(TEMPLATE, &context)
        .map_err(ShellError::Template)
}
