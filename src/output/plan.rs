//! The one plan of a build: every output file with what makes it, decided
//! before anything is written, so two things claiming one path is an error
//! naming both. The preview's incremental rebuild is this plan filtered to
//! the files that show a changed page (`Job::shows_body_of`).

use std::collections::{BTreeMap, BTreeSet};

use super::{app, images, sitemap, Input};
use crate::content::{PageId, PageKind};
use crate::error::{Diagnostic, Errors};
use crate::markdown::links::parent_dir;
use crate::markdown::LinkTarget;
use crate::msg;
use crate::site::layout::{self, PageFile, SiteFile};
use crate::site::{Site, SiteKind};
use crate::theme::StaticSource;

/// A file made from one page, the same in every site that shows the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Artifact {
    Pptx,
    SummaryText,
}

/// What makes one file. `site` is an index into `Input::sites`.
#[derive(Debug, Clone)]
pub(crate) enum Job {
    /// A site's home (`page` is its intro page, if any) or one of its pages.
    Page {
        site: usize,
        page: Option<PageId>,
    },
    /// The training book on one printable page.
    Print {
        site: usize,
    },
    /// A slides page's handout: every slide with its notes.
    Handout {
        site: usize,
        page: PageId,
    },
    /// A file made from one page, the same in every site that shows it, so
    /// made once: a slides page's PowerPoint, an evening's text summary.
    /// `page` is the page shown (a translation in a language site).
    Shared {
        page: PageId,
        artifact: Artifact,
    },
    /// All cap pages of a site as a printable folder.
    CapFolder {
        site: usize,
        caps: Vec<PageId>,
    },
    /// The site's events as iCalendar, to subscribe to.
    Agenda {
        site: usize,
    },
    /// The site's news and evenings as an Atom feed.
    Feed {
        site: usize,
    },
    /// The site's search index (`search-index.json`, and the same as a
    /// script beside it).
    SearchIndex {
        site: usize,
    },
    /// The site's search page.
    SearchPage {
        site: usize,
    },
    /// The index as a script, written by the site's `SearchIndex` job.
    WrittenBySearchIndex,
    /// The readability report, in the team site.
    Readability {
        site: usize,
    },
    /// The terms a site's pages use, with their explanation.
    WordList {
        site: usize,
        terms: Vec<usize>,
    },
    /// Every parent page's address, for search engines.
    Sitemap,
    Static(StaticSource),
    /// A file beside the pages, with its smaller copies if it is a photo.
    Asset(usize),
    /// A file beside the pages that only private pages use, encrypted with
    /// the key of `site` (spec §6): no smaller copies.
    SealedAsset {
        asset: usize,
        site: String,
    },
    /// A `Shared` file of a private site, encrypted with its key.
    SealedShared {
        site: usize,
        page: PageId,
        artifact: Artifact,
    },
    /// A smaller copy of an asset, written by that asset's job.
    WrittenByAsset,
    /// A parent site's web app manifest (spec §7).
    Manifest {
        site: usize,
    },
    /// A parent site's service worker, named after this build.
    ServiceWorker {
        site: usize,
    },
    /// An app icon of this many pixels square, for every manifest.
    AppIcon(u32),
}

impl Job {
    /// Does this file change when the body of page `id` changes? (Its front
    /// matter is unchanged: a change there means a full build.)
    pub(crate) fn shows_body_of(&self, input: &Input<'_>, id: PageId) -> bool {
        let placed_in = |site: usize| input.sites[site].placing(id).is_some();
        let shows = |site: usize, page: PageId| input.sites[site].shown(page) == id;
        match self {
            Job::Page {
                site,
                page: Some(page),
            }
            | Job::Handout { site, page } => shows(*site, *page),
            Job::Shared { page, .. } | Job::SealedShared { page, .. } => *page == id,
            Job::CapFolder { site, caps } => caps.iter().any(|&c| shows(*site, c)),
            Job::Print { site } | Job::SearchIndex { site } | Job::WordList { site, .. } => {
                placed_in(*site)
            }
            Job::Feed { site } => {
                placed_in(*site)
                    && matches!(
                        input.content.pages[id].meta.kind,
                        PageKind::News | PageKind::Evening { .. }
                    )
            }
            // Every page's score is in it; every page is in the build's version.
            Job::Readability { .. } | Job::ServiceWorker { .. } => true,
            // Written by their `SearchIndex` and `Asset` jobs.
            Job::WrittenBySearchIndex | Job::WrittenByAsset => false,
            // Titles, dates and front matter only; or not made from pages.
            Job::Page { page: None, .. }
            | Job::Agenda { .. }
            | Job::SearchPage { .. }
            | Job::Sitemap
            | Job::Static(_)
            | Job::Asset(_)
            | Job::SealedAsset { .. }
            | Job::Manifest { .. }
            | Job::AppIcon(_) => false,
        }
    }

    /// An HTML page of a site (for the summary's page count).
    pub(crate) fn is_page(&self) -> bool {
        matches!(self, Job::Page { .. } | Job::Print { .. })
    }
}

/// Every output path with what produces it; two producers of one path are an
/// error naming both.
pub(crate) fn plan(input: &Input<'_>) -> Result<Vec<(String, Job)>, Errors> {
    let mut claims = Claims::default();
    for (i, site) in input.sites.iter().enumerate() {
        // An empty private site is not written: nothing to protect or show.
        if site.private && !site.has_output(input.extras.is_some()) {
            continue;
        }
        claim_pages(input, i, site, &mut claims);
        claim_site_files(input, i, site, &mut claims);
    }
    // Made when written: held from here to the end of the build, it was
    // megabytes at 50,000 pages.
    if sitemap::wanted(input) {
        claims.claim(
            layout::SITEMAP.to_string(),
            Job::Sitemap,
            msg!("uitvoer.sitemap"),
        );
    }
    claim_app_icons(input, &mut claims);
    claim_static(input, &mut claims);
    claim_assets(input, &mut claims);
    claims.errors.into_result(
        claims
            .claimed
            .into_iter()
            .map(|(path, (job, _))| (path, job))
            .collect(),
    )
}

/// Paths claimed so far, each with its job and where the claim comes from.
#[derive(Default)]
struct Claims {
    claimed: BTreeMap<String, (Job, String)>,
    errors: Errors,
}

impl Claims {
    fn claim(&mut self, path: String, job: Job, origin: String) {
        if let Some((_, other)) = self.claimed.get(&path) {
            self.errors.push(
                Diagnostic::site(msg!(
                    "uitvoer.zelfde-pad",
                    een = origin,
                    ander = other,
                    pad = path
                ))
                .help(msg!("uitvoer.zelfde-pad-hulp")),
            );
        } else {
            self.claimed.insert(path, (job, origin));
        }
    }
}

/// A site's home and pages, with the files made for a page.
fn claim_pages(input: &Input<'_>, i: usize, site: &Site, claims: &mut Claims) {
    let home_origin = match site.home {
        Some(h) => input.content.pages[h].source.display().to_string(),
        None => msg!(
            "uitvoer.startpagina-van",
            site = if site.root.is_empty() {
                msg!("uitvoer.schoolsite")
            } else {
                site.root.clone()
            }
        ),
    };
    claims.claim(
        site.home_file(),
        Job::Page {
            site: i,
            page: site.home,
        },
        home_origin,
    );
    for &id in &site.pages {
        let page = &input.content.pages[id];
        let origin = || page.source.display().to_string();
        let path = |file: PageFile| file.path(site, id, page);
        claims.claim(
            path(PageFile::Page),
            Job::Page {
                site: i,
                page: Some(id),
            },
            origin(),
        );
        // A language site's copies are made from the translation.
        let sealed = input.seals(site);
        let shared = |artifact| {
            if sealed {
                Job::SealedShared {
                    site: i,
                    page: site.shown(id),
                    artifact,
                }
            } else {
                Job::Shared {
                    page: site.shown(id),
                    artifact,
                }
            }
        };
        let sealed_name = |path: String| {
            if sealed {
                layout::sealed_file(&path)
            } else {
                path
            }
        };
        match page.meta.kind {
            PageKind::Slides => {
                claims.claim(
                    path(PageFile::Handout),
                    Job::Handout { site: i, page: id },
                    origin(),
                );
                claims.claim(
                    sealed_name(path(PageFile::Slides)),
                    shared(Artifact::Pptx),
                    origin(),
                );
            }
            PageKind::Evening { .. } => {
                claims.claim(
                    sealed_name(path(PageFile::SummaryText)),
                    shared(Artifact::SummaryText),
                    origin(),
                );
            }
            _ => {}
        }
    }
}

/// The files a site has once: folder, agenda, feed, search, report, word
/// list, print book.
fn claim_site_files(input: &Input<'_>, i: usize, site: &Site, claims: &mut Claims) {
    let mut claim = |file: SiteFile, job: Job, origin: String| {
        claims.claim(file.path(site), job, origin);
    };
    let caps = site_caps(input, site);
    if !caps.is_empty() {
        claim(
            SiteFile::CapFolder,
            Job::CapFolder { site: i, caps },
            msg!("uitvoer.pettenfolder"),
        );
    }
    // Private sites have no feed or calendar (spec §6): a feed reader or a
    // calendar app can not type a code.
    if !site.kind().noindex() && !site.private {
        claim(
            SiteFile::Agenda,
            Job::Agenda { site: i },
            msg!("uitvoer.agenda"),
        );
        claim(
            SiteFile::Feed,
            Job::Feed { site: i },
            msg!("uitvoer.nieuwsfeed"),
        );
    }
    if input.extras.is_some() && input.seals(site) {
        // Only the script, encrypted: the search page loads it from disk too.
        claim(
            SiteFile::SearchScript,
            Job::SearchIndex { site: i },
            msg!("uitvoer.zoekindex"),
        );
    } else if input.extras.is_some() {
        claim(
            SiteFile::SearchIndex,
            Job::SearchIndex { site: i },
            msg!("uitvoer.zoekindex"),
        );
        claim(
            SiteFile::SearchScript,
            Job::WrittenBySearchIndex,
            msg!("uitvoer.zoekindex"),
        );
    }
    if input.extras.is_some() {
        claim(
            SiteFile::SearchPage,
            Job::SearchPage { site: i },
            msg!("uitvoer.zoekpagina"),
        );
        if site.kind() == SiteKind::Team {
            claim(
                SiteFile::Readability,
                Job::Readability { site: i },
                msg!("uitvoer.leesbaarheid"),
            );
        }
    }
    let terms = site_terms(input, site);
    if !terms.is_empty() {
        claim(
            SiteFile::WordList,
            Job::WordList { site: i, terms },
            msg!("uitvoer.woordenlijst"),
        );
    }
    if site.kind() == SiteKind::Training && !site.pages.is_empty() {
        claim(
            SiteFile::PrintBook,
            Job::Print { site: i },
            msg!("uitvoer.printboek"),
        );
    }
    if site.is_app() {
        claim(
            SiteFile::Manifest,
            Job::Manifest { site: i },
            msg!("uitvoer.app"),
        );
        claim(
            SiteFile::ServiceWorker,
            Job::ServiceWorker { site: i },
            msg!("uitvoer.app"),
        );
    }
}

/// The app icons, once at the output root, when a parent site is built.
fn claim_app_icons(input: &Input<'_>, claims: &mut Claims) {
    if !input.sites.iter().any(Site::is_app) {
        return;
    }
    for size in app::ICON_SIZES {
        claims.claim(
            layout::app_icon(size),
            Job::AppIcon(size),
            msg!("uitvoer.app"),
        );
    }
}

/// The theme's and the site's static files, at the output root.
fn claim_static(input: &Input<'_>, claims: &mut Claims) {
    for (path, source) in &input.theme.static_files {
        let origin = match source {
            StaticSource::Embedded(_) => msg!("uitvoer.thema-static", pad = path),
            StaticSource::File(p) => p
                .strip_prefix(&input.config.root)
                .unwrap_or(p)
                .display()
                .to_string(),
        };
        claims.claim(path.clone(), Job::Static(source.clone()), origin);
    }
}

/// Files beside the pages (only those the built pages use, when only some
/// sites are built), with their smaller copies.
fn claim_assets(input: &Input<'_>, claims: &mut Claims) {
    let used = input.partial.then(|| used_assets(input));
    let sealed = match input.keys {
        Some(_) => sealed_assets(input),
        None => BTreeMap::new(),
    };
    for (i, asset) in input.content.assets.iter().enumerate() {
        if let Some(site) = sealed.get(&i) {
            let Some(site) = site else { continue };
            claims.claim(
                layout::sealed_file(&asset.content_path),
                Job::SealedAsset {
                    asset: i,
                    site: site.clone(),
                },
                format!("content/{}", asset.content_path),
            );
            continue;
        }
        if used
            .as_ref()
            .is_some_and(|u| !u.contains(asset.content_path.as_str()))
        {
            continue;
        }
        claims.claim(
            asset.content_path.clone(),
            Job::Asset(i),
            format!("content/{}", asset.content_path),
        );
        if let Some((width, _)) = asset.size {
            for (copy, _) in images::copies(&asset.content_path, width) {
                claims.claim(
                    copy,
                    Job::WrittenByAsset,
                    msg!("uitvoer.kleinere-kopie", pad = asset.content_path),
                );
            }
        }
    }
}

fn site_caps(input: &Input<'_>, site: &Site) -> Vec<PageId> {
    site.pages
        .iter()
        .copied()
        .filter(|&id| matches!(input.content.pages[id].meta.kind, PageKind::Cap { .. }))
        .collect()
}

/// Glossary terms used on a site's pages, in alphabetical order.
fn site_terms(input: &Input<'_>, site: &Site) -> Vec<usize> {
    let mut terms: Vec<usize> = site
        .all_pages()
        .flat_map(|id| {
            input
                .rendered
                .get(site.shown(id))
                .map(|r| r.terms.as_slice())
                .unwrap_or(&[])
        })
        .copied()
        .collect();
    terms.sort_unstable();
    terms.dedup();
    terms
}

/// Content files that pages of the built sites link to or show.
fn used_assets<'a>(input: &'a Input<'_>) -> BTreeSet<&'a str> {
    let mut pages: Vec<PageId> = input.sites.iter().flat_map(Site::all_pages).collect();
    pages.sort_unstable();
    pages.dedup();
    pages
        .into_iter()
        .flat_map(|id| &input.rendered[id].links)
        .filter_map(|link| match link {
            LinkTarget::Asset { content_path } => Some(content_path.as_str()),
            LinkTarget::Page { .. } => None,
        })
        .collect()
}

/// The files beside the pages that only private pages use, each with the
/// private site whose key encrypts it: files such pages link to or show and
/// no public page does, and files no page uses that sit in a folder with
/// private pages only (a class's photos, not yet placed on a page).
/// A file two private sites share is encrypted for the first: its pages in
/// the other site show its alt text. `None`: private, but this build writes
/// no site that shows it, so it is left out.
fn sealed_assets(input: &Input<'_>) -> BTreeMap<usize, Option<String>> {
    let content = input.content;
    let private = |id: PageId| input.private_pages.get(id).copied().unwrap_or(false);
    let mut users: BTreeMap<&str, Users> = BTreeMap::new();
    for (id, rendered) in input.rendered.iter().enumerate() {
        for link in &rendered.links {
            if let LinkTarget::Asset { content_path } = link {
                users.entry(content_path).or_default().add(id, private(id));
            }
        }
    }
    let mut folders: BTreeMap<&str, Users> = BTreeMap::new();
    for (id, page) in content.pages.iter().enumerate() {
        folders
            .entry(parent_dir(&page.content_path))
            .or_default()
            .add(id, private(id));
    }
    let mut sealed = BTreeMap::new();
    for (i, asset) in content.assets.iter().enumerate() {
        let path = asset.content_path.as_str();
        let owner = match users.get(path) {
            Some(users) => users.only_private(),
            None => folders.get(parent_dir(path)).and_then(Users::only_private),
        };
        // Private, but no site of this build holds its pages: not written.
        if let Some(page) = owner {
            let site = input
                .sites
                .iter()
                .find(|s| s.private && s.contains(page))
                .map(|s| s.id.as_str().to_string());
            sealed.insert(i, site);
        }
    }
    sealed
}

/// The pages that use a file (or sit in its folder): is any public, and the
/// first private one.
#[derive(Default)]
struct Users {
    public: bool,
    first_private: Option<PageId>,
}

impl Users {
    fn add(&mut self, id: PageId, private: bool) {
        if private {
            self.first_private = self.first_private.or(Some(id));
        } else {
            self.public = true;
        }
    }

    /// The first private page, when only private pages are users.
    fn only_private(&self) -> Option<PageId> {
        if self.public {
            None
        } else {
            self.first_private
        }
    }
}
