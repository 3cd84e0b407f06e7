//! helder: a static site generator for school communication.
//!
//! The pipeline, one stage per module:
//! `config` (book.toml) → `content` (pages) → `markdown` (HTML) →
//! `plain` (readability) → `site` (who sees what, and where it lands) →
//! `theme` (templates) → `output` (files, written atomically).
#![warn(unreachable_pub)]

#[doc(hidden)]
pub mod benchmarks;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod digest;
pub(crate) mod error;
pub(crate) mod formats;
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod locale;
pub(crate) mod markdown;
#[doc(hidden)]
pub mod messages;
pub(crate) mod output;
pub(crate) mod plain;
pub(crate) mod privacy;
pub(crate) mod rhythm;
pub(crate) mod scaffold;
pub(crate) mod serve;
pub(crate) mod site;
pub(crate) mod theme;
pub mod translate;

// What the command line, the benchmarks and the tests use; the rest of the
// crate is private to it.
pub use config::FailOn;
pub use content::Audience;
pub use digest::{digest, DigestOptions, DigestReport};
pub use error::{Diagnostic, Errors};
pub use output::search::{stem_algorithm, stems_arabic, stems_dutch, stems_english, stems_turkish};
pub use plain::summary::{failing as failing_findings, json as report_json, text as report_text};
pub use plain::Report;
pub use privacy::{codes_command, CodesReport, SiteCode};

/// Opens an encrypted page or file of a build with its code, as a browser
/// does (for the tests that check what a private site holds).
#[doc(hidden)]
pub fn open_sealed(code: &str, base64_envelope: &str) -> Option<Vec<u8>> {
    privacy::seal::open_text(code, base64_envelope).ok()
}
pub use rhythm::ClassRhythm;
pub use scaffold::{init, new_page};
pub use serve::{serve, ServeOptions};

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Content, LoadOptions};
use crate::markdown::Rendered;
use crate::plain::lexicon::Glossary;
use crate::site::{Selection, Site};
use crate::theme::Theme;

/// What `helder build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `[site] output-dir`; relative to the current folder.
    pub out: Option<PathBuf>,
    pub classes: Vec<String>,
    pub audience: Option<Audience>,
    pub drafts: bool,
    /// A preview (`helder serve`): plain-language findings never fail it,
    /// they are shown on the page instead.
    pub preview: bool,
    /// `--no-extras`: no plain-language analysis, search index or
    /// readability report; only the pages and their files.
    pub no_extras: bool,
    /// `--force`: replace an output folder that helder did not write.
    pub force: bool,
}

/// The site in memory: read, checked and rendered, ready to write.
pub struct Loaded {
    pub config: Config,
    pub content: Content,
    pub theme: Theme,
    /// Rendered body of each page, by page id.
    pub rendered: Vec<Rendered>,
    pub sites: Vec<Site>,
    pub glossary: Glossary,
    /// The plain-language reports and search terms; None with `--no-extras`.
    pub extras: Option<Extras>,
    /// By page id: shown by no public site (spec §6), so secret.
    pub private_pages: Vec<bool>,
}

/// What `--no-extras` leaves out, by page id: each page's plain-language
/// report and its search terms.
pub struct Extras {
    pub reports: Vec<Report>,
    pub search: Vec<output::search::PageTerms>,
}

impl Loaded {
    /// What the output stage reads; `partial` when only some sites are
    /// built; `keys` to encrypt private sites (none: the preview shows them
    /// open).
    pub(crate) fn output_input<'a>(
        &'a self,
        partial: bool,
        keys: Option<&'a privacy::Keys>,
    ) -> output::Input<'a> {
        output::Input {
            private_pages: &self.private_pages,
            keys,
            config: &self.config,
            content: &self.content,
            rendered: &self.rendered,
            sites: &self.sites,
            theme: &self.theme,
            glossary: &self.glossary,
            extras: self.extras.as_ref(),
            today: output::syndication::build_date(),
            partial,
        }
    }

    /// The preview's incremental rebuild: the page at `content_path` was
    /// saved. When only its body changed, it is read, rendered and analysed
    /// again and only what shows it is written into `out`; Ok(false) when
    /// anything else may have changed and a full build is needed.
    pub fn update_page(&mut self, content_path: &str, out: &Path) -> Result<bool, Errors> {
        let Some(id) = self.content.page_at(content_path) else {
            return Ok(false);
        };
        let options = LoadOptions {
            include_drafts: true,
        };
        let Some(page) = content::load_one(&self.config, content_path, options)? else {
            return Ok(false);
        };
        if !self.content.pages[id].same_place(&page) {
            return Ok(false);
        }
        let ctx = markdown::Context {
            content: &self.content,
            shortcodes: &self.theme,
            glossary: Some(&self.glossary),
            safe_html: self.config.safe_html,
        };
        let rendered = markdown::render(&page, &ctx)?;
        if let Some(extras) = &mut self.extras {
            extras.reports[id] = plain::analyse(
                &page,
                &rendered.text_blocks,
                &rendered.unlabelled_media,
                &self.config.plain_language,
                &self.glossary,
            );
        }
        self.content.pages[id] = page;
        if let Some(extras) = &mut self.extras {
            output::search::update(&mut extras.search, &self.content, id, &rendered);
        }
        self.rendered[id] = rendered;
        // A heading this page lost may be another page's link target.
        markdown::check_fragments(&self.content, &self.rendered).into_result(())?;
        output::write_page(&self.output_input(false, None), id, out)?;
        Ok(true)
    }
}

/// The settings of book.toml that the pages, their rendered bodies and the
/// extras are made from. Reading the content (`content::load`) uses the
/// languages (a page's language from its file name), the ids of bands and
/// classes and the bands of each class (front matter is checked against
/// them) and the glossary's path (not a page); rendering uses `safe-html`
/// (and, through the theme, the base address: `Theme::body_fingerprint`);
/// the plain-language reports use `[plain-language]` and the glossary it
/// names; the search terms use only the pages. Everything else (names,
/// colors, the school's details, private sites...) is read by the plan of
/// the sites and the output stage, which the preview redoes.
#[derive(PartialEq)]
struct ContentSettings<'a> {
    root: &'a Path,
    language: &'a str,
    languages: Vec<&'a str>,
    bands: Vec<&'a str>,
    classes: Vec<(&'a str, &'a [String])>,
    safe_html: bool,
    plain_language: &'a config::PlainLanguage,
}

impl<'a> ContentSettings<'a> {
    fn of(config: &'a Config) -> ContentSettings<'a> {
        ContentSettings {
            root: &config.root,
            language: &config.language,
            languages: config.language_codes().collect(),
            bands: config.bands.iter().map(|b| b.id.as_str()).collect(),
            classes: config
                .classes
                .iter()
                .map(|c| (c.id.as_str(), c.bands.as_slice()))
                .collect(),
            safe_html: config.safe_html,
            plain_language: &config.plain_language,
        }
    }
}

impl Loaded {
    /// The preview's rebuild after the theme (themes/, static/) or, with
    /// `config_changed`, book.toml changed: the theme and book.toml are read
    /// and checked again, the sites planned again and every file written
    /// into `out` (a new folder), from the pages, bodies and extras already
    /// loaded. Ok(None), with nothing changed, when those depend on what
    /// changed (`ContentSettings`, `Theme::body_fingerprint`): then a full
    /// build is needed. The preview builds every site, drafts included.
    pub(crate) fn update_settings(
        &mut self,
        config_changed: bool,
        out: &Path,
    ) -> Result<Option<output::Summary>, Errors> {
        let new_config = match config_changed {
            true => Some(Config::load(&self.config.root)?),
            false => None,
        };
        let config = new_config.as_ref().unwrap_or(&self.config);
        if ContentSettings::of(config) != ContentSettings::of(&self.config) {
            return Ok(None);
        }
        let theme = Theme::load(config)?;
        if theme.body_fingerprint != self.theme.body_fingerprint {
            return Ok(None);
        }
        let mut errors = check_svg_files(config, &self.content, &theme);
        let sites =
            site::plan::plan(config, &self.content, &Selection::default()).unwrap_or_else(|e| {
                errors.extend(e);
                Vec::new()
            });
        let private_pages = site::plan::private_pages(config, &self.content);
        errors.extend(site::links::check_private_links(
            &self.config.root,
            &self.content,
            &self.rendered,
            &private_pages,
        ));
        errors.into_result(())?;
        if let Some(config) = new_config {
            self.config = config;
        }
        self.theme = theme;
        self.sites = sites;
        self.private_pages = private_pages;
        let staging = output::writer::Staging::new(out)?;
        let summary = output::write_all(&self.output_input(false, None), staging.path())?;
        staging.commit()?;
        Ok(Some(summary))
    }

    /// The warnings of book.toml and of the posting rhythm, as a build
    /// shows them.
    pub(crate) fn settings_warnings(&self) -> Vec<error::Diagnostic> {
        let today = output::syndication::build_date();
        let rhythm = rhythm::of_classes(&self.config, &self.content, today);
        let mut warnings = self.config.warnings.clone();
        warnings.extend(rhythm::warnings(&self.config, &rhythm));
        warnings
    }
}

/// Reads and checks everything, renders every body, plans every site: all the
/// work of a build except writing. Used by `build` and `check`.
pub fn load(options: &BuildOptions) -> Result<Loaded, Errors> {
    load_with(options, false)
}

/// [`load`]; with `release_bodies`, for a build that only writes after
/// this, each page's Markdown is freed once the page is rendered (see
/// [`Content::take_bodies`]).
fn load_with(options: &BuildOptions, release_bodies: bool) -> Result<Loaded, Errors> {
    let config = Config::load(&options.root)?;
    let selection = Selection {
        audience: options.audience,
        classes: options.classes.clone(),
    };
    // Every stage checks what it can, so one build reports every error.
    let load_options = LoadOptions {
        include_drafts: options.drafts,
    };
    let (mut content, mut errors) = content::load(&config, load_options)?;
    let (theme, glossary) = match (Theme::load(&config), plain::load_glossary(&config)) {
        (Ok(theme), Ok(glossary)) => (theme, glossary),
        (theme, glossary) => {
            errors.extend(theme.err().unwrap_or_default());
            errors.extend(glossary.err().unwrap_or_default());
            errors.sort();
            return Err(errors);
        }
    };
    errors.extend(check_svg_files(&config, &content, &theme));
    let bodies = if release_bodies {
        content.take_bodies()
    } else {
        Vec::new()
    };
    let (rendered, extras) = match render_all(
        &config,
        &content,
        bodies,
        &theme,
        &glossary,
        !options.no_extras,
    ) {
        Ok((rendered, extras)) => {
            errors.extend(markdown::check_fragments(&content, &rendered));
            (rendered, extras)
        }
        Err(e) => {
            errors.extend(e);
            (Vec::new(), None)
        }
    };
    let sites = site::plan::plan(&config, &content, &selection).unwrap_or_else(|e| {
        errors.extend(e);
        Vec::new()
    });
    let private_pages = site::plan::private_pages(&config, &content);
    if !rendered.is_empty() {
        errors.extend(site::links::check_private_links(
            &config.root,
            &content,
            &rendered,
            &private_pages,
        ));
    }
    let loaded = Loaded {
        config,
        content,
        theme,
        rendered,
        sites,
        glossary,
        extras,
        private_pages,
    };
    errors.into_result(loaded)
}

/// Above this a video is a warning (spec §7): parents watch on a phone's
/// data bundle, and some hosts refuse big files.
const VIDEO_WARNING_BYTES: u64 = 50 * 1024 * 1024;

/// Videos beside pages that are too big to send to a phone.
fn large_videos(content: &Content) -> Vec<error::Diagnostic> {
    content
        .assets
        .iter()
        .filter(|a| markdown::is_video(&a.content_path))
        .filter_map(|a| {
            let bytes = std::fs::metadata(&a.source).ok()?.len();
            (bytes > VIDEO_WARNING_BYTES).then(|| {
                error::Diagnostic::site(crate::msg!(
                    "bouwen.video-groot",
                    mb = bytes / (1024 * 1024)
                ))
                .in_file(std::path::Path::new(content::CONTENT_DIR).join(&a.content_path))
                .help(crate::msg!("bouwen.video-groot-hulp"))
                .warning()
            })
        })
        .collect()
}

/// SVG files are served from the school's own address, where a script in
/// one would run with the site's rights (spec §10): each SVG beside a page,
/// in static/ or in the site's theme is read for scripts, event handlers and
/// script addresses.
fn check_svg_files(config: &Config, content: &Content, theme: &Theme) -> Errors {
    let from_content = content.assets.iter().map(|a| a.source.clone());
    let from_static = theme.static_files.values().filter_map(|s| match s {
        theme::StaticSource::File(path) => Some(path.clone()),
        theme::StaticSource::Embedded(_) => None,
    });
    let svgs: Vec<PathBuf> = from_content
        .chain(from_static)
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")))
        .collect();
    let found: Vec<error::Diagnostic> = svgs
        .par_iter()
        .flat_map_iter(|path| {
            let shown = path
                .strip_prefix(&config.root)
                .unwrap_or(path)
                .to_path_buf();
            let text = match std::fs::read(path) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => {
                    let action = crate::msg!("bouwen.io-svg-lezen");
                    return vec![error::Diagnostic::io(&shown, &action, &e)];
                }
            };
            markdown::raw_html::svg_scripts(&text)
                .into_iter()
                .map(|(line, what)| {
                    error::Diagnostic::site(crate::msg!("bouwen.svg-code", wat = what))
                        .in_file(&shown)
                        .at_line(line)
                        .help(crate::msg!("bouwen.svg-code-hulp"))
                })
                .collect()
        })
        .collect();
    Errors(found)
}

/// Renders every page body once, in parallel, and with `extras` analyses
/// it and collects its search terms in the same pass; collects every error.
///
/// A page's text blocks are dropped as soon as both have read them: held
/// for every page until the end they were the largest part of a build's
/// memory (218 of 405 MB at 50,000 pages).
///
/// `bodies` are the Markdown taken out of `content`'s pages, by page id (see
/// [`Content::take_bodies`]), each dropped once its page is rendered; empty
/// when the pages keep their bodies.
pub fn render_all(
    config: &Config,
    content: &Content,
    bodies: Vec<String>,
    theme: &Theme,
    glossary: &Glossary,
    extras: bool,
) -> Result<(Vec<Rendered>, Option<Extras>), Errors> {
    let ctx = markdown::Context {
        content,
        shortcodes: theme,
        glossary: Some(glossary),
        safe_html: config.safe_html,
    };
    type Done = (Rendered, Option<(Report, output::search::PageTerms)>);
    let bodies = if bodies.is_empty() {
        vec![String::new(); content.pages.len()]
    } else {
        bodies
    };
    let results: Vec<Result<Done, Errors>> = content
        .pages
        .par_iter()
        .zip(bodies)
        .map(|(page, body)| {
            // A page whose body was taken out is rendered from a copy that
            // has it, dropped with the body when the page is done.
            let with_body;
            let page = if body.is_empty() {
                page
            } else {
                with_body = content::Page {
                    body,
                    ..page.clone()
                };
                &with_body
            };
            let mut rendered = markdown::render(page, &ctx)?;
            let analysed = extras.then(|| {
                let report = plain::analyse(
                    page,
                    &rendered.text_blocks,
                    &rendered.unlabelled_media,
                    &config.plain_language,
                    glossary,
                );
                let terms = output::search::page_terms(page, &rendered.text_blocks);
                (report, terms)
            });
            rendered.text_blocks = Vec::new();
            rendered.shrink_to_fit();
            Ok((rendered, analysed))
        })
        .collect();
    let mut errors = Errors::new();
    let mut rendered = Vec::with_capacity(results.len());
    let mut reports = Vec::with_capacity(if extras { results.len() } else { 0 });
    let mut search = Vec::with_capacity(reports.capacity());
    for r in results {
        match r {
            Ok((r, analysed)) => {
                rendered.push(r);
                if let Some((report, terms)) = analysed {
                    reports.push(report);
                    search.push(terms);
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    errors.into_result((rendered, extras.then_some(Extras { reports, search })))
}

/// What a finished build wrote.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub out: PathBuf,
    pub summary: output::Summary,
    /// The one-line plain-language summary.
    pub plain_language: String,
    /// Things to improve that did not stop the build.
    pub warnings: Vec<error::Diagnostic>,
}

/// `helder build`: everything into a staging folder, then swapped into place.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Errors> {
    build_keeping(options).map(|(report, _)| report)
}

/// A build that also hands back everything it loaded (for `serve`, which
/// shows each page's plain-language report on the page).
pub fn build_keeping(options: &BuildOptions) -> Result<(BuildReport, Loaded), Errors> {
    // The keys of private sites take a fifth of a second each, on purpose:
    // made while the pages are read. The preview shows private sites open.
    let (loaded, keys) = std::thread::scope(|scope| {
        let keys = (!options.preview).then(|| scope.spawn(|| privacy::build_keys(options)));
        let loaded = load_with(options, true);
        let keys = keys.map(|k| {
            k.join()
                .unwrap_or_else(|_| Ok(privacy::BuildKeys::default()))
        });
        (loaded, keys)
    });
    let loaded = loaded?;
    let (keys, code_warnings) = match keys {
        Some(keys) => {
            let keys = keys?;
            let needed = privacy::sites_needing_codes(&loaded);
            keys.codes.require(&needed)?;
            (Some(keys.keys), keys.codes.warnings)
        }
        None => (None, Vec::new()),
    };
    let out = match &options.out {
        Some(out) => out.clone(),
        None => loaded.config.root.join(&loaded.config.output_dir),
    };
    let fail_on = loaded.config.plain_language.fail_on;
    let plain_language = match &loaded.extras {
        Some(extras) => {
            let failing = plain::summary::failing(&extras.reports, fail_on);
            if !failing.is_empty() && !options.preview {
                let mut errors = Errors(failing);
                errors.sort();
                return Err(errors);
            }
            plain::summary::one_line(&extras.reports, fail_on)
        }
        None => crate::msg!("bouwen.zonder-extras"),
    };
    output::writer::check_output_dir(&loaded.config.root, &out)?;
    output::writer::check_output_is_ours(&out, options.force)?;
    let staging = output::writer::Staging::new(&out)?;
    let partial = !options.classes.is_empty() || options.audience.is_some();
    let input = loaded.output_input(partial, keys.as_ref());
    let summary = output::write_all(&input, staging.path())?;
    let out = staging.commit()?;
    let mut warnings = loaded.config.warnings.clone();
    warnings.extend(code_warnings);
    warnings.extend(large_videos(&loaded.content));
    let rhythm = rhythm::of_classes(&loaded.config, &loaded.content, input.today);
    warnings.extend(rhythm::warnings(&loaded.config, &rhythm));
    warnings.extend(translate::stale::warnings(&loaded.config, &loaded.content));
    Ok((
        BuildReport {
            out,
            summary,
            plain_language,
            warnings,
        },
        loaded,
    ))
}

/// `helder check`: everything a build checks, without writing. Returns the
/// plain-language reports and the `fail-on` setting that judges them.
pub fn check(root: &Path) -> Result<(Vec<Report>, config::FailOn), Errors> {
    check_all(root).map(|c| (c.reports, c.fail_on))
}

/// Everything `helder check` reports when the site has no errors.
pub struct CheckReport {
    pub reports: Vec<Report>,
    pub fail_on: config::FailOn,
    /// Things to improve: the config's and the posting rhythm's.
    pub warnings: Vec<error::Diagnostic>,
    /// Each class's posting rhythm; empty without `[school] post-every`.
    pub rhythm: Vec<ClassRhythm>,
}

/// `helder check` with its warnings and the posting rhythm.
pub fn check_all(root: &Path) -> Result<CheckReport, Errors> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    let loaded = load(&options)?;
    // A build needs a code for each private site it writes; so does check.
    let private: Vec<&str> = loaded.config.private.iter().map(String::as_str).collect();
    let codes = privacy::codes::load(&loaded.config.root, &private)?;
    codes.require(&privacy::sites_needing_codes(&loaded))?;
    let today = output::syndication::build_date();
    let rhythm = rhythm::of_classes(&loaded.config, &loaded.content, today);
    let mut warnings = loaded.config.warnings.clone();
    warnings.extend(codes.warnings);
    warnings.extend(translate::stale::warnings(&loaded.config, &loaded.content));
    warnings.extend(rhythm::warnings(&loaded.config, &rhythm));
    Ok(CheckReport {
        reports: loaded.extras.map(|e| e.reports).unwrap_or_default(),
        fail_on: loaded.config.plain_language.fail_on,
        warnings,
        rhythm,
    })
}

/// Each private site of the site at `root` (spec §6), and whether it has a
/// code (in `codes.toml` or the environment), for `helder check`.
pub fn private_sites(root: &Path) -> Result<Vec<(String, bool)>, Errors> {
    let config = Config::load(root)?;
    let private: Vec<&str> = config.private.iter().map(String::as_str).collect();
    let codes = privacy::codes::load(&config.root, &private)?;
    Ok(private
        .iter()
        .map(|site| (site.to_string(), codes.get(site).is_some()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Copies the demo school (book.toml, content/, static/) to a new folder.
    fn demo_copy() -> tempfile::TempDir {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"));
        let to = tempfile::tempdir().unwrap();
        std::fs::copy(from.join("book.toml"), to.path().join("book.toml")).unwrap();
        for dir in ["content", "static"] {
            for entry in walkdir::WalkDir::new(from.join(dir)) {
                let entry = entry.unwrap();
                let target = to.path().join(entry.path().strip_prefix(from).unwrap());
                if entry.file_type().is_dir() {
                    std::fs::create_dir_all(&target).unwrap();
                } else {
                    std::fs::copy(entry.path(), &target).unwrap();
                }
            }
        }
        to
    }

    /// A preview build of the site at `root` into `root/out`.
    fn preview_options(root: &Path, out: &str) -> BuildOptions {
        BuildOptions {
            root: root.to_path_buf(),
            out: Some(root.join(out)),
            preview: true,
            ..BuildOptions::default()
        }
    }

    /// The same files with the same bytes in both folders; the second's files.
    fn assert_same_files(updated: &Path, full: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        let (updated, full) = (files(updated), files(full));
        assert_eq!(
            updated.keys().collect::<Vec<_>>(),
            full.keys().collect::<Vec<_>>()
        );
        let differ: Vec<&PathBuf> = full
            .iter()
            .filter(|(path, bytes)| updated.get(*path) != Some(bytes))
            .map(|(path, _)| path)
            .collect();
        assert!(differ.is_empty(), "differ after the update: {differ:?}");
        full
    }

    fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    /// The preview's incremental rebuild after a body edit leaves exactly the
    /// files a full build of the edited site writes.
    #[test]
    fn incremental_rebuild_equals_a_full_build() {
        let site = demo_copy();
        let options = |out: &str| preview_options(site.path(), out);
        let (_, mut loaded) = build_keeping(&options("preview")).unwrap();
        let evening = loaded
            .content
            .pages
            .iter()
            .find(|p| matches!(p.meta.kind, content::PageKind::Evening { .. }))
            .map(|p| p.content_path.clone())
            .expect("the demo has an information evening");
        let file = site.path().join("content").join(&evening);
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str("\nDe kinderen oefenen thuis met de rode pet. Vraag ernaar!\n");
        std::fs::write(&file, text).unwrap();
        let preview = site.path().join("preview");
        assert!(loaded.update_page(&evening, &preview).unwrap());
        build(&options("full")).unwrap();
        assert_same_files(&preview, &site.path().join("full"));
    }

    /// Removing a heading another page links to is an error at once, not at
    /// the next full build.
    #[test]
    fn an_update_checks_links_to_headings() {
        let site = demo_copy();
        let content = site.path().join("content");
        std::fs::write(
            content.join("doel.md"),
            "---\ntitle: Doel\n---\n\n## Waarom\n\nDaarom.\n",
        )
        .unwrap();
        std::fs::write(
            content.join("bron.md"),
            "---\ntitle: Bron\n---\n\nLees [waarom](doel.md#waarom).\n",
        )
        .unwrap();
        let options = BuildOptions {
            root: site.path().to_path_buf(),
            out: Some(site.path().join("preview")),
            preview: true,
            ..BuildOptions::default()
        };
        let (_, mut loaded) = build_keeping(&options).unwrap();
        std::fs::write(
            content.join("doel.md"),
            "---\ntitle: Doel\n---\n\nGeen kopje meer.\n",
        )
        .unwrap();
        let errors = loaded
            .update_page("doel.md", &site.path().join("preview"))
            .unwrap_err();
        assert!(errors.to_string().contains("waarom"), "{errors}");
    }

    /// The preview's rebuild after a template and book.toml changed (a
    /// class's name and color) leaves exactly the files a full build writes.
    #[test]
    fn a_settings_update_equals_a_full_build() {
        let site = demo_copy();
        let options = |out: &str| preview_options(site.path(), out);
        let (_, mut loaded) = build_keeping(&options("first")).unwrap();
        let book = site.path().join("book.toml");
        let text = std::fs::read_to_string(&book).unwrap();
        let changed = text.replacen("name = \"Groep 3/4\"", "name = \"Groep Drie-Vier\"", 1);
        let changed = changed.replacen("color = \"#0e6670\"", "color = \"#14532d\"", 1);
        assert_ne!(text, changed, "the demo's class groep-3-4 changed");
        std::fs::write(&book, changed).unwrap();
        let templates = site.path().join("themes/helder/templates");
        std::fs::create_dir_all(&templates).unwrap();
        let page = theme::built_in_file("templates/page.html").unwrap();
        let page = String::from_utf8_lossy(page).replace(
            "{% endblock main %}",
            "<p>Eigen sjabloon</p>{% endblock main %}",
        );
        std::fs::write(templates.join("page.html"), page).unwrap();
        let update = site.path().join("update");
        let summary = loaded.update_settings(true, &update).unwrap();
        assert!(summary.is_some(), "the pages were kept");
        build(&options("full")).unwrap();
        let full = assert_same_files(&update, &site.path().join("full"));
        let shown = full.values().any(|bytes| {
            let text = String::from_utf8_lossy(bytes);
            text.contains("Groep Drie-Vier") && text.contains("Eigen sjabloon")
        });
        assert!(shown, "the new name and template are in the pages");
    }

    /// What the pages are read or rendered with changed: no update, a full
    /// build is needed (and nothing was written).
    #[test]
    fn settings_the_pages_depend_on_need_a_full_build() {
        let site = demo_copy();
        let options = BuildOptions {
            root: site.path().to_path_buf(),
            out: Some(site.path().join("first")),
            preview: true,
            ..BuildOptions::default()
        };
        let (_, mut loaded) = build_keeping(&options).unwrap();
        let out = site.path().join("update");
        // A shortcode's template: the bodies that call it change.
        let shortcodes = site.path().join("themes/helder/shortcodes");
        std::fs::create_dir_all(&shortcodes).unwrap();
        std::fs::write(shortcodes.join("cap.html"), "<b>pet</b>").unwrap();
        assert!(loaded.update_settings(false, &out).unwrap().is_none());
        std::fs::remove_dir_all(site.path().join("themes")).unwrap();
        // safe-html: how every body is rendered.
        let book = site.path().join("book.toml");
        let text = std::fs::read_to_string(&book).unwrap();
        std::fs::write(
            &book,
            text.replacen("safe-html = false", "safe-html = true", 1),
        )
        .unwrap();
        assert!(loaded.update_settings(true, &out).unwrap().is_none());
        assert!(!out.exists(), "nothing written");
        // A broken book.toml is its error, as in a build.
        std::fs::write(&book, "[book\n").unwrap();
        let errors = loaded.update_settings(true, &out).unwrap_err();
        assert!(errors.to_string().contains("book.toml"), "{errors}");
    }
}
