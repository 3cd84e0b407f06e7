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

pub mod forms;
pub mod frequency;
pub mod hash;
pub mod hints;
pub mod lexicon;
pub mod passive;
pub mod score;
pub mod sentences;
pub mod summary;
pub mod syllables;
pub mod text;

use std::borrow::Cow;
use std::collections::HashSet;

use serde::Serialize;

use crate::config::{Config, PlainLanguage};
use crate::content::{Audience, Page};
use crate::error::{Diagnostic, Errors};
use lexicon::Glossary;
use text::BlockKind;

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
pub fn load_glossary(config: &Config) -> Result<Glossary, Errors> {
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
pub struct Thresholds {
    pub max_sentence_words: usize,
    pub max_paragraph_words: usize,
    pub max_wall_words: usize,
    /// The level a page should not go above.
    pub target_level: String,
    pub jargon: bool,
    pub hard_word_errors: bool,
    /// Report words a parent may not know (`rare-word`).
    pub rare_words: bool,
}

impl Thresholds {
    /// Parent pages are held to the configured level; team and training pages
    /// (colleagues, used to school words) to laxer defaults.
    pub fn for_audience(config: &PlainLanguage, audience: Audience) -> Thresholds {
        match audience {
            Audience::Ouders => Thresholds {
                max_sentence_words: config.max_sentence_words,
                max_paragraph_words: 80,
                max_wall_words: 250,
                target_level: config.level.clone(),
                jargon: true,
                hard_word_errors: true,
                rare_words: true,
            },
            Audience::Team | Audience::Training => Thresholds {
                max_sentence_words: config.max_sentence_words.max(30),
                max_paragraph_words: 120,
                max_wall_words: 400,
                target_level: "B2".into(),
                jargon: false,
                hard_word_errors: false,
                rare_words: false,
            },
        }
    }
}

/// Flesch-Douma: 206.835 − 0.93 × words per sentence − 77 × syllables per word.
pub fn flesch_douma(words: usize, sentences: usize, syllables: usize) -> f64 {
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
pub fn estimate_level(score: f64, mean_sentence_words: f64) -> &'static str {
    const LEVELS: [&str; 5] = ["A2", "B1", "B2", "C1", "C2"];
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

fn level_rank(level: &str) -> usize {
    ["A1", "A2", "B1", "B2", "C1", "C2"]
        .iter()
        .position(|l| *l == level)
        .unwrap_or(2)
}

pub fn is_dutch(lang: &str) -> bool {
    lang == "nl" || lang.starts_with("nl-")
}

/// Pages with fewer words than this get no level finding: too little text to say.
const MIN_WORDS_FOR_LEVEL: usize = 60;

/// Analyses one page.
pub fn analyse(page: &Page, config: &PlainLanguage, glossary: &Glossary) -> Report {
    let limits = Thresholds::for_audience(config, page.audience);
    let dutch = is_dutch(&page.lang);
    let blocks = text::blocks(&page.body);
    let lines = LineIndex::new(&page.body);
    let mut findings = Vec::new();
    let mut add = |rule: Rule,
                   level: Level,
                   offset: usize,
                   message: String,
                   suggestion: String,
                   excerpt: &str| {
        let (line, column) = lines.line_col(&page.body, offset);
        findings.push(Finding {
            excerpt: excerpt.split_whitespace().collect::<Vec<_>>().join(" "),
            rule,
            level,
            line: page.body_line + line - 1,
            column,
            message,
            suggestion,
        });
    };

    let (mut words, mut sentences, mut syllables, mut long_words) = (0, 0, 0, 0);
    let mut wall = (0usize, None::<usize>); // words since the last heading or list, and where it started
    let mut explained: Vec<bool> = vec![false; glossary.terms.len()];
    let mut first_use: Vec<Option<usize>> = vec![None; glossary.terms.len()];
    let mut rare_seen: HashSet<String> = HashSet::new();
    let mut word_score = score::Tally::default();

    // Buffers reused for every sentence: the hot loop allocates nothing per word.
    let mut texts: Vec<&str> = Vec::new();
    let mut folded: Vec<Cow<'_, str>> = Vec::new();
    let mut infos: Vec<WordInfo> = Vec::new();
    let mut covered: Vec<bool> = Vec::new();
    for block in &blocks {
        let block_sentences = sentences::spans(&block.text);
        let block_words: usize = block_sentences.iter().map(|s| s.words.len()).sum();
        match block.kind {
            BlockKind::Heading | BlockKind::ListItem | BlockKind::TableCell => wall = (0, None),
            BlockKind::Paragraph => {
                let start = *wall.1.get_or_insert(block.source_offset(0));
                wall.0 += block_words;
                if wall.0 > limits.max_wall_words && wall.0 - block_words <= limits.max_wall_words {
                    add(
                        Rule::WallOfText,
                        Level::Warning,
                        start,
                        format!("{} woorden achter elkaar zonder tussenkop of lijst", wall.0),
                        "zet er een tussenkop boven een deel, of maak van een opsomming een lijst"
                            .into(),
                        &block.text,
                    );
                }
                if block_words > limits.max_paragraph_words {
                    add(
                        Rule::LongParagraph,
                        Level::Warning,
                        block.source_offset(0),
                        format!(
                            "deze alinea heeft {block_words} woorden (meer dan {})",
                            limits.max_paragraph_words
                        ),
                        "verdeel de alinea in kortere stukken van 3 of 4 zinnen".into(),
                        &block.text,
                    );
                }
            }
        }
        for sentence in &block_sentences {
            let n = sentence.words.len();
            sentences += 1;
            words += n;
            texts.clear();
            texts.extend(sentence.words.iter().map(|r| &block.text[r.clone()]));
            infos.clear();
            infos.extend(texts.iter().map(|t| word_info(t)));
            for info in &infos {
                syllables += info.syllables as usize;
                if info.syllables >= 4 {
                    long_words += 1;
                }
            }
            let max = limits.max_sentence_words;
            if n > max {
                let level = if n * 2 >= max * 3 {
                    Level::Error
                } else {
                    Level::Warning
                };
                add(
                    Rule::LongSentence,
                    level,
                    block.source_offset(sentence.words[0].start),
                    format!("deze zin heeft {n} woorden (meer dan {max})"),
                    "maak er twee of drie korte zinnen van; zet het belangrijkste eerst".into(),
                    &block.text[sentence.range.clone()],
                );
            }
            if !dutch {
                continue;
            }
            // Every rule compares folded words: fold each word once.
            folded.clear();
            folded.extend(texts.iter().map(|t| lexicon::fold(t)));
            let lower: Vec<&str> = folded.iter().map(|w| w.as_ref()).collect();
            let breaks = clause_breaks(&block.text, &sentence.words);
            // Words already reported or explained: no rare-word finding.
            covered.clear();
            covered.resize(n, false);
            let at = |i: usize| block.source_offset(sentence.words[i].start);
            let hard_words = lexicon::hard_words();
            let found = if infos.iter().any(|i| i.hard_start) {
                hard_words.find(&lower, &breaks)
            } else {
                Vec::new()
            };
            for found in found {
                let hard = found.entry;
                let written = match found.particle {
                    Some(p) => format!("{} ... {}", texts[found.first], texts[p]),
                    None => block.text
                        [sentence.words[found.first].start..sentence.words[found.last].end]
                        .to_string(),
                };
                covered[found.first..=found.last]
                    .iter_mut()
                    .for_each(|c| *c = true);
                let level = if limits.hard_word_errors {
                    hard.level
                } else {
                    Level::Warning
                };
                add(
                    Rule::HardWord,
                    level,
                    at(found.first),
                    format!("\"{written}\" is een moeilijk woord"),
                    format!("schrijf \"{}\"", hard.alternative),
                    &written,
                );
            }
            if let Some(offset) = passive::find(&lower, &breaks) {
                add(
                    Rule::Passive,
                    Level::Warning,
                    at(offset),
                    "deze zin is passief (\"wordt ... gedaan\")".into(),
                    "zeg wie het doet: \"de juf stuurt de brief\" in plaats van \"de brief wordt verstuurd\"".into(),
                    &block.text[sentence.range.clone()],
                );
            }
            for (first, last, suggestion) in hints::nominalisations(&lower) {
                let range = sentence.words[first].start..sentence.words[last].end;
                add(
                    Rule::Nominalisation,
                    Level::Warning,
                    at(first),
                    format!(
                        "\"{}\" is een zelfstandig naamwoord van een werkwoord (nominalisatie)",
                        &block.text[range.clone()]
                    ),
                    suggestion,
                    &block.text[range],
                );
            }
            for (er, prep, suggestion) in hints::er_constructions(&lower, &breaks) {
                let written = format!("{} ... {}", texts[er], texts[prep]);
                add(
                    Rule::ErConstruction,
                    Level::Warning,
                    at(er),
                    format!("\"{written}\": \"er\" en het voorzetsel staan ver uit elkaar"),
                    suggestion,
                    &written,
                );
            }
            for (i, t, len) in glossary.find_folded(&texts, &lower) {
                let start = sentence.words[i].start;
                let end = sentence.words[i + len - 1].end;
                if explains(&block.text, start, end) {
                    explained[t] = true;
                }
                covered[i..i + len].iter_mut().for_each(|c| *c = true);
                first_use[t].get_or_insert(block.source_offset(start));
            }
            for (i, range) in sentence.words.iter().enumerate() {
                let Some(z) = infos[i].content_zipf(texts[i], i == 0) else {
                    continue;
                };
                // Parts of an e-mail address or web address are no words.
                let after = &block.text[range.end..];
                let address = after.starts_with(['@', '.', '/'])
                    && after.chars().nth(1).is_some_and(char::is_alphanumeric)
                    || block.text[..range.start].ends_with(['@', '/', '.']);
                let rare = z < frequency::RARE_BELOW && !covered[i] && !address;
                word_score.add_word(z, rare);
                if rare && limits.rare_words && rare_seen.insert(lower[i].to_string()) {
                    add(
                        Rule::RareWord,
                        Level::Warning,
                        at(i),
                        format!("\"{}\" is een woord dat veel ouders niet kennen", texts[i]),
                        "kies een gewoner woord, of leg het uit in de zin of in de woordenlijst"
                            .into(),
                        texts[i],
                    );
                }
            }
            word_score.add_clauses(passive::clauses(&lower, &breaks));
        }
    }
    if dutch && limits.jargon {
        for (t, offset) in first_use.iter().enumerate() {
            let term = &glossary.terms[t];
            if let (Some(offset), false, true) = (offset, explained[t], term.flagged) {
                add(
                    Rule::Jargon,
                    Level::Warning,
                    *offset,
                    format!("\"{}\" wordt op deze pagina niet uitgelegd", term.term),
                    format!(
                        "leg het uit, bijvoorbeeld: {} ({})",
                        term.term, term.explanation
                    ),
                    &term.term,
                );
            }
        }
    }

    let score = flesch_douma(words, sentences, syllables);
    let mean = if sentences == 0 {
        0.0
    } else {
        words as f64 / sentences as f64
    };
    let level = if dutch {
        estimate_level(score, mean).to_string()
    } else {
        "-".to_string()
    };
    if dutch
        && words >= MIN_WORDS_FOR_LEVEL
        && level_rank(&level) > level_rank(&limits.target_level)
    {
        add(
            Rule::TooHard,
            Level::Warning,
            page.body.find(|c: char| !c.is_whitespace()).unwrap_or(0),
            format!(
                "deze pagina is ongeveer niveau {level} (Flesch-Douma {score:.0}); het doel is {}",
                limits.target_level
            ),
            "gebruik kortere zinnen en kortere, gewone woorden".into(),
            "",
        );
    }
    findings.sort_by_key(|f| (f.line, f.column, f.rule));
    Report {
        file: page.source.to_string_lossy().replace('\\', "/"),
        lang: page.lang.clone(),
        audience: page.audience,
        words,
        sentences,
        syllables,
        flesch_douma: (score * 10.0).round() / 10.0,
        mean_sentence_words: (mean * 10.0).round() / 10.0,
        long_word_share: if words == 0 {
            0.0
        } else {
            ((long_words as f64 / words as f64) * 1000.0).round() / 1000.0
        },
        level,
        word_score: dutch.then(|| word_score.finish()),
        findings,
    }
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
    /// A hard word or phrase may start here.
    hard_start: bool,
}

impl WordInfo {
    fn content_zipf(&self, _text: &str, sentence_start: bool) -> Option<frequency::Zipf> {
        if sentence_start {
            self.content_first
        } else {
            self.content_inside
        }
    }
}

fn word_info(text: &str) -> WordInfo {
    thread_local! {
        static SEEN: hash::WordMemo<WordInfo> = hash::WordMemo::new(100_000);
    }
    SEEN.with(|seen| {
        seen.get_or(text, || {
            let lower = lexicon::fold(text);
            WordInfo {
                syllables: syllables::count(text).min(255) as u8,
                content_inside: score::content_word_zipf(text, &lower, false),
                content_first: score::content_word_zipf(text, &lower, true),
                hard_start: lexicon::hard_words().may_start(&lower),
            }
        })
    })
}

/// Line starts of a text, for line and column of many offsets without
/// scanning from the top each time.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
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
/// bracket, a dash, a semicolon, a colon or a quote ends a clause).
fn clause_breaks(text: &str, words: &[std::ops::Range<usize>]) -> Vec<bool> {
    let mut breaks = vec![false; words.len()];
    for i in 1..words.len() {
        let between = &text[words[i - 1].end..words[i].start];
        breaks[i] = between
            .chars()
            .any(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '–' | '—' | '"' | '“' | '”'))
            || between.contains(" - ");
    }
    breaks
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
