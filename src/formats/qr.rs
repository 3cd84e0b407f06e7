//! The SVG of the `{{ qr(url="...") }}` shortcode: a QR code, inline.
//!
//! Posters in the school hall and letters to parents point to a class site;
//! a QR code saves typing the address on a phone. It is drawn as an inline
//! SVG (no image file to copy along, sharp at any print size) by [`svg`]:
//!
//! - error correction level M (15% of the code may be damaged or dirty) and
//!   the quiet zone of 4 light modules around it that scanners need;
//! - compact: all dark modules are one `<path>`, one rectangle per run of
//!   dark modules in a row (a class-site address gives about 3 KB of SVG);
//! - the `viewBox` counts modules, and `width`/`height` are 4 px a module, a
//!   whole number of device pixels on screen and crisp when printed, with
//!   `shape-rendering="crispEdges"` against seams between the runs;
//! - black on a white background of its own, so it scans on any page color
//!   and in dark mode;
//! - `role="img"` with the label as `aria-label` and `<title>`, for screen
//!   readers and as a tooltip.
//! - text that is not ASCII is marked as UTF-8 (an ECI), so scanners do not
//!   guess another character set.
//!
//! The QR symbol itself comes from the `qrcode` crate; only the drawing is
//! done here.

use std::fmt::Write as _;

use qrcode::bits::Bits;
use qrcode::types::QrError;
use qrcode::{Color, EcLevel, QrCode, Version};

/// Light modules around the code, on each side (the minimum of ISO/IEC 18004).
const QUIET_ZONE: usize = 4;

/// Size of one module in CSS pixels.
const MODULE_PX: usize = 4;

/// An inline SVG QR code of `text`, labelled `label` for screen readers (the
/// text itself when `label` is blank). An `Err` for an empty `text` or one
/// too long for a QR code (more than 2331 bytes at level M).
pub(crate) fn svg(text: &str, label: &str) -> Result<String, Error> {
    if text.is_empty() {
        return Err(Error::Empty);
    }
    let code = encode(text).map_err(|error| match error {
        QrError::DataTooLong => Error::TooLong { bytes: text.len() },
        other => Error::Other(other),
    })?;
    let label = if label.trim().is_empty() { text } else { label };
    Ok(draw(&code, &escape(label)))
}

/// The QR symbol of `text` at level M, in the smallest version it fits.
///
/// ASCII text is encoded plainly (the optimizer picks numeric, alphanumeric
/// or byte segments), which every scanner reads. Other text gets an ECI
/// designator saying its bytes are UTF-8: without it, scanners guess the
/// character set, and zbar reads "één" as Shift JIS.
fn encode(text: &str) -> Result<QrCode, QrError> {
    if text.is_ascii() {
        return QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M);
    }
    let bits = (1..=40)
        .find_map(|version| utf8_bits(text, Version::Normal(version)).ok())
        .ok_or(QrError::DataTooLong)?;
    QrCode::with_bits(bits, EcLevel::M)
}

/// `text` as UTF-8 bytes (ECI 26) in a symbol of `version`, if it fits.
fn utf8_bits(text: &str, version: Version) -> Result<Bits, QrError> {
    const ECI_UTF8: u32 = 26;
    let mut bits = Bits::new(version);
    bits.push_eci_designator(ECI_UTF8)?;
    bits.push_byte_data(text.as_bytes())?;
    bits.push_terminator(EcLevel::M)?;
    Ok(bits)
}

/// Why a text cannot be a QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Error {
    /// The text is empty.
    Empty,
    /// The text is `bytes` long, more than a QR code holds at level M.
    TooLong { bytes: usize },
    /// Any other refusal of the `qrcode` crate.
    Other(QrError),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Empty => write!(f, "a QR code needs a text, and this one is empty"),
            Error::TooLong { bytes } => write!(
                f,
                "the text is too long for a QR code ({bytes} bytes; at most 2331 fit)"
            ),
            Error::Other(error) => write!(f, "no QR code can be made of this text ({error})"),
        }
    }
}

impl std::error::Error for Error {}

/// The SVG document of `code`, with an already escaped label.
fn draw(code: &QrCode, label: &str) -> String {
    let size = code.width() + 2 * QUIET_ZONE;
    let px = size * MODULE_PX;
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" "#,
            r#"width="{px}" height="{px}" role="img" aria-label="{label}" "#,
            r#"shape-rendering="crispEdges">"#,
            r#"<title>{label}</title>"#,
            r##"<rect width="{size}" height="{size}" fill="#fff"/>"##,
            r##"<path fill="#000" d="{path}"/>"##,
            "</svg>"
        ),
        size = size,
        px = px,
        label = label,
        path = dark_path(code),
    )
}

/// The path data of the dark modules: one closed rectangle per horizontal
/// run of dark modules, offset by the quiet zone. Each rectangle starts with
/// a relative move from the start of the one before (where `z` leaves the
/// pen), which keeps the numbers short; the first `m` counts as absolute.
fn dark_path(code: &QrCode) -> String {
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    let mut pen = (0, 0);
    for (y, row) in colors.chunks(width).enumerate() {
        for (x, length) in dark_runs(row) {
            let at = (to_signed(x + QUIET_ZONE), to_signed(y + QUIET_ZONE));
            let (dx, dy) = (at.0 - pen.0, at.1 - pen.1);
            // Writing to a String cannot fail.
            let _ = write!(path, "m{dx} {dy}h{length}v1h-{length}z");
            pen = at;
        }
    }
    path
}

/// A module coordinate as a signed number (a QR code is at most 185 wide,
/// quiet zone included).
fn to_signed(coordinate: usize) -> i64 {
    i64::try_from(coordinate).unwrap_or(i64::MAX)
}

/// The runs of dark modules in a row, as (start, length).
fn dark_runs(row: &[Color]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (x, &color) in row.iter().chain([Color::Light].iter()).enumerate() {
        match (color, start) {
            (Color::Dark, None) => start = Some(x),
            (Color::Light, Some(from)) => {
                runs.push((from, x - from));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// `text` safe in XML content and in a double- or single-quoted attribute;
/// characters XML does not allow (most control characters) are left out.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            '\t' | '\n' | '\r' => escaped.push(' '),
            c if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://school.example/groep-5a/";

    /// The value of the first `name="…"` attribute in `svg`.
    fn attribute<'a>(svg: &'a str, name: &str) -> &'a str {
        let start = svg.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        let length = svg[start..].find('"').unwrap();
        &svg[start..start + length]
    }

    /// The path drawn back onto a grid of `size`×`size` modules: which are
    /// dark. Panics on path commands [`dark_path`] does not write, or on a
    /// module painted twice.
    fn paint(path: &str, size: usize) -> Vec<bool> {
        let mut grid = vec![false; size * size];
        let mut pen = (0i64, 0i64);
        for rectangle in path.split_terminator('z') {
            let rest = rectangle.strip_prefix('m').expect(rectangle);
            let (dx, rest) = rest.split_once(' ').unwrap();
            let (dy, rest) = rest.split_once('h').unwrap();
            let (length, rest) = rest.split_once("v1h-").unwrap();
            assert_eq!(length, rest, "a closed rectangle one module high");
            pen = (
                pen.0 + dx.parse::<i64>().unwrap(),
                pen.1 + dy.parse::<i64>().unwrap(),
            );
            let (x, y) = (
                usize::try_from(pen.0).unwrap(),
                usize::try_from(pen.1).unwrap(),
            );
            let length: usize = length.parse().unwrap();
            assert!(length > 0);
            for module in &mut grid[y * size + x..y * size + x + length] {
                assert!(!*module, "painted twice");
                *module = true;
            }
        }
        grid
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules_inside_the_quiet_zone() {
        let code = QrCode::with_error_correction_level(URL, EcLevel::M).unwrap();
        let svg = svg(URL, "QR-code naar groep 5a").unwrap();
        let (n, size) = (code.width(), code.width() + 8);
        let grid = paint(attribute(&svg, "d"), size);
        let colors = code.to_colors();
        for y in 0..size {
            for x in 0..size {
                let inside = (4..n + 4).contains(&x) && (4..n + 4).contains(&y);
                let dark = inside && colors[(y - 4) * n + (x - 4)] == Color::Dark;
                assert_eq!(grid[y * size + x], dark, "module ({x}, {y})");
            }
        }
    }

    #[test]
    fn structure() {
        let svg = svg(URL, "QR-code naar groep 5a").unwrap();
        let size = QrCode::with_error_correction_level(URL, EcLevel::M)
            .unwrap()
            .width()
            + 8;
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" "));
        assert!(svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<path").count(), 1);
        assert_eq!(svg.matches("<rect").count(), 1, "only the background");
        assert_eq!(attribute(&svg, "viewBox"), format!("0 0 {size} {size}"));
        assert_eq!(attribute(&svg, "width"), (size * 4).to_string());
        assert_eq!(attribute(&svg, "height"), (size * 4).to_string());
        assert_eq!(attribute(&svg, "role"), "img");
        assert_eq!(attribute(&svg, "aria-label"), "QR-code naar groep 5a");
        assert_eq!(attribute(&svg, "shape-rendering"), "crispEdges");
        assert!(svg.contains("<title>QR-code naar groep 5a</title>"));
        assert!(svg.contains(&format!(
            r##"<rect width="{size}" height="{size}" fill="#fff"/>"##
        )));
        assert!(
            svg.contains(r##"<path fill="#000" d="m4 4h7v1h-7z"##),
            "the finder pattern first"
        );
    }

    #[test]
    fn a_version_1_code_is_21_plus_8_modules() {
        let svg = svg("HELDER", "x").unwrap();
        assert_eq!(attribute(&svg, "viewBox"), "0 0 29 29");
        assert_eq!(attribute(&svg, "width"), "116");
    }

    #[test]
    fn runs_are_merged() {
        use Color::{Dark as D, Light as L};
        assert_eq!(
            dark_runs(&[D, D, D, L, D, L, L, D, D]),
            [(0, 3), (4, 1), (7, 2)]
        );
        assert_eq!(dark_runs(&[L, L]), []);
        assert_eq!(dark_runs(&[]), []);
        // Fewer rectangles than dark modules, and a path of a few kilobytes
        // even for the longest address anyone would print.
        let code = QrCode::with_error_correction_level(URL, EcLevel::M).unwrap();
        let dark = code
            .to_colors()
            .iter()
            .filter(|&&c| c == Color::Dark)
            .count();
        let rectangles = dark_path(&code).matches('m').count();
        assert!(
            rectangles < dark * 2 / 3,
            "{rectangles} rectangles for {dark} modules"
        );
        let long = format!("{URL}{}", "nieuws/".repeat(30));
        assert!(svg(&long, "x").unwrap().len() < 12_000);
    }

    #[test]
    fn the_label_is_escaped() {
        let svg = svg(URL, "Groep <5a> & \"6b\" 'samen'\n").unwrap();
        let escaped = "Groep &lt;5a&gt; &amp; &quot;6b&quot; &#39;samen&#39; ";
        assert_eq!(attribute(&svg, "aria-label"), escaped);
        assert!(svg.contains(&format!("<title>{escaped}</title>")));
        assert_eq!(svg.matches('<').count(), 6, "no stray tags: {svg}");
        assert_eq!(escape("a\u{0}b\u{1b}c\u{ffff}é"), "abcé");
    }

    #[test]
    fn a_blank_label_falls_back_to_the_text() {
        let svg = svg("https://a.example/?x=1&y=<2>", "  ").unwrap();
        assert_eq!(
            attribute(&svg, "aria-label"),
            "https://a.example/?x=1&amp;y=&lt;2&gt;"
        );
    }

    #[test]
    fn deterministic() {
        assert_eq!(svg(URL, "label"), svg(URL, "label"));
        assert_ne!(
            svg(URL, "label"),
            svg("https://school.example/groep-5b/", "label")
        );
    }

    #[test]
    fn empty_and_too_long_texts_are_errors() {
        assert_eq!(svg("", "label"), Err(Error::Empty));
        let longest = "x".repeat(2331);
        assert!(svg(&longest, "label").is_ok());
        let error = svg(&"x".repeat(2332), "label").unwrap_err();
        assert_eq!(error, Error::TooLong { bytes: 2332 });
        assert!(error.to_string().contains("too long"), "{error}");
        assert!(svg(&"é".repeat(5000), "label").is_err());
    }

    #[test]
    fn non_ascii_text_is_marked_utf8() {
        let text = "https://school.example/één";
        let code = encode(text).unwrap();
        assert_eq!(code.error_correction_level(), EcLevel::M);
        // 28 bytes and the ECI: one too many for version 2 (26 bytes at M).
        assert!(utf8_bits(text, Version::Normal(2)).is_err());
        assert_eq!(code.version(), Version::Normal(3), "the smallest that fits");
        // Mode 0111 (ECI), designator 26, then mode 0100 (bytes).
        let mut bits = Bits::new(Version::Normal(3));
        bits.push_eci_designator(26).unwrap();
        bits.push_byte_data(text.as_bytes()).unwrap();
        bits.push_terminator(EcLevel::M).unwrap();
        let expected = QrCode::with_bits(bits, EcLevel::M).unwrap();
        assert_eq!(code.to_colors(), expected.to_colors());
        let svg = svg(text, "café").unwrap();
        assert!(svg.contains("<title>café</title>"));
        // ASCII stays without ECI, as `qrcode` encodes it by default.
        let plain = QrCode::with_error_correction_level(URL, EcLevel::M).unwrap();
        assert_eq!(encode(URL).unwrap().to_colors(), plain.to_colors());
    }
}
