//! `book.toml` → [`Config`] (spec §3).
//!
//! Two layers: `raw` mirrors the file with spans (so a bad value can be reported
//! at its line), and [`Config`] is the checked, plain result the rest of the
//! pipeline uses. Unknown keys are errors, as in mdBook 0.5.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::error::{did_you_mean, line_col, Diagnostic, Errors};
use crate::msg;

pub const CONFIG_FILE: &str = "book.toml";

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
    pub timezone: String,
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
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Language {
    pub code: String,
    pub name: String,
    /// `ltr` or `rtl`.
    pub direction: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainLanguage {
    pub level: String,
    pub max_sentence_words: usize,
    pub fail_on: FailOn,
    pub glossary: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    None,
    Warning,
    Error,
}

impl Config {
    pub fn band(&self, id: &str) -> Option<&Band> {
        self.bands.iter().find(|b| b.id == id)
    }

    pub fn class(&self, id: &str) -> Option<&Class> {
        self.classes.iter().find(|c| c.id == id)
    }

    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
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
        Checker {
            text,
            file,
            errors: Errors::new(),
            warnings: Vec::new(),
        }
        .check(root, raw)
    }
}

pub const DEFAULT_COLOR: &str = "#0b5394";
pub const DEFAULT_TIMEZONE: &str = "Europe/Amsterdam";

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

/// Walks the raw file, collecting every bad value with its line.
struct Checker<'a> {
    text: &'a str,
    file: PathBuf,
    errors: Errors,
    warnings: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error_at(&mut self, span: std::ops::Range<usize>, message: String, help: &str) {
        let (line, column) = line_col(self.text, span.start);
        self.errors.push(
            Diagnostic::site(message)
                .in_file(&self.file)
                .at(line, column)
                .help(help),
        );
    }

    fn error(&mut self, message: String, help: &str) {
        self.errors
            .push(Diagnostic::site(message).in_file(&self.file).help(help));
    }

    fn check(mut self, root: &Path, raw: raw::Book) -> Result<Config, Errors> {
        let book = raw.book.unwrap_or_default();
        let title = match book.title {
            Some(t) if !t.get_ref().trim().is_empty() => t.into_inner(),
            Some(t) => {
                self.error_at(
                    t.span(),
                    msg!("config.titel-leeg"),
                    &msg!("config.titel-leeg-hulp"),
                );
                String::new()
            }
            None => {
                self.error(
                    msg!("config.titel-ontbreekt"),
                    &msg!("config.titel-ontbreekt-hulp"),
                );
                String::new()
            }
        };
        let language = match book.language {
            Some(l) => {
                let span = l.span();
                let l = l.into_inner();
                if !is_language_tag(&l) {
                    self.error_at(
                        span,
                        msg!("config.taal-fout", taal = l),
                        &msg!("config.taal-fout-hulp"),
                    );
                }
                l
            }
            None => "nl".to_string(),
        };

        let site = raw.site.unwrap_or_default();
        let base_url = match site.base_url {
            Some(u) => {
                let span = u.span();
                let u = u.into_inner();
                if !(u.starts_with("https://") || u.starts_with("http://")) {
                    self.error_at(
                        span,
                        msg!("config.base-url-fout", adres = u),
                        &msg!("config.base-url-fout-hulp"),
                    );
                }
                Some(u.trim_end_matches('/').to_string())
            }
            None => None,
        };
        let theme = match site.theme {
            Some(t) => {
                let span = t.span();
                let t = t.into_inner();
                if !is_id(&t) {
                    self.error_at(
                        span,
                        msg!("config.thema-naam-fout", thema = t),
                        &msg!("config.thema-naam-fout-hulp"),
                    );
                } else if t != "helder" && !root.join("themes").join(&t).is_dir() {
                    self.error_at(
                        span,
                        msg!("config.thema-niet-gevonden", thema = t),
                        &msg!("config.thema-niet-gevonden-hulp"),
                    );
                }
                t
            }
            None => "helder".to_string(),
        };
        let output_dir = match site.output_dir {
            Some(o) => {
                let span = o.span();
                let o = o.into_inner();
                if o.trim().is_empty() {
                    self.error_at(
                        span,
                        msg!("config.output-dir-leeg"),
                        &msg!("config.output-dir-leeg-hulp"),
                    );
                }
                PathBuf::from(o)
            }
            None => PathBuf::from("public"),
        };

        let raw_school = raw.school.unwrap_or_default();
        let school = School {
            portal_url: self.url("[school] portal-url", raw_school.portal_url),
            email: raw_school.email.map(|e| {
                let span = e.span();
                let e = e.into_inner();
                if !e.contains('@') || e.contains(char::is_whitespace) {
                    self.error_at(
                        span,
                        msg!("config.email-fout", email = e),
                        &msg!("config.email-fout-hulp"),
                    );
                }
                e
            }),
            phone: raw_school.phone.map(|p| p.into_inner()),
            color: self.color("[school] color", raw_school.color),
            logo: raw_school.logo.map(|l| {
                let span = l.span();
                let l = l.into_inner();
                if !root.join(&l).is_file() {
                    self.error_at(
                        span,
                        msg!("config.logo-niet-gevonden", logo = l),
                        &msg!("config.logo-niet-gevonden-hulp"),
                    );
                }
                l
            }),
            timezone: match raw_school.timezone {
                Some(tz) => {
                    let span = tz.span();
                    let tz = tz.into_inner();
                    if tz.parse::<chrono_tz::Tz>().is_err() {
                        let help = match crate::error::did_you_mean(
                            &tz,
                            chrono_tz::TZ_VARIANTS.iter().map(|t| t.name()),
                        ) {
                            Some(name) => msg!("config.tijdzone-bedoel", tijdzone = name),
                            None => msg!("config.tijdzone-fout-hulp"),
                        };
                        self.error_at(span, msg!("config.tijdzone-fout", tijdzone = tz), &help);
                    }
                    tz
                }
                None => DEFAULT_TIMEZONE.to_string(),
            },
        };

        let languages = self.languages(&language, raw.languages.unwrap_or_default());
        let mut taken: BTreeMap<String, String> = crate::site::layout::reserved_at_root()
            .iter()
            .map(|s| (s.to_string(), msg!("config.bezet-gereserveerd")))
            .collect();
        for l in &languages {
            taken.insert(l.code.clone(), msg!("config.bezet-taal"));
        }
        taken.insert(language.clone(), msg!("config.bezet-taal"));

        let mut bands = Vec::new();
        for b in raw.band.unwrap_or_default() {
            let id = self.id(
                &msg!("config.soort-bouw"),
                b.id,
                &mut taken,
                msg!("config.bezet-bouw"),
            );
            bands.push(Band {
                id,
                name: b.name.into_inner(),
                color: self.color("[[band]] color", b.color),
            });
        }
        let band_ids: BTreeSet<String> = bands.iter().map(|b| b.id.clone()).collect();
        let mut classes = Vec::new();
        for c in raw.class.unwrap_or_default() {
            let id = self.id(
                &msg!("config.soort-klas"),
                c.id,
                &mut taken,
                msg!("config.bezet-klas"),
            );
            let mut class_bands = Vec::new();
            for b in c.bands.unwrap_or_default() {
                let span = b.span();
                let b = b.into_inner();
                if !band_ids.contains(&b) {
                    let hint = match did_you_mean(&b, band_ids.iter().map(String::as_str)) {
                        Some(m) => msg!("config.klas-bouw-bedoel", bouw = m),
                        None => msg!("config.klas-bouw-hulp"),
                    };
                    self.error_at(
                        span,
                        msg!("config.klas-bouw-onbekend", klas = id, bouw = b),
                        &hint,
                    );
                }
                class_bands.push(b);
            }
            classes.push(Class {
                id,
                name: c.name.into_inner(),
                bands: class_bands,
                teacher: c.teacher.map(|t| t.into_inner()),
                color: self.color("[[class]] color", c.color),
            });
        }

        let pl = raw.plain_language.unwrap_or_default();
        let plain_language = PlainLanguage {
            level: match pl.level {
                Some(l) => {
                    let span = l.span();
                    let l = l.into_inner();
                    if !["A1", "A2", "B1", "B2", "C1", "C2"].contains(&l.as_str()) {
                        self.error_at(
                            span,
                            msg!("config.niveau-fout", niveau = l),
                            &msg!("config.niveau-fout-hulp"),
                        );
                    }
                    l
                }
                None => "B1".into(),
            },
            max_sentence_words: match pl.max_sentence_words {
                Some(n) => {
                    let span = n.span();
                    let n = n.into_inner();
                    if !(5..=100).contains(&n) {
                        self.error_at(
                            span,
                            msg!("config.zinslengte-fout", aantal = n),
                            &msg!("config.zinslengte-fout-hulp"),
                        );
                    }
                    n.clamp(0, 1000) as usize
                }
                None => 20,
            },
            fail_on: match pl.fail_on {
                Some(f) => {
                    let span = f.span();
                    match f.get_ref().as_str() {
                        "none" => FailOn::None,
                        "warning" => FailOn::Warning,
                        "error" => FailOn::Error,
                        other => {
                            let other = other.to_string();
                            self.error_at(
                                span,
                                msg!("config.fail-on-fout", waarde = other),
                                &msg!("config.fail-on-fout-hulp"),
                            );
                            FailOn::Error
                        }
                    }
                }
                None => FailOn::Error,
            },
            glossary: pl.glossary.map(|g| {
                let span = g.span();
                let g = PathBuf::from(g.into_inner());
                if !root.join(&g).is_file() {
                    self.error_at(
                        span,
                        msg!("config.woordenlijst-niet-gevonden", bestand = g.display()),
                        &msg!("config.woordenlijst-niet-gevonden-hulp"),
                    );
                }
                g
            }),
        };

        let config = Config {
            root: root.to_path_buf(),
            title,
            language,
            description: book.description.unwrap_or_default(),
            authors: book.authors.unwrap_or_default(),
            base_url,
            theme,
            output_dir,
            safe_html: site.safe_html.unwrap_or(false),
            school,
            bands,
            classes,
            languages,
            plain_language,
            warnings: std::mem::take(&mut self.warnings),
        };
        self.errors.into_result(config)
    }

    fn id(
        &mut self,
        kind: &str,
        id: toml::Spanned<String>,
        taken: &mut BTreeMap<String, String>,
        what: String,
    ) -> String {
        let span = id.span();
        let id = id.into_inner();
        if !is_id(&id) {
            self.error_at(
                span,
                msg!("config.id-fout", soort = kind, id = id),
                &msg!("config.id-fout-hulp"),
            );
        } else if let Some(previous) = taken.get(&id) {
            self.error_at(
                span,
                msg!("config.id-bezet", soort = kind, id = id, al = previous),
                &msg!("config.id-bezet-hulp"),
            );
        } else {
            taken.insert(id.clone(), what);
        }
        id
    }

    fn color(&mut self, key: &str, color: Option<toml::Spanned<String>>) -> Option<String> {
        let color = color?;
        let span = color.span();
        let color = color.into_inner();
        if !is_hex_color(&color) {
            self.error_at(
                span,
                msg!("config.kleur-fout", sleutel = key, kleur = color),
                &msg!("config.kleur-fout-hulp"),
            );
        } else {
            // The site's header puts white text on this color (WCAG AA: 4.5:1).
            let ratio = contrast_with_white(&color);
            if ratio < 4.5 {
                let (line, column) = line_col(self.text, span.start);
                self.warnings.push(
                    Diagnostic::site(msg!(
                        "config.kleur-contrast",
                        sleutel = key,
                        kleur = color,
                        contrast = format!("{ratio:.1}").replace('.', ",")
                    ))
                    .in_file(&self.file)
                    .at(line, column)
                    .help(msg!("config.kleur-contrast-hulp")),
                );
            }
        }
        Some(color.to_ascii_lowercase())
    }

    fn url(&mut self, key: &str, url: Option<toml::Spanned<String>>) -> Option<String> {
        let url = url?;
        let span = url.span();
        let url = url.into_inner();
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            self.error_at(
                span,
                msg!("config.adres-fout", sleutel = key, adres = url),
                &msg!("config.adres-fout-hulp"),
            );
        }
        Some(url)
    }

    fn languages(
        &mut self,
        default: &str,
        raw: BTreeMap<String, toml::Spanned<raw::Language>>,
    ) -> Vec<Language> {
        let mut out = Vec::new();
        for (code, lang) in raw {
            let span = lang.span();
            let lang = lang.into_inner();
            if !is_language_tag(&code) {
                self.error_at(
                    span.clone(),
                    msg!("config.extra-taal-fout", taal = code),
                    &msg!("config.extra-taal-fout-hulp"),
                );
            }
            if code == default {
                self.error_at(
                    span.clone(),
                    msg!("config.extra-taal-standaard", taal = code),
                    &msg!("config.extra-taal-standaard-hulp"),
                );
            }
            let direction = lang.direction.unwrap_or_else(|| "ltr".into());
            if direction != "ltr" && direction != "rtl" {
                self.error_at(
                    span.clone(),
                    msg!("config.richting-fout", taal = code, richting = direction),
                    &msg!("config.richting-fout-hulp"),
                );
            }
            out.push(Language {
                name: lang.name.unwrap_or_else(|| code.clone()),
                code,
                direction,
            });
        }
        out
    }
}

/// WCAG contrast ratio of a `#rgb`/`#rrggbb` color with white.
pub fn contrast_with_white(color: &str) -> f64 {
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
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `nl`, `nl-BE`, `en`, `pt-BR`, `zh-Hans`...
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

pub fn is_hex_color(s: &str) -> bool {
    let Some(hex) = s.strip_prefix('#') else {
        return false;
    };
    (hex.len() == 6 || hex.len() == 3) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The file as written, with spans for error positions.
mod raw {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use toml::Spanned;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct Book {
        pub book: Option<BookTable>,
        pub site: Option<Site>,
        pub school: Option<School>,
        pub band: Option<Vec<Band>>,
        pub class: Option<Vec<Class>>,
        pub languages: Option<BTreeMap<String, Spanned<Language>>>,
        pub plain_language: Option<PlainLanguage>,
    }

    #[derive(Deserialize, Default)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct BookTable {
        pub title: Option<Spanned<String>>,
        pub language: Option<Spanned<String>>,
        pub description: Option<String>,
        pub authors: Option<Vec<String>>,
    }

    #[derive(Deserialize, Default)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct Site {
        pub base_url: Option<Spanned<String>>,
        pub theme: Option<Spanned<String>>,
        pub output_dir: Option<Spanned<String>>,
        pub safe_html: Option<bool>,
    }

    #[derive(Deserialize, Default)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct School {
        pub portal_url: Option<Spanned<String>>,
        pub email: Option<Spanned<String>>,
        pub phone: Option<Spanned<String>>,
        pub color: Option<Spanned<String>>,
        pub logo: Option<Spanned<String>>,
        pub timezone: Option<Spanned<String>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct Band {
        pub id: Spanned<String>,
        pub name: Spanned<String>,
        pub color: Option<Spanned<String>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct Class {
        pub id: Spanned<String>,
        pub name: Spanned<String>,
        pub bands: Option<Vec<Spanned<String>>>,
        pub teacher: Option<Spanned<String>>,
        pub color: Option<Spanned<String>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct Language {
        pub name: Option<String>,
        pub direction: Option<String>,
    }

    #[derive(Deserialize, Default)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct PlainLanguage {
        pub level: Option<Spanned<String>>,
        pub max_sentence_words: Option<Spanned<i64>>,
        pub fail_on: Option<Spanned<String>>,
        pub glossary: Option<Spanned<String>>,
    }
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
        assert_eq!(c.school.timezone, "Europe/Amsterdam");
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
    fn id_rules() {
        assert!(is_id("groep-1-2a"));
        assert!(!is_id("Groep"));
        assert!(!is_id("-a"));
        assert!(!is_id(""));
        assert!(is_language_tag("nl-BE"));
        assert!(!is_language_tag("dutch"));
    }
}
