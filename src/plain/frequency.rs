//! How common a Dutch word is: Zipf frequencies from the wordfreq project
//! (data/frequency-nl.txt, CC BY-SA 4.0, made by scripts/make-frequency.py),
//! with the words of a child's day those sources under-count
//! (data/everyday-home.txt: "broodtrommel", "kastanje") at Zipf 4.0, and
//! compounds scored by their parts as LiNT does ("ouderavond" is
//! common because "ouder" and "avond" are; "loyaliteitsconflict" is not).

use super::hash::{set_of_lines, FastMap, WordMemo};
use super::latinate;
use std::sync::OnceLock;

/// Zipf in tenths (30 = once per million words).
pub(crate) type Zipf = u8;

/// A word below this is rare (Zipf 3.0: once per million words).
pub(crate) const RARE_BELOW: Zipf = 30;

/// Parts of a compound must be this common (Zipf 4.0: ten per million): a
/// parent knows "ouder" and "avond", not necessarily "loyaliteit".
const PART_AT_LEAST: Zipf = 40;

/// School words parents meet every week, common in their world though less
/// so in general text: as compound parts they count as common.
const SCHOOL_PARTS: &[&str] = &[
    "kleuter",
    "groep",
    "juf",
    "meester",
    "rapport",
    "gym",
    "leerling",
    "schoolreis",
    "ouder",
    "klas",
    "speel",
    "plein",
    "lunch",
    "pauze",
    "toets",
    "team",
    "leer",
    "lees",
    "reken",
    "taal",
    "portaal",
    "kanjer",
    "opvang",
    "schrijf",
    // Feast days as first parts: "paasvakantie", "pinksterweekend".
    "paas",
    "pinkster",
];

/// Prepositions and particles: a word starting with one is a derivation
/// ("aanspreekpunt", "uitvoering"), not a compound of two known words.
const PARTICLES: &[&str] = &[
    "aan", "uit", "op", "af", "in", "mee", "toe", "door", "over", "voor", "na", "om", "bij",
    "onder", "achter", "tegen", "weg", "terug", "ver", "ont", "her", "be", "ge",
];

fn table() -> &'static FastMap<&'static str, Zipf> {
    static TABLE: OnceLock<FastMap<&'static str, Zipf>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = FastMap::with_capacity_and_hasher(30_000, Default::default());
        let mut band: Zipf = 0;
        for line in include_str!("data/frequency-nl.txt").lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some(z) = line.strip_prefix("= ") {
                band = z.trim().parse().unwrap_or(0);
                continue;
            }
            map.entry(line).or_insert(band);
        }
        // Words of a child's day that the sources under-count.
        for word in set_of_lines(include_str!("data/everyday-home.txt")) {
            let z = map.entry(word).or_insert(0);
            *z = (*z).max(PART_AT_LEAST);
        }
        map
    })
}

/// The listed Zipf of a lower-case word, or 0 when it is rarer than the list.
pub(crate) fn zipf(word: &str) -> Zipf {
    table().get(word).copied().unwrap_or(0)
}

/// The Zipf of a lower-case word as a reader meets it: its own or its
/// lemma's ("toetjes" → "toetje", "oefenden" → "oefenen", "fijnst" →
/// "fijn"), the word after a separable particle ("uitlacht" → "lacht"), or
/// for a compound of common parts at least [`RARE_BELOW`]. A Latinate word
/// no common word of its family explains counts as rare below Zipf 4.0
/// (see `latinate`). Cached per thread: words repeat.
pub(crate) fn effective_zipf(word: &str) -> Zipf {
    thread_local! {
        static SEEN: WordMemo<Zipf> = WordMemo::new(50_000);
    }
    let own = zipf(word);
    if own >= latinate::KNOWN || own >= RARE_BELOW && !latinate::may_be(word) {
        return own;
    }
    SEEN.with(|seen| seen.get_or(word, || uncached(word)))
}

fn uncached(word: &str) -> Zipf {
    let z = readable_zipf(word);
    if (RARE_BELOW..latinate::KNOWN).contains(&z) && opaque_latinate(word) {
        return RARE_BELOW - 1;
    }
    z
}

/// An opaque Latinate word ("interventie"), or a compound with one as its
/// head ("ouderparticipatie"); not a compound with a common head
/// ("zomervakantie").
fn opaque_latinate(word: &str) -> bool {
    latinate::is_opaque(word) && compound(word, 0, false).is_none()
}

/// [`effective_zipf`] without the Latinate words.
fn readable_zipf(word: &str) -> Zipf {
    let lemma = lemma_zipf(word);
    if lemma >= RARE_BELOW {
        return lemma;
    }
    for p in PARTICLES {
        if let Some(rest) = word.strip_prefix(p) {
            if rest.chars().count() >= 3 && lemma_zipf(rest) >= RARE_BELOW {
                return lemma_zipf(rest);
            }
        }
    }
    compound(word, 0, false).map_or(lemma, |z| z.max(RARE_BELOW))
}

#[cfg(test)]
/// Is this lower-case word rare for a reader with B1 Dutch?
pub(crate) fn is_rare(word: &str) -> bool {
    effective_zipf(word) < RARE_BELOW
}

/// The highest Zipf of the word and the lemmas it may be a form of. The
/// guesses over-generate (a guess that is no word has Zipf 0).
fn lemma_zipf(word: &str) -> Zipf {
    let mut best = zipf(word);
    let mut consider = |w: &str| {
        if w.chars().count() >= 3 {
            best = best.max(zipf(w));
        }
    };
    // Plurals, adjective -e, superlatives, diminutives, agent nouns.
    for suffix in [
        "'s", "s", "en", "e", "st", "ste", "je", "jes", "tje", "tjes", "pje", "pjes", "etje",
        "etjes", "er", "ers",
    ] {
        if let Some(base) = word.strip_suffix(suffix) {
            consider(base);
            consider(&undouble(base));
            consider(&lengthen(base));
            consider(&format!("{base}en"));
            consider(&format!("{base}je"));
        }
    }
    // Verb forms: "oefenden", "plaagt", "opgeplakt", "gelachen".
    let core = word
        .strip_prefix("ge")
        .filter(|r| r.chars().count() >= 4)
        .unwrap_or(word);
    for suffix in ["t", "d", "de", "den", "te", "ten", "en", ""] {
        if let Some(stem) = core.strip_suffix(suffix) {
            consider(stem);
            for s in [
                stem.to_string(),
                undouble(stem),
                shorten(stem),
                voiced(stem),
            ] {
                consider(&format!("{s}en"));
                consider(&double(&s));
            }
        }
    }
    best
}

fn undouble(w: &str) -> String {
    let mut c: Vec<char> = w.chars().collect();
    let n = c.len();
    if n >= 2 && c[n - 1] == c[n - 2] {
        c.pop();
    }
    c.into_iter().collect()
}

/// "bom" → "boom" (the open syllable of "bomen").
fn lengthen(w: &str) -> String {
    let c: Vec<char> = w.chars().collect();
    let n = c.len();
    if n >= 3
        && matches!(c[n - 2], 'a' | 'e' | 'o' | 'u')
        && !matches!(c[n - 3], 'a' | 'e' | 'o' | 'u' | 'i')
    {
        let mut out = c.clone();
        out.insert(n - 2, c[n - 2]);
        return out.into_iter().collect();
    }
    w.to_string()
}

/// "plaag" → "plag" (for "plagen").
fn shorten(w: &str) -> String {
    let c: Vec<char> = w.chars().collect();
    let n = c.len();
    if n >= 3 && c[n - 2] == c[n - 3] && matches!(c[n - 2], 'a' | 'e' | 'o' | 'u') {
        let mut out = c.clone();
        out.remove(n - 2);
        return out.into_iter().collect();
    }
    w.to_string()
}

/// "leef" → "leev" (for "leven"), "reis" → "reiz".
fn voiced(w: &str) -> String {
    if let Some(b) = w.strip_suffix('f') {
        format!("{}v", shorten(&format!("{b}f")).trim_end_matches('f'))
    } else if let Some(b) = w.strip_suffix('s') {
        format!("{}z", shorten(&format!("{b}s")).trim_end_matches('s'))
    } else {
        w.to_string()
    }
}

/// "luiz" → "luis", "brev" → "bref" (a stem before -en as written alone);
/// the open syllable is lengthened by [`lengthen`] separately.
fn devoiced(w: &str) -> String {
    if let Some(b) = w.strip_suffix('z') {
        format!("{b}s")
    } else if let Some(b) = w.strip_suffix('v') {
        format!("{b}f")
    } else {
        w.to_string()
    }
}

/// "log" → "loggen", "wen" → "wennen".
fn double(w: &str) -> String {
    match w.chars().last() {
        Some(c) if !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') => format!("{w}{c}en"),
        _ => String::new(),
    }
}

fn part_zipf(part: &str, flemish: bool) -> Zipf {
    if SCHOOL_PARTS.contains(&part) || flemish && is_flemish(part) {
        return PART_AT_LEAST;
    }
    zipf(part)
}

/// A first part of a compound may be a verb stem ("pest-kop", "oefen-blad",
/// "voorlees-boek" from "voorlezen"): "pest" counts as common as "pesten".
fn first_part_zipf(part: &str, flemish: bool) -> Zipf {
    part_zipf(part, flemish)
        .max(zipf(&format!("{part}en")))
        .max(zipf(&double(part)))
        .max(zipf(&format!("{}en", voiced(part))))
}

/// Everyday words in Flanders (data/flemish-nl-be.txt), common on nl-BE
/// pages though rarer in the general list.
fn is_flemish(word: &str) -> bool {
    static WORDS: OnceLock<super::hash::FastSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| set_of_lines(include_str!("data/flemish-nl-be.txt")))
        .contains(word)
}

/// [`effective_zipf`] for a reader in Flanders: Flemish everyday words, and
/// compounds with them as parts, are common.
pub(crate) fn effective_zipf_flemish(word: &str) -> Zipf {
    let z = effective_zipf(word);
    if z >= RARE_BELOW {
        return z;
    }
    let flemish = is_flemish(word)
        || ["s", "en", "e", "je", "jes", "tje", "tjes"]
            .iter()
            .any(|end| word.strip_suffix(end).is_some_and(is_flemish));
    if flemish {
        return PART_AT_LEAST;
    }
    compound(word, 0, true).map_or(z, |c| c.max(RARE_BELOW))
}

/// The head of a compound may be inflected ("fietsen-rekken") and needs to
/// be a little less common than the first part: heads are concrete nouns.
const HEAD_AT_LEAST: Zipf = 35;

/// The lowest part Zipf of the best split of `word` into common parts, with
/// linking -s-, -e- or -en- ("loyaliteit-s-conflict", "boek-en-tas").
fn compound(word: &str, depth: usize, flemish: bool) -> Option<Zipf> {
    if depth > 3 || word.len() < 6 {
        return None;
    }
    let mut best: Option<Zipf> = None;
    for (i, _) in word.char_indices().skip(3) {
        let (left, right) = word.split_at(i);
        if right.chars().count() < 3 {
            break;
        }
        if PARTICLES.contains(&left) {
            continue;
        }
        // Linking -s-, -e-, -en- (a plural: "luizen-controle" from "luis").
        let plural = left.strip_suffix("en").unwrap_or("");
        let (singular, lengthened) = (devoiced(plural), lengthen(plural));
        let left_z = [
            left,
            left.strip_suffix('s').unwrap_or(""),
            plural,
            singular.as_str(),
            lengthened.as_str(),
            left.strip_suffix('e').unwrap_or(""),
        ]
        .iter()
        .filter(|l| l.chars().count() >= 3)
        .map(|l| first_part_zipf(l, flemish))
        .max()
        .unwrap_or(0);
        if left_z < PART_AT_LEAST {
            continue;
        }
        let right_z = part_zipf(right, flemish).max(lemma_zipf(right));
        let right_z = if right_z >= HEAD_AT_LEAST
            && !latinate::is_policy_head(right)
            && (right_z >= latinate::KNOWN || !latinate::is_opaque(right))
        {
            Some(right_z)
        } else {
            compound(right, depth + 1, flemish)
        };
        if let Some(r) = right_z {
            let z = left_z.min(r);
            if best.is_none_or(|b| z > b) {
                best = Some(z);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_rare_and_compounds() {
        for w in [
            "school",
            "ouders",
            "inmiddels",
            "ouderavond",
            "leerteam",
            "schoolplein",
            "gymtas",
        ] {
            assert!(!is_rare(w), "{w} should be common");
        }
        for w in [
            "loyaliteitsconflict",
            "inconsistentie",
            "symptoomdrager",
            "geanonimiseerd",
            "aanspreekpunt",
        ] {
            assert!(is_rare(w), "{w} should be rare");
        }
    }
}
