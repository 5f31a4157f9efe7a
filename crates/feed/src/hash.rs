//! The maps and sets of the feed's internal look-ups: ids (`"gwr-2025-00001"`), index numbers
//! and small tuples, hashed with rustc-hash's `FxHasher`.
//!
//! std's default, SipHash 1-3, cost more than the rest of validation on a large feed: every id
//! is hashed a few times (uniqueness, then each reference to it). Fx does not resist collisions
//! crafted on purpose, but neither does the default in the browser: `wasm32-unknown-unknown`
//! has no randomness to key SipHash with, and std takes its keys from two memory addresses, the
//! same on every load of a build. The maps only hold what one feed contains. rustc-hash is
//! already in the app (Leptos uses it), so it adds nothing to the wasm.

use rustc_hash::FxBuildHasher;
use std::collections::{HashMap, HashSet};

pub(crate) type IdMap<K, V> = HashMap<K, V, FxBuildHasher>;
pub(crate) type IdSet<K> = HashSet<K, FxBuildHasher>;

/// An empty map with room for `n` entries.
pub(crate) fn map_with_capacity<K, V>(n: usize) -> IdMap<K, V> {
    HashMap::with_capacity_and_hasher(n, FxBuildHasher)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash(s: &str) -> u64 {
        FxBuildHasher.hash_one(s)
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
