//! Files under `content/` → pages and assets.
//!
//! Discovery walks the folder (walkdir), pages are read and their front matter
//! checked in parallel, and every problem of every file is reported together.

pub(crate) mod frontmatter;
pub(crate) mod page;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use page::Audience;
pub(crate) use page::{CapColor, Page, PageId, PageKind};

use crate::config::Config;
use crate::error::{line_col, Diagnostic, Errors};
use crate::formats::images;
use crate::msg;

pub(crate) const CONTENT_DIR: &str = "content";

/// A file under content/ that is not a page (images, PDFs): copied to the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Asset {
    /// Path relative to content/ with `/` separators.
    pub content_path: String,
    pub source: PathBuf,
    /// Width and height of a PNG, JPEG or SVG image, measured when loaded.
    pub size: Option<(u32, u32)>,
}

#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Sorted by content path; a page's index here is its [`PageId`].
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// Pages that exist but are not in `pages`, by content path.
    pub left_out: BTreeMap<String, LeftOut>,
}

/// Why a page file is not among the loaded pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// `draft: true` and no `--drafts`.
    Draft,
    /// It has errors (reported on their own); links to it are not errors too.
    Broken,
}

impl Content {
    /// Takes the Markdown of every page out, by page id, for a build that
    /// renders each page from it once and then only writes: each body is
    /// freed as soon as its page is rendered (at 50,000 pages the bodies
    /// were a fifth of what a build held). Kept in their pages (and given
    /// as empty strings): originals that translations name a version of
    /// (`translate::stale` hashes their body).
    pub(crate) fn take_bodies(&mut self) -> Vec<String> {
        let mut keep = vec![false; self.pages.len()];
        for page in self.pages.iter().filter(|p| p.source_hash.is_some()) {
            if let Some(original) = crate::translate::stale::original_of(self, page) {
                keep[original] = true;
            }
        }
        self.pages
            .iter_mut()
            .zip(keep)
            .map(|(page, keep)| {
                if keep {
                    String::new()
                } else {
                    std::mem::take(&mut page.body)
                }
            })
            .collect()
    }

    /// The page of the default language at this content path.
    pub fn page_at(&self, content_path: &str) -> Option<PageId> {
        self.pages
            .binary_search_by(|p| p.content_path.as_str().cmp(content_path))
            .ok()
    }

    pub fn asset_at(&self, content_path: &str) -> Option<&Asset> {
        self.assets
            .binary_search_by(|a| a.content_path.as_str().cmp(content_path))
            .ok()
            .map(|i| &self.assets[i])
    }
}

/// Options that change which pages are loaded.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LoadOptions {
    pub include_drafts: bool,
}

/// Reads every page and asset under `content/`. Returns the pages that loaded
/// with the errors of those that did not, so later stages can still check the
/// good pages and every error of a build is reported together; fails outright
/// only when there is no content/ folder.
pub(crate) fn load(config: &Config, options: LoadOptions) -> Result<(Content, Errors), Errors> {
    let content_dir = config.root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        return Err(Diagnostic::usage(msg!(
            "inhoud.geen-map",
            map = CONTENT_DIR,
            site = config.root.display()
        ))
        .help(msg!("inhoud.geen-map-hulp"))
        .into());
    }
    let glossary = config
        .plain_language
        .glossary
        .as_ref()
        .map(|g| config.root.join(g));
    let (files, mut errors) = discover(&content_dir);

    let mut page_files = Vec::new();
    let mut asset_files = Vec::new();
    for (path, rel) in files {
        if rel.ends_with(".md") {
            if let Some(error) = unconfigured_translation(config, &rel) {
                errors.push(error);
                continue;
            }
            page_files.push((path, rel));
        } else if Some(&path) != glossary.as_ref() {
            asset_files.push((path, rel));
        }
    }
    let mut assets: Vec<Asset> = asset_files
        .into_par_iter()
        .map(|(source, content_path)| Asset {
            size: measure(&source, &content_path),
            content_path,
            source,
        })
        .collect();

    let results: Vec<Result<Option<Page>, Errors>> = page_files
        .par_iter()
        .map(|(path, rel)| load_page(config, path, rel, options))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut left_out = BTreeMap::new();
    for (result, (_, rel)) in results.into_iter().zip(&page_files) {
        match result {
            Ok(Some(page)) => pages.push(page),
            Ok(None) => {
                left_out.insert(rel.clone(), LeftOut::Draft);
            }
            Err(e) => {
                left_out.insert(rel.clone(), LeftOut::Broken);
                errors.extend(e);
            }
        }
    }
    pages.sort_by(|a, b| a.content_path.cmp(&b.content_path));
    assets.sort();
    let content = Content {
        pages,
        assets,
        left_out,
    };
    check_references(&content, &mut errors);
    check_translations_have_originals(config, &page_files, &content, &mut errors);
    Ok((content, errors))
}

/// Width and height of the image file at `source` (named `content_path`),
/// from its header (or an SVG's attributes); None when it is not an image
/// helder knows or cannot be read.
fn measure(source: &Path, content_path: &str) -> Option<(u32, u32)> {
    let format = images::format_of(content_path)?;
    match format {
        images::Format::Svg => images::dimensions(&std::fs::read(source).ok()?, format).ok(),
        images::Format::Png | images::Format::Jpeg => {
            let file = std::io::BufReader::new(std::fs::File::open(source).ok()?);
            images::header_size(file, format)
        }
    }
}

/// The two-letter language codes of ISO 639-1: a page named `NAME.xx.md`
/// with one of these is a translation.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// The language code of a translation's file name (`witte-pet.en.md`,
/// `brief.nl-BE.md`), if it has one.
fn translation_code(content_path: &str) -> Option<&str> {
    let stem = content_path.strip_suffix(".md")?;
    let (_, code) = stem.rsplit_once('.')?;
    let base = code.split('-').next()?;
    let region_ok = code[base.len()..]
        .strip_prefix('-')
        .is_none_or(|r| (2..=3).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphanumeric()));
    (!code.contains('/') && ISO_639_1.split(' ').any(|l| l == base) && region_ok).then_some(code)
}

/// `NAME.fr.md` in a site without `[languages.fr]` (spec §8): an error, not a
/// Dutch page with a dot in its address.
fn unconfigured_translation(config: &Config, content_path: &str) -> Option<Diagnostic> {
    let code = translation_code(content_path)?;
    if config.language_codes().any(|l| l == code) {
        return None;
    }
    let original = format!(
        "{}.md",
        &content_path[..content_path.len() - code.len() - 4]
    );
    let help = if code == config.language {
        msg!(
            "inhoud.vertaling-hoofdtaal",
            taal = code,
            origineel = original
        )
    } else {
        msg!("inhoud.vertaling-taal-hulp", taal = code)
    };
    Some(
        Diagnostic::site(msg!("inhoud.vertaling-taal-onbekend", taal = code))
            .in_file(Path::new(CONTENT_DIR).join(content_path))
            .help(help),
    )
}

/// `NAME.en.md` without `NAME.md` (spec §8): a translation of nothing.
fn check_translations_have_originals(
    config: &Config,
    page_files: &[(PathBuf, String)],
    content: &Content,
    errors: &mut Errors,
) {
    for (_, rel) in page_files {
        let Some(code) = translation_code(rel) else {
            continue;
        };
        if !config.language_codes().any(|l| l == code) {
            continue;
        }
        let original = format!("{}.md", &rel[..rel.len() - code.len() - 4]);
        if content.page_at(&original).is_none() && !content.left_out.contains_key(&original) {
            errors.push(
                Diagnostic::site(msg!(
                    "inhoud.vertaling-zonder-origineel",
                    origineel = original
                ))
                .in_file(Path::new(CONTENT_DIR).join(rel))
                .help(msg!(
                    "inhoud.vertaling-zonder-origineel-hulp",
                    origineel = original
                )),
            );
        }
    }
}

/// Reads one page again (for the preview's incremental rebuild): None when it
/// is a draft that is left out.
pub(crate) fn load_one(
    config: &Config,
    content_path: &str,
    options: LoadOptions,
) -> Result<Option<Page>, Errors> {
    let path = config.root.join(CONTENT_DIR).join(content_path);
    load_page(config, &path, content_path, options)
}

/// Lists the files under `dir` as (path, path relative to dir with `/`),
/// skipping hidden files and editor leftovers. Symlinks are followed; a loop is
/// an error.
fn discover(dir: &Path) -> (Vec<(PathBuf, String)>, Errors) {
    let mut files = Vec::new();
    let mut errors = Errors::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                files.push((entry.path().to_path_buf(), rel.join("/")));
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                let d = if e.loop_ancestor().is_some() {
                    Diagnostic::site(msg!("inhoud.link-lus")).help(msg!("inhoud.link-lus-hulp"))
                } else {
                    let reason = match e.io_error() {
                        Some(io) => crate::error::io_reason(io),
                        None => e.to_string(),
                    };
                    Diagnostic::usage(msg!("inhoud.lezen-fout", reden = reason))
                        .help(msg!("inhoud.lezen-fout-hulp"))
                };
                errors.push(d.in_file(path));
            }
        }
    }
    (files, errors)
}

/// Hidden files and the temporary files editors leave while saving.
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

fn load_page(
    config: &Config,
    path: &Path,
    content_path: &str,
    options: LoadOptions,
) -> Result<Option<Page>, Errors> {
    let source = Path::new(CONTENT_DIR).join(content_path);
    let bytes = std::fs::read(path)
        .map_err(|e| Errors::from(Diagnostic::io(&source, &msg!("inhoud.io-pagina-lezen"), &e)))?;
    page_from_bytes(config, &bytes, content_path, options)
}

/// A page from the bytes of its file at `content_path` (relative to
/// content/): everything `load_page` does after reading the file. None when
/// it is a draft that is left out.
pub(crate) fn page_from_bytes(
    config: &Config,
    bytes: &[u8],
    content_path: &str,
    options: LoadOptions,
) -> Result<Option<Page>, Errors> {
    let source = Path::new(CONTENT_DIR).join(content_path);
    let text = decode(bytes).map_err(|d| Errors::from(d.in_file(&source)))?;

    let split = frontmatter::split(text).map_err(|e| front_matter_error(&source, e))?;
    let raw = frontmatter::parse(&split).map_err(|e| front_matter_error(&source, e))?;
    if raw.draft == Some(true) && !options.include_drafts {
        return Ok(None);
    }
    let location = locate(config, source.clone(), content_path);
    page::build(
        config,
        location,
        raw,
        split.key_lines.clone(),
        split.body.to_string(),
        split.body_line,
    )
    .map(Some)
}

fn front_matter_error(source: &Path, e: frontmatter::FrontMatterError) -> Errors {
    Diagnostic::site(e.message)
        .in_file(source)
        .at(e.line, e.column)
        .help(e.help)
        .into()
}

/// Bytes → text: a BOM is dropped; binary files and invalid UTF-8 are errors.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(Diagnostic::site(msg!("inhoud.binair")).help(msg!("inhoud.binair-hulp")));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let text = std::str::from_utf8(valid).unwrap_or("");
        let (line, column) = line_col(text, text.len());
        Diagnostic::site(msg!("inhoud.geen-utf8"))
            .at(line, column)
            .help(msg!("inhoud.geen-utf8-hulp"))
    })
}

/// Language, slug and index-ness from a page's path under content/.
fn locate(config: &Config, source: PathBuf, content_path: &str) -> page::Location {
    let without_ext = content_path.strip_suffix(".md").unwrap_or(content_path);
    let (stem_path, lang) = match without_ext.rsplit_once('.') {
        Some((stem, code)) if !code.contains('/') && config.language_codes().any(|l| l == code) => {
            (stem, code.to_string())
        }
        _ => (without_ext, config.language.clone()),
    };
    let mut segments: Vec<String> = stem_path.split('/').map(page::slugify).collect();
    let is_index = matches!(
        segments.last().map(String::as_str),
        Some("index" | "_index")
    );
    if is_index {
        segments.pop();
    }
    page::Location {
        source,
        content_path: content_path.to_string(),
        lang,
        slug: segments.join("/"),
        is_index,
    }
}

/// Checks references between pages that need the whole set: an evening's
/// `slides` must name a slides page.
fn check_references(content: &Content, errors: &mut Errors) {
    for page in &content.pages {
        if let PageKind::Evening {
            slides: Some(slides),
            ..
        } = &page.meta.kind
        {
            let target = slides
                .trim_start_matches("content/")
                .trim_start_matches('/');
            let found = content.page_at(target).map(|id| &content.pages[id]);
            let message = match found {
                Some(p)
                    if p.meta.kind == PageKind::Slides
                        && page.meta.audience == Audience::Ouders
                        && p.meta.audience != Audience::Ouders =>
                {
                    Some(msg!(
                        "inhoud.dia-niet-voor-ouders",
                        dia = slides,
                        publiek = p.meta.audience.name()
                    ))
                }
                Some(p) if p.meta.kind == PageKind::Slides => None,
                Some(_) => Some(msg!("inhoud.dia-geen-dia", dia = slides)),
                None => Some(msg!("inhoud.dia-bestaat-niet", dia = slides)),
            };
            if let Some(message) = message {
                errors.push(
                    Diagnostic::site(message)
                        .in_file(&page.source)
                        .at_line(page.key_line("slides"))
                        .help(msg!("inhoud.dia-hulp")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignored_names() {
        assert!(is_ignored(".DS_Store"));
        assert!(is_ignored("pagina.md~"));
        assert!(is_ignored("#pagina.md#"));
        assert!(!is_ignored("pagina.md"));
    }

    #[test]
    fn decode_rejects_binary_and_bad_utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBF---\n").unwrap(), "---\n");
        assert!(decode(b"a\0b").is_err());
        let d = decode(b"regel\nnog \xFF").unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(5)));
    }
}
