//! Syllables of Dutch words.
//!
//! Dutch hyphenation patterns (the `hyphenation` crate's embedded TeX
//! patterns) split a word at syllable boundaries, but never split off a single
//! letter at either end ("avond", not "a-vond"). So each segment is counted by
//! its vowel groups as well; a diaeresis (ë, ï, ...) always starts a new one.
//! Unknown words fall back to vowel groups alone.

use std::cell::RefCell;
use std::collections::HashMap;
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
pub fn count(word: &str) -> usize {
    thread_local! {
        static SEEN: RefCell<HashMap<String, usize>> = RefCell::new(HashMap::new());
    }
    SEEN.with(|seen| {
        if let Some(&n) = seen.borrow().get(word) {
            return n;
        }
        let n = count_uncached(word);
        let mut seen = seen.borrow_mut();
        // Bounded: a huge text of unique words must not grow it forever.
        if seen.len() > 100_000 {
            seen.clear();
        }
        seen.insert(word.to_string(), n);
        n
    })
}

fn count_uncached(word: &str) -> usize {
    let lower = word.to_lowercase();
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
    let total = match dutch() {
        Some(dict) => dict
            .hyphenate(&letters)
            .into_iter()
            .segments()
            .map(vowel_groups)
            .sum(),
        None => vowel_groups(&letters),
    };
    total.max(1)
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
        if !is_vowel(chars[i]) {
            i += 1;
            continue;
        }
        // Longest unit starting here. A diaeresis letter never continues a
        // unit, but starts one like its plain letter ("naïef": na-ief).
        let rest: String = std::iter::once(plain_letter(chars[i]))
            .chain(chars[i + 1..].iter().take(2).copied())
            .collect();
        let len = UNITS
            .iter()
            .filter(|u| rest.starts_with(*u))
            .map(|u| u.chars().count())
            .max()
            .unwrap_or(1);
        sounds += 1;
        i += len;
    }
    sounds
}

fn plain_letter(c: char) -> char {
    match c {
        'ë' => 'e',
        'ï' => 'i',
        'ö' => 'o',
        'ü' => 'u',
        'ä' => 'a',
        c => c,
    }
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
