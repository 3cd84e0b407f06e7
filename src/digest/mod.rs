//! `helder digest` (spec §7): per parent site and language, an e-mail draft
//! (`.eml`) with that site's news, evenings and events of a period, for the
//! teacher to open, check and send to the class list.
//!
//! `period` reads the command line's dates, `items` picks the pages,
//! `text` and `html` write the two bodies, `message` puts them in one MIME
//! message (with mail-builder) and this file writes the files.

mod html;
mod items;
mod message;
mod text;

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::config::Config;
use crate::error::{did_you_mean, Diagnostic, Errors};
use crate::locale::Locale;
use crate::msg;
use crate::site::{Site, SiteId, SiteKind};

pub(crate) use items::Item;

/// What `helder digest` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct DigestOptions {
    pub root: PathBuf,
    /// First day of the period, `YYYY-MM-DD`; default 30 days before `until`.
    pub since: Option<String>,
    /// Last day of the period; default today.
    pub until: Option<String>,
    /// Only these sites (`school`, a band or class id); empty: every one.
    pub sites: Vec<String>,
    /// Where the files go; default `digest/` in the site's folder.
    pub out: Option<PathBuf>,
}

/// What `helder digest` wrote.
#[derive(Debug, Clone)]
pub struct DigestReport {
    pub out: PathBuf,
    pub period: Period,
    /// Each file written: its name, its size in bytes and how many pages it lists.
    pub files: Vec<(String, usize, usize)>,
}

/// The days a digest covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: NaiveDate,
    pub until: NaiveDate,
}

/// The default period: the 31 days up to and including today.
const DEFAULT_DAYS: i64 = 31;

impl Period {
    /// The period from the command line's `--since` and `--until`.
    fn parse(since: Option<&str>, until: Option<&str>, today: NaiveDate) -> Result<Period, Errors> {
        let mut errors = Errors::new();
        let mut date = |text: Option<&str>, option: &str| -> Option<NaiveDate> {
            let text = text?.trim();
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| {
                    errors.push(
                        Diagnostic::usage(msg!("digest.datum-fout", datum = text, optie = option))
                            .help(msg!("digest.datum-fout-hulp", optie = option)),
                    );
                })
                .ok()
        };
        let until_date = date(until, "--until");
        let since_date = date(since, "--since");
        if !errors.is_empty() {
            return Err(errors);
        }
        let until = until_date.unwrap_or(today);
        let since = since_date.unwrap_or(until - chrono::Duration::days(DEFAULT_DAYS - 1));
        if since > until {
            return Err(Diagnostic::usage(msg!(
                "digest.periode-om",
                van = since.format("%Y-%m-%d"),
                tot = until.format("%Y-%m-%d")
            ))
            .help(msg!("digest.periode-om-hulp"))
            .into());
        }
        Ok(Period { since, until })
    }

    pub(crate) fn contains(&self, date: NaiveDate) -> bool {
        (self.since..=self.until).contains(&date)
    }

    /// "3 november tot en met 2 december 2026" in the site's language.
    /// The year (and the month) is said once when both days share it.
    fn words(&self, locale: &Locale<'_>) -> String {
        let mut from = locale.date(self.since);
        let same_year = self.since.year() == self.until.year();
        if same_year && self.since.month() == self.until.month() {
            from = self.since.day().to_string();
        } else if same_year {
            let year = format!(" {}", self.since.year());
            if let Some(short) = from.strip_suffix(&year) {
                from = short.to_string();
            }
        }
        fill(
            locale.word("digest_period"),
            &[("from", &from), ("to", &locale.date(self.until))],
        )
    }
}

/// `text` with each `{name}` replaced by its value (the theme's words use
/// that form, as the templates' `replace` does).
fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_string(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// `helder digest`: one `.eml` per parent site and language with pages in
/// the period. Checks everything before writing anything.
pub fn digest(options: &DigestOptions) -> Result<DigestReport, Errors> {
    let today = crate::output::syndication::build_date();
    let period = Period::parse(options.since.as_deref(), options.until.as_deref(), today)?;
    let config = Config::load(&options.root)?;
    let Some(base_url) = config.base_url.clone() else {
        return Err(Diagnostic::usage(msg!("digest.geen-base-url"))
            .in_file(config.root.join(crate::config::CONFIG_FILE))
            .help(msg!("digest.geen-base-url-hulp"))
            .into());
    };
    check_site_ids(&config, &options.sites)?;
    let loaded = crate::load(&crate::BuildOptions {
        root: options.root.clone(),
        no_extras: true,
        ..crate::BuildOptions::default()
    })?;
    let out = match &options.out {
        Some(out) => out.clone(),
        None => loaded.config.root.join("digest"),
    };
    let mut messages = Vec::new();
    for site in loaded.sites.iter().filter(|s| wanted(s, &options.sites)) {
        let found = items::in_period(&loaded, site, &base_url, &period);
        if found.is_empty() {
            continue;
        }
        let locale = Locale::new(&loaded.config, &loaded.theme, &site.lang);
        let digest = Digest {
            config: &loaded.config,
            site,
            locale,
            period: period.words(&locale),
            home: format!("{base_url}/{}", site.root),
            items: found,
            private: is_private(site),
        };
        let eml = message::write(&digest, &base_url, &period);
        messages.push((file_name(site), eml, digest.items.len()));
    }
    write_all(&out, &messages)?;
    // A site with nothing this time gets no file (spec §7): a file of an
    // earlier period left under its name would be sent by mistake.
    let stale: Vec<String> = loaded
        .sites
        .iter()
        .filter(|s| wanted(s, &options.sites))
        .map(file_name)
        .filter(|name| !messages.iter().any(|(written, ..)| written == name))
        .collect();
    remove_stale(&out, &stale)?;
    Ok(DigestReport {
        out,
        period,
        files: messages
            .into_iter()
            .map(|(name, eml, count)| (name, eml.len(), count))
            .collect(),
    })
}

/// One site's digest, ready to write as text and as HTML.
pub(crate) struct Digest<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub locale: Locale<'a>,
    /// The period in words of the site's language.
    pub period: String,
    /// The site's home, absolute.
    pub home: String,
    /// Newest first.
    pub items: Vec<Item>,
    /// The site needs a class code: the digest says so.
    pub private: bool,
}

impl Digest<'_> {
    /// A theme word with its `{name}`, `{school}` and `{period}` filled in.
    pub(crate) fn word(&self, key: &str) -> String {
        fill(
            self.locale.word(key),
            &[
                ("name", &self.site.name),
                ("school", &self.config.title),
                ("period", &self.period),
            ],
        )
    }

    pub(crate) fn subject(&self) -> String {
        self.word("digest_subject")
    }

    /// Where parents reply: the class's address on a class site, else the school's.
    pub(crate) fn reply_address(&self) -> Option<&str> {
        self.config.reply_email(&self.site.id)
    }
}

/// Is `site` one of the private sites of `[privacy] private` (spec §6)? Its
/// digest goes to that class's parents and says the links need the code.
fn is_private(site: &Site) -> bool {
    site.private
}

/// Parent sites only (school, bands, classes), those named with `--site`
/// when any are.
fn wanted(site: &Site, asked: &[String]) -> bool {
    let parent = matches!(
        site.kind(),
        SiteKind::School | SiteKind::Band | SiteKind::Class
    );
    parent && (asked.is_empty() || asked.iter().any(|a| a == site_name(&site.id)))
}

/// The id of a site as `--site` and the file names spell it.
fn site_name(id: &SiteId) -> &str {
    match id {
        SiteId::School => "school",
        other => other.as_str(),
    }
}

/// `school.eml`, `groep-5.eml`, `groep-5.en.eml`.
fn file_name(site: &Site) -> String {
    let name = site_name(&site.id);
    if site.lang_prefix.is_empty() {
        format!("{name}.eml")
    } else {
        format!("{name}.{}.eml", site.lang)
    }
}

/// Every `--site` must name the school, a band or a class.
fn check_site_ids(config: &Config, asked: &[String]) -> Result<(), Errors> {
    let known: Vec<&str> = std::iter::once("school")
        .chain(config.bands.iter().map(|b| b.id.as_str()))
        .chain(config.classes.iter().map(|c| c.id.as_str()))
        .collect();
    let mut errors = Errors::new();
    for id in asked.iter().filter(|a| !known.contains(&a.as_str())) {
        let help = match did_you_mean(id, known.iter().copied()) {
            Some(close) => msg!("digest.site-bedoel", site = close),
            None => msg!("digest.site-kies", sites = known.join(", ")),
        };
        errors.push(Diagnostic::usage(msg!("digest.site-onbekend", site = id)).help(help));
    }
    errors.into_result(())
}

/// Removes the digests of sites that have none this time; only files named
/// as this command names them, in the folder it writes.
fn remove_stale(out: &Path, names: &[String]) -> Result<(), Errors> {
    for name in names {
        let path = out.join(name);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Diagnostic::io(&path, &msg!("digest.io-oud"), &e).into()),
        }
    }
    Ok(())
}

/// Writes every message, each to a temporary file renamed into place, so a
/// reader never sees half a message.
fn write_all(out: &Path, messages: &[(String, Vec<u8>, usize)]) -> Result<(), Errors> {
    use std::io::Write as _;
    if messages.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(out).map_err(|e| Diagnostic::io(out, &msg!("digest.io-map"), &e))?;
    for (name, eml, _) in messages {
        let path = out.join(name);
        let written = tempfile::Builder::new()
            .prefix(".helder-")
            .suffix(".tmp")
            .tempfile_in(out)
            .and_then(|mut temp| {
                temp.write_all(eml)?;
                temp.flush()?;
                // The temporary file is private (0600); a draft is the user's to share.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt as _;
                    temp.as_file()
                        .set_permissions(std::fs::Permissions::from_mode(0o644))?;
                }
                temp.persist(&path).map_err(|e| e.error)?;
                Ok(())
            });
        written.map_err(|e| Diagnostic::io(&path, &msg!("digest.io-bestand"), &e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_default_period_is_the_31_days_up_to_today() {
        let today = day("2026-12-02");
        let p = Period::parse(None, None, today).unwrap();
        assert_eq!((p.since, p.until), (day("2026-11-02"), today));
        assert_eq!((p.until - p.since).num_days() + 1, 31);
        let p = Period::parse(Some("2026-10-01"), Some("2026-10-31"), today).unwrap();
        assert!(p.contains(day("2026-10-01")) && p.contains(day("2026-10-31")));
        assert!(!p.contains(day("2026-11-01")));
    }

    #[test]
    fn bad_periods_say_what_to_type() {
        let today = day("2026-12-02");
        let e = Period::parse(Some("2026-12-01"), Some("2026-11-01"), today).unwrap_err();
        assert!(e.to_string().contains("2026-12-01"), "{e}");
        let e = Period::parse(Some("1 november"), None, today).unwrap_err();
        assert!(e.to_string().contains("--since"), "{e}");
        assert!(e.0[0].help.as_deref().unwrap().contains("JJJJ-MM-DD"));
    }

    /// A private site's digest (spec §6 and §7) says the links need the
    /// class code, in both parts; an open site's does not.
    #[test]
    fn a_private_site_says_the_links_need_the_code() {
        let config = Config::parse(
            Path::new("/x"),
            "[book]\ntitle = \"De Linde\"\n[site]\nbase-url = \"https://linde.example\"\n\
             [[band]]\nid = \"b\"\nname = \"B\"\n[[class]]\nid = \"groep-5\"\nname = \"Groep 5\"\nbands = [\"b\"]\n",
        )
        .unwrap();
        let theme = crate::theme::Theme::load(&config).unwrap();
        let content = crate::content::Content {
            pages: Vec::new(),
            assets: Vec::new(),
            left_out: Default::default(),
        };
        let sites =
            crate::site::plan::plan(&config, &content, &crate::site::Selection::default()).unwrap();
        let site = sites.iter().find(|s| s.id.as_str() == "groep-5").unwrap();
        let period =
            Period::parse(Some("2026-11-01"), Some("2026-11-30"), day("2026-12-02")).unwrap();
        let locale = Locale::new(&config, &theme, "nl");
        let digest = |private: bool| Digest {
            config: &config,
            site,
            locale,
            period: period.words(&locale),
            home: "https://linde.example/groep-5/".into(),
            items: vec![Item {
                title: "Uitje".into(),
                date: day("2026-11-20"),
                summary: "We gingen naar het bos.".into(),
                url: "https://linde.example/groep-5/groep-5/uitje/".into(),
                kind: "digest_news",
                lang: None,
            }],
            private,
        };
        let note = "code van de groep";
        // The text part wraps lines: compare words.
        let words = |t: String| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let closed = digest(true);
        assert!(words(text::write(&closed)).contains(note));
        assert!(html::write(&closed).contains(note));
        let open = digest(false);
        assert!(!words(text::write(&open)).contains(note));
        assert!(!html::write(&open).contains(note));
        assert_eq!(
            open.subject(),
            "Nieuws van Groep 5: 1 tot en met 30 november 2026"
        );
        assert_eq!(is_private(site), site.private);
    }

    #[test]
    fn words_are_filled_in() {
        assert_eq!(
            fill(
                "Nieuws van {name}: {period}",
                &[("name", "Groep 5"), ("period", "mei")]
            ),
            "Nieuws van Groep 5: mei"
        );
    }
}
