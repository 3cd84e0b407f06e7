//! Screenshots for manuals, made light enough for cheap phones.
//!
//! A manual's steps show screenshots, and the parents reading them are often
//! on a small phone with a slow or capped data plan. So each PNG or JPEG gets
//! resized copies ([`variants`], one per width in [`WIDTHS`] that is smaller
//! than the original) for an `<img srcset>`, and its size ([`dimensions`]) for
//! the `width`/`height` attributes that keep the page from jumping while the
//! picture loads. SVGs scale by themselves: they only get their size, read
//! from the root element.
//!
//! Everything here refuses bad input with an `Err` instead of panicking:
//! truncated or corrupt files, images without pixels, and images over
//! [`MAX_PIXELS`], which are refused from their header before any decoding.
//! The copies are deterministic (same input, same bytes), so a rebuild does
//! not change files that did not change.
//!
//! JPEGs from a phone camera may carry an EXIF orientation, which browsers
//! apply. Sizes and copies are given as displayed, that is with the
//! orientation applied, so the `width`/`height` attributes match the copies.
//! An embedded color profile (screenshots from a Mac are in Display P3) is
//! kept in the copies, so their colors match the original.

use std::io::{BufRead, Cursor, Seek};

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader};

/// An image format this module knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Png,
    Jpeg,
    Svg,
}

/// The widths of the resized copies, in pixels: a phone, and a phone with a
/// high-density screen or a small laptop.
pub(crate) const WIDTHS: [u32; 2] = [480, 960];

/// The resized copies a PNG or JPEG of `width` pixels gets, as (path, width):
/// `foto.png` → `foto-480w.png`, for the widths below its own. SVG gets none.
/// (A naming rule of the output, kept next to [`WIDTHS`] that it follows.)
pub(crate) fn copies(content_path: &str, width: u32) -> Vec<(String, u32)> {
    if !matches!(format_of(content_path), Some(Format::Png | Format::Jpeg)) {
        return Vec::new();
    }
    let (stem, ext) = content_path.rsplit_once('.').unwrap_or((content_path, ""));
    WIDTHS
        .iter()
        .filter(|&&w| w < width)
        .map(|&w| (format!("{stem}-{w}w.{ext}"), w))
        .collect()
}

/// The size of a PNG or JPEG as stored (without applying an EXIF
/// orientation), read from the header only: the pixels are not read. `None`
/// for an image that cannot be read, has no pixels, or is over [`MAX_PIXELS`].
/// Its kind is recognised from the content, else taken from `format`.
pub(crate) fn header_size(reader: impl BufRead + Seek, format: Format) -> Option<(u32, u32)> {
    let declared = match format {
        Format::Jpeg => ImageFormat::Jpeg,
        _ => ImageFormat::Png,
    };
    let (w, h) = ImageReader::with_format(reader, declared)
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()?;
    (w > 0 && h > 0 && u64::from(w) * u64::from(h) <= MAX_PIXELS).then_some((w, h))
}

/// The largest image accepted, in pixels (40 megapixels). Decoding takes
/// memory in proportion; a screenshot is far below this.
pub(crate) const MAX_PIXELS: u64 = 40_000_000;

/// JPEG quality of the copies: no visible artefacts on screenshots, a third
/// of the size of quality 95.
const JPEG_QUALITY: u8 = 82;

/// The format of a file by its extension (case-insensitive), if it is one of
/// `.png`, `.jpg`, `.jpeg` or `.svg`.
pub(crate) fn format_of(path: &str) -> Option<Format> {
    let (_, extension) = path.rsplit_once('.')?;
    if extension.contains(['/', '\\']) {
        return None; // a dot in a folder name, none in the file name
    }
    match extension.to_ascii_lowercase().as_str() {
        "png" => Some(Format::Png),
        "jpg" | "jpeg" => Some(Format::Jpeg),
        "svg" => Some(Format::Svg),
        _ => None,
    }
}

/// The size of an image as displayed, in pixels (width, height).
///
/// PNG and JPEG: read from the header, without decoding the pixels. SVG: the
/// root element's `width` and `height` (numbers, optionally in `px`), else
/// its `viewBox`. An `Err` when the size cannot be known or is zero, and for
/// a PNG or JPEG over [`MAX_PIXELS`] (it could not be resized either).
pub(crate) fn dimensions(bytes: &[u8], format: Format) -> Result<(u32, u32), Error> {
    let (width, height) = match format {
        Format::Svg => svg_dimensions(bytes)?,
        Format::Png | Format::Jpeg => Header::read(bytes, format)?.size,
    };
    if width == 0 || height == 0 {
        return Err(Error::NoPixels { width, height });
    }
    Ok((width, height))
}

/// Why an image cannot be measured or resized.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Error {
    /// The image has a width or height of zero.
    NoPixels {
        width: u32,
        height: u32,
    },
    /// More than [`MAX_PIXELS`].
    TooLarge {
        width: u32,
        height: u32,
    },
    /// Not a PNG or JPEG, nor any image kind the codecs recognise.
    Unknown,
    /// An image of another kind (`Gif`), named as a PNG or JPEG.
    Kind {
        kind: String,
    },
    /// The codec refused the bytes (truncated, corrupt), with its reason.
    Unreadable {
        detail: String,
    },
    /// A resized copy could not be encoded, with the encoder's reason.
    Encode(String),
    SvgNotUtf8,
    /// No `<svg>` root element.
    NotSvg,
    /// No `width` and `height`, and no `viewBox`.
    SvgWithoutSize,
    /// A size that is not a positive number of pixels a `u32` holds.
    SvgSizeOutOfRange {
        length: f64,
    },
}

impl Error {
    fn unreadable(error: impl std::fmt::Display) -> Self {
        Error::Unreadable {
            detail: error.to_string(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NoPixels { width, height } => {
                write!(f, "the image has no pixels ({width}×{height})")
            }
            Error::TooLarge { width, height } => write!(
                f,
                "the image is too large: {width}×{height}, over {} megapixels",
                MAX_PIXELS / 1_000_000
            ),
            Error::Unknown => write!(f, "not an image that can be read"),
            Error::Kind { kind } => write!(f, "an image of type {kind}, not PNG or JPEG"),
            Error::Unreadable { detail } => write!(f, "not an image that can be read ({detail})"),
            Error::Encode(detail) => write!(f, "the resized image cannot be encoded: {detail}"),
            Error::SvgNotUtf8 => write!(f, "the SVG is not UTF-8 text"),
            Error::NotSvg => write!(f, "not an SVG: there is no <svg> element"),
            Error::SvgWithoutSize => write!(f, "the SVG has no width and height, and no viewBox"),
            Error::SvgSizeOutOfRange { length } => {
                write!(
                    f,
                    "the size of the SVG is too large or too small ({length})"
                )
            }
        }
    }
}

impl std::error::Error for Error {}

/// A resized copy of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    pub width: u32,
    pub height: u32,
    /// The encoded image, in the format the original is named as (a JPEG
    /// saved as `.png` gives PNG copies, so their file names fit).
    pub bytes: Vec<u8>,
}

/// The resized copies of a PNG or JPEG: one for each width in [`WIDTHS`]
/// smaller than the original (never larger), with the aspect ratio kept, in
/// the format of the original. SVG gives none.
///
/// An `Err` for an image that cannot be decoded, has no pixels, or is over
/// [`MAX_PIXELS`] (checked from the header, before decoding).
pub(crate) fn variants(bytes: &[u8], format: Format) -> Result<Vec<Variant>, Error> {
    if format == Format::Svg {
        return Ok(Vec::new());
    }
    let header = Header::read(bytes, format)?;
    let (width, height) = header.size;
    let sizes: Vec<(u32, u32)> = WIDTHS
        .iter()
        .filter(|&&target| target < width)
        .map(|&target| (target, scaled_height(width, height, target)))
        .collect();
    if sizes.is_empty() {
        return Ok(Vec::new());
    }
    let image = header.decode()?;
    sizes
        .into_iter()
        .map(|(w, h)| {
            let copy = image.resize_exact(w, h, FilterType::Lanczos3);
            Ok(Variant {
                width: w,
                height: h,
                bytes: encode(&copy, format, header.icc_profile.as_deref())?,
            })
        })
        .collect()
}

/// The height for `target` width keeping the aspect ratio, rounded, at least 1.
fn scaled_height(width: u32, height: u32, target: u32) -> u32 {
    let (width, height, target) = (u64::from(width), u64::from(height), u64::from(target));
    let scaled = (height * target + width / 2) / width;
    u32::try_from(scaled.max(1)).unwrap_or(u32::MAX)
}

/// A PNG or JPEG whose header has been read and checked: it has pixels, and
/// not too many.
struct Header<'a> {
    bytes: &'a [u8],
    format: Format,
    /// The size as displayed (orientation applied).
    size: (u32, u32),
    orientation: Orientation,
    icc_profile: Option<Vec<u8>>,
}

impl<'a> Header<'a> {
    fn read(bytes: &'a [u8], format: Format) -> Result<Self, Error> {
        let mut decoder = reader(bytes, format)?
            .into_decoder()
            .map_err(Error::unreadable)?;
        let (width, height) = decoder.dimensions();
        // A broken EXIF block is no reason to refuse the picture itself.
        let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
        let icc_profile = decoder.icc_profile().ok().flatten();
        check_size(width, height)?;
        let size = match orientation {
            Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH => (height, width),
            _ => (width, height),
        };
        Ok(Header {
            bytes,
            format,
            size,
            orientation,
            icc_profile,
        })
    }

    /// The pixels, orientation applied.
    fn decode(&self) -> Result<DynamicImage, Error> {
        let mut image = reader(self.bytes, self.format)?
            .decode()
            .map_err(Error::unreadable)?;
        image.apply_orientation(self.orientation);
        Ok(image)
    }
}

/// A reader for `bytes`, its format recognised from the content (a JPEG
/// saved as `.png` still reads), else taken from `format`.
fn reader(bytes: &[u8], format: Format) -> Result<ImageReader<Cursor<&[u8]>>, Error> {
    let declared = match format {
        Format::Jpeg => ImageFormat::Jpeg,
        _ => ImageFormat::Png,
    };
    let reader = ImageReader::with_format(Cursor::new(bytes), declared)
        .with_guessed_format()
        .map_err(Error::unreadable)?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg) => Ok(reader),
        Some(other) => Err(Error::Kind {
            kind: format!("{other:?}"),
        }),
        None => Err(Error::Unknown),
    }
}

/// Refuses images without pixels or over [`MAX_PIXELS`].
fn check_size(width: u32, height: u32) -> Result<(), Error> {
    if width == 0 || height == 0 {
        return Err(Error::NoPixels { width, height });
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Error::TooLarge { width, height });
    }
    Ok(())
}

/// `image` encoded as `format` (PNG: 8-bit, best compression; JPEG: quality
/// 82), with the original's color profile if it had one.
fn encode(
    image: &DynamicImage,
    format: Format,
    icc_profile: Option<&[u8]>,
) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    let written = match format {
        Format::Jpeg => {
            let mut encoder = JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
            with_profile(&mut encoder, icc_profile);
            jpeg_pixels(image).write_with_encoder(encoder)
        }
        _ => {
            let mut encoder = PngEncoder::new_with_quality(
                &mut bytes,
                CompressionType::Best,
                PngFilter::Adaptive,
            );
            with_profile(&mut encoder, icc_profile);
            png_pixels(image).write_with_encoder(encoder)
        }
    };
    written.map_err(|e| Error::Encode(e.to_string()))?;
    Ok(bytes)
}

/// Gives `encoder` the color profile, if any. Both encoders here take one;
/// should one refuse it, the copy is written without (colors a little off,
/// not worth failing the build for).
fn with_profile(encoder: &mut impl ImageEncoder, icc_profile: Option<&[u8]>) {
    if let Some(profile) = icc_profile {
        let _ = encoder.set_icc_profile(profile.to_vec());
    }
}

/// The pixels in a layout JPEG can hold: 8-bit gray or RGB (no alpha).
fn jpeg_pixels(image: &DynamicImage) -> DynamicImage {
    match image {
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => image.clone(),
        DynamicImage::ImageLuma16(_)
        | DynamicImage::ImageLumaA8(_)
        | DynamicImage::ImageLumaA16(_) => image.to_luma8().into(),
        _ => image.to_rgb8().into(),
    }
}

/// The pixels of a PNG copy: 8 bits a channel (what screens show; 16-bit
/// copies would be twice the size), gray stays gray, and an alpha channel
/// only when something is transparent.
fn png_pixels(image: &DynamicImage) -> DynamicImage {
    let color = image.color();
    let gray = !color.has_color();
    let opaque = !color.has_alpha() || image.to_rgba8().pixels().all(|p| p[3] == u8::MAX);
    match (gray, opaque) {
        (true, true) => image.to_luma8().into(),
        (true, false) => image.to_luma_alpha8().into(),
        (false, true) => image.to_rgb8().into(),
        (false, false) => image.to_rgba8().into(),
    }
}

/// The size of an SVG from its root `<svg>` element: `width` and `height`,
/// else the `viewBox` (a missing one of the two follows from its aspect ratio).
fn svg_dimensions(bytes: &[u8]) -> Result<(u32, u32), Error> {
    let text = std::str::from_utf8(bytes).map_err(|_| Error::SvgNotUtf8)?;
    let attributes = svg_root_attributes(text)?;
    let attribute = |name: &str| {
        attributes
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| *value)
    };
    let width = attribute("width").and_then(svg_length);
    let height = attribute("height").and_then(svg_length);
    let view_box = attribute("viewBox").and_then(view_box_size);
    let (width, height) = match (width, height, view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (_, _, Some(size)) => size,
        _ => return Err(Error::SvgWithoutSize),
    };
    Ok((to_pixels(width)?, to_pixels(height)?))
}

/// A length in CSS pixels, rounded, at least 1.
fn to_pixels(length: f64) -> Result<u32, Error> {
    if !(length.is_finite() && length > 0.0 && length <= f64::from(u32::MAX)) {
        return Err(Error::SvgSizeOutOfRange { length });
    }
    Ok((length.round() as u32).max(1))
}

/// A `width` or `height` value: a positive number, optionally in `px`.
/// Percentages and other units give `None`.
fn svg_length(value: &str) -> Option<f64> {
    let value = value.trim();
    let number = value.strip_suffix("px").unwrap_or(value).trim_end();
    positive(number)
}

/// The width and height of a `viewBox="min-x min-y width height"`.
fn view_box_size(value: &str) -> Option<(f64, f64)> {
    let numbers: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|part| !part.is_empty())
        .collect();
    match numbers.as_slice() {
        [x, y, w, h] if x.parse::<f64>().is_ok() && y.parse::<f64>().is_ok() => {
            Some((positive(w)?, positive(h)?))
        }
        _ => None,
    }
}

/// A finite number above zero.
fn positive(text: &str) -> Option<f64> {
    let starts_numeric = text.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '+');
    let number: f64 = text.parse().ok().filter(|_| starts_numeric)?;
    (number.is_finite() && number > 0.0).then_some(number)
}

/// The attributes (name, raw value) of the document's root element, which
/// must be `<svg>` (with or without a namespace prefix). The XML declaration,
/// comments, processing instructions and a DOCTYPE before it are skipped.
fn svg_root_attributes(text: &str) -> Result<Vec<(&str, &str)>, Error> {
    let not_svg = || Error::NotSvg;
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        let start = rest.find('<').ok_or_else(not_svg)?;
        rest = &rest[start..];
        let skip_to = if rest.starts_with("<!--") {
            rest.find("-->").map(|end| end + 3)
        } else if rest.starts_with("<?") {
            rest.find("?>").map(|end| end + 2)
        } else if rest.starts_with("<!") {
            declaration_end(rest)
        } else {
            break;
        };
        rest = &rest[skip_to.ok_or_else(not_svg)?..];
    }
    let tag = &rest[1..];
    let name_end = tag
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .ok_or_else(not_svg)?;
    let name = &tag[..name_end];
    if name.rsplit(':').next() != Some("svg") {
        return Err(not_svg());
    }
    parse_attributes(&tag[name_end..]).ok_or_else(not_svg)
}

/// The end of a `<!DOCTYPE …>` declaration, past an internal `[…]` subset.
fn declaration_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (index, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '>' if depth == 0 => return Some(index + 1),
            _ => {}
        }
    }
    None
}

/// The `name="value"` pairs of a start tag, up to its `>` or `/>`; `None`
/// for a tag that is cut off or malformed.
fn parse_attributes(mut tag: &str) -> Option<Vec<(&str, &str)>> {
    let mut attributes = Vec::new();
    loop {
        tag = tag.trim_start();
        if tag.starts_with('>') || tag.starts_with("/>") {
            return Some(attributes);
        }
        let (name, after) = tag.split_once('=')?;
        let name = name.trim();
        if name.is_empty() || name.contains(|c: char| c.is_whitespace() || c == '>') {
            return None;
        }
        let after = after.trim_start();
        let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let (value, remainder) = after[1..].split_once(quote)?;
        attributes.push((name, value));
        tag = remainder;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    /// A test picture with detail (gradients and a grid), so resizing and
    /// compression have something to do.
    fn picture(width: u32, height: u32) -> RgbaImage {
        RgbaImage::from_fn(width, height, |x, y| {
            let line = if x % 50 == 0 || y % 50 == 0 { 0 } else { 255 };
            Rgba([(x % 256) as u8, (y % 256) as u8, line, 255])
        })
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        picture(width, height)
            .write_with_encoder(PngEncoder::new(&mut bytes))
            .unwrap();
        bytes
    }

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let rgb = RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut bytes = Vec::new();
        rgb.write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, 90))
            .unwrap();
        bytes
    }

    /// The size and format of encoded bytes, decoded for real.
    fn decoded(bytes: &[u8]) -> (u32, u32, ImageFormat) {
        let reader = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .unwrap();
        let format = reader.format().unwrap();
        let image = reader.decode().unwrap();
        (image.width(), image.height(), format)
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(format_of("shot.png"), Some(Format::Png));
        assert_eq!(format_of("a/b/Shot.PNG"), Some(Format::Png));
        assert_eq!(format_of("foto.jpg"), Some(Format::Jpeg));
        assert_eq!(format_of("foto.JPEG"), Some(Format::Jpeg));
        assert_eq!(format_of("logo.Svg"), Some(Format::Svg));
        assert_eq!(format_of("film.gif"), None);
        assert_eq!(format_of("png"), None);
        assert_eq!(format_of("map.png/readme"), None);
        assert_eq!(format_of(""), None);
    }

    #[test]
    fn dimensions_from_headers() {
        assert_eq!(dimensions(&png(1600, 1000), Format::Png), Ok((1600, 1000)));
        assert_eq!(
            dimensions(&jpeg(1600, 1000), Format::Jpeg),
            Ok((1600, 1000))
        );
        assert_eq!(dimensions(&png(1, 1), Format::Png), Ok((1, 1)));
    }

    #[test]
    fn header_size_reads_the_header_only() {
        let size = |bytes: &[u8], format| header_size(Cursor::new(bytes), format);
        assert_eq!(size(&png(1600, 1000), Format::Png), Some((1600, 1000)));
        assert_eq!(size(&jpeg(64, 32), Format::Jpeg), Some((64, 32)));
        assert_eq!(size(&jpeg(64, 32), Format::Png), Some((64, 32)));
        assert_eq!(
            size(&png_header(1600, 1000), Format::Png),
            Some((1600, 1000))
        );
        assert_eq!(size(&png_header(0, 10), Format::Png), None);
        assert_eq!(size(&png_header(8000, 5001), Format::Png), None);
        assert_eq!(size(b"not an image", Format::Png), None);
    }

    #[test]
    fn content_wins_over_a_wrong_extension() {
        assert_eq!(dimensions(&jpeg(64, 32), Format::Png), Ok((64, 32)));
        // The copy has the declared format, so its file name stays right.
        let copies = variants(&jpeg(600, 300), Format::Png).unwrap();
        assert_eq!(decoded(&copies[0].bytes), (480, 240, ImageFormat::Png));
    }

    #[test]
    fn png_variants_for_each_smaller_width() {
        let copies = variants(&png(1000, 625), Format::Png).unwrap();
        let sizes: Vec<_> = copies.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(480, 300), (960, 600)]);
        for copy in &copies {
            assert_eq!(
                decoded(&copy.bytes),
                (copy.width, copy.height, ImageFormat::Png)
            );
        }
    }

    #[test]
    fn jpeg_variants_stay_jpeg() {
        let copies = variants(&jpeg(1000, 625), Format::Jpeg).unwrap();
        let sizes: Vec<_> = copies.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(480, 300), (960, 600)]);
        for copy in &copies {
            assert_eq!(
                decoded(&copy.bytes),
                (copy.width, copy.height, ImageFormat::Jpeg)
            );
        }
    }

    #[test]
    fn png_copies_are_8_bit_and_keep_only_needed_alpha() {
        use image::{ColorType, ImageBuffer, Luma};
        let color_of = |image: DynamicImage| {
            let mut bytes = Vec::new();
            image
                .write_with_encoder(PngEncoder::new(&mut bytes))
                .unwrap();
            let copy = &variants(&bytes, Format::Png).unwrap()[0].bytes;
            image::load_from_memory(copy).unwrap().color()
        };
        let opaque16 = DynamicImage::ImageRgba8(picture(600, 300)).to_rgba16();
        assert_eq!(color_of(opaque16.into()), ColorType::Rgb8);
        let mut transparent = picture(600, 300);
        transparent.put_pixel(10, 10, Rgba([0, 0, 0, 0]));
        assert_eq!(color_of(transparent.into()), ColorType::Rgba8);
        let gray16 = ImageBuffer::from_fn(600, 300, |x, _| Luma([(x * 100) as u16]));
        assert_eq!(color_of(DynamicImage::ImageLuma16(gray16)), ColorType::L8);
    }

    #[test]
    fn the_color_profile_is_kept() {
        let profile = b"a color profile, as far as the codecs care".to_vec();
        let profile_of = |bytes: &[u8]| {
            let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format();
            reader
                .unwrap()
                .into_decoder()
                .unwrap()
                .icc_profile()
                .unwrap()
        };
        let image = picture(600, 300);
        let mut png_bytes = Vec::new();
        let mut encoder = PngEncoder::new(&mut png_bytes);
        encoder.set_icc_profile(profile.clone()).unwrap();
        image.write_with_encoder(encoder).unwrap();
        let mut jpeg_bytes = Vec::new();
        let mut encoder = JpegEncoder::new(&mut jpeg_bytes);
        encoder.set_icc_profile(profile.clone()).unwrap();
        DynamicImage::ImageRgba8(image)
            .to_rgb8()
            .write_with_encoder(encoder)
            .unwrap();
        for (bytes, format) in [(png_bytes, Format::Png), (jpeg_bytes, Format::Jpeg)] {
            assert_eq!(profile_of(&bytes).as_ref(), Some(&profile), "{format:?}");
            let copy = &variants(&bytes, format).unwrap()[0].bytes;
            assert_eq!(profile_of(copy), Some(profile.clone()), "{format:?}");
        }
        // And none where there was none.
        let copy = &variants(&png(600, 300), Format::Png).unwrap()[0].bytes;
        assert_eq!(profile_of(copy), None);
    }

    #[test]
    fn never_upscales() {
        assert_eq!(variants(&png(400, 300), Format::Png), Ok(vec![]));
        assert_eq!(variants(&jpeg(480, 300), Format::Jpeg), Ok(vec![]));
        let copies = variants(&png(600, 1200), Format::Png).unwrap();
        let sizes: Vec<_> = copies.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(480, 960)]);
    }

    #[test]
    fn heights_are_rounded_and_never_zero() {
        assert_eq!(scaled_height(1000, 333, 480), 160); // 159.84
        assert_eq!(scaled_height(1000, 335, 480), 161); // 160.8
        assert_eq!(scaled_height(5000, 1, 480), 1); // 0.096
        assert_eq!(scaled_height(u32::MAX, u32::MAX, 480), 480);
        let copies = variants(&png(2000, 3), Format::Png).unwrap();
        assert_eq!((copies[0].width, copies[0].height), (480, 1));
    }

    #[test]
    fn variants_are_deterministic() {
        for (bytes, format) in [(png(1000, 50), Format::Png), (jpeg(1000, 50), Format::Jpeg)] {
            assert_eq!(variants(&bytes, format), variants(&bytes, format));
        }
    }

    #[test]
    fn copies_are_smaller_than_the_original() {
        // Pseudo-random noise: its encoded size grows with the pixel count.
        let mut state = 12345u32;
        let noise = RgbImage::from_fn(1000, 100, |_, _| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let [a, b, c, _] = state.to_be_bytes();
            Rgb([a, b, c])
        });
        let mut png_bytes = Vec::new();
        noise
            .write_with_encoder(PngEncoder::new(&mut png_bytes))
            .unwrap();
        for (original, format) in [(png_bytes, Format::Png), (jpeg(1000, 100), Format::Jpeg)] {
            let copies = variants(&original, format).unwrap();
            assert!(copies[0].bytes.len() < copies[1].bytes.len(), "{format:?}");
            assert!(copies[1].bytes.len() < original.len(), "{format:?}");
        }
    }

    #[test]
    fn corrupt_and_truncated_input_is_an_error() {
        for format in [Format::Png, Format::Jpeg] {
            assert!(dimensions(b"", format).is_err());
            assert!(variants(b"", format).is_err());
            assert!(dimensions(b"definitely not an image", format).is_err());
            assert!(variants(b"<svg width='3' height='4'/>", format).is_err());
        }
        let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
        assert!(dimensions(gif, Format::Png).is_err());
        // A PNG cut off after its header: the size reads, the pixels do not.
        let original = png(1600, 1000);
        let cut = &original[..original.len() / 2];
        assert_eq!(dimensions(cut, Format::Png), Ok((1600, 1000)));
        assert!(variants(cut, Format::Png).is_err());
        // A JPEG cut off at the end of its header has no pixels. (One cut off
        // halfway decodes with the rest gray, as in a browser.)
        let original = jpeg(1600, 1000);
        let scan = original.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
        assert!(variants(&original[..scan], Format::Jpeg).is_err());
    }

    #[test]
    fn no_panic_on_any_prefix_or_damaged_byte() {
        for (original, format) in [(png(490, 20), Format::Png), (jpeg(490, 20), Format::Jpeg)] {
            let step = (original.len() / 61).max(1);
            for end in (0..original.len()).step_by(step) {
                let _ = dimensions(&original[..end], format);
                let _ = variants(&original[..end], format);
            }
            for index in (0..original.len()).step_by(step) {
                let mut damaged = original.clone();
                damaged[index] ^= 0x5a;
                let _ = dimensions(&damaged, format);
                let _ = variants(&damaged, format);
            }
        }
    }

    /// A PNG whose header claims `width`×`height` (with a correct CRC), but
    /// no pixel data: an empty IDAT chunk, no IEND.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut chunk = b"IHDR".to_vec();
        chunk.extend(width.to_be_bytes());
        chunk.extend(height.to_be_bytes());
        chunk.extend([8, 6, 0, 0, 0]); // 8-bit RGBA
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.extend(13u32.to_be_bytes());
        bytes.extend(&chunk);
        bytes.extend(crc32(&chunk).to_be_bytes());
        bytes.extend(0u32.to_be_bytes()); // an empty IDAT chunk
        bytes.extend(b"IDAT");
        bytes.extend(crc32(b"IDAT").to_be_bytes());
        bytes
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in data {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn huge_images_are_refused_before_decoding() {
        let huge = png_header(100_000, 100_000);
        let too_large = Error::TooLarge {
            width: 100_000,
            height: 100_000,
        };
        assert_eq!(dimensions(&huge, Format::Png), Err(too_large.clone()));
        assert_eq!(variants(&huge, Format::Png), Err(too_large));
        // 40 megapixels exactly is allowed through to decoding (which then
        // fails here, for want of pixel data), one row more is not.
        let limit = variants(&png_header(8000, 5000), Format::Png).unwrap_err();
        assert!(!matches!(limit, Error::TooLarge { .. }), "{limit}");
        let over = variants(&png_header(8000, 5001), Format::Png).unwrap_err();
        assert!(matches!(over, Error::TooLarge { .. }), "{over}");
    }

    #[test]
    fn zero_sized_images_are_an_error() {
        assert!(dimensions(&png_header(0, 0), Format::Png).is_err());
        assert!(variants(&png_header(0, 10), Format::Png).is_err());
        assert!(dimensions(b"<svg width='0' height='0'/>", Format::Svg).is_err());
    }

    #[test]
    fn jpeg_orientation_is_applied() {
        // A 1200×600 JPEG with an EXIF block saying "rotate 90°" shows as
        // 600×1200, and so do its copies.
        let plain = jpeg(1200, 600);
        let exif: &[u8] =
            b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";
        let mut rotated = plain[..2].to_vec(); // SOI
        rotated.extend([0xFF, 0xE1]);
        rotated.extend(u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
        rotated.extend(exif);
        rotated.extend(&plain[2..]);
        assert_eq!(dimensions(&rotated, Format::Jpeg), Ok((600, 1200)));
        let copies = variants(&rotated, Format::Jpeg).unwrap();
        assert_eq!((copies[0].width, copies[0].height), (480, 960));
        assert_eq!(decoded(&copies[0].bytes), (480, 960, ImageFormat::Jpeg));
    }

    #[test]
    fn svg_size_from_width_and_height() {
        let svg = |text: &str| dimensions(text.as_bytes(), Format::Svg);
        assert_eq!(
            svg(r#"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"/>"#),
            Ok((320, 200))
        );
        assert_eq!(
            svg("<svg width='320px' height = ' 200.4px ' viewBox='0 0 1 1'></svg>"),
            Ok((320, 200))
        );
        assert_eq!(
            svg("<svg\n  height=\"50\"\n  width=\"10.5\">"),
            Ok((11, 50))
        );
    }

    #[test]
    fn svg_size_from_view_box() {
        let svg = |text: &str| dimensions(text.as_bytes(), Format::Svg);
        assert_eq!(
            svg(r#"<svg viewBox="0 0 640 480"><rect/></svg>"#),
            Ok((640, 480))
        );
        assert_eq!(svg(r#"<svg viewBox="-10,-10, 100,50.2"/>"#), Ok((100, 50)));
        // Units other than px, and percentages, fall back to the viewBox…
        assert_eq!(
            svg(r#"<svg width="100%" height="10cm" viewBox="0 0 64 48"/>"#),
            Ok((64, 48))
        );
        // …and one usable length scales it.
        assert_eq!(
            svg(r#"<svg width="320" viewBox="0 0 64 48"/>"#),
            Ok((320, 240))
        );
        assert_eq!(
            svg(r#"<svg height="96" width="auto" viewBox="0 0 64 48"/>"#),
            Ok((128, 96))
        );
    }

    #[test]
    fn svg_root_found_after_prolog() {
        let text = "\u{feff}<?xml version=\"1.0\"?>\n<!-- <svg width='1' height='1'> -->\n\
                    <!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\" [ <!ENTITY a \"b\"> ]>\n\
                    <svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"12\"/>";
        assert_eq!(dimensions(text.as_bytes(), Format::Svg), Ok((24, 12)));
        assert_eq!(variants(text.as_bytes(), Format::Svg), Ok(vec![]));
    }

    #[test]
    fn svg_without_size_is_an_error() {
        for text in [
            "<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>",
            "<svg width='10'/>",
            "<svg width='auto' height='auto' viewBox='0 0 0 10'/>",
            "<svg viewBox='0 0 10'/>",
            "<svg viewBox='0 0 inf 10'/>",
            "<svg width='NaN' height='1e999'/>",
            "<svg width='1e300' height='1e300'/>",
            "<html><svg width='1' height='1'/></html>",
            "<svgx width='1' height='1'/>",
            "<svg width='1' height='1",
            "<svg width=1 height=1>",
            "<!-- <svg width='1' height='1'/>",
            "",
        ] {
            assert!(dimensions(text.as_bytes(), Format::Svg).is_err(), "{text}");
        }
        assert!(dimensions(b"\xff\xfe<svg width='1' height='1'/>", Format::Svg).is_err());
    }
}
