//! A slides page → `slides.pptx`: a title slide, then per slide its heading
//! as title, its list as bullets, its `Notes:` as speaker notes, and its PNG
//! and JPEG images (PowerPoint has no SVG fallback here, so those are left
//! out and said so in the notes).

use super::format_messages;
use crate::config::Config;
use crate::content::{Content, Page};
use crate::error::Diagnostic;
use crate::formats::pptx::{self, Bullet, Deck, Image, ImageFormat, Slide};
use crate::formats::{images, raster};
use crate::locale::Locale;
use crate::markdown::links::{classify, join, parent_dir, Written};
use crate::markdown::Rendered;
use crate::msg;

/// `rendered`: the page's body as rendered, slide by slide.
pub(crate) fn pptx(
    config: &Config,
    content: &Content,
    page: &Page,
    rendered: &Rendered,
    locale: &Locale<'_>,
) -> Result<Vec<u8>, Diagnostic> {
    let mut deck_slides = Vec::new();
    for slide in &rendered.slides {
        let outline = &slide.outline;
        let mut notes = outline.notes.clone();
        let mut images = Vec::new();
        for (src, alt) in &outline.images {
            match image(content, page, src, alt) {
                Some(image) => images.push(image),
                None => {
                    if !notes.is_empty() {
                        notes.push('\n');
                    }
                    notes.push_str(&format!("(Afbeelding niet in PowerPoint: {alt})"));
                }
            }
        }
        deck_slides.push(Slide {
            title: outline.title.clone(),
            bullets: outline
                .bullets
                .iter()
                .map(|(level, text)| Bullet {
                    text: text.clone(),
                    level: *level,
                })
                .collect(),
            notes: (!notes.is_empty()).then_some(notes),
            images,
        });
    }
    // The date as the pages write it: "12 november 2026".
    let subtitle = match page.meta.date {
        Some(d) => format!("{} · {}", config.title, locale.date(d)),
        None => config.title.clone(),
    };
    let deck = Deck {
        title: page.meta.title.clone(),
        subtitle: Some(subtitle),
        lang: office_lang(&page.lang),
        slides: deck_slides,
        color: config.school.color.as_deref().and_then(rrggbb),
        logo: config.school.logo.as_deref().and_then(|l| logo(config, l)),
    };
    pptx::write(&deck).map_err(|e| {
        Diagnostic::site(msg!("dia.pptx-fout", fout = format_messages::pptx(&e)))
            .in_file(&page.source)
            .help(msg!("dia.pptx-fout-hulp"))
    })
}

/// A PNG or JPEG under content/ that a slide shows, with its size.
fn image(content: &Content, page: &Page, src: &str, alt: &str) -> Option<Image> {
    let Written::Relative(path, _) = classify(src) else {
        return None;
    };
    let asset = content.asset_at(&join(parent_dir(&page.content_path), &path)?)?;
    picture(&asset.source, &asset.content_path, alt.to_string())
}

/// The PNG or JPEG file at `source` (named `name`), with its pixel size;
/// None for other formats or a file that can not be read.
fn picture(source: &std::path::Path, name: &str, alt: String) -> Option<Image> {
    let lower = name.to_lowercase();
    let format = if lower.ends_with(".png") {
        ImageFormat::Png
    } else if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        ImageFormat::Jpeg
    } else {
        return None;
    };
    let bytes = std::fs::read(source).ok()?;
    let (width_px, height_px) = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()?;
    Some(Image {
        bytes,
        format,
        width_px,
        height_px,
        alt,
    })
}

/// `nl` → `nl-NL`, `nl-BE` stays: Office wants a region.
fn office_lang(lang: &str) -> String {
    match lang {
        "nl" => "nl-NL".into(),
        "en" => "en-GB".into(),
        l if l.contains('-') => l.into(),
        l => format!("{l}-{}", l.to_uppercase()),
    }
}

/// `#0b5394` or `#0b5` → `0B5394`.
fn rrggbb(color: &str) -> Option<String> {
    let hex = color.strip_prefix('#')?;
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_string(),
        _ => return None,
    };
    full.chars()
        .all(|c| c.is_ascii_hexdigit())
        .then(|| full.to_uppercase())
}

/// The school's logo for the master. The PowerPoint writer takes PNG and
/// JPEG; an SVG logo is drawn as a PNG of [`SVG_LOGO_HEIGHT`] pixels high.
fn logo(config: &Config, path: &str) -> Option<Image> {
    let alt = format!("Logo van {}", config.title);
    let source = config.root.join(path);
    if images::format_of(path) != Some(images::Format::Svg) {
        return picture(&source, path, alt);
    }
    let svg = std::fs::read(&source).ok()?;
    let (w, h) = raster::size(&svg, images::Format::Svg).ok()?;
    let height_px = SVG_LOGO_HEIGHT;
    let width_px = ((w / h) * height_px as f32).round().clamp(1.0, 4096.0) as u32;
    let bytes = raster::png(&svg, images::Format::Svg, width_px, height_px).ok()?;
    Some(Image {
        bytes,
        format: ImageFormat::Png,
        width_px,
        height_px,
        alt,
    })
}

/// Sharp on a projector at the size the master shows a logo.
const SVG_LOGO_HEIGHT: u32 = 256;

#[cfg(test)]
mod tests {
    #[test]
    fn colors_become_rrggbb() {
        assert_eq!(super::rrggbb("#0b5394").as_deref(), Some("0B5394"));
        assert_eq!(super::rrggbb("#a1c").as_deref(), Some("AA11CC"));
        assert_eq!(super::rrggbb("0b5394"), None);
    }
}
