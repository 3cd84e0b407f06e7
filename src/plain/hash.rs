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

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// A set of the words of a static list, for lookups in the hot loop.
pub(crate) fn set_of(words: &'static [&'static str]) -> FastSet<&'static str> {
    words.iter().copied().collect()
}

/// A value per word, remembered for the thread that worked it out: words
/// repeat in running text. Bounded, so a huge text of unique words does not
/// grow it forever (it starts again when full).
pub(crate) struct WordMemo<V> {
    seen: RefCell<FastMap<String, V>>,
    limit: usize,
}

impl<V: Copy> WordMemo<V> {
    pub(crate) fn new(limit: usize) -> Self {
        WordMemo {
            seen: RefCell::new(FastMap::default()),
            limit,
        }
    }

    /// The remembered value of `word`, or `work()` (which may use other
    /// memos, or this one for other words) remembered from now on.
    pub(crate) fn get_or(&self, word: &str, work: impl FnOnce() -> V) -> V {
        if let Some(&value) = self.seen.borrow().get(word) {
            return value;
        }
        let value = work();
        let mut seen = self.seen.borrow_mut();
        if seen.len() > self.limit {
            seen.clear();
        }
        seen.insert(word.to_string(), value);
        value
    }
}
