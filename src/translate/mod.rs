//! Translations for translators (spec §8): `helder translate export`
//! writes the parent pages whose translation is missing or stale as XLIFF
//! 1.2, `import` writes the translations back as `NAME.LANG.md`, `status`
//! counts per language; a translation's `source-hash` tells when its
//! original has changed since (`stale`).

mod export;
mod import;
pub(crate) mod stale;
pub(crate) mod units;
mod xliff;

use std::path::{Path, PathBuf};

pub use export::ExportCounts;
pub use import::Planned;
pub use stale::LanguageStatus;

use crate::config::Config;
use crate::error::{Diagnostic, Errors};
use crate::{msg, BuildOptions, Loaded};

/// Marks a part of a translation that is still in the site's language:
/// "⟦nl⟧ Tekst". Visible on the page, and easy to search for.
pub(crate) fn untranslated_mark(config: &Config) -> String {
    format!("\u{27E6}{}\u{27E7}", config.language)
}

/// The site as a build loads it, without the extras (translating needs
/// pages, not readability reports).
fn load(root: &Path) -> Result<Loaded, Errors> {
    crate::load(&BuildOptions {
        root: root.to_path_buf(),
        no_extras: true,
        ..BuildOptions::default()
    })
}

/// What `helder translate export` wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    pub file: PathBuf,
    pub counts: ExportCounts,
}

/// `helder translate export --lang LANG [--out FILE] [--private]`: the
/// XLIFF file for `lang` (default `vertalen-LANG.xlf` in the site folder);
/// pages that only private sites show only with `with_private`.
pub fn export(
    root: &Path,
    lang: &str,
    out: Option<&Path>,
    with_private: bool,
) -> Result<Exported, Errors> {
    let loaded = load(root)?;
    if !loaded.config.languages.iter().any(|l| l.code == lang) {
        let codes: Vec<&str> = loaded
            .config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        let talen = if codes.is_empty() {
            msg!("vertalen.geen-talen")
        } else {
            codes.join(", ")
        };
        return Err(
            Diagnostic::usage(msg!("vertalen.taal-onbekend", taal = lang))
                .in_file(root.join("book.toml"))
                .help(msg!(
                    "vertalen.taal-onbekend-hulp",
                    talen = talen,
                    taal = lang
                ))
                .into(),
        );
    }
    let (xml, counts) = export::document(&loaded, lang, with_private);
    let file = match out {
        Some(out) => out.to_path_buf(),
        None => root.join(format!("vertalen-{lang}.xlf")),
    };
    write_file(&file, xml.as_slice())?;
    Ok(Exported { file, counts })
}

/// `helder translate import FILE`: checks every unit, then writes every
/// translation that has at least one translated unit; nothing is written
/// when anything is wrong.
pub fn import(root: &Path, file: &Path) -> Result<Vec<Planned>, Errors> {
    let bytes = std::fs::read(file)
        .map_err(|e| Errors::from(Diagnostic::io(file, &msg!("vertalen.io-lezen"), &e)))?;
    let text = crate::content::decode(&bytes).map_err(|d| Errors::from(d.in_file(file)))?;
    let loaded = load(root)?;
    let planned = import::plan(&loaded, file, text)?;
    // A page without a single translated unit is not written: its
    // untranslated notice says more than a copy of the Dutch text.
    let changed: Vec<(PathBuf, &[u8])> = planned
        .iter()
        .filter(|p| p.translated > 0)
        .map(|p| (loaded.config.root.join(&p.file), p.text.as_bytes()))
        .filter(|(path, text)| std::fs::read(path).map_or(true, |old| old != *text))
        .collect();
    write_files(&changed)?;
    Ok(planned)
}

/// `helder translate status`: per extra language, the parent pages
/// translated, stale and missing.
pub fn status(root: &Path) -> Result<Vec<LanguageStatus>, Errors> {
    let loaded = load(root)?;
    Ok(stale::status(&loaded.config, &loaded.content))
}

/// Writes `bytes` to `path` in one step (a file beside it, hidden from the
/// site, renamed over it), so a reader never finds half a file.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Errors> {
    write_files(&[(path.to_path_buf(), bytes)])
}

/// Writes every file beside its place first and only then renames them
/// all, so a full disk or a folder without write permission leaves no
/// translation written and none half.
fn write_files(files: &[(PathBuf, &[u8])]) -> Result<(), Errors> {
    let io = |path: &Path, e: std::io::Error| {
        Errors::from(Diagnostic::io(path, &msg!("vertalen.io-schrijven"), &e))
    };
    let tmp_of = |path: &Path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        path.with_file_name(format!(".{name}.helder-tmp"))
    };
    for (n, (path, bytes)) in files.iter().enumerate() {
        if let Err(e) = std::fs::write(tmp_of(path), bytes) {
            for (written, _) in &files[..=n] {
                let _ = std::fs::remove_file(tmp_of(written));
            }
            return Err(io(path, e));
        }
    }
    for (n, (path, _)) in files.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp_of(path), path) {
            for (left, _) in &files[n..] {
                let _ = std::fs::remove_file(tmp_of(left));
            }
            return Err(io(path, e));
        }
    }
    Ok(())
}
