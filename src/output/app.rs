//! Installable, offline parent sites (spec §7): each parent site's web app
//! manifest and service worker, the app icons drawn from the school's logo
//! (or its initials), and the build version that names the worker's cache.
//!
//! The worker keeps what a parent opened so a class site opens on a bus
//! without signal, and it asks the network first: online, a parent always
//! sees the newest build; a new build's worker (its version changed) throws
//! the old build's copies away.

use std::hash::{DefaultHasher, Hash, Hasher};

use serde_json::json;

use super::Input;
use crate::config::Config;
use crate::error::Diagnostic;
use crate::formats::{images, initials, raster};
use crate::locale::Locale;
use crate::msg;
use crate::site::layout::{self, SiteFile};
use crate::site::{Site, SiteKind};

/// The icon sizes browsers ask of an installable site.
pub(crate) const ICON_SIZES: [u32; 2] = [192, 512];

/// The worker's code; [`service_worker`] puts this build's values above it.
const WORKER: &str = include_str!("service_worker.js");

/// From the site's folder to the output root: "" or "../" per level.
fn to_root(site: &Site) -> String {
    "../".repeat(site.root.matches('/').count())
}

/// The site's `manifest.webmanifest`: its name, colors, the icons, and its
/// folder as start and scope (relative, so the site may live below any
/// address).
pub(crate) fn manifest(config: &Config, locale: &Locale<'_>, site: &Site) -> String {
    let up = to_root(site);
    let name = if site.kind() == SiteKind::School {
        config.title.clone()
    } else {
        format!("{} · {}", site.name, config.title)
    };
    let short_name = if site.kind() == SiteKind::School {
        initials::of(&config.title)
    } else {
        site.name.clone()
    };
    let icons: Vec<_> = ICON_SIZES
        .iter()
        .map(|&size| {
            json!({
                "src": format!("{up}{}", layout::app_icon(size)),
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
                "purpose": "any",
            })
        })
        .collect();
    let manifest = json!({
        "id": "./",
        "name": name,
        "short_name": short_name,
        "description": config.description,
        "lang": site.lang,
        "dir": locale.dir,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": site.color,
        "background_color": "#ffffff",
        "icons": icons,
    });
    let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    text.push('\n');
    text
}

/// The site's `sw.js`: this build's version and the files to keep from the
/// start (the home, the stylesheet and scripts, the icons), then the code.
pub(crate) fn service_worker(
    config: &Config,
    locale: &Locale<'_>,
    site: &Site,
    version: &str,
) -> String {
    let up = to_root(site);
    let mut start = vec![
        "./".to_string(),
        SiteFile::Manifest.name().to_string(),
        format!("{up}{}", layout::STYLESHEET),
        format!("{up}{}", layout::APP_ASSET),
        format!("{up}{}", layout::READ_ALOUD_ASSET),
    ];
    if site.private {
        start.push(format!("{up}{}", layout::SLOT_ASSET));
    }
    start.extend(ICON_SIZES.map(|s| format!("{up}{}", layout::app_icon(s))));
    let settings = json!({
        // Caches of every site share one origin: each worker clears only
        // its own site's old caches.
        "cache": format!("helder:{}:{version}", site.root),
        "prefix": format!("helder:{}:", site.root),
        "start": start,
        "offline": offline_page(config, locale, site),
    });
    format!(
        "\"use strict\";\n// helder {}: the service worker of {} (spec §7).\nconst HELDER = {settings};\n{WORKER}",
        env!("CARGO_PKG_VERSION"),
        if site.root.is_empty() { "/" } else { &site.root },
    )
}

/// Where the offline page links to the site's home; the worker puts its
/// scope there (the site may live below any address).
const HOME_MARK: &str = "HELDER_HOME";

/// What the worker answers offline for a page the reader never opened: a
/// short page in the site's language with a link to the kept home.
fn offline_page(config: &Config, locale: &Locale<'_>, site: &Site) -> String {
    let escape = crate::markdown::highlight::escape;
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · {school}</title>\
         <style>body{{font:1.125rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:36rem;padding:0 1rem;color:#1a1a1a}}\
         a{{color:{color}}}</style></head><body><main><h1>{title}</h1><p>{text}</p>\
         <p><a href=\"{home}\">{home_link}</a></p></main></body></html>",
        lang = escape(&site.lang),
        dir = locale.dir,
        title = escape(locale.word("offline_title")),
        school = escape(&config.title),
        color = escape(&site.color),
        text = escape(locale.word("offline_text")),
        home = HOME_MARK,
        home_link = escape(locale.word("offline_home")),
    )
}

/// An app icon of `size` pixels: the school's logo, or its initials on its
/// color when it has none.
pub(crate) fn icon(config: &Config, size: u32) -> Result<Vec<u8>, Diagnostic> {
    let drawn = match &config.school.logo {
        Some(logo) => {
            let file = config.root.join(logo);
            let bytes = std::fs::read(&file)
                .map_err(|e| Diagnostic::io(&file, &msg!("uitvoer.io-lezen"), &e))?;
            let format = images::format_of(logo).unwrap_or(images::Format::Png);
            raster::png(&bytes, format, size, size).map_err(|e| (logo.clone(), e))
        }
        None => {
            let svg = initials::svg(&config.title, config.school_color(), size, 12);
            raster::png(svg.as_bytes(), images::Format::Svg, size, size)
                .map_err(|e| ("initials".to_string(), e))
        }
    };
    drawn.map_err(|(logo, e)| {
        Diagnostic::site(msg!("config.logo-onleesbaar", logo = logo, fout = e))
            .help(msg!("config.logo-soort-hulp"))
    })
}

/// A name for this build's output: it changes when a page, a file beside
/// the pages, book.toml, the theme, helder or the day changes (the day
/// decides which events are coming up). Not a secure hash: it only has to
/// differ between builds (and may differ between Rust versions).
pub(crate) fn build_version(input: &Input<'_>) -> String {
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    input.today.hash(&mut h);
    input.theme.fingerprint.hash(&mut h);
    let book = input.config.root.join(crate::config::CONFIG_FILE);
    std::fs::read(book).unwrap_or_default().hash(&mut h);
    // The rendered body, not the Markdown: a build frees the Markdown
    // before writing (`Content::take_bodies`).
    for (page, rendered) in input.content.pages.iter().zip(input.rendered) {
        (&page.content_path, &rendered.html).hash(&mut h);
        format!("{:?}", page.meta).hash(&mut h);
    }
    for asset in &input.content.assets {
        asset.content_path.hash(&mut h);
        if let Ok(meta) = std::fs::metadata(&asset.source) {
            (meta.len(), meta.modified().ok()).hash(&mut h);
        }
    }
    format!("{:016x}", h.finish())
}
