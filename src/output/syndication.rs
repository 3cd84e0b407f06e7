//! A site's `agenda.ics` (its event pages) and `feed.xml` (its news and
//! evening pages): what to put in them, and their stable ids. The formats
//! themselves are written by `formats::ical` and `formats::atom`.

use chrono::{DateTime, NaiveDate, Utc};

use super::{format_messages, Input};
use crate::content::{PageId, PageKind};
use crate::error::Diagnostic;
use crate::formats::{atom as feed, ical as calendar};
use crate::markdown::links::relative;
use crate::msg;
use crate::site::layout::{self, SiteFile};
use crate::site::links::canonical_file;
use crate::site::Site;
use crate::theme::context::Builder;

/// The date "now" for a build: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds), else today.
pub(crate) fn build_date() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::<Utc>::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

fn pages_of(input: &Input<'_>, site: &Site, wanted: impl Fn(&PageKind) -> bool) -> Vec<PageId> {
    site.home
        .iter()
        .chain(&site.pages)
        .copied()
        .filter(|&id| wanted(&input.content.pages[id].meta.kind))
        .collect()
}

/// A stable id for a page, the same in every site and every build.
fn page_key(input: &Input<'_>, id: PageId) -> String {
    let path = &input.content.pages[id].content_path;
    path.trim_end_matches(".md").replace('/', "-")
}

fn host(input: &Input<'_>) -> String {
    input
        .config
        .base_url
        .as_deref()
        .and_then(|u| u.split("://").nth(1))
        .map(|h| h.split('/').next().unwrap_or(h).to_string())
        .unwrap_or_else(|| "helder.invalid".into())
}

/// The absolute address of a page, when `base-url` is set.
fn absolute(input: &Input<'_>, site: &Site, id: PageId) -> Option<String> {
    let base = input.config.base_url.as_ref()?;
    let file = canonical_file(site, id, &input.content.pages[id]);
    Some(layout::web_address(base, &file))
}

pub(crate) fn agenda(input: &Input<'_>, site: &Site) -> Result<String, Diagnostic> {
    let host = host(input);
    let ids = pages_of(input, site, |k| matches!(k, PageKind::Event { .. }));
    let events: Vec<calendar::Event> = ids
        .iter()
        .filter_map(|&id| {
            let page = &input.content.pages[site.shown(id)];
            let PageKind::Event {
                start,
                end,
                location,
            } = &page.meta.kind
            else {
                return None;
            };
            Some(calendar::Event {
                uid: format!("{}@{host}", page_key(input, id)),
                title: page.meta.title.clone(),
                date: page.meta.date?,
                start: *start,
                end: *end,
                location: location.clone(),
                description: page.meta.summary.clone(),
                url: absolute(input, site, id),
            })
        })
        .collect();
    // DTSTAMP must not change between two builds of the same site.
    let stamp = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .or_else(|| {
            events.iter().map(|e| e.date).max().map(|d| {
                d.and_hms_opt(0, 0, 0)
                    .unwrap_or_default()
                    .and_utc()
                    .timestamp()
            })
        })
        .and_then(|secs| DateTime::<Utc>::from_timestamp(secs, 0))
        .unwrap_or_default();
    let name = calendar_name(input, site);
    let error = |fout: String| {
        Diagnostic::site(msg!(
            "agenda.schrijf-fout",
            bestand = SiteFile::Agenda.path(site),
            fout = fout
        ))
        .help(msg!("agenda.schrijf-fout-hulp"))
    };
    let tz = input.config.school.timezone;
    calendar::write(&name, tz, stamp, &events).map_err(|e| error(format_messages::ical(&e)))
}

fn calendar_name(input: &Input<'_>, site: &Site) -> String {
    if site.root.is_empty() {
        input.config.title.clone()
    } else {
        format!("{} · {}", site.name, input.config.title)
    }
}

/// The HTML of page `id` as an entry of the feed `feed_file` of the
/// builder's site: its links made relative to the page.
pub(crate) fn entry_html(input: &Input<'_>, builder: &Builder<'_>, id: usize) -> String {
    let site = builder.site;
    let local = site.page_file(id, &input.content.pages[site.shown(id)]);
    let page_dir = layout::folder_of(&local);
    input.rendered[id].html_for(|t| builder.resolve_link(page_dir, t))
}

pub(crate) fn atom(
    input: &Input<'_>,
    builder: &Builder<'_>,
    feed_file: &str,
) -> Result<feed::Prepared, Diagnostic> {
    let site = builder.site;
    let error = |fout: String| {
        Diagnostic::site(msg!("feed.schrijf-fout", bestand = feed_file, fout = fout))
    };
    let feed_dir = layout::folder_of(feed_file);
    let ids = pages_of(input, site, |k| {
        matches!(k, PageKind::News | PageKind::Evening { .. })
    });
    let entries: Vec<feed::Entry> = ids
        .iter()
        .filter_map(|&id| {
            let page = &input.content.pages[site.shown(id)];
            let local = site.page_file(id, page);
            let url = absolute(input, site, id).unwrap_or_else(|| relative(feed_dir, &local));
            // Made while the feed is written (see `entry_html`).
            let content = input.rendered.get(id).map(|_| id);
            Some(feed::Entry {
                id: absolute(input, site, id)
                    .unwrap_or_else(|| format!("tag:{},2000:{}", host(input), page_key(input, id))),
                title: page.meta.title.clone(),
                url,
                date: page.meta.date?,
                summary: page.meta.summary.clone(),
                content,
            })
        })
        .collect();
    let base = input.config.base_url.clone();
    let site_url = match &base {
        Some(b) => format!("{b}/{}", site.root),
        None => "./".into(),
    };
    let meta = feed::Feed {
        id: match &base {
            Some(b) => format!("{b}/{}", site.root),
            None => format!(
                "tag:{},2000:{}",
                host(input),
                if site.root.is_empty() {
                    "school"
                } else {
                    site.root.trim_end_matches('/')
                }
            ),
        },
        title: calendar_name(input, site),
        subtitle: (!input.config.description.is_empty()).then(|| input.config.description.clone()),
        lang: input.config.language.clone(),
        self_url: match &base {
            Some(b) => format!("{b}/{feed_file}"),
            None => SiteFile::Feed.name().into(),
        },
        site_url,
        author: input.config.title.clone(),
        timezone: input.config.school.timezone,
    };
    feed::prepare(&meta, entries).map_err(|e| error(format_messages::atom(&e)))
}
