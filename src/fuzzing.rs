//! Entry points for the fuzz targets in `fuzz/` (cargo fuzz) and for the test
//! that runs their seed corpus (`tests/it/fuzz_targets.rs`). Not part of the API.
//!
//! Each function takes any bytes and feeds them to helder the way a site's
//! files reach it. None of them catches panics: helder must not panic on any
//! input, so a panic here is a bug to fix in helder itself.

use std::path::Path;
use std::sync::OnceLock;

use crate::config::Config;
use crate::content::{self, frontmatter, Asset, Content, LeftOut, LoadOptions, Page};
use crate::markdown::{self, Rendered};
use crate::plain::{self, lexicon::Glossary};
use crate::theme::Theme;

/// A small site for the pages under test: bands and classes a front matter
/// can name, an extra language and a base URL (for the `qr` shortcode). The
/// root does not exist, so only the built-in theme is used.
const BOOK: &str = r##"
[book]
title = "Fuzz"
language = "nl"

[site]
base-url = "https://ouders.example"

[[band]]
id = "onderbouw"
name = "Onderbouw"

[[band]]
id = "bovenbouw"
name = "Bovenbouw"

[[class]]
id = "groep-1-2a"
name = "Groep 1/2a"
bands = ["onderbouw"]

[[class]]
id = "groep-8"
name = "Groep 8"
bands = ["bovenbouw"]

[languages.en]
name = "English"
"##;

const ROOT: &str = "/nonexistent/helder-fuzz-site";

/// Where the page under test sits: next to the pages of [`site`].
const PAGE_PATH: &str = "kanjer/fuzz.md";

/// Drafts are loaded too, so `draft: true` does not end the run early.
const OPTIONS: LoadOptions = LoadOptions {
    include_drafts: true,
};

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG
        .get_or_init(|| Config::parse(Path::new(ROOT), BOOK).expect("the fuzz book.toml is valid"))
}

/// The embedded default theme (the shortcode source) and the default
/// glossary, built once: loading the theme compiles every template.
fn theme_and_glossary() -> &'static (Theme, Glossary) {
    static THEME: OnceLock<(Theme, Glossary)> = OnceLock::new();
    THEME.get_or_init(|| {
        let theme = Theme::load(config()).expect("the built-in theme loads");
        let glossary = plain::load_glossary(config()).expect("the built-in glossary loads");
        (theme, glossary)
    })
}

/// The other pages and files of the site, for links and images to resolve to.
fn site() -> &'static Content {
    static SITE: OnceLock<Content> = OnceLock::new();
    SITE.get_or_init(|| {
        let page = |path: &str, text: &str| {
            content::page_from_bytes(config(), text.as_bytes(), path, OPTIONS)
                .expect("the fuzz site's pages are valid")
                .expect("drafts are loaded")
        };
        Content {
            pages: vec![
                page("index.md", "---\ntitle: Welkom\n---\n# Welkom\n"),
                page("kanjer/index.md", "---\ntitle: Kanjer\n---\n## Petten\n"),
                page(
                    "kanjer/witte-pet.md",
                    "---\ntitle: De witte pet\ntype: cap\ncolor: wit\n---\n",
                ),
                page("team/dia.md", "---\ntitle: Dia\ntype: slides\n---\n# Een\n"),
            ],
            assets: vec![
                Asset {
                    content_path: "kanjer/tijger.png".into(),
                    source: Path::new(ROOT).join("content/kanjer/tijger.png"),
                    size: Some((1600, 900)),
                },
                Asset {
                    content_path: "kanjer/uitleg.pdf".into(),
                    source: Path::new(ROOT).join("content/kanjer/uitleg.pdf"),
                    size: None,
                },
            ],
            left_out: [
                ("kanjer/concept.md".to_string(), LeftOut::Draft),
                ("kanjer/kapot.md".to_string(), LeftOut::Broken),
            ]
            .into(),
        }
    })
}

/// A page file's front matter: split and parsed as the content loader does
/// (BOM dropped, binary and non-UTF-8 files refused), then its values
/// checked; and the same bytes as a site glossary file.
pub fn front_matter(data: &[u8]) {
    if let Ok(text) = content::decode(data) {
        if let Ok(split) = frontmatter::split(text) {
            if frontmatter::parse(&split).is_ok() {
                if let Err(e) = content::page_from_bytes(config(), data, PAGE_PATH, OPTIONS) {
                    let _ = e.to_string();
                }
            }
        }
    }
    // The glossary is read as UTF-8 text; parse_glossary drops a BOM itself.
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = frontmatter::parse_glossary(text);
    }
}

/// A whole page file, front matter and all, rendered as a build renders it:
/// with the built-in theme's shortcodes and the glossary, once as is and once
/// with `safe-html`. A page whose front matter is refused has its body
/// rendered under a plain front matter, since any body can follow a valid one.
pub fn markdown(data: &[u8]) {
    let Some(page) = page_from(data) else {
        return;
    };
    let (theme, glossary) = theme_and_glossary();
    let mut content = site().clone();
    let at = content
        .pages
        .partition_point(|p| p.content_path < page.content_path);
    content.pages.insert(at, page);
    for safe_html in [false, true] {
        let ctx = markdown::Context {
            content: &content,
            shortcodes: theme,
            glossary: Some(glossary),
            safe_html,
        };
        match markdown::render(&content.pages[at], &ctx) {
            Ok(rendered) => {
                let _ = markdown::debug_html(&rendered);
                // Fragment links are checked once every page is rendered.
                let mut all = vec![Rendered::default(); content.pages.len()];
                all[at] = rendered;
                let _ = markdown::check_fragments(&content, &all).to_string();
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
}

/// The plain-language report of a parent page whose body is `data`, with the
/// default `[plain-language]` settings and the built-in glossary.
pub fn plain_language(data: &[u8]) {
    let Ok(body) = content::decode(data) else {
        return;
    };
    let Some(page) = page_with_body(body) else {
        return;
    };
    let (_, glossary) = theme_and_glossary();
    let blocks = plain::text::blocks(&page.body);
    let _ = plain::analyse(&page, &blocks, &[], &config().plain_language, glossary);
}

/// The page the content loader makes of `data`; when it refuses the file,
/// the file's body (or all of its text) under a plain front matter.
fn page_from(data: &[u8]) -> Option<Page> {
    if let Ok(Some(page)) = content::page_from_bytes(config(), data, PAGE_PATH, OPTIONS) {
        return Some(page);
    }
    let text = content::decode(data).ok()?;
    let body = frontmatter::split(text).map(|s| s.body).unwrap_or(text);
    page_with_body(body)
}

/// A school-wide parent page with `body`, made by the content loader.
fn page_with_body(body: &str) -> Option<Page> {
    let file = format!("---\ntitle: Fuzz\n---\n{body}");
    content::page_from_bytes(config(), file.as_bytes(), PAGE_PATH, OPTIONS)
        .ok()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_load_and_pages_render() {
        markdown(b"---\ntitle: Hoi\n---\n# Kop\n\nZie [de pet](witte-pet.md) en {{ cap(color=\"wit\") }}.\n");
        front_matter(b"---\ntitle: Hoi\n---\n");
        plain_language(b"De MR vergadert. Het verslag wordt verstuurd.\n");
        assert_eq!(site().pages.len(), 4);
        let page = page_from(b"geen front matter").unwrap();
        assert_eq!(page.body, "geen front matter");
        assert_eq!(page.content_path, PAGE_PATH);
    }
}
