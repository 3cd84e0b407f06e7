//! helder: a static site generator for school communication.
//!
//! The pipeline, one stage per module:
//! `config` (book.toml) → `content` (pages) → `markdown` (HTML) →
//! `views` (who sees what: school, band, class, team, training sites) →
//! `theme` (templates) → `output` (files, written atomically).

pub mod config;
pub mod content;
pub mod error;
pub mod markdown;
pub mod output;
pub mod scaffold;
pub mod theme;
pub mod views;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Audience, Content, LoadOptions};
use crate::error::Errors;
use crate::markdown::Rendered;
use crate::theme::Theme;
use crate::views::{Selection, Site};

/// What `helder build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `[site] output-dir`; relative to the current folder.
    pub out: Option<PathBuf>,
    pub classes: Vec<String>,
    pub audience: Option<Audience>,
    pub drafts: bool,
}

/// The site in memory: read, checked and rendered, ready to write.
pub struct Loaded {
    pub config: Config,
    pub content: Content,
    pub theme: Theme,
    /// Rendered body of each page, by page id.
    pub rendered: Vec<Rendered>,
    pub sites: Vec<Site>,
}

/// Reads and checks everything, renders every body, plans every site: all the
/// work of a build except writing. Used by `build` and `check`.
pub fn load(root: &Path, selection: &Selection, drafts: bool) -> Result<Loaded, Errors> {
    let config = Config::load(root)?;
    // Every stage checks what it can, so one build reports every error.
    let options = LoadOptions {
        include_drafts: drafts,
    };
    let (content, mut errors) = content::load(&config, options)?;
    let theme = match Theme::load(&config) {
        Ok(theme) => theme,
        Err(e) => {
            errors.extend(e);
            errors.sort();
            return Err(errors);
        }
    };
    let rendered = match render_all(&content, &theme) {
        Ok(rendered) => {
            errors.extend(markdown::check_fragments(&content, &rendered));
            rendered
        }
        Err(e) => {
            errors.extend(e);
            Vec::new()
        }
    };
    let sites = views::plan(&config, &content, selection).unwrap_or_else(|e| {
        errors.extend(e);
        Vec::new()
    });
    let loaded = Loaded {
        config,
        content,
        theme,
        rendered,
        sites,
    };
    errors.into_result(loaded)
}

/// Renders every page body once, in parallel; collects every error.
pub fn render_all(content: &Content, theme: &Theme) -> Result<Vec<Rendered>, Errors> {
    let ctx = markdown::Context {
        content,
        shortcodes: theme,
    };
    let results: Vec<Result<Rendered, Errors>> = content
        .pages
        .par_iter()
        .map(|page| markdown::render(page, &ctx))
        .collect();
    let mut errors = Errors::new();
    let mut rendered = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(r) => rendered.push(r),
            Err(e) => {
                errors.extend(e);
                rendered.push(Rendered::default());
            }
        }
    }
    errors.into_result(rendered)
}

/// What a finished build wrote.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub out: PathBuf,
    pub summary: output::Summary,
}

/// `helder build`: everything into a staging folder, then swapped into place.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Errors> {
    let selection = Selection {
        audience: options.audience,
        classes: options.classes.clone(),
    };
    let loaded = load(&options.root, &selection, options.drafts)?;
    let out = match &options.out {
        Some(out) => out.clone(),
        None => loaded.config.root.join(&loaded.config.output_dir),
    };
    output::writer::check_output_dir(&loaded.config.root, &out)?;
    let staging = output::writer::Staging::new(&out)?;
    let input = output::Input {
        config: &loaded.config,
        content: &loaded.content,
        rendered: &loaded.rendered,
        sites: &loaded.sites,
        theme: &loaded.theme,
        partial: !options.classes.is_empty() || options.audience.is_some(),
    };
    let summary = output::write_all(&input, staging.path())?;
    let out = staging.commit()?;
    Ok(BuildReport { out, summary })
}

/// `helder check`: everything a build checks, without writing.
pub fn check(root: &Path) -> Result<usize, Errors> {
    let loaded = load(root, &Selection::default(), false)?;
    Ok(loaded.content.pages.len())
}
