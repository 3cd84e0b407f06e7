//! Sites → files: every page of every site through the theme, the theme's and
//! the site's static files, content assets, and the sitemap. All files are
//! planned first (so two things claiming one path is an error before anything
//! is written), then rendered and written in parallel into a staging folder.

mod app;
mod assets;
pub(crate) mod deck;
mod format_messages;
pub(crate) mod generated;
pub(crate) mod plan;
pub(crate) mod progress;
pub(crate) mod search;
pub(crate) mod sitemap;
pub(crate) mod summary_text;
pub(crate) mod syndication;
pub(crate) mod writer;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use self::plan::{Artifact, Job};
use crate::config::Config;
use crate::content::{Content, PageId};
use crate::error::{Diagnostic, Errors};
use crate::formats::images;
use crate::locale::Locale;
use crate::markdown::links::relative;
use crate::markdown::Rendered;
use crate::msg;
use crate::plain::lexicon::Glossary;
use crate::privacy;
use crate::site::layout::{self, SiteFile};
use crate::site::nav::SiteNav;
use crate::site::Site;
use crate::theme::context::{Builder, PageContext};
use crate::theme::{StaticSource, Theme};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub sites: usize,
    pub pages: usize,
    pub files: usize,
}

/// Everything the writer needs, read-only.
pub(crate) struct Input<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub rendered: &'a [Rendered],
    pub sites: &'a [Site],
    pub theme: &'a Theme,
    pub glossary: &'a Glossary,
    /// Plain-language reports and search terms; None with `--no-extras`.
    pub extras: Option<&'a crate::Extras>,
    /// "Today", for the upcoming events (see `syndication::build_date`).
    pub today: chrono::NaiveDate,
    /// Only some sites are built (`--class`, `--audience`): copy only the
    /// content files their pages use.
    pub partial: bool,
    /// By page id: shown by no public site, so secret (spec §6).
    pub private_pages: &'a [bool],
    /// The keys of private sites; None in the preview, which shows them open.
    pub keys: Option<&'a crate::privacy::Keys>,
}

impl Input<'_> {
    /// Are this site's files encrypted in this build?
    pub(crate) fn seals(&self, site: &Site) -> bool {
        site.private && self.keys.is_some()
    }

    /// The key of a private site. A missing one is an error, never a page
    /// written open (the build checked every private site has a code).
    fn key_of(&self, site_id: &str) -> Result<&crate::privacy::SiteKey, Diagnostic> {
        self.keys.and_then(|keys| keys.get(site_id)).ok_or_else(|| {
            Diagnostic::site(msg!("privacy.code-ontbreekt", site = site_id))
                .help(msg!("privacy.code-ontbreekt-hulp"))
        })
    }
}

/// Renders every file into `dir` (a staging folder).
pub(crate) fn write_all(input: &Input<'_>, dir: &Path) -> Result<Summary, Errors> {
    let jobs = plan::plan(input)?;
    execute(input, &jobs, dir)
}

/// Writes again only what shows page `id` after its body changed (the
/// preview's incremental rebuild): the full plan, filtered to the files that
/// show the page.
pub(crate) fn write_page(input: &Input<'_>, id: PageId, dir: &Path) -> Result<Summary, Errors> {
    let jobs: Vec<(String, Job)> = plan::plan(input)?
        .into_iter()
        .filter(|(_, job)| job.shows_body_of(input, id))
        .collect();
    execute(input, &jobs, dir)
}

/// Runs jobs in parallel into `dir`; every failure is reported.
fn execute(input: &Input<'_>, jobs: &[(String, Job)], dir: &Path) -> Result<Summary, Errors> {
    let built_roots: Vec<String> = input.sites.iter().map(|s| s.root.clone()).collect();
    let navs: Vec<SiteNav> = input
        .sites
        .iter()
        .map(|s| {
            let mut nav = SiteNav::new(input.content, s, built_roots.clone(), input.today);
            nav.search = input.extras.is_some();
            nav
        })
        .collect();

    // Files that are the same in every site that shows the page: make them once.
    let mut shared: Vec<(PageId, Artifact)> = jobs
        .iter()
        .filter_map(|(_, job)| match job {
            Job::Shared { page, artifact } | Job::SealedShared { page, artifact, .. } => {
                Some((*page, *artifact))
            }
            _ => None,
        })
        .collect();
    shared.sort_unstable();
    shared.dedup();
    let shared: HashMap<(PageId, Artifact), Result<Vec<u8>, Diagnostic>> = shared
        .par_iter()
        .map(|&(id, artifact)| {
            let page = &input.content.pages[id];
            let locale = Locale::new(input.config, input.theme, &page.lang);
            let bytes = match artifact {
                Artifact::Pptx => deck::pptx(
                    input.config,
                    input.content,
                    page,
                    &input.rendered[id],
                    &locale,
                ),
                Artifact::SummaryText => {
                    let rendered = &input.rendered[id];
                    let text =
                        summary_text::evening(input.config, input.content, page, rendered, &locale);
                    Ok(text.into_bytes())
                }
            };
            ((id, artifact), bytes)
        })
        .collect();

    // Files that are written encrypted, by their open name: an opened
    // page's addresses of them are moved to the encrypted copies.
    let sealed: HashSet<String> = jobs
        .iter()
        .filter(|(_, job)| matches!(job, Job::SealedAsset { .. } | Job::SealedShared { .. }))
        .filter_map(|(path, _)| path.strip_suffix(layout::SEALED_SUFFIX))
        .map(str::to_string)
        .collect();
    let done = Done {
        navs: &navs,
        shared: &shared,
        sealed: &sealed,
        shells: privacy::shell::Shells::default(),
        version: std::sync::OnceLock::new(),
    };
    writer::create_folders(dir, jobs.iter().map(|(path, _)| path.as_str()))?;
    let progress = progress::Progress::new(jobs.len() as u64, msg!("uitvoer.voortgang"));
    // Only the failures are kept: one result per file was megabytes at
    // 50,000 pages, held while the rest was written.
    let failed: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|(path, job)| {
            let result = run(input, &done, dir, path, job);
            progress.inc();
            result.err()
        })
        .collect();
    progress.finish();

    let mut errors = Errors::new();
    for d in writer::collapse_disk_full(failed) {
        errors.push(d);
    }
    let pages = jobs.iter().filter(|(_, j)| j.is_page()).count();
    errors.into_result(Summary {
        sites: input.sites.len(),
        pages,
        files: jobs.len(),
    })
}

/// What every job may read that was made before the jobs ran.
struct Done<'a> {
    navs: &'a [SiteNav],
    shared: &'a HashMap<(PageId, Artifact), Result<Vec<u8>, Diagnostic>>,
    /// Output paths of files written encrypted (without their suffix).
    sealed: &'a HashSet<String>,
    /// The shells of private pages, rendered once per site and place.
    shells: privacy::shell::Shells,
    /// This build's name for the service workers' caches, made once.
    version: std::sync::OnceLock<String>,
}

fn run(
    input: &Input<'_>,
    done: &Done<'_>,
    dir: &Path,
    path: &str,
    job: &Job,
) -> Result<(), Diagnostic> {
    match job {
        Job::Shared { page, artifact } => match done.shared.get(&(*page, *artifact)) {
            Some(Ok(bytes)) => writer::write_file(dir, path, bytes),
            Some(Err(d)) => Err(d.clone()),
            None => Ok(()),
        },
        Job::SealedShared {
            site,
            page,
            artifact,
        } => match done.shared.get(&(*page, *artifact)) {
            Some(Ok(bytes)) => {
                let open_name = path.strip_suffix(layout::SEALED_SUFFIX).unwrap_or(path);
                let key = input.key_of(input.sites[*site].id.as_str())?;
                write_sealed(key, dir, path, bytes, open_name)
            }
            Some(Err(d)) => Err(d.clone()),
            None => Ok(()),
        },
        Job::SealedAsset { asset, site } => {
            let asset = &input.content.assets[*asset];
            let bytes = std::fs::read(&asset.source)
                .map_err(|e| Diagnostic::io(&asset.source, &msg!("uitvoer.io-lezen"), &e))?;
            write_sealed(input.key_of(site)?, dir, path, &bytes, &asset.content_path)
        }
        Job::Agenda { site } => {
            let ics = syndication::agenda(input, &input.sites[*site])?;
            writer::write_file(dir, path, ics.as_bytes())
        }
        Job::SearchIndex { site } => write_search_index(input, &input.sites[*site], dir, path),
        Job::Sitemap => match sitemap::render(input) {
            Some(xml) => writer::write_file(dir, path, xml.as_bytes()),
            None => Ok(()),
        },
        Job::Static(StaticSource::Embedded(bytes)) => writer::write_file(dir, path, bytes),
        Job::Static(StaticSource::File(source)) => copy(source, dir, path),
        Job::Asset(i) => assets::copy_asset(
            &input.content.assets[*i],
            &input.config.root.join(assets::CACHE_DIR),
            dir,
            path,
        ),
        Job::WrittenBySearchIndex | Job::WrittenByAsset => Ok(()),
        Job::Manifest { site } => {
            let site = &input.sites[*site];
            let locale = Locale::new(input.config, input.theme, &site.lang);
            let json = app::manifest(input.config, &locale, site);
            writer::write_file(dir, path, json.as_bytes())
        }
        Job::ServiceWorker { site } => {
            let site = &input.sites[*site];
            let locale = Locale::new(input.config, input.theme, &site.lang);
            let version = done.version.get_or_init(|| app::build_version(input));
            let js = app::service_worker(input.config, &locale, site, version);
            writer::write_file(dir, path, js.as_bytes())
        }
        Job::AppIcon(size) => writer::write_file(dir, path, &app::icon(input.config, *size)?),
        Job::Page { site, .. }
        | Job::Print { site }
        | Job::Handout { site, .. }
        | Job::Feed { site }
        | Job::CapFolder { site, .. }
        | Job::SearchPage { site }
        | Job::Readability { site }
        | Job::WordList { site, .. } => {
            let builder = Builder {
                config: input.config,
                content: input.content,
                site: &input.sites[*site],
                nav: &done.navs[*site],
                locale: Locale::new(input.config, input.theme, &input.sites[*site].lang),
            };
            if let Job::Feed { .. } = job {
                let feed = syndication::atom(input, &builder, path)?;
                return writer::write_streamed(dir, path, &|out| {
                    feed.write_to(out, &|id| syndication::entry_html(input, &builder, id))
                });
            }
            let (html, page) = match job {
                Job::Readability { .. } => (readability_page(input, &builder, path)?, None),
                _ => {
                    let (template, context, page) = html_page(input, &builder, path, job);
                    let html = input
                        .theme
                        .render(&template, &context)
                        .map_err(|e| template_error(input, page, &template, e))?;
                    (html, page)
                }
            };
            if input.seals(builder.site) {
                let shell = shell_of(input, &builder, done, path, html)
                    .map_err(|e| template_error(input, page, privacy::shell::TEMPLATE, e))?;
                return writer::write_streamed(dir, path, &|out| shell.write_to(out));
            }
            writer::write_file(dir, path, html.as_bytes())
        }
    }
}

/// Stands in for a generated page's body while its template is rendered.
const BODY_MARK: &str = "\u{E00F}body\u{E00F}";

/// A site's readability report, for the coordinator: a table of every page
/// (of every page the site may show), in helder's own words (Dutch). At
/// 50,000 pages it is megabytes, so its body is made straight into the page
/// around it instead of being copied in by the template (each copy counted
/// in a build's peak memory).
fn readability_page(
    input: &Input<'_>,
    builder: &Builder<'_>,
    path: &str,
) -> Result<String, Diagnostic> {
    let reports = input.extras.map_or(&[][..], |e| &e.reports);
    let from = layout::folder_of(path);
    // A report others can read leaves out what is secret.
    let open_report = !input.seals(builder.site);
    let hidden = |id: usize| open_report && input.private_pages.get(id).copied().unwrap_or(false);
    let body = |html: &mut String| {
        let rhythm = crate::rhythm::of_classes(input.config, input.content, input.today);
        let table = crate::rhythm::table_html(input.config, &rhythm);
        if !table.is_empty() {
            html.push_str(&table);
            html.push_str(&format!("<h2>{}</h2>\n", msg!("ritme.kop-leesbaarheid")));
        }
        generated::readability_into(html, input.content, reports, input.sites, from, &hidden);
    };
    let title = msg!("uitvoer.leesbaarheid-titel");
    let template = "page.html";
    let render = |body: String| {
        let context = builder.generated(path, Cow::Borrowed(title.as_str()), body);
        input
            .theme
            .render(template, &context)
            .map_err(|e| template_error(input, None, template, e))
    };
    let around = render(BODY_MARK.to_string())?;
    match around.split_once(BODY_MARK) {
        Some((before, after)) if !after.contains(BODY_MARK) => {
            let mut html = String::with_capacity(before.len() + after.len() + 200 * reports.len());
            html.push_str(before);
            body(&mut html);
            html.push_str(after);
            Ok(html)
        }
        // A theme that does not show the body once as it is.
        _ => {
            let mut html = String::new();
            body(&mut html);
            render(html)
        }
    }
}

/// A private page as written: its shell with the page encrypted inside,
/// after its addresses of encrypted files are moved to their copies.
fn shell_of(
    input: &Input<'_>,
    builder: &Builder<'_>,
    done: &Done<'_>,
    path: &str,
    html: String,
) -> Result<privacy::shell::Shell, String> {
    let site = builder.site;
    let from = layout::folder_of(path);
    let html = privacy::references::seal_references(html, from, done.sealed);
    let key = input.key_of(site.id.as_str()).map_err(|d| d.message)?;
    let css = relative(from, layout::STYLESHEET);
    let script = relative(from, layout::SLOT_ASSET);
    let app = site.is_app().then(|| privacy::shell::ShellApp {
        script: relative(from, layout::APP_ASSET),
        site: relative(from, &site.root),
    });
    let place = privacy::shell::ShellPlace {
        dir: builder.locale.dir,
        words: builder.locale.words(),
        css: &css,
        script: &script,
        app,
    };
    done.shells
        .render(input.theme, input.config, site, key, &place, html)
        .map_err(|e| match e {
            privacy::shell::ShellError::Seal(e) => Diagnostic::from(e).message,
            privacy::shell::ShellError::Template(e) => e,
        })
}

/// An encrypted file: a script `slot.js` loads (see `privacy::sealed_script`).
fn write_sealed(
    key: &privacy::SiteKey,
    dir: &Path,
    path: &str,
    bytes: &[u8],
    open_name: &str,
) -> Result<(), Diagnostic> {
    let script = privacy::sealed_script(key, bytes, crate::formats::media_type(open_name))
        .map_err(Diagnostic::from)?;
    writer::write_file(dir, path, script.as_bytes())
}

/// The template and data of an HTML file of a site, and the page it shows
/// (for errors).
fn html_page<'a>(
    input: &'a Input<'_>,
    builder: &Builder<'a>,
    path: &str,
    job: &'a Job,
) -> (String, PageContext<'a>, Option<PageId>) {
    let generated = |template: &str, title: Cow<'a, str>, body: String| {
        (
            template.to_string(),
            builder.generated(path, title, body),
            None,
        )
    };
    match job {
        Job::Page { site, page } => {
            let shown = page.map(|id| input.sites[*site].shown(id));
            let context = builder.page(*page, shown.map(|id| &input.rendered[id]));
            (template_for(input, builder, *page), context, *page)
        }
        Job::Handout { site, page } => {
            let rendered = &input.rendered[input.sites[*site].shown(*page)];
            let context = builder.page_at(*page, rendered, path);
            ("handout.html".into(), context, Some(*page))
        }
        Job::Print { .. } => {
            let body = generated::print_book(builder, path, input.rendered);
            generated("print.html", builder.word("print_title").into(), body)
        }
        Job::CapFolder { caps, .. } => {
            let body = generated::cap_folder(builder, path, caps, input.rendered);
            generated("folder.html", builder.word("cap_folder_title").into(), body)
        }
        Job::SearchPage { .. } => {
            let (title, body) = search_page(input, builder, path);
            let (template, mut context, page) = generated("page.html", title.into(), body);
            context.page.kind = "search";
            (template, context, page)
        }
        Job::WordList { terms, .. } => {
            let intro = builder.word("word_list_intro");
            let body = generated::word_list(input.glossary, terms, intro);
            generated("page.html", builder.word("word_list").into(), body)
        }
        _ => unreachable!("not an HTML page of a site"),
    }
}

/// The search page: a form, and every page of the site for readers without
/// JavaScript.
fn search_page<'a>(input: &Input<'_>, builder: &Builder<'a>, path: &str) -> (&'a str, String) {
    let from = layout::folder_of(path);
    let words = search::SearchWords {
        label: builder.word("search_label"),
        button: builder.word("search"),
        needs_js: builder.word("search_needs_js"),
        all_pages: builder.word("all_pages"),
        none: builder.word("search_none"),
        found: builder.word("search_found"),
    };
    let site = builder.site;
    let site_root = relative(from, &site.root);
    let output_root = relative(from, "");
    let body = search::page_body(input.content, site, &words, &site_root, &output_root);
    (builder.word("search"), body)
}

/// `search-index.json`, and the same as a script beside it.
fn write_search_index(
    input: &Input<'_>,
    site: &Site,
    dir: &Path,
    path: &str,
) -> Result<(), Diagnostic> {
    let Some(extras) = input.extras else {
        return Ok(());
    };
    let index = search::IndexJson::new(input.content, site, &extras.search);
    if input.seals(site) {
        let key = input.key_of(site.id.as_str())?;
        let script =
            privacy::sealed_search_script(key, &index.whole()).map_err(Diagnostic::from)?;
        return writer::write_file(dir, path, script.as_bytes());
    }
    // Written straight into both files, the script being the JSON between a
    // prefix and a suffix: the index of a 50,000-page site is 25 MB, and
    // held whole it was the top of a build's memory.
    let (prefix, suffix) = search::SCRIPT_WRAP;
    writer::write_streamed(dir, &SiteFile::SearchScript.path(site), &|out| {
        out.write_all(prefix.as_bytes())?;
        index.write_to(out)?;
        out.write_all(suffix.as_bytes())
    })?;
    writer::write_streamed(dir, path, &|out| index.write_to(out))
}

/// `home.html` for homes; `<type>.html` when the theme has one; else `page.html`.
fn template_for(input: &Input<'_>, builder: &Builder<'_>, page: Option<PageId>) -> String {
    if page == builder.site.home {
        return "home.html".into();
    }
    let kind = page
        .map(|id| input.content.pages[id].meta.kind.name())
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
