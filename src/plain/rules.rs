//! Reading one page: the counts every page gets, and the plain-language
//! rules, one function each, listed in [`RULES`].
//!
//! A rule looks at a block (a paragraph, heading, list item or table cell),
//! at a sentence, or at the whole page once it has been read. A new rule is
//! one function and one row in the table.

use std::collections::HashSet;
use std::ops::Range;

use super::lexicon::{self, Glossary};
use super::sentences::{self, Span, Spans};
use super::text::{Block, BlockKind};
use super::{
    clause_breaks, estimate_level, explains, flesch_douma, frequency, hints, is_dutch, passive,
    score, word_infos, Finding, Level, LineIndex, Report, Rule, Thresholds, WordInfo,
};
use crate::config::{CefrLevel, PlainLanguage};
use crate::content::Page;

/// Pages with fewer words than this get no level finding: too little text to say.
const MIN_WORDS_FOR_LEVEL: usize = 60;

/// Where a rule looks.
#[derive(Clone, Copy)]
enum Check {
    /// Each block, with its number of words.
    Block(fn(&mut Reading<'_>, &Block, usize)),
    /// Each sentence.
    Sentence(fn(&mut Reading<'_>, &Sentence<'_>)),
    /// The whole page, after every sentence has been read.
    Page(fn(&mut Reading<'_>)),
}

struct RuleCheck {
    /// Dutch pages only (the word lists are Dutch); else every language.
    dutch_only: bool,
    check: Check,
}

/// Every rule, in the order it runs. Sentence rules run after the page's
/// glossary terms of that sentence are noted, so `rare-word` skips them.
const RULES: [RuleCheck; 11] = [
    RuleCheck {
        dutch_only: false,
        check: Check::Block(wall_of_text),
    },
    RuleCheck {
        dutch_only: false,
        check: Check::Block(long_paragraph),
    },
    RuleCheck {
        dutch_only: false,
        check: Check::Sentence(long_sentence),
    },
    RuleCheck {
        dutch_only: true,
        check: Check::Sentence(hard_words),
    },
    RuleCheck {
        dutch_only: true,
        check: Check::Sentence(passive_sentence),
    },
    RuleCheck {
        dutch_only: true,
        check: Check::Sentence(nominalisations),
    },
    RuleCheck {
        dutch_only: true,
        check: Check::Sentence(er_constructions),
    },
    RuleCheck {
        dutch_only: true,
        check: Check::Sentence(rare_words),
    },
    RuleCheck {
        dutch_only: true,
        check: Check::Page(unexplained_jargon),
    },
    RuleCheck {
        dutch_only: true,
        check: Check::Page(too_hard),
    },
    RuleCheck {
        dutch_only: false,
        check: Check::Page(image_alt),
    },
];

/// A page being read: what the rules may look at, and what they found.
pub(super) struct Reading<'a> {
    page: &'a Page,
    /// Where the body has a picture or film without a text for who can not
    /// see it (line, column), found by the Markdown renderer.
    pub(super) unlabelled_media: &'a [(usize, usize)],
    limits: Thresholds,
    dutch: bool,
    glossary: &'a Glossary,
    /// Made for the first finding: most pages have few.
    lines: std::cell::OnceCell<LineIndex>,
    findings: Vec<Finding>,
    words: usize,
    sentences: usize,
    syllables: usize,
    long_words: usize,
    /// Words since the last heading or list, and where that text started.
    wall: (usize, Option<usize>),
    /// Per glossary term: explained on the page, and where first used.
    explained: Vec<bool>,
    first_use: Vec<Option<usize>>,
    rare_seen: HashSet<String>,
    /// An nl-BE page: Flemish everyday words are common (see `frequency`).
    flemish: bool,
    word_score: score::Tally,
    /// The page's estimated level, once every sentence has been read (None
    /// for pages not in Dutch).
    level: Option<CefrLevel>,
    flesch_douma: f64,
    /// Buffers kept from block to block, sentence to sentence and page to
    /// page, so the hot loop allocates next to nothing.
    buf: Scratch,
}

/// The buffers of [`Reading`], handed from page to page on a thread.
#[derive(Default)]
struct Scratch {
    /// Words of the current sentence already reported or explained: no
    /// rare-word finding for them.
    covered: Vec<bool>,
    spans: Spans,
    infos: Vec<WordInfo>,
    breaks: Vec<bool>,
    clauses: Vec<(usize, usize)>,
    /// The block's words that folding changes, folded, one after another;
    /// and per word its range there (None: the word as written).
    fold_buffer: String,
    folded_at: Vec<Option<Range<usize>>>,
    /// The block's words as written and folded: kept empty between blocks,
    /// for their room (see [`reuse`]).
    texts: Vec<&'static str>,
    lower: Vec<&'static str>,
    /// `Sentence::rarity` of each word of the current sentence, once
    /// `rare-word` has worked it out (else empty).
    rarity: Vec<Option<(frequency::Zipf, bool)>>,
}

thread_local! {
    static SPARE: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// A sentence as the sentence rules see it. Every rule compares folded
/// words, so each word is folded once (only on Dutch pages).
struct Sentence<'s> {
    block: &'s Block,
    span: &'s Span,
    /// Byte ranges of the words in the block's text.
    ranges: &'s [Range<usize>],
    /// The words as written.
    texts: &'s [&'s str],
    /// The words folded by [`lexicon::fold`] (Dutch pages only; else empty).
    lower: &'s [&'s str],
    infos: &'s [WordInfo],
    breaks: &'s [bool],
    /// Clauses as word ranges ([`passive::clause_ranges`]; Dutch pages only).
    clauses: &'s [(usize, usize)],
}

impl Sentence<'_> {
    /// Offset in the Markdown source of word `i`.
    fn at(&self, i: usize) -> usize {
        self.block.source_offset(self.ranges[i].start)
    }

    fn text(&self) -> &str {
        &self.block.text[self.span.range.clone()]
    }

    /// Words `first..=last` as written, with what lies between them.
    fn words(&self, first: usize, last: usize) -> &str {
        &self.block.text[self.ranges[first].start..self.ranges[last].end]
    }

    /// For a content word: its Zipf, and whether it is rare (not already
    /// reported or explained, and not part of an address); None for
    /// function words, names and numbers.
    fn rarity(&self, i: usize, covered: &[bool], flemish: bool) -> Option<(frequency::Zipf, bool)> {
        let mut z = self.infos[i].content_zipf(i == 0)?;
        // Looked up again only for the few rare words of nl-BE pages.
        if flemish && z < frequency::RARE_BELOW {
            z = frequency::effective_zipf_flemish(self.lower[i]);
        }
        if z >= frequency::RARE_BELOW || covered[i] {
            return Some((z, false));
        }
        let range: &Range<usize> = &self.ranges[i];
        // Parts of an e-mail address or web address are no words.
        let after = &self.block.text[range.end..];
        let address = after.starts_with(['@', '.', '/'])
            && after.chars().nth(1).is_some_and(char::is_alphanumeric)
            || self.block.text[..range.start].ends_with(['@', '/', '.']);
        Some((z, !address))
    }
}

impl<'a> Reading<'a> {
    pub(super) fn new(page: &'a Page, config: &PlainLanguage, glossary: &'a Glossary) -> Self {
        Reading {
            page,
            unlabelled_media: &[],
            limits: Thresholds::for_audience(config, page.meta.audience),
            dutch: is_dutch(&page.lang),
            flemish: page.lang.eq_ignore_ascii_case("nl-BE"),
            glossary,
            lines: std::cell::OnceCell::new(),
            findings: Vec::new(),
            words: 0,
            sentences: 0,
            syllables: 0,
            long_words: 0,
            wall: (0, None),
            explained: vec![false; glossary.terms.len()],
            first_use: vec![None; glossary.terms.len()],
            rare_seen: HashSet::new(),
            word_score: score::Tally::default(),
            level: None,
            flesch_douma: 100.0,
            // Empty, with the room the last page on this thread needed.
            buf: SPARE.with(|spare| spare.take()),
        }
    }

    fn rules(&self) -> impl Iterator<Item = Check> {
        let dutch = self.dutch;
        RULES
            .iter()
            .filter(move |r| dutch || !r.dutch_only)
            .map(|r| r.check)
    }

    fn add(
        &mut self,
        rule: Rule,
        level: Level,
        offset: usize,
        message: String,
        suggestion: String,
        excerpt: &str,
    ) {
        let body = &self.page.body;
        let (line, column) = self
            .lines
            .get_or_init(|| LineIndex::new(body))
            .line_col(body, offset);
        self.findings.push(Finding {
            excerpt: excerpt.split_whitespace().collect::<Vec<_>>().join(" "),
            rule,
            level,
            line: self.page.body_line + line - 1,
            column,
            message,
            suggestion,
        });
    }

    pub(super) fn read_block(&mut self, block: &Block) {
        let mut spans = std::mem::take(&mut self.buf.spans);
        sentences::split_into(&block.text, &mut spans);
        let block_words = spans.words.len();
        for check in self.rules() {
            if let Check::Block(rule) = check {
                rule(self, block, block_words);
            }
        }
        // Every word of the block looked up, written and folded once.
        let text = &block.text;
        let mut infos = std::mem::take(&mut self.buf.infos);
        infos.clear();
        word_infos(text, &spans.words, &mut infos);
        let mut texts = reuse(std::mem::take(&mut self.buf.texts));
        texts.extend(spans.words.iter().map(|r| &text[r.clone()]));
        // Words with a capital or a curly apostrophe are folded into one
        // buffer (no string of their own); the others are their own folding.
        let mut fold_buffer = std::mem::take(&mut self.buf.fold_buffer);
        fold_buffer.clear();
        let mut folded_at = std::mem::take(&mut self.buf.folded_at);
        folded_at.clear();
        if self.dutch {
            for (t, info) in texts.iter().zip(&infos) {
                if info.needs_fold {
                    let start = fold_buffer.len();
                    lexicon::fold_into(t, &mut fold_buffer);
                    folded_at.push(Some(start..fold_buffer.len()));
                } else {
                    folded_at.push(None);
                }
            }
        }
        let mut lower = reuse(std::mem::take(&mut self.buf.lower));
        lower.extend(
            texts
                .iter()
                .zip(&folded_at)
                .map(|(t, at)| at.clone().map_or(*t, |r| &fold_buffer[r])),
        );
        if self.dutch {
            for (k, info) in infos.iter_mut().enumerate() {
                super::remember_glossary_start(info, texts[k], lower[k], self.glossary);
            }
        }
        let mut breaks = std::mem::take(&mut self.buf.breaks);
        let mut clauses = std::mem::take(&mut self.buf.clauses);
        for span in &spans.sentences {
            let words = span.words.clone();
            self.count(words.len(), &infos[words.clone()]);
            breaks.clear();
            clauses.clear();
            let lower = lower.get(words.clone()).unwrap_or_default();
            if self.dutch {
                clause_breaks(text, spans.words_of(span), &mut breaks);
                let shapes = &infos[words.clone()];
                clauses.extend(passive::clause_ranges(lower, &breaks, |i| shapes[i].shape));
            }
            let sentence = Sentence {
                block,
                span,
                ranges: spans.words_of(span),
                texts: &texts[words.clone()],
                lower,
                infos: &infos[words],
                breaks: &breaks,
                clauses: &clauses,
            };
            self.read_sentence(&sentence);
        }
        self.buf.spans = spans;
        self.buf.infos = infos;
        self.buf.breaks = breaks;
        self.buf.clauses = clauses;
        self.buf.folded_at = folded_at;
        self.buf.texts = reuse(texts);
        self.buf.lower = reuse(lower);
        self.buf.fold_buffer = fold_buffer;
    }

    /// Words, sentences and syllables, on every page.
    fn count(&mut self, words: usize, infos: &[WordInfo]) {
        self.sentences += 1;
        self.words += words;
        for info in infos {
            self.syllables += info.syllables as usize;
            if info.syllables >= 4 {
                self.long_words += 1;
            }
        }
    }

    fn read_sentence(&mut self, sentence: &Sentence<'_>) {
        self.buf.covered.clear();
        self.buf.covered.resize(sentence.ranges.len(), false);
        self.buf.rarity.clear();
        if self.dutch {
            self.note_glossary_terms(sentence);
        }
        for check in self.rules() {
            if let Check::Sentence(rule) = check {
                rule(self, sentence);
            }
        }
        if self.dutch {
            self.tally_word_score(sentence);
        }
    }

    /// The glossary terms in a sentence: where each is first used, and
    /// whether it is explained right there.
    fn note_glossary_terms(&mut self, sentence: &Sentence<'_>) {
        let words = sentence.ranges;
        let infos = sentence.infos;
        let starting = |i: usize| infos[i].glossary_start.map(|at| at as usize);
        for (i, t, len) in self
            .glossary
            .find_starting(sentence.texts, sentence.lower, starting)
        {
            let (start, end) = (words[i].start, words[i + len - 1].end);
            if explains(&sentence.block.text, start, end) {
                self.explained[t] = true;
            }
            self.buf.covered[i..i + len]
                .iter_mut()
                .for_each(|c| *c = true);
            self.first_use[t].get_or_insert(sentence.block.source_offset(start));
        }
    }

    /// The word-and-clause score beside Flesch-Douma (see `score`).
    fn tally_word_score(&mut self, sentence: &Sentence<'_>) {
        if self.buf.rarity.len() != sentence.texts.len() {
            self.buf.rarity.clear();
            self.buf.rarity.extend(
                (0..sentence.texts.len())
                    .map(|i| sentence.rarity(i, &self.buf.covered, self.flemish)),
            );
        }
        for &(z, rare) in self.buf.rarity.iter().flatten() {
            self.word_score.add_word(z, rare);
        }
        self.word_score.add_clauses(sentence.clauses.len());
    }

    pub(super) fn finish(mut self) -> Report {
        let (words, sentences) = (self.words, self.sentences);
        self.flesch_douma = flesch_douma(words, sentences, self.syllables);
        let mean = if sentences == 0 {
            0.0
        } else {
            words as f64 / sentences as f64
        };
        self.level = self.dutch.then(|| estimate_level(self.flesch_douma, mean));
        for check in self.rules() {
            if let Check::Page(rule) = check {
                rule(&mut self);
            }
        }
        self.findings.sort_by_key(|f| (f.line, f.column, f.rule));
        let buf = std::mem::take(&mut self.buf);
        SPARE.with(|spare| spare.replace(buf));
        let page = self.page;
        Report {
            file: {
                let file = page.source.to_string_lossy();
                match file.contains('\\') {
                    true => file.replace('\\', "/"),
                    false => file.into_owned(),
                }
            },
            lang: page.lang.clone(),
            audience: page.meta.audience,
            words,
            sentences,
            syllables: self.syllables,
            flesch_douma: (self.flesch_douma * 10.0).round() / 10.0,
            mean_sentence_words: (mean * 10.0).round() / 10.0,
            long_word_share: if words == 0 {
                0.0
            } else {
                ((self.long_words as f64 / words as f64) * 1000.0).round() / 1000.0
            },
            level: self.level.map_or("-", CefrLevel::as_str).to_string(),
            word_score: self.dutch.then(|| self.word_score.finish()),
            findings: self.findings,
        }
    }
}

/// An empty vector of words with the room of `words`: a vector of words
/// of one block becomes one for the next block (and the words of no block
/// while kept) without a new allocation. Collecting a vector's own items
/// into one of the same size reuses its memory.
fn reuse<'to>(mut words: Vec<&str>) -> Vec<&'to str> {
    words.clear();
    words.into_iter().map(|_| "").collect()
}

/// `wall-of-text`: too many words without a heading or list between them.
fn wall_of_text(r: &mut Reading<'_>, block: &Block, block_words: usize) {
    if block.kind != BlockKind::Paragraph {
        r.wall = (0, None);
        return;
    }
    let start = *r.wall.1.get_or_insert(block.source_offset(0));
    r.wall.0 += block_words;
    let max = r.limits.max_wall_words;
    if r.wall.0 > max && r.wall.0 - block_words <= max {
        r.add(
            Rule::WallOfText,
            Level::Warning,
            start,
            format!(
                "{} woorden achter elkaar zonder tussenkop of lijst",
                r.wall.0
            ),
            "zet er een tussenkop boven een deel, of maak van een opsomming een lijst".into(),
            &block.text,
        );
    }
}

/// `long-paragraph`: a paragraph of more words than the audience's limit.
fn long_paragraph(r: &mut Reading<'_>, block: &Block, block_words: usize) {
    let max = r.limits.max_paragraph_words;
    if block.kind == BlockKind::Paragraph && block_words > max {
        r.add(
            Rule::LongParagraph,
            Level::Warning,
            block.source_offset(0),
            format!("deze alinea heeft {block_words} woorden (meer dan {max})"),
            "verdeel de alinea in kortere stukken van 3 of 4 zinnen".into(),
            &block.text,
        );
    }
}

/// `long-sentence`: a warning above the limit, an error at 1.5 times it.
fn long_sentence(r: &mut Reading<'_>, sentence: &Sentence<'_>) {
    let n = sentence.ranges.len();
    let max = r.limits.max_sentence_words;
    if n > max {
        let level = if n * 2 >= max * 3 {
            Level::Error
        } else {
            Level::Warning
        };
        r.add(
            Rule::LongSentence,
            level,
            sentence.at(0),
            format!("deze zin heeft {n} woorden (meer dan {max})"),
            "maak er twee of drie korte zinnen van; zet het belangrijkste eerst".into(),
            sentence.text(),
        );
    }
}

/// `hard-word`: words and phrases of the word list, with a simpler one.
fn hard_words(r: &mut Reading<'_>, sentence: &Sentence<'_>) {
    let infos = sentence.infos;
    // Nearly every sentence has a word that starts a longer phrase ("in",
    // "op"); few have one followed by a word that can come second.
    let may_start = |k: usize| {
        let info = &infos[k];
        info.hard_splits.is_some()
            || info.hard_alone
            || info.hard_phrases.is_some() && infos.get(k + 1).is_some_and(|n| n.hard_second)
    };
    if !(0..infos.len()).any(may_start) {
        return;
    }
    let phrase = |i: usize| infos[i].hard_phrases;
    let follows = |i: usize| infos[i].hard_second;
    let split = |i: usize| infos[i].hard_splits;
    let list = lexicon::hard_words();
    for found in list.find_starting(sentence.lower, sentence.breaks, phrase, follows, split) {
        let hard = found.entry;
        let written = match found.particle {
            Some((p, q)) => format!(
                "{} ... {}",
                sentence.texts[found.first],
                sentence.words(p, q)
            ),
            None => sentence.words(found.first, found.last).to_string(),
        };
        r.buf.covered[found.first..=found.last]
            .iter_mut()
            .for_each(|c| *c = true);
        let level = if r.limits.hard_word_errors {
            hard.level
        } else {
            Level::Warning
        };
        r.add(
            Rule::HardWord,
            level,
            sentence.at(found.first),
            format!("\"{written}\" is een moeilijk woord"),
            format!("schrijf \"{}\"", hard.alternative),
            &written,
        );
    }
}

/// `passive`: "wordt ... gedaan".
fn passive_sentence(r: &mut Reading<'_>, sentence: &Sentence<'_>) {
    let shape = |i: usize| sentence.infos[i].shape;
    if let Some(offset) = passive::find(sentence.lower, sentence.clauses, shape) {
        r.add(
            Rule::Passive,
            Level::Warning,
            sentence.at(offset),
            "deze zin is passief (\"wordt ... gedaan\")".into(),
            "zeg wie het doet: \"de juf stuurt de brief\" in plaats van \"de brief wordt verstuurd\"".into(),
            sentence.text(),
        );
    }
}

/// `nominalisation`: a noun made of a verb ("de aanvraag doen").
fn nominalisations(r: &mut Reading<'_>, sentence: &Sentence<'_>) {
    let infos = sentence.infos;
    if !(infos.iter().any(|i| i.hint.article) && infos.iter().any(|i| i.hint.van)) {
        return;
    }
    for (first, last, suggestion) in hints::nominalisations(sentence.lower) {
        let written = sentence.words(first, last);
        r.add(
            Rule::Nominalisation,
            Level::Warning,
            sentence.at(first),
            format!("\"{written}\" is een zelfstandig naamwoord van een werkwoord (nominalisatie)"),
            suggestion,
            written,
        );
    }
}

/// `er-construction`: "er" far from its preposition.
fn er_constructions(r: &mut Reading<'_>, sentence: &Sentence<'_>) {
    if !sentence.infos.iter().any(|i| i.hint.er) {
        return;
    }
    for (er, prep, suggestion) in hints::er_constructions(sentence.lower, sentence.breaks) {
        let written = format!("{} ... {}", sentence.texts[er], sentence.texts[prep]);
        r.add(
            Rule::ErConstruction,
            Level::Warning,
            sentence.at(er),
            format!("\"{written}\": \"er\" en het voorzetsel staan ver uit elkaar"),
            suggestion,
            &written,
        );
    }
}

/// `rare-word`: a word many parents do not know, once per page (parent
/// pages only).
fn rare_words(r: &mut Reading<'_>, sentence: &Sentence<'_>) {
    if !r.limits.rare_words {
        return;
    }
    r.buf.rarity.clear();
    r.buf
        .rarity
        .extend((0..sentence.texts.len()).map(|i| sentence.rarity(i, &r.buf.covered, r.flemish)));
    for i in 0..sentence.texts.len() {
        let rare = r.buf.rarity[i].is_some_and(|(_, rare)| rare);
        if rare
            && !r.rare_seen.contains(sentence.lower[i])
            && r.rare_seen.insert(sentence.lower[i].to_string())
        {
            r.add(
                Rule::RareWord,
                Level::Warning,
                sentence.at(i),
                format!(
                    "\"{}\" is een woord dat veel ouders niet kennen",
                    sentence.texts[i]
                ),
                "kies een gewoner woord, of leg het uit in de zin of in de woordenlijst".into(),
                sentence.texts[i],
            );
        }
    }
}

/// `jargon`: a school term used but nowhere explained (parent pages only).
fn unexplained_jargon(r: &mut Reading<'_>) {
    if !r.limits.jargon {
        return;
    }
    let glossary = r.glossary;
    for t in 0..glossary.terms.len() {
        let term = &glossary.terms[t];
        if let (Some(offset), false, true) = (r.first_use[t], r.explained[t], term.flagged) {
            r.add(
                Rule::Jargon,
                Level::Warning,
                offset,
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

/// `image-alt`: a picture or film without a text for who can not see it
/// (`![](foto.png)`): a screen reader says nothing, or the file's name.
fn image_alt(r: &mut Reading<'_>) {
    for &(line, column) in r.unlabelled_media {
        r.findings.push(Finding {
            rule: Rule::ImageAlt,
            level: Level::Warning,
            line,
            column,
            message: "deze afbeelding heeft geen beschrijving".to_string(),
            suggestion: "zet tussen de haken wat erop staat: ![Het inlogscherm met de knop Inloggen](foto.png)".to_string(),
            excerpt: String::new(),
        });
    }
}

/// `too-hard`: the page as a whole is above the audience's level.
fn too_hard(r: &mut Reading<'_>) {
    let Some(level) = r.level else {
        return;
    };
    if r.words >= MIN_WORDS_FOR_LEVEL && level > r.limits.target_level {
        let body = &r.page.body;
        r.add(
            Rule::TooHard,
            Level::Warning,
            body.find(|c: char| !c.is_whitespace()).unwrap_or(0),
            format!(
                "deze pagina is ongeveer niveau {level} (Flesch-Douma {:.0}); het doel is {}",
                r.flesch_douma, r.limits.target_level
            ),
            "gebruik kortere zinnen en kortere, gewone woorden".into(),
            "",
        );
    }
}
