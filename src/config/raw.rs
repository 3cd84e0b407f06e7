//! `book.toml` as written, with spans for error positions.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Book {
    pub book: Option<BookTable>,
    pub site: Option<Site>,
    pub school: Option<School>,
    pub band: Option<Vec<Band>>,
    pub class: Option<Vec<Class>>,
    pub languages: Option<BTreeMap<String, Spanned<Language>>>,
    pub plain_language: Option<PlainLanguage>,
    pub privacy: Option<Privacy>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct BookTable {
    pub title: Option<Spanned<String>>,
    pub language: Option<Spanned<String>>,
    pub description: Option<String>,
    pub authors: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Site {
    pub base_url: Option<Spanned<String>>,
    pub theme: Option<Spanned<String>>,
    pub output_dir: Option<Spanned<String>>,
    pub safe_html: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct School {
    pub portal_url: Option<Spanned<String>>,
    pub email: Option<Spanned<String>>,
    pub phone: Option<Spanned<String>>,
    pub color: Option<Spanned<String>>,
    pub logo: Option<Spanned<String>>,
    pub timezone: Option<Spanned<String>>,
    /// Any TOML value, so text or a fraction gets its own message.
    pub post_every: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Band {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub color: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Class {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub bands: Option<Vec<Spanned<String>>>,
    pub teacher: Option<Spanned<String>>,
    pub color: Option<Spanned<String>>,
    pub email: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Language {
    pub name: Option<String>,
    pub direction: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct PlainLanguage {
    pub level: Option<Spanned<String>>,
    pub max_sentence_words: Option<Spanned<i64>>,
    pub fail_on: Option<Spanned<String>>,
    pub glossary: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Privacy {
    pub private: Option<Vec<Spanned<String>>>,
}
