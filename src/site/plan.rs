//! Config + pages → the sites to write: who sees what (spec §5).
//!
//! Pure functions over plain data. A school site holds school-wide pages; a
//! band site school-wide and band pages; a class site school-wide pages, the
//! pages of its bands and its own. Team and training pages live only in their
//! own sites. A page sits at its site's root + its slug, in every site.

use std::collections::{BTreeMap, HashMap};

use super::layout;
use crate::config::Config;
use crate::content::{Audience, Content, Page, PageId};
use crate::error::{did_you_mean, Diagnostic, Errors};
use crate::msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteKind {
    School,
    Band,
    Class,
    Team,
    Training,
}

impl SiteKind {
    pub fn name(self) -> &'static str {
        match self {
            SiteKind::School => "school",
            SiteKind::Band => "band",
            SiteKind::Class => "class",
            SiteKind::Team => "team",
            SiteKind::Training => "training",
        }
    }

    /// Team and training material is not for search engines.
    pub fn noindex(self) -> bool {
        matches!(self, SiteKind::Team | SiteKind::Training)
    }
}

/// Which site: the school's, a band's or class's (by its id in book.toml),
/// the team's or the training's.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SiteId {
    School,
    Band(String),
    Class(String),
    Team,
    Training,
}

impl SiteId {
    pub fn kind(&self) -> SiteKind {
        match self {
            SiteId::School => SiteKind::School,
            SiteId::Band(_) => SiteKind::Band,
            SiteId::Class(_) => SiteKind::Class,
            SiteId::Team => SiteKind::Team,
            SiteId::Training => SiteKind::Training,
        }
    }

    /// The id as written in addresses and templates: "" for the school.
    pub fn as_str(&self) -> &str {
        match self {
            SiteId::School => "",
            SiteId::Band(id) | SiteId::Class(id) => id,
            SiteId::Team => "team",
            SiteId::Training => "training",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Site {
    pub id: SiteId,
    /// Output folder of the site: "" or "groep-5a/" (always ending in '/').
    pub root: String,
    pub name: String,
    /// Accent color (#rrggbb).
    pub color: String,
    /// For a class: its bands; for a band: itself.
    pub bands: Vec<String>,
    /// The page whose text introduces the home page, if any.
    pub home: Option<PageId>,
    /// Every other page of the site, in menu order (weight, then title).
    pub pages: Vec<PageId>,
    /// The same pages and the home, sorted by id, for membership tests.
    members: Vec<PageId>,
    /// The site's language (a copy of a site in an extra language lives under
    /// `/LANG/`, with the same pages by their default-language ids).
    pub lang: String,
    /// "" for the default language, else "LANG/": the start of `root`.
    pub lang_prefix: String,
    /// Default-language page → its translation in this site's language.
    pub translations: HashMap<PageId, PageId>,
    /// Listed in `[privacy] private`: its pages are encrypted (spec §6).
    pub private: bool,
}

impl Site {
    pub fn kind(&self) -> SiteKind {
        self.id.kind()
    }

    /// Is this site installable as an app, with a manifest and a service
    /// worker (spec §7)? Parent sites are; team and training material is
    /// not an app for parents.
    pub fn is_app(&self) -> bool {
        !self.kind().noindex()
    }

    /// The page shown for `id` here: its translation when there is one.
    pub fn shown(&self, id: PageId) -> PageId {
        self.translations.get(&id).copied().unwrap_or(id)
    }

    /// Is the page at `id` shown in another language than the site's (an
    /// untranslated page in a language site)?
    pub fn untranslated(&self, id: PageId) -> bool {
        !self.lang_prefix.is_empty() && !self.translations.contains_key(&id)
    }

    /// Output path of the page `id` of this site (its home, or its own
    /// folder), relative to the output root.
    pub fn page_file(&self, id: PageId, page: &Page) -> String {
        layout::PageFile::Page.path(self, id, page)
    }

    pub fn home_file(&self) -> String {
        layout::SiteFile::Home.path(self)
    }

    pub fn contains(&self, id: PageId) -> bool {
        self.members.binary_search(&id).is_ok()
    }

    /// Does this site show page `id`, itself or as the translation of one of
    /// its pages? Gives the page's default-language id, which places it.
    pub fn placing(&self, id: PageId) -> Option<PageId> {
        if self.contains(id) && self.shown(id) == id {
            return Some(id);
        }
        self.translations
            .iter()
            .find(|&(&from, &to)| to == id && self.contains(from))
            .map(|(&from, _)| from)
    }

    /// Does the site have anything to write: a page, or (the team's) the
    /// readability report? An empty private site is not written, so it
    /// needs no code.
    pub fn has_output(&self, with_report: bool) -> bool {
        self.home.is_some()
            || !self.pages.is_empty()
            || (with_report && self.kind() == SiteKind::Team)
    }

    /// The site's own home and pages, home first.
    pub fn all_pages(&self) -> impl Iterator<Item = PageId> + '_ {
        self.home.iter().chain(&self.pages).copied()
    }
}

/// Which sites a build writes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Selection {
    /// Only this audience's sites (ouders: school, bands, classes).
    pub audience: Option<Audience>,
    /// Only these class sites (implies audience ouders).
    pub classes: Vec<String>,
}

/// Does `page` belong in the site `id`?
pub(crate) fn shows(config: &Config, id: &SiteId, page: &Page) -> bool {
    match id {
        SiteId::Team => page.meta.audience == Audience::Team,
        SiteId::Training => page.meta.audience == Audience::Training,
        _ if page.meta.audience != Audience::Ouders => false,
        SiteId::School => page.meta.bands.is_empty() && page.meta.classes.is_empty(),
        SiteId::Band(band) => {
            page.meta.classes.is_empty()
                && (page.meta.bands.is_empty() || page.meta.bands.contains(band))
        }
        SiteId::Class(class) => {
            if !page.meta.classes.is_empty() {
                return page.meta.classes.contains(class);
            }
            page.meta.bands.is_empty()
                || config
                    .class(class)
                    .is_some_and(|c| c.bands.iter().any(|b| page.meta.bands.contains(b)))
        }
    }
}

/// The site a page is linked to from sites that do not hold it: a class page
/// in its (first) class site, a band page in its band site, and so on.
pub(crate) fn canonical_site(page: &Page) -> SiteId {
    match page.meta.audience {
        Audience::Team => SiteId::Team,
        Audience::Training => SiteId::Training,
        Audience::Ouders => {
            if let Some(c) = page.meta.classes.first() {
                SiteId::Class(c.clone())
            } else if let Some(b) = page.meta.bands.first() {
                SiteId::Band(b.clone())
            } else {
                SiteId::School
            }
        }
    }
}

/// The folder of a page's canonical site (see `canonical_site`).
pub(crate) fn canonical_root(page: &Page) -> String {
    layout::site_root("", &canonical_site(page))
}

/// Which pages are private: shown by no public site of the whole school
/// (whatever this build writes), by page id. Only such pages' text, titles
/// and files are secret; a school-wide page shown in a private class site is
/// public elsewhere anyway.
pub(crate) fn private_pages(config: &Config, content: &Content) -> Vec<bool> {
    let public: Vec<SiteId> = all_site_ids(config)
        .into_iter()
        .filter(|id| *id == SiteId::School || !config.is_private(id.as_str()))
        .collect();
    content
        .pages
        .iter()
        .map(|page| !public.iter().any(|id| shows(config, id, page)))
        .collect()
}

/// Every site the school has, whatever a build selects.
fn all_site_ids(config: &Config) -> Vec<SiteId> {
    site_specs(config, &Selection::default())
        .into_iter()
        .map(|spec| spec.id)
        .collect()
}

/// The private sites a build with this selection writes (their keys can be
/// made while the pages are read).
pub(crate) fn selected_private(config: &Config, selection: &Selection) -> Vec<String> {
    site_specs(config, selection)
        .into_iter()
        .filter(|spec| spec.id != SiteId::School && config.is_private(spec.id.as_str()))
        .map(|spec| spec.id.as_str().to_string())
        .collect()
}

/// What a site is before its pages are chosen.
struct SiteSpec {
    id: SiteId,
    name: String,
    color: String,
    bands: Vec<String>,
}

/// Plans every site of the build. Errors: an unknown `--class`, and pages
/// whose URL collides with a reserved name or with another page of a site.
pub(crate) fn plan(
    config: &Config,
    content: &Content,
    selection: &Selection,
) -> Result<Vec<Site>, Errors> {
    check_selection(config, selection)?;
    let mut errors = Errors::new();
    let mut sites = Vec::new();
    for spec in site_specs(config, selection) {
        let site = default_language_site(config, content, spec);
        check_urls(config, content, &site, &mut errors);
        sites.push(site);
    }
    let languages = language_sites(config, content, &sites);
    sites.extend(languages);
    errors.into_result(sites)
}

/// An unknown `--class` is an error with the nearest class id.
fn check_selection(config: &Config, selection: &Selection) -> Result<(), Errors> {
    let mut errors = Errors::new();
    for class in &selection.classes {
        if config.class(class).is_none() {
            let known: Vec<&str> = config.classes.iter().map(|c| c.id.as_str()).collect();
            let hint = match did_you_mean(class, known.iter().copied()) {
                Some(m) => msg!("sites.klas-bedoel", klas = m),
                None => msg!("sites.klas-kies", klassen = known.join(", ")),
            };
            errors.push(Diagnostic::usage(msg!("sites.klas-onbekend", klas = class)).help(hint));
        }
    }
    errors.into_result(())
}

/// The sites the selection asks for, in build order: school, bands,
/// classes, team, training.
fn site_specs(config: &Config, selection: &Selection) -> Vec<SiteSpec> {
    let wants = |audience: Audience| {
        if !selection.classes.is_empty() {
            return audience == Audience::Ouders;
        }
        selection.audience.is_none_or(|a| a == audience)
    };
    let mut specs = Vec::new();
    let school_color = config.school_color().to_string();
    let plain = |id: SiteId, name: &str| SiteSpec {
        id,
        name: name.to_string(),
        color: school_color.clone(),
        bands: vec![],
    };
    if wants(Audience::Ouders) {
        if selection.classes.is_empty() {
            specs.push(plain(SiteId::School, &config.title));
            for band in &config.bands {
                specs.push(SiteSpec {
                    id: SiteId::Band(band.id.clone()),
                    name: band.name.clone(),
                    color: band.color.clone().unwrap_or_else(|| school_color.clone()),
                    bands: vec![band.id.clone()],
                });
            }
        }
        for class in &config.classes {
            if !selection.classes.is_empty() && !selection.classes.contains(&class.id) {
                continue;
            }
            let band_color = || {
                let band = config.band(class.bands.first()?)?;
                band.color.clone()
            };
            specs.push(SiteSpec {
                id: SiteId::Class(class.id.clone()),
                name: class.name.clone(),
                color: class
                    .color
                    .clone()
                    .or_else(band_color)
                    .unwrap_or_else(|| school_color.clone()),
                bands: class.bands.clone(),
            });
        }
    }
    if wants(Audience::Team) {
        specs.push(plain(SiteId::Team, "Team"));
    }
    if wants(Audience::Training) {
        specs.push(plain(SiteId::Training, "Training"));
    }
    specs
}

/// A site in the default language: its home and pages chosen from all pages.
fn default_language_site(config: &Config, content: &Content, spec: SiteSpec) -> Site {
    // The page at the site's id (content/groep-5/index.md) introduces its home.
    let home_slug = spec.id.as_str();
    let mut home = None;
    let mut pages = Vec::new();
    for (page_id, page) in content.pages.iter().enumerate() {
        // Translations get their own sites (issue: languages).
        if page.lang != config.language || !shows(config, &spec.id, page) {
            continue;
        }
        if page.slug == home_slug && home.is_none() {
            home = Some(page_id);
        } else if page.slug.is_empty() && spec.id != SiteId::School {
            // The school's own intro (content/index.md) only opens the school site.
            continue;
        } else {
            pages.push(page_id);
        }
    }
    let mut members: Vec<PageId> = pages.iter().copied().chain(home).collect();
    members.sort_unstable();
    pages.sort_by(|a, b| {
        content.pages[*a]
            .menu_order()
            .cmp(&content.pages[*b].menu_order())
    });
    let private = spec.id != SiteId::School && config.is_private(spec.id.as_str());
    Site {
        root: layout::site_root("", &spec.id),
        id: spec.id,
        name: spec.name,
        color: spec.color,
        bands: spec.bands,
        home,
        pages,
        members,
        lang: config.language.clone(),
        lang_prefix: String::new(),
        translations: HashMap::new(),
        private,
    }
}

/// Each parent site again under `/LANG/` for every extra language, showing a
/// page's translation (`NAME.LANG.md`) where there is one and the
/// default-language page with a notice where there is not. Team and training
/// pages appear only where they are translated (spec §5).
fn language_sites(config: &Config, content: &Content, sites: &[Site]) -> Vec<Site> {
    let mut out = Vec::new();
    for language in &config.languages {
        let code = &language.code;
        let translation_of = |id: PageId| -> Option<PageId> {
            let path = &content.pages[id].content_path;
            let stem = path.strip_suffix(".md").unwrap_or(path);
            content.page_at(&format!("{stem}.{code}.md"))
        };
        for base in sites {
            let translations: HashMap<PageId, PageId> = base
                .all_pages()
                .filter_map(|id| Some((id, translation_of(id)?)))
                .collect();
            let noindex = base.kind().noindex();
            let own = |id: &PageId| !noindex || translations.contains_key(id);
            let pages: Vec<PageId> = base.pages.iter().copied().filter(own).collect();
            let home = base.home.filter(own);
            if noindex && pages.is_empty() && home.is_none() {
                continue;
            }
            let mut members: Vec<PageId> = pages.iter().copied().chain(home).collect();
            members.sort_unstable();
            let lang_prefix = layout::language_prefix(code);
            out.push(Site {
                root: layout::site_root(&lang_prefix, &base.id),
                pages,
                home,
                members,
                lang: code.clone(),
                lang_prefix,
                translations,
                ..base.clone()
            });
        }
    }
    out
}

/// Two pages at one URL, or a page on a name helder writes itself, are errors
/// naming the files.
fn check_urls(config: &Config, content: &Content, site: &Site, errors: &mut Errors) {
    let mut seen: BTreeMap<&str, PageId> = BTreeMap::new();
    let kind = site.kind();
    let root_reserved = layout::reserved_at_root();
    for id in site.all_pages() {
        let page = &content.pages[id];
        let first = page.slug.split('/').next().unwrap_or("");
        let school_reserved = kind == SiteKind::School
            && (root_reserved.contains(&first)
                || config.band(first).is_some()
                || config.class(first).is_some()
                || config.language_codes().any(|l| l == first));
        if school_reserved || layout::reserved_in_site(kind).any(|r| r == first) {
            errors.push(
                Diagnostic::site(msg!(
                    "sites.adres-gereserveerd",
                    adres = page.slug,
                    naam = first
                ))
                .in_file(&page.source)
                .at_line(page.key_line("slug"))
                .help(
                    if config.band(first).is_some() || config.class(first).is_some() {
                        msg!("sites.adres-verbergt-site", naam = first)
                    } else {
                        msg!("sites.adres-gereserveerd-hulp")
                    },
                ),
            );
            continue;
        }
        if let Some(&other) = seen.get(page.slug.as_str()) {
            // Worded without the site, so the same clash in many sites is one error.
            let other = &content.pages[other];
            errors.push(
                Diagnostic::site(msg!(
                    "sites.zelfde-adres",
                    andere = other.source.display(),
                    adres = page.slug
                ))
                .in_file(&page.source)
                .at_line(page.key_line("slug"))
                .help(msg!("sites.zelfde-adres-hulp")),
            );
            continue;
        }
        seen.insert(&page.slug, id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config() -> Config {
        Config::parse(
            Path::new("/x"),
            r#"
[book]
title = "De Linde"
[[band]]
id = "onderbouw"
name = "Onderbouw"
[[band]]
id = "middenbouw"
name = "Middenbouw"
[[class]]
id = "groep-1-2a"
name = "Groep 1/2a"
bands = ["onderbouw"]
[[class]]
id = "groep-3-4"
name = "Groep 3/4"
bands = ["onderbouw", "middenbouw"]
[[class]]
id = "groep-5"
name = "Groep 5"
bands = ["middenbouw"]
"#,
        )
        .unwrap()
    }

    fn page(path: &str, audience: Audience, bands: &[&str], classes: &[&str]) -> Page {
        let mut page = Page::for_test(path, "");
        page.meta.title = path.into();
        page.meta.audience = audience;
        page.meta.bands = bands.iter().map(|s| s.to_string()).collect();
        page.meta.classes = classes.iter().map(|s| s.to_string()).collect();
        page
    }

    fn content() -> Content {
        let mut pages = vec![
            page("index.md", Audience::Ouders, &[], &[]),
            page("kanjer.md", Audience::Ouders, &[], &[]),
            page("onderbouw/index.md", Audience::Ouders, &["onderbouw"], &[]),
            page("onderbouw/spelen.md", Audience::Ouders, &["onderbouw"], &[]),
            page(
                "middenbouw/tafels.md",
                Audience::Ouders,
                &["middenbouw"],
                &[],
            ),
            page("groep-5/index.md", Audience::Ouders, &[], &["groep-5"]),
            page("groep-5/uitje.md", Audience::Ouders, &[], &["groep-5"]),
            page("team/vergadering.md", Audience::Team, &[], &[]),
            page("training/h1.md", Audience::Training, &[], &[]),
        ];
        pages.sort_by(|a, b| a.content_path.cmp(&b.content_path));
        Content {
            pages,
            assets: vec![],
            left_out: Default::default(),
        }
    }

    fn paths(content: &Content, site: &Site) -> Vec<String> {
        let mut v: Vec<String> = site
            .pages
            .iter()
            .map(|&i| content.pages[i].content_path.clone())
            .collect();
        v.sort();
        v
    }

    fn site<'a>(sites: &'a [Site], id: &str) -> &'a Site {
        sites.iter().find(|s| s.id.as_str() == id).unwrap()
    }

    #[test]
    fn who_sees_what() {
        let (config, content) = (config(), content());
        let sites = plan(&config, &content, &Selection::default()).unwrap();
        assert_eq!(sites.len(), 1 + 2 + 3 + 2);
        let school = site(&sites, "");
        assert_eq!(paths(&content, school), ["kanjer.md"]);
        assert_eq!(content.pages[school.home.unwrap()].content_path, "index.md");
        let onderbouw = site(&sites, "onderbouw");
        assert_eq!(
            paths(&content, onderbouw),
            ["kanjer.md", "onderbouw/spelen.md"]
        );
        assert_eq!(
            content.pages[onderbouw.home.unwrap()].content_path,
            "onderbouw/index.md"
        );
        // The combination class gets both bands' pages, with the band intro as a page.
        let combi = site(&sites, "groep-3-4");
        assert_eq!(
            paths(&content, combi),
            [
                "kanjer.md",
                "middenbouw/tafels.md",
                "onderbouw/index.md",
                "onderbouw/spelen.md"
            ]
        );
        let groep5 = site(&sites, "groep-5");
        assert_eq!(
            paths(&content, groep5),
            ["groep-5/uitje.md", "kanjer.md", "middenbouw/tafels.md"]
        );
        assert_eq!(
            content.pages[groep5.home.unwrap()].content_path,
            "groep-5/index.md"
        );
        // No other class's pages anywhere in a class site.
        let g12 = site(&sites, "groep-1-2a");
        assert!(!paths(&content, g12)
            .iter()
            .any(|p| p.starts_with("groep-5")));
        assert_eq!(
            paths(&content, site(&sites, "team")),
            ["team/vergadering.md"]
        );
        assert_eq!(
            paths(&content, site(&sites, "training")),
            ["training/h1.md"]
        );
    }

    #[test]
    fn audience_and_class_selection() {
        let (config, content) = (config(), content());
        let only_parents = Selection {
            audience: Some(Audience::Ouders),
            classes: vec![],
        };
        let sites = plan(&config, &content, &only_parents).unwrap();
        assert!(!sites
            .iter()
            .any(|s| s.kind() == SiteKind::Team || s.kind() == SiteKind::Training));
        let one_class = Selection {
            audience: None,
            classes: vec!["groep-5".into()],
        };
        let sites = plan(&config, &content, &one_class).unwrap();
        assert_eq!(sites.len(), 1);
        assert_eq!(sites[0].id, SiteId::Class("groep-5".into()));
        let unknown = Selection {
            audience: None,
            classes: vec!["groep-6".into()],
        };
        let err = plan(&config, &content, &unknown).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.0[0].help.as_deref().unwrap().contains("groep-5"));
    }

    #[test]
    fn collisions_and_reserved_names_are_errors() {
        let config = config();
        let mut content = content();
        content
            .pages
            .push(page("groep-5.md", Audience::Ouders, &[], &[]));
        content
            .pages
            .push(page("kanjer/index.md", Audience::Ouders, &[], &[]));
        content
            .pages
            .sort_by(|a, b| a.content_path.cmp(&b.content_path));
        let err = plan(&config, &content, &Selection::default()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("content/groep-5.md"), "{text}");
        assert!(text.contains("zou de site `groep-5` verbergen"), "{text}");
        assert!(text.contains("hebben hetzelfde adres `kanjer/`"), "{text}");
    }
}
