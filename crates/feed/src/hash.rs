//! The hasher for the feed's internal maps and sets: ids (`"gwr-2025-00001"`), index numbers
//! and small tuples.
//!
//! std's default, SipHash 1-3, costs more than the rest of validation on a large feed: every id
//! is hashed a few times (uniqueness, then each reference to it). This one takes eight bytes per
//! multiply. It does not resist collisions crafted on purpose, but neither does the default in
//! the browser: `wasm32-unknown-unknown` has no randomness to key SipHash with, and std takes
//! its keys from two memory addresses, the same on every load of a build. The maps only hold
//! what one feed contains.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
pub(crate) type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

/// An empty map with room for `n` entries.
pub(crate) fn map_with_capacity<K, V>(n: usize) -> IdMap<K, V> {
    HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default())
}

/// FxHash's word step (rotate, xor, multiply; as in rustc), with a finish that folds the high
/// bits, where a multiply leaves its mixing, into the low ones the table picks buckets by.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

const SEED: u64 = 0x517c_c1b7_2722_0a95;

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some((word, after)) = rest.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*word));
            rest = after;
        }
        // The last bytes, then the length: it tells `ab` from `ab\0`, whose words are the same
        // once padded with zeros.
        let mut last = 0u64;
        for (i, &b) in rest.iter().enumerate() {
            last |= u64::from(b) << (8 * i);
        }
        self.add(last ^ (bytes.len() as u64).rotate_right(8));
    }

    fn write_u8(&mut self, n: u8) {
        self.add(n.into());
    }

    fn write_u16(&mut self, n: u16) {
        self.add(n.into());
    }

    fn write_u32(&mut self, n: u32) {
        self.add(n.into());
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash(s: &str) -> u64 {
        BuildHasherDefault::<IdHasher>::default().hash_one(s)
    }

    #[test]
    fn ids_that_differ_anywhere_hash_apart() {
        let ids: Vec<String> = (0..10_000).map(|i| format!("gwr-2025-{i:05}")).collect();
        let mut hashes: Vec<u64> = ids.iter().map(|s| hash(s)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), ids.len());
        assert_ne!(hash("ab"), hash("ab\0"));
        assert_ne!(hash(""), hash("\0"));
        // The low bits, which pick the bucket, spread: 10,000 random keys fill about 7,500 of
        // 16,384 buckets.
        let mut buckets: Vec<u64> = ids.iter().map(|s| hash(s) & 0x3fff).collect();
        buckets.sort_unstable();
        buckets.dedup();
        assert!(buckets.len() > 7_000, "{}", buckets.len());
    }

    #[test]
    fn maps_and_sets_find_what_they_hold() {
        let mut m: IdMap<&str, usize> = map_with_capacity(4);
        m.insert("a", 1);
        m.insert("b", 2);
        assert_eq!(m.get("a"), Some(&1));
        assert_eq!(m.get("c"), None);
        let s: IdSet<(u16, u16)> = [(2019, 1), (2019, 2)].into_iter().collect();
        assert!(s.contains(&(2019, 2)) && !s.contains(&(2020, 1)));
    }
}
