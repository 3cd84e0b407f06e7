//! `helder translate export`: the parent pages whose translation into one
//! language is missing or stale, as an XLIFF file for a translator.

use std::collections::HashMap;

use super::stale::{is_stale, source_hash, translation_path};
use super::units::{segment, Piece, Unit, UnitKind};
use super::xliff::{ExportFile, ExportUnit};
use crate::content::{Audience, Page, PageId};
use crate::site::layout;
use crate::{msg, Loaded};

/// What an export holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportCounts {
    pub pages: usize,
    pub units: usize,
    /// Words of the Dutch text to translate.
    pub words: usize,
    /// Pages that only private sites show (spec §6): left out, or with
    /// `--private` in the file.
    pub private: usize,
}

/// The unit id of a body unit: `b1`, `b2`, ... in the order of the body.
pub(crate) fn body_unit_id(index: usize) -> String {
    format!("b{}", index + 1)
}

pub(crate) const TITLE_ID: &str = "title";
pub(crate) const SUMMARY_ID: &str = "summary";

/// The XLIFF for `lang` and what it holds. A page that only private sites
/// show is in it only with `with_private`: the file leaves the school, and
/// a class's closed text should not leave with it unasked.
pub(crate) fn document(loaded: &Loaded, lang: &str, with_private: bool) -> (Vec<u8>, ExportCounts) {
    let addresses = first_addresses(loaded);
    let mut counts = ExportCounts::default();
    let mut files = Vec::new();
    for (id, page) in loaded.content.pages.iter().enumerate() {
        if page.lang != loaded.config.language || page.meta.audience != Audience::Ouders {
            continue;
        }
        let translation = loaded
            .content
            .page_at(&translation_path(&page.content_path, lang))
            .map(|t| &loaded.content.pages[t]);
        if translation.is_some_and(|t| !is_stale(&loaded.content, t)) {
            continue;
        }
        if loaded.private_pages.get(id).copied().unwrap_or(false) {
            counts.private += 1;
            if !with_private {
                continue;
            }
        }
        let file = export_file(loaded, page, addresses.get(&id), translation);
        counts.pages += 1;
        counts.units += file.units.len();
        counts.words += file
            .units
            .iter()
            .flat_map(|u| &u.source)
            .map(|p| match p {
                Piece::Text(t) => t.split_whitespace().filter(|w| is_word(w)).count(),
                _ => 0,
            })
            .sum::<usize>();
        files.push(file);
    }
    let xml = super::xliff::write(&loaded.config.language, lang, &files);
    (xml, counts)
}

fn is_word(w: &str) -> bool {
    w.chars().any(char::is_alphanumeric)
}

/// One page's units: title, summary, then the body's.
fn export_file(
    loaded: &Loaded,
    page: &Page,
    address: Option<&String>,
    old: Option<&Page>,
) -> ExportFile {
    let config = &loaded.config;
    let mut units = vec![ExportUnit {
        id: TITLE_ID.into(),
        source: vec![Piece::Text(page.meta.title.clone())],
        note: msg!("vertalen.unit-titel"),
    }];
    if let Some(summary) = &page.meta.summary {
        units.push(ExportUnit {
            id: SUMMARY_ID.into(),
            source: vec![Piece::Text(summary.clone())],
            note: msg!("vertalen.unit-samenvatting"),
        });
    }
    let segmented = segment(&page.body);
    for (i, unit) in segmented.units.iter().enumerate() {
        // The translator sees each shortcode as it is written.
        let source = unit
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Code { id, kind, markdown } => Piece::Code {
                    id: *id,
                    kind: *kind,
                    markdown: segmented.restore_calls(markdown),
                },
                other => other.clone(),
            })
            .collect();
        units.push(ExportUnit {
            id: body_unit_id(i),
            source,
            note: unit_note(unit),
        });
    }
    let mut note = msg!(
        "vertalen.notitie-pagina",
        adres = address.map_or("-", String::as_str),
        publiek = page.meta.audience.name(),
        niveau = config.plain_language.level.as_str()
    );
    if let Some(old) = old {
        note.push(' ');
        note.push_str(&msg!(
            "vertalen.notitie-verouderd",
            vertaling = old.source.display()
        ));
    }
    ExportFile {
        original: page.source.display().to_string().replace('\\', "/"),
        source_hash: source_hash(page),
        note,
        units,
    }
}

fn unit_note(unit: &Unit) -> String {
    match unit.kind {
        UnitKind::Heading => msg!("vertalen.unit-kop", niveau = unit.level),
        UnitKind::Paragraph => msg!("vertalen.unit-alinea"),
        UnitKind::ListItem => msg!("vertalen.unit-lijst"),
        UnitKind::TableCell => msg!("vertalen.unit-cel"),
    }
}

/// Each page's first address in the build (the school site before the
/// classes), absolute with `base-url`.
fn first_addresses(loaded: &Loaded) -> HashMap<PageId, String> {
    let mut addresses = HashMap::new();
    for site in loaded.sites.iter().filter(|s| s.lang_prefix.is_empty()) {
        for &id in site.home.iter().chain(&site.pages) {
            addresses.entry(id).or_insert_with(|| {
                let file = site.page_file(id, &loaded.content.pages[id]);
                match &loaded.config.base_url {
                    Some(base) => layout::web_address(base, &file),
                    None => format!("/{}", layout::address(&file)),
                }
            });
        }
    }
    addresses
}
