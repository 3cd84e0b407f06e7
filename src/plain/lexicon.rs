//! Word lists: formal words with plain alternatives, and school jargon with a
//! short explanation. The built-in lists are data files (`data/*.tsv`); a site
//! adds or overrides terms with its glossary file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::sentences::Word;
use super::Level;

#[derive(Debug, Clone)]
pub struct HardWord {
    /// Lower-case words of the phrase.
    pub words: Vec<String>,
    pub alternative: String,
    pub level: Level,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub term: String,
    pub explanation: String,
    /// Abbreviations (two or more capitals) match only as written: "OR", not "or".
    pub case_sensitive: bool,
    /// Reported by the `jargon` rule when the page does not explain it;
    /// everyday school words only get their explanation attached.
    pub flagged: bool,
    /// Words of the term, normalised (see `normalise`).
    words: Vec<String>,
}

impl Term {
    pub fn new(term: &str, explanation: &str) -> Term {
        let case_sensitive = term.chars().filter(|c| c.is_uppercase()).count() >= 2;
        let words = super::sentences::words(term, 0)
            .into_iter()
            .map(|w| normalise(&w.text, case_sensitive))
            .collect();
        Term {
            term: term.trim().to_string(),
            explanation: explanation.trim().to_string(),
            case_sensitive,
            flagged: true,
            words,
        }
    }
}

/// Curly apostrophes as straight ones; lower case unless case matters.
fn normalise(word: &str, keep_case: bool) -> String {
    let w = word.replace('’', "'");
    if keep_case {
        w
    } else {
        w.to_lowercase()
    }
}

/// Phrases indexed by their first word, for matching at each word of a text.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    by_first: HashMap<String, Vec<usize>>,
}

impl PhraseIndex {
    fn build<'a>(phrases: impl Iterator<Item = (usize, &'a [String])>) -> Self {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, words) in phrases {
            if let Some(first) = words.first() {
                by_first.entry(first.to_lowercase()).or_default().push(i);
            }
        }
        // Longest phrase first, so "in het kader van" wins over "in".
        PhraseIndex { by_first }
    }

    /// Every (word index, phrase index, phrase length) where a phrase starts.
    fn find<'a>(
        &self,
        words: &[Word],
        phrase_words: impl Fn(usize) -> (&'a [String], bool),
    ) -> Vec<(usize, usize, usize)> {
        // Most words are already lower case: borrow those instead of copying.
        let lower: Vec<Cow<'_, str>> = words.iter().map(|w| folded(&w.text, false)).collect();
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut best: Option<(usize, usize)> = None;
            for &p in self.by_first.get(lower[i].as_ref()).into_iter().flatten() {
                let (pw, case_sensitive) = phrase_words(p);
                let fits = words.len() >= i + pw.len()
                    && pw.iter().enumerate().all(|(k, want)| {
                        if case_sensitive {
                            folded(&words[i + k].text, true) == want.as_str()
                        } else {
                            lower[i + k] == want.as_str()
                        }
                    });
                if fits && best.is_none_or(|(_, len)| pw.len() > len) {
                    best = Some((p, pw.len()));
                }
            }
            match best {
                Some((p, len)) => {
                    found.push((i, p, len));
                    i += len;
                }
                None => i += 1,
            }
        }
        found
    }
}

/// `normalise` without copying words that need no change.
fn folded(word: &str, keep_case: bool) -> Cow<'_, str> {
    if word.contains('’') || (!keep_case && word.chars().any(char::is_uppercase)) {
        Cow::Owned(normalise(word, keep_case))
    } else {
        Cow::Borrowed(word)
    }
}

pub struct HardWords {
    pub list: Vec<HardWord>,
    index: PhraseIndex,
}

impl HardWords {
    /// (word index, entry, length in words) of every hard word in `words`.
    pub fn find(&self, words: &[Word]) -> Vec<(usize, &HardWord, usize)> {
        self.index
            .find(words, |p| (self.list[p].words.as_slice(), false))
            .into_iter()
            .map(|(i, p, len)| (i, &self.list[p], len))
            .collect()
    }
}

/// The built-in list of formal words (data/hard-words.tsv).
pub fn hard_words() -> &'static HardWords {
    static LIST: OnceLock<HardWords> = OnceLock::new();
    LIST.get_or_init(|| {
        let list: Vec<HardWord> = tsv(include_str!("data/hard-words.tsv"))
            .map(|cols| HardWord {
                words: super::sentences::words(cols[0], 0)
                    .into_iter()
                    .map(|w| w.text.to_lowercase())
                    .collect(),
                alternative: cols.get(1).unwrap_or(&"").to_string(),
                level: if cols.get(2) == Some(&"error") {
                    Level::Error
                } else {
                    Level::Warning
                },
            })
            .filter(|h| !h.words.is_empty())
            .collect();
        let index = PhraseIndex::build(
            list.iter()
                .enumerate()
                .map(|(i, h)| (i, h.words.as_slice())),
        );
        HardWords { list, index }
    })
}

/// School terms with their explanation: built in, then the site's own.
pub struct Glossary {
    pub terms: Vec<Term>,
    index: PhraseIndex,
}

impl Glossary {
    /// The built-in jargon for `lang` (Flemish terms for nl-BE), with `extra`
    /// (the site's glossary) added or replacing built-in terms.
    pub fn new(lang: &str, extra: &[(String, String)]) -> Glossary {
        let region = if lang.eq_ignore_ascii_case("nl-BE") {
            "be"
        } else {
            "nl"
        };
        let mut terms: Vec<Term> = tsv(include_str!("data/jargon.tsv"))
            .filter(|cols| matches!(cols.get(2).copied(), Some(r) if r == region || r == "both"))
            .map(|cols| Term {
                flagged: cols.get(3) != Some(&"no"),
                ..Term::new(cols[0], cols.get(1).unwrap_or(&""))
            })
            .collect();
        for (term, explanation) in extra {
            let new = Term::new(term, explanation);
            match terms.iter_mut().find(|t| t.words == new.words) {
                Some(existing) => *existing = new,
                None => terms.push(new),
            }
        }
        terms.sort_by_key(|t| t.term.to_lowercase());
        terms.dedup_by(|a, b| a.words == b.words);
        let index = PhraseIndex::build(
            terms
                .iter()
                .enumerate()
                .map(|(i, t)| (i, t.words.as_slice())),
        );
        Glossary { terms, index }
    }

    /// (word index, term index, length in words) of every term in `words`.
    pub fn find(&self, words: &[Word]) -> Vec<(usize, usize, usize)> {
        self.index.find(words, |p| {
            (self.terms[p].words.as_slice(), self.terms[p].case_sensitive)
        })
    }
}

/// Rows of a tab-separated data file, without comments and blank lines.
fn tsv(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
        .filter(|cols| !cols[0].is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plain::sentences::words;

    #[test]
    fn data_files_are_big_enough() {
        assert!(
            hard_words().list.len() >= 150,
            "{}",
            hard_words().list.len()
        );
        assert!(Glossary::new("nl", &[]).terms.len() >= 30);
    }

    #[test]
    fn phrases_match_longest_first() {
        let w = words("Indien u ten behoeve van de school komt", 0);
        let found: Vec<String> = hard_words()
            .find(&w)
            .into_iter()
            .map(|(_, h, _)| h.words.join(" "))
            .collect();
        assert!(found.contains(&"indien".to_string()), "{found:?}");
        assert!(found.contains(&"ten behoeve van".to_string()), "{found:?}");
    }

    #[test]
    fn abbreviations_match_case_sensitively() {
        let g = Glossary::new("nl", &[]);
        assert!(!g.find(&words("Kom je mee, MR of OR", 0)).is_empty());
        let mr = g.terms.iter().position(|t| t.term == "MR").unwrap();
        assert!(g
            .find(&words("hij of zij", 0))
            .iter()
            .all(|(_, t, _)| *t != mr));
        assert!(!g.find(&words("De IB’er helpt", 0)).is_empty());
    }

    #[test]
    fn site_terms_add_and_replace() {
        let g = Glossary::new(
            "nl",
            &[
                ("MR".into(), "Eigen uitleg".into()),
                ("Vossenhol".into(), "Het speellokaal".into()),
            ],
        );
        assert_eq!(
            g.terms.iter().find(|t| t.term == "MR").unwrap().explanation,
            "Eigen uitleg"
        );
        assert!(!g.find(&words("in het vossenhol", 0)).is_empty());
    }
}
