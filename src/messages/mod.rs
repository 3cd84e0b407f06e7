//! Every text helder says to its users, in one catalogue per language.
//!
//! The texts live in `nl.toml` next to this file, embedded in the binary:
//! one `[section]` per part of helder, one `key = "text"` per message, with
//! `{name}` placeholders (`{{` and `}}` for literal braces). Code asks for a
//! text with [`msg!`](crate::msg): `msg!("pagina.geen-titel")` or
//! `msg!("config.kleur-fout", sleutel = key, kleur = color)`.
//!
//! A second language is a drop-in: add `en.toml` with the same keys, list it
//! in [`CATALOGUES`], and call [`set_language`] (e.g. with `[book] language`).
//! A key missing from that file falls back to the Dutch text. The unit tests
//! check that every key used in the source exists, that every placeholder is
//! filled and every argument used, and that no key is unused.

use std::collections::BTreeMap;
use std::fmt::{Display, Write as _};
use std::sync::{OnceLock, RwLock};

/// The language every other catalogue falls back to.
pub const DEFAULT_LANGUAGE: &str = "nl";

/// (language code, catalogue text). The first is the fallback.
const CATALOGUES: &[(&str, &str)] = &[(DEFAULT_LANGUAGE, include_str!("nl.toml"))];

type Catalogue = BTreeMap<String, String>;

fn catalogues() -> &'static BTreeMap<&'static str, Catalogue> {
    static PARSED: OnceLock<BTreeMap<&'static str, Catalogue>> = OnceLock::new();
    PARSED.get_or_init(|| {
        CATALOGUES
            .iter()
            .map(|(code, text)| (*code, parse(text).unwrap_or_default()))
            .collect()
    })
}

/// A catalogue file → flat `section.key` → text. Errors are caught by the
/// unit tests; a broken file at run time gives keys instead of texts.
fn parse(text: &str) -> Result<Catalogue, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out = Catalogue::new();
    flatten("", &table, &mut out)?;
    Ok(out)
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut Catalogue) -> Result<(), String> {
    for (key, value) in table {
        let full = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(text) => {
                out.insert(full, text.clone());
            }
            toml::Value::Table(inner) => flatten(&full, inner, out)?,
            other => return Err(format!("{full}: expected text, found {}", other.type_str())),
        }
    }
    Ok(())
}

fn active() -> &'static RwLock<&'static str> {
    static ACTIVE: RwLock<&'static str> = RwLock::new(DEFAULT_LANGUAGE);
    &ACTIVE
}

/// Speak `language` from now on, if there is a catalogue for it (`nl-BE`
/// uses `nl`); otherwise keep the default. Returns the language used.
pub fn set_language(language: &str) -> &'static str {
    let primary = language.split('-').next().unwrap_or(language);
    let chosen = CATALOGUES
        .iter()
        .map(|(code, _)| *code)
        .find(|code| *code == language || *code == primary)
        .unwrap_or(DEFAULT_LANGUAGE);
    if let Ok(mut lock) = active().write() {
        *lock = chosen;
    }
    chosen
}

/// The text of `key` in the active language (falling back to Dutch) with its
/// placeholders filled from `args`. Use [`msg!`](crate::msg) instead of
/// calling this directly, so the tests can see which keys are used.
pub fn render(key: &str, args: &[(&str, &dyn Display)]) -> String {
    let language = active().read().map(|l| *l).unwrap_or(DEFAULT_LANGUAGE);
    match template(catalogues(), language, key) {
        Some(template) => fill(template, args),
        None => key.to_string(),
    }
}

/// The text of `key` in `language`, else in the default language.
fn template<'a>(
    all: &'a BTreeMap<&'static str, Catalogue>,
    language: &str,
    key: &str,
) -> Option<&'a String> {
    all.get(language)
        .and_then(|c| c.get(key))
        .or_else(|| all.get(DEFAULT_LANGUAGE).and_then(|c| c.get(key)))
}

/// Replaces `{name}` by its argument; `{{` and `}}` are literal braces. An
/// unknown placeholder stays as written (the tests make sure there is none).
/// `{name|one|many}` is a count with its noun: "1 pagina", "3 pagina's"
/// for `{aantal|pagina|pagina's}`.
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            let mut parts = tail[1..end].split('|');
            let name = parts.next().unwrap_or_default();
            match (
                args.iter().find(|(n, _)| *n == name),
                parts.next(),
                parts.next(),
            ) {
                (Some((_, value)), Some(one), Some(many)) => {
                    let count = value.to_string();
                    let noun = if count == "1" { one } else { many };
                    let _ = write!(out, "{count} {noun}");
                }
                (Some((_, value)), _, _) => {
                    let _ = write!(out, "{value}");
                }
                (None, _, _) => out.push_str(&tail[..=end]),
            }
            rest = &tail[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a template uses, in order.
#[cfg(test)]
fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
        } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            let name = tail[1..end].split('|').next().unwrap_or_default();
            names.push(name.to_string());
            rest = &tail[end + 1..];
        } else {
            rest = &tail[1..];
        }
    }
    names
}

/// A text from the message catalogue: `msg!("sectie.sleutel")`, or with
/// placeholders `msg!("sectie.sleutel", naam = waarde, ...)`. The key must be
/// a string literal, so the catalogue test can find every use.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::render(
            $key,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    };
}

#[cfg(test)]
mod tests;
