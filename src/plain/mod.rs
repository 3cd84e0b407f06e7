//! Plain language: how hard a page is to read, and where.
//!
//! For each page, on the text a reader sees: sentences, words and syllables,
//! the Flesch-Douma score, an estimated language level, and findings with a
//! rule id, a position in the Markdown source, a Dutch message and a
//! suggestion. Dutch rules apply to Dutch pages (nl, nl-BE); other languages
//! get the language-neutral checks only.
//!
//! Levels of findings (documented in the README):
//! - `long-sentence`: warning above `max-sentence-words`, error at 1.5 times it;
//! - `hard-word`: as the word list says (error for bureaucratic words such as
//!   "teneinde", warning for milder ones such as "indien"); team and training
//!   pages: always warning;
//! - `jargon`, `passive`, `rare-word` (parent pages), `nominalisation`,
//!   `er-construction`, `long-paragraph`, `wall-of-text`, `too-hard`: warning.

pub(crate) mod forms;
pub(crate) mod frequency;
pub(crate) mod hash;
pub(crate) mod hints;
pub(crate) mod latinate;
pub(crate) mod lexicon;
pub(crate) mod passive;
mod rules;
pub(crate) mod score;
pub(crate) mod sentences;
pub(crate) mod summary;
pub(crate) mod syllables;
pub(crate) mod text;

use serde::Serialize;

use crate::config::{CefrLevel, Config, PlainLanguage};
use crate::content::{Audience, Page};
use crate::error::{Diagnostic, Errors};
use lexicon::Glossary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    TooHard,
    LongSentence,
    HardWord,
    Jargon,
    Passive,
    RareWord,
    Nominalisation,
    ErConstruction,
    LongParagraph,
    WallOfText,
    ImageAlt,
}

impl Rule {
    pub fn id(self) -> &'static str {
        match self {
            Rule::TooHard => "too-hard",
            Rule::LongSentence => "long-sentence",
            Rule::HardWord => "hard-word",
            Rule::Jargon => "jargon",
            Rule::Passive => "passive",
            Rule::RareWord => "rare-word",
            Rule::Nominalisation => "nominalisation",
            Rule::ErConstruction => "er-construction",
            Rule::LongParagraph => "long-paragraph",
            Rule::WallOfText => "wall-of-text",
            Rule::ImageAlt => "image-alt",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub level: Level,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub suggestion: String,
    /// The text the finding is about, as a reader sees it (the sentence or
    /// the word; empty for the whole page), for highlighting in the preview.
    pub excerpt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub file: String,
    pub lang: String,
    pub audience: Audience,
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub flesch_douma: f64,
    pub mean_sentence_words: f64,
    /// Share of words with four or more syllables (0..1).
    pub long_word_share: f64,
    /// Estimated level (A2, B1, B2, C1, C2), or "-" for non-Dutch pages.
    pub level: String,
    /// The word-and-clause score beside Flesch-Douma (see `score`), with
    /// its features; null for non-Dutch pages.
    pub word_score: Option<score::WordScore>,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.level == Level::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.level == Level::Warning)
            .count()
    }
}

/// The glossary of a site: the built-in school jargon for its language, plus
/// the terms of its `[plain-language] glossary` file.
pub(crate) fn load_glossary(config: &Config) -> Result<Glossary, Errors> {
    let extra = match &config.plain_language.glossary {
        None => Vec::new(),
        Some(path) => {
            let text = std::fs::read_to_string(config.root.join(path)).map_err(|e| {
                Errors::from(Diagnostic::io(
                    path,
                    &crate::msg!("woordenlijst.io-lezen"),
                    &e,
                ))
            })?;
            crate::content::frontmatter::parse_glossary(&text).map_err(|e| {
                Errors::from(
                    Diagnostic::site(e.message)
                        .in_file(path)
                        .at(e.line, e.column)
                        .help(e.help),
                )
            })?
        }
    };
    Ok(Glossary::new(&config.language, &extra))
}

/// Limits for one audience.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Thresholds {
    pub max_sentence_words: usize,
    pub max_paragraph_words: usize,
    pub max_wall_words: usize,
    /// The level a page should not go above.
    pub target_level: CefrLevel,
    pub jargon: bool,
    pub hard_word_errors: bool,
    /// Report words a parent may not know (`rare-word`).
    pub rare_words: bool,
}

impl Thresholds {
    /// Parent pages are held to the configured level; team and training pages
    /// (colleagues, used to school words) to laxer defaults.
    pub(crate) fn for_audience(config: &PlainLanguage, audience: Audience) -> Thresholds {
        match audience {
            Audience::Ouders => Thresholds {
                max_sentence_words: config.max_sentence_words,
                max_paragraph_words: 80,
                max_wall_words: 250,
                target_level: config.level,
                jargon: true,
                hard_word_errors: true,
                rare_words: true,
            },
            Audience::Team | Audience::Training => Thresholds {
                max_sentence_words: config.max_sentence_words.max(30),
                max_paragraph_words: 120,
                max_wall_words: 400,
                target_level: CefrLevel::B2,
                jargon: false,
                hard_word_errors: false,
                rare_words: false,
            },
        }
    }
}

/// Flesch-Douma: 206.835 − 0.93 × words per sentence − 77 × syllables per word.
pub(crate) fn flesch_douma(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 100.0;
    }
    206.835 - 0.93 * (words as f64 / sentences as f64) - 77.0 * (syllables as f64 / words as f64)
}

/// Estimated level from the Flesch-Douma score, following Douma's bands
/// (≥ 80 easy, 60–80 normal, 45–60 fairly hard, 30–45 hard, < 30 very hard)
/// mapped to A2, B1, B2, C1, C2; one level up when sentences are long on
/// average (more than 20 words), since long sentences weigh heavily for
/// readers of Dutch as a second language.
pub(crate) fn estimate_level(score: f64, mean_sentence_words: f64) -> CefrLevel {
    use CefrLevel::*;
    const LEVELS: [CefrLevel; 5] = [A2, B1, B2, C1, C2];
    let mut i = if score >= 80.0 {
        0
    } else if score >= 60.0 {
        1
    } else if score >= 45.0 {
        2
    } else if score >= 30.0 {
        3
    } else {
        4
    };
    if mean_sentence_words > 20.0 {
        i = (i + 1).min(4);
    }
    LEVELS[i]
}

pub(crate) fn is_dutch(lang: &str) -> bool {
    lang == "nl" || lang.starts_with("nl-")
}

/// Analyses one page, given the blocks of text a reader sees on it
/// ([`text::blocks`] of its body).
pub(crate) fn analyse(
    page: &Page,
    blocks: &[text::Block],
    unlabelled_media: &[(usize, usize)],
    config: &PlainLanguage,
    glossary: &Glossary,
) -> Report {
    let mut reading = rules::Reading::new(page, config, glossary);
    reading.unlabelled_media = unlabelled_media;
    for block in blocks {
        reading.read_block(block);
    }
    reading.finish()
}

/// What the analyser needs of a word as written, looked up once per
/// distinct word (words repeat a lot in running text).
#[derive(Debug, Clone, Copy)]
struct WordInfo {
    syllables: u8,
    /// The Zipf of the folded word as a content word (see
    /// `score::content_word_zipf`) when it stands inside a sentence, and at
    /// the start of one; None for function words, names, numbers.
    content_inside: Option<frequency::Zipf>,
    content_first: Option<frequency::Zipf>,
    /// Where the hard phrases, and the hard verbs split over their clause,
    /// that may start here are kept (see `lexicon::HardWords`).
    hard_phrases: Option<lexicon::Slot>,
    hard_splits: Option<lexicon::Slot>,
    /// Is a hard word of its own; may be the second word of a hard phrase.
    hard_alone: bool,
    hard_second: bool,
    /// [`lexicon::fold`] changes the word (a capital or a curly apostrophe).
    needs_fold: bool,
    /// What the passive rule needs of the folded word.
    shape: passive::WordShape,
    /// What the hints need: without an "er" in a sentence there is no
    /// er-construction, without "de" or "het" and "van" no nominalisation.
    hint: hints::HintWord,
    /// [`Glossary::starting_at`] of the folded word, for the glossary with
    /// this tag (0: not worked out yet; see `remember_glossary_start`).
    glossary_tag: u32,
    glossary_start: Option<u32>,
}

impl WordInfo {
    fn content_zipf(&self, sentence_start: bool) -> Option<frequency::Zipf> {
        if sentence_start {
            self.content_first
        } else {
            self.content_inside
        }
    }
}

thread_local! {
    static WORDS_SEEN: hash::WordMemo<WordInfo> = hash::WordMemo::new(100_000);
}

/// What is known of each word (`words`: ranges in `text`), appended to
/// `out`: from memory for a word seen before.
fn word_infos(text: &str, words: &[std::ops::Range<usize>], out: &mut Vec<WordInfo>) {
    // One visit to the thread's memory per block, not per word.
    WORDS_SEEN.with(|seen| {
        out.extend(words.iter().map(|range| {
            let word = &text[range.clone()];
            seen.get_or(word, || word_info(word))
        }))
    })
}

fn word_info(text: &str) -> WordInfo {
    let lower = lexicon::fold(text);
    WordInfo {
        syllables: syllables::count(text).min(255) as u8,
        content_inside: score::content_word_zipf(text, &lower, false),
        content_first: score::content_word_zipf(text, &lower, true),
        hard_phrases: lexicon::hard_words().phrases_of(&lower),
        hard_splits: lexicon::hard_words().splits_of(&lower),
        hard_alone: lexicon::hard_words().whole_phrase(&lower),
        hard_second: lexicon::hard_words().may_follow(&lower),
        needs_fold: matches!(lower, std::borrow::Cow::Owned(_)),
        shape: passive::WordShape::of(&lower),
        hint: hints::HintWord::of(&lower),
        glossary_tag: 0,
        glossary_start: None,
    }
}

/// Where the terms of `glossary` may start at this word (`lower`: the word
/// folded), remembered beside the rest of what is known of the word: a
/// build reads nearly all pages with one glossary.
fn remember_glossary_start(info: &mut WordInfo, text: &str, lower: &str, glossary: &Glossary) {
    let tag = glossary.tag();
    if info.glossary_tag != tag {
        let start = glossary.starting_at(lower).map(|i| i as u32);
        info.glossary_tag = tag;
        info.glossary_start = start;
        WORDS_SEEN.with(|seen| {
            seen.update(text, |known| {
                known.glossary_tag = tag;
                known.glossary_start = start;
            })
        });
    }
}

/// Line starts of a text, for line and column of many offsets without
/// scanning from the top each time.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of byte `offset`; the same
    /// as `error::line_col`.
    fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// `breaks[i]`: punctuation between word i - 1 and word i (a comma, a
/// bracket, a dash, a semicolon, a colon or a quote ends a clause), appended
/// to `breaks`.
fn clause_breaks(text: &str, words: &[std::ops::Range<usize>], breaks: &mut Vec<bool>) {
    if words.is_empty() {
        return;
    }
    breaks.push(false);
    for pair in words.windows(2) {
        let between = &text[pair[0].end..pair[1].start];
        // Between two words is mostly one space.
        breaks.push(
            between != " "
                && (between.chars().any(|c| {
                    matches!(c, ',' | ';' | ':' | '(' | ')' | '–' | '—' | '"' | '“' | '”')
                }) || between.contains(" - ")),
        );
    }
}

/// Is the term at `start..end` explained right there: "MR (de raad...)",
/// "de raad (MR)", "MR: ...", "MR is ...", "MR betekent ...", "MR staat voor ..."?
fn explains(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    // "... noemen we ook wel de IB'er", "... afgekort MR", "..., oftewel de BSO"
    let lead_in: String = before
        .split_whitespace()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let named_before = ["wel", "afgekort", "ofwel", "oftewel", "kortweg"]
        .iter()
        .any(|w| {
            lead_in
                .split(' ')
                .take(2)
                .any(|x| x.trim_end_matches(',') == *w)
        });
    named_before
        || before.ends_with('(')
        || after.starts_with('(')
        || after.starts_with(':')
        || after.starts_with("is ")
        || after.starts_with("betekent")
        || after.starts_with("staat voor")
        || after.starts_with("zijn ")
}

#[cfg(test)]
mod tests;
