//! A school's initials drawn as lines on its color: the logo `helder init`
//! gives a school until it has its own, and the app icon of a school without
//! a logo.
//!
//! The letters are drawn as SVG paths (our own simple stroke letters, written
//! by hand below), not as `<text>`: a text element needs a font, and the
//! PNG icons and the PowerPoint master are drawn where no font may be
//! installed. No crate offers a font-free set of capitals.

use std::fmt::Write;

/// Words that say nothing about which school it is (and any word ending in
/// "school").
const GENERIC: &[&str] = &[
    "basisschool",
    "school",
    "obs",
    "cbs",
    "pcbs",
    "rkbs",
    "ikc",
    "kindcentrum",
];

/// The telling initials of a school's name, at most two:
/// "Basisschool De Wilgenhoek" → "DW", "'t Kompas" → "TK".
pub(crate) fn of(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let telling: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| {
            let w = w.to_lowercase();
            // "Montessorischool", "Daltonschool": the kind of school.
            !GENERIC.contains(&w.as_str()) && !w.ends_with("school")
        })
        .collect();
    let from = if telling.is_empty() { &words } else { &telling };
    from.iter()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .take(2)
        .collect()
}

/// One letter: its width in units of a 14-unit-high capital, and its lines.
struct Glyph {
    width: f32,
    path: &'static str,
}

/// Capitals A-Z and digits, drawn on a grid where the capital runs from y=0
/// to y=14, with lines 2.4 units thick.
fn glyph(c: char) -> Option<Glyph> {
    let (width, path) = match c {
        'A' => (10.0, "M0,14 L5,0 L10,14 M1.9,9 L8.1,9"),
        'B' => (
            10.0,
            "M1,7 L6,7 Q9.5,7 9.5,3.5 Q9.5,0 6,0 L1,0 L1,14 L6.2,14 Q10,14 10,10.5 Q10,7 6.2,7",
        ),
        'C' => (10.0, "M9.6,2.2 A5.6,7 0 1 0 9.6,11.8"),
        'D' => (10.0, "M1,0 L1,14 L4.5,14 Q10,14 10,7 Q10,0 4.5,0 Z"),
        'E' => (9.0, "M9,0 L1,0 L1,14 L9,14 M1,7 L7.5,7"),
        'F' => (9.0, "M9,0 L1,0 L1,14 M1,7 L7.5,7"),
        'G' => (10.5, "M9.6,2.2 A5.6,7 0 1 0 10.2,9 L10.2,8 L6,8"),
        'H' => (10.0, "M1,0 L1,14 M9,0 L9,14 M1,7 L9,7"),
        'I' => (5.0, "M2.5,0 L2.5,14 M0,0 L5,0 M0,14 L5,14"),
        'J' => (9.0, "M8,0 L8,10 Q8,14 4.5,14 Q1,14 1,10.5"),
        'K' => (10.0, "M1,0 L1,14 M9.5,0 L1,8.5 M4,5.8 L9.5,14"),
        'L' => (9.0, "M1,0 L1,14 L9,14"),
        'M' => (12.0, "M1,14 L1,0 L6,9 L11,0 L11,14"),
        'N' => (10.0, "M1,14 L1,0 L9,14 L9,0"),
        'O' | '0' => (11.0, "M5.5,0 A5,7 0 1 0 5.5,14 A5,7 0 1 0 5.5,0 Z"),
        'P' => (10.0, "M1,14 L1,0 L6,0 Q10,0 10,4 Q10,8 6,8 L1,8"),
        'Q' => (
            11.0,
            "M5.5,0 A5,7 0 1 0 5.5,14 A5,7 0 1 0 5.5,0 Z M6.8,10 L11,14.5",
        ),
        'R' => (10.0, "M1,14 L1,0 L6,0 Q10,0 10,4 Q10,8 6,8 L1,8 M5.5,8 L10,14"),
        'S' => (
            10.0,
            "M9.3,2 Q8,0 5.3,0 Q1.3,0 1.3,3.6 Q1.3,6.4 5.3,7 Q9.8,7.6 9.8,10.6 Q9.8,14 5.3,14 Q2,14 0.8,11.8",
        ),
        'T' => (10.0, "M0.5,0 L9.5,0 M5,0 L5,14"),
        'U' => (10.0, "M1,0 L1,9.5 Q1,14 5,14 Q9,14 9,9.5 L9,0"),
        'V' => (10.0, "M0.5,0 L5,14 L9.5,0"),
        'W' => (13.0, "M0.5,0 L3.5,14 L6.5,3 L9.5,14 L12.5,0"),
        'X' => (10.0, "M1,0 L9,14 M9,0 L1,14"),
        'Y' => (10.0, "M0.5,0 L5,7 L9.5,0 M5,7 L5,14"),
        'Z' => (10.0, "M1,0 L9,0 L1,14 L9,14"),
        '1' => (7.0, "M1,3 L5,0 L5,14 M1.5,14 L8,14"),
        '2' => (9.0, "M1,3 Q2,0 5,0 Q9,0 9,4 Q9,7 1,14 L9,14"),
        '3' => (9.0, "M1,1 Q3,0 5,0 Q9,0 9,3.5 Q9,7 4.5,7 Q9.5,7 9.5,10.5 Q9.5,14 5,14 Q2,14 0.8,12.5"),
        '4' => (10.0, "M7.5,14 L7.5,0 L0.5,10 L10,10"),
        '5' => (9.0, "M8.5,0 L2,0 L1.3,6.3 Q3,5.5 5,5.5 Q9.5,5.5 9.5,9.8 Q9.5,14 5,14 Q2,14 0.8,12.5"),
        '6' => (9.5, "M8,1 Q6.5,0 5,0 Q1,0 1,8 Q1,14 5,14 Q9,14 9,9.7 Q9,5.5 5,5.5 Q2,5.5 1.1,7.5"),
        '7' => (9.0, "M0.5,0 L9,0 L3.5,14"),
        '8' => (
            9.5,
            "M4.75,7 Q1,7 1,3.5 Q1,0 4.75,0 Q8.5,0 8.5,3.5 Q8.5,7 4.75,7 Q9.2,7 9.2,10.5 Q9.2,14 4.75,14 Q0.3,14 0.3,10.5 Q0.3,7 4.75,7 Z",
        ),
        '9' => (9.5, "M8.4,6.5 Q7.5,8.5 4.5,8.5 Q0.5,8.5 0.5,4.3 Q0.5,0 4.5,0 Q8.5,0 8.5,6 Q8.5,14 4.5,14 Q3,14 1.5,13"),
        _ => return None,
    };
    Some(Glyph { width, path })
}

/// The capital of Latin letters with marks (É, Ü, Ş, İ...) that helder
/// draws; other letters have no drawing.
fn plain_capital(c: char) -> Option<char> {
    let c = c.to_uppercase().next()?;
    if c.is_ascii_alphanumeric() {
        return Some(c);
    }
    let plain = match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ą' => 'A',
        'Ç' | 'Ć' | 'Č' => 'C',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ę' | 'Ě' => 'E',
        'Ğ' => 'G',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' => 'I',
        'Ł' => 'L',
        'Ñ' | 'Ń' => 'N',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'O',
        'Ś' | 'Š' | 'Ş' => 'S',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        'Ý' | 'Ÿ' => 'Y',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        _ => return None,
    };
    Some(plain)
}

/// A school building, for a name whose initials helder can not draw.
const BUILDING: Glyph = Glyph {
    width: 14.0,
    path: "M0.5,6 L7,0.5 L13.5,6 M2,5 L2,14 L12,14 L12,5 M5.5,14 L5.5,9 L8.5,9 L8.5,14",
};

/// The initials of `name` as white lines on `color`, a square SVG of
/// `size` pixels with rounded corners (`round` of 0 for square ones).
/// `name` labels the drawing for screen readers.
pub(crate) fn svg(name: &str, color: &str, size: u32, round: u32) -> String {
    let glyphs: Vec<Glyph> = match of(name)
        .chars()
        .map(|c| plain_capital(c).and_then(glyph))
        .collect::<Option<Vec<_>>>()
    {
        Some(g) if !g.is_empty() => g,
        _ => vec![BUILDING],
    };
    const GAP: f32 = 2.8;
    let width: f32 = glyphs.iter().map(|g| g.width).sum::<f32>() + GAP * (glyphs.len() - 1) as f32;
    // The letters fill at most 62 % of the width and 40 % of the height of a
    // 64-unit square, centred.
    let scale = (64.0 * 0.62 / width).min(64.0 * 0.40 / 14.0);
    let (left, top) = (32.0 - width * scale / 2.0, 32.0 - 7.0 * scale);
    let mut lines = String::new();
    let mut x = 0.0;
    for g in &glyphs {
        let _ = write!(
            lines,
            "<path transform=\"translate({x})\" d=\"{}\"/>",
            g.path
        );
        x += g.width + GAP;
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" width=\"{size}\" height=\"{size}\" role=\"img\" aria-label=\"{name}\">\
         <rect width=\"64\" height=\"64\" rx=\"{round}\" fill=\"{color}\"/>\
         <g transform=\"translate({left:.2} {top:.2}) scale({scale:.4})\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2.4\" stroke-linecap=\"round\" stroke-linejoin=\"round\">{lines}</g></svg>\n",
        name = escape(name),
        color = escape(color),
    )
}

/// Text for an SVG attribute (this module imports nothing of the crate).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_tell_which_school_it_is() {
        assert_eq!(of("Basisschool De Wilgenhoek"), "DW");
        assert_eq!(of("Onze school"), "O");
        assert_eq!(of("School"), "S");
        assert_eq!(of("'t Kompas & co"), "TK");
        assert_eq!(of("Montessorischool De Eik"), "DE");
    }

    #[test]
    fn every_capital_and_digit_is_drawn() {
        for c in ('A'..='Z').chain('0'..='9') {
            let g = glyph(c).unwrap_or_else(|| panic!("{c} has no drawing"));
            assert!(g.width > 0.0 && g.path.starts_with('M'), "{c}");
        }
        assert_eq!(plain_capital('é'), Some('E'));
        assert_eq!(plain_capital('ş'), Some('S'));
        assert_eq!(plain_capital('ж'), None);
    }

    #[test]
    fn the_logo_draws_the_letters_as_lines_on_the_color() {
        let logo = svg("Basisschool De Wilgenhoek", "#0b5394", 64, 12);
        assert!(logo.contains("fill=\"#0b5394\""), "{logo}");
        assert_eq!(logo.matches("<path ").count(), 2, "{logo}");
        assert!(!logo.contains("<text"), "{logo}");
        assert!(logo.contains("aria-label=\"Basisschool De Wilgenhoek\""));
        // A name helder has no letters for gets the drawn building.
        let other = svg("مدرسة النور", "#123456", 64, 12);
        assert!(other.contains(BUILDING.path), "{other}");
        assert!(svg("A \"<b>\"", "#123", 64, 0).contains("aria-label=\"A &quot;&lt;b&gt;&quot;\""));
    }
}
