//! Latinate words a parent may not know though they are fairly common in
//! general text: "transparantie", "interventie", "curriculum", "kwalitatief"
//! (Zipf 3.0-4.0 in the wordfreq list, so above the plain rare-word line).
//!
//! Such a word is transparent when a common word of its family explains it
//! ("reparatie" from "repareren", "sportief" from "sport", "optimisme" from
//! "optimist", "felicitatie" from "gefeliciteerd"), or when a parent meets it
//! in daily life (data/everyday-latinate.txt: medicatie, traktatie). Else it
//! is opaque, and the rare-word rule treats it as rare. Compounds with a
//! common head ("zomervakantie") are left to `frequency`. Adjectives in
//! "-gericht" ("procesgericht", "handelingsgericht") are policy language of
//! the same kind and count as opaque too.
//!
//! Written by hand: the suffixes and their families follow Dutch word
//! formation; no crate knows them.

use std::sync::OnceLock;

use super::frequency::{zipf, Zipf};
use super::hash::{set_of_lines, FastSet};

/// A family word this common explains the Latinate word (Zipf 4.0).
pub(crate) const KNOWN: Zipf = 40;

/// Inflected endings and the lemma ending they stand for ("interventies"
/// → "interventie", "cognitieve" → "cognitief").
const INFLECTIONS: &[(&str, &str)] = &[
    ("ties", "tie"),
    ("iteiten", "iteit"),
    ("ieve", "ief"),
    ("uele", "ueel"),
    ("ismen", "isme"),
];

/// Latinate lemma endings, and the endings of the family words that may
/// explain them ("atie" → "eren": "reparatie", "repareren").
const SUFFIXES: &[(&str, &[&str])] = &[
    ("atie", &["eren", "ëren"]),
    ("itie", &["iëren", "eren", "itief"]),
    ("entie", &["ent", "ente"]),
    ("antie", &["ant", "ante"]),
    ("iteit", &[]),
    ("isme", &["ist", "isch"]),
    ("ief", &["ie", "", "e"]),
    ("ueel", &[]),
    ("onomie", &[]),
    ("ulum", &[]),
    ("gericht", &[]),
    ("gerichte", &[]),
];

/// Heads that make a compound policy language rather than a concrete thing
/// ("proces-gericht", "handelings-gericht"): such a compound is not
/// explained by its parts.
pub(crate) fn is_policy_head(part: &str) -> bool {
    part == "gericht" || part == "gerichte"
}

/// Can this lower-case word be opaque Latinate at all? A cheap test on its
/// ending, before [`is_opaque`] looks up its family.
pub(crate) fn may_be(word: &str) -> bool {
    word.len() >= 7
        && (SUFFIXES.iter().any(|(s, _)| word.ends_with(s))
            || INFLECTIONS.iter().any(|(s, _)| word.ends_with(s)))
}

/// Is this lower-case word Latinate and unexplained by its family or daily
/// life? (Compounds are not split here: see `frequency`.)
pub(crate) fn is_opaque(word: &str) -> bool {
    if !may_be(word) {
        return false;
    }
    let lemma = INFLECTIONS
        .iter()
        .find_map(|(ending, lemma_ending)| {
            word.strip_suffix(ending)
                .map(|stem| format!("{stem}{lemma_ending}"))
        })
        .unwrap_or_else(|| word.to_string());
    let Some((suffix, family)) = SUFFIXES.iter().find(|(s, _)| lemma.ends_with(s)) else {
        return false;
    };
    if everyday().contains(lemma.as_str()) {
        return false;
    }
    let stem = &lemma[..lemma.len() - suffix.len()];
    !family_words(stem, suffix, family)
        .iter()
        .any(|w| w.chars().count() >= 3 && zipf(w) >= KNOWN)
}

/// The words of the family of `stem` + `suffix` a reader may know.
fn family_words(stem: &str, suffix: &str, endings: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = endings.iter().map(|e| format!("{stem}{e}")).collect();
    match suffix {
        // "felicitatie" → "gefeliciteerd", "irritatie" → "geïrriteerd"
        // (a diaeresis where ge- meets e, i or u).
        "atie" => {
            let mut chars = stem.chars();
            let participle_stem = match chars.next() {
                Some('e') => format!("ë{}", chars.as_str()),
                Some('i') => format!("ï{}", chars.as_str()),
                Some('u') => format!("ü{}", chars.as_str()),
                _ => stem.to_string(),
            };
            out.push(format!("ge{participle_stem}eerd"));
        }
        // "loyaliteit" → "loyaal", "productiviteit" → "productief",
        // "mobiliteit" → "mobiel", "integriteit" → "integer".
        "iteit" => {
            for (end, adjective) in [
                ("al", "aal"),
                ("iv", "ief"),
                ("il", "iel"),
                ("ic", "iek"),
                ("ar", "air"),
            ] {
                if let Some(base) = stem.strip_suffix(end) {
                    out.push(format!("{base}{adjective}"));
                }
            }
            out.extend([stem.to_string(), format!("{stem}e"), format!("{stem}er")]);
        }
        _ => {}
    }
    out
}

fn everyday() -> &'static FastSet<&'static str> {
    static WORDS: OnceLock<FastSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| set_of_lines(include_str!("data/everyday-latinate.txt")))
}

#[cfg(test)]
mod tests {
    use super::is_opaque;

    #[test]
    fn opaque_unless_family_or_daily_life_explains_it() {
        for w in [
            "transparantie",
            "interventies",
            "curriculum",
            "cognitieve",
            "procesgericht",
        ] {
            assert!(is_opaque(w), "{w} should be opaque");
        }
        // Explained by "repareren", "sport", "optimist"... and daily life.
        for w in [
            "reparatie",
            "sportieve",
            "presentaties",
            "medicatie",
            "traktaties",
            "school",
        ] {
            assert!(!is_opaque(w), "{w} should not be opaque");
        }
    }
}
