//! The word-and-clause score: a second readability score beside
//! Flesch-Douma, in the spirit of LiNT (Pander Maat, Kleijn & Frissen 2023),
//! which predicts comprehension from word frequency, word concreteness,
//! clause length and dependency length. helder has no parser or concreteness
//! norms, so it approximates (documented in the README):
//!
//! - F: mean Zipf frequency of the content words (wordfreq data; compounds
//!   scored by their parts), instead of LiNT's frequency of content-word
//!   lemmas;
//! - C: content words per clause, with clauses split at punctuation and
//!   conjunctions, instead of a parser's clauses;
//! - R: share of rare content words (Zipf below 3), a stand-in for the
//!   abstract-word and dependency features helder cannot measure.
//!
//! score = 20 × (5.5 − F) + 6 × (C − 2) + 100 × R, clamped to 0–100: higher
//! is harder, like a LiNT score. Levels 1 (< 25, easy), 2 (25–40), 3 (40–55),
//! 4 (≥ 55, hard). The weights are helder's own, set so that plain school
//! letters land in level 1 or 2 and formal policy text in 3 or 4; they are
//! not LiNT's regression weights.

use serde::Serialize;

use super::frequency::{self, Zipf, RARE_BELOW};

/// Function words: not content words.
const FUNCTION_WORDS: &[&str] = &[
    "de", "het", "een", "en", "of", "maar", "want", "dus", "dat", "die", "dit", "deze", "wat",
    "wie", "waar", "hoe", "ik", "je", "jij", "u", "hij", "zij", "ze", "wij", "we", "jullie", "hun",
    "hen", "haar", "zijn", "mijn", "ons", "onze", "uw", "jouw", "me", "mij", "zich", "er", "hier",
    "daar", "in", "op", "aan", "van", "voor", "met", "bij", "naar", "om", "uit", "over", "door",
    "tot", "te", "na", "onder", "tegen", "zonder", "tijdens", "als", "dan", "omdat", "zodat",
    "terwijl", "wanneer", "nadat", "voordat", "niet", "geen", "wel", "ook", "nog", "al", "toch",
    "zo", "heel", "erg", "is", "ben", "bent", "was", "waren", "wordt", "worden", "werd", "werden",
    "word", "heb", "hebt", "heeft", "hebben", "had", "hadden", "kan", "kunt", "kunnen", "kon",
    "konden", "mag", "mogen", "mocht", "moet", "moeten", "moest", "wil", "wilt", "willen", "wilde",
    "zal", "zult", "zullen", "zou", "zouden", "gaat", "gaan", "ga", "doe", "doet", "doen",
    "geweest", "geworden", "alle", "elke", "ieder", "iedere", "veel", "meer", "weinig", "iets",
    "niets", "alles", "iemand", "niemand", "welke", "waarom", "wanneer", "ja", "nee", "even",
    "eens", "nu", "dan", "toen", "straks",
];

/// The Zipf of a content word as a reader meets it, or None for function
/// words, numbers, names (a capital not at the start of the sentence) and
/// abbreviations. A capitalised word that is not a common word is taken for a
/// name and left out too.
pub(crate) fn content_word_zipf(text: &str, lower: &str, sentence_start: bool) -> Option<Zipf> {
    static FUNCTION: std::sync::OnceLock<super::hash::FastSet<&'static str>> =
        std::sync::OnceLock::new();
    if FUNCTION
        .get_or_init(|| super::hash::set_of(FUNCTION_WORDS))
        .contains(lower)
        || !lower.chars().all(|c| c.is_alphabetic() || c == '-')
        || lower.chars().count() < 3
    {
        return None;
    }
    let capital = text.chars().next().is_some_and(char::is_uppercase);
    if capital && !sentence_start || text.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    let z = lower
        .split('-')
        .filter(|p| p.chars().count() >= 3)
        .map(frequency::effective_zipf)
        .min()?;
    if capital && z < RARE_BELOW {
        return None;
    }
    // Short words are known words or names; never rare.
    if lower.chars().count() < 5 {
        return Some(z.max(RARE_BELOW));
    }
    Some(z)
}

/// Counts over a page.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    zipf_sum: u64,
    content: usize,
    rare: usize,
    clauses: usize,
}

impl Tally {
    pub(crate) fn add_word(&mut self, zipf: Zipf, rare: bool) {
        // A word rarer than the list counts as Zipf 2; very common words at most 7.
        self.zipf_sum += u64::from(zipf.clamp(20, 70));
        self.content += 1;
        if rare {
            self.rare += 1;
        }
    }

    pub(crate) fn add_clauses(&mut self, n: usize) {
        self.clauses += n;
    }

    pub(crate) fn finish(&self) -> WordScore {
        let f = if self.content == 0 {
            5.5
        } else {
            self.zipf_sum as f64 / self.content as f64 / 10.0
        };
        let c = if self.clauses == 0 {
            0.0
        } else {
            self.content as f64 / self.clauses as f64
        };
        let r = if self.content == 0 {
            0.0
        } else {
            self.rare as f64 / self.content as f64
        };
        let score = word_score(f, c, r);
        WordScore {
            score: round(score, 10.0),
            level: word_level(score),
            content_word_zipf: round(f, 100.0),
            content_words_per_clause: round(c, 10.0),
            rare_word_share: round(r, 1000.0),
        }
    }
}

/// The score and its features for one page (in the JSON as `word_score`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordScore {
    /// 0–100, higher is harder.
    pub score: f64,
    /// 1 (easy) to 4 (hard).
    pub level: u8,
    /// Mean Zipf frequency of the content words.
    pub content_word_zipf: f64,
    pub content_words_per_clause: f64,
    /// Share of content words with Zipf below 3 (0..1).
    pub rare_word_share: f64,
}

/// score = 20 × (5.5 − F) + 6 × (C − 2) + 100 × R, clamped to 0–100.
pub(crate) fn word_score(f: f64, c: f64, r: f64) -> f64 {
    (20.0 * (5.5 - f) + 6.0 * (c - 2.0) + 100.0 * r).clamp(0.0, 100.0)
}

/// Level 1 (< 25), 2 (25–40), 3 (40–55), 4 (≥ 55).
pub(crate) fn word_level(score: f64) -> u8 {
    if score < 25.0 {
        1
    } else if score < 40.0 {
        2
    } else if score < 55.0 {
        3
    } else {
        4
    }
}

fn round(x: f64, by: f64) -> f64 {
    (x * by).round() / by
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_and_levels() {
        assert!((word_score(5.5, 2.0, 0.0) - 0.0).abs() < 1e-9);
        assert!((word_score(4.5, 4.0, 0.05) - 37.0).abs() < 1e-9);
        assert_eq!(word_level(24.9), 1);
        assert_eq!(word_level(25.0), 2);
        assert_eq!(word_level(40.0), 3);
        assert_eq!(word_level(55.0), 4);
    }
}
