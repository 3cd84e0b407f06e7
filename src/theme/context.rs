//! What a template gets: plain serializable data about the page, its site and
//! the navigation, with every URL already relative to the page.
//!
//! Per-page work here stays independent of the number of pages: the menu is
//! capped and lists are built once per site (see `SiteNav`).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use crate::config::{Config, School};
use crate::content::{CapColor, Content, Page, PageId, PageKind};
use crate::markdown::highlight::escape;
use crate::markdown::links::relative;
use crate::markdown::{Heading, LinkTarget, Rendered};
use crate::views::{canonical_root, Site, SiteKind};

/// At most this many pages in the menu; the home page lists them all.
pub const MENU_LIMIT: usize = 12;
/// Events in the "Agenda" list of a home page.
pub const UPCOMING_LIMIT: usize = 5;

/// Page data for a shortcode template.
#[derive(Serialize)]
pub struct ShortcodePage<'a> {
    pub title: &'a str,
    pub lang: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

impl<'a> ShortcodePage<'a> {
    pub fn of(page: &'a Page) -> Self {
        ShortcodePage {
            title: &page.title,
            lang: &page.lang,
            kind: page.kind.name(),
        }
    }
}

#[derive(Serialize, Default)]
pub struct Link {
    pub title: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub current: bool,
    /// The language of the link's text, when it differs from the site's
    /// (the language switcher; an untranslated page's title): templates mark
    /// it with `lang` and isolate its direction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The date as YYYY-MM-DD, for `<time datetime>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_iso: Option<String>,
    /// A cap page's color, for its drawing in lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<&'static str>,
}

#[derive(Serialize)]
pub struct Group {
    /// What the list holds: "agenda", "news", "pages", "bands", "classes",
    /// "children", so a template can put the parent's tasks first.
    pub kind: &'static str,
    pub title: String,
    pub links: Vec<Link>,
}

#[derive(Serialize)]
pub struct SiteInfo<'a> {
    pub kind: &'static str,
    pub id: &'a str,
    /// The site's own name (the class name, "Team", ...).
    pub name: &'a str,
    /// The school's name.
    pub school: &'a str,
    pub description: &'a str,
    pub color: &'a str,
    pub home: String,
    /// The site's folder, relative to this page ("../../"), for paths below it.
    pub base: String,
    /// The site's Atom feed and iCalendar agenda, for parent sites.
    pub feed: Option<String>,
    pub agenda: Option<String>,
    /// The agenda's address on the web (with base-url), for subscribing
    /// from a phone (`webcal://`) and to paste into Google Calendar.
    pub agenda_web: Option<String>,
    /// The site's search page, when the build writes one.
    pub search: Option<String>,
    pub noindex: bool,
    /// A class site's teacher.
    pub teacher: Option<&'a str>,
}

#[derive(Serialize)]
pub struct PageInfo<'a> {
    pub title: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub audience: crate::content::Audience,
    pub summary: Option<&'a str>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub content: String,
    pub headings: &'a [Heading],
    pub source: String,
    pub extra: &'a serde_json::Value,
    pub cap: Option<Cap<'a>>,
    pub time: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub location: Option<&'a str>,
    /// An evening's slides page, as a URL.
    pub slides: Option<String>,
    /// A slides page's slides.
    pub deck: Vec<SlideInfo>,
    /// An evening's "In het kort" box, taken out of `content` to go first.
    pub key_points: Option<String>,
}

#[derive(Serialize)]
pub struct SlideInfo {
    pub html: String,
    /// The speaker notes, as HTML (empty when none).
    pub notes: String,
}

#[derive(Serialize)]
pub struct Cap<'a> {
    pub color: &'static str,
    pub animal: &'static str,
    /// "de tijger", "het konijn" (in the site's language).
    pub animal_with_article: &'a str,
    /// "De witte pet" (in the site's language).
    pub label: &'a str,
}

/// Everything `page.html` and `home.html` get.
#[derive(Serialize)]
pub struct PageContext<'a> {
    /// The site's language (menus, notices) and its direction.
    pub lang: &'a str,
    pub dir: &'static str,
    /// The language of the page text: the default one on an untranslated page.
    pub content_lang: &'a str,
    pub untranslated: bool,
    pub untranslated_notice: Option<&'static str>,
    /// The same page in every language of the site (for the switcher).
    pub languages: Vec<Link>,
    /// (language, absolute URL) for hreflang links, with base-url.
    pub alternates: Vec<(String, String)>,
    /// The theme's words (i18n/LANG.toml), as `t.key` in templates.
    pub t: &'a BTreeMap<String, String>,
    /// Relative path from this page to the output root ("" or "../../").
    pub root: String,
    pub css: String,
    pub logo: Option<String>,
    pub site: SiteInfo<'a>,
    pub school: &'a School,
    pub page: PageInfo<'a>,
    pub menu: Vec<Link>,
    pub menu_more: bool,
    pub breadcrumb: Vec<Link>,
    pub canonical: Option<String>,
    /// Lists of pages: on a home or folder page.
    pub groups: Vec<Group>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub is_home: bool,
    /// The site's next events (at most 5), for the side column.
    pub upcoming: Vec<Link>,
    /// A class site's bands, shown as tags (not as breadcrumb levels: a
    /// combination class sits in two bands, not in one inside the other).
    pub bands: Vec<Link>,
}

/// Navigation facts of one site, computed once and shared by its pages.
pub struct SiteNav {
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

impl SiteNav {
    pub fn new(
        content: &Content,
        site: &Site,
        built_roots: Vec<String>,
        today: chrono::NaiveDate,
    ) -> SiteNav {
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
            let slug = content.pages[id].slug.as_str();
            let mut ancestor = slug;
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
        let mut undated = top
            .iter()
            .copied()
            .filter(|&p| !is_dated(&content.pages[p].kind));
        let menu: Vec<PageId> = undated.by_ref().take(MENU_LIMIT).collect();
        let menu_more = undated.next().is_some();
        let mut upcoming: Vec<PageId> = site
            .pages
            .iter()
            .copied()
            .filter(|&p| {
                let page = &content.pages[p];
                matches!(page.kind, PageKind::Event { .. }) && page.date.is_some_and(|d| d >= today)
            })
            .collect();
        upcoming.sort_by_key(|&p| (content.pages[p].date, content.pages[p].kind.start_time(), p));
        upcoming.truncate(UPCOMING_LIMIT);
        SiteNav {
            top,
            children,
            parent,
            menu,
            menu_more,
            built_roots,
            upcoming,
            search: false,
        }
    }
}

/// Output path of `page` when shown in `site` (relative to the output root).
pub fn page_file(site: &Site, id: PageId, page: &Page) -> String {
    if site.home == Some(id) {
        site.home_file()
    } else {
        site.page_file(page)
    }
}

/// Output path of a page seen from a site that may not hold it.
fn target_file(site: &Site, id: PageId, page: &Page) -> String {
    if site.contains(id) {
        page_file(site, id, page)
    } else {
        format!("{}{}", site.lang_prefix, home_site_file(page))
    }
}

/// The one address search engines should know a page by: a page shared by
/// many sites is canonical in the site it belongs to most narrowly.
pub fn canonical_file(site: &Site, id: PageId, page: &Page) -> String {
    if site.home == Some(id) {
        site.home_file()
    } else {
        format!("{}{}", site.lang_prefix, home_site_file(page))
    }
}

fn home_site_file(page: &Page) -> String {
    let root = canonical_root(page);
    let home_slug = root.trim_end_matches('/');
    if page.slug == home_slug || page.slug.is_empty() {
        format!("{root}index.html")
    } else {
        format!("{root}{}/index.html", page.slug)
    }
}

pub struct Builder<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub site: &'a Site,
    pub nav: &'a SiteNav,
    /// The theme's words in the site's language.
    pub words: &'a BTreeMap<String, String>,
}

impl<'a> Builder<'a> {
    /// The URL of a link placeholder for a page written in folder `from_dir`:
    /// relative, unless the target is in a site this build does not write
    /// (a `--class` build) and `base-url` gives its address on the web.
    pub fn resolve_link(&self, from_dir: &str, target: &LinkTarget) -> String {
        let (content, site) = (self.content, self.site);
        match target {
            LinkTarget::Page {
                content_path,
                fragment,
            } => {
                let Some(id) = content.page_at(content_path) else {
                    return String::new();
                };
                let page = &content.pages[id];
                let file = target_file(site, id, page);
                let root = format!("{}{}", site.lang_prefix, canonical_root(page));
                let written = site.contains(id) || self.nav.built_roots.contains(&root);
                let mut url = match (&self.config.base_url, written) {
                    (Some(base), false) => {
                        format!("{base}/{}", file.trim_end_matches("index.html"))
                    }
                    _ => relative(from_dir, &file),
                };
                if let Some(f) = fragment {
                    url.push('#');
                    url.push_str(f);
                }
                url
            }
            LinkTarget::Asset { content_path } => relative(from_dir, content_path),
        }
    }

    fn link(&self, from_dir: &str, id: PageId, current: Option<PageId>) -> Link {
        // Where a page lives follows its default-language version; what it
        // says, its translation in this site's language.
        let page = &self.content.pages[self.site.shown(id)];
        Link {
            title: page.title.clone(),
            url: relative(
                from_dir,
                &target_file(self.site, id, &self.content.pages[id]),
            ),
            date: page.date.map(|d| self.date(d)),
            summary: page.summary.clone(),
            kind: page.kind.name(),
            current: current == Some(id),
            lang: (page.lang != self.site.lang).then(|| page.lang.clone()),
            date_iso: page.date.map(|d| d.format("%Y-%m-%d").to_string()),
            cap: match page.kind {
                PageKind::Cap { color } => Some(color.name()),
                _ => None,
            },
        }
    }

    fn site_link(&self, from_dir: &str, root: &str, title: &str) -> Option<Link> {
        self.nav
            .built_roots
            .iter()
            .any(|r| r == root)
            .then(|| Link {
                title: title.to_string(),
                url: relative(from_dir, &format!("{root}index.html")),
                kind: "site",
                ..Link::default()
            })
    }

    /// The context of a page (or, with `id == site.home`, of the home).
    pub fn page(&self, id: Option<PageId>, rendered: Option<&'a Rendered>) -> PageContext<'a> {
        let site = self.site;
        let file = match id {
            Some(i) if site.home != Some(i) => page_file(site, i, &self.content.pages[i]),
            _ => site.home_file(),
        };
        self.context(id, rendered, &file, id == site.home)
    }

    /// A page's context for another file than the page itself (a handout).
    pub fn page_at(&self, id: PageId, rendered: &'a Rendered, file: &str) -> PageContext<'a> {
        self.context(Some(id), Some(rendered), file, false)
    }

    /// A page helder makes itself (a word list, a report) at `file`, with its
    /// HTML body.
    pub fn generated(&self, file: &str, title: &'a str, html: String) -> PageContext<'a> {
        let mut context = self.context(None, None, file, false);
        context.page.title = title;
        context.page.content = html;
        context
    }

    fn context(
        &self,
        id: Option<PageId>,
        rendered: Option<&'a Rendered>,
        file: &str,
        is_home: bool,
    ) -> PageContext<'a> {
        let (config, site) = (self.config, self.site);
        // The page shown (its translation when there is one) and the
        // default-language page, which decides where it lives.
        let page = id.map(|i| &self.content.pages[site.shown(i)]);
        let located = id.map(|i| &self.content.pages[i]);
        let dir = file.trim_end_matches("index.html").to_string();
        let root = relative(&dir, "");
        let root = if root == "./" { String::new() } else { root };

        let mut content_html = match rendered {
            Some(r) => r.html_for(|t| self.resolve_link(&dir, t)),
            None => String::new(),
        };
        let key_points = take_section(&mut content_html, "<section class=\"key-points\"");

        let menu: Vec<Link> = self
            .nav
            .menu
            .iter()
            .map(|&p| self.link(&dir, p, id))
            .collect();

        let breadcrumb = self.breadcrumb(&dir, id, is_home);
        let groups = if is_home {
            self.home_groups(&dir)
        } else {
            match id.and_then(|i| self.nav.children.get(&i)) {
                Some(children) => vec![Group {
                    kind: "children",
                    title: self.word("group_children").into(),
                    links: children.iter().map(|&c| self.link(&dir, c, None)).collect(),
                }],
                None => vec![],
            }
        };
        let in_book = site.kind == SiteKind::Training && (id.is_some() || is_home);
        let (prev, next) = if in_book {
            self.book_neighbours(&dir, id)
        } else {
            (None, None)
        };

        let lang = site.lang.as_str();
        let untranslated = id.is_some_and(|i| site.untranslated(i));
        let canonical = config.base_url.as_ref().map(|base| {
            let file = match (id, located) {
                (Some(i), Some(p)) => canonical_file(site, i, p),
                _ => site.home_file(),
            };
            format!("{base}/{}", file.trim_end_matches("index.html"))
        });
        let (languages, alternates) = self.languages(file);
        let title = match page {
            Some(p) if !is_home => p.title.as_str(),
            _ => site.name.as_str(),
        };
        PageContext {
            lang,
            dir: direction(config, lang),
            content_lang: if untranslated {
                config.language.as_str()
            } else {
                lang
            },
            untranslated,
            untranslated_notice: untranslated.then(|| untranslated_notice(lang)),
            languages,
            alternates,
            t: self.words,
            css: format!("{root}assets/helder.css"),
            logo: logo_url(config, &root),
            root,
            site: SiteInfo {
                kind: site.kind.name(),
                id: &site.id,
                name: &site.name,
                school: &config.title,
                description: &config.description,
                color: &site.color,
                home: relative(&dir, &site.home_file()),
                base: relative(&dir, &site.root),
                feed: (!site.kind.noindex())
                    .then(|| relative(&dir, &format!("{}feed.xml", site.root))),
                agenda: (!site.kind.noindex())
                    .then(|| relative(&dir, &format!("{}agenda.ics", site.root))),
                agenda_web: config
                    .base_url
                    .as_ref()
                    .filter(|_| !site.kind.noindex())
                    .map(|base| format!("{base}/{}agenda.ics", site.root)),
                search: self
                    .nav
                    .search
                    .then(|| relative(&dir, &format!("{}zoeken/index.html", site.root))),
                noindex: site.kind.noindex(),
                teacher: match site.kind {
                    SiteKind::Class => config.class(&site.id).and_then(|c| c.teacher.as_deref()),
                    _ => None,
                },
            },
            school: &config.school,
            page: PageInfo {
                title,
                kind: page.map(|p| p.kind.name()).unwrap_or("page"),
                audience: page
                    .map(|p| p.audience)
                    .unwrap_or(crate::content::Audience::Ouders),
                summary: page.and_then(|p| p.summary.as_deref()),
                date: page.and_then(|p| p.date).map(|d| self.date(d)),
                date_iso: page
                    .and_then(|p| p.date)
                    .map(|d| d.format("%Y-%m-%d").to_string()),
                content: content_html,
                headings: rendered.map(|r| r.headings.as_slice()).unwrap_or(&[]),
                source: page
                    .map(|p| p.source.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default(),
                extra: page.map(|p| &p.extra).unwrap_or(&serde_json::Value::Null),
                cap: match page.map(|p| &p.kind) {
                    Some(PageKind::Cap { color }) => {
                        let (label, animal_with_article) = self.cap_words(*color);
                        Some(Cap {
                            color: color.name(),
                            animal: color.animal(),
                            animal_with_article,
                            label,
                        })
                    }
                    _ => None,
                },
                time: match page.map(|p| &p.kind) {
                    Some(PageKind::Evening { time: Some(t), .. }) => {
                        Some(t.format("%H:%M").to_string())
                    }
                    _ => None,
                },
                start: match page.map(|p| &p.kind) {
                    Some(PageKind::Event { start: Some(t), .. }) => {
                        Some(t.format("%H:%M").to_string())
                    }
                    _ => None,
                },
                end: match page.map(|p| &p.kind) {
                    Some(PageKind::Event { end: Some(t), .. }) => {
                        Some(t.format("%H:%M").to_string())
                    }
                    _ => None,
                },
                location: match page.map(|p| &p.kind) {
                    Some(PageKind::Evening { location, .. })
                    | Some(PageKind::Event { location, .. }) => location.as_deref(),
                    _ => None,
                },
                key_points,
                deck: rendered
                    .map(|r| {
                        r.slides
                            .iter()
                            .map(|slide| {
                                split_notes(&slide.html_for(|t| self.resolve_link(&dir, t)))
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                slides: match page.map(|p| &p.kind) {
                    Some(PageKind::Evening {
                        slides: Some(s), ..
                    }) => {
                        let target = LinkTarget::Page {
                            content_path: s.clone(),
                            fragment: None,
                        };
                        Some(self.resolve_link(&dir, &target))
                    }
                    _ => None,
                },
            },
            menu,
            menu_more: self.nav.menu_more,
            breadcrumb,
            canonical,
            groups,
            prev,
            next,
            is_home,
            upcoming: self
                .nav
                .upcoming
                .iter()
                .map(|&p| self.link(&dir, p, None))
                .collect(),
            bands: self.bands(&dir),
        }
    }

    /// The training book on one page: the home's text, then every chapter.
    pub fn print(&self, rendered: &'a [Rendered]) -> PageContext<'a> {
        let site = self.site;
        let file = format!("{}print/index.html", site.root);
        let dir = file.trim_end_matches("index.html");
        let mut html = String::new();
        for &id in site.home.iter().chain(&site.pages) {
            let page = &self.content.pages[id];
            let body = rendered[site.shown(id)].html_for(|t| self.resolve_link(dir, t));
            let chapter = escape(&page.slug.replace('/', "-"));
            let _ = write!(
                html,
                "<section class=\"chapter\" id=\"{chapter}\">\n<h2>{}</h2>\n{}</section>\n",
                escape(&page.title),
                one_of_many(&body, &chapter)
            );
        }
        self.generated(&file, "Alles op één pagina", html)
    }

    /// All cap pages of the site on one page, one cap per printed A4 side.
    pub fn cap_folder(
        &self,
        file: &str,
        caps: &[PageId],
        rendered: &'a [Rendered],
    ) -> PageContext<'a> {
        let dir = file.trim_end_matches("index.html");
        let mut html = String::new();
        // Each sheet ends with who to ask: it hangs on a fridge, away from
        // the site.
        let school = &self.config.school;
        let mut footer = format!(
            "<p class=\"sheet-foot\"><strong>{}</strong>",
            escape(&self.config.title)
        );
        if let Some(phone) = &school.phone {
            let _ = write!(
                footer,
                " · {}: <a href=\"tel:{}\" dir=\"ltr\">{}</a>",
                escape(self.word("phone")),
                escape(&phone.replace(' ', "")),
                escape(phone)
            );
        }
        if let Some(email) = &school.email {
            let _ = write!(
                footer,
                " · {}: <a href=\"mailto:{}\" dir=\"ltr\">{}</a>",
                escape(self.word("email")),
                escape(email),
                escape(email)
            );
        }
        footer.push_str("</p>\n");
        for &id in caps {
            let page = &self.content.pages[id];
            let (color, label, animal) = match page.kind {
                PageKind::Cap { color } => {
                    let (label, animal) = self.cap_words(color);
                    (color.name(), label, animal)
                }
                _ => continue,
            };
            let shown = &self.content.pages[self.site.shown(id)];
            let body = rendered[self.site.shown(id)].html_for(|t| self.resolve_link(dir, t));
            // An untranslated cap in a language site: its text keeps its own
            // language and direction (Dutch, left to right, in /ar/).
            let text_lang = if shown.lang != self.site.lang {
                format!(" lang=\"{}\" dir=\"ltr\"", escape(&shown.lang))
            } else {
                String::new()
            };
            let drawing = super::caps::drawing(color, None).unwrap_or_default();
            let _ = write!(
                html,
                "<section class=\"cap-sheet cap-{color}\">\n<div class=\"sheet-head\">{drawing}<div><h2{text_lang}>{}</h2><p class=\"sheet-cap\">{}{}: <strong>{}</strong></p></div></div>\n<div class=\"sheet-body\"{text_lang}>\n{}</div>\n{footer}</section>\n",
                escape(&shown.title),
                if shown.title == label {
                    String::new()
                } else {
                    format!("{} · ", escape(label))
                },
                escape(self.word("animal")),
                escape(animal),
                one_of_many(&body, color)
            );
        }
        self.generated(file, self.word("cap_folder_title"), html)
    }

    /// A cap's name and its animal with article in the site's language
    /// ("De witte pet", "de tijger"); the Dutch ones when a list lacks them.
    fn cap_words(&self, color: CapColor) -> (&'a str, &'a str) {
        let label = self
            .words
            .get(&format!("cap_{}", color.name()))
            .map_or(color.label(), String::as_str);
        let animal = self
            .words
            .get(&format!("cap_{}_animal", color.name()))
            .map_or(color.animal_with_article(), String::as_str);
        (label, animal)
    }

    /// A word of the theme in the site's language ("" when unknown).
    pub fn word(&self, key: &str) -> &'a str {
        self.words.get(key).map(String::as_str).unwrap_or("")
    }

    /// "8 oktober 2026" in the site's language (month names from the word
    /// list; Dutch when a list has none).
    fn date(&self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let months: Vec<&str> = self.word("months").split_whitespace().collect();
        match months.get(date.month0() as usize) {
            Some(month) if months.len() == 12 => format!("{} {month} {}", date.day(), date.year()),
            _ => format_date(date, "nl"),
        }
    }

    /// The same file in each language's copy of this site (those built), and
    /// with base-url the absolute addresses for hreflang.
    fn languages(&self, file: &str) -> (Vec<Link>, Vec<(String, String)>) {
        let (config, site) = (self.config, self.site);
        if config.languages.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let base_root = &site.root[site.lang_prefix.len()..];
        let rest = &file[site.root.len().min(file.len())..];
        let dir = file.trim_end_matches("index.html");
        let codes = std::iter::once((config.language.as_str(), String::new(), "Nederlands")).chain(
            config
                .languages
                .iter()
                .map(|l| (l.code.as_str(), format!("{}/", l.code), l.name.as_str())),
        );
        let mut links = Vec::new();
        let mut alternates = Vec::new();
        for (code, prefix, name) in codes {
            let root = format!("{prefix}{base_root}");
            if !self.nav.built_roots.contains(&root) {
                continue;
            }
            let target = format!("{root}{rest}");
            if let Some(base) = &config.base_url {
                alternates.push((
                    code.to_string(),
                    format!("{base}/{}", target.trim_end_matches("index.html")),
                ));
            }
            links.push(Link {
                title: name.to_string(),
                url: relative(dir, &target),
                kind: "language",
                current: code == site.lang,
                lang: Some(code.to_string()),
                ..Link::default()
            });
        }
        (links, alternates)
    }

    /// A class site's bands, as links to their sites (those built).
    fn bands(&self, dir: &str) -> Vec<Link> {
        let (config, site) = (self.config, self.site);
        if site.kind != SiteKind::Class {
            return Vec::new();
        }
        site.bands
            .iter()
            .filter_map(|b| {
                self.site_link(
                    dir,
                    &format!("{}{b}/", site.lang_prefix),
                    &config.band(b)?.name,
                )
            })
            .collect()
    }

    /// School › site › folder pages › this page. A class's bands are not in
    /// it: a class in two bands sits in neither inside the other.
    fn breadcrumb(&self, dir: &str, id: Option<PageId>, is_home: bool) -> Vec<Link> {
        let (config, site) = (self.config, self.site);
        let mut crumbs = Vec::new();
        if site.kind != SiteKind::School {
            crumbs.extend(self.site_link(dir, &site.lang_prefix, &config.title));
        }
        if !is_home {
            crumbs.push(Link {
                title: site.name.clone(),
                url: relative(dir, &site.home_file()),
                kind: "site",
                ..Link::default()
            });
            let mut ancestors = Vec::new();
            let mut at = id;
            while let Some(p) = at.and_then(|i| self.nav.parent.get(&i)) {
                ancestors.push(self.link(dir, *p, None));
                at = Some(*p);
            }
            crumbs.extend(ancestors.into_iter().rev());
        }
        crumbs
    }

    /// The lists on a site's home page.
    fn home_groups(&self, dir: &str) -> Vec<Group> {
        let (config, content, site) = (self.config, self.content, self.site);
        let mut dated: Vec<PageId> = self
            .nav
            .top
            .iter()
            .copied()
            .filter(|&p| {
                is_dated(&content.pages[p].kind)
                    && !matches!(content.pages[p].kind, PageKind::Event { .. })
            })
            .collect();
        dated.sort_by(|a, b| {
            content.pages[*b]
                .date
                .cmp(&content.pages[*a].date)
                .then(a.cmp(b))
        });
        let undated: Vec<PageId> = self
            .nav
            .top
            .iter()
            .copied()
            .filter(|&p| !is_dated(&content.pages[p].kind))
            .collect();

        let mut groups = Vec::new();
        if !self.nav.upcoming.is_empty() {
            groups.push(Group {
                kind: "agenda",
                title: self.word("group_agenda").into(),
                links: self
                    .nav
                    .upcoming
                    .iter()
                    .map(|&p| self.link(dir, p, None))
                    .collect(),
            });
        }
        if !dated.is_empty() {
            groups.push(Group {
                kind: "news",
                title: self.word("group_news").into(),
                links: dated.iter().map(|&p| self.link(dir, p, None)).collect(),
            });
        }
        // Pages of this class first, then of its bands, then of the school.
        let scope = |p: &Page| -> u8 {
            if !p.classes.is_empty() {
                0
            } else if !p.bands.is_empty() {
                1
            } else {
                2
            }
        };
        // Dutch writes "Van groep 5", "Van de onderbouw en de middenbouw";
        // other languages take the names as they are.
        let dutch = site.lang == "nl" || site.lang.starts_with("nl-");
        let name = |n: &str| {
            if dutch {
                n.to_lowercase()
            } else {
                n.to_string()
            }
        };
        let titles: [String; 3] = match site.kind {
            SiteKind::Class => {
                let bands: Vec<String> = site
                    .bands
                    .iter()
                    .filter_map(|b| config.band(b))
                    .map(|b| name(&b.name))
                    .collect();
                let joined = bands.join(if dutch { " en de " } else { " / " });
                [
                    self.word("group_class")
                        .replace("{name}", &name(&site.name)),
                    self.word("group_band").replace("{name}", &joined),
                    self.word("group_school").into(),
                ]
            }
            SiteKind::Band => [
                String::new(),
                self.word("group_band").replace("{name}", &name(&site.name)),
                self.word("group_school").into(),
            ],
            SiteKind::Training => [
                String::new(),
                String::new(),
                self.word("group_chapters").into(),
            ],
            _ => [
                String::new(),
                String::new(),
                self.word("group_pages").into(),
            ],
        };
        for (level, title) in titles.iter().enumerate() {
            let links: Vec<Link> = undated
                .iter()
                .copied()
                .filter(|&p| scope(&content.pages[p]) as usize == level)
                .map(|p| self.link(dir, p, None))
                .collect();
            if !links.is_empty() {
                groups.push(Group {
                    kind: "pages",
                    title: title.clone(),
                    links,
                });
            }
        }
        // The school and band homes lead with the classes (a parent's first
        // task is finding their child's class), then name the bands.
        let class_tile = |c: &crate::config::Class| {
            let mut link =
                self.site_link(dir, &format!("{}{}/", site.lang_prefix, c.id), &c.name)?;
            link.kind = "class";
            link.summary = c.teacher.clone();
            Some(link)
        };
        let classes: Vec<Link> = match site.kind {
            SiteKind::School => config.classes.iter().filter_map(class_tile).collect(),
            SiteKind::Band => config
                .classes
                .iter()
                .filter(|c| c.bands.contains(&site.id))
                .filter_map(class_tile)
                .collect(),
            _ => vec![],
        };
        if !classes.is_empty() {
            groups.push(Group {
                kind: "classes",
                title: self.word("choose_class").into(),
                links: classes,
            });
        }
        if site.kind == SiteKind::School {
            let bands: Vec<Link> = config
                .bands
                .iter()
                .filter_map(|b| {
                    self.site_link(dir, &format!("{}{}/", site.lang_prefix, b.id), &b.name)
                })
                .collect();
            if !bands.is_empty() {
                groups.push(Group {
                    kind: "bands",
                    title: self.word("group_sites").into(),
                    links: bands,
                });
            }
        }
        groups
    }

    /// Previous and next in the training book: home, then pages by weight.
    fn book_neighbours(&self, dir: &str, id: Option<PageId>) -> (Option<Link>, Option<Link>) {
        let order: Vec<Option<PageId>> = std::iter::once(self.site.home)
            .chain(self.site.pages.iter().map(|&p| Some(p)))
            .collect();
        let Some(pos) = order
            .iter()
            .position(|&p| p == id || (id.is_none() && p == self.site.home))
        else {
            return (None, None);
        };
        let to_link = |p: Option<PageId>| match p {
            Some(p) => self.link(dir, p, None),
            None => Link {
                title: self.site.name.clone(),
                url: relative(dir, &self.site.home_file()),
                kind: "site",
                ..Link::default()
            },
        };
        let prev = pos.checked_sub(1).map(|i| to_link(order[i]));
        let next = order.get(pos + 1).map(|&p| to_link(p));
        (prev, next)
    }
}

/// Cuts the first `<section ...>...</section>` starting with `open` out of
/// `html` (such sections hold no sections themselves).
fn take_section(html: &mut String, open: &str) -> Option<String> {
    let start = html.find(open)?;
    let end = html[start..]
        .find("</section>")
        .map(|e| start + e + "</section>".len())?;
    let section = html[start..end].to_string();
    html.replace_range(start..end, "");
    Some(section)
}

/// "ltr", or "rtl" for a language configured with direction = "rtl".
fn direction(config: &Config, lang: &str) -> &'static str {
    config
        .languages
        .iter()
        .find(|l| l.code == lang)
        .map_or("ltr", |l| l.direction.as_str())
}

/// Shown above the default-language text of a page that is not translated.
fn untranslated_notice(lang: &str) -> &'static str {
    match lang.split('-').next().unwrap_or(lang) {
        "en" => "This page has not been translated yet. Below is the Dutch text.",
        "ar" => "هذه الصفحة غير مترجمة بعد. النص أدناه باللغة الهولندية.",
        "tr" => "Bu sayfa henüz çevrilmedi. Aşağıda Felemenkçe metin var.",
        "pl" => "Ta strona nie została jeszcze przetłumaczona. Poniżej jest tekst po niderlandzku.",
        "uk" => "Цю сторінку ще не перекладено. Нижче текст нідерландською мовою.",
        "fr" => "Cette page n'est pas encore traduite. Voici le texte en néerlandais.",
        "de" => "Diese Seite ist noch nicht übersetzt. Unten steht der niederländische Text.",
        _ => "Deze pagina is nog niet vertaald. Hieronder staat de Nederlandse tekst.",
    }
}

/// A slide's HTML without its speaker notes, and the notes.
fn split_notes(html: &str) -> SlideInfo {
    const OPEN: &str = "<div class=\"notes\">";
    const CLOSE: &str = "</div>\n";
    let mut slide = String::with_capacity(html.len());
    let mut notes = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        slide.push_str(&rest[..start]);
        let inner = &rest[start + OPEN.len()..];
        let end = inner.find(CLOSE).unwrap_or(inner.len());
        notes.push_str(inner[..end].trim());
        notes.push('\n');
        rest = &inner[(end + CLOSE.len()).min(inner.len())..];
    }
    slide.push_str(rest);
    SlideInfo { html: slide, notes }
}

/// A chapter's body on the page that holds every chapter: ids made unique
/// per chapter, headings one level down, below the chapter's own `<h2>`.
fn one_of_many(body: &str, chapter: &str) -> String {
    let mut html = crate::markdown::prefix_ids(body, chapter);
    for level in (2..=5).rev() {
        html = html
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    html
}

/// The logo is configured as a path in the site; files under static/ land at
/// the output root.
fn logo_url(config: &Config, root: &str) -> Option<String> {
    let logo = config.school.logo.as_ref()?;
    Some(format!(
        "{root}{}",
        logo.strip_prefix("static/").unwrap_or(logo)
    ))
}

fn is_dated(kind: &PageKind) -> bool {
    matches!(
        kind,
        PageKind::News | PageKind::Evening { .. } | PageKind::Event { .. }
    )
}

/// "8 oktober 2026".
pub fn format_date(date: chrono::NaiveDate, lang: &str) -> String {
    use chrono::Datelike;
    const NL: [&str; 12] = crate::content::page::DUTCH_MONTHS;
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = (date.month0()) as usize;
    if lang.starts_with("en") {
        format!("{} {} {}", date.day(), EN[month], date.year())
    } else {
        format!("{} {} {}", date.day(), NL[month], date.year())
    }
}
