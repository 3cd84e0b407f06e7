//! A fast hasher for the analyser's word tables. The standard library's
//! SipHash resists hash flooding, which matters for input from strangers;
//! here the keys are words of the site's own pages and of helder's word
//! lists, and hashing them was a large part of the analysis time. Written by
//! hand (the multiply-rotate scheme of rustc's FxHash) to avoid a dependency
//! for ten lines.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn finish(&self) -> u64 {
        // The last multiply leaves the low bits depending on the low bits of
        // the input alone; hash tables pick their bucket by the low bits, so
        // the well-mixed high half is folded down.
        self.0 ^ (self.0 >> 29)
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// A set of the words of a static list, for lookups in the hot loop.
pub(crate) fn set_of(words: &'static [&'static str]) -> FastSet<&'static str> {
    words.iter().copied().collect()
}

/// The words of a word-list file (data/*.txt): one a line, with `#`
/// comments and blank lines left out.
pub(crate) fn set_of_lines(text: &'static str) -> FastSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
}

/// A word of up to 23 bytes as a fixed-size key, kept in the table itself:
/// comparing two keys is four integer compares, with no string on the heap
/// to fetch (which, for a table of thousands of words, was a cache miss per
/// lookup). The last byte holds the length. 24 bytes: nearly every word
/// fits, and a smaller table has fewer cache misses.
#[derive(Clone, Copy, Eq)]
struct ShortWord([u64; 3]);

impl PartialEq for ShortWord {
    /// Three compares without a branch between them (the derived compare of
    /// the array was a call to `memcmp` per lookup).
    fn eq(&self, other: &ShortWord) -> bool {
        let [a, b, c] = self.0;
        let [x, y, z] = other.0;
        (a ^ x) | (b ^ y) | (c ^ z) == 0
    }
}

impl std::hash::Hash for ShortWord {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // One word of input for the hasher: most words fit in the first
        // eight bytes, and the rest (with the length) is folded in.
        let [a, b, c] = self.0;
        state.write_u64(a ^ b.rotate_left(21) ^ c.rotate_left(42));
    }
}

impl ShortWord {
    const MAX: usize = 23;

    #[inline(always)]
    fn new(word: &str) -> Option<ShortWord> {
        let bytes = word.as_bytes();
        let n = bytes.len();
        if n > Self::MAX {
            return None;
        }
        let (a, rest) = bytes.split_at(n.min(8));
        let (b, c) = rest.split_at(rest.len().min(8));
        Some(ShortWord([lane(a), lane(b), lane(c) | (n as u64) << 56]))
    }
}

/// Up to eight bytes as one little-endian number, made in registers.
/// Copying a word into a buffer on the stack and reading it back as
/// numbers stalls the processor (a load cannot be served from several
/// smaller stores still in flight): that was most of a memo lookup.
#[inline(always)]
fn lane(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if n >= 4 {
        // Two loads of four bytes that overlap when n < 8.
        let low = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        let high = u32::from_le_bytes([bytes[n - 4], bytes[n - 3], bytes[n - 2], bytes[n - 1]]);
        u64::from(low) | u64::from(high) << (8 * (n - 4))
    } else {
        bytes
            .iter()
            .enumerate()
            .fold(0, |v, (k, &b)| v | u64::from(b) << (8 * k))
    }
}

/// A value per word, remembered for the thread that worked it out: words
/// repeat in running text. Bounded, so a huge text of unique words does not
/// grow it forever (it starts again when full).
pub(crate) struct WordMemo<V> {
    short: RefCell<FastMap<ShortWord, V>>,
    long: RefCell<FastMap<String, V>>,
    limit: usize,
}

impl<V: Copy> WordMemo<V> {
    pub(crate) fn new(limit: usize) -> Self {
        WordMemo {
            short: RefCell::new(FastMap::default()),
            long: RefCell::new(FastMap::default()),
            limit,
        }
    }

    /// The remembered value of `word`, or `work()` (which may use other
    /// memos, or this one for other words) remembered from now on.
    pub(crate) fn get_or(&self, word: &str, work: impl FnOnce() -> V) -> V {
        match ShortWord::new(word) {
            Some(key) => {
                if let Some(&value) = self.short.borrow().get(&key) {
                    return value;
                }
                let value = work();
                let mut seen = self.short.borrow_mut();
                if seen.len() > self.limit {
                    seen.clear();
                }
                seen.insert(key, value);
                value
            }
            None => {
                if let Some(&value) = self.long.borrow().get(word) {
                    return value;
                }
                let value = work();
                let mut seen = self.long.borrow_mut();
                if seen.len() > self.limit {
                    seen.clear();
                }
                seen.insert(word.to_string(), value);
                value
            }
        }
    }
}

impl<V> WordMemo<V> {
    /// Changes what is remembered of `word`, if anything is.
    pub(crate) fn update(&self, word: &str, change: impl FnOnce(&mut V)) {
        match ShortWord::new(word) {
            Some(key) => self.short.borrow_mut().get_mut(&key).map(change),
            None => self.long.borrow_mut().get_mut(word).map(change),
        };
    }
}

/// A quick "certainly not" for lookups of words in a small table: a bit per
/// (first byte, length) of the table's words. Most words of a text (de,
/// het, een, kinderen) share neither with any key, and skip the hash lookup.
#[derive(Debug, Clone)]
pub(crate) struct FirstFilter {
    bits: Vec<u64>,
}

impl Default for FirstFilter {
    fn default() -> Self {
        FirstFilter { bits: vec![0; 256] }
    }
}

impl FirstFilter {
    fn slot(word: &str) -> Option<(usize, u64)> {
        let first = *word.as_bytes().first()?;
        Some((usize::from(first), 1u64 << word.len().min(63)))
    }

    pub(crate) fn insert(&mut self, word: &str) {
        if let Some((i, bit)) = Self::slot(word) {
            self.bits[i] |= bit;
        }
    }

    /// False when `word` is certainly not in the table.
    pub(crate) fn may_contain(&self, word: &str) -> bool {
        Self::slot(word).is_some_and(|(i, bit)| self.bits[i] & bit != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_keeps_short_and_long_words_apart() {
        let memo = WordMemo::new(10);
        let long = "kinderopvangtoeslagaanvraagformulieren"; // over 23 bytes
        assert_eq!(memo.get_or("a", || 1), 1);
        assert_eq!(memo.get_or("ab", || 2), 2);
        assert_eq!(memo.get_or(long, || 3), 3);
        assert_eq!(memo.get_or("a", || 9), 1);
        assert_eq!(memo.get_or("ab", || 9), 2);
        assert_eq!(memo.get_or(long, || 9), 3);
        // A word and the same bytes with a zero after them are two words.
        assert_eq!(memo.get_or("a\0", || 4), 4);
        memo.update("ab", |v| *v = 5);
        memo.update(long, |v| *v = 6);
        memo.update("not remembered", |v| *v = 7);
        assert_eq!(memo.get_or("ab", || 9), 5);
        assert_eq!(memo.get_or(long, || 9), 6);
        assert_eq!(memo.get_or("not remembered", || 8), 8);
    }

    #[test]
    fn short_words_are_their_bytes_and_length() {
        let text = "abcdefghijklmnopqrstuvwxyz";
        for n in 0..=ShortWord::MAX {
            let mut b = [0u8; 24];
            b[..n].copy_from_slice(&text.as_bytes()[..n]);
            b[23] = n as u8;
            let want: Vec<u64> = b
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
                .collect();
            assert_eq!(ShortWord::new(&text[..n]).unwrap().0.to_vec(), want, "{n}");
        }
        assert!(ShortWord::new(text).is_none());
    }

    #[test]
    fn first_filter_never_says_no_to_a_key() {
        let mut filter = FirstFilter::default();
        for w in ["in", "ten", "ter", "zodoende", "é"] {
            filter.insert(w);
        }
        for w in ["in", "ten", "ter", "zodoende", "é"] {
            assert!(filter.may_contain(w), "{w}");
        }
        assert!(!filter.may_contain("de"));
        assert!(!filter.may_contain("tenzij"));
        assert!(!filter.may_contain(""));
    }
}
