//! Word lists: formal words with plain alternatives, and school jargon with a
//! short explanation. The built-in lists are data files (`data/*.tsv`); a site
//! adds or overrides terms with its glossary file.

use super::hash::{FastMap, FastSet, FirstFilter};
use std::borrow::Cow;
use std::sync::OnceLock;

use super::sentences::Word;
use super::Level;

#[derive(Debug, Clone)]
pub(crate) struct HardWord {
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
    let w: Cow<'_, str> = if word.contains('’') {
        Cow::Owned(word.replace('’', "'"))
    } else {
        Cow::Borrowed(word)
    };
    if keep_case {
        w.into_owned()
    } else {
        w.to_lowercase()
    }
}

/// Phrases indexed by their first word, and phrases of two or more words
/// also by their second, for matching at each word of a text: a common first
/// word ("in", "op") starts many phrases, and only those that go on with the
/// next word are compared.
#[derive(Debug, Default)]
pub(crate) struct PhraseIndex {
    /// Index in `starting` by first word.
    by_first: FastMap<String, usize>,
    starting: Vec<Starting>,
    /// The keys of `by_first`, for skipping most words without a lookup.
    first: FirstFilter,
    /// Every second word of a phrase.
    seconds: FastSet<String>,
}

/// The phrases that start with one word.
#[derive(Debug, Default)]
struct Starting {
    /// Phrases of one word.
    alone: Vec<usize>,
    /// Longer phrases by their second word.
    by_second: FastMap<String, Vec<usize>>,
    /// The keys of `by_second`.
    second: FirstFilter,
}

impl PhraseIndex {
    fn build<'a>(phrases: impl Iterator<Item = (usize, &'a [String])>) -> Self {
        let mut by_first: FastMap<String, usize> = FastMap::default();
        let mut starting: Vec<Starting> = Vec::new();
        let mut first = FirstFilter::default();
        let mut seconds = FastSet::default();
        for (i, words) in phrases {
            let Some(first_word) = words.first() else {
                continue;
            };
            let key = first_word.to_lowercase();
            first.insert(&key);
            let at = *by_first.entry(key).or_insert_with(|| {
                starting.push(Starting::default());
                starting.len() - 1
            });
            let starting = &mut starting[at];
            match words.get(1) {
                Some(second) => {
                    let second = second.to_lowercase();
                    starting.second.insert(&second);
                    seconds.insert(second.clone());
                    starting.by_second.entry(second).or_default().push(i)
                }
                None => starting.alone.push(i),
            }
        }
        PhraseIndex {
            by_first,
            starting,
            first,
            seconds,
        }
    }

    /// Is this folded word a phrase of its own?
    fn whole_phrase(&self, lower: &str) -> bool {
        self.starting_at(lower)
            .is_some_and(|at| !self.starting[at].alone.is_empty())
    }

    /// Can this folded word be the second word of a phrase?
    fn may_follow(&self, lower: &str) -> bool {
        self.seconds.contains(lower)
    }

    /// Where phrases starting with this folded word are kept, if any.
    fn starting_at(&self, lower: &str) -> Option<usize> {
        if self.first.may_contain(lower) {
            self.by_first.get(lower).copied()
        } else {
            None
        }
    }

    /// Every (word index, phrase index, phrase length) where a phrase starts;
    /// the longest phrase wins, so "in het kader van" beats "in".
    /// `lower` holds the words folded by [`fold`].
    /// `starting_at(i)`: [`PhraseIndex::starting_at`] of word i;
    /// `follows(i)`: false when word i is certainly not the second word of a
    /// phrase ([`PhraseIndex::may_follow`]).
    fn find<'a>(
        &self,
        texts: &[&str],
        lower: &[&str],
        starting_at: impl Fn(usize) -> Option<usize>,
        follows: impl Fn(usize) -> bool,
        phrase_words: impl Fn(usize) -> (&'a [String], bool),
    ) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < texts.len() {
            let mut best: Option<(usize, usize)> = None;
            let starting = starting_at(i).map(|at| &self.starting[at]);
            let longer = starting
                .zip(lower.get(i + 1))
                .filter(|(s, next)| follows(i + 1) && s.second.may_contain(next))
                .and_then(|(s, next)| s.by_second.get(*next));
            let candidates = starting
                .map(|s| s.alone.as_slice())
                .unwrap_or_default()
                .iter()
                .chain(longer.into_iter().flatten());
            for &p in candidates {
                let (pw, case_sensitive) = phrase_words(p);
                let fits = texts.len() >= i + pw.len()
                    && pw.iter().enumerate().all(|(k, want)| {
                        if case_sensitive {
                            folded(texts[i + k], true) == want.as_str()
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

/// Lower case with straight apostrophes, borrowed when already so: the form
/// every rule compares (made once per word).
pub(crate) fn fold(word: &str) -> Cow<'_, str> {
    folded(word, false)
}

/// [`fold`] appended to `out`, without a string of its own for the word:
/// the analyser folds the words of a block into one buffer.
pub(crate) fn fold_into(word: &str, out: &mut String) {
    // Lower case depends on the letter after a Greek capital sigma: leave
    // that to the standard library.
    if word.contains('Σ') {
        out.push_str(&fold(word));
        return;
    }
    for c in word.chars() {
        match c {
            '’' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// A verb split over its clause: "vindt ... plaats", "dient ... te".
#[derive(Debug, Clone)]
struct Split {
    /// The words that come later in the clause: "plaats", "in werking".
    particle: Vec<String>,
    entry: usize,
    /// The particle ends the clause or comes before a preposition
    /// ("vindt plaats in de aula"); "te" may stand anywhere after the verb.
    at_clause_end: bool,
}

/// Where in [`HardWords`] the phrases or split verbs of a word are kept: two
/// bytes, so that the analyser's table of what it knows of each word stays
/// small (a lookup per word of text; the smaller the table, the fewer cache
/// misses). The lists have far fewer entries (a test checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot(std::num::NonZeroU16);

impl Slot {
    fn new(index: usize) -> Slot {
        let stored = u16::try_from(index + 1).expect("fewer than 65,535 entries");
        Slot(std::num::NonZeroU16::new(stored).expect("index + 1 is not zero"))
    }

    pub(crate) fn index(self) -> usize {
        usize::from(self.0.get()) - 1
    }
}

pub(crate) struct HardWords {
    pub list: Vec<HardWord>,
    /// Every form of every entry: (words, entry).
    phrases: Vec<(Vec<String>, usize)>,
    index: PhraseIndex,
    /// Index in `splits` by the verb's form.
    split: FastMap<String, usize>,
    splits: Vec<Vec<Split>>,
}

/// A hard word found in a sentence.
pub(crate) struct Found<'a> {
    pub entry: &'a HardWord,
    /// Word indexes that make up the hard word (two for a split verb).
    pub first: usize,
    pub last: usize,
    /// The first and last word of the second part of a split verb ("plaats"
    /// in "vindt ... plaats", "in werking" in "treedt ... in werking").
    pub particle: Option<(usize, usize)>,
}

impl HardWords {
    /// Where the hard phrases that start with this folded word are kept, if
    /// any.
    pub(crate) fn phrases_of(&self, lower: &str) -> Option<Slot> {
        self.index.starting_at(lower).map(Slot::new)
    }

    /// Is this folded word a hard word of its own ("indien")?
    pub(crate) fn whole_phrase(&self, lower: &str) -> bool {
        self.index.whole_phrase(lower)
    }

    /// Can this folded word be the second word of a hard phrase ("in het
    /// kader van")?
    pub(crate) fn may_follow(&self, lower: &str) -> bool {
        self.index.may_follow(lower)
    }

    /// Where the verbs split over their clause that start with this folded
    /// word are kept, if any.
    pub(crate) fn splits_of(&self, lower: &str) -> Option<Slot> {
        self.split.get(lower).map(|&i| Slot::new(i))
    }

    #[cfg(test)]
    /// [`HardWords::find_starting`], looking up where a hard word may start.
    pub(crate) fn find<'a>(&'a self, lower: &[&str], breaks: &[bool]) -> Vec<Found<'a>> {
        self.find_starting(
            lower,
            breaks,
            |i| self.phrases_of(lower[i]),
            |i| self.may_follow(lower[i]),
            |i| self.splits_of(lower[i]),
        )
    }

    /// Every hard word in a sentence (`lower`: its words folded by [`fold`];
    /// `breaks[i]`: punctuation before word i). `phrases(i)` and `splits(i)`:
    /// [`HardWords::phrases_of`] and [`HardWords::splits_of`] word i, worked
    /// out once per distinct word by the caller.
    pub(crate) fn find_starting<'a>(
        &'a self,
        lower: &[&str],
        breaks: &[bool],
        phrases: impl Fn(usize) -> Option<Slot>,
        follows: impl Fn(usize) -> bool,
        splits: impl Fn(usize) -> Option<Slot>,
    ) -> Vec<Found<'a>> {
        let mut found: Vec<Found<'a>> = self
            .index
            .find(
                lower,
                lower,
                |i| phrases(i).map(Slot::index),
                follows,
                |p| (self.phrases[p].0.as_slice(), false),
            )
            .into_iter()
            .map(|(i, p, len)| Found {
                entry: &self.list[self.phrases[p].1],
                first: i,
                last: i + len - 1,
                particle: None,
            })
            .collect();
        for i in 0..lower.len() {
            let Some(splits) = splits(i).map(|at| &self.splits[at.index()]) else {
                continue;
            };
            if found.iter().any(|f| (f.first..=f.last).contains(&i)) {
                continue;
            }
            'split: for s in splits {
                let n = s.particle.len();
                for j in i + 1..lower.len() {
                    if breaks[j] {
                        break;
                    }
                    let fits = lower.len() >= j + n
                        && !breaks[j + 1..j + n].iter().any(|b| *b)
                        && lower[j..j + n].iter().zip(&s.particle).all(|(w, p)| w == p);
                    if !fits {
                        continue;
                    }
                    let after = j + n;
                    let clause_end = after == lower.len()
                        || breaks[after]
                        || matches!(
                            lower[after],
                            "in" | "op"
                                | "aan"
                                | "met"
                                | "voor"
                                | "van"
                                | "bij"
                                | "om"
                                | "dat"
                                | "en"
                                | "als"
                                | "te"
                                | "tot"
                                | "na"
                                | "over"
                        );
                    if !s.at_clause_end || clause_end {
                        found.push(Found {
                            entry: &self.list[s.entry],
                            first: i,
                            last: i,
                            particle: Some((j, after - 1)),
                        });
                        break 'split;
                    }
                }
            }
        }
        found.sort_by_key(|f| f.first);
        found
    }
}

/// The built-in list of formal words (data/hard-words.tsv), with every
/// inflected form of each entry (see `forms`).
pub(crate) fn hard_words() -> &'static HardWords {
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
        let mut phrases = Vec::new();
        let mut split: FastMap<String, usize> = FastMap::default();
        let mut splits: Vec<Vec<Split>> = Vec::new();
        let mut add_split =
            |form: String, particle: Vec<String>, entry: usize, at_clause_end: bool| {
                let at = *split.entry(form).or_insert_with(|| {
                    splits.push(Vec::new());
                    splits.len() - 1
                });
                splits[at].push(Split {
                    particle,
                    entry,
                    at_clause_end,
                });
            };
        for (e, h) in list.iter().enumerate() {
            match h.words.as_slice() {
                [one] => {
                    for form in super::forms::of(one) {
                        phrases.push((vec![form], e));
                    }
                    for (form, particle) in super::forms::split_forms(one) {
                        add_split(form, vec![particle], e, true);
                    }
                }
                // "dient te": "dient u het formulier in te vullen"
                [verb, te] if te == "te" => {
                    phrases.push((h.words.clone(), e));
                    for form in super::forms::of(verb) {
                        add_split(form, vec![te.clone()], e, false);
                    }
                }
                // "kenbaar maken": "maakt ... kenbaar", "kenbaar gemaakt"
                // "in werking treden": "treedt ... in werking", "in werking
                // getreden".
                [before @ .., verb] if verb.ends_with("en") && verb.len() >= 5 => {
                    for form in super::forms::of(verb) {
                        let mut phrase = before.to_vec();
                        phrase.push(form.clone());
                        phrases.push((phrase, e));
                        add_split(form, before.to_vec(), e, true);
                    }
                    // "in kaart te brengen"
                    let mut phrase = before.to_vec();
                    phrase.extend(["te".to_string(), verb.clone()]);
                    phrases.push((phrase, e));
                }
                _ => phrases.push((h.words.clone(), e)),
            }
        }
        let index = PhraseIndex::build(
            phrases
                .iter()
                .enumerate()
                .map(|(i, (w, _))| (i, w.as_slice())),
        );
        HardWords {
            list,
            phrases,
            index,
            split,
            splits,
        }
    })
}

/// School terms with their explanation: built in, then the site's own.
pub struct Glossary {
    pub terms: Vec<Term>,
    index: PhraseIndex,
    /// Tells this glossary apart from others made in this run: the
    /// analyser remembers per distinct word where its terms may start,
    /// for one glossary at a time (see `WordInfo`).
    tag: u32,
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
        static MADE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        // 0 means "no glossary", also after the counter wraps.
        let tag =
            std::iter::repeat_with(|| MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                .find(|&t| t != 0)
                .expect("a counter is not zero twice in a row");
        Glossary { terms, index, tag }
    }

    /// Never 0 (the tag of no glossary).
    pub(crate) fn tag(&self) -> u32 {
        self.tag
    }

    /// Where the terms that start with this folded word are kept, if any.
    pub(crate) fn starting_at(&self, lower: &str) -> Option<usize> {
        self.index.starting_at(lower)
    }

    /// (word index, term index, length in words) of every term in `words`.
    pub fn find(&self, words: &[Word]) -> Vec<(usize, usize, usize)> {
        let folded: Vec<Cow<'_, str>> = words.iter().map(|w| fold(&w.text)).collect();
        let lower: Vec<&str> = folded.iter().map(|w| w.as_ref()).collect();
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        self.find_folded(&texts, &lower)
    }

    /// `find` with the words as written and folded by [`fold`].
    pub fn find_folded(&self, texts: &[&str], lower: &[&str]) -> Vec<(usize, usize, usize)> {
        self.find_starting(texts, lower, |i| self.index.starting_at(lower[i]))
    }

    /// `find_folded`, with `starting(i)` the [`Glossary::starting_at`] of
    /// word i, worked out once per distinct word by the caller.
    pub(crate) fn find_starting(
        &self,
        texts: &[&str],
        lower: &[&str],
        starting: impl Fn(usize) -> Option<usize>,
    ) -> Vec<(usize, usize, usize)> {
        self.index.find(
            texts,
            lower,
            starting,
            |_| true,
            |p| (self.terms[p].words.as_slice(), self.terms[p].case_sensitive),
        )
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
    fn every_slot_of_the_hard_words_fits_in_two_bytes() {
        let hard = hard_words();
        assert!(hard.index.starting.len() < usize::from(u16::MAX) - 1);
        assert!(hard.splits.len() < usize::from(u16::MAX) - 1);
        for i in [0, 1, 300, 65_533] {
            assert_eq!(Slot::new(i).index(), i);
        }
    }

    #[test]
    fn fold_into_appends_what_fold_makes() {
        let mut out = String::from("x");
        for w in ["Kinderen", "IB’er", "ΟΔΟΣ", "Ærø", "İstanbul", "school"] {
            let start = out.len();
            fold_into(w, &mut out);
            assert_eq!(&out[start..], fold(w), "{w}");
        }
    }

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
        let folded: Vec<_> = w.iter().map(|w| fold(&w.text)).collect();
        let lower: Vec<&str> = folded.iter().map(|w| w.as_ref()).collect();
        let found: Vec<String> = hard_words()
            .find(&lower, &vec![false; w.len()])
            .into_iter()
            .map(|f| f.entry.words.join(" "))
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
