//! helder's own drawing of a cap, one per color: a cap seen from the side,
//! drawn by hand for this project (no outside material). The outline follows
//! the text color (`currentColor`), so the white cap shows on a white page
//! and the black cap on a dark one; the fill is the cap's own color, written
//! into the SVG so it also prints and shows without the style sheet.
//!
//! Written by hand: a few fixed paths, nothing a crate would add.

use crate::markdown::highlight::escape;
use crate::msg;

/// Fill and seam color of a cap (the seams must show on the fill).
fn colors(color: &str) -> Option<(&'static str, &'static str)> {
    Some(match color {
        "wit" => ("#ffffff", "#8c939b"),
        "zwart" => ("#1c1c1c", "#9a9a9a"),
        "rood" => ("#c8102e", "#6e0719"),
        "geel" => ("#f6c700", "#8f7400"),
        _ => return None,
    })
}

/// The drawing as inline SVG. With `label` it is an image with that name
/// (`role="img"`); without, decoration beside text that names the cap.
/// `None` for an unknown color.
pub(crate) fn drawing(color: &str, label: Option<&str>) -> Option<String> {
    let (fill, seam) = colors(color)?;
    let a11y = match label {
        Some(l) => format!("role=\"img\" aria-label=\"{}\"", escape(l)),
        None => "aria-hidden=\"true\" focusable=\"false\"".to_string(),
    };
    Some(format!(
        concat!(
            "<svg class=\"cap-drawing\" viewBox=\"0 0 120 76\" width=\"120\" height=\"76\" {a11y}>",
            // the brim, then the crown over it, its band, seams and button
            "<path d=\"M40 52C22 52 6 56 3 64c14 5 40 4 60-3z\" fill=\"{fill}\" stroke=\"currentColor\" stroke-width=\"3\" stroke-linejoin=\"round\"/>",
            "<path d=\"M28 58C26 30 44 12 68 12s42 18 42 46z\" fill=\"{fill}\" stroke=\"currentColor\" stroke-width=\"3\" stroke-linejoin=\"round\"/>",
            "<path d=\"M68 13c-9 12-12 28-11 44M68 13c10 12 17 28 19 44\" fill=\"none\" stroke=\"{seam}\" stroke-width=\"2.5\"/>",
            "<path d=\"M29 52h80\" fill=\"none\" stroke=\"{seam}\" stroke-width=\"2.5\"/>",
            "<circle cx=\"68\" cy=\"11\" r=\"5\" fill=\"{fill}\" stroke=\"currentColor\" stroke-width=\"2.5\"/>",
            "</svg>"
        ),
        a11y = a11y,
        fill = fill,
        seam = seam
    ))
}

/// `cap_drawing(color="rood", label="...")` for templates and shortcodes.
pub(crate) fn tera_function(
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let color = args
        .get("color")
        .and_then(tera::Value::as_str)
        .ok_or_else(|| tera::Error::msg(msg!("thema.pet-kleur-nodig")))?;
    let label = args.get("label").and_then(tera::Value::as_str);
    drawing(color, label)
        .map(tera::Value::String)
        .ok_or_else(|| tera::Error::msg(msg!("thema.pet-kleur-onbekend", kleur = color)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cap_has_a_drawing_with_a_name_or_hidden() {
        for c in ["wit", "zwart", "rood", "geel"] {
            let named = drawing(c, Some("De \"witte\" pet")).unwrap();
            assert!(named.contains("role=\"img\" aria-label=\"De &quot;witte&quot; pet\""));
            let plain = drawing(c, None).unwrap();
            assert!(plain.contains("aria-hidden=\"true\""));
            assert!(
                plain.contains("stroke=\"currentColor\""),
                "outline follows the text"
            );
        }
        assert!(drawing("blauw", None).is_none());
    }
}
