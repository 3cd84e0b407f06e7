//! Which translation belongs to which original, and whether it is still
//! current: a translation's `source-hash` names the version of the original
//! it translates (spec §8).

use std::path::Path;

use chrono::{DateTime, Datelike, Local, NaiveDate};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::content::{Audience, Content, Page, PageId};
use crate::error::Diagnostic;
use crate::msg;

/// The hash of what a translator translates of `page`: its title, summary
/// and body (line endings made equal). Other front matter (weight, date)
/// may change without making translations stale.
pub(crate) fn source_hash(page: &Page) -> String {
    let mut hasher = Sha256::new();
    hasher.update(page.meta.title.as_bytes());
    hasher.update(b"\n\0");
    hasher.update(page.meta.summary.as_deref().unwrap_or("").as_bytes());
    hasher.update(b"\n\0");
    hasher.update(page.body.replace("\r\n", "\n").trim_end().as_bytes());
    let digest = hasher.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The content path of `original`'s translation into `lang`.
pub(crate) fn translation_path(original: &str, lang: &str) -> String {
    let stem = original.strip_suffix(".md").unwrap_or(original);
    format!("{stem}.{lang}.md")
}

/// The original of a translation (`NAME.LANG.md` → `NAME.md`).
pub(crate) fn original_of(content: &Content, page: &Page) -> Option<PageId> {
    let stem = page
        .content_path
        .strip_suffix(&format!(".{}.md", page.lang))?;
    content.page_at(&format!("{stem}.md"))
}

/// Does `page`, a translation, say it translates another version of its
/// original than the current one? A translation without `source-hash`
/// (written by hand) can not tell, and counts as current.
pub(crate) fn is_stale(content: &Content, page: &Page) -> bool {
    let Some(hash) = page.source_hash.as_deref() else {
        return false;
    };
    original_of(content, page).is_some_and(|o| source_hash(&content.pages[o]) != hash.trim())
}

/// Every stale translation, as (translation, original).
pub(crate) fn stale_translations(config: &Config, content: &Content) -> Vec<(PageId, PageId)> {
    content
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lang != config.language && is_stale(content, p))
        .filter_map(|(id, p)| Some((id, original_of(content, p)?)))
        .collect()
}

/// The `stale-translation` warnings of `check` and `build`: file, language
/// and since when (the day the original file last changed).
pub(crate) fn warnings(config: &Config, content: &Content) -> Vec<Diagnostic> {
    stale_translations(config, content)
        .into_iter()
        .map(|(translation, original)| {
            let (t, o) = (&content.pages[translation], &content.pages[original]);
            let since = changed_on(&config.root.join(&o.source))
                .map(dutch_date)
                .unwrap_or_else(|| msg!("vertalen.onbekende-datum"));
            Diagnostic::site(msg!(
                "vertalen.verouderd",
                taal = language_name(config, &t.lang),
                code = t.lang,
                origineel = o.source.display(),
                sinds = since
            ))
            .in_file(&t.source)
            .at_line(t.key_line("source-hash"))
            .help(msg!("vertalen.verouderd-hulp", taal = t.lang))
            .warning()
        })
        .collect()
}

/// "2 december 2026".
fn dutch_date(date: NaiveDate) -> String {
    let month = crate::content::page::DUTCH_MONTHS[date.month0() as usize];
    format!("{} {month} {}", date.day(), date.year())
}

/// The day a file was last changed.
fn changed_on(path: &Path) -> Option<NaiveDate> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(DateTime::<Local>::from(modified).date_naive())
}

/// The name book.toml gives a language ("Polski"), or its code.
pub(crate) fn language_name(config: &Config, code: &str) -> String {
    config
        .languages
        .iter()
        .find(|l| l.code == code)
        .map_or_else(|| code.to_string(), |l| l.name.clone())
}

/// How far one language is: parent pages translated, stale and missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageStatus {
    pub code: String,
    pub name: String,
    pub translated: usize,
    pub stale: usize,
    pub missing: usize,
    /// Translated pages that still hold parts marked untranslated.
    pub partial: usize,
}

/// The state of every parent page's translation, per extra language.
pub(crate) fn status(config: &Config, content: &Content) -> Vec<LanguageStatus> {
    let originals: Vec<&Page> = content
        .pages
        .iter()
        .filter(|p| p.lang == config.language && p.meta.audience == Audience::Ouders)
        .collect();
    let mark = super::untranslated_mark(config);
    config
        .languages
        .iter()
        .map(|language| {
            let mut s = LanguageStatus {
                code: language.code.clone(),
                name: language.name.clone(),
                translated: 0,
                stale: 0,
                missing: 0,
                partial: 0,
            };
            for original in &originals {
                let path = translation_path(&original.content_path, &language.code);
                match content.page_at(&path).map(|id| &content.pages[id]) {
                    None => s.missing += 1,
                    Some(t) if is_stale(content, t) => s.stale += 1,
                    Some(t) => {
                        s.translated += 1;
                        if t.meta.title.contains(&mark) || t.body.contains(&mark) {
                            s.partial += 1;
                        }
                    }
                }
            }
            s
        })
        .collect()
}
