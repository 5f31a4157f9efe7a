//! Postings of character unigrams and bigrams.
//!
//! Every normalised character of the indexed text has a position (fields are laid end to end
//! with one empty position between them). Two kinds of list are kept:
//!
//! - positional: the sorted positions where a bigram, or a single Latin letter or digit, occurs.
//!   Longer terms are found by lining these up; Latin terms need positions for word boundaries.
//!   A gram occurring [`COMMON`] times or more keeps them as plain numbers, which a term whose
//!   other grams are rarer looks up by galloping instead of reading them all; any other has them
//!   delta-encoded as LEB128 varints (about 1.5 bytes an entry instead of 4).
//! - summaries: for a gram, each item it occurs in with how many times, its weighted count,
//!   whether it is in the title or 文号 and where it first occurs in the item's text: everything
//!   ranking and the snippet need, one entry an item. Any other
//!   single character has only a summary ("，" and "的" occur tens of thousands of times, in far
//!   fewer items), and a bigram occurring [`COMMON`] times or more has one beside its positions,
//!   so that a two-character term as common as 改革 reads one entry an item rather than one a
//!   position and never has to find the field of each. Summaries are varint-encoded too.
//!
//! Whitespace is left out because a query term never contains any.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A gram key: a character (positional), or a pair with bit 63 set (positional); either with
/// bit 62 set for its summary.
pub(crate) type GramKey = u64;

const SUMMARY: u64 = 1 << 62;
const PAIR: u64 = 1 << 63;

/// A gram with at least this many occurrences keeps its positions plain, and a bigram gets a
/// summary too. Below it, decoding its positions and finding their fields costs about as much as
/// reading a summary would, and the packed list is short enough to read whole.
pub(crate) const COMMON: usize = 64;

/// The positional list of a single character.
pub(crate) fn unigram(c: char) -> GramKey {
    c as u64
}

pub(crate) fn bigram(a: char, b: char) -> GramKey {
    PAIR | (a as u64) << 21 | b as u64
}

/// The summary of a gram ([`unigram`] or [`bigram`]).
pub(crate) fn summary(key: GramKey) -> GramKey {
    key | SUMMARY
}

/// One item's line in a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ItemCount {
    pub item: u32,
    pub occurrences: u32,
    /// Occurrences weighted by the role of their field.
    pub weighted: u32,
    /// Whether the gram occurs in the title or 文号.
    pub heading: bool,
    /// Where it first occurs in a text field (summary or body), as a position less the item's
    /// first; `u32::MAX` when it occurs in none.
    pub first_text: u32,
}

/// The sorted lists of every gram.
#[derive(Debug, Clone, Default)]
pub(crate) struct Postings {
    /// The grams with varint-encoded lists (summaries and short positional lists), sorted.
    keys: Vec<GramKey>,
    /// `ends[i]` is where gram `i`'s list ends in `data` (it starts where `i - 1` ends).
    ends: Vec<u32>,
    data: Vec<u8>,
    /// The grams with plain positional lists, sorted.
    plain_keys: Vec<GramKey>,
    /// `plain_ends[i]` is where gram `i`'s list ends in `plain`.
    plain_ends: Vec<u32>,
    plain: Vec<u32>,
    /// A hash table over both key lists (see [`Postings::find`]): a look-up reads two or three
    /// places in memory instead of the twenty a binary search over a hundred thousand keys does,
    /// which counts when they are not cached. Empty for more keys than a slot can number.
    slots: Vec<u32>,
}

/// Which list a key's index is in.
enum Found {
    Packed(usize),
    Plain(usize),
}

/// The splitmix64 finaliser: every bit of the key moves the low bits the table starts at and the
/// top byte it checks.
fn mix(key: GramKey) -> u64 {
    let mut z = key.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The table of [`Postings::find`] over `keys` then `plain_keys`; empty when there are too many
/// keys for a slot to number (more than 16 million, far beyond any feed).
fn slots(keys: &[GramKey], plain_keys: &[GramKey]) -> Vec<u32> {
    let n = keys.len() + plain_keys.len();
    if n >= (1 << 24) - 1 {
        return Vec::new();
    }
    let mut slots = vec![0u32; (2 * n).next_power_of_two().max(16)];
    let mask = slots.len() - 1;
    for (i, &key) in keys.iter().chain(plain_keys).enumerate() {
        let hash = mix(key);
        let mut s = hash as usize & mask;
        while slots[s] != 0 {
            s = (s + 1) & mask;
        }
        slots[s] = (i as u32 + 1) << 8 | (hash >> 56) as u32;
    }
    slots
}

/// The positions of a gram, ascending.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Positions<'a> {
    /// Varint-encoded deltas: fewer than [`COMMON`].
    Packed(&'a [u8]),
    Plain(&'a [u32]),
}

impl Postings {
    /// The varint-encoded list of `key` (a summary, or a positional list that is not plain), if
    /// it occurs at all.
    pub fn list(&self, key: GramKey) -> Option<&[u8]> {
        match self.find(key)? {
            Found::Packed(i) => {
                let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
                Some(&self.data[start..self.ends[i] as usize])
            }
            Found::Plain(_) => None,
        }
    }

    /// The positions of `key` ([`unigram`] or [`bigram`]), if it occurs at all.
    pub fn positions(&self, key: GramKey) -> Option<Positions<'_>> {
        match self.find(key)? {
            Found::Plain(i) => {
                let start = if i == 0 {
                    0
                } else {
                    self.plain_ends[i - 1] as usize
                };
                Some(Positions::Plain(
                    &self.plain[start..self.plain_ends[i] as usize],
                ))
            }
            Found::Packed(_) => self.list(key).map(Positions::Packed),
        }
    }

    /// Where `key` is: its index in `keys` or in `plain_keys`.
    ///
    /// Each slot of the table is empty (0) or holds a key's index in both lists together, plus
    /// one, above the top byte of the key's hash. Linear probing from the hash's low bits; the
    /// table is at most half full, so a look-up reads a slot or two, and the key itself only
    /// when that byte agrees.
    fn find(&self, key: GramKey) -> Option<Found> {
        let found = |i: usize| {
            if i < self.keys.len() {
                Found::Packed(i)
            } else {
                Found::Plain(i - self.keys.len())
            }
        };
        if self.slots.is_empty() {
            return match self.plain_keys.binary_search(&key) {
                Ok(i) => Some(Found::Plain(i)),
                Err(_) => self.keys.binary_search(&key).ok().map(Found::Packed),
            };
        }
        // Slices, not vectors: indexing a vector is a call in the size-optimised build.
        let slots: &[u32] = &self.slots;
        let keys: &[GramKey] = &self.keys;
        let plain_keys: &[GramKey] = &self.plain_keys;
        let mask = slots.len() - 1;
        let hash = mix(key);
        let tag = (hash >> 56) as u32;
        let mut s = hash as usize & mask;
        loop {
            let slot = slots[s];
            if slot == 0 {
                return None;
            }
            if slot & 0xFF == tag {
                let i = (slot >> 8) as usize - 1;
                let k = if i < keys.len() {
                    keys[i]
                } else {
                    plain_keys[i - keys.len()]
                };
                if k == key {
                    return Some(found(i));
                }
            }
            s = (s + 1) & mask;
        }
    }

    /// The lines of an encoded summary, in item order.
    pub fn counts(bytes: &[u8]) -> Counts<'_> {
        Counts {
            bytes,
            i: 0,
            item: 0,
        }
    }

    /// Distinct grams (a bigram with both positions and a summary counts once).
    pub fn gram_count(&self) -> usize {
        self.plain_keys.len()
            + self
                .keys
                .iter()
                .filter(|&&k| k & (PAIR | SUMMARY) != PAIR | SUMMARY)
                .count()
    }

    pub fn heap_bytes(&self) -> usize {
        (self.keys.capacity() + self.plain_keys.capacity()) * 8
            + (self.ends.capacity()
                + self.plain_ends.capacity()
                + self.plain.capacity()
                + self.slots.capacity())
                * 4
            + self.data.capacity()
    }
}

impl Positions<'_> {
    /// About how many positions there are: for reading the rarest lists first.
    pub fn len(self) -> usize {
        match self {
            // Mostly one or two bytes an entry.
            Positions::Packed(bytes) => bytes.len().div_ceil(2),
            Positions::Plain(list) => list.len(),
        }
    }

    /// The positions into `out` (cleared first), each less `shift`; positions below `shift` are
    /// left out.
    pub fn decode(self, shift: u32, out: &mut Vec<u32>) {
        out.clear();
        match self {
            Positions::Packed(bytes) => {
                // Every entry takes at least a byte: room for all of them, written in place.
                out.resize(bytes.len(), 0);
                // A slice, not the vector: indexing a vector is a call in the size-optimised
                // build.
                let slots: &mut [u32] = out;
                let mut n = 0;
                let mut i = 0;
                let mut pos = 0u32;
                while i < bytes.len() {
                    pos = pos.wrapping_add(read_varint(bytes, &mut i));
                    if pos >= shift {
                        slots[n] = pos - shift;
                        n += 1;
                    }
                }
                out.truncate(n);
            }
            Positions::Plain(list) => {
                let from = seek(list, 0, shift);
                out.extend(list[from..].iter().map(|&pos| pos - shift));
            }
        }
    }

    /// Keeps the entries `p` of `candidates` (ascending) for which `p + offset` is one of the
    /// positions: a packed list is read as far as needed, a plain one galloped through.
    pub fn retain_in(self, offset: u32, candidates: &mut Vec<u32>) {
        let kept = match self {
            Positions::Packed(bytes) => retain_packed(bytes, offset, candidates),
            Positions::Plain(list) => retain_plain(list, offset, candidates),
        };
        candidates.truncate(kept);
    }
}

/// The lines of a summary: see [`Postings::counts`].
pub(crate) struct Counts<'a> {
    bytes: &'a [u8],
    i: usize,
    item: u32,
}

impl Iterator for Counts<'_> {
    type Item = ItemCount;

    #[inline(always)]
    fn next(&mut self) -> Option<ItemCount> {
        let bytes = self.bytes;
        if self.i >= bytes.len() {
            return None;
        }
        let i = &mut self.i;
        self.item = self.item.wrapping_add(read_varint(bytes, i));
        let head = read_varint(bytes, i);
        let occurrences = head >> 2;
        let weighted = if head & 1 == 0 {
            occurrences
        } else {
            read_varint(bytes, i)
        };
        // Stored one more, so that "none" is 0.
        let first_text = read_varint(bytes, i).wrapping_sub(1);
        Some(ItemCount {
            item: self.item,
            occurrences,
            weighted,
            heading: head & 2 != 0,
            first_text,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // At least three bytes a line.
        let left = self.bytes.len() - self.i;
        (left.div_ceil(8), Some(left.div_ceil(3)))
    }
}

/// The first index from `j` on where `list` (ascending) holds `want` or more: a few steps when it
/// is close by, else galloping and then bisecting.
#[inline(always)]
fn seek(list: &[u32], mut j: usize, want: u32) -> usize {
    let n = list.len();
    let mut steps = 0;
    while j < n && list[j] < want {
        if steps == 4 {
            let mut step = 8;
            // `list[j] < want` holds throughout.
            while j + step < n && list[j + step] < want {
                j += step;
                step *= 2;
            }
            let (mut lo, mut hi) = (j + 1, (j + step).min(n));
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if list[mid] < want {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
        steps += 1;
        j += 1;
    }
    j
}

/// [`Positions::retain_in`] for a plain list, on a slice (indexing a vector is a call in the
/// size-optimised build); returns how many candidates are kept, moved to the front.
fn retain_plain(list: &[u32], offset: u32, candidates: &mut [u32]) -> usize {
    let mut kept = 0;
    let mut j = 0;
    for r in 0..candidates.len() {
        let want = candidates[r] + offset;
        j = seek(list, j, want);
        if j == list.len() {
            break;
        }
        if list[j] == want {
            candidates[kept] = candidates[r];
            kept += 1;
        }
    }
    kept
}

/// [`Positions::retain_in`] for a packed list.
fn retain_packed(bytes: &[u8], offset: u32, candidates: &mut [u32]) -> usize {
    let mut kept = 0;
    let mut i = 0;
    let mut pos = 0u32;
    // Whether `pos` holds an entry not yet passed.
    let mut have = false;
    for r in 0..candidates.len() {
        let want = candidates[r] + offset;
        while !have || pos < want {
            if i == bytes.len() {
                return kept;
            }
            pos = pos.wrapping_add(read_varint(bytes, &mut i));
            have = true;
        }
        if pos == want {
            candidates[kept] = candidates[r];
            kept += 1;
        }
    }
    kept
}

/// Collects (gram, position) occurrences in increasing position order, then packs them.
pub(crate) struct PostingsBuilder {
    /// [`COMMON`], except in tests that want every list plain, or none.
    common: usize,
    ids: HashMap<GramKey, u32, BuildHasherDefault<GramHasher>>,
    keys: Vec<GramKey>,
    /// (gram id, position), in the order added: positions only grow. A summary line is four
    /// entries in a row: item, occurrences, weighted count × 2 + heading, first text position.
    occurrences: Vec<(u32, u32)>,
}

impl Default for PostingsBuilder {
    fn default() -> Self {
        PostingsBuilder::with_capacity(0, COMMON)
    }
}

impl PostingsBuilder {
    /// A builder for about `chars` characters of text, in which a gram is common (plain
    /// positions, and a summary for a bigram) from `common` occurrences on.
    pub fn with_capacity(chars: usize, common: usize) -> Self {
        PostingsBuilder {
            common,
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
        debug_assert!(key & SUMMARY == 0);
        let id = self.id(key);
        self.occurrences.push((id, pos));
    }

    /// Records a summary line of `key` (a [`summary`] key). Each key's items must come in
    /// increasing order.
    pub fn add_count(&mut self, key: GramKey, count: ItemCount) {
        debug_assert!(key & SUMMARY != 0);
        let id = self.id(key);
        // Kept adjacent by the stable counting sort in `finish`.
        self.occurrences.push((id, count.item));
        self.occurrences.push((id, count.occurrences));
        let weighted = count.weighted.min(u32::MAX >> 1);
        self.occurrences
            .push((id, weighted << 1 | u32::from(count.heading)));
        self.occurrences.push((id, count.first_text));
    }

    /// Packs the lists. `summarise` turns the positions of a common bigram into its summary
    /// lines (cleared first).
    pub fn finish(self, mut summarise: impl FnMut(&[u32], &mut Vec<ItemCount>)) -> Postings {
        let PostingsBuilder {
            common,
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
        drop(fill);
        drop(occurrences);
        // Keys beside their ids: sorting reads no other vector.
        let mut order: Vec<(GramKey, u32)> = keys
            .iter()
            .enumerate()
            .map(|(id, &key)| (key, id as u32))
            .collect();
        order.sort_unstable();
        let mut data = Vec::with_capacity(positions.len());
        let mut ends = Vec::with_capacity(keys.len());
        let mut sorted_keys = Vec::with_capacity(keys.len());
        let mut plain = Vec::new();
        let mut plain_ends = Vec::new();
        let mut plain_keys = Vec::new();
        // Bigram summaries sort after every other key (both high bits set): they are made on
        // the way and appended at the end.
        let mut pair_summaries: Vec<u8> = Vec::new();
        let mut pair_summary_ends: Vec<(GramKey, u32)> = Vec::new();
        let mut counts = Vec::new();
        for (key, id) in order {
            let list = &positions[starts[id as usize] as usize..starts[id as usize + 1] as usize];
            if key & SUMMARY != 0 {
                let mut prev = 0u32;
                for line in list.chunks_exact(4) {
                    push_count(
                        &mut data,
                        &mut prev,
                        ItemCount {
                            item: line[0],
                            occurrences: line[1],
                            weighted: line[2] >> 1,
                            heading: line[2] & 1 != 0,
                            first_text: line[3],
                        },
                    );
                }
            } else if list.len() >= common {
                plain.extend_from_slice(list);
                plain_ends.push(plain.len() as u32);
                plain_keys.push(key);
                if key & PAIR != 0 {
                    summarise(list, &mut counts);
                    let mut prev = 0u32;
                    for &count in &counts {
                        push_count(&mut pair_summaries, &mut prev, count);
                    }
                    pair_summary_ends.push((summary(key), pair_summaries.len() as u32));
                }
                continue;
            } else {
                let mut prev = 0u32;
                for &pos in list {
                    push_varint(&mut data, pos - prev);
                    prev = pos;
                }
            }
            ends.push(data.len() as u32);
            sorted_keys.push(key);
        }
        let base = data.len() as u32;
        data.extend_from_slice(&pair_summaries);
        for (key, end) in pair_summary_ends {
            sorted_keys.push(key);
            ends.push(base + end);
        }
        debug_assert!(sorted_keys.windows(2).all(|w| w[0] < w[1]));
        data.shrink_to_fit();
        sorted_keys.shrink_to_fit();
        ends.shrink_to_fit();
        plain.shrink_to_fit();
        plain_keys.shrink_to_fit();
        plain_ends.shrink_to_fit();
        Postings {
            slots: slots(&sorted_keys, &plain_keys),
            keys: sorted_keys,
            ends,
            data,
            plain_keys,
            plain_ends,
            plain,
        }
    }
}

/// Appends a summary line: the item as a delta from `prev`, then occurrences × 4 + heading × 2
/// + whether the weighted count follows (when it differs from the occurrences, as it does for
///   any match outside the body), then the first text position + 1 (0 for none).
fn push_count(data: &mut Vec<u8>, prev: &mut u32, count: ItemCount) {
    push_varint(data, count.item - *prev);
    *prev = count.item;
    // Saturated like every count in ranking; no real item comes near.
    let occurrences = count.occurrences.min(u32::MAX >> 2);
    let differs = count.weighted != occurrences;
    push_varint(
        data,
        occurrences << 2 | u32::from(count.heading) << 1 | u32::from(differs),
    );
    if differs {
        push_varint(data, count.weighted);
    }
    push_varint(data, count.first_text.wrapping_add(1));
}

fn push_varint(data: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        data.push((v as u8) | 0x80);
        v >>= 7;
    }
    data.push(v as u8);
}

/// Reads the varint at `bytes[*i..]` and moves `*i` past it.
#[inline(always)]
fn read_varint(bytes: &[u8], i: &mut usize) -> u32 {
    let b = bytes[*i];
    *i += 1;
    if b < 0x80 {
        return u32::from(b);
    }
    let mut v = u32::from(b & 0x7F);
    let mut shift = 7;
    loop {
        let b = bytes[*i];
        *i += 1;
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return v;
        }
        shift += 7;
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

    fn positions(postings: &Postings, key: GramKey, shift: u32) -> Vec<u32> {
        let mut out = Vec::new();
        postings.positions(key).unwrap().decode(shift, &mut out);
        out
    }

    fn counts(postings: &Postings, key: GramKey) -> Vec<ItemCount> {
        Postings::counts(postings.list(key).unwrap()).collect()
    }

    fn count(item: u32, occurrences: u32, weighted: u32, heading: bool) -> ItemCount {
        ItemCount {
            item,
            occurrences,
            weighted,
            heading,
            first_text: item % 3 * 1000,
        }
    }

    #[test]
    fn lists_round_trip_through_the_varint_encoding() {
        let mut b = PostingsBuilder::default();
        let all = [0u32, 1, 127, 128, 16_384, 2_000_000, u32::MAX - 1];
        for &p in &all {
            b.add(unigram('政'), p);
            if p % 2 == 0 {
                b.add(bigram('政', '务'), p);
            }
        }
        let postings = b.finish(|_, _| {});
        assert_eq!(positions(&postings, unigram('政'), 0), all);
        assert_eq!(
            positions(&postings, bigram('政', '务'), 0),
            vec![0, 128, 16_384, 2_000_000, u32::MAX - 1]
        );
        assert_eq!(
            positions(&postings, bigram('政', '务'), 128),
            vec![0, 16_256, 1_999_872, u32::MAX - 129]
        );
        assert!(postings.list(unigram('务')).is_none());
        assert_eq!(postings.gram_count(), 2);
    }

    #[test]
    fn candidates_are_kept_where_the_shifted_list_has_them() {
        let mut b = PostingsBuilder::default();
        for p in [3u32, 10, 11, 200, 5000] {
            b.add(bigram('a', '中'), p);
        }
        let postings = b.finish(|_, _| {});
        let list = postings.positions(bigram('a', '中')).unwrap();
        assert!(matches!(list, Positions::Packed(_)));
        let mut candidates = vec![0, 1, 8, 9, 10, 198, 4998, 4999, 6000];
        list.retain_in(2, &mut candidates);
        assert_eq!(candidates, vec![1, 8, 9, 198, 4998]);
        let mut none = vec![];
        list.retain_in(0, &mut none);
        assert!(none.is_empty());
        let mut past = vec![5001, 9000];
        list.retain_in(0, &mut past);
        assert!(past.is_empty());
    }

    #[test]
    fn common_grams_keep_plain_positions_that_are_galloped_through() {
        let mut b = PostingsBuilder::default();
        // Dense at first, then sparse: both the short steps and the gallops.
        let all: Vec<u32> = (0..200u32)
            .map(|i| {
                if i < 100 {
                    i * 2
                } else {
                    200 + (i - 100) * 1000
                }
            })
            .collect();
        for &p in &all {
            b.add(bigram('社', '会'), p);
        }
        let postings = b.finish(|_, _| {});
        let list = postings.positions(bigram('社', '会')).unwrap();
        assert!(matches!(list, Positions::Plain(_)));
        assert_eq!(list.len(), all.len());
        assert_eq!(positions(&postings, bigram('社', '会'), 0), all);
        assert_eq!(
            positions(&postings, bigram('社', '会'), 197)[..3],
            [1, 3, 1003]
        );
        let every: Vec<u32> = (0..120_000).collect();
        for offset in [0, 1, 2, 1000] {
            let mut candidates = every.clone();
            list.retain_in(offset, &mut candidates);
            let expected: Vec<u32> = every
                .iter()
                .copied()
                .filter(|&c| all.contains(&(c + offset)))
                .collect();
            assert_eq!(candidates, expected, "offset {offset}");
        }
        let mut sparse = vec![2, 3, 5200, 98_199, 98_200, 150_000];
        list.retain_in(0, &mut sparse);
        assert_eq!(sparse, vec![2, 5200, 98_200]);
    }

    #[test]
    fn summaries_round_trip_with_their_counts_weights_and_headings() {
        let mut b = PostingsBuilder::default();
        let lines = [
            count(0, 1, 1, false),
            count(3, 2, 5, true),
            count(200, 300, 300, false),
            count(201, 1, 4, true),
            count(70_000, u32::MAX >> 2, u32::MAX >> 1, false),
            ItemCount {
                first_text: u32::MAX,
                ..count(70_001, 1, 4, true)
            },
            ItemCount {
                first_text: u32::MAX - 1,
                ..count(70_002, 1, 1, false)
            },
        ];
        for line in lines {
            b.add_count(summary(unigram('，')), line);
        }
        b.add(unigram('，'), 7);
        let postings = b.finish(|_, _| {});
        assert_eq!(counts(&postings, summary(unigram('，'))), lines);
        assert_eq!(positions(&postings, unigram('，'), 0), vec![7]);
    }

    #[test]
    fn common_bigrams_get_a_summary_made_from_their_positions() {
        let mut b = PostingsBuilder::default();
        for p in 0..COMMON as u32 {
            b.add(bigram('改', '革'), p * 10);
        }
        for p in 0..COMMON as u32 - 1 {
            b.add(bigram('开', '放'), p * 10);
        }
        b.add(unigram('x'), 3);
        let postings = b.finish(|positions, out| {
            out.clear();
            out.push(count(positions.len() as u32, 1, 1, false));
        });
        assert_eq!(
            counts(&postings, summary(bigram('改', '革'))),
            vec![count(COMMON as u32, 1, 1, false)]
        );
        assert!(matches!(
            postings.positions(bigram('改', '革')),
            Some(Positions::Plain(_))
        ));
        assert!(postings.list(summary(bigram('开', '放'))).is_none());
        assert!(matches!(
            postings.positions(bigram('开', '放')),
            Some(Positions::Packed(_))
        ));
        assert_eq!(positions(&postings, unigram('x'), 0), vec![3]);
        assert_eq!(postings.gram_count(), 3);
    }

    #[test]
    fn every_key_is_found_through_the_hash_table_and_no_other() {
        let mut b = PostingsBuilder::default();
        let mut present = Vec::new();
        for i in 0..3000u32 {
            let c = char::from_u32(0x4E00 + i).unwrap();
            let key = if i % 3 == 0 {
                unigram(c)
            } else {
                bigram(c, char::from_u32(0x4E00 + i * 7 % 3000).unwrap())
            };
            // Some common enough to be plain.
            let n = if i % 50 == 0 {
                COMMON as u32
            } else {
                1 + i % 4
            };
            for p in 0..n {
                b.add(key, i * 100 + p);
            }
            present.push((key, n as usize));
        }
        let postings = b.finish(|_, out| out.clear());
        assert!(!postings.slots.is_empty());
        let mut out = Vec::new();
        for &(key, n) in &present {
            let list = postings.positions(key).expect("a key that was added");
            assert_eq!(matches!(list, Positions::Plain(_)), n >= COMMON);
            list.decode(0, &mut out);
            assert_eq!(out.len(), n);
        }
        for i in 0..3000u32 {
            let c = char::from_u32(0x9000 + i).unwrap();
            assert!(postings.positions(unigram(c)).is_none());
            assert!(postings.list(summary(unigram(c))).is_none());
        }
        // A plain list is not a varint-encoded one, and no summary was added.
        assert!(postings.list(present[0].0).is_none());
        assert!(postings.list(present[1].0).is_some());
        assert!(postings.list(summary(present[1].0)).is_none());
    }

    #[test]
    fn gram_keys_of_different_kinds_never_collide() {
        let c = '\u{10FFFF}';
        let keys = [
            unigram(c),
            summary(unigram(c)),
            bigram('\0', c),
            bigram(c, '\0'),
            bigram(c, c),
            summary(bigram(c, c)),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_ne!(bigram('a', 'b'), bigram('b', 'a'));
    }
}
