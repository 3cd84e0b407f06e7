//! How a site's pages hang together: the folder tree, the menu, the next
//! events, the lists on the home page and the training book's order.
//!
//! Computed once per site and shared by its pages, so per-page work stays
//! independent of the number of pages (the menu is capped).

use std::collections::HashMap;

use crate::content::{Content, Page, PageId, PageKind};

use super::plan::Site;

/// At most this many pages in the menu; the home page lists them all.
pub(crate) const MENU_LIMIT: usize = 12;
/// Events in the "Agenda" list of a home page.
pub(crate) const UPCOMING_LIMIT: usize = 5;

/// Navigation facts of one site, computed once and shared by its pages.
pub(crate) struct SiteNav {
    /// Pages (or the home) with no folder page above them in this site, in
    /// menu order.
    pub top: Vec<PageId>,
    /// Folder page → the pages right below it, in menu order.
    pub children: HashMap<PageId, Vec<PageId>>,
    /// Folder page above each page, if any (for breadcrumbs).
    pub parent: HashMap<PageId, PageId>,
    /// The first pages of `top` without a date: the menu.
    pub menu: Vec<PageId>,
    /// There are more such pages than fit in the menu.
    pub menu_more: bool,
    /// Roots of the sites in this build, for breadcrumb links.
    pub built_roots: Vec<String>,
    /// The next events from the build date on, soonest first (at most 5).
    pub upcoming: Vec<PageId>,
    /// The build writes a search page for this site (extras on).
    pub search: bool,
}

/// The page lists of a home page, before they get titles.
pub(crate) struct HomeLists {
    /// News and evenings, newest first.
    pub news: Vec<PageId>,
    /// Undated top pages by where they come from: this class, its bands, the
    /// school (for a band site only the last two, for others only the last).
    pub by_scope: [Vec<PageId>; 3],
}

impl SiteNav {
    pub(crate) fn new(
        content: &Content,
        site: &Site,
        built_roots: Vec<String>,
        today: chrono::NaiveDate,
    ) -> SiteNav {
        let (top, children, parent) = tree(content, site);
        let mut undated = top
            .iter()
            .copied()
            .filter(|&p| !is_dated(&content.pages[p].meta.kind));
        let menu: Vec<PageId> = undated.by_ref().take(MENU_LIMIT).collect();
        let menu_more = undated.next().is_some();
        SiteNav {
            upcoming: upcoming(content, site, today),
            top,
            children,
            parent,
            menu,
            menu_more,
            built_roots,
            search: false,
        }
    }

    /// Is the site at `root` written by this build?
    pub(crate) fn is_built(&self, root: &str) -> bool {
        self.built_roots.iter().any(|r| r == root)
    }

    /// The folder pages above a page, the highest first.
    pub(crate) fn ancestors(&self, id: Option<PageId>) -> Vec<PageId> {
        let mut ancestors = Vec::new();
        let mut at = id;
        while let Some(&p) = at.and_then(|i| self.parent.get(&i)) {
            ancestors.push(p);
            at = Some(p);
        }
        ancestors.reverse();
        ancestors
    }

    /// The lists of the home page: news, then pages by where they come from.
    pub(crate) fn home_lists(&self, content: &Content) -> HomeLists {
        let kind = |p: PageId| &content.pages[p].meta.kind;
        let mut news: Vec<PageId> = self
            .top
            .iter()
            .copied()
            .filter(|&p| is_dated(kind(p)) && !matches!(kind(p), PageKind::Event { .. }))
            .collect();
        news.sort_by(|a, b| {
            content.pages[*b]
                .meta
                .date
                .cmp(&content.pages[*a].meta.date)
                .then(a.cmp(b))
        });
        let mut by_scope: [Vec<PageId>; 3] = Default::default();
        for &p in self.top.iter().filter(|&&p| !is_dated(kind(p))) {
            by_scope[scope(&content.pages[p])].push(p);
        }
        HomeLists { news, by_scope }
    }
}

/// The training book's order: the home (None), then the pages by weight.
/// Gives the neighbours of `id` (None for the home): each `Some(None)` is
/// the home.
pub(crate) fn book_neighbours(
    site: &Site,
    id: Option<PageId>,
) -> (Option<Option<PageId>>, Option<Option<PageId>>) {
    let order: Vec<Option<PageId>> = std::iter::once(site.home)
        .chain(site.pages.iter().map(|&p| Some(p)))
        .collect();
    let Some(pos) = order
        .iter()
        .position(|&p| p == id || (id.is_none() && p == site.home))
    else {
        return (None, None);
    };
    let prev = pos.checked_sub(1).map(|i| order[i]);
    let next = order.get(pos + 1).copied();
    (prev, next)
}

/// News, evenings and events have a date and are listed by it, not in the menu.
pub(crate) fn is_dated(kind: &PageKind) -> bool {
    matches!(
        kind,
        PageKind::News | PageKind::Evening { .. } | PageKind::Event { .. }
    )
}

/// Pages of a class first (0), then of its bands (1), then of the school (2).
fn scope(page: &Page) -> usize {
    if !page.meta.classes.is_empty() {
        0
    } else if !page.meta.bands.is_empty() {
        1
    } else {
        2
    }
}

type Tree = (
    Vec<PageId>,
    HashMap<PageId, Vec<PageId>>,
    HashMap<PageId, PageId>,
);

/// Each page hangs below the nearest folder page (`NAME/index.md`) above its
/// slug; pages without one are at the top.
fn tree(content: &Content, site: &Site) -> Tree {
    let index_by_slug: HashMap<&str, PageId> = site
        .pages
        .iter()
        .filter(|&&id| content.pages[id].is_index)
        .map(|&id| (content.pages[id].slug.as_str(), id))
        .collect();
    let mut top = Vec::new();
    let mut children: HashMap<PageId, Vec<PageId>> = HashMap::new();
    let mut parent = HashMap::new();
    for &id in &site.pages {
        let mut ancestor = content.pages[id].slug.as_str();
        let mut found = None;
        while let Some((up, _)) = ancestor.rsplit_once('/') {
            if let Some(&p) = index_by_slug.get(up) {
                found = Some(p);
                break;
            }
            ancestor = up;
        }
        match found {
            Some(p) => {
                children.entry(p).or_default().push(id);
                parent.insert(id, p);
            }
            None => top.push(id),
        }
    }
    (top, children, parent)
}

/// The site's events from `today` on, soonest first.
fn upcoming(content: &Content, site: &Site, today: chrono::NaiveDate) -> Vec<PageId> {
    let mut upcoming: Vec<PageId> = site
        .pages
        .iter()
        .copied()
        .filter(|&p| {
            let page = &content.pages[p];
            matches!(page.meta.kind, PageKind::Event { .. })
                && page.meta.date.is_some_and(|d| d >= today)
        })
        .collect();
    upcoming.sort_by_key(|&p| {
        (
            content.pages[p].meta.date,
            content.pages[p].meta.kind.start_time(),
            p,
        )
    });
    upcoming.truncate(UPCOMING_LIMIT);
    upcoming
}
