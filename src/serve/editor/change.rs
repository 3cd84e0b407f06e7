//! A change request's values (the form's fields and text) as the text of a
//! page file: the fields become front matter through the one YAML writer
//! (`content::frontmatter::with_values`), keys the form does not show stay as
//! they were.

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::content::frontmatter::{self, Value};

/// What the form sends.
#[derive(Debug, Deserialize)]
pub(super) struct Change {
    /// The page's path under `content/`.
    pub pad: String,
    /// The hash of the file when the form was opened; "" for a new page.
    #[serde(default)]
    pub hash: String,
    pub velden: Fields,
    /// The Markdown text.
    pub tekst: String,
}

/// The form's fields, by front matter key; empty means "not set".
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Fields {
    pub title: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub audience: String,
    pub bands: Vec<String>,
    pub classes: Vec<String>,
    pub date: String,
    pub time: String,
    pub location: String,
    pub start: String,
    pub end: String,
    pub summary: String,
    pub color: String,
    pub draft: bool,
}

impl Change {
    pub(super) fn from_json(body: &[u8]) -> Option<Change> {
        serde_json::from_slice(body).ok()
    }
}

/// The file's text: `existing` (the file as it is, if any) with the form's
/// front matter values and text.
pub(super) fn file_text(existing: Option<&str>, fields: &Fields, body: &str) -> String {
    let existing = existing.map(|t| t.strip_prefix('\u{feff}').unwrap_or(t));
    let old = existing
        .and_then(|t| frontmatter::split(t).ok())
        .map(|s| s.front_matter)
        .unwrap_or("");
    let text = |s: &str| (!s.trim().is_empty()).then(|| Value::Text(s.trim().to_string()));
    let list = |v: &[String]| {
        let items: Vec<String> = v.iter().filter(|s| !s.trim().is_empty()).cloned().collect();
        (!items.is_empty()).then_some(Value::List(items))
    };
    let kind = fields.kind.trim();
    let mut set = vec![
        ("title", text(&fields.title)),
        ("type", text(kind).filter(|_| kind != "page")),
        (
            "audience",
            text(&fields.audience).filter(|_| fields.audience != "ouders"),
        ),
        ("bands", list(&fields.bands)),
        ("classes", list(&fields.classes)),
        ("date", text(&fields.date)),
        ("time", text(&fields.time)),
        ("location", text(&fields.location)),
        ("start", text(&fields.start)),
        ("end", text(&fields.end)),
        ("summary", text(&fields.summary)),
        ("draft", fields.draft.then_some(Value::Bool(true))),
    ];
    // A cap's color is its kind; other pages keep a color as it was.
    if kind == "cap" {
        set.push(("color", text(&fields.color)));
    }
    let front_matter = frontmatter::with_values(old, &set);
    let body = body.replace("\r\n", "\n");
    let newline = if body.ends_with('\n') || body.is_empty() {
        ""
    } else {
        "\n"
    };
    format!("---\n{front_matter}---\n{body}{newline}")
}

/// The hash the form carries to notice a change on disk since it opened.
pub(super) fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_becomes_front_matter_and_keeps_the_rest() {
        let old = "---\ntitle: Oud\nweight: 2\nslides: dia.md\ntime: 19:00\n---\nOude tekst\n";
        let fields = Fields {
            title: "Kanjerles: december".into(),
            kind: "news".into(),
            audience: "ouders".into(),
            classes: vec!["groep-5".into()],
            date: "2026-12-17".into(),
            ..Fields::default()
        };
        assert_eq!(
            file_text(Some(old), &fields, "Nieuwe tekst"),
            "---\ntitle: \"Kanjerles: december\"\nweight: 2\nslides: dia.md\ntype: news\nclasses: [groep-5]\ndate: 2026-12-17\n---\nNieuwe tekst\n"
        );
        let new = file_text(
            None,
            &Fields {
                title: "A".into(),
                ..Fields::default()
            },
            "B\r\n",
        );
        assert_eq!(new, "---\ntitle: A\n---\nB\n");
        assert_eq!(hash(b"").len(), 64);
    }
}
