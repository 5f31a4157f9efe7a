//! Postings of character unigrams and bigrams.
//!
//! Every normalised character of the indexed text has a position (fields are laid end to end
//! with one empty position between them). Two kinds of list are kept, both delta-encoded as
//! LEB128 varints (about 1.5 bytes an entry instead of 4 or 8):
//!
//! - positional: the sorted positions where a bigram, or a single Latin letter or digit, occurs.
//!   Longer terms are found by lining these up; Latin terms need positions for word boundaries.
//! - counted: for any other single character, the fields it occurs in with how many times.
//!   A one-character Chinese query only needs per-field counts, and "，" or "的" occur tens of
//!   thousands of times but in far fewer fields: fewer entries to read and to store.
//!
//! Whitespace is left out because a query term never contains any.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A gram key: a character (positional), a character with bit 62 set (counted), or a pair
/// with bit 63 set (positional).
pub(crate) type GramKey = u64;

const COUNTED: u64 = 1 << 62;
const PAIR: u64 = 1 << 63;

/// The positional list of a single character.
pub(crate) fn unigram(c: char) -> GramKey {
    c as u64
}

/// The per-field counts of a single character.
pub(crate) fn counted(c: char) -> GramKey {
    COUNTED | c as u64
}

pub(crate) fn bigram(a: char, b: char) -> GramKey {
    PAIR | (a as u64) << 21 | b as u64
}

/// The sorted position lists of every gram.
#[derive(Debug, Clone, Default)]
pub(crate) struct Postings {
    /// Sorted, for binary search.
    keys: Vec<GramKey>,
    /// `ends[i]` is where gram `i`'s list ends in `data` (it starts where `i - 1` ends).
    ends: Vec<u32>,
    data: Vec<u8>,
}

impl Postings {
    /// The encoded list of `key`, if it occurs at all.
    pub fn list(&self, key: GramKey) -> Option<&[u8]> {
        let i = self.keys.binary_search(&key).ok()?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.data[start..self.ends[i] as usize])
    }

    /// Decodes a counted list into (field, count) pairs in `out` (cleared first).
    pub fn decode_counted(bytes: &[u8], out: &mut Vec<(u32, u32)>) {
        out.clear();
        out.reserve(bytes.len() / 2);
        let mut field = 0u32;
        let mut pending: Option<u32> = None;
        for_each_varint(bytes, |v| match pending.take() {
            None => {
                field = field.wrapping_add(v);
                pending = Some(field);
            }
            Some(f) => out.push((f, v)),
        });
    }

    /// Decodes a positional list into `out` (cleared first).
    pub fn decode(bytes: &[u8], out: &mut Vec<u32>) {
        out.clear();
        out.reserve(bytes.len());
        let mut pos = 0u32;
        for_each_varint(bytes, |delta| {
            pos = pos.wrapping_add(delta);
            out.push(pos);
        });
    }

    pub fn gram_count(&self) -> usize {
        self.keys.len()
    }

    pub fn heap_bytes(&self) -> usize {
        self.keys.capacity() * 8 + self.ends.capacity() * 4 + self.data.capacity()
    }
}

/// Collects (gram, position) occurrences in increasing position order, then packs them.
#[derive(Default)]
pub(crate) struct PostingsBuilder {
    ids: HashMap<GramKey, u32, BuildHasherDefault<GramHasher>>,
    keys: Vec<GramKey>,
    /// (gram id, position), in the order added: positions only grow.
    occurrences: Vec<(u32, u32)>,
}

impl PostingsBuilder {
    pub fn with_capacity(chars: usize) -> Self {
        PostingsBuilder {
            ids: HashMap::with_capacity_and_hasher(chars / 8, Default::default()),
            keys: Vec::with_capacity(chars / 8),
            occurrences: Vec::with_capacity(chars * 2),
        }
    }

    fn id(&mut self, key: GramKey) -> u32 {
        let next = self.keys.len() as u32;
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.keys.push(key);
        }
        id
    }

    /// Records positional `key` at `pos`. Each key's positions must come in increasing order.
    pub fn add(&mut self, key: GramKey, pos: u32) {
        debug_assert!(key & COUNTED == 0 || key & PAIR != 0);
        let id = self.id(key);
        self.occurrences.push((id, pos));
    }

    /// Records that counted `key` occurs `count` times in `field`. Each key's fields must come
    /// in increasing order.
    pub fn add_count(&mut self, key: GramKey, field: u32, count: u32) {
        debug_assert!(key & COUNTED != 0 && key & PAIR == 0);
        let id = self.id(key);
        // Kept adjacent by the stable counting sort in `finish`.
        self.occurrences.push((id, field));
        self.occurrences.push((id, count));
    }

    pub fn finish(self) -> Postings {
        let PostingsBuilder {
            ids,
            keys,
            occurrences,
        } = self;
        drop(ids);
        // Counting sort by gram keeps each gram's positions in the order they were added.
        let mut starts = vec![0u32; keys.len() + 1];
        for &(id, _) in &occurrences {
            starts[id as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut fill = starts.clone();
        let mut positions = vec![0u32; occurrences.len()];
        for &(id, pos) in &occurrences {
            let slot = &mut fill[id as usize];
            positions[*slot as usize] = pos;
            *slot += 1;
        }
        drop(occurrences);
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        order.sort_unstable_by_key(|&id| keys[id as usize]);
        let mut data = Vec::with_capacity(positions.len() * 2);
        let mut ends = Vec::with_capacity(keys.len());
        let mut sorted_keys = Vec::with_capacity(keys.len());
        for id in order {
            let list = &positions[starts[id as usize] as usize..starts[id as usize + 1] as usize];
            let key = keys[id as usize];
            let mut prev = 0u32;
            if key & COUNTED != 0 && key & PAIR == 0 {
                for pair in list.chunks_exact(2) {
                    push_varint(&mut data, pair[0] - prev);
                    prev = pair[0];
                    push_varint(&mut data, pair[1]);
                }
            } else {
                for &pos in list {
                    push_varint(&mut data, pos - prev);
                    prev = pos;
                }
            }
            ends.push(data.len() as u32);
            sorted_keys.push(keys[id as usize]);
        }
        data.shrink_to_fit();
        Postings {
            keys: sorted_keys,
            ends,
            data,
        }
    }
}

fn push_varint(data: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        data.push((v as u8) | 0x80);
        v >>= 7;
    }
    data.push(v as u8);
}

fn for_each_varint(bytes: &[u8], mut f: impl FnMut(u32)) {
    let mut v = 0u32;
    let mut shift = 0;
    for &b in bytes {
        v |= u32::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            f(v);
            v = 0;
            shift = 0;
        } else {
            shift += 7;
        }
    }
}

/// A fast hasher for gram keys (the default SipHash costs more than the rest of indexing).
#[derive(Default)]
pub(crate) struct GramHasher(u64);

impl Hasher for GramHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        // The splitmix64 finaliser: every input bit moves the high bits the table looks at.
        let mut z = (self.0 ^ n).wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        self.0 = z ^ (z >> 31);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_through_the_varint_encoding() {
        let mut b = PostingsBuilder::default();
        let positions = [0u32, 1, 127, 128, 16_384, 2_000_000, u32::MAX - 1];
        for &p in &positions {
            b.add(unigram('政'), p);
            if p % 2 == 0 {
                b.add(bigram('政', '务'), p);
            }
        }
        let postings = b.finish();
        let mut out = Vec::new();
        Postings::decode(postings.list(unigram('政')).unwrap(), &mut out);
        assert_eq!(out, positions);
        Postings::decode(postings.list(bigram('政', '务')).unwrap(), &mut out);
        assert_eq!(out, vec![0, 128, 16_384, 2_000_000, u32::MAX - 1]);
        assert!(postings.list(unigram('务')).is_none());
        assert_eq!(postings.gram_count(), 2);
    }

    #[test]
    fn counted_lists_round_trip_as_field_and_count_pairs() {
        let mut b = PostingsBuilder::default();
        b.add_count(counted('，'), 3, 1);
        b.add(unigram('，'), 7);
        b.add_count(counted('，'), 200, 300);
        b.add_count(counted('，'), 201, 1);
        let postings = b.finish();
        let mut out = Vec::new();
        Postings::decode_counted(postings.list(counted('，')).unwrap(), &mut out);
        assert_eq!(out, vec![(3, 1), (200, 300), (201, 1)]);
        let mut positions = Vec::new();
        Postings::decode(postings.list(unigram('，')).unwrap(), &mut positions);
        assert_eq!(positions, vec![7]);
    }

    #[test]
    fn gram_keys_of_different_kinds_never_collide() {
        let c = '\u{10FFFF}';
        let keys = [
            unigram(c),
            counted(c),
            bigram('\0', c),
            bigram(c, '\0'),
            bigram(c, c),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_ne!(bigram('a', 'b'), bigram('b', 'a'));
    }
}
