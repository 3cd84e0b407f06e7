//! A slide deck as an editable PowerPoint file (`slides.pptx`).
//!
//! The file is an Office Open XML package (ECMA-376, PresentationML) written
//! by hand: every XML part is generated here and put in a zip archive with
//! the `zip` crate. There is no well-kept Rust crate that writes `.pptx`, and
//! copying a template from some office suite would bring in parts nobody here
//! understands. The package below has the parts a strict consumer
//! (PowerPoint, LibreOffice Impress, python-pptx) expects, each valid against
//! the ISO/IEC 29500 transitional schemas:
//!
//! ```text
//! [Content_Types].xml              content type of every part
//! _rels/.rels                      → presentation, core and app properties
//! docProps/core.xml, app.xml       title, language; slide and notes counts
//! ppt/presentation.xml (+ rels)    masters, slide list, 16:9 slide size
//! ppt/slideMasters/slideMaster1    title + body placeholders, text styles
//! ppt/slideLayouts/slideLayout1    "Title Slide"
//! ppt/slideLayouts/slideLayout2    "Title and Content"
//! ppt/notesMasters/notesMaster1    always present; notes slides need it
//! ppt/theme/theme1.xml, theme2     colors and fonts (slides, notes master)
//! ppt/slides/slideN.xml (+ rels)   the title slide, then one per `Slide`
//! ppt/notesSlides/notesSlideN      speaker notes of the slides that have them
//! ppt/media/imageN.png|jpeg        the pictures
//! ppt/presProps, viewProps, tableStyles
//! ```
//!
//! The output is deterministic: the same deck gives the same bytes (fixed zip
//! timestamps and permissions, no dates in the document properties).

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

/// A presentation: a title slide from `title` and `subtitle`, then `slides`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Deck {
    pub title: String,
    pub subtitle: Option<String>,
    /// Language of all text, as a BCP 47 tag (`nl-NL`); used for proofing.
    pub lang: String,
    pub slides: Vec<Slide>,
    /// The school's color as `RRGGBB`: titles, links and a bar along the
    /// bottom of every slide (the master). None: helder's blue.
    pub color: Option<String>,
    /// The school's logo (PNG or JPEG), in the master's lower right corner.
    pub logo: Option<Image>,
}

/// One slide: a title, a bulleted list, pictures and speaker notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slide {
    pub title: String,
    pub bullets: Vec<Bullet>,
    /// Speaker notes; lines become paragraphs.
    pub notes: Option<String>,
    pub images: Vec<Image>,
}

/// One list item. `level` 0 is a top-level bullet, 1 is indented below it
/// (deeper levels up to 8 work too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bullet {
    pub text: String,
    pub level: u8,
}

/// A picture. The pixel size gives the aspect ratio; the picture is scaled to
/// fit the right half of the slide (next to bullets) or the area below the
/// title (no bullets). `alt` becomes the picture's alternative text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Image {
    pub bytes: Vec<u8>,
    pub format: ImageFormat,
    pub width_px: u32,
    pub height_px: u32,
    pub alt: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImageFormat {
    Png,
    Jpeg,
}

impl ImageFormat {
    /// The format's common name: `PNG`, `JPEG`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            ImageFormat::Png => "PNG",
            ImageFormat::Jpeg => "JPEG",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }

    fn matches(self, bytes: &[u8]) -> bool {
        match self {
            ImageFormat::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            ImageFormat::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        }
    }
}

/// Why a deck cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Error {
    /// The deck's color is not `RRGGBB`.
    Color { color: String },
    /// The logo has no pixel size, or its bytes are not its stated format.
    Logo { alt: String },
    /// Picture `number` (from 1) on slide `slide` (from 1, the title slide
    /// included) has a width or height of zero.
    ImageWithoutSize {
        slide: usize,
        number: usize,
        alt: String,
        width: u32,
        height: u32,
    },
    /// Picture `number` on slide `slide` is not a file of its stated `format`.
    ImageFormat {
        slide: usize,
        number: usize,
        alt: String,
        format: ImageFormat,
    },
    /// Writing the zip archive failed, with the reason.
    Zip(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Color { color } => write!(f, "the color `{color}` is not RRGGBB"),
            Error::Logo { alt } => {
                write!(
                    f,
                    "the logo (\"{alt}\") is no PNG or JPEG image with a size"
                )
            }
            Error::ImageWithoutSize {
                slide,
                number,
                alt,
                width,
                height,
            } => write!(
                f,
                "image {number} on slide {slide} (\"{alt}\") has no size ({width}×{height} pixels)"
            ),
            Error::ImageFormat {
                slide,
                number,
                alt,
                format,
            } => write!(
                f,
                "image {number} on slide {slide} (\"{alt}\") is no {} file",
                format.name()
            ),
            Error::Zip(reason) => write!(f, "the PowerPoint file cannot be written: {reason}"),
        }
    }
}

impl std::error::Error for Error {}

/// The deck as the bytes of a `.pptx` file.
///
/// Fails only on a picture that cannot be placed (no pixel size, or bytes
/// that are not the stated format), on a color that is not `RRGGBB`, or when
/// zipping fails.
pub(crate) fn write(deck: &Deck) -> Result<Vec<u8>, Error> {
    if let Some(c) = &deck.color {
        if c.len() != 6 || !c.chars().all(|ch| ch.is_ascii_hexdigit()) {
            return Err(Error::Color { color: c.clone() });
        }
    }
    if let Some(logo) = &deck.logo {
        if logo.width_px == 0 || logo.height_px == 0 || !logo.format.matches(&logo.bytes) {
            return Err(Error::Logo {
                alt: logo.alt.clone(),
            });
        }
    }
    for (s, slide) in deck.slides.iter().enumerate() {
        for (i, image) in slide.images.iter().enumerate() {
            let (slide, number, alt) = (s + 2, i + 1, image.alt.clone());
            if image.width_px == 0 || image.height_px == 0 {
                return Err(Error::ImageWithoutSize {
                    slide,
                    number,
                    alt,
                    width: image.width_px,
                    height: image.height_px,
                });
            }
            if !image.format.matches(&image.bytes) {
                return Err(Error::ImageFormat {
                    slide,
                    number,
                    alt,
                    format: image.format,
                });
            }
        }
    }
    zip_parts(&package(deck)).map_err(|e| Error::Zip(e.to_string()))
}

// ---------------------------------------------------------------------------
// Geometry (EMU: 914400 per inch, 12700 per point)

const SLIDE_CX: i64 = 12_192_000; // 13.333 in: 16:9
const SLIDE_CY: i64 = 6_858_000; // 7.5 in
const NOTES_CX: i64 = 6_858_000;
const NOTES_CY: i64 = 9_144_000;
const EMU_PER_PT: f64 = 12_700.0;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x: i64,
    y: i64,
    cx: i64,
    cy: i64,
}

const TITLE: Rect = Rect {
    x: 838_200,
    y: 365_125,
    cx: 10_515_600,
    cy: 1_325_563,
};
const BODY: Rect = Rect {
    x: 838_200,
    y: 1_825_625,
    cx: 10_515_600,
    cy: 4_351_338,
};
const CTR_TITLE: Rect = Rect {
    x: 1_524_000,
    y: 1_122_363,
    cx: 9_144_000,
    cy: 2_387_600,
};
const SUB_TITLE: Rect = Rect {
    x: 1_524_000,
    y: 3_602_038,
    cx: 9_144_000,
    cy: 1_655_762,
};
/// Space between the text and the pictures, and between pictures.
const GAP: i64 = 228_600;

/// Text styles of the master, per list level (0-based): font size, left
/// margin and space before, in points.
const TITLE_PT: f64 = 44.0;
const CTR_TITLE_PT: f64 = 60.0;
const SUB_TITLE_PT: f64 = 24.0;

fn level_size_pt(level: usize) -> f64 {
    [28.0, 24.0, 20.0, 18.0, 18.0, 18.0, 18.0, 18.0, 18.0][level.min(8)]
}

fn level_margin_emu(level: usize) -> i64 {
    228_600 + 457_200 * level.min(8) as i64
}

fn level_space_before_pt(level: usize) -> f64 {
    if level == 0 {
        10.0
    } else {
        5.0
    }
}

/// Where the pictures of a slide go: fitted into a grid of cells inside
/// `area` (the columns/rows that show them largest), each centered in its
/// cell with its aspect ratio kept.
fn place_images(images: &[Image], area: Rect) -> Vec<Rect> {
    let n = images.len();
    if n == 0 {
        return Vec::new();
    }
    let mut best: Option<(f64, Vec<Rect>)> = None;
    for cols in 1..=n {
        let rows = n.div_ceil(cols);
        let cell_cx = (area.cx - GAP * (cols as i64 - 1)) as f64 / cols as f64;
        let cell_cy = (area.cy - GAP * (rows as i64 - 1)) as f64 / rows as f64;
        if cell_cx <= 0.0 || cell_cy <= 0.0 {
            continue;
        }
        let mut total = 0.0;
        let mut rects = Vec::with_capacity(n);
        for (i, image) in images.iter().enumerate() {
            let (col, row) = (i % cols, i / cols);
            let (w, h) = (image.width_px as f64, image.height_px as f64);
            let scale = (cell_cx / w).min(cell_cy / h);
            let (cx, cy) = ((w * scale).round(), (h * scale).round());
            let x = area.x as f64 + col as f64 * (cell_cx + GAP as f64) + (cell_cx - cx) / 2.0;
            let y = area.y as f64 + row as f64 * (cell_cy + GAP as f64) + (cell_cy - cy) / 2.0;
            total += cx * cy;
            rects.push(Rect {
                x: x.round() as i64,
                y: y.round() as i64,
                cx: cx as i64,
                cy: cy as i64,
            });
        }
        if best.as_ref().is_none_or(|(area, _)| total > *area * 1.0001) {
            best = Some((total, rects));
        }
    }
    best.map(|(_, rects)| rects).unwrap_or_default()
}

/// A rough estimate of whether text fits its box, turned into the
/// `normAutofit` PowerPoint stores with shrunk text (PowerPoint only
/// recomputes it when the text is edited; LibreOffice recomputes it anyway).
/// Paragraphs are (text, font size pt, left margin EMU, space before pt).
fn autofit(paragraphs: &[(&str, f64, i64, f64)], frame: Rect) -> String {
    // Default insets: 0.1 in left/right, 0.05 in top/bottom.
    let width = (frame.cx - 2 * 91_440) as f64 / EMU_PER_PT;
    let height = (frame.cy - 2 * 45_720) as f64 / EMU_PER_PT;
    let fits = |scale: f64, reduction: f64| {
        let mut total = 0.0;
        for (i, (text, size, margin, before)) in paragraphs.iter().enumerate() {
            let size = size * scale;
            let line_width = (width - *margin as f64 / EMU_PER_PT).max(size);
            let char_width = size * 0.5;
            let lines: f64 = text
                .split('\n')
                .map(|l| {
                    ((l.chars().count() as f64 * char_width) / line_width)
                        .ceil()
                        .max(1.0)
                })
                .sum();
            total += lines * size * 1.2 * 0.9 * (1.0 - reduction);
            if i > 0 {
                total += before * scale;
            }
        }
        total <= height
    };
    const STEPS: [(f64, f64); 11] = [
        (1.0, 0.0),
        (0.925, 0.0),
        (0.85, 0.1),
        (0.775, 0.1),
        (0.7, 0.2),
        (0.625, 0.2),
        (0.55, 0.2),
        (0.475, 0.2),
        (0.4, 0.2),
        (0.325, 0.2),
        (0.25, 0.2),
    ];
    let (scale, reduction) = STEPS
        .iter()
        .copied()
        .find(|&(s, r)| fits(s, r))
        .unwrap_or(STEPS[STEPS.len() - 1]);
    if scale >= 1.0 {
        return "<a:normAutofit/>".into();
    }
    let mut s = format!(
        "<a:normAutofit fontScale=\"{}\"",
        (scale * 100_000.0).round() as i64
    );
    if reduction > 0.0 {
        let _ = write!(
            s,
            " lnSpcReduction=\"{}\"",
            (reduction * 100_000.0).round() as i64
        );
    }
    s.push_str("/>");
    s
}

// ---------------------------------------------------------------------------
// XML text

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const CT: &str = "application/vnd.openxmlformats-officedocument.presentationml.";

/// Characters XML 1.0 allows (`Char` production); the rest is dropped.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text for element content and attribute values: invalid characters
/// dropped, markup characters escaped; tabs and newlines as character
/// references so they survive in attribute values too.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Line ends as `\n`.
fn lines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// ` lang="…"` for run properties, nothing for an empty tag.
fn lang_attr(lang: &str) -> String {
    let lang = lang.trim();
    if lang.is_empty() {
        String::new()
    } else {
        format!(" lang=\"{}\"", esc(lang))
    }
}

/// The runs of one paragraph: line breaks inside the text become `<a:br/>`.
fn runs(out: &mut String, text: &str, lang: &str) {
    let rpr = format!("<a:rPr{} dirty=\"0\"/>", lang_attr(lang));
    for (i, line) in lines(text).split('\n').enumerate() {
        if i > 0 {
            let _ = write!(out, "<a:br>{rpr}</a:br>");
        }
        if !line.is_empty() {
            let _ = write!(out, "<a:r>{rpr}<a:t>{}</a:t></a:r>", esc(line));
        }
    }
    let _ = write!(out, "<a:endParaRPr{} dirty=\"0\"/>", lang_attr(lang));
}

fn paragraph(text: &str, lang: &str) -> String {
    let mut out = String::from("<a:p>");
    runs(&mut out, text, lang);
    out.push_str("</a:p>");
    out
}

fn xfrm(r: Rect) -> String {
    format!(
        "<a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>",
        r.x, r.y, r.cx, r.cy
    )
}

const SP_TREE_START: &str = "<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

/// A placeholder shape. `ph` is the inside of `<p:ph …/>`, `sp_pr` the
/// shape properties (empty: inherit position from the layout/master).
fn placeholder(
    id: u32,
    name: &str,
    ph: &str,
    sp_pr: &str,
    body_pr: &str,
    list_style: &str,
    paragraphs: &str,
) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph{ph}/></p:nvPr></p:nvSpPr><p:spPr>{sp_pr}</p:spPr><p:txBody>{body_pr}<a:lstStyle>{list_style}</a:lstStyle>{paragraphs}</p:txBody></p:sp>"
    )
}

fn rels_xml(rels: &[(String, String)]) -> String {
    let mut out = format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for (i, (kind, target)) in rels.iter().enumerate() {
        let _ = write!(
            out,
            "<Relationship Id=\"rId{}\" Type=\"{}\" Target=\"{}\"/>",
            i + 1,
            esc(kind),
            esc(target)
        );
    }
    out.push_str("</Relationships>");
    out
}

fn rel(kind: &str) -> String {
    format!("{REL}{kind}")
}

// ---------------------------------------------------------------------------
// The package

struct Part {
    name: String,
    /// `None` for parts typed by their extension (`.rels`, pictures).
    content_type: Option<String>,
    data: Vec<u8>,
    /// Pictures are compressed already: stored as they are.
    compress: bool,
}

fn xml_part(name: &str, content_type: Option<String>, xml: String) -> Part {
    Part {
        name: name.into(),
        content_type,
        data: xml.into_bytes(),
        compress: true,
    }
}

/// Every part of the package, in the order they are zipped: the content
/// types first, then the document and its masters, the slides last.
fn package(deck: &Deck) -> Vec<Part> {
    let lang = deck.lang.as_str();
    let slides = SlideParts::new(deck);
    let slide_count = deck.slides.len() + 1;
    let mut parts = vec![
        xml_part(
            "[Content_Types].xml",
            None,
            content_types(&slides.parts, &slides.formats),
        ),
        xml_part(
            "_rels/.rels",
            None,
            rels_xml(&[
                (rel("officeDocument"), "ppt/presentation.xml".into()),
                (
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties".into(),
                    "docProps/core.xml".into(),
                ),
                (rel("extended-properties"), "docProps/app.xml".into()),
            ]),
        ),
        xml_part("docProps/core.xml", None, core_xml(deck)),
        xml_part(
            "docProps/app.xml",
            None,
            app_xml(slide_count, slides.notes),
        ),
        xml_part(
            "ppt/presentation.xml",
            None,
            presentation_xml(slide_count, lang),
        ),
        xml_part(
            "ppt/_rels/presentation.xml.rels",
            None,
            rels_xml(&presentation_rels(slide_count)),
        ),
    ];
    parts.extend(master_parts(deck));
    parts.extend(property_parts());
    parts.extend(slides.parts);
    parts
}

/// The slides as parts (the title slide, then one per deck slide, with their
/// notes slides and pictures), and what the rest of the package needs to
/// know about them.
struct SlideParts {
    parts: Vec<Part>,
    /// Notes slides so far; they are numbered across the deck.
    notes: usize,
    /// Pictures so far; they are numbered across the deck.
    media: usize,
    /// The picture formats used, the logo's included.
    formats: Vec<ImageFormat>,
}

impl SlideParts {
    fn new(deck: &Deck) -> Self {
        let mut slides = SlideParts {
            parts: Vec::new(),
            notes: 0,
            media: 0,
            formats: Vec::new(),
        };
        if let Some(logo) = &deck.logo {
            slides.formats.push(logo.format);
            slides.parts.push(Part {
                name: format!("ppt/media/logo.{}", logo.format.extension()),
                content_type: None,
                data: logo.bytes.clone(),
                compress: false,
            });
        }
        slides.parts.push(xml_part(
            "ppt/slides/slide1.xml",
            Some(format!("{CT}slide+xml")),
            title_slide_xml(deck),
        ));
        slides.parts.push(xml_part(
            "ppt/slides/_rels/slide1.xml.rels",
            None,
            rels_xml(&[(
                rel("slideLayout"),
                "../slideLayouts/slideLayout1.xml".into(),
            )]),
        ));
        for (i, slide) in deck.slides.iter().enumerate() {
            slides.add(slide, i + 2, &deck.lang);
        }
        slides
    }

    /// Slide number `n`, its notes slide and its pictures.
    fn add(&mut self, slide: &Slide, n: usize, lang: &str) {
        let mut rels = vec![(
            rel("slideLayout"),
            "../slideLayouts/slideLayout2.xml".to_string(),
        )];
        if let Some(notes) = &slide.notes {
            rels.push(self.add_notes(notes, n, lang));
        }
        let mut image_rids = Vec::new();
        for image in &slide.images {
            rels.push(self.add_picture(image));
            image_rids.push(format!("rId{}", rels.len()));
        }
        self.parts.push(xml_part(
            &format!("ppt/slides/slide{n}.xml"),
            Some(format!("{CT}slide+xml")),
            slide_xml(slide, lang, &image_rids),
        ));
        self.parts.push(xml_part(
            &format!("ppt/slides/_rels/slide{n}.xml.rels"),
            None,
            rels_xml(&rels),
        ));
    }

    /// The notes slide of slide `n`; returns the slide's relationship to it.
    fn add_notes(&mut self, notes: &str, n: usize, lang: &str) -> (String, String) {
        self.notes += 1;
        let k = self.notes;
        self.parts.push(xml_part(
            &format!("ppt/notesSlides/notesSlide{k}.xml"),
            Some(format!("{CT}notesSlide+xml")),
            notes_slide_xml(notes, lang),
        ));
        self.parts.push(xml_part(
            &format!("ppt/notesSlides/_rels/notesSlide{k}.xml.rels"),
            None,
            rels_xml(&[
                (
                    rel("notesMaster"),
                    "../notesMasters/notesMaster1.xml".into(),
                ),
                (rel("slide"), format!("../slides/slide{n}.xml")),
            ]),
        ));
        (
            rel("notesSlide"),
            format!("../notesSlides/notesSlide{k}.xml"),
        )
    }

    /// A picture of a slide; returns the slide's relationship to it.
    fn add_picture(&mut self, image: &Image) -> (String, String) {
        self.media += 1;
        let file = format!("image{}.{}", self.media, image.format.extension());
        if !self.formats.contains(&image.format) {
            self.formats.push(image.format);
        }
        self.parts.push(Part {
            name: format!("ppt/media/{file}"),
            content_type: None,
            data: image.bytes.clone(),
            compress: false,
        });
        (rel("image"), format!("../media/{file}"))
    }
}

/// `[Content_Types].xml`: parts are typed by extension (rels, xml, the
/// picture formats used) or, the XML parts, each by name.
fn content_types(slide_parts: &[Part], formats_used: &[ImageFormat]) -> String {
    let mut overrides = vec![
        (
            "/ppt/presentation.xml".to_string(),
            format!("{CT}presentation.main+xml"),
        ),
        (
            "/ppt/slideMasters/slideMaster1.xml".into(),
            format!("{CT}slideMaster+xml"),
        ),
        (
            "/ppt/slideLayouts/slideLayout1.xml".into(),
            format!("{CT}slideLayout+xml"),
        ),
        (
            "/ppt/slideLayouts/slideLayout2.xml".into(),
            format!("{CT}slideLayout+xml"),
        ),
        (
            "/ppt/notesMasters/notesMaster1.xml".into(),
            format!("{CT}notesMaster+xml"),
        ),
        (
            "/ppt/theme/theme1.xml".into(),
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        ),
        (
            "/ppt/theme/theme2.xml".into(),
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        ),
        ("/ppt/presProps.xml".into(), format!("{CT}presProps+xml")),
        ("/ppt/viewProps.xml".into(), format!("{CT}viewProps+xml")),
        (
            "/ppt/tableStyles.xml".into(),
            format!("{CT}tableStyles+xml"),
        ),
        (
            "/docProps/core.xml".into(),
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/docProps/app.xml".into(),
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ];
    for part in slide_parts {
        if let Some(ct) = &part.content_type {
            overrides.push((format!("/{}", part.name), ct.clone()));
        }
    }
    let mut types = format!(
        "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    );
    for format in [ImageFormat::Png, ImageFormat::Jpeg] {
        if formats_used.contains(&format) {
            let _ = write!(
                types,
                "<Default Extension=\"{}\" ContentType=\"{}\"/>",
                format.extension(),
                format.content_type()
            );
        }
    }
    for (name, ct) in &overrides {
        let _ = write!(
            types,
            "<Override PartName=\"{name}\" ContentType=\"{ct}\"/>"
        );
    }
    types.push_str("</Types>");
    types
}

/// The presentation's relationships: master, notes master, slides, then the
/// property parts and the theme.
fn presentation_rels(slide_count: usize) -> Vec<(String, String)> {
    let mut rels = vec![
        (
            rel("slideMaster"),
            "slideMasters/slideMaster1.xml".to_string(),
        ),
        (rel("notesMaster"), "notesMasters/notesMaster1.xml".into()),
    ];
    for n in 1..=slide_count {
        rels.push((rel("slide"), format!("slides/slide{n}.xml")));
    }
    rels.push((rel("presProps"), "presProps.xml".into()));
    rels.push((rel("viewProps"), "viewProps.xml".into()));
    rels.push((rel("theme"), "theme/theme1.xml".into()));
    rels.push((rel("tableStyles"), "tableStyles.xml".into()));
    rels
}

/// The slide master, its two layouts, the notes master and the two themes,
/// each with its relationships.
fn master_parts(deck: &Deck) -> Vec<Part> {
    let lang = deck.lang.as_str();
    let mut parts = vec![xml_part(
        "ppt/slideMasters/slideMaster1.xml",
        None,
        slide_master_xml(lang, deck.logo.as_ref()),
    )];
    let mut master_rels = vec![
        (
            rel("slideLayout"),
            "../slideLayouts/slideLayout1.xml".to_string(),
        ),
        (
            rel("slideLayout"),
            "../slideLayouts/slideLayout2.xml".to_string(),
        ),
        (rel("theme"), "../theme/theme1.xml".to_string()),
    ];
    if let Some(logo) = &deck.logo {
        // rId4: the logo picture in the master.
        master_rels.push((
            rel("image"),
            format!("../media/logo.{}", logo.format.extension()),
        ));
    }
    parts.push(xml_part(
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        None,
        rels_xml(&master_rels),
    ));
    for (n, xml) in [(1, title_layout_xml()), (2, content_layout_xml())] {
        parts.push(xml_part(
            &format!("ppt/slideLayouts/slideLayout{n}.xml"),
            None,
            xml,
        ));
        parts.push(xml_part(
            &format!("ppt/slideLayouts/_rels/slideLayout{n}.xml.rels"),
            None,
            rels_xml(&[(
                rel("slideMaster"),
                "../slideMasters/slideMaster1.xml".into(),
            )]),
        ));
    }
    parts.push(xml_part(
        "ppt/notesMasters/notesMaster1.xml",
        None,
        notes_master_xml(lang),
    ));
    parts.push(xml_part(
        "ppt/notesMasters/_rels/notesMaster1.xml.rels",
        None,
        rels_xml(&[(rel("theme"), "../theme/theme2.xml".into())]),
    ));
    let accent = deck.color.as_deref().unwrap_or(DEFAULT_ACCENT);
    parts.push(xml_part(
        "ppt/theme/theme1.xml",
        None,
        theme_xml("helder", accent),
    ));
    parts.push(xml_part(
        "ppt/theme/theme2.xml",
        None,
        theme_xml("helder notities", accent),
    ));
    parts
}

/// The presentation, view and table style properties: all defaults.
fn property_parts() -> [Part; 3] {
    [
        xml_part(
            "ppt/presProps.xml",
            None,
            format!("{XML_DECL}<p:presentationPr xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"/>"),
        ),
        xml_part(
            "ppt/viewProps.xml",
            None,
            format!(
                "{XML_DECL}<p:viewPr xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"94660\"/></p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>"
            ),
        ),
        xml_part(
            "ppt/tableStyles.xml",
            None,
            format!("{XML_DECL}<a:tblStyleLst xmlns:a=\"{NS_A}\" def=\"{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}\"/>"),
        ),
    ]
}

fn zip_parts(parts: &[Part]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(DateTime::default()) // 1980-01-01 00:00:00
        .system(System::Unix)
        .unix_permissions(0o644);
    for part in parts {
        let options = if part.compress {
            base.compression_method(CompressionMethod::Deflated)
        } else {
            base.compression_method(CompressionMethod::Stored)
        };
        zip.start_file(part.name.as_str(), options)?;
        zip.write_all(&part.data)?;
    }
    Ok(zip.finish()?.into_inner())
}

// ---------------------------------------------------------------------------
// Document properties and the presentation

fn core_xml(deck: &Deck) -> String {
    let mut out = format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title>",
        esc(&deck.title)
    );
    if let Some(subtitle) = &deck.subtitle {
        let _ = write!(out, "<dc:subject>{}</dc:subject>", esc(subtitle));
    }
    if !deck.lang.trim().is_empty() {
        let _ = write!(out, "<dc:language>{}</dc:language>", esc(deck.lang.trim()));
    }
    out.push_str("</cp:coreProperties>");
    out
}

fn app_xml(slides: usize, notes: usize) -> String {
    format!(
        "{XML_DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>helder</Application><PresentationFormat>Widescreen</PresentationFormat><Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides></Properties>"
    )
}

/// Paragraph properties per level 1–9 (`lvlNpPr`), shared by the default
/// text style, the master's body style and the notes style.
fn level_styles(
    sizes_pt: &dyn Fn(usize) -> f64,
    margins: &dyn Fn(usize) -> i64,
    bullets: bool,
    lang: &str,
) -> String {
    let mut out = String::new();
    for level in 0..9 {
        let n = level + 1;
        let margin = margins(level);
        let size = (sizes_pt(level) * 100.0).round() as i64;
        if bullets {
            let before = (level_space_before_pt(level) * 100.0).round() as i64;
            let _ = write!(
                out,
                "<a:lvl{n}pPr marL=\"{margin}\" indent=\"-228600\" algn=\"l\" defTabSz=\"914400\" rtl=\"0\" eaLnBrk=\"1\" latinLnBrk=\"0\" hangingPunct=\"1\"><a:lnSpc><a:spcPct val=\"90000\"/></a:lnSpc><a:spcBef><a:spcPts val=\"{before}\"/></a:spcBef><a:buFont typeface=\"Arial\" panose=\"020B0604020202020204\" pitchFamily=\"34\" charset=\"0\"/><a:buChar char=\"{}\"/>",
                if level == 0 { "•" } else { "–" }
            );
        } else {
            let _ = write!(
                out,
                "<a:lvl{n}pPr marL=\"{margin}\" algn=\"l\" defTabSz=\"914400\" rtl=\"0\" eaLnBrk=\"1\" latinLnBrk=\"0\" hangingPunct=\"1\">"
            );
        }
        let _ = write!(
            out,
            "<a:defRPr sz=\"{size}\" kern=\"1200\"{}><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs typeface=\"+mn-cs\"/></a:defRPr></a:lvl{n}pPr>",
            lang_attr(lang)
        );
    }
    out
}

fn presentation_xml(slides: usize, lang: &str) -> String {
    let mut ids = String::new();
    for n in 1..=slides {
        let _ = write!(ids, "<p:sldId id=\"{}\" r:id=\"rId{}\"/>", 255 + n, n + 2);
    }
    format!(
        "{XML_DECL}<p:presentation xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\" saveSubsetFonts=\"1\"><p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/></p:notesMasterIdLst><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx=\"{SLIDE_CX}\" cy=\"{SLIDE_CY}\"/><p:notesSz cx=\"{NOTES_CX}\" cy=\"{NOTES_CY}\"/><p:defaultTextStyle><a:defPPr><a:defRPr{}/></a:defPPr>{}</p:defaultTextStyle></p:presentation>",
        lang_attr(lang),
        level_styles(&|_| 18.0, &|l| 457_200 * l as i64, false, ""),
    )
}

// ---------------------------------------------------------------------------
// Theme, master, layouts

/// The accent without a school color: helder's blue.
const DEFAULT_ACCENT: &str = "0B5394";

fn theme_xml(name: &str, accent: &str) -> String {
    // Colors: dark text on white, the school's color for titles (dk2 = tx2),
    // the first accent and links.
    let colors = [
        ("dk1", "1F1F1F"),
        ("lt1", "FFFFFF"),
        ("dk2", accent),
        ("lt2", "EEF2F6"),
        ("accent1", accent),
        ("accent2", "E07B28"),
        ("accent3", "3D9A5B"),
        ("accent4", "C0392B"),
        ("accent5", "7D4FA8"),
        ("accent6", "D4A017"),
        ("hlink", accent),
        ("folHlink", "6B3FA0"),
    ];
    let mut clr = String::new();
    for (slot, rgb) in colors {
        let _ = write!(clr, "<a:{slot}><a:srgbClr val=\"{rgb}\"/></a:{slot}>");
    }
    let font = |latin: &str| {
        format!("<a:latin typeface=\"{latin}\" panose=\"020F0502020204030204\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>")
    };
    let line = |w: u32| {
        format!(
            "<a:ln w=\"{w}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:prstDash val=\"solid\"/><a:miter lim=\"800000\"/></a:ln>"
        )
    };
    let fills = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"><a:tint val=\"50000\"/></a:schemeClr></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"><a:shade val=\"80000\"/></a:schemeClr></a:solidFill>";
    format!(
        "{XML_DECL}<a:theme xmlns:a=\"{NS_A}\" name=\"{}\"><a:themeElements><a:clrScheme name=\"helder\">{clr}</a:clrScheme><a:fontScheme name=\"helder\"><a:majorFont>{}</a:majorFont><a:minorFont>{}</a:minorFont></a:fontScheme><a:fmtScheme name=\"helder\"><a:fillStyleLst>{fills}</a:fillStyleLst><a:lnStyleLst>{}{}{}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{fills}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
        esc(name),
        font("Calibri"),
        font("Calibri"),
        line(6350),
        line(12700),
        line(19050),
    )
}

const CLR_MAP: &str = "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>";
const BG: &str = "<p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>";

fn slide_master_xml(lang: &str, logo: Option<&Image>) -> String {
    // A bar in the school's color along the bottom of every slide, and the
    // logo above its right end.
    const BAR_CY: i64 = 182_880;
    let bar = format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"4\" name=\"Schoolkleur\"/><p:cNvSpPr/><p:nvPr userDrawn=\"1\"/></p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val=\"accent1\"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>",
        xfrm(Rect { x: 0, y: SLIDE_CY - BAR_CY, cx: SLIDE_CX, cy: BAR_CY })
    );
    let logo_pic = logo.map(|l| {
        let cy: i64 = 594_360;
        let cx = (cy as f64 * l.width_px as f64 / l.height_px as f64).round() as i64;
        let cx = cx.min(2_743_200);
        format!(
            "<p:pic><p:nvPicPr><p:cNvPr id=\"5\" name=\"Logo\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr userDrawn=\"1\"/></p:nvPicPr><p:blipFill><a:blip r:embed=\"rId4\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
            esc(&l.alt),
            xfrm(Rect { x: SLIDE_CX - cx - 228_600, y: SLIDE_CY - BAR_CY - cy - 91_440, cx, cy })
        )
    }).unwrap_or_default();
    let title = placeholder(
        2,
        "Title Placeholder 1",
        " type=\"title\"",
        &format!("{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>", xfrm(TITLE)),
        "<a:bodyPr vert=\"horz\" lIns=\"91440\" tIns=\"45720\" rIns=\"91440\" bIns=\"45720\" rtlCol=\"0\" anchor=\"ctr\"><a:normAutofit/></a:bodyPr>",
        "",
        &paragraph("Click to edit Master title style", lang),
    );
    let mut levels = String::new();
    for (lvl, text) in ["Master text styles", "Second level", "Third level"]
        .iter()
        .enumerate()
    {
        let _ = write!(levels, "<a:p><a:pPr lvl=\"{lvl}\"/>");
        runs(&mut levels, text, lang);
        levels.push_str("</a:p>");
    }
    let body = placeholder(
        3,
        "Text Placeholder 2",
        " type=\"body\" idx=\"1\"",
        &format!("{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>", xfrm(BODY)),
        "<a:bodyPr vert=\"horz\" lIns=\"91440\" tIns=\"45720\" rIns=\"91440\" bIns=\"45720\" rtlCol=\"0\"><a:normAutofit/></a:bodyPr>",
        "",
        &levels,
    );
    let title_style = format!(
        "<p:titleStyle><a:lvl1pPr algn=\"l\" defTabSz=\"914400\" rtl=\"0\" eaLnBrk=\"1\" latinLnBrk=\"0\" hangingPunct=\"1\"><a:lnSpc><a:spcPct val=\"90000\"/></a:lnSpc><a:spcBef><a:spcPct val=\"0\"/></a:spcBef><a:buNone/><a:defRPr sz=\"{}\" kern=\"1200\"{}><a:solidFill><a:schemeClr val=\"tx2\"/></a:solidFill><a:latin typeface=\"+mj-lt\"/><a:ea typeface=\"+mj-ea\"/><a:cs typeface=\"+mj-cs\"/></a:defRPr></a:lvl1pPr></p:titleStyle>",
        (TITLE_PT * 100.0) as i64,
        lang_attr(lang)
    );
    let body_style = format!(
        "<p:bodyStyle>{}</p:bodyStyle>",
        level_styles(&level_size_pt, &level_margin_emu, true, lang)
    );
    let other_style = format!(
        "<p:otherStyle><a:defPPr><a:defRPr{}/></a:defPPr>{}</p:otherStyle>",
        lang_attr(lang),
        level_styles(&|_| 18.0, &|l| 457_200 * l as i64, false, lang)
    );
    format!(
        "{XML_DECL}<p:sldMaster xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld>{BG}{SP_TREE_START}{title}{body}{bar}{logo_pic}</p:spTree></p:cSld>{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/><p:sldLayoutId id=\"2147483650\" r:id=\"rId2\"/></p:sldLayoutIdLst><p:txStyles>{title_style}{body_style}{other_style}</p:txStyles></p:sldMaster>"
    )
}

fn title_layout_xml() -> String {
    let title = placeholder(
        2,
        "Title 1",
        " type=\"ctrTitle\"",
        &xfrm(CTR_TITLE),
        "<a:bodyPr anchor=\"b\"/>",
        &format!(
            "<a:lvl1pPr algn=\"ctr\"><a:defRPr sz=\"{}\"/></a:lvl1pPr>",
            (CTR_TITLE_PT * 100.0) as i64
        ),
        &paragraph("Click to edit Master title style", ""),
    );
    let subtitle = placeholder(
        3,
        "Subtitle 2",
        " type=\"subTitle\" idx=\"1\"",
        &xfrm(SUB_TITLE),
        "<a:bodyPr/>",
        &format!(
            "<a:lvl1pPr marL=\"0\" indent=\"0\" algn=\"ctr\"><a:buNone/><a:defRPr sz=\"{}\"/></a:lvl1pPr>",
            (SUB_TITLE_PT * 100.0) as i64
        ),
        &paragraph("Click to edit Master subtitle style", ""),
    );
    format!(
        "{XML_DECL}<p:sldLayout xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\" type=\"title\" preserve=\"1\"><p:cSld name=\"Title Slide\">{SP_TREE_START}{title}{subtitle}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )
}

fn content_layout_xml() -> String {
    let title = placeholder(
        2,
        "Title 1",
        " type=\"title\"",
        "",
        "<a:bodyPr/>",
        "",
        &paragraph("Click to edit Master title style", ""),
    );
    let mut levels = String::new();
    for (lvl, text) in ["Master text styles", "Second level"].iter().enumerate() {
        let _ = write!(levels, "<a:p><a:pPr lvl=\"{lvl}\"/>");
        runs(&mut levels, text, "");
        levels.push_str("</a:p>");
    }
    let body = placeholder(
        3,
        "Content Placeholder 2",
        " idx=\"1\"",
        "",
        "<a:bodyPr/>",
        "",
        &levels,
    );
    format!(
        "{XML_DECL}<p:sldLayout xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\" type=\"obj\" preserve=\"1\"><p:cSld name=\"Title and Content\">{SP_TREE_START}{title}{body}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )
}

// Notes: the notes page is portrait, the slide picture at the top and the
// notes text below it.
const NOTES_IMAGE: Rect = Rect {
    x: 685_800,
    y: 1_143_000,
    cx: 5_486_400,
    cy: 3_086_100,
};
const NOTES_BODY: Rect = Rect {
    x: 685_800,
    y: 4_400_550,
    cx: 5_486_400,
    cy: 3_600_450,
};

fn slide_image_placeholder(id: u32, ph: &str, sp_pr: &str) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Slide Image Placeholder {}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph{ph}/></p:nvPr></p:nvSpPr><p:spPr>{sp_pr}</p:spPr></p:sp>",
        id - 1
    )
}

fn notes_master_xml(lang: &str) -> String {
    let image = slide_image_placeholder(
        2,
        " type=\"sldImg\" idx=\"2\"",
        &format!(
            "{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln w=\"12700\"><a:solidFill><a:prstClr val=\"black\"/></a:solidFill></a:ln>",
            xfrm(NOTES_IMAGE)
        ),
    );
    let body = placeholder(
        3,
        "Notes Placeholder 2",
        " type=\"body\" sz=\"quarter\" idx=\"3\"",
        &format!("{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>", xfrm(NOTES_BODY)),
        "<a:bodyPr vert=\"horz\" lIns=\"91440\" tIns=\"45720\" rIns=\"91440\" bIns=\"45720\" rtlCol=\"0\"/>",
        "",
        &paragraph("Click to edit Master text styles", lang),
    );
    format!(
        "{XML_DECL}<p:notesMaster xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld>{BG}{SP_TREE_START}{image}{body}</p:spTree></p:cSld>{CLR_MAP}<p:notesStyle>{}</p:notesStyle></p:notesMaster>",
        level_styles(&|_| 12.0, &|l| 457_200 * l as i64, false, lang)
    )
}

// ---------------------------------------------------------------------------
// Slides

fn title_slide_xml(deck: &Deck) -> String {
    let lang = deck.lang.as_str();
    let title = placeholder(
        2,
        "Title 1",
        " type=\"ctrTitle\"",
        "",
        &format!(
            "<a:bodyPr>{}</a:bodyPr>",
            autofit(&[(&deck.title, CTR_TITLE_PT, 0, 0.0)], CTR_TITLE)
        ),
        "",
        &paragraph(&deck.title, lang),
    );
    let subtitle = match &deck.subtitle {
        Some(subtitle) => {
            let lines = lines(subtitle);
            let paragraphs: String = lines.split('\n').map(|l| paragraph(l, lang)).collect();
            let fit: Vec<(&str, f64, i64, f64)> = lines
                .split('\n')
                .map(|l| (l, SUB_TITLE_PT, 0, 10.0))
                .collect();
            placeholder(
                3,
                "Subtitle 2",
                " type=\"subTitle\" idx=\"1\"",
                "",
                &format!("<a:bodyPr>{}</a:bodyPr>", autofit(&fit, SUB_TITLE)),
                "",
                &paragraphs,
            )
        }
        None => String::new(),
    };
    format!(
        "{XML_DECL}<p:sld xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld>{SP_TREE_START}{title}{subtitle}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    )
}

fn slide_xml(slide: &Slide, lang: &str, image_rids: &[String]) -> String {
    let title = placeholder(
        2,
        "Title 1",
        " type=\"title\"",
        "",
        &format!(
            "<a:bodyPr>{}</a:bodyPr>",
            autofit(&[(&slide.title, TITLE_PT, 0, 0.0)], TITLE)
        ),
        "",
        &paragraph(&slide.title, lang),
    );
    let (text_frame, image_area) = slide_areas(slide);
    let body = if slide.bullets.is_empty() {
        String::new()
    } else {
        bullets_placeholder(&slide.bullets, lang, text_frame)
    };
    let pictures = match image_area {
        Some(area) => pictures_xml(&slide.images, area, image_rids),
        None => String::new(),
    };
    format!(
        "{XML_DECL}<p:sld xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld>{SP_TREE_START}{title}{body}{pictures}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    )
}

/// Where a slide's bullets and pictures go: the bullets on the left half
/// when there are pictures, else the whole body; the pictures in the right
/// half, or below the title when there is no text.
fn slide_areas(slide: &Slide) -> (Rect, Option<Rect>) {
    if slide.images.is_empty() {
        (BODY, None)
    } else if !slide.bullets.is_empty() {
        let half = (BODY.cx - GAP) / 2;
        (
            Rect { cx: half, ..BODY },
            Some(Rect {
                x: BODY.x + half + GAP,
                cx: BODY.cx - half - GAP,
                ..BODY
            }),
        )
    } else {
        (BODY, Some(BODY))
    }
}

/// The body placeholder with the bullets, in `text_frame`.
fn bullets_placeholder(bullets: &[Bullet], lang: &str, text_frame: Rect) -> String {
    let mut paragraphs = String::new();
    let mut fit = Vec::new();
    for bullet in bullets {
        let level = usize::from(bullet.level.min(8));
        paragraphs.push_str("<a:p>");
        if level > 0 {
            let _ = write!(paragraphs, "<a:pPr lvl=\"{level}\"/>");
        }
        runs(&mut paragraphs, &bullet.text, lang);
        paragraphs.push_str("</a:p>");
        fit.push((
            bullet.text.as_str(),
            level_size_pt(level),
            level_margin_emu(level),
            level_space_before_pt(level),
        ));
    }
    // Own position only when it differs from the layout's.
    let sp_pr = if text_frame == BODY {
        String::new()
    } else {
        xfrm(text_frame)
    };
    placeholder(
        3,
        "Content Placeholder 2",
        " idx=\"1\"",
        &sp_pr,
        &format!("<a:bodyPr>{}</a:bodyPr>", autofit(&fit, text_frame)),
        "",
        &paragraphs,
    )
}

/// The pictures of a slide placed in `area`, each linked by its
/// relationship id in `image_rids`.
fn pictures_xml(images: &[Image], area: Rect, image_rids: &[String]) -> String {
    let mut pictures = String::new();
    for (i, (rect, image)) in place_images(images, area)
        .into_iter()
        .zip(images)
        .enumerate()
    {
        let id = 4 + i;
        let _ = write!(
            pictures,
            "<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"Picture {}\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed=\"{}\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
            id - 1,
            esc(&lines(&image.alt)),
            image_rids[i],
            xfrm(rect)
        );
    }
    pictures
}

fn notes_slide_xml(notes: &str, lang: &str) -> String {
    let image = slide_image_placeholder(2, " type=\"sldImg\"", "");
    let paragraphs: String = lines(notes.trim())
        .split('\n')
        .map(|l| paragraph(l, lang))
        .collect();
    let body = placeholder(
        3,
        "Notes Placeholder 2",
        " type=\"body\" idx=\"1\"",
        "",
        "<a:bodyPr/>",
        "",
        &paragraphs,
    );
    format!(
        "{XML_DECL}<p:notes xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld>{SP_TREE_START}{image}{body}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    )
}

// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::io::Read;

    /// A 2×1 PNG (one red, one blue pixel).
    const PNG: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7B,
        0x40, 0xE8, 0xDD, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0xF8,
        0xCF, 0x00, 0x04, 0xFF, 0x01, 0x07, 0x00, 0x01, 0xFF, 0x3D, 0x7D, 0x8C, 0x49, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    /// Bytes with a JPEG signature (enough for the package; not decoded).
    const JPEG: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0xFF, 0xD9,
    ];

    fn deck() -> Deck {
        Deck {
            title: "Teamvergadering oktober".into(),
            subtitle: Some("Basisschool De Linde".into()),
            lang: "nl-NL".into(),
            slides: vec![
                Slide {
                    title: "Opening".into(),
                    bullets: vec![
                        Bullet {
                            text: "Welkom".into(),
                            level: 0,
                        },
                        Bullet {
                            text: "Agenda doornemen".into(),
                            level: 1,
                        },
                    ],
                    notes: Some("Begin op tijd.\nKoffie staat klaar.".into()),
                    images: vec![],
                },
                Slide {
                    title: "Petten & <regels>".into(),
                    bullets: vec![Bullet {
                        text: "Wit \"tijger\" & zwart <pestvogel>".into(),
                        level: 0,
                    }],
                    notes: None,
                    images: vec![Image {
                        bytes: PNG.to_vec(),
                        format: ImageFormat::Png,
                        width_px: 2,
                        height_px: 1,
                        alt: "Vier petten \"op een rij\"".into(),
                    }],
                },
                Slide {
                    title: "Foto's".into(),
                    bullets: vec![],
                    notes: Some("Alleen foto's.".into()),
                    images: vec![
                        Image {
                            bytes: JPEG.to_vec(),
                            format: ImageFormat::Jpeg,
                            width_px: 400,
                            height_px: 300,
                            alt: "Plein".into(),
                        },
                        Image {
                            bytes: PNG.to_vec(),
                            format: ImageFormat::Png,
                            width_px: 2,
                            height_px: 1,
                            alt: "Gang".into(),
                        },
                    ],
                },
            ],
            color: Some("A3123A".into()),
            logo: Some(Image {
                bytes: PNG.to_vec(),
                format: ImageFormat::Png,
                width_px: 2,
                height_px: 1,
                alt: "Logo van De Linde".into(),
            }),
        }
    }

    fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
        let mut parts = BTreeMap::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            parts.insert(file.name().unwrap().to_string(), data);
        }
        parts
    }

    fn text(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
        String::from_utf8(
            parts
                .get(name)
                .unwrap_or_else(|| panic!("{name} missing"))
                .clone(),
        )
        .unwrap()
    }

    /// Values of `attr="…"` in `xml` (enough for our own XML).
    fn attr_values(xml: &str, attr: &str) -> Vec<String> {
        let needle = format!(" {attr}=\"");
        xml.match_indices(&needle)
            .map(|(i, _)| {
                let rest = &xml[i + needle.len()..];
                rest[..rest.find('"').unwrap()].to_string()
            })
            .collect()
    }

    /// Resolves a relationship target against the folder of its source part.
    fn resolve(rels_name: &str, target: &str) -> String {
        // "ppt/slides/_rels/slide1.xml.rels" → source folder "ppt/slides".
        let folder = rels_name
            .rsplit_once("_rels/")
            .map(|(f, _)| f.trim_end_matches('/'))
            .unwrap_or("");
        let mut segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
        for seg in target.split('/') {
            match seg {
                ".." => {
                    segments.pop();
                }
                "." | "" => {}
                s => segments.push(s),
            }
        }
        segments.join("/")
    }

    fn well_formed(name: &str, xml: &str) {
        // Balanced tags and no stray markup characters in text.
        let mut stack: Vec<String> = Vec::new();
        let mut rest = xml;
        while let Some(start) = rest.find('<') {
            assert!(!rest[..start].contains('>'), "{name}: stray '>'");
            let end = rest[start..].find('>').unwrap() + start;
            let tag = &rest[start + 1..end];
            assert!(!tag.contains('<'), "{name}: '<' inside a tag");
            if tag.starts_with('?') {
            } else if let Some(close) = tag.strip_prefix('/') {
                assert_eq!(
                    stack.pop().as_deref(),
                    Some(close),
                    "{name}: unbalanced </{close}>"
                );
            } else if !tag.ends_with('/') {
                stack.push(tag.split_whitespace().next().unwrap().to_string());
            }
            // Quotes inside attribute values are escaped: they pair up.
            assert_eq!(
                tag.matches('"').count() % 2,
                0,
                "{name}: odd quotes in <{tag}>"
            );
            rest = &rest[end + 1..];
        }
        assert!(stack.is_empty(), "{name}: unclosed {stack:?}");
        // Every '&' starts a known entity or a character reference.
        for (i, _) in xml.match_indices('&') {
            let tail = &xml[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"]
                    .iter()
                    .any(|e| tail.starts_with(e)),
                "{name}: bare '&'"
            );
        }
    }

    #[test]
    fn every_content_type_part_and_relationship_target_exists() {
        let parts = unzip(&write(&deck()).unwrap());
        let types = text(&parts, "[Content_Types].xml");
        let overrides = attr_values(&types, "PartName");
        assert!(overrides.len() > 10);
        for name in &overrides {
            assert!(
                parts.contains_key(name.trim_start_matches('/')),
                "{name} listed but missing"
            );
        }
        // And every part has a content type: overridden or by extension.
        let defaults = attr_values(&types, "Extension");
        for name in parts.keys() {
            let ext = name.rsplit('.').next().unwrap();
            assert!(
                overrides.contains(&format!("/{name}")) || defaults.iter().any(|d| d == ext),
                "{name} has no content type"
            );
        }
        for name in [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "ppt/presentation.xml",
            "ppt/_rels/presentation.xml.rels",
            "ppt/slideMasters/slideMaster1.xml",
            "ppt/slideLayouts/slideLayout1.xml",
            "ppt/slideLayouts/slideLayout2.xml",
            "ppt/theme/theme1.xml",
            "ppt/theme/theme2.xml",
            "ppt/notesMasters/notesMaster1.xml",
            "ppt/presProps.xml",
            "ppt/viewProps.xml",
            "ppt/tableStyles.xml",
        ] {
            assert!(parts.contains_key(name), "{name} missing");
        }

        let mut checked = 0;
        for name in parts.keys().filter(|n| n.ends_with(".rels")) {
            let rels = text(&parts, name);
            let ids = attr_values(&rels, "Id");
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(ids.len(), unique.len(), "{name}: duplicate Ids");
            for target in attr_values(&rels, "Target") {
                let part = resolve(name, &target);
                assert!(
                    parts.contains_key(&part),
                    "{name}: target {target} ({part}) missing"
                );
                checked += 1;
            }
            // The source part of the .rels exists too.
            if name != "_rels/.rels" {
                let source = name
                    .replacen("_rels/", "", 1)
                    .trim_end_matches(".rels")
                    .to_string();
                assert!(parts.contains_key(&source), "{name} belongs to no part");
            }
        }
        assert!(checked > 20);

        // Every relationship a part uses (r:id, r:embed) is in its .rels.
        for name in parts
            .keys()
            .filter(|n| n.starts_with("ppt/") && n.ends_with(".xml"))
        {
            let xml = text(&parts, name);
            let used: Vec<String> = ["r:id", "r:embed"]
                .iter()
                .flat_map(|a| attr_values(&xml, a))
                .collect();
            if used.is_empty() {
                continue;
            }
            let (folder, file) = name.rsplit_once('/').unwrap();
            let rels = text(&parts, &format!("{folder}/_rels/{file}.rels"));
            let ids = attr_values(&rels, "Id");
            for id in used {
                assert!(ids.contains(&id), "{name} uses {id}, not in its .rels");
            }
        }

        for (name, data) in &parts {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                well_formed(name, std::str::from_utf8(data).unwrap());
            }
        }
    }

    #[test]
    fn slides_notes_and_pictures() {
        let deck = deck();
        let parts = unzip(&write(&deck).unwrap());
        let presentation = text(&parts, "ppt/presentation.xml");
        assert_eq!(
            presentation.matches("<p:sldId ").count(),
            4,
            "title slide + 3"
        );
        assert!(presentation.contains("<p:sldSz cx=\"12192000\" cy=\"6858000\"/>"));
        assert!(presentation.contains("<p:notesMasterIdLst>"));
        let slides: Vec<_> = parts
            .keys()
            .filter(|n| n.starts_with("ppt/slides/slide"))
            .collect();
        assert_eq!(slides.len(), 4);
        assert!(text(&parts, "docProps/app.xml").contains("<Slides>4</Slides><Notes>2</Notes>"));

        let title = text(&parts, "ppt/slides/slide1.xml");
        assert!(
            title.contains("type=\"ctrTitle\"") && title.contains(">Teamvergadering oktober</a:t>")
        );
        assert!(title.contains(">Basisschool De Linde</a:t>"));

        let first = text(&parts, "ppt/slides/slide2.xml");
        assert!(first.contains("<a:t>Opening</a:t>"));
        assert!(first.contains("<a:p><a:r><a:rPr lang=\"nl-NL\" dirty=\"0\"/><a:t>Welkom</a:t>"));
        assert!(first.contains("<a:p><a:pPr lvl=\"1\"/><a:r><a:rPr lang=\"nl-NL\" dirty=\"0\"/><a:t>Agenda doornemen</a:t>"));
        assert!(
            !first.contains("Begin op tijd"),
            "notes stay out of the slide"
        );

        // Notes: slide 2 → notesSlide1, slide 4 → notesSlide2; slide 3 has none.
        let rels2 = text(&parts, "ppt/slides/_rels/slide2.xml.rels");
        assert!(rels2.contains("Target=\"../notesSlides/notesSlide1.xml\""));
        let notes1 = text(&parts, "ppt/notesSlides/notesSlide1.xml");
        assert!(notes1.contains(
            "<a:t>Begin op tijd.</a:t></a:r><a:endParaRPr lang=\"nl-NL\" dirty=\"0\"/></a:p><a:p>"
        ));
        assert!(notes1.contains("<a:t>Koffie staat klaar.</a:t>"));
        assert!(notes1.contains("type=\"body\" idx=\"1\""));
        assert!(text(&parts, "ppt/notesSlides/_rels/notesSlide1.xml.rels")
            .contains("Target=\"../slides/slide2.xml\""));
        assert!(!text(&parts, "ppt/slides/_rels/slide3.xml.rels").contains("notesSlide"));
        assert!(text(&parts, "ppt/notesSlides/notesSlide2.xml")
            .contains("<a:t>Alleen foto&apos;s.</a:t>"));
        assert!(text(&parts, "ppt/notesSlides/_rels/notesSlide2.xml.rels")
            .contains("Target=\"../slides/slide4.xml\""));

        // Pictures: stored, referenced, alt text in descr.
        assert_eq!(parts["ppt/media/image1.png"], PNG);
        assert_eq!(parts["ppt/media/image2.jpeg"], JPEG);
        assert_eq!(parts["ppt/media/image3.png"], PNG);
        let second = text(&parts, "ppt/slides/slide3.xml");
        assert!(second.contains("descr=\"Vier petten &quot;op een rij&quot;\""));
        assert!(second.contains("<a:blip r:embed=\"rId2\"/>"));
        let types = text(&parts, "[Content_Types].xml");
        assert!(types.contains("Extension=\"png\" ContentType=\"image/png\""));
        assert!(types.contains("Extension=\"jpeg\" ContentType=\"image/jpeg\""));
    }

    #[test]
    fn pictures_fit_their_area_and_keep_their_aspect() {
        let deck = deck();
        // Next to bullets: the right half.
        let with_text = slide_xml(&deck.slides[1], "nl-NL", &["rId2".into()]);
        let off = attr_values(&with_text, "x");
        let x: i64 = off.last().unwrap().parse().unwrap();
        assert!(x > BODY.x + BODY.cx / 2, "picture in the right half");
        let cx: i64 = attr_values(&with_text, "cx")
            .last()
            .unwrap()
            .parse()
            .unwrap();
        let cy: i64 = attr_values(&with_text, "cy")
            .last()
            .unwrap()
            .parse()
            .unwrap();
        assert!((cx as f64 / cy as f64 - 2.0).abs() < 0.001);
        assert!(x + cx <= BODY.x + BODY.cx);
        // The text keeps the left half.
        assert!(with_text.contains(&xfrm(Rect {
            cx: (BODY.cx - GAP) / 2,
            ..BODY
        })));

        let images = &deck.slides[2].images;
        for rect in place_images(images, BODY) {
            assert!(rect.x >= BODY.x && rect.y >= BODY.y);
            assert!(
                rect.x + rect.cx <= BODY.x + BODY.cx + 1
                    && rect.y + rect.cy <= BODY.y + BODY.cy + 1
            );
        }
        let rects = place_images(images, BODY);
        assert!((rects[0].cx as f64 / rects[0].cy as f64 - 4.0 / 3.0).abs() < 0.001);
        assert!((rects[1].cx as f64 / rects[1].cy as f64 - 2.0).abs() < 0.001);
    }

    #[test]
    fn text_is_escaped_and_invalid_characters_dropped() {
        let mut deck = deck();
        deck.slides[0].bullets.push(Bullet {
            text: "a\u{0}b\u{1B}c\u{FFFF}d <&> \"q\" 'a'".into(),
            level: 0,
        });
        deck.slides[0].notes = Some("Let op: 1 < 2 && 3 > 2 \"ok\"".into());
        let parts = unzip(&write(&deck).unwrap());
        let slide = text(&parts, "ppt/slides/slide2.xml");
        assert!(slide.contains("<a:t>abcd &lt;&amp;&gt; &quot;q&quot; &apos;a&apos;</a:t>"));
        let petten = text(&parts, "ppt/slides/slide3.xml");
        assert!(petten.contains("<a:t>Petten &amp; &lt;regels&gt;</a:t>"));
        assert!(petten.contains("<a:t>Wit &quot;tijger&quot; &amp; zwart &lt;pestvogel&gt;</a:t>"));
        let notes = text(&parts, "ppt/notesSlides/notesSlide1.xml");
        assert!(notes.contains("<a:t>Let op: 1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;ok&quot;</a:t>"));
        for (name, data) in &parts {
            if name.ends_with(".xml") {
                let xml = std::str::from_utf8(data).unwrap();
                assert!(
                    !xml.chars().any(|c| !xml_char(c)),
                    "{name}: invalid XML character"
                );
                well_formed(name, xml);
            }
        }
    }

    #[test]
    fn same_deck_same_bytes() {
        let a = write(&deck()).unwrap();
        let b = write(&deck()).unwrap();
        assert_eq!(a, b);
        let mut archive = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
        assert_eq!(
            archive.by_index(0).unwrap().name().unwrap(),
            "[Content_Types].xml"
        );
        for i in 0..archive.len() {
            let file = archive.by_index(i).unwrap();
            assert_eq!(
                file.last_modified(),
                Some(DateTime::default()),
                "{:?}",
                file.name()
            );
        }
        assert!(!text(&unzip(&a), "docProps/core.xml").contains("dcterms:"));
    }

    /// Issue 16: the school's color in the theme (titles, accent, links) and
    /// as a bar in the master, the logo in the master's corner.
    #[test]
    fn school_color_and_logo_are_in_the_master() {
        let parts = unzip(&write(&deck()).unwrap());
        let theme = text(&parts, "ppt/theme/theme1.xml");
        for slot in ["dk2", "accent1", "hlink"] {
            assert!(
                theme.contains(&format!("<a:{slot}><a:srgbClr val=\"A3123A\"/>")),
                "{slot}: {theme}"
            );
        }
        let master = text(&parts, "ppt/slideMasters/slideMaster1.xml");
        assert!(
            master.contains("name=\"Schoolkleur\"")
                && master.contains("<a:schemeClr val=\"accent1\"/>")
        );
        assert!(
            master.contains("descr=\"Logo van De Linde\"") && master.contains("r:embed=\"rId4\"")
        );
        let rels = text(&parts, "ppt/slideMasters/_rels/slideMaster1.xml.rels");
        assert!(
            rels.contains("Id=\"rId4\"") && rels.contains("../media/logo.png"),
            "{rels}"
        );
        assert!(parts.contains_key("ppt/media/logo.png"));

        let mut plain = deck();
        plain.color = None;
        plain.logo = None;
        let parts = unzip(&write(&plain).unwrap());
        assert!(text(&parts, "ppt/theme/theme1.xml").contains("<a:dk2><a:srgbClr val=\"0B5394\"/>"));
        assert!(!text(&parts, "ppt/slideMasters/slideMaster1.xml").contains("name=\"Logo\""));
        let mut bad = deck();
        bad.color = Some("#zzz".into());
        assert!(write(&bad).is_err());
    }

    #[test]
    fn deck_without_slides_or_notes() {
        let deck = Deck {
            title: String::new(),
            subtitle: None,
            lang: String::new(),
            slides: vec![],
            color: None,
            logo: None,
        };
        let parts = unzip(&write(&deck).unwrap());
        assert_eq!(
            parts
                .keys()
                .filter(|n| n.starts_with("ppt/slides/slide"))
                .count(),
            1
        );
        assert!(!parts.keys().any(|n| n.starts_with("ppt/notesSlides/")));
        assert!(!text(&parts, "ppt/slides/slide1.xml").contains("lang="));
    }

    #[test]
    fn bad_pictures_are_errors() {
        let mut deck = deck();
        deck.slides[1].images[0].format = ImageFormat::Jpeg;
        let alt = deck.slides[1].images[0].alt.clone();
        assert_eq!(
            write(&deck),
            Err(Error::ImageFormat {
                slide: 3,
                number: 1,
                alt: alt.clone(),
                format: ImageFormat::Jpeg
            })
        );
        let mut deck = self::tests::deck();
        deck.slides[1].images[0].width_px = 0;
        let error = write(&deck).unwrap_err();
        assert!(
            matches!(
                error,
                Error::ImageWithoutSize {
                    slide: 3,
                    number: 1,
                    width: 0,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(error.to_string().contains("has no size"), "{error}");
    }

    #[test]
    fn long_text_shrinks() {
        let bullets: Vec<(&str, f64, i64, f64)> = (0..20)
            .map(|_| {
                (
                    "Een lange regel tekst die doorloopt over de hele breedte van de dia",
                    28.0,
                    228_600,
                    10.0,
                )
            })
            .collect();
        assert!(autofit(&bullets, BODY).contains("fontScale="));
        assert_eq!(
            autofit(&[("Kort", 28.0, 228_600, 10.0)], BODY),
            "<a:normAutofit/>"
        );
    }
}
