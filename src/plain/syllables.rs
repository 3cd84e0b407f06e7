//! Syllables of Dutch words.
//!
//! Dutch hyphenation patterns (the `hyphenation` crate's embedded TeX
//! patterns) split a word at syllable boundaries, but never split off a single
//! letter at either end ("avond", not "a-vond"). So each segment is counted by
//! its vowel groups as well; a diaeresis (ë, ï, ...) always starts a new one.
//! Unknown words fall back to vowel groups alone.

use super::hash::WordMemo;
use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

fn dutch() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::Dutch).ok())
        .as_ref()
}

/// Number of syllables of a word as spoken (at least 1 for a word with a letter).
///
/// Words repeat a lot in running text, so counts are kept per thread.
pub(crate) fn count(word: &str) -> usize {
    thread_local! {
        static SEEN: WordMemo<usize> = WordMemo::new(100_000);
    }
    SEEN.with(|seen| seen.get_or(word, || count_uncached(word)))
}

fn count_uncached(word: &str) -> usize {
    let lower = word.to_lowercase().replace('’', "'");
    if !lower.chars().any(char::is_alphabetic) {
        return 1; // numbers and symbols: read as one unit
    }
    // Compounds written with a hyphen: count the parts.
    if lower.contains('-') {
        return lower
            .split('-')
            .filter(|p| !p.is_empty())
            .map(count)
            .sum::<usize>()
            .max(1);
    }
    let letters: String = lower.chars().filter(|c| c.is_alphabetic()).collect();
    if let Some(n) = loan(&letters) {
        return n;
    }
    let total = match dutch() {
        Some(dict) => dict
            .hyphenate(&letters)
            .into_iter()
            .segments()
            .map(vowel_groups)
            .sum(),
        None => vowel_groups(&letters),
    };
    (total - loan_correction(&letters)).max(1)
}

/// Loan words as they are pronounced in Dutch, where their spelling misleads
/// the vowel count: (spelling, syllables spoken). "team" is one syllable,
/// not te-am. Hand-written: a short list of loans common in school letters.
const LOANS: &[(&str, usize)] = &[
    ("team", 1),
    ("teams", 1),
    ("coach", 1),
    ("coaches", 2),
    ("coachen", 2),
    ("coaching", 2),
    ("deadline", 2),
    ("deadlines", 2),
    ("online", 2),
    ("offline", 2),
    ("website", 2),
    ("websites", 2),
    ("site", 1),
    ("sites", 1),
    ("game", 1),
    ("games", 1),
    ("gamen", 2),
    ("update", 2),
    ("updates", 2),
    ("skate", 1),
    ("skaten", 2),
    ("skatebaan", 2),
    ("time-out", 2),
    ("timeout", 2),
    ("live", 1),
    ("like", 1),
    ("liken", 2),
    ("laptop", 2),
    ("lockdown", 2),
    ("homework", 2),
    ("software", 2),
    ("hardware", 2),
    ("lunchbox", 2),
    ("teamleader", 3),
    ("leader", 2),
    ("break", 1),
    ("breakout", 2),
    ("tablet", 2),
    ("cookie", 2),
    ("cookies", 2),
    ("computer", 3),
    ("outdoor", 2),
    ("indoor", 2),
    ("juice", 1),
    ("date", 1),
    ("mail", 1),
    ("mails", 1),
    ("mailen", 2),
    ("mailtje", 2),
    ("spreadsheet", 2),
    ("screen", 1),
    ("screenen", 2),
    ("screening", 2),
    ("toilet", 2),
    ("bureau", 2),
    ("niveau", 2),
    ("cadeau", 2),
    ("plateau", 2),
    ("enquête", 3),
    ("enquêtes", 3),
    ("crèche", 2),
    ("crèches", 2),
    ("brochure", 3),
    ("brochures", 3),
    ("route", 2),
    ("routes", 2),
    ("routine", 3),
    ("routines", 3),
    ("baby", 2),
    ("babys", 2),
    ("hobby", 2),
    ("hobby's", 2),
    ("party", 2),
    ("story", 2),
    ("workshop", 2),
    ("workshops", 2),
    ("festival", 3),
    ("jeans", 1),
    ("board", 1),
    ("boards", 1),
    ("skateboard", 2),
    ("skateboards", 2),
    ("phone", 1),
    ("smartphone", 2),
    ("smartphones", 2),
    ("headphone", 2),
    ("feedback", 2),
    ("playground", 2),
];

/// The whole word is a loan from the table.
fn loan(letters: &str) -> Option<usize> {
    LOANS
        .iter()
        .find(|(w, _)| w.replace(['-', '\''], "") == letters)
        .map(|(_, n)| *n)
}

/// Loans of four or more letters at the start or end of a compound
/// ("teamleider", "leerteam", "schoolwebsite") are read as in the table; the
/// vowel count of their spelling is corrected by the difference.
fn loan_correction(letters: &str) -> usize {
    const PARTS: &[&str] = &[
        "team", "coach", "website", "game", "update", "laptop", "deadline", "online", "workshop",
        "mail", "skate", "board", "phone",
    ];
    // A loan-like end that is Dutch: "visite", "kassa".
    let mut correction = 0;
    for part in PARTS {
        let spoken = loan(part).unwrap_or(1);
        let spelled = vowel_groups(part);
        if spelled <= spoken || letters == *part {
            continue;
        }
        let at_start = letters.starts_with(part);
        let at_end = letters.ends_with(part)
            || letters
                .strip_suffix('s')
                .or_else(|| letters.strip_suffix("en"))
                .is_some_and(|l| l.ends_with(part));
        if at_start || at_end {
            correction += spelled - spoken;
        }
    }
    // French and English "-tion"/"-sion" ("station", "pension") is one
    // sound, "sjon", where the spelling counts two.
    let stem = letters.strip_suffix('s').unwrap_or(letters);
    if stem.len() > 5 && (stem.ends_with("tion") || stem.ends_with("sion")) {
        correction += 1;
    }
    correction
}

/// Vowel sounds in Dutch spelling: a run of vowel letters is read as its
/// longest known units ("ooi", "eeu", "ie", "ij", ...), each one sound; two
/// vowels that form no unit ("io" in radio, "ua" in januari) are two sounds,
/// and a letter with a diaeresis always starts a new one.
fn vowel_groups(segment: &str) -> usize {
    const UNITS: &[&str] = &[
        "aai", "ooi", "oei", "eeu", "ieu", "eau", "aa", "ee", "oo", "uu", "ie", "oe", "eu", "ui",
        "ei", "ij", "ou", "au", "ai", "ay", "ey", "oy",
    ];
    let chars: Vec<char> = segment.chars().collect();
    let mut sounds = 0;
    let mut i = 0;
    while i < chars.len() {
        // "u" after "q" is a consonant sound: "frequentie", "enquête", "quiz".
        if !is_vowel(chars[i]) || (chars[i] == 'u' && i > 0 && chars[i - 1] == 'q') {
            i += 1;
            continue;
        }
        // Longest unit starting here. A diaeresis letter never continues a
        // unit, but starts one like its plain letter ("naïef": na-ief); an
        // accent does not break a unit ("één", "crème").
        let mut rest = [plain_letter(chars[i]), ' ', ' '];
        for (k, c) in chars[i + 1..].iter().take(2).enumerate() {
            if has_diaeresis(*c) {
                break;
            }
            rest[k + 1] = plain_letter(*c);
        }
        let len = UNITS
            .iter()
            .filter(|u| u.chars().zip(rest.iter()).all(|(a, b)| a == *b))
            .map(|u| u.chars().count())
            .max()
            .unwrap_or(1);
        sounds += 1;
        i += len;
    }
    sounds
}

/// The letter without its mark, for matching units: an accent (é, è, ê)
/// keeps the letter a normal vowel that joins units ("één" is one sound); a
/// diaeresis only starts a new sound (handled by the caller).
fn plain_letter(c: char) -> char {
    match c {
        'ë' | 'é' | 'è' | 'ê' => 'e',
        'ï' | 'í' | 'ì' | 'î' => 'i',
        'ö' | 'ó' | 'ò' | 'ô' => 'o',
        'ü' | 'ú' | 'ù' | 'û' => 'u',
        'ä' | 'á' | 'à' | 'â' => 'a',
        c => c,
    }
}

fn has_diaeresis(c: char) -> bool {
    matches!(c, 'ë' | 'ï' | 'ö' | 'ü' | 'ä')
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'à'
            | 'á'
            | 'â'
            | 'ä'
            | 'è'
            | 'é'
            | 'ê'
            | 'ë'
            | 'ì'
            | 'í'
            | 'î'
            | 'ï'
            | 'ò'
            | 'ó'
            | 'ô'
            | 'ö'
            | 'ù'
            | 'ú'
            | 'û'
            | 'ü'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_words() {
        for (word, n) in [
            ("aap", 1),
            ("school", 1),
            ("ouders", 2),
            ("tijger", 2),
            ("avond", 2),
            ("kinderen", 3),
            ("ouderportaal", 4),
            ("informatieavond", 6),
            ("medezeggenschapsraad", 6),
            ("ideeën", 3),
            ("naïef", 2),
            ("beëindigen", 4),
            ("e-mail", 2),
            ("19.30", 1),
            ("station", 2),
            ("stations", 2),
            ("smartphone", 2),
            ("skateboard", 2),
        ] {
            assert_eq!(count(word), n, "{word}");
        }
    }

    /// Agreement with the hand-checked list in data/syllables-checked.tsv.
    #[test]
    fn agreement_with_hand_checked_words() {
        let data = include_str!("data/syllables-checked.tsv");
        let mut total = 0;
        let mut wrong = Vec::new();
        for line in data
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (word, n) = line.split_once('\t').expect("word<TAB>count");
            let n: usize = n.trim().parse().expect("a number");
            total += 1;
            let got = count(word);
            if got != n {
                wrong.push(format!("{word}: {got} (hand-checked {n})"));
            }
        }
        assert!(total >= 300, "only {total} hand-checked words");
        let agreement = 100.0 * (total - wrong.len()) as f64 / total as f64;
        eprintln!(
            "syllable agreement: {agreement:.1}% of {total} words; differences:\n{}",
            wrong.join("\n")
        );
        assert!(
            agreement >= 95.0,
            "agreement {agreement:.1}%:\n{}",
            wrong.join("\n")
        );
    }
}
