//! What a template gets: plain serializable data about the page, its site and
//! the navigation, with every URL already relative to the page.
//!
//! The decisions come from elsewhere: which pages a list or menu holds from
//! `site::nav`, where files live from `site::layout`, the words and dates
//! from `Locale`. Here they become template data.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{Config, School};
use crate::content::{Content, Page, PageId, PageKind};
use crate::locale::Locale;
use crate::markdown::links::relative;
use crate::markdown::{Heading, LinkTarget, Rendered};
use crate::site::layout::{self, SiteFile};
use crate::site::links::{canonical_file, target_file, Linker};
use crate::site::nav::{book_neighbours, SiteNav};
use crate::site::{Site, SiteKind};

/// Page data for a shortcode template.
#[derive(Serialize)]
pub(crate) struct ShortcodePage<'a> {
    pub title: &'a str,
    pub lang: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

impl<'a> ShortcodePage<'a> {
    pub(crate) fn of(page: &'a Page) -> Self {
        ShortcodePage {
            title: &page.meta.title,
            lang: &page.lang,
            kind: page.meta.kind.name(),
        }
    }
}

#[derive(Serialize, Default)]
pub(crate) struct Link {
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
pub(crate) struct Group {
    /// What the list holds: "agenda", "news", "pages", "bands", "classes",
    /// "children", so a template can put the parent's tasks first.
    pub kind: &'static str,
    pub title: String,
    pub links: Vec<Link>,
}

#[derive(Serialize)]
pub(crate) struct SiteInfo<'a> {
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
    /// A parent site: installable, with a service worker (spec §7).
    pub app: bool,
    /// Encrypted in the output, opened with a code (spec §6).
    pub private: bool,
    /// A class site's teacher.
    pub teacher: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct PageInfo<'a> {
    pub title: Cow<'a, str>,
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
pub(crate) struct SlideInfo {
    pub html: String,
    /// The speaker notes, as HTML (empty when none).
    pub notes: String,
}

#[derive(Serialize)]
pub(crate) struct Cap<'a> {
    pub color: &'static str,
    pub animal: &'static str,
    /// "de tijger", "het konijn" (in the site's language).
    pub animal_with_article: &'a str,
    /// "De witte pet" (in the site's language).
    pub label: &'a str,
}

/// Everything `page.html` and `home.html` get.
#[derive(Serialize)]
pub(crate) struct PageContext<'a> {
    /// The site's language (menus, notices) and its direction.
    pub lang: &'a str,
    pub dir: &'static str,
    /// The language of the page text: the default one on an untranslated page.
    pub content_lang: &'a str,
    pub untranslated: bool,
    pub untranslated_notice: Option<&'a str>,
    /// On a translation whose original changed since (spec §8).
    pub stale_notice: Option<&'a str>,
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
    /// "Vraag of reactie?": a mail link at the end of a parent page.
    pub reply: Option<super::reply::Reply>,
}

pub(crate) struct Builder<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub site: &'a Site,
    pub nav: &'a SiteNav,
    /// The words and dates of the site's language.
    pub locale: Locale<'a>,
}

impl<'a> Builder<'a> {
    /// The URL of a link placeholder for a page written in folder `from_dir`:
    /// relative, unless the target is in a site this build does not write
    /// (a `--class` build) and `base-url` gives its address on the web.
    pub(crate) fn resolve_link(&self, from_dir: &str, target: &LinkTarget) -> String {
        Linker {
            content: self.content,
            site: self.site,
            base_url: self.config.base_url.as_deref(),
            built_roots: &self.nav.built_roots,
        }
        .resolve(from_dir, target)
    }

    /// A word of the theme in the site's language ("" when unknown).
    pub(crate) fn word(&self, key: &str) -> &'a str {
        self.locale.word(key)
    }

    fn link(&self, from_dir: &str, id: PageId, current: Option<PageId>) -> Link {
        // Where a page lives follows its default-language version; what it
        // says, its translation in this site's language.
        let page = &self.content.pages[self.site.shown(id)];
        Link {
            title: page.meta.title.clone(),
            url: relative(
                from_dir,
                &target_file(self.site, id, &self.content.pages[id]),
            ),
            date: page.meta.date.map(|d| self.locale.date(d)),
            summary: page.meta.summary.clone(),
            kind: page.meta.kind.name(),
            current: current == Some(id),
            lang: (page.lang != self.site.lang).then(|| page.lang.clone()),
            date_iso: page.meta.date.map(|d| d.format("%Y-%m-%d").to_string()),
            cap: match page.meta.kind {
                PageKind::Cap { color } => Some(color.name()),
                _ => None,
            },
        }
    }

    /// A link to the home of the site at `root`, when this build writes it.
    fn site_link(&self, from_dir: &str, root: &str, title: &str) -> Option<Link> {
        self.nav.is_built(root).then(|| Link {
            title: title.to_string(),
            url: relative(from_dir, &SiteFile::Home.path_in(root)),
            kind: "site",
            ..Link::default()
        })
    }

    /// A link to this site's home.
    fn home_link(&self, from_dir: &str) -> Link {
        Link {
            title: self.site.name.clone(),
            url: relative(from_dir, &self.site.home_file()),
            kind: "site",
            ..Link::default()
        }
    }

    /// The context of a page (or, with `id == site.home`, of the home).
    pub(crate) fn page(
        &self,
        id: Option<PageId>,
        rendered: Option<&'a Rendered>,
    ) -> PageContext<'a> {
        let site = self.site;
        let file = match id {
            Some(i) if site.home != Some(i) => site.page_file(i, &self.content.pages[i]),
            _ => site.home_file(),
        };
        self.context(id, rendered, &file, id == site.home)
    }

    /// A page's context for another file than the page itself (a handout).
    pub(crate) fn page_at(
        &self,
        id: PageId,
        rendered: &'a Rendered,
        file: &str,
    ) -> PageContext<'a> {
        self.context(Some(id), Some(rendered), file, false)
    }

    /// A page helder makes itself (a word list, a report) at `file`, with its
    /// HTML body.
    pub(crate) fn generated(
        &self,
        file: &str,
        title: impl Into<Cow<'a, str>>,
        html: String,
    ) -> PageContext<'a> {
        let mut context = self.context(None, None, file, false);
        context.page.title = title.into();
        context.reply =
            super::reply::reply(self.config, self.site, &self.locale, &context.page.title);
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
        let dir = layout::folder_of(file);
        let root = relative(dir, "");
        let root = if root == "./" { String::new() } else { root };
        let lang = site.lang.as_str();
        let untranslated = id.is_some_and(|i| site.untranslated(i));
        let canonical = config.base_url.as_ref().map(|base| {
            let file = match id {
                Some(i) => canonical_file(site, i, &self.content.pages[i]),
                None => site.home_file(),
            };
            layout::web_address(base, &file)
        });
        let (languages, alternates) = self.languages(file);
        PageContext {
            lang,
            dir: self.locale.dir,
            content_lang: if untranslated {
                config.language.as_str()
            } else {
                lang
            },
            untranslated,
            untranslated_notice: untranslated.then(|| self.locale.untranslated_notice()),
            stale_notice: id
                .map(|i| &self.content.pages[site.shown(i)])
                .filter(|shown| crate::translate::stale::is_stale(self.content, shown))
                .map(|_| self.locale.stale_notice()),
            languages,
            alternates,
            t: self.locale.words(),
            css: format!("{root}{}", layout::STYLESHEET),
            logo: logo_url(config, &root),
            root,
            site: self.site_info(dir),
            school: &config.school,
            page: self.page_info(id, rendered, dir, is_home),
            menu: self
                .nav
                .menu
                .iter()
                .map(|&p| self.link(dir, p, id))
                .collect(),
            menu_more: self.nav.menu_more,
            breadcrumb: self.breadcrumb(dir, id, is_home),
            canonical,
            groups: self.groups(dir, id, is_home),
            prev: None,
            next: None,
            is_home,
            upcoming: self
                .nav
                .upcoming
                .iter()
                .map(|&p| self.link(dir, p, None))
                .collect(),
            bands: self.bands(dir),
            reply: None,
        }
        .with_book_neighbours(self, dir, id, is_home)
        .with_reply(self)
    }

    fn site_info(&self, dir: &str) -> SiteInfo<'a> {
        let (config, site) = (self.config, self.site);
        // A private site has no feed or agenda: an app can not type a code.
        let public = !site.kind().noindex() && !site.private;
        SiteInfo {
            kind: site.kind().name(),
            id: site.id.as_str(),
            name: &site.name,
            school: &config.title,
            description: &config.description,
            color: &site.color,
            home: relative(dir, &site.home_file()),
            base: relative(dir, &site.root),
            feed: public.then(|| relative(dir, &SiteFile::Feed.path(site))),
            agenda: public.then(|| relative(dir, &SiteFile::Agenda.path(site))),
            agenda_web: config
                .base_url
                .as_ref()
                .filter(|_| public)
                .map(|base| format!("{base}/{}", SiteFile::Agenda.path(site))),
            search: self
                .nav
                .search
                .then(|| relative(dir, &SiteFile::SearchPage.path(site))),
            noindex: site.kind().noindex() || site.private,
            app: site.is_app(),
            private: site.private,
            teacher: match site.kind() {
                SiteKind::Class => config
                    .class(site.id.as_str())
                    .and_then(|c| c.teacher.as_deref()),
                _ => None,
            },
        }
    }

    fn page_info(
        &self,
        id: Option<PageId>,
        rendered: Option<&'a Rendered>,
        dir: &str,
        is_home: bool,
    ) -> PageInfo<'a> {
        // The page shown: its translation when there is one.
        let page = id.map(|i| &self.content.pages[self.site.shown(i)]);
        let kind = page.map(|p| &p.meta.kind);
        let (content, key_points) = match rendered {
            Some(r) => r.split_key_points_for(|t| self.resolve_link(dir, t)),
            None => (String::new(), None),
        };
        let clock = |t: &Option<chrono::NaiveTime>| t.map(|t| t.format("%H:%M").to_string());
        PageInfo {
            title: match page {
                Some(p) if !is_home => Cow::Borrowed(p.meta.title.as_str()),
                _ => Cow::Borrowed(self.site.name.as_str()),
            },
            kind: page.map(|p| p.meta.kind.name()).unwrap_or("page"),
            audience: page
                .map(|p| p.meta.audience)
                .unwrap_or(crate::content::Audience::Ouders),
            summary: page.and_then(|p| p.meta.summary.as_deref()),
            date: page.and_then(|p| p.meta.date).map(|d| self.locale.date(d)),
            date_iso: page
                .and_then(|p| p.meta.date)
                .map(|d| d.format("%Y-%m-%d").to_string()),
            content,
            headings: rendered.map(|r| r.headings.as_slice()).unwrap_or(&[]),
            source: page
                .map(|p| p.source.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default(),
            extra: page
                .map(|p| &p.meta.extra)
                .unwrap_or(&serde_json::Value::Null),
            cap: match kind {
                Some(PageKind::Cap { color }) => Some(Cap {
                    color: color.name(),
                    animal: color.animal(),
                    animal_with_article: self.locale.cap_animal(*color),
                    label: self.locale.cap_name(*color),
                }),
                _ => None,
            },
            time: match kind {
                Some(PageKind::Evening { time, .. }) => clock(time),
                _ => None,
            },
            start: match kind {
                Some(PageKind::Event { start, .. }) => clock(start),
                _ => None,
            },
            end: match kind {
                Some(PageKind::Event { end, .. }) => clock(end),
                _ => None,
            },
            location: match kind {
                Some(PageKind::Evening { location, .. })
                | Some(PageKind::Event { location, .. }) => location.as_deref(),
                _ => None,
            },
            key_points,
            deck: rendered
                .map(|r| {
                    r.slides
                        .iter()
                        .map(|slide| SlideInfo {
                            html: slide.rendered.html_for(|t| self.resolve_link(dir, t)),
                            notes: slide.notes_for(|t| self.resolve_link(dir, t)),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            slides: match kind {
                Some(PageKind::Evening {
                    slides: Some(s), ..
                }) => {
                    let target = LinkTarget::Page {
                        content_path: s.clone(),
                        fragment: None,
                    };
                    Some(self.resolve_link(dir, &target))
                }
                _ => None,
            },
        }
    }

    /// The lists of a page: a home's lists, or a folder page's children.
    fn groups(&self, dir: &str, id: Option<PageId>, is_home: bool) -> Vec<Group> {
        if is_home {
            return self.home_groups(dir);
        }
        match id.and_then(|i| self.nav.children.get(&i)) {
            Some(children) => vec![Group {
                kind: "children",
                title: self.word("group_children").into(),
                links: children.iter().map(|&c| self.link(dir, c, None)).collect(),
            }],
            None => vec![],
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
        let dir = layout::folder_of(file);
        let codes = std::iter::once((config.language.as_str(), String::new(), "Nederlands")).chain(
            config.languages.iter().map(|l| {
                (
                    l.code.as_str(),
                    layout::language_prefix(&l.code),
                    l.name.as_str(),
                )
            }),
        );
        let mut links = Vec::new();
        let mut alternates = Vec::new();
        for (code, prefix, name) in codes {
            let root = format!("{prefix}{base_root}");
            if !self.nav.is_built(&root) {
                continue;
            }
            let target = format!("{root}{rest}");
            if let Some(base) = &config.base_url {
                alternates.push((code.to_string(), layout::web_address(base, &target)));
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
        if site.kind() != SiteKind::Class {
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
        if site.kind() != SiteKind::School {
            crumbs.extend(self.site_link(dir, &site.lang_prefix, &config.title));
        }
        if !is_home {
            crumbs.push(self.home_link(dir));
            crumbs.extend(
                self.nav
                    .ancestors(id)
                    .into_iter()
                    .map(|p| self.link(dir, p, None)),
            );
        }
        crumbs
    }

    /// The lists on a site's home page.
    fn home_groups(&self, dir: &str) -> Vec<Group> {
        let lists = self.nav.home_lists(self.content);
        let links = |ids: &[PageId]| -> Vec<Link> {
            ids.iter().map(|&p| self.link(dir, p, None)).collect()
        };
        let mut groups = Vec::new();
        if !self.nav.upcoming.is_empty() {
            groups.push(Group {
                kind: "agenda",
                title: self.word("group_agenda").into(),
                links: links(&self.nav.upcoming),
            });
        }
        if !lists.news.is_empty() {
            groups.push(Group {
                kind: "news",
                title: self.word("group_news").into(),
                links: links(&lists.news),
            });
        }
        for (title, pages) in self.scope_titles().into_iter().zip(&lists.by_scope) {
            if !pages.is_empty() {
                groups.push(Group {
                    kind: "pages",
                    title,
                    links: links(pages),
                });
            }
        }
        groups.extend(self.site_tiles(dir));
        groups
    }

    /// Titles of the home's page lists by scope: this class, its bands, the
    /// school. Dutch writes "Van groep 5", "Van de onderbouw en de
    /// middenbouw"; other languages take the names as they are.
    fn scope_titles(&self) -> [String; 3] {
        let (config, site) = (self.config, self.site);
        let dutch = self.locale.is_dutch();
        let name = |n: &str| {
            if dutch {
                n.to_lowercase()
            } else {
                n.to_string()
            }
        };
        match site.kind() {
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
        }
    }

    /// The school and band homes lead parents to the classes (a parent's
    /// first task is finding their child's class), then name the bands.
    fn site_tiles(&self, dir: &str) -> Vec<Group> {
        let (config, site) = (self.config, self.site);
        let class_tile = |c: &crate::config::Class| {
            let mut link =
                self.site_link(dir, &format!("{}{}/", site.lang_prefix, c.id), &c.name)?;
            link.kind = "class";
            link.summary = c.teacher.clone();
            Some(link)
        };
        let classes: Vec<Link> = match &site.id {
            crate::site::SiteId::School => config.classes.iter().filter_map(class_tile).collect(),
            crate::site::SiteId::Band(band) => config
                .classes
                .iter()
                .filter(|c| c.bands.contains(band))
                .filter_map(class_tile)
                .collect(),
            _ => vec![],
        };
        let mut groups = Vec::new();
        if !classes.is_empty() {
            groups.push(Group {
                kind: "classes",
                title: self.word("choose_class").into(),
                links: classes,
            });
        }
        if site.kind() == SiteKind::School {
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
}

impl<'a> PageContext<'a> {
    /// The reply link for this page's title (parent sites only).
    fn with_reply(mut self, builder: &Builder<'a>) -> Self {
        self.reply = super::reply::reply(
            builder.config,
            builder.site,
            &builder.locale,
            &self.page.title,
        );
        self
    }

    /// Previous and next in the training book: home, then pages by weight.
    fn with_book_neighbours(
        mut self,
        builder: &Builder<'a>,
        dir: &str,
        id: Option<PageId>,
        is_home: bool,
    ) -> Self {
        let site = builder.site;
        if site.kind() != SiteKind::Training || (id.is_none() && !is_home) {
            return self;
        }
        let to_link = |p: Option<PageId>| match p {
            Some(p) => builder.link(dir, p, None),
            None => builder.home_link(dir),
        };
        let (prev, next) = book_neighbours(site, id);
        self.prev = prev.map(to_link);
        self.next = next.map(to_link);
        self
    }
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
