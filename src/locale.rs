//! The words and dates of one language, for everything a build writes: the
//! theme's word list (`themes/helder/i18n/LANG.toml`, a site's own on top,
//! missing keys filled in from Dutch) is the one source, so a Polish page,
//! its text summary and its PowerPoint all say "8 października 2026".
//!
//! helder's own messages to the coordinator are Dutch and live in
//! `messages/` (a catalogue, not the theme).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::config::{Config, TextDirection};
use crate::content::page::DUTCH_MONTHS;
use crate::content::CapColor;
use crate::theme::Theme;

/// The words of one language.
#[derive(Clone, Copy)]
pub(crate) struct Locale<'a> {
    /// The language code, e.g. `nl`, `nl-BE`, `pl`, `ar`.
    pub lang: &'a str,
    /// "ltr", or "rtl" for a language configured with `direction = "rtl"`.
    pub dir: &'static str,
    words: &'a BTreeMap<String, String>,
}

impl<'a> Locale<'a> {
    pub(crate) fn new(config: &Config, theme: &'a Theme, lang: &'a str) -> Locale<'a> {
        let rtl = config
            .languages
            .iter()
            .any(|l| l.code == lang && l.direction == TextDirection::Rtl);
        Locale {
            lang,
            dir: if rtl { "rtl" } else { "ltr" },
            words: theme.strings(lang),
        }
    }

    /// Every word, for templates (`t.key`).
    pub(crate) fn words(&self) -> &'a BTreeMap<String, String> {
        self.words
    }

    /// A word of the theme ("" when no list has it).
    pub(crate) fn word(&self, key: &str) -> &'a str {
        self.words.get(key).map(String::as_str).unwrap_or("")
    }

    /// "8 oktober 2026": the month names of the word list, Dutch when a list
    /// has no twelve of them.
    pub(crate) fn date(&self, date: NaiveDate) -> String {
        let months: Vec<&str> = self.word("months").split_whitespace().collect();
        let month = match months.get(date.month0() as usize) {
            Some(month) if months.len() == 12 => month,
            _ => DUTCH_MONTHS[date.month0() as usize],
        };
        format!("{} {month} {}", date.day(), date.year())
    }

    /// "De witte pet" in this language.
    pub(crate) fn cap_name(&self, color: CapColor) -> &'a str {
        self.words
            .get(&format!("cap_{}", color.name()))
            .map_or(color.label(), String::as_str)
    }

    /// "de tijger", "het konijn" in this language.
    pub(crate) fn cap_animal(&self, color: CapColor) -> &'a str {
        self.words
            .get(&format!("cap_{}_animal", color.name()))
            .map_or(color.animal_with_article(), String::as_str)
    }

    /// Above the Dutch text of a page that is not translated yet.
    pub(crate) fn untranslated_notice(&self) -> &'a str {
        self.word("untranslated_notice")
    }

    /// Above a translation whose Dutch original has changed since.
    pub(crate) fn stale_notice(&self) -> &'a str {
        self.word("stale_notice")
    }

    /// Is this Dutch (nl, nl-BE)? Dutch lowercases names inside a sentence
    /// ("Van de onderbouw").
    pub(crate) fn is_dutch(&self) -> bool {
        self.lang == "nl" || self.lang.starts_with("nl-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config() -> Config {
        Config::parse(
            Path::new("/x"),
            "[book]\ntitle = \"X\"\n[languages.ar]\nname = \"العربية\"\ndirection = \"rtl\"\n[languages.pl]\nname = \"Polski\"\n",
        )
        .unwrap()
    }

    #[test]
    fn dates_and_notices_follow_the_language() {
        let config = config();
        let theme = Theme::load(&config).unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 10, 8).unwrap();
        let nl = Locale::new(&config, &theme, "nl");
        assert_eq!(nl.date(date), "8 oktober 2026");
        assert_eq!(nl.dir, "ltr");
        assert!(nl.untranslated_notice().starts_with("Deze pagina"));
        let pl = Locale::new(&config, &theme, "pl");
        assert_ne!(pl.date(date), "8 oktober 2026");
        assert!(!pl.untranslated_notice().starts_with("Deze pagina"));
        assert!(!pl.stale_notice().is_empty() && pl.stale_notice() != nl.stale_notice());
        assert_eq!(Locale::new(&config, &theme, "ar").dir, "rtl");
        // A language without a word list speaks Dutch.
        let fy = Locale::new(&config, &theme, "fy");
        assert_eq!(fy.date(date), "8 oktober 2026");
    }
}
