//! The raw `book.toml` → a checked [`Config`]: one method per section, every
//! bad value collected with its line.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use toml::Spanned;

use super::{
    contrast_with_white, is_hex_color, is_id, is_language_tag, raw, Band, CefrLevel, Class, Config,
    FailOn, Language, PlainLanguage, School, TextDirection, DEFAULT_PRIVATE, DEFAULT_TIMEZONE,
};
use crate::error::{did_you_mean, line_col, Diagnostic, Errors};
use crate::formats::{images, raster};
use crate::msg;

/// Walks the raw file, collecting every bad value with its line.
pub(super) struct Checker<'a> {
    pub root: &'a Path,
    pub text: &'a str,
    pub file: PathBuf,
    pub errors: Errors,
    pub warnings: Vec<Diagnostic>,
}

/// The checked `[book]` table.
struct BookSection {
    title: String,
    language: String,
    description: String,
    authors: Vec<String>,
}

/// The checked `[site]` table.
struct SiteSection {
    base_url: Option<String>,
    theme: String,
    output_dir: PathBuf,
    safe_html: bool,
}

/// First path segments already used, with what uses them (for "already
/// taken by ..." errors).
type Taken = BTreeMap<String, String>;

impl Checker<'_> {
    pub(super) fn check(mut self, raw: raw::Book) -> Result<Config, Errors> {
        let book = self.book(raw.book.unwrap_or_default());
        let site = self.site(raw.site.unwrap_or_default());
        let school = self.school(raw.school.unwrap_or_default());
        let languages = self.languages(&book.language, raw.languages.unwrap_or_default());
        let mut taken = taken_segments(&book.language, &languages);
        let bands = self.bands(raw.band.unwrap_or_default(), &mut taken);
        let classes = self.classes(raw.class.unwrap_or_default(), &bands, &mut taken);
        let plain_language = self.plain_language(raw.plain_language.unwrap_or_default());
        let private = self.privacy(raw.privacy.unwrap_or_default(), &bands, &classes);
        let config = Config {
            root: self.root.to_path_buf(),
            title: book.title,
            language: book.language,
            description: book.description,
            authors: book.authors,
            base_url: site.base_url,
            theme: site.theme,
            output_dir: site.output_dir,
            safe_html: site.safe_html,
            school,
            bands,
            classes,
            languages,
            plain_language,
            private,
            warnings: std::mem::take(&mut self.warnings),
        };
        self.errors.into_result(config)
    }

    fn error_at(&mut self, span: Range<usize>, message: String, help: &str) {
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

    /// The value of `spanned`; when `problem` finds something wrong with it
    /// (a message and a help text), that is an error at its line.
    fn checked<T>(
        &mut self,
        spanned: Spanned<T>,
        problem: impl FnOnce(&T) -> Option<(String, String)>,
    ) -> T {
        let span = spanned.span();
        let value = spanned.into_inner();
        if let Some((message, help)) = problem(&value) {
            self.error_at(span, message, &help);
        }
        value
    }

    /// `[book]`: the title is required; the language is a language tag.
    fn book(&mut self, book: raw::BookTable) -> BookSection {
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
            Some(l) => self.checked(l, |l| {
                (!is_language_tag(l)).then(|| {
                    (
                        msg!("config.taal-fout", taal = l),
                        msg!("config.taal-fout-hulp"),
                    )
                })
            }),
            None => "nl".to_string(),
        };
        BookSection {
            title,
            language,
            description: book.description.unwrap_or_default(),
            authors: book.authors.unwrap_or_default(),
        }
    }

    /// `[site]`: the address, the theme (built in or under themes/) and the
    /// output folder.
    fn site(&mut self, site: raw::Site) -> SiteSection {
        let base_url = site.base_url.map(|u| {
            let u = self.checked(u, |u| {
                (!is_web_address(u)).then(|| {
                    (
                        msg!("config.base-url-fout", adres = u),
                        msg!("config.base-url-fout-hulp"),
                    )
                })
            });
            u.trim_end_matches('/').to_string()
        });
        let root = self.root;
        let theme = match site.theme {
            Some(t) => self.checked(t, |t| {
                if !is_id(t) {
                    Some((
                        msg!("config.thema-naam-fout", thema = t),
                        msg!("config.thema-naam-fout-hulp"),
                    ))
                } else if t != "helder" && !root.join("themes").join(t).is_dir() {
                    Some((
                        msg!("config.thema-niet-gevonden", thema = t),
                        msg!("config.thema-niet-gevonden-hulp"),
                    ))
                } else {
                    None
                }
            }),
            None => "helder".to_string(),
        };
        let output_dir = match site.output_dir {
            Some(o) => PathBuf::from(self.checked(o, |o| {
                o.trim().is_empty().then(|| {
                    (
                        msg!("config.output-dir-leeg"),
                        msg!("config.output-dir-leeg-hulp"),
                    )
                })
            })),
            None => PathBuf::from("public"),
        };
        SiteSection {
            base_url,
            theme,
            output_dir,
            safe_html: site.safe_html.unwrap_or(false),
        }
    }

    /// `[school]`: contact details, color, logo and time zone.
    fn school(&mut self, school: raw::School) -> School {
        School {
            portal_url: self.url("[school] portal-url", school.portal_url),
            email: school.email.map(|e| self.email(e, None)),
            phone: school.phone.map(Spanned::into_inner),
            color: self.color("[school] color", school.color),
            logo: school.logo.map(|l| self.logo(l)),
            timezone: school
                .timezone
                .map_or(DEFAULT_TIMEZONE, |tz| self.timezone(tz)),
            post_every: school.post_every.and_then(|p| self.post_every(p)),
        }
    }

    /// `[school] logo`: a PNG, JPEG or SVG file helder can draw (it becomes
    /// the app icon and goes into the PowerPoint master). Text in an SVG is
    /// drawn by browsers but not there (no fonts): a warning.
    fn logo(&mut self, logo: Spanned<String>) -> String {
        let span = logo.span();
        let path = logo.into_inner();
        let file = self.root.join(&path);
        let problem = match (std::fs::read(&file), images::format_of(&path)) {
            (Err(_), _) => Some((
                msg!("config.logo-niet-gevonden", logo = path),
                msg!("config.logo-niet-gevonden-hulp"),
            )),
            (Ok(_), None) => Some((
                msg!("config.logo-soort", logo = path),
                msg!("config.logo-soort-hulp"),
            )),
            (Ok(bytes), Some(format)) => match raster::size(&bytes, format) {
                Err(why) => Some((
                    msg!("config.logo-onleesbaar", logo = path, fout = why),
                    msg!("config.logo-soort-hulp"),
                )),
                Ok(_) => {
                    if format == images::Format::Svg && raster::has_text(&bytes) {
                        let (line, column) = line_col(self.text, span.start);
                        self.warnings.push(
                            Diagnostic::site(msg!("config.logo-tekst", logo = path))
                                .in_file(&self.file)
                                .at(line, column)
                                .help(msg!("config.logo-tekst-hulp"))
                                .warning(),
                        );
                    }
                    None
                }
            },
        };
        if let Some((message, help)) = problem {
            self.error_at(span, message, &help);
        }
        path
    }

    /// An e-mail address of the school, or of the class `class`.
    fn email(&mut self, email: Spanned<String>, class: Option<&str>) -> String {
        self.checked(email, |e| {
            (!e.contains('@') || e.contains(char::is_whitespace)).then(|| {
                let message = match class {
                    Some(klas) => msg!("antwoord.klas-email-fout", email = e, klas = klas),
                    None => msg!("config.email-fout", email = e),
                };
                (message, msg!("config.email-fout-hulp"))
            })
        })
    }

    /// `[school] post-every`: a whole number of days, at least 1.
    fn post_every(&mut self, value: Spanned<toml::Value>) -> Option<u32> {
        let span = value.span();
        let value = value.into_inner();
        let days = value
            .as_integer()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|&n| (1..=366).contains(&n));
        if days.is_none() {
            let shown = match &value {
                toml::Value::String(s) => format!("\"{s}\""),
                other => other.to_string(),
            };
            self.error_at(
                span,
                msg!("ritme.post-every-fout", waarde = shown),
                &msg!("ritme.post-every-fout-hulp"),
            );
        }
        days
    }

    /// A time zone of the IANA database, such as `Europe/Brussels`; a
    /// misspelt one gets the closest name.
    fn timezone(&mut self, tz: Spanned<String>) -> Tz {
        let span = tz.span();
        let name = tz.into_inner();
        name.parse::<Tz>().unwrap_or_else(|_| {
            let help = match did_you_mean(&name, chrono_tz::TZ_VARIANTS.iter().map(|t| t.name())) {
                Some(close) => msg!("config.tijdzone-bedoel", tijdzone = close),
                None => msg!("config.tijdzone-fout-hulp"),
            };
            self.error_at(span, msg!("config.tijdzone-fout", tijdzone = name), &help);
            DEFAULT_TIMEZONE
        })
    }

    /// `[[band]]`: ids not used by anything else.
    fn bands(&mut self, raw: Vec<raw::Band>, taken: &mut Taken) -> Vec<Band> {
        raw.into_iter()
            .map(|b| Band {
                id: self.id(
                    &msg!("config.soort-bouw"),
                    b.id,
                    taken,
                    msg!("config.bezet-bouw"),
                ),
                name: b.name.into_inner(),
                color: self.color("[[band]] color", b.color),
            })
            .collect()
    }

    /// `[[class]]`: ids not used by anything else, in bands that exist.
    fn classes(&mut self, raw: Vec<raw::Class>, bands: &[Band], taken: &mut Taken) -> Vec<Class> {
        let band_ids: BTreeSet<&str> = bands.iter().map(|b| b.id.as_str()).collect();
        let mut classes = Vec::new();
        for c in raw {
            let id = self.id(
                &msg!("config.soort-klas"),
                c.id,
                taken,
                msg!("config.bezet-klas"),
            );
            let class_bands = c
                .bands
                .unwrap_or_default()
                .into_iter()
                .map(|b| {
                    self.checked(b, |b| {
                        (!band_ids.contains(b.as_str())).then(|| {
                            let hint = match did_you_mean(b, band_ids.iter().copied()) {
                                Some(m) => msg!("config.klas-bouw-bedoel", bouw = m),
                                None => msg!("config.klas-bouw-hulp"),
                            };
                            (msg!("config.klas-bouw-onbekend", klas = id, bouw = b), hint)
                        })
                    })
                })
                .collect();
            let email = c.email.map(|e| self.email(e, Some(&id)));
            classes.push(Class {
                id,
                name: c.name.into_inner(),
                bands: class_bands,
                teacher: c.teacher.map(Spanned::into_inner),
                color: self.color("[[class]] color", c.color),
                email,
            });
        }
        classes
    }

    /// `[privacy] private`: site ids (team, training, a band or a class);
    /// absent means team and training, the material not meant for parents.
    fn privacy(&mut self, raw: raw::Privacy, bands: &[Band], classes: &[Class]) -> Vec<String> {
        let Some(ids) = raw.private else {
            return DEFAULT_PRIVATE.iter().map(|s| s.to_string()).collect();
        };
        let known: Vec<&str> = ["team", "training"]
            .into_iter()
            .chain(bands.iter().map(|b| b.id.as_str()))
            .chain(classes.iter().map(|c| c.id.as_str()))
            .collect();
        let mut private: Vec<String> = Vec::new();
        for id in ids {
            let id = self.checked(id, |id| {
                if known.contains(&id.as_str()) {
                    return None;
                }
                let help = if id == "school" || id.is_empty() {
                    msg!("config.besloten-school-hulp")
                } else {
                    match did_you_mean(id, known.iter().copied()) {
                        Some(m) => msg!("config.besloten-bedoel", site = m),
                        None => msg!("config.besloten-kies", sites = known.join(", ")),
                    }
                };
                Some((msg!("config.besloten-onbekend", site = id), help))
            });
            if known.contains(&id.as_str()) && !private.contains(&id) {
                private.push(id);
            }
        }
        private
    }

    /// `[plain-language]`: the level, the sentence length, what fails a
    /// build, and the site's glossary file.
    fn plain_language(&mut self, pl: raw::PlainLanguage) -> PlainLanguage {
        let level = match pl.level {
            Some(l) => {
                let span = l.span();
                let l = l.into_inner();
                CefrLevel::parse(&l).unwrap_or_else(|| {
                    self.error_at(
                        span,
                        msg!("config.niveau-fout", niveau = l),
                        &msg!("config.niveau-fout-hulp"),
                    );
                    CefrLevel::B1
                })
            }
            None => CefrLevel::B1,
        };
        let max_sentence_words = match pl.max_sentence_words {
            Some(n) => {
                let n = self.checked(n, |n| {
                    (!(5..=100).contains(n)).then(|| {
                        (
                            msg!("config.zinslengte-fout", aantal = n),
                            msg!("config.zinslengte-fout-hulp"),
                        )
                    })
                });
                n.clamp(0, 1000) as usize
            }
            None => 20,
        };
        let fail_on = match pl.fail_on {
            Some(f) => {
                let span = f.span();
                FailOn::parse(f.get_ref()).unwrap_or_else(|| {
                    self.error_at(
                        span,
                        msg!("config.fail-on-fout", waarde = f.get_ref()),
                        &msg!("config.fail-on-fout-hulp"),
                    );
                    FailOn::Error
                })
            }
            None => FailOn::Error,
        };
        let root = self.root;
        let glossary = pl.glossary.map(|g| {
            PathBuf::from(self.checked(g, |g| {
                (!root.join(g).is_file()).then(|| {
                    (
                        msg!(
                            "config.woordenlijst-niet-gevonden",
                            bestand = Path::new(g).display()
                        ),
                        msg!("config.woordenlijst-niet-gevonden-hulp"),
                    )
                })
            }))
        });
        PlainLanguage {
            level,
            max_sentence_words,
            fail_on,
            glossary,
        }
    }

    /// `[languages.CODE]`: extra languages besides the default one.
    pub(super) fn languages(
        &mut self,
        default: &str,
        raw: BTreeMap<String, Spanned<raw::Language>>,
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
            let direction = match lang.direction {
                None => TextDirection::Ltr,
                Some(d) => TextDirection::parse(&d).unwrap_or_else(|| {
                    self.error_at(
                        span.clone(),
                        msg!("config.richting-fout", taal = code, richting = d),
                        &msg!("config.richting-fout-hulp"),
                    );
                    TextDirection::Ltr
                }),
            };
            out.push(Language {
                name: lang.name.unwrap_or_else(|| code.clone()),
                code,
                direction,
            });
        }
        out
    }

    /// A band or class id: well formed and not taken; on success it is
    /// taken by `what`.
    fn id(&mut self, kind: &str, id: Spanned<String>, taken: &mut Taken, what: String) -> String {
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

    /// A `#rgb`/`#rrggbb` color, lower case; one too light for white text
    /// gets a warning.
    fn color(&mut self, key: &str, color: Option<Spanned<String>>) -> Option<String> {
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
                    .help(msg!("config.kleur-contrast-hulp"))
                    .warning(),
                );
            }
        }
        Some(color.to_ascii_lowercase())
    }

    fn url(&mut self, key: &str, url: Option<Spanned<String>>) -> Option<String> {
        Some(self.checked(url?, |url| {
            (!is_web_address(url)).then(|| {
                (
                    msg!("config.adres-fout", sleutel = key, adres = url),
                    msg!("config.adres-fout-hulp"),
                )
            })
        }))
    }
}

fn is_web_address(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// The first path segments taken before any band or class: the reserved
/// ones and the language codes.
fn taken_segments(default_language: &str, languages: &[Language]) -> Taken {
    let mut taken: Taken = crate::site::layout::reserved_at_root()
        .iter()
        .map(|s| (s.to_string(), msg!("config.bezet-gereserveerd")))
        .collect();
    for l in languages {
        taken.insert(l.code.clone(), msg!("config.bezet-taal"));
    }
    taken.insert(default_language.to_string(), msg!("config.bezet-taal"));
    taken
}
