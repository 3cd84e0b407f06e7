//! Where every output file lives: the one place that spells their names.
//!
//! Three kinds of files: those a site has once (`SiteFile`: its home, feed,
//! agenda, search...), those made for one page in the page's folder
//! (`PageFile`: the page, a handout, the PowerPoint, an evening's text
//! summary), and those a build writes once at the output root (`ROOT_FILES`).
//! Paths are relative to the output root and use `/`; a folder ends in `/`.
//! The names no page may take are derived from these lists, so a new output
//! can not be shadowed by a page.

use crate::content::{Page, PageId};

use super::plan::{Site, SiteId, SiteKind};

/// The file a folder address serves.
pub(crate) const INDEX: &str = "index.html";
/// The sitemap, once at the output root.
pub(crate) const SITEMAP: &str = "sitemap.xml";
/// The theme's static files land below this folder of the output root.
pub(crate) const ASSETS: &str = "assets/";
/// The theme's stylesheet (also how an old output folder is recognised).
pub(crate) const STYLESHEET: &str = "assets/helder.css";
/// The search page's scripts, among the theme's static files: the Dutch
/// stemmer and the search itself.
pub(crate) const STEMMER_ASSET: &str = "assets/stam.js";
pub(crate) const TURKISH_STEMMER_ASSET: &str = "assets/stam-tr.js";
pub(crate) const ARABIC_STEMMER_ASSET: &str = "assets/stam-ar.js";
pub(crate) const SEARCH_ASSET: &str = "assets/zoeken.js";
/// Opens the pages of private sites (spec §6).
pub(crate) const SLOT_ASSET: &str = "assets/slot.js";
/// Starts a parent site's service worker and marks new posts (spec §7).
pub(crate) const APP_ASSET: &str = "assets/app.js";
/// The "Lees voor" button.
pub(crate) const READ_ALOUD_ASSET: &str = "assets/voorlezen.js";

/// An app icon of an installable site, `size` pixels square, once at the
/// output root (every site's manifest points to it).
pub(crate) fn app_icon(size: u32) -> String {
    format!("{ASSETS}icoon-{size}.png")
}
/// Names at the output root that are not a site's.
const ROOT_FILES: [&str; 2] = [SITEMAP, ASSETS];

/// A file a site has once, below the site's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum SiteFile {
    Home,
    /// All cap pages as a printable folder.
    CapFolder,
    /// The events as iCalendar.
    Agenda,
    /// News and evenings as Atom.
    Feed,
    SearchIndex,
    /// The search index as a classic script, for pages opened from disk.
    SearchScript,
    SearchPage,
    /// The readability report (team site).
    Readability,
    WordList,
    /// The training book on one page (training site).
    PrintBook,
    /// What a phone needs to install a parent site as an app (spec §7).
    Manifest,
    /// Keeps the pages a parent opened, for reading offline.
    ServiceWorker,
}

impl SiteFile {
    pub(crate) const ALL: [SiteFile; 12] = [
        SiteFile::Home,
        SiteFile::CapFolder,
        SiteFile::Agenda,
        SiteFile::Feed,
        SiteFile::SearchIndex,
        SiteFile::SearchScript,
        SiteFile::SearchPage,
        SiteFile::Readability,
        SiteFile::WordList,
        SiteFile::PrintBook,
        SiteFile::Manifest,
        SiteFile::ServiceWorker,
    ];

    /// The path below the site's folder.
    pub(crate) fn name(self) -> &'static str {
        match self {
            SiteFile::Home => INDEX,
            SiteFile::CapFolder => "petten/folder/index.html",
            SiteFile::Agenda => "agenda.ics",
            SiteFile::Feed => "feed.xml",
            SiteFile::SearchIndex => "search-index.json",
            SiteFile::SearchScript => "search-index.js",
            SiteFile::SearchPage => "zoeken/index.html",
            SiteFile::Readability => "leesbaarheid/index.html",
            SiteFile::WordList => "woordenlijst/index.html",
            SiteFile::PrintBook => "print/index.html",
            SiteFile::Manifest => "manifest.webmanifest",
            SiteFile::ServiceWorker => "sw.js",
        }
    }

    /// Can a site of this kind have the file? (Which sites do have it is
    /// the planner's business.)
    fn possible_in(self, kind: SiteKind) -> bool {
        match self {
            SiteFile::Readability => kind == SiteKind::Team,
            SiteFile::PrintBook => kind == SiteKind::Training,
            SiteFile::Manifest | SiteFile::ServiceWorker => !kind.noindex(),
            _ => true,
        }
    }

    /// The path below the output root.
    pub(crate) fn path(self, site: &Site) -> String {
        format!("{}{}", site.root, self.name())
    }

    /// The path below the output root of the site at `root`.
    pub(crate) fn path_in(self, root: &str) -> String {
        format!("{root}{}", self.name())
    }
}

/// A file made for one page, in the page's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum PageFile {
    /// The page itself (for a site's home page: the site's home).
    Page,
    /// A slides page's handout: every slide with its notes.
    Handout,
    /// A slides page as PowerPoint.
    Slides,
    /// An evening's summary as plain text.
    SummaryText,
}

impl PageFile {
    fn name(self) -> &'static str {
        match self {
            PageFile::Page => INDEX,
            PageFile::Handout => "handout/index.html",
            PageFile::Slides => "slides.pptx",
            PageFile::SummaryText => "samenvatting.txt",
        }
    }

    /// The path below the site's folder of this file of page `id` in `site`.
    pub(crate) fn path_in_site(self, site: &Site, id: PageId, page: &Page) -> String {
        let path = self.path(site, id, page);
        path[site.root.len()..].to_string()
    }

    /// The path below the output root of this file of page `id` in `site`.
    pub(crate) fn path(self, site: &Site, id: PageId, page: &Page) -> String {
        if self == PageFile::Page && site.home == Some(id) {
            return SiteFile::Home.path(site);
        }
        format!("{}{}", page_folder(&site.root, page), self.name())
    }
}

/// The folder a page is written to in the site at `root`.
pub(crate) fn page_folder(root: &str, page: &Page) -> String {
    format!("{root}{}/", page.slug)
}

/// The folder of a site: "" for the school, "groep-5/", "pl/team/"...
pub(crate) fn site_root(lang_prefix: &str, id: &SiteId) -> String {
    match id {
        SiteId::School => lang_prefix.to_string(),
        _ => format!("{lang_prefix}{}/", id.as_str()),
    }
}

/// The folder of a language's copy of the sites: "pl/".
pub(crate) fn language_prefix(code: &str) -> String {
    format!("{code}/")
}

/// Where a page lives in the site it belongs to most narrowly (its
/// canonical site, `home` the id of that site), for `lang_prefix`'s copy.
pub(crate) fn canonical_file(lang_prefix: &str, home: &SiteId, page: &Page) -> String {
    let root = site_root(lang_prefix, home);
    if page.slug.is_empty() || page.slug == home.as_str() {
        SiteFile::Home.path_in(&root)
    } else {
        format!("{}{INDEX}", page_folder(&root, page))
    }
}

/// Where the encrypted copy of a private site's file goes (spec §6): a
/// script, so a page opened from a USB stick can load it too.
pub(crate) fn sealed_file(file: &str) -> String {
    format!("{file}{SEALED_SUFFIX}")
}

/// The end of an encrypted file's name.
pub(crate) const SEALED_SUFFIX: &str = ".helder.js";

/// The address of a file relative to the output root, as a browser asks
/// for it: a folder's `index.html` is left off ("groep-5/uitje/").
pub(crate) fn address(file: &str) -> &str {
    file.strip_suffix(INDEX).unwrap_or(file)
}

/// The address of a file on the web, below `base_url` (no trailing slash).
pub(crate) fn web_address(base_url: &str, file: &str) -> String {
    format!("{base_url}/{}", address(file))
}

/// The folder holding `file` (for links relative to it).
pub(crate) fn folder_of(file: &str) -> &str {
    match file.rfind('/') {
        Some(slash) => &file[..=slash],
        None => "",
    }
}

/// First path segments a page may not use in a site of `kind`: the files
/// helder writes there.
pub(crate) fn reserved_in_site(kind: SiteKind) -> impl Iterator<Item = &'static str> {
    SiteFile::ALL
        .into_iter()
        .filter(move |f| f.possible_in(kind))
        .map(|f| first_segment(f.name()))
}

/// First path segments at the output root that belong to helder: the school
/// site's own files, the build's root files and the team and training sites'
/// folders. Band, class and language folders come on top (from book.toml).
pub(crate) fn reserved_at_root() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = reserved_in_site(SiteKind::School)
        .chain(ROOT_FILES.iter().map(|f| first_segment(f)))
        .chain([SiteId::Team.as_str(), SiteId::Training.as_str()])
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

fn first_segment(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_names_come_from_the_files() {
        let root = reserved_at_root();
        for name in [
            "team",
            "training",
            "petten",
            "woordenlijst",
            "zoeken",
            "feed.xml",
            "agenda.ics",
            "search-index.json",
            "search-index.js",
            "sitemap.xml",
            "assets",
        ] {
            assert!(root.contains(&name), "{name} in {root:?}");
        }
        // The report and the print book exist only in their own sites.
        assert!(!root.contains(&"leesbaarheid"));
        assert!(!root.contains(&"print"));
        assert!(reserved_in_site(SiteKind::Team).any(|n| n == "leesbaarheid"));
        assert!(reserved_in_site(SiteKind::Training).any(|n| n == "print"));
        assert!(!reserved_in_site(SiteKind::Class).any(|n| n == "print"));
    }

    #[test]
    fn addresses() {
        assert_eq!(address("groep-5/uitje/index.html"), "groep-5/uitje/");
        assert_eq!(address("index.html"), "");
        assert_eq!(address("groep-5/feed.xml"), "groep-5/feed.xml");
        assert_eq!(
            web_address("https://school.example", "groep-5/index.html"),
            "https://school.example/groep-5/"
        );
        assert_eq!(folder_of("groep-5/uitje/index.html"), "groep-5/uitje/");
        assert_eq!(folder_of("feed.xml"), "");
        assert_eq!(site_root("pl/", &SiteId::School), "pl/");
        assert_eq!(site_root("", &SiteId::Class("groep-5".into())), "groep-5/");
        assert_eq!(site_root("", &SiteId::Team), "team/");
    }
}
