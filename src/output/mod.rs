//! Sites → files: every page of every site through the theme, the theme's and
//! the site's static files, content assets, and the sitemap. All files are
//! planned first (so two things claiming one path is an error before anything
//! is written), then rendered and written in parallel into a staging folder.

mod assets;
pub mod deck;
mod format_messages;
pub mod generated;
pub mod progress;
pub mod search;
pub mod sitemap;
pub mod summary_text;
pub mod syndication;
pub mod writer;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Content, PageId, PageKind};
use crate::error::{Diagnostic, Errors};
use crate::formats::images;
use crate::markdown::links::relative;
use crate::markdown::{LinkTarget, Rendered};
use crate::msg;
use crate::plain::lexicon::Glossary;
use crate::plain::Report;
use crate::theme::context::{page_file, Builder, SiteNav};
use crate::theme::{StaticSource, Theme};
use crate::views::{Site, SiteKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Artifact {
    Pptx,
    SummaryText,
}

/// One file to write.
enum Job {
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
    Static(StaticSource),
    /// A file beside the pages, with its smaller copies if it is a photo.
    Asset(usize),
    /// A smaller copy of an asset, written by that asset's job.
    WrittenByAsset,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub sites: usize,
    pub pages: usize,
    pub files: usize,
}

/// Everything the writer needs, read-only.
pub struct Input<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub rendered: &'a [Rendered],
    pub sites: &'a [Site],
    pub theme: &'a Theme,
    pub reports: &'a [Report],
    pub glossary: &'a Glossary,
    /// Each page's search terms, by page id; empty when the extras are off.
    pub search: &'a [search::PageTerms],
    /// Plain-language report and search (the extras) are part of this build.
    pub extras: bool,
    /// "Today", for the upcoming events (see `syndication::build_date`).
    pub today: chrono::NaiveDate,
    /// Only some sites are built (`--class`, `--audience`): copy only the
    /// content files their pages use.
    pub partial: bool,
}

/// Renders every file into `dir` (a staging folder).
pub fn write_all(input: &Input<'_>, dir: &Path) -> Result<Summary, Errors> {
    let jobs = plan(input)?;
    let mut summary = execute(input, &jobs, dir)?;
    if let Some(sitemap) = sitemap::render(input) {
        writer::write_file(dir, "sitemap.xml", sitemap.as_bytes())?;
        summary.files += 1;
    }
    Ok(summary)
}

/// Writes again only what shows page `id` after its body changed (the
/// preview's incremental rebuild): the page in every site that holds it, its
/// own files (handout, PowerPoint, text summary), and the lists built from
/// page bodies (feeds, cap folders, word lists, the print book, the report).
pub fn write_page(input: &Input<'_>, id: PageId, dir: &Path) -> Result<Summary, Errors> {
    execute(input, &jobs_for_page(input, id), dir)
}

fn jobs_for_page(input: &Input<'_>, id: PageId) -> Vec<(String, Job)> {
    let page = &input.content.pages[id];
    let mut jobs = Vec::new();
    for (i, site) in input.sites.iter().enumerate() {
        if site.kind == SiteKind::Team && input.extras {
            jobs.push((
                format!("{}leesbaarheid/index.html", site.root),
                Job::Readability { site: i },
            ));
        }
        if !site.contains(id) {
            continue;
        }
        if input.extras {
            jobs.push((
                format!("{}search-index.json", site.root),
                Job::SearchIndex { site: i },
            ));
        }
        jobs.push((
            page_file(site, id, page),
            Job::Page {
                site: i,
                page: Some(id),
            },
        ));
        let dir = site.page_dir(page);
        match &page.kind {
            PageKind::Slides => {
                jobs.push((
                    format!("{dir}handout/index.html"),
                    Job::Handout { site: i, page: id },
                ));
                jobs.push((
                    format!("{dir}slides.pptx"),
                    Job::Shared {
                        // A language site's copy is made from the translation.
                        page: site.shown(id),
                        artifact: Artifact::Pptx,
                    },
                ));
            }
            PageKind::Evening { .. } => {
                jobs.push((
                    format!("{dir}samenvatting.txt"),
                    Job::Shared {
                        // A language site's copy is made from the translation.
                        page: site.shown(id),
                        artifact: Artifact::SummaryText,
                    },
                ));
            }
            PageKind::Cap { .. } => {
                let caps = site_caps(input, site);
                jobs.push((
                    format!("{}petten/folder/index.html", site.root),
                    Job::CapFolder { site: i, caps },
                ));
            }
            _ => {}
        }
        if matches!(page.kind, PageKind::News | PageKind::Evening { .. }) && !site.kind.noindex() {
            jobs.push((format!("{}feed.xml", site.root), Job::Feed { site: i }));
        }
        let terms = site_terms(input, site);
        if !terms.is_empty() {
            jobs.push((
                format!("{}woordenlijst/index.html", site.root),
                Job::WordList { site: i, terms },
            ));
        }
        if site.kind == SiteKind::Training {
            jobs.push((
                format!("{}print/index.html", site.root),
                Job::Print { site: i },
            ));
        }
    }
    jobs
}

fn site_caps(input: &Input<'_>, site: &Site) -> Vec<PageId> {
    site.pages
        .iter()
        .copied()
        .filter(|&id| matches!(input.content.pages[id].kind, PageKind::Cap { .. }))
        .collect()
}

/// Runs jobs in parallel into `dir`; every failure is reported.
fn execute(input: &Input<'_>, jobs: &[(String, Job)], dir: &Path) -> Result<Summary, Errors> {
    let built_roots: Vec<String> = input.sites.iter().map(|s| s.root.clone()).collect();
    let navs: Vec<SiteNav> = input
        .sites
        .iter()
        .map(|s| {
            let mut nav = SiteNav::new(input.content, s, built_roots.clone(), input.today);
            nav.search = input.extras;
            nav
        })
        .collect();

    // Files that are the same in every site that shows the page: make them once.
    let mut shared: Vec<(PageId, Artifact)> = jobs
        .iter()
        .filter_map(|(_, job)| match job {
            Job::Shared { page, artifact } => Some((*page, *artifact)),
            _ => None,
        })
        .collect();
    shared.sort_unstable();
    shared.dedup();
    let shared: HashMap<(PageId, Artifact), Result<Vec<u8>, Diagnostic>> = shared
        .par_iter()
        .map(|&(id, artifact)| {
            let page = &input.content.pages[id];
            let bytes = match artifact {
                Artifact::Pptx => deck::pptx(input.config, input.content, page),
                Artifact::SummaryText => {
                    let words = input.theme.strings(&page.lang);
                    Ok(
                        summary_text::evening(input.config, input.content, page, words)
                            .into_bytes(),
                    )
                }
            };
            ((id, artifact), bytes)
        })
        .collect();

    writer::create_folders(dir, jobs.iter().map(|(path, _)| path.as_str()))?;
    let progress = progress::Progress::new(jobs.len() as u64, msg!("uitvoer.voortgang"));
    let results: Vec<Result<(), Diagnostic>> = jobs
        .par_iter()
        .map(|(path, job)| {
            let result = run(input, &navs, &shared, dir, path, job);
            progress.inc();
            result
        })
        .collect();
    progress.finish();

    let failed: Vec<Diagnostic> = results.into_iter().filter_map(Result::err).collect();
    let mut errors = Errors::new();
    for d in writer::collapse_disk_full(failed) {
        errors.push(d);
    }
    let pages = jobs
        .iter()
        .filter(|(_, j)| matches!(j, Job::Page { .. } | Job::Print { .. }))
        .count();
    errors.into_result(Summary {
        sites: input.sites.len(),
        pages,
        files: jobs.len(),
    })
}

/// Every output path with what produces it; two producers of one path are an
/// error naming both.
fn plan(input: &Input<'_>) -> Result<Vec<(String, Job)>, Errors> {
    let mut claimed: BTreeMap<String, (Job, String)> = BTreeMap::new();
    let mut errors = Errors::new();
    let mut claim = |path: String, job: Job, origin: String| {
        if let Some((_, other)) = claimed.get(&path) {
            errors.push(
                Diagnostic::site(msg!(
                    "uitvoer.zelfde-pad",
                    een = origin,
                    ander = other,
                    pad = path
                ))
                .help(msg!("uitvoer.zelfde-pad-hulp")),
            );
        } else {
            claimed.insert(path, (job, origin));
        }
    };
    for (i, site) in input.sites.iter().enumerate() {
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
        claim(
            site.home_file(),
            Job::Page {
                site: i,
                page: site.home,
            },
            home_origin,
        );
        for &id in &site.pages {
            let page = &input.content.pages[id];
            claim(
                page_file(site, id, page),
                Job::Page {
                    site: i,
                    page: Some(id),
                },
                page.source.display().to_string(),
            );
            if page.kind == PageKind::Slides {
                let dir = site.page_dir(page);
                claim(
                    format!("{dir}handout/index.html"),
                    Job::Handout { site: i, page: id },
                    page.source.display().to_string(),
                );
                claim(
                    format!("{dir}slides.pptx"),
                    Job::Shared {
                        // A language site's copy is made from the translation.
                        page: site.shown(id),
                        artifact: Artifact::Pptx,
                    },
                    page.source.display().to_string(),
                );
            }
            if matches!(page.kind, PageKind::Evening { .. }) {
                claim(
                    format!("{}samenvatting.txt", site.page_dir(page)),
                    Job::Shared {
                        // A language site's copy is made from the translation.
                        page: site.shown(id),
                        artifact: Artifact::SummaryText,
                    },
                    page.source.display().to_string(),
                );
            }
        }
        let caps = site_caps(input, site);
        if !caps.is_empty() {
            claim(
                format!("{}petten/folder/index.html", site.root),
                Job::CapFolder { site: i, caps },
                msg!("uitvoer.pettenfolder"),
            );
        }
        if !site.kind.noindex() {
            claim(
                format!("{}agenda.ics", site.root),
                Job::Agenda { site: i },
                msg!("uitvoer.agenda"),
            );
            claim(
                format!("{}feed.xml", site.root),
                Job::Feed { site: i },
                msg!("uitvoer.nieuwsfeed"),
            );
        }
        if input.extras {
            claim(
                format!("{}search-index.json", site.root),
                Job::SearchIndex { site: i },
                msg!("uitvoer.zoekindex"),
            );
            claim(
                format!("{}search-index.js", site.root),
                Job::WrittenBySearchIndex,
                msg!("uitvoer.zoekindex"),
            );
            claim(
                format!("{}zoeken/index.html", site.root),
                Job::SearchPage { site: i },
                msg!("uitvoer.zoekpagina"),
            );
        }
        if site.kind == SiteKind::Team && input.extras {
            claim(
                format!("{}leesbaarheid/index.html", site.root),
                Job::Readability { site: i },
                msg!("uitvoer.leesbaarheid"),
            );
        }
        let terms = site_terms(input, site);
        if !terms.is_empty() {
            claim(
                format!("{}woordenlijst/index.html", site.root),
                Job::WordList { site: i, terms },
                msg!("uitvoer.woordenlijst"),
            );
        }
        if site.kind == SiteKind::Training && !site.pages.is_empty() {
            claim(
                format!("{}print/index.html", site.root),
                Job::Print { site: i },
                msg!("uitvoer.printboek"),
            );
        }
    }
    for (path, source) in &input.theme.static_files {
        let origin = match source {
            StaticSource::Embedded(_) => msg!("uitvoer.thema-static", pad = path),
            StaticSource::File(p) => p
                .strip_prefix(&input.config.root)
                .unwrap_or(p)
                .display()
                .to_string(),
        };
        claim(path.clone(), Job::Static(source.clone()), origin);
    }
    let used = input.partial.then(|| used_assets(input));
    for (i, asset) in input.content.assets.iter().enumerate() {
        if used
            .as_ref()
            .is_some_and(|u| !u.contains(asset.content_path.as_str()))
        {
            continue;
        }
        claim(
            asset.content_path.clone(),
            Job::Asset(i),
            format!("content/{}", asset.content_path),
        );
        if let Some((width, _)) = asset.size {
            for (copy, _) in images::copies(&asset.content_path, width) {
                claim(
                    copy,
                    Job::WrittenByAsset,
                    msg!("uitvoer.kleinere-kopie", pad = asset.content_path),
                );
            }
        }
    }
    errors.into_result(
        claimed
            .into_iter()
            .map(|(path, (job, _))| (path, job))
            .collect(),
    )
}

/// Glossary terms used on a site's pages, in alphabetical order.
fn site_terms(input: &Input<'_>, site: &Site) -> Vec<usize> {
    let mut terms: Vec<usize> = site
        .home
        .iter()
        .chain(&site.pages)
        .flat_map(|&id| {
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
    let mut pages: Vec<PageId> = input
        .sites
        .iter()
        .flat_map(|s| s.home.iter().chain(&s.pages).copied())
        .collect();
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

fn run(
    input: &Input<'_>,
    navs: &[SiteNav],
    shared: &HashMap<(PageId, Artifact), Result<Vec<u8>, Diagnostic>>,
    dir: &Path,
    path: &str,
    job: &Job,
) -> Result<(), Diagnostic> {
    let builder = |site: usize| Builder {
        config: input.config,
        content: input.content,
        site: &input.sites[site],
        nav: &navs[site],
        words: input.theme.strings(&input.sites[site].lang),
    };
    match job {
        Job::Page { site, page } => {
            let builder = builder(*site);
            let shown = page.map(|id| input.sites[*site].shown(id));
            let rendered = shown.map(|id| &input.rendered[id]);
            let context = builder.page(*page, rendered);
            let template = template_for(input, &builder, *page);
            let html = input
                .theme
                .render(&template, &context)
                .map_err(|e| template_error(input, *page, &template, e))?;
            writer::write_file(dir, path, html.as_bytes())
        }
        Job::Print { site } => {
            let builder = builder(*site);
            let context = builder.print(input.rendered);
            let html = input
                .theme
                .render("print.html", &context)
                .map_err(|e| template_error(input, None, "print.html", e))?;
            writer::write_file(dir, path, html.as_bytes())
        }
        Job::Handout { site, page } => {
            let builder = builder(*site);
            let context = builder.page_at(
                *page,
                &input.rendered[input.sites[*site].shown(*page)],
                path,
            );
            let html = input
                .theme
                .render("handout.html", &context)
                .map_err(|e| template_error(input, Some(*page), "handout.html", e))?;
            writer::write_file(dir, path, html.as_bytes())
        }
        Job::Shared { page, artifact } => match shared.get(&(*page, *artifact)) {
            Some(Ok(bytes)) => writer::write_file(dir, path, bytes),
            Some(Err(d)) => Err(d.clone()),
            None => Ok(()),
        },
        Job::Agenda { site } => {
            let ics = syndication::agenda(input, &input.sites[*site])?;
            writer::write_file(dir, path, ics.as_bytes())
        }
        Job::Feed { site } => {
            let xml = syndication::atom(input, &builder(*site), path)?;
            writer::write_file(dir, path, xml.as_bytes())
        }
        Job::CapFolder { site, caps } => {
            let context = builder(*site).cap_folder(path, caps, input.rendered);
            let html = input
                .theme
                .render("folder.html", &context)
                .map_err(|e| template_error(input, None, "folder.html", e))?;
            writer::write_file(dir, path, html.as_bytes())
        }
        Job::SearchIndex { site } => {
            let json = search::index_json(input.content, &input.sites[*site], input.search);
            let script = path.replace("search-index.json", "search-index.js");
            // The script is the JSON between a prefix and a suffix: written
            // in parts, not copied (the index of a 50,000-page site is 25 MB).
            let (prefix, suffix) = search::SCRIPT_WRAP;
            writer::write_parts(
                dir,
                &script,
                &[prefix.as_bytes(), json.as_bytes(), suffix.as_bytes()],
            )?;
            writer::write_file(dir, path, json.as_bytes())
        }
        Job::SearchPage { site } => {
            let builder = builder(*site);
            let from = path.trim_end_matches("index.html");
            let words = search::SearchWords {
                label: builder.word("search_label"),
                button: builder.word("search"),
                needs_js: builder.word("search_needs_js"),
                all_pages: builder.word("all_pages"),
                none: builder.word("search_none"),
                found: builder.word("search_found"),
            };
            let site_root = relative(from, &input.sites[*site].root);
            let assets = relative(from, "assets/");
            let body = search::page_body(
                input.content,
                &input.sites[*site],
                &words,
                &site_root,
                &assets,
            );
            let mut context = builder.generated(path, builder.word("search"), body);
            context.page.kind = "search";
            let html = input
                .theme
                .render("page.html", &context)
                .map_err(|e| template_error(input, None, "page.html", e))?;
            writer::write_file(dir, path, html.as_bytes())
        }
        Job::WrittenBySearchIndex => Ok(()),
        Job::Readability { site } => {
            let builder = builder(*site);
            let from = path.trim_end_matches("index.html");
            let html = generated::readability(input.content, input.reports, input.sites, from);
            let context = builder.generated(path, "Leesbaarheid van alle pagina's", html);
            let html = input
                .theme
                .render("page.html", &context)
                .map_err(|e| template_error(input, None, "page.html", e))?;
            writer::write_file(dir, path, html.as_bytes())
        }
        Job::WordList { site, terms } => {
            let builder = builder(*site);
            let title = builder.word("word_list");
            let context =
                builder.generated(path, title, generated::word_list(input.glossary, terms));
            let html = input
                .theme
                .render("page.html", &context)
                .map_err(|e| template_error(input, None, "page.html", e))?;
            writer::write_file(dir, path, html.as_bytes())
        }
        Job::Static(StaticSource::Embedded(bytes)) => writer::write_file(dir, path, bytes),
        Job::Static(StaticSource::File(source)) => copy(source, dir, path),
        Job::Asset(i) => assets::copy_asset(
            &input.content.assets[*i],
            &input.config.root.join(assets::CACHE_DIR),
            dir,
            path,
        ),
        Job::WrittenByAsset => Ok(()),
    }
}

/// `home.html` for homes; `<type>.html` when the theme has one; else `page.html`.
fn template_for(input: &Input<'_>, builder: &Builder<'_>, page: Option<PageId>) -> String {
    if page == builder.site.home {
        return "home.html".into();
    }
    let kind = page
        .map(|id| input.content.pages[id].kind.name())
        .unwrap_or("page");
    let specific = format!("{kind}.html");
    if input.theme.has_template(&specific) {
        specific
    } else {
        "page.html".into()
    }
}

fn template_error(
    input: &Input<'_>,
    page: Option<PageId>,
    template: &str,
    message: String,
) -> Diagnostic {
    let origin = input.theme.origin(template);
    let d = Diagnostic::site(msg!(
        "uitvoer.template-fout",
        template = origin,
        fout = message
    ))
    .help(msg!("uitvoer.template-fout-hulp"));
    match page {
        Some(id) => d.in_file(&input.content.pages[id].source),
        None => d,
    }
}

fn copy(source: &Path, dir: &Path, rel: &str) -> Result<(), Diagnostic> {
    let bytes =
        std::fs::read(source).map_err(|e| Diagnostic::io(source, &msg!("uitvoer.io-lezen"), &e))?;
    writer::write_file(dir, rel, &bytes)
}
