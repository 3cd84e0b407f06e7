//! Which pages a digest lists: a site's news, evenings and events dated in
//! the period, newest first, each with its summary and absolute address.

use chrono::NaiveDate;

use super::Period;
use crate::content::PageKind;
use crate::site::layout;
use crate::site::links::canonical_file;
use crate::site::Site;
use crate::Loaded;

/// One page in a digest.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub title: String,
    pub date: NaiveDate,
    /// Its `summary:`, else its first paragraph (may be empty).
    pub summary: String,
    /// Where to read it, absolute.
    pub url: String,
    /// The theme word for its kind: `digest_news`, `digest_evening` or `digest_event`.
    pub kind: &'static str,
    /// The language of its title and summary when that is not the site's
    /// (an untranslated page in a language site).
    pub lang: Option<String>,
}

/// The pages of `site` for a digest of `period`, newest first (then by title).
pub(crate) fn in_period(
    loaded: &Loaded,
    site: &Site,
    base_url: &str,
    period: &Period,
) -> Vec<Item> {
    let mut items: Vec<Item> = site
        .all_pages()
        .filter_map(|id| {
            let shown = site.shown(id);
            let page = &loaded.content.pages[shown];
            let kind = match page.meta.kind {
                PageKind::News => "digest_news",
                PageKind::Evening { .. } => "digest_evening",
                PageKind::Event { .. } => "digest_event",
                _ => return None,
            };
            let date = page.meta.date.filter(|d| period.contains(*d))?;
            let summary = page
                .meta
                .summary
                .clone()
                .filter(|s| !s.trim().is_empty())
                .or_else(|| first_paragraph(loaded, shown))
                .unwrap_or_default();
            let file = canonical_file(site, id, &loaded.content.pages[id]);
            Some(Item {
                title: page.meta.title.clone(),
                date,
                summary: summary.trim().to_string(),
                url: layout::web_address(base_url, &file),
                kind,
                lang: site
                    .untranslated(id)
                    .then(|| loaded.config.language.clone()),
            })
        })
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    items
}

/// The text of the page's first paragraph, as the reader sees it.
fn first_paragraph(loaded: &Loaded, id: usize) -> Option<String> {
    let lead = &loaded.rendered.get(id)?.lead;
    (!lead.is_empty()).then(|| lead.clone())
}
