//! `book.toml` → [`Config`] (spec §3).
//!
//! Two layers: `raw` mirrors the file with spans (so a bad value can be reported
//! at its line), and [`Config`] is the checked, plain result the rest of the
//! pipeline uses. Unknown keys are errors, as in mdBook 0.5.

mod check;
pub(crate) mod keyword;
mod raw;

use std::path::{Path, PathBuf};

use chrono_tz::Tz;

use crate::error::{did_you_mean, line_col, Diagnostic, Errors};
use crate::msg;
pub(crate) use keyword::keyword_enum;

pub(crate) const CONFIG_FILE: &str = "book.toml";

#[derive(Debug, Clone)]
pub struct Config {
    /// The site's root folder (where book.toml is).
    pub root: PathBuf,
    pub title: String,
    /// Default content language, e.g. `nl` or `nl-BE`.
    pub language: String,
    pub description: String,
    pub authors: Vec<String>,
    /// Without trailing slash.
    pub base_url: Option<String>,
    pub theme: String,
    pub output_dir: PathBuf,
    pub safe_html: bool,
    pub school: School,
    pub bands: Vec<Band>,
    pub classes: Vec<Class>,
    /// Extra languages, sorted by code.
    pub languages: Vec<Language>,
    pub plain_language: PlainLanguage,
    /// The ids of the private sites (`[privacy] private`, spec §6): their
    /// pages are encrypted in the output.
    pub private: Vec<String>,
    /// Things that work but should be better (a color with too little
    /// contrast): shown, never fatal.
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct School {
    pub portal_url: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub color: Option<String>,
    pub logo: Option<String>,
    /// Checked once, when the config is read.
    #[serde(serialize_with = "serialize_timezone")]
    pub timezone: Tz,
    /// The agreed posting rhythm in days (spec §7); None: not checked.
    pub post_every: Option<u32>,
}

fn serialize_timezone<S: serde::Serializer>(tz: &Tz, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(tz.name())
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Band {
    pub id: String,
    pub name: String,
    pub color: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Class {
    pub id: String,
    pub name: String,
    pub bands: Vec<String>,
    pub teacher: Option<String>,
    pub color: Option<String>,
    /// Where parents of this class send a question (else the school's).
    pub email: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub direction: TextDirection,
}

keyword_enum! {
    /// Which way a language is written.
    pub enum TextDirection {
        Ltr = "ltr",
        Rtl = "rtl",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainLanguage {
    /// The level parent pages should not go above.
    pub level: CefrLevel,
    pub max_sentence_words: usize,
    pub fail_on: FailOn,
    pub glossary: Option<PathBuf>,
}

keyword_enum! {
    /// A level of the Common European Framework of Reference for languages,
    /// easiest first: `A1 < B1`.
    pub enum CefrLevel {
        A1 = "A1",
        A2 = "A2",
        B1 = "B1",
        B2 = "B2",
        C1 = "C1",
        C2 = "C2",
    }
}

keyword_enum! {
    /// Which plain-language findings fail a build.
    pub enum FailOn {
        None = "none",
        Warning = "warning",
        Error = "error",
    }
}

impl Config {
    /// Is the site with this id (`team`, `training`, a band's or class's id)
    /// private?
    pub fn is_private(&self, site_id: &str) -> bool {
        self.private.iter().any(|p| p == site_id)
    }

    pub fn band(&self, id: &str) -> Option<&Band> {
        self.bands.iter().find(|b| b.id == id)
    }

    pub fn class(&self, id: &str) -> Option<&Class> {
        self.classes.iter().find(|c| c.id == id)
    }

    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }

    /// Where parents of a site send a question or reply (spec §7): the
    /// class's `email` on a class site, else the school's.
    pub fn reply_email(&self, site: &crate::site::SiteId) -> Option<&str> {
        let class = match site {
            crate::site::SiteId::Class(id) => self.class(id).and_then(|c| c.email.as_deref()),
            _ => None,
        };
        class.or(self.school.email.as_deref())
    }

    /// The accent color of the school site.
    pub fn school_color(&self) -> &str {
        self.school.color.as_deref().unwrap_or(DEFAULT_COLOR)
    }

    /// Reads and checks `book.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Errors> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Diagnostic::usage(msg!(
                    "config.geen-bestand",
                    bestand = CONFIG_FILE,
                    map = root.display()
                ))
                .help(msg!("config.geen-bestand-hulp"))
                .into())
            }
            Err(e) => return Err(Diagnostic::io(&path, &msg!("config.io-lezen"), &e).into()),
        };
        Config::parse(root, &text)
    }

    /// Parses and checks the text of a `book.toml` belonging to `root`.
    pub fn parse(root: &Path, text: &str) -> Result<Config, Errors> {
        let file = PathBuf::from(CONFIG_FILE);
        let raw: raw::Book = toml::from_str(text).map_err(|e| {
            let (message, help) = toml_message(&e);
            let mut d = Diagnostic::site(message).in_file(&file).help(help);
            if let Some(span) = e.span() {
                let (line, column) = line_col(text, span.start);
                d = d.at(line, column);
            }
            Errors::from(d)
        })?;
        check::Checker {
            root,
            text,
            file,
            errors: Errors::new(),
            warnings: Vec::new(),
        }
        .check(raw)
    }
}

pub(crate) const DEFAULT_COLOR: &str = "#0b5394";
/// Private when book.toml says nothing: what is not meant for parents.
pub(crate) const DEFAULT_PRIVATE: [&str; 2] = ["team", "training"];

pub(crate) const DEFAULT_TIMEZONE: Tz = chrono_tz::Europe::Amsterdam;

/// The toml crate's error in Dutch, with what to do. Its text is English and
/// one line (its Display repeats the source, which we show ourselves through
/// file:line:column); the usual cases get their own text, the rest keep
/// toml's words as a technical detail.
fn toml_message(e: &toml::de::Error) -> (String, String) {
    let message = e.message().trim();
    let quoted = |after: &str| -> Option<String> {
        let rest = message.split(after).nth(1)?;
        Some(rest.split('`').nth(1)?.to_string())
    };
    if let Some(key) = message
        .strip_prefix("unknown field")
        .and_then(|_| quoted("unknown field"))
    {
        let known: Vec<String> = message
            .split("expected")
            .nth(1)
            .unwrap_or("")
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        let help = match did_you_mean(&key, known.iter().map(String::as_str)) {
            Some(m) => msg!("config.onbekende-sleutel-bedoel", sleutel = m),
            None if known.is_empty() => msg!("config.onbekende-sleutel-hulp"),
            None => msg!("config.onbekende-sleutel-kies", sleutels = known.join(", ")),
        };
        (msg!("config.onbekende-sleutel", sleutel = key), help)
    } else if let Some(key) = message
        .strip_prefix("missing field")
        .and_then(|_| quoted("missing field"))
    {
        (
            msg!("config.sleutel-ontbreekt", sleutel = key),
            msg!("config.sleutel-ontbreekt-hulp", sleutel = key),
        )
    } else if message.starts_with("duplicate key") {
        (
            msg!("config.dubbele-sleutel"),
            msg!("config.dubbele-sleutel-hulp"),
        )
    } else if message.contains("string") && message.contains("expected `\"`") {
        (
            msg!("config.aanhalingsteken-open"),
            msg!("config.aanhalingsteken-open-hulp"),
        )
    } else if message.contains("expected `.`, `=`") || message.contains("expected `=`") {
        (
            msg!("config.is-teken-mist"),
            msg!("config.is-teken-mist-hulp"),
        )
    } else if message.starts_with("invalid type") {
        (
            msg!("config.verkeerde-soort"),
            msg!("config.verkeerde-soort-hulp"),
        )
    } else {
        (
            msg!("config.toml-fout", detail = message),
            msg!("config.toml-fout-hulp"),
        )
    }
}

/// WCAG contrast ratio of a `#rgb`/`#rrggbb` color with white.
pub(crate) fn contrast_with_white(color: &str) -> f64 {
    let hex = color.trim_start_matches('#');
    let hex: String = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex.to_string()
    };
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0))
            / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    1.05 / (luminance + 0.05)
}

/// a-z, 0-9 and '-', not empty, not starting or ending with '-'.
pub(crate) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `nl`, `nl-BE`, `en`, `pt-BR`, `zh-Hans`...
pub(crate) fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

pub(crate) fn is_hex_color(s: &str) -> bool {
    let Some(hex) = s.strip_prefix('#') else {
        return false;
    };
    (hex.len() == 6 || hex.len() == 3) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Errors> {
        Config::parse(Path::new("/nonexistent"), text)
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("[book]\ntitle = \"De Linde\"\n").unwrap();
        assert_eq!(c.language, "nl");
        assert_eq!(c.theme, "helder");
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(c.school.timezone, chrono_tz::Europe::Amsterdam);
        assert_eq!(c.plain_language.level, CefrLevel::B1);
        assert_eq!(c.plain_language.max_sentence_words, 20);
        assert_eq!(c.plain_language.fail_on, FailOn::Error);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = parse("[book]\ntitle = \"x\"\ntitel = \"y\"\n").unwrap_err();
        let d = &err.0[0];
        assert!(d.message.contains("titel"), "{}", d.message);
        assert_eq!(d.line, Some(3));
        assert_eq!(d.file.as_deref(), Some(Path::new("book.toml")));
    }

    #[test]
    fn class_with_unknown_band_is_an_error_with_hint() {
        let err = parse(
            "[book]\ntitle = \"x\"\n[[band]]\nid = \"onderbouw\"\nname = \"O\"\n[[class]]\nid = \"groep-1\"\nname = \"G\"\nbands = [\"onderbow\"]\n",
        )
        .unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err.0[0].line, Some(9));
        assert!(err.0[0].help.as_deref().unwrap().contains("onderbouw"));
    }

    #[test]
    fn all_bad_values_are_reported_together() {
        let err = parse(
            "[book]\ntitle = \"x\"\n[school]\ncolor = \"blue\"\n[[band]]\nid = \"Onder Bouw\"\nname = \"O\"\n[plain-language]\nfail-on = \"always\"\n",
        )
        .unwrap_err();
        assert_eq!(err.len(), 3, "{err}");
    }

    #[test]
    fn duplicate_and_reserved_ids_are_errors() {
        let err = parse(
            "[book]\ntitle = \"x\"\n[[band]]\nid = \"a\"\nname = \"A\"\n[[band]]\nid = \"a\"\nname = \"A2\"\n[[class]]\nid = \"team\"\nname = \"T\"\n",
        )
        .unwrap_err();
        assert_eq!(err.len(), 2, "{err}");
    }

    #[test]
    fn light_colors_get_a_contrast_warning() {
        assert!((contrast_with_white("#ffffff") - 1.0).abs() < 1e-9);
        assert!((contrast_with_white("#000") - 21.0).abs() < 1e-9);
        let c = parse("[book]\ntitle = \"x\"\n[school]\ncolor = \"#0b5394\"\n[[band]]\nid = \"a\"\nname = \"A\"\ncolor = \"#ffd700\"\n").unwrap();
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        assert_eq!(c.warnings[0].line, Some(8));
        assert!(c.warnings[0].message.contains("#ffd700"));
    }

    #[test]
    fn toml_errors_say_what_to_write() {
        let err = parse("[book]\ntitle = \"x\nlanguage = \"nl\"\n").unwrap_err();
        assert!(err.0[0].message.contains("aanhalingsteken"), "{err}");
        let err = parse("[book]\ntitle \"x\"\n").unwrap_err();
        assert_eq!(err.0[0].message, "hier mist een =");
        let err = parse("[book]\ntitel = \"x\"\n").unwrap_err();
        assert_eq!(err.0[0].help.as_deref(), Some("bedoel je `title`?"));
    }

    #[test]
    fn typed_values_are_read_once() {
        let c = parse(
            "[book]\ntitle = \"x\"\n[school]\ntimezone = \"Europe/Brussels\"\n[languages.ar]\ndirection = \"rtl\"\n[languages.pl]\n[plain-language]\nlevel = \"A2\"\nfail-on = \"warning\"\n",
        )
        .unwrap();
        assert_eq!(c.school.timezone, chrono_tz::Europe::Brussels);
        assert_eq!(c.languages[0].direction, TextDirection::Rtl);
        assert_eq!(c.languages[1].direction, TextDirection::Ltr);
        assert_eq!(c.plain_language.level, CefrLevel::A2);
        assert!(CefrLevel::A2 < CefrLevel::B1 && CefrLevel::B1 < CefrLevel::C2);
        assert_eq!(c.plain_language.fail_on, FailOn::Warning);
        let json = serde_json::to_value(&c.school).unwrap();
        assert_eq!(json["timezone"], "Europe/Brussels");
    }

    #[test]
    fn id_rules() {
        assert!(is_id("groep-1-2a"));
        assert!(!is_id("Groep"));
        assert!(!is_id("-a"));
        assert!(!is_id(""));
        assert!(is_language_tag("nl-BE"));
        assert!(!is_language_tag("dutch"));
    }
}
