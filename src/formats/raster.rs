//! A logo as a PNG of a given size: the app icons of an installable site
//! (192 and 512 px) and the logo in a PowerPoint master, which can not show
//! SVG. SVG is drawn with resvg (without fonts: a logo's text should be
//! shapes, and a `<text>` element is reported, see [`has_text`]); PNG and
//! JPEG are scaled with the image crate.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, RgbaImage};
use resvg::{tiny_skia, usvg};

use super::images::{Format, MAX_PIXELS};

/// Why a logo could not be drawn.
#[derive(Debug)]
pub(crate) enum Error {
    /// Not an SVG, PNG or JPEG this module can read (the parser's words).
    Unreadable(String),
    /// The drawing has no size, or the asked size is 0 or too big.
    NoSize,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Unreadable(why) => write!(f, "{why}"),
            Error::NoSize => write!(f, "the picture has no size"),
        }
    }
}

/// The size of a picture, in pixels (an SVG's from its viewBox or
/// width/height).
pub(crate) fn size(bytes: &[u8], format: Format) -> Result<(f32, f32), Error> {
    match format {
        Format::Svg => {
            let s = svg_tree(bytes)?.size();
            Ok((s.width(), s.height()))
        }
        Format::Png | Format::Jpeg => {
            let image = decode(bytes, format)?;
            Ok((image.width() as f32, image.height() as f32))
        }
    }
}

/// `bytes` drawn as large as fits, centred, on a transparent `width` x
/// `height` PNG.
pub(crate) fn png(bytes: &[u8], format: Format, width: u32, height: u32) -> Result<Vec<u8>, Error> {
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Error::NoSize);
    }
    match format {
        Format::Svg => svg_png(&svg_tree(bytes)?, width, height),
        Format::Png | Format::Jpeg => raster_png(&decode(bytes, format)?, width, height),
    }
}

/// Does this SVG have text, which is drawn without fonts (so not at all)?
pub(crate) fn has_text(svg: &[u8]) -> bool {
    String::from_utf8_lossy(svg).contains("<text")
}

fn svg_tree(bytes: &[u8]) -> Result<usvg::Tree, Error> {
    usvg::Tree::from_data(bytes, &usvg::Options::default())
        .map_err(|e| Error::Unreadable(e.to_string()))
}

fn svg_png(tree: &usvg::Tree, width: u32, height: u32) -> Result<Vec<u8>, Error> {
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    if w <= 0.0 || h <= 0.0 {
        return Err(Error::NoSize);
    }
    let scale = (width as f32 / w).min(height as f32 / h);
    let (dx, dy) = (
        (width as f32 - w * scale) / 2.0,
        (height as f32 - h * scale) / 2.0,
    );
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(Error::NoSize)?;
    let transform = tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, dx, dy);
    resvg::render(tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| Error::Unreadable(e.to_string()))
}

fn decode(bytes: &[u8], format: Format) -> Result<DynamicImage, Error> {
    // Refused from the header before decoding, as for every picture.
    super::images::header_size(Cursor::new(bytes), format).ok_or(Error::NoSize)?;
    let format = match format {
        Format::Png => ImageFormat::Png,
        _ => ImageFormat::Jpeg,
    };
    image::load_from_memory_with_format(bytes, format).map_err(|e| Error::Unreadable(e.to_string()))
}

fn raster_png(image: &DynamicImage, width: u32, height: u32) -> Result<Vec<u8>, Error> {
    let scaled = image.resize(width, height, FilterType::Lanczos3).to_rgba8();
    let mut canvas = RgbaImage::new(width, height);
    let (dx, dy) = ((width - scaled.width()) / 2, (height - scaled.height()) / 2);
    image::imageops::overlay(&mut canvas, &scaled, i64::from(dx), i64::from(dy));
    let mut out = Vec::new();
    DynamicImage::ImageRgba8(canvas)
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|e| Error::Unreadable(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixel(png: &[u8], x: u32, y: u32) -> [u8; 4] {
        let image = image::load_from_memory(png).unwrap().to_rgba8();
        image.get_pixel(x, y).0
    }

    #[test]
    fn the_initials_logo_is_drawn_at_icon_sizes() {
        let logo = super::super::initials::svg("De Wilgenhoek", "#0b5394", 64, 0);
        for size in [192, 512] {
            let png = png(logo.as_bytes(), Format::Svg, size, size).unwrap();
            let image = image::load_from_memory(&png).unwrap();
            assert_eq!((image.width(), image.height()), (size, size));
            // The color at a corner, white lines somewhere in the middle row.
            assert_eq!(pixel(&png, 2, 2), [0x0b, 0x53, 0x94, 255]);
            let middle = image.to_rgba8();
            assert!(
                (0..size).any(|x| middle.get_pixel(x, size / 2).0 == [255, 255, 255, 255]),
                "no white letter line at {size} px"
            );
        }
    }

    #[test]
    fn a_wide_picture_is_centred_on_a_transparent_square() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#ff0000"/></svg>"##;
        let png_bytes = png(svg, Format::Svg, 100, 100).unwrap();
        assert_eq!(pixel(&png_bytes, 50, 10)[3], 0, "above the picture");
        assert_eq!(pixel(&png_bytes, 50, 50), [255, 0, 0, 255]);
        assert_eq!(size(svg, Format::Svg).unwrap(), (200.0, 100.0));
        // The same for a PNG.
        let red = png(&png_bytes, Format::Png, 40, 20).unwrap();
        assert_eq!(pixel(&red, 20, 10), [255, 0, 0, 255]);
        assert_eq!(pixel(&red, 1, 10)[3], 0, "left of the picture");
    }

    #[test]
    fn bad_pictures_are_errors_not_panics() {
        assert!(matches!(
            png(b"<svg", Format::Svg, 10, 10),
            Err(Error::Unreadable(_))
        ));
        assert!(png(b"\x89PNG\r\n\x1a\nrest", Format::Png, 10, 10).is_err());
        assert!(png(b"not a jpeg", Format::Jpeg, 10, 10).is_err());
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>"#;
        assert!(matches!(png(svg, Format::Svg, 0, 10), Err(Error::NoSize)));
        assert!(has_text(b"<svg><text>DW</text></svg>"));
        assert!(!has_text(svg));
    }
}
