//! Sentences and words of a block of text, with byte offsets into the block.
//!
//! Written by hand: the splitting rules are specific to Dutch school letters
//! (abbreviations such as "bijv." and "d.w.z.", times such as "19.30 uur",
//! "groep 5 t/m 8") and no Rust crate handles them.

use std::ops::Range;

/// Abbreviations that end in a period without ending the sentence (lower case,
/// without the final period).
const ABBREVIATIONS: &[&str] = &[
    "bijv", "bv", "b.v", "o.a", "d.w.z", "m.b.t", "m.a.w", "t.a.v", "t.o.v", "i.p.v", "i.v.m",
    "n.a.v", "z.s.m", "a.u.b", "s.v.p", "e.d", "enz", "etc", "ca", "incl", "excl", "tel", "nr",
    "blz", "jl", "mr", "dhr", "mevr", "mw", "dr", "drs", "ir", "ing", "prof", "st", "vs", "zgn",
    "resp", "evt", "max", "min", "ong", "o.b.v", "v.a", "t/m", "e.a", "p", "pag", "vgl", "cf",
    "ned", "jr", "sr", "art", "lln", "afb", "fig", "hfst", "bijl", "vlg",
];

/// Abbreviations that often end a sentence ("boeken, schriften enz."): before
/// a capital their period is also the sentence's full stop.
const SENTENCE_FINAL_ABBREVIATIONS: &[&str] = &[
    "enz", "etc", "e.d", "e.a", "min", "max", "jl", "incl", "excl", "evt", "ca", "resp", "z.s.m",
    "a.u.b", "s.v.p", "lln",
];

/// Days of the week ("ma. 3 juni"): an abbreviation only before a number;
/// otherwise "zo." and "do." are the words "zo" and "do" ending a sentence.
const DAYS: &[&str] = &["ma", "di", "wo", "do", "vr", "za", "zo"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as written (letters, digits, inner hyphens and apostrophes).
    pub text: String,
    /// Byte range in the block's text.
    pub range: Range<usize>,
}

#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// Byte range in the block's text.
    pub range: Range<usize>,
    pub words: Vec<Word>,
}

/// The sentences of a block as byte ranges only (no copies of the words),
/// for the analyser's hot loop: the words of all sentences in one list, and
/// each sentence as its range of the text and of that list. Kept and cleared
/// between blocks, so splitting allocates nothing once it has grown.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Spans {
    pub sentences: Vec<Span>,
    pub words: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    /// Byte range in the block's text.
    pub range: Range<usize>,
    /// Range of the sentence's words in [`Spans::words`].
    pub words: Range<usize>,
}

impl Spans {
    /// The words of one sentence, as byte ranges in the block's text.
    pub(crate) fn words_of(&self, span: &Span) -> &[Range<usize>] {
        &self.words[span.words.clone()]
    }
}

#[cfg(test)]
/// Splits a block into sentences. A heading or list item without a full stop
/// is one sentence.
pub(crate) fn split(text: &str) -> Vec<Sentence> {
    let mut spans = Spans::default();
    split_into(text, &mut spans);
    spans
        .sentences
        .iter()
        .map(|span| Sentence {
            words: spans
                .words_of(span)
                .iter()
                .map(|r| Word {
                    text: text[r.clone()].to_string(),
                    range: r.clone(),
                })
                .collect(),
            range: span.range.clone(),
        })
        .collect()
}

/// `split` as byte ranges, into `out` (cleared first). The marks that may end
/// a sentence are ASCII, so the text is searched as bytes (with memchr,
/// which looks at many bytes at once).
pub(crate) fn split_into(text: &str, out: &mut Spans) {
    out.sentences.clear();
    out.words.clear();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut p = 0;
    // The next colon at or after `p` (colons are few: found once each).
    let mut colon = memchr::memchr(b':', bytes);
    loop {
        let mark = memchr::memchr3(b'.', b'!', b'?', &bytes[p..]).map(|k| p + k);
        if colon.is_some_and(|c| c < p) {
            colon = memchr::memchr(b':', &bytes[p..]).map(|k| p + k);
        }
        let Some(i) = mark.into_iter().chain(colon).min() else {
            break;
        };
        // A semicolon joins two clauses of one sentence: not a boundary; a
        // colon is one only before a line break or the end.
        if bytes[i] == b':' && bytes.get(i + 1).is_some_and(|&b| b != b'\n') {
            p = i + 1;
            continue;
        }
        // Gather closing quotes/brackets and repeated marks.
        let mut end = i + 1;
        for c in text[end..].chars() {
            if !matches!(c, '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | '»') {
                break;
            }
            end += c.len_utf8();
        }
        if is_boundary(text, i, end) {
            push(text, start..end, out);
            start = end;
        }
        p = end;
    }
    push(text, start..text.len(), out);
}

/// Does the mark at byte `i` (with trailing marks up to byte `end`) end a
/// sentence?
fn is_boundary(text: &str, i: usize, end: usize) -> bool {
    let rest = &text[end..];
    // The end of the text always ends the sentence.
    let Some(next) = rest.chars().next() else {
        return true;
    };
    if !next.is_whitespace() {
        return false; // 19.30, 1.000, e-mail.nl, o.a.
    }
    // What comes after the whitespace?
    let after = rest.chars().find(|c| !c.is_whitespace());
    // Lower case after the mark continues the sentence: "Weet je het?’ en
    // dan...", "Kijk op school.example. daar".
    if after.is_some_and(char::is_lowercase) {
        return false;
    }
    if text.as_bytes()[i] == b'.' {
        let word = word_before(text, i);
        // Every abbreviation below (and "al") is at most 6 bytes, and no
        // longer word becomes one in lower case: the lists are skipped.
        if word.len() > 6 {
            return !is_initials(word);
        }
        let lower = word.to_lowercase();
        let before_capital = after.is_some_and(char::is_uppercase);
        if SENTENCE_FINAL_ABBREVIATIONS.contains(&lower.as_str()) {
            return before_capital;
        }
        if ABBREVIATIONS.contains(&lower.as_str()) {
            return false;
        }
        if DAYS.contains(&lower.as_str()) {
            return !after.is_some_and(|a| a.is_ascii_digit());
        }
        // "et al. (2020)", "et al. 2020": the reference goes on.
        if lower == "al" && text[..i].trim_end().to_lowercase().ends_with(" et al") {
            return before_capital;
        }
        // Initials: "J. de Vries", "J.M. de Wit", "A.B.C. Jansen".
        if is_initials(word) {
            return false;
        }
    }
    true
}

/// "J", "J.M", "A.B.C": capitals, each a single letter, joined by periods.
fn is_initials(word: &str) -> bool {
    !word.is_empty()
        && word.split('.').all(|part| {
            let mut chars = part.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
        })
}

/// The run of non-space characters before byte `at`, without leading brackets.
fn word_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    // Past the separator by its own length: a thin or no-break space is
    // more than one byte.
    let start = before
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &before[start..]
}

fn push(text: &str, range: Range<usize>, out: &mut Spans) {
    let first = out.words.len();
    word_ranges(&text[range.clone()], range.start, &mut out.words);
    if out.words.len() > first {
        out.sentences.push(Span {
            range,
            words: first..out.words.len(),
        });
    }
}

/// Words of `text` (offsets shifted by `base`): runs of letters and digits,
/// with inner hyphens, apostrophes and periods (19.30, 's, e-mail) kept.
pub(crate) fn words(text: &str, base: usize) -> Vec<Word> {
    let mut ranges = Vec::new();
    word_ranges(text, base, &mut ranges);
    ranges
        .into_iter()
        .map(|r| Word {
            text: text[r.start - base..r.end - base].to_string(),
            range: r,
        })
        .collect()
}

/// `words` as byte ranges, appended to `out`. ASCII bytes are judged as
/// bytes, a run of letters and digits at a time; other characters are
/// decoded.
pub(crate) fn word_ranges(text: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // The character at byte `i` and its length.
    let char_at = |i: usize| {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    };
    // Is the character at byte `i` a letter or digit?
    let alphanumeric_at = |i: usize| match bytes.get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => is_letter_or_digit(char_at(i).0),
    };
    let mut i = 0;
    while i < n {
        // Outside a word: a word starts with a letter or digit.
        let len = match bytes[i] {
            b if b.is_ascii() => {
                if !b.is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
                1
            }
            _ => {
                let (c, len) = char_at(i);
                if !is_letter_or_digit(c) {
                    i += len;
                    continue;
                }
                len
            }
        };
        let start = i;
        i += len;
        // Inside: letters and digits, and a hyphen, apostrophe, period or
        // slash before one ("e-mail", "IB'er", "19.30", "t/m").
        while i < n {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                i += 1;
            } else if b.is_ascii() {
                if matches!(b, b'-' | b'\'' | b'.' | b'/') && alphanumeric_at(i + 1) {
                    i += 1;
                } else {
                    break;
                }
            } else {
                let (c, len) = char_at(i);
                if is_letter_or_digit(c) || c == '’' && alphanumeric_at(i + len) {
                    i += len;
                } else {
                    break;
                }
            }
        }
        out.push(base + start..base + i);
    }
}

/// `char::is_alphanumeric` for a character beyond ASCII, answered at once
/// for the ones Dutch text has most (é, ë, ï and the other Latin-1 letters;
/// curly quotes, dashes and spaces), and from a table made once for the
/// scripts of the translations (Greek, Cyrillic, Arabic, ... up to U+2FFF),
/// where the standard library searches its Unicode tables for each.
fn is_letter_or_digit(c: char) -> bool {
    const TABLE_END: u32 = 0x3000;
    static TABLE: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    match u32::from(c) {
        0xC0..=0xFF => !matches!(c, '×' | '÷'),
        0x2000..=0x206F => false,
        code if code < TABLE_END => {
            let table = TABLE.get_or_init(|| {
                let mut bits = vec![0u64; TABLE_END as usize / 64];
                for code in 0..TABLE_END {
                    if char::from_u32(code).is_some_and(char::is_alphanumeric) {
                        bits[code as usize / 64] |= 1 << (code % 64);
                    }
                }
                bits
            });
            table[code as usize / 64] & 1 << (code % 64) != 0
        }
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_letters_agree_with_the_standard_library() {
        for c in ('\u{80}'..='\u{2FFF}').chain(['\u{1F600}', 'ß']) {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    fn texts(s: &str) -> Vec<String> {
        split(s)
            .iter()
            .map(|x| s[x.range.clone()].trim().to_string())
            .collect()
    }

    /// Found by fuzzing (fuzz/corpus/plain_language/crash-thin-space.md):
    /// the word before a period was cut one byte after a multi-byte space.
    #[test]
    fn words_after_a_multi_byte_space() {
        assert_eq!(word_before("zie a\u{2009}b.", 9), "b");
        assert_eq!(word_before("om 8\u{a0}u. Dan", 7), "u");
        assert_eq!(
            texts("Zie a\u{2009}b. Daarna kom je. Dr.\u{a0}Jansen."),
            ["Zie a\u{2009}b.", "Daarna kom je.", "Dr.\u{a0}Jansen."]
        );
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            texts("Dit is een. Dit is twee! Is dit drie?"),
            ["Dit is een.", "Dit is twee!", "Is dit drie?"]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts("Neem bijv. een appel mee. Denk o.a. aan gym. Dat is d.w.z. morgen."),
            [
                "Neem bijv. een appel mee.",
                "Denk o.a. aan gym.",
                "Dat is d.w.z. morgen."
            ]
        );
        assert_eq!(
            texts("Dat geldt voor groep 5 t/m 8. Echt."),
            ["Dat geldt voor groep 5 t/m 8.", "Echt."]
        );
        assert_eq!(
            texts("Bel dhr. Jansen. Of mevr. De Vries."),
            ["Bel dhr. Jansen.", "Of mevr. De Vries."]
        );
    }

    #[test]
    fn times_numbers_and_initials() {
        assert_eq!(
            texts("We beginnen om 19.30 uur. Kom op tijd."),
            ["We beginnen om 19.30 uur.", "Kom op tijd."]
        );
        assert_eq!(
            texts("Het kost € 1.500 per jaar. Dat is veel."),
            ["Het kost € 1.500 per jaar.", "Dat is veel."]
        );
        assert_eq!(
            texts("Vraag het aan J. de Vries. Zij weet het."),
            ["Vraag het aan J. de Vries.", "Zij weet het."]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            texts("Vraag: \"Wanneer was jij een tijger?\" Luister dan goed."),
            [
                "Vraag: \"Wanneer was jij een tijger?\"",
                "Luister dan goed."
            ]
        );
    }

    #[test]
    fn heading_without_period_is_one_sentence() {
        assert_eq!(texts("Tip voor thuis"), ["Tip voor thuis"]);
        assert_eq!(texts("Wat neemt uw kind mee"), ["Wat neemt uw kind mee"]);
    }

    #[test]
    fn lower_case_after_period_continues() {
        assert_eq!(
            texts("Kijk op www.school.example. daar staat het."),
            ["Kijk op www.school.example. daar staat het."]
        );
    }

    /// The words as the analyser found them before `word_ranges` scanned
    /// bytes: one character at a time.
    fn word_ranges_by_char(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let inner = matches!(c, '-' | '\'' | '’' | '.' | '/')
                && start.is_some()
                && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || inner {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                out.push(s..i);
            }
        }
        if let Some(s) = start {
            out.push(s..text.len());
        }
        out
    }

    #[test]
    fn byte_scan_finds_the_same_words_as_a_char_scan() {
        for text in [
            "De e-mail van 19.30 uur, IB'er!",
            "De IB’er en de ’s avonds-les: één, twee… drie.",
            "-a- 'b' ’c’ d. .e f/ /g h.i.j. t/m 8",
            "Ünïcödé wörds fïnd 日本語のテキスト。 مرحبا بالعالم.",
            "café’s naïef’ x’",
            "ends in a mark-",
            "a\u{2009}b c\u{a0}d",
            "",
        ] {
            let mut ranges = Vec::new();
            word_ranges(text, 0, &mut ranges);
            assert_eq!(ranges, word_ranges_by_char(text), "{text}");
        }
    }

    #[test]
    fn colons_end_a_sentence_only_before_a_line_break() {
        assert_eq!(
            texts("Let op: morgen gym. Neem mee:\nSchoenen"),
            ["Let op: morgen gym.", "Neem mee:", "Schoenen"]
        );
        assert_eq!(
            texts("Tijd: 8:30. Plaats: aula:"),
            ["Tijd: 8:30.", "Plaats: aula:"]
        );
    }

    #[test]
    fn words_keep_inner_marks() {
        let w: Vec<String> = words("De e-mail van 19.30 uur, IB'er!", 0)
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(w, ["De", "e-mail", "van", "19.30", "uur", "IB'er"]);
    }
}
