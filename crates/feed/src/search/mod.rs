//! Full-text search over the whole feed that is exact for Chinese, instant and offline.
//!
//! # What matches
//! Text and queries are normalised the same way ([`normalize`]: full-width forms, case,
//! Mongolian variation selectors). A query is split at whitespace into terms and an item matches
//! when every term matches one of its fields. A term containing Chinese (or any character
//! outside Latin, Greek and Cyrillic letters and digits) matches exactly where it occurs as a
//! substring: no dictionary, no segmentation, so no missed matches and no false ones. A term of
//! Latin letters and digits matches at word starts: the last term as a word prefix (it is still
//! being typed), earlier terms as whole words. A term never spans two fields (two paragraphs,
//! or a title and a body). [`naive_search`] is the same definition written as a plain scan.
//!
//! # How
//! An index of character unigrams and bigrams ([`postings`]). A longer term is found by
//! intersecting the position lists of bigrams that cover it, rarest first, each shifted by its
//! offset in the term. Because the bigrams cover every character of the term and never straddle
//! a field boundary, the surviving positions are exactly the occurrences: nothing needs
//! verifying afterwards and nothing is missed. Common bigrams keep their positions as plain
//! numbers, so that the rarer lists' candidates are looked up in them by galloping.
//!
//! A term of one character that is not a Latin letter or digit, or of two characters that often
//! occur together (改革, 社会), reads a summary instead: a line per item with its counts, whether
//! it occurs in a heading and where it first occurs in the text. That is all ranking and the
//! snippet need, so matching such a term never looks at single positions. Latin word boundaries
//! are two bitsets over the positions.
//!
//! Counting the matches per kind, agency and year and ranking them reads a compact record per
//! item; only the hits returned read the rest. The original text is kept for snippets, which are
//! only made for those hits, around the first occurrence the index already knows of, normalising
//! just the text around it.
//!
//! # Ranking
//! Items with a term in their title or 文号 come first (more such terms first), then items with
//! more occurrences (weighted: title and 文号 4, summary 2, body 1), then newer ones; ties are
//! broken by kind and id, so the order is stable.

mod extract;
mod naive;
mod normalize;
#[cfg(test)]
mod oracle;
mod postings;
mod snippet;
mod terms;
mod utf8;

pub use naive::naive_search;
pub use normalize::{normalize, normalize_char, normalize_mapped, Normalized};

use crate::model::Feed;
use extract::Role;
use postings::{bigram, summary, unigram, ItemCount, Postings, PostingsBuilder};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::ops::Range;
use terms::{parse_query, Term};

/// The kinds of item search finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    Qa,
    Interpretation,
    Document,
}

impl ItemKind {
    pub const ALL: [ItemKind; 3] = [ItemKind::Qa, ItemKind::Interpretation, ItemKind::Document];

    /// The kind's slot in [`SearchResults::counts_by_kind`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A set of item kinds (a bitset). The default is every kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KindSet(u8);

impl KindSet {
    pub const ALL: KindSet = KindSet(0b111);
    pub const NONE: KindSet = KindSet(0);

    pub fn only(kind: ItemKind) -> KindSet {
        KindSet::NONE.with(kind)
    }

    pub fn with(self, kind: ItemKind) -> KindSet {
        KindSet(self.0 | 1 << kind.index())
    }

    pub fn contains(self, kind: ItemKind) -> bool {
        self.0 & 1 << kind.index() != 0
    }
}

impl Default for KindSet {
    fn default() -> Self {
        KindSet::ALL
    }
}

impl FromIterator<ItemKind> for KindSet {
    fn from_iter<I: IntoIterator<Item = ItemKind>>(iter: I) -> Self {
        iter.into_iter().fold(KindSet::NONE, KindSet::with)
    }
}

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// What the reader typed.
    pub text: String,
    /// Which kinds to return (the facet counts ignore this filter).
    pub kinds: KindSet,
    /// Only items of this agency id.
    pub agency: Option<String>,
    /// Only items of this year.
    pub year: Option<u16>,
    /// At most this many hits (with snippets); `total` still counts all of them.
    pub limit: usize,
}

impl Query {
    pub const DEFAULT_LIMIT: usize = 20;

    /// A query for `text` over every kind, agency and year.
    pub fn new(text: impl Into<String>) -> Query {
        Query {
            text: text.into(),
            kinds: KindSet::ALL,
            agency: None,
            year: None,
            limit: Query::DEFAULT_LIMIT,
        }
    }
}

impl Default for Query {
    fn default() -> Self {
        Query::new("")
    }
}

/// Text as a hit shows it, with the occurrences of the query terms marked (rendered as
/// `<mark>`). One string and the ranges in it, rather than a string for every run: a page of hits
/// is made as the reader types, and each allocation costs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marked {
    /// The text: line breaks and tabs as spaces, `…` where it was cut.
    pub text: String,
    /// The marked parts of `text` as byte ranges: in order, none empty, none touching another.
    pub marks: Vec<Range<usize>>,
}

/// A run of a [`Marked`] text, marked or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub marked: bool,
}

impl Marked {
    /// The text in runs, unmarked and marked in turn; none is empty.
    pub fn segments(&self) -> impl Iterator<Item = Segment<'_>> + '_ {
        let mut cursor = 0;
        let mut marks = self.marks.iter();
        let mut next = marks.next();
        std::iter::from_fn(move || {
            let (text, marked) = match next {
                Some(m) if cursor < m.start => (&self.text[cursor..m.start], false),
                Some(m) => {
                    next = marks.next();
                    (&self.text[m.clone()], true)
                }
                None if cursor < self.text.len() => (&self.text[cursor..], false),
                None => return None,
            };
            cursor += text.len();
            Some(Segment { text, marked })
        })
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: ItemKind,
    pub id: String,
    /// The zh-Hans title (for a Q&A item, its question), terms marked.
    pub title: Marked,
    /// A document's 文号, terms marked; empty for other items and documents without one. Shown
    /// with the title, it tells the reader why a hit that matched only its number is there.
    pub number: Marked,
    /// About 50 characters of original text around the first match in the item's text (or its
    /// opening when only the title matched), terms marked, `…` where it was cut.
    pub snippet: Marked,
    /// Higher ranks first: title/文号 terms × 2²⁴ + weighted occurrences.
    pub score: u32,
    /// Whether a term occurs in the title or 文号.
    pub title_match: bool,
    /// How many times the terms occur in the item.
    pub occurrences: u32,
    /// The item's date (issued, published or updated), `YYYY-MM-DD`.
    pub date: String,
    /// The agency id ("" when unknown).
    pub agency: String,
}

/// Hits, with the counts the filters show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchResults {
    /// The best hits, at most `limit`.
    pub hits: Vec<Hit>,
    /// All hits that pass the filters.
    pub total: usize,
    /// Hits per kind ([`ItemKind::index`]) with the agency and year filters but not the kind
    /// filter, so the kind tabs show what each would find.
    pub counts_by_kind: [usize; 3],
    /// Hits per year, newest first, with every filter but the year.
    pub years: Vec<(u16, usize)>,
    /// Hits per agency id, most first (then by id), with every filter but the agency.
    pub agencies: Vec<(String, usize)>,
}

/// Sizes of an index, for benchmarks and the about page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    pub items: usize,
    pub fields: usize,
    /// Normalised characters indexed.
    pub chars: usize,
    /// Distinct unigrams and bigrams.
    pub grams: usize,
    /// Of which the unigram and bigram lists.
    pub postings_bytes: usize,
    /// Of which the original text kept for snippets.
    pub text_bytes: usize,
    /// Heap memory held by the index, approximately.
    pub heap_bytes: usize,
}

/// What a hit shows of an item.
#[derive(Debug, Clone)]
struct ItemInfo {
    kind: ItemKind,
    /// The id, title, 文号 and date, in [`SearchIndex::strings`]: one place to read for a hit.
    id: Range<u32>,
    title: Range<u32>,
    number: Option<Range<u32>>,
    date: Range<u32>,
    /// Index into [`SearchIndex::agencies`].
    agency: u32,
    fields: Range<u32>,
    /// [`snippet::Plain`] of the title and of the 文号, worked out once.
    title_plain: snippet::Plain,
    number_plain: snippet::Plain,
}

/// What ranking and the counts read of every item that matches, apart from the rest: a query
/// matching thousands of items reads little memory.
#[derive(Debug, Clone, Copy)]
struct ItemFacets {
    /// Newer items first, then by kind and id: `YYYYMMDD` (0 when unknown) × 2³², plus the
    /// place in the order of (kind, id), inverted so that the first is largest.
    order: u64,
    /// Index into [`SearchIndex::agencies`].
    agency: u32,
    /// The position of the item's first character.
    start: u32,
    /// Index into [`SearchIndex::years`]; [`NO_YEAR`] when the date has none.
    year_slot: u16,
    kind: ItemKind,
}

const NO_YEAR: u16 = u16::MAX;
/// A year slot no item has: the year asked for is not in the index.
const ABSENT_YEAR: u16 = u16::MAX - 1;

#[derive(Debug, Clone)]
struct FieldInfo {
    /// Position of the first character.
    start: u32,
    /// Positions `start..end`; `end` itself is the gap before the next field.
    end: u32,
    item: u32,
    role: Role,
    /// Whether the text has line breaks or tabs, which snippets show as spaces.
    breaks: bool,
    /// The original text, in [`SearchIndex::text`].
    text: Range<u32>,
}

/// Every this many positions, [`SearchIndex::marks`] holds where the character is in the text
/// and which field holds it.
const MARK_EVERY: u32 = 16;

/// A position's place in the text and in the fields: see [`SearchIndex::marks`].
#[derive(Debug, Clone, Copy)]
struct Mark {
    /// The offset in [`SearchIndex::text`] of the position's character.
    byte: u32,
    /// The field holding the position, or the next field when it is the gap between two.
    field: u32,
}

/// The search index over one feed. Build it once per feed; searching does not touch the feed.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    items: Vec<ItemInfo>,
    /// By item, as `items`.
    facets: Vec<ItemFacets>,
    /// The ids, titles, 文号 and dates of the items, end to end.
    strings: String,
    fields: Vec<FieldInfo>,
    /// The original text of every field, end to end (for snippets and for checking candidates).
    text: String,
    /// `marks[k]` is where position `k * MARK_EVERY` is ([`Mark`]): any character is found in the
    /// text, and any position's field among the fields, in at most `MARK_EVERY - 1` steps.
    marks: Vec<Mark>,
    postings: Postings,
    /// Bit per position: a word character that starts a word.
    word_starts: Vec<u64>,
    /// Bit per position: a word character that ends a word.
    word_ends: Vec<u64>,
    /// Agency ids; index 0 is "" (none).
    agencies: Vec<String>,
    /// The years items have, newest first.
    years: Vec<u16>,
}

/// One item's match of one term or, once merged, of all terms so far.
#[derive(Debug, Clone, Copy)]
struct ItemMatch {
    item: u32,
    /// Terms with an occurrence in the title or 文号.
    heading_terms: u32,
    occurrences: u32,
    weighted: u32,
    /// The first occurrence of a term in a text field (summary or body), for the snippet: its
    /// position less the item's first; `u32::MAX` when the terms occur only in headings.
    first: u32,
}

impl ItemMatch {
    fn new(item: u32) -> ItemMatch {
        ItemMatch {
            item,
            heading_terms: 0,
            occurrences: 0,
            weighted: 0,
            first: u32::MAX,
        }
    }

    fn from_count(c: ItemCount) -> ItemMatch {
        ItemMatch {
            item: c.item,
            heading_terms: u32::from(c.heading),
            occurrences: c.occurrences,
            weighted: c.weighted,
            first: c.first_text,
        }
    }
}

/// A summary's lines as matches of one term. (`Iterator::map` would do, but its `next` is not
/// inlined in the size-optimised build, and it runs once for every item a common character is in.)
struct SummaryMatches<'a>(postings::Counts<'a>);

impl Iterator for SummaryMatches<'_> {
    type Item = ItemMatch;

    #[inline(always)]
    fn next(&mut self) -> Option<ItemMatch> {
        self.0.next().map(ItemMatch::from_count)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl SearchIndex {
    /// Indexes every Q&A item, interpretation and document of `feed`.
    pub fn build(feed: &Feed) -> SearchIndex {
        SearchIndex::build_with(feed, postings::COMMON)
    }

    /// [`SearchIndex::build`] with grams common (see [`postings`]) from `common` occurrences on:
    /// tests set it to 1, for every list plain and every bigram summarised, or very high, for
    /// none, and check that both find the same.
    pub(crate) fn build_with(feed: &Feed, common: usize) -> SearchIndex {
        let sources = extract::items(feed);
        let bytes: usize = sources
            .iter()
            .flat_map(|s| s.fields.iter())
            .map(|(_, t)| t.len())
            .sum();
        let mut builder = IndexBuilder {
            index: SearchIndex {
                text: String::with_capacity(bytes),
                agencies: vec![String::new()],
                ..SearchIndex::default()
            },
            // Chinese is 3 bytes a character; a fair first guess for mixed text too.
            grams: PostingsBuilder::with_capacity(bytes / 3 + 16, common),
            pos: 0,
            item_chars: Vec::new(),
            item_start: 0,
            agency_ids: HashMap::from([("", 0)]),
        };
        for source in &sources {
            builder.add_item(source);
        }
        builder.finish()
    }

    /// Number of items indexed.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn stats(&self) -> IndexStats {
        IndexStats {
            items: self.items.len(),
            fields: self.fields.len(),
            chars: self.fields.iter().map(|f| (f.end - f.start) as usize).sum(),
            grams: self.postings.gram_count(),
            postings_bytes: self.postings.heap_bytes(),
            text_bytes: self.text.capacity(),
            heap_bytes: self.postings.heap_bytes()
                + self.text.capacity()
                + self.marks.capacity() * std::mem::size_of::<Mark>()
                + (self.word_starts.capacity() + self.word_ends.capacity()) * 8
                + self.fields.capacity() * std::mem::size_of::<FieldInfo>()
                + self.items.capacity() * std::mem::size_of::<ItemInfo>()
                + self.facets.capacity() * std::mem::size_of::<ItemFacets>()
                + self.strings.capacity()
                + self.years.capacity() * 2,
        }
    }

    /// Runs `query`. A blank query finds nothing.
    pub fn search(&self, query: &Query) -> SearchResults {
        let terms = parse_query(&query.text);
        if terms.is_empty() {
            return SearchResults::default();
        }
        // Terms read by position first (their matches come as a vector anyway), then those
        // with summaries, shortest first: each is read only as far as the items matching so far
        // go, and a single summary goes straight to counting.
        let mut summaries: Vec<&[u8]> = Vec::new();
        let mut positions = Vec::new();
        let mut matched: Option<Vec<ItemMatch>> = None;
        for term in &terms {
            match self.summary_of(term) {
                Some(bytes) => summaries.push(bytes),
                None => {
                    self.term_positions(term, &mut positions);
                    let items = self.item_matches(&positions);
                    let both = match matched {
                        None => items,
                        Some(prev) => intersect(prev, &items),
                    };
                    if both.is_empty() {
                        return SearchResults::default();
                    }
                    matched = Some(both);
                }
            }
        }
        summaries.sort_by_key(|bytes| bytes.len());
        let mut summaries = summaries.into_iter();
        let matched = match matched {
            Some(matched) => matched,
            None => {
                let Some(first) = summaries.next() else {
                    return SearchResults::default();
                };
                let counts = SummaryMatches(Postings::counts(first));
                if summaries.len() == 0 {
                    return self.results(query, &terms, counts);
                }
                counts.collect()
            }
        };
        let mut matched = matched;
        for bytes in summaries {
            matched = intersect_counts(&matched, Postings::counts(bytes));
            if matched.is_empty() {
                return SearchResults::default();
            }
        }
        self.results(query, &terms, matched.into_iter())
    }

    /// The summary that answers `term` whole: a single character that is not a word character,
    /// or a common bigram matched as a substring. A single such character has nothing else, so
    /// it finds an empty summary when it does not occur.
    fn summary_of(&self, term: &Term) -> Option<&[u8]> {
        if term.wordy {
            return None;
        }
        match term.chars[..] {
            [c] => Some(self.postings.list(summary(unigram(c))).unwrap_or(&[])),
            [a, b] => self.postings.list(summary(bigram(a, b))),
            _ => None,
        }
    }

    /// Every position where `term` starts, ascending, into `out`. Not for single non-word
    /// characters, which only have summaries.
    ///
    /// The bigrams of the term are read rarest first, each shifted by its offset in the term,
    /// until they cover every character: the positions left are then exactly the occurrences,
    /// as no bigram straddles a field boundary. The candidates only shrink, and the longer
    /// lists, plain, are galloped through rather than read.
    fn term_positions(&self, term: &Term, out: &mut Vec<u32>) {
        out.clear();
        let chars = &term.chars;
        let n = chars.len();
        if n == 1 {
            if let Some(list) = self.postings.positions(unigram(chars[0])) {
                list.decode(0, out);
            }
        } else {
            let mut lists = Vec::with_capacity(n - 1);
            for offset in 0..n - 1 {
                match self
                    .postings
                    .positions(bigram(chars[offset], chars[offset + 1]))
                {
                    Some(list) => lists.push((offset, list)),
                    None => return,
                }
            }
            // Rarest first. Ties by offset, for a stable plan.
            lists.sort_by_key(|&(offset, list)| (list.len(), offset));
            let (offset, list) = lists[0];
            list.decode(offset as u32, out);
            let mut covered = vec![false; n];
            covered[offset] = true;
            covered[offset + 1] = true;
            for &(offset, list) in &lists[1..] {
                if out.is_empty() || covered.iter().all(|&c| c) {
                    break;
                }
                if covered[offset] && covered[offset + 1] {
                    continue;
                }
                list.retain_in(offset as u32, out);
                covered[offset] = true;
                covered[offset + 1] = true;
            }
        }
        if term.wordy {
            let last = n as u32 - 1;
            out.retain(|&start| {
                bit(&self.word_starts, start) && (!term.whole || bit(&self.word_ends, start + last))
            });
        }
    }

    /// Per-item counts of the occurrences starting at `positions` (ascending).
    fn item_matches(&self, positions: &[u32]) -> Vec<ItemMatch> {
        let Some(&first) = positions.first() else {
            return Vec::new();
        };
        // A slice, not the vector: indexing a vector is a call in the size-optimised build.
        let fields: &[FieldInfo] = &self.fields;
        let items: &[ItemFacets] = &self.facets;
        let marks: &[Mark] = &self.marks;
        let mut out: Vec<ItemMatch> = Vec::with_capacity(positions.len().min(items.len()));
        let mut m = ItemMatch::new(fields[field_at_or_after(fields, 0, first)].item);
        let mut item_start = items[m.item as usize].start;
        for &p in positions {
            // From the field of the nearest mark before, not from the last position's field: the
            // memory each position needs then does not wait for the one before.
            let mut f = marks[(p / MARK_EVERY) as usize].field as usize;
            while fields[f].end <= p {
                f += 1;
            }
            let field = &fields[f];
            if field.item != m.item {
                if m.occurrences > 0 {
                    out.push(m);
                }
                m = ItemMatch::new(field.item);
                item_start = items[field.item as usize].start;
            }
            m.occurrences = m.occurrences.saturating_add(1);
            m.weighted = m.weighted.saturating_add(field.role.weight());
            if field.role.is_heading() {
                m.heading_terms = 1;
            }
            if field.role.is_text() && m.first == u32::MAX {
                m.first = p - item_start;
            }
        }
        if m.occurrences > 0 {
            out.push(m);
        }
        out
    }

    /// The offset in [`SearchIndex::text`] of the character at position `p` of `field` (its
    /// text's end for `field.end`).
    fn byte_at(&self, field: &FieldInfo, p: u32) -> usize {
        let mark = p / MARK_EVERY;
        let (mut at, mut b) = if mark * MARK_EVERY >= field.start {
            (mark * MARK_EVERY, self.marks[mark as usize].byte as usize)
        } else {
            (field.start, field.text.start as usize)
        };
        let bytes = self.text.as_bytes();
        let end = field.text.end as usize;
        while b < end {
            let (c, len) = utf8::decode(bytes, b);
            if normalize::normalize_code(c) != normalize::DROPPED {
                if at == p {
                    return b;
                }
                at += 1;
            }
            b += len;
        }
        end
    }

    /// The results from every match, in item order.
    fn results(
        &self,
        query: &Query,
        terms: &[Term],
        matched: impl Iterator<Item = ItemMatch>,
    ) -> SearchResults {
        let mut counts_by_kind = [0usize; 3];
        let mut year_counts = vec![0usize; self.years.len() + 1];
        let mut agency_counts = vec![0usize; self.agencies.len()];
        let agency_filter = query
            .agency
            .as_deref()
            .map(|a| self.agencies.iter().position(|x| x == a));
        let limit = query.limit;
        let items: &[ItemFacets] = &self.facets;
        let year_filter = query.year.map(|y| match y {
            0 => NO_YEAR,
            y => self
                .years
                .iter()
                .position(|&x| x == y)
                .and_then(|slot| u16::try_from(slot).ok())
                .unwrap_or(ABSENT_YEAR),
        });
        let agency_counts_slice: &mut [usize] = &mut agency_counts;
        let year_counts_slice: &mut [usize] = &mut year_counts;
        // The best `limit` hits so far, best first, with their sort keys: while that is a
        // screenful, keeping them in order as they come costs less than ordering everything.
        let small = limit <= SMALL_LIMIT;
        let mut top: Vec<(u128, ItemMatch)> = Vec::with_capacity(if small { limit + 1 } else { 0 });
        let mut kept: Vec<(u128, ItemMatch)> = Vec::new();
        let mut total = 0;
        for m in matched {
            let item = &items[m.item as usize];
            let kind_ok = query.kinds.contains(item.kind);
            let agency_ok = match agency_filter {
                None => true,
                Some(wanted) => wanted == Some(item.agency as usize),
            };
            let year_ok = year_filter.is_none_or(|slot| slot == item.year_slot);
            if agency_ok && year_ok {
                counts_by_kind[item.kind.index()] += 1;
            }
            if kind_ok && agency_ok {
                // Items without a year count in the extra last slot, which is not shown.
                year_counts_slice[usize::from(item.year_slot).min(self.years.len())] += 1;
            }
            if kind_ok && year_ok {
                agency_counts_slice[item.agency as usize] += 1;
            }
            if kind_ok && agency_ok && year_ok {
                total += 1;
                let key = rank_key(&m, item);
                if !small {
                    kept.push((key, m));
                } else if top.len() < limit || top.last().is_some_and(|&(k, _)| key > k) {
                    let at = top.partition_point(|&(k, _)| k > key);
                    top.insert(at, (key, m));
                    top.truncate(limit);
                }
            }
        }
        let years: Vec<(u16, usize)> = self
            .years
            .iter()
            .zip(&year_counts)
            .filter(|&(_, &n)| n > 0)
            .map(|(&y, &n)| (y, n))
            .collect();
        let mut agencies: Vec<(String, usize)> = agency_counts
            .into_iter()
            .enumerate()
            .skip(1)
            .filter(|&(_, n)| n > 0)
            .map(|(i, n)| (self.agencies[i].clone(), n))
            .collect();
        agencies.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

        if !small {
            let limit = limit.min(kept.len());
            if limit < kept.len() {
                // Only the hits shown need a full order.
                if limit > 0 {
                    kept.select_nth_unstable_by_key(limit - 1, |&(key, _)| Reverse(key));
                }
                kept.truncate(limit);
            }
            kept.sort_unstable_by_key(|&(key, _)| Reverse(key));
            top = kept;
        }
        self.touch(top.iter().map(|(_, m)| m));
        // One set of buffers serves every title, 文号 and snippet window.
        let mut scratch = snippet::Scratch::default();
        let hits = top
            .iter()
            .map(|(_, m)| self.hit(m, terms, &mut scratch))
            .collect();
        SearchResults {
            hits,
            total,
            counts_by_kind,
            years,
            agencies,
        }
    }

    /// Reads a little of what making each hit reads, all at once: the memory it is in, often
    /// not cached after other work, then arrives for all of them at the same time rather than
    /// for one hit after another.
    fn touch<'m>(&self, matches: impl Iterator<Item = &'m ItemMatch>) {
        let mut sink = 0u32;
        for m in matches {
            let item = &self.items[m.item as usize];
            let facets = &self.facets[m.item as usize];
            let field = &self.fields[item.fields.start as usize];
            let p = if m.first == u32::MAX {
                field.start
            } else {
                facets.start + m.first
            };
            let mark = self.marks[(p / MARK_EVERY) as usize];
            let strings = self.strings.as_bytes();
            let text = self.text.as_bytes();
            sink = sink
                .wrapping_add(u32::from(strings[item.id.start as usize]))
                .wrapping_add(u32::from(
                    *strings.get(item.title.start as usize + 64).unwrap_or(&0),
                ));
            // The snippet's window: about as far as it can reach before and after the match.
            let b = mark.byte as usize;
            let mut k = b.saturating_sub(SNIPPET_REACH_BEFORE);
            let end = (b + SNIPPET_REACH_AFTER).min(text.len());
            while k < end {
                sink = sink.wrapping_add(u32::from(text[k]));
                k += 64;
            }
        }
        std::hint::black_box(sink);
    }

    fn hit(&self, m: &ItemMatch, terms: &[Term], scratch: &mut snippet::Scratch) -> Hit {
        let item = &self.items[m.item as usize];
        let start = self.facets[m.item as usize].start;
        let fields = &self.fields[item.fields.start as usize..item.fields.end as usize];
        // The field of the first match in the text and where it is, or else the item's opening
        // text.
        let field = match m.first {
            u32::MAX => fields
                .iter()
                .find(|f| f.role.is_text())
                .map(|f| (f, f.start)),
            first => {
                let p = start + first;
                fields.iter().find(|f| f.end > p).map(|f| (f, p))
            }
        };
        let snippet = field
            .map(|(f, p)| {
                let len = (f.end - f.start) as usize;
                let text = self.field_text(f);
                let at_byte = self.byte_at(f, p) - f.text.start as usize;
                let at = (p - f.start) as usize;
                snippet::window(text, len, at, at_byte, f.breaks, terms, scratch)
            })
            .unwrap_or_default();
        // Without a term in the title or 文号 (the index knows), there is nothing to mark there.
        let mut heading = |text: &str, plain: snippet::Plain| {
            if m.heading_terms > 0 {
                snippet::marked(text, plain, terms, scratch)
            } else {
                plain.marked(text)
            }
        };
        let string = |r: &Range<u32>| &self.strings[r.start as usize..r.end as usize];
        Hit {
            kind: item.kind,
            id: string(&item.id).to_string(),
            title: heading(string(&item.title), item.title_plain),
            number: item
                .number
                .as_ref()
                .map(|n| heading(string(n), item.number_plain))
                .unwrap_or_default(),
            snippet,
            score: m.heading_terms << 24 | m.weighted.min(0x00FF_FFFF),
            title_match: m.heading_terms > 0,
            occurrences: m.occurrences,
            date: string(&item.date).to_string(),
            agency: self.agencies[item.agency as usize].clone(),
        }
    }

    fn field_text(&self, field: &FieldInfo) -> &str {
        &self.text[field.text.start as usize..field.text.end as usize]
    }
}

/// Where the character starts in an entry of [`IndexBuilder::item_chars`], above its position in
/// the item ([`POS_MASK`] after shifting by 8) and its field's role (the low byte).
const CHAR_SHIFT: u32 = 43;
const POS_MASK: u64 = (1 << (CHAR_SHIFT - 8)) - 1;

/// How many bytes of text around the mark before its match a snippet usually reads, before and
/// after: the match is up to 15 characters after the mark, the snippet reaches at most 50
/// Chinese characters before it (when the field ends soon after) and about 55 after.
const SNIPPET_REACH_BEFORE: usize = 192;
const SNIPPET_REACH_AFTER: usize = 256;

/// Up to this many hits are kept in order as the matches are counted; more are sorted at the end.
const SMALL_LIMIT: usize = 64;

/// The order of hits as one number, larger first: title/文号 terms, weighted occurrences, newer
/// date, then kind and id (through the item's tie rank, inverted so the first id is largest).
fn rank_key(m: &ItemMatch, item: &ItemFacets) -> u128 {
    u128::from(m.heading_terms) << 96 | u128::from(m.weighted) << 64 | u128::from(item.order)
}

/// The state of [`SearchIndex::build`] while it reads the items.
struct IndexBuilder<'a> {
    index: SearchIndex,
    grams: PostingsBuilder,
    /// The next position.
    pos: u32,
    /// The current item's characters that get a summary and no positions: each as the
    /// character (from bit [`CHAR_SHIFT`] up), its position in the item (from bit 8) and its
    /// field's role (weight × 4 + text × 2 + heading).
    item_chars: Vec<u64>,
    /// The position of the current item's first character.
    item_start: u32,
    agency_ids: HashMap<&'a str, u32>,
}

impl<'a> IndexBuilder<'a> {
    fn add_item(&mut self, source: &extract::ItemSource<'a>) {
        let item_no = to_u32(self.index.items.len());
        let first_field = to_u32(self.index.fields.len());
        self.item_start = self.pos;
        for (role, text) in &source.fields {
            self.add_field(item_no, *role, text);
        }
        // By character, then position.
        self.item_chars.sort_unstable();
        for run in self
            .item_chars
            .chunk_by(|a, b| a >> CHAR_SHIFT == b >> CHAR_SHIFT)
        {
            let c = char::from_u32((run[0] >> CHAR_SHIFT) as u32).expect("a character");
            let role = |x: u64| (x & 0xFF) as u32;
            let weighted = run
                .iter()
                .fold(0u32, |w, &x| w.saturating_add(role(x) >> 2));
            self.grams.add_count(
                summary(unigram(c)),
                ItemCount {
                    item: item_no,
                    occurrences: to_u32(run.len()),
                    weighted,
                    heading: run.iter().any(|&x| role(x) & 1 != 0),
                    first_text: run
                        .iter()
                        .find(|&&x| role(x) & 2 != 0)
                        .map_or(u32::MAX, |&x| ((x >> 8) & POS_MASK) as u32),
                },
            );
        }
        self.item_chars.clear();
        let index = &mut self.index;
        let agency = *self.agency_ids.entry(source.agency).or_insert_with(|| {
            index.agencies.push(source.agency.to_string());
            to_u32(index.agencies.len() - 1)
        });
        let mut string = |s: &str| {
            let start = to_u32(index.strings.len());
            index.strings.push_str(s);
            start..to_u32(index.strings.len())
        };
        index.items.push(ItemInfo {
            kind: source.kind,
            id: string(source.id),
            title: string(source.title),
            number: source.number.map(&mut string),
            date: string(source.date),
            agency,
            fields: first_field..to_u32(index.fields.len()),
            title_plain: snippet::Plain::of(source.title),
            number_plain: source.number.map(snippet::Plain::of).unwrap_or_default(),
        });
        index.facets.push(ItemFacets {
            // Completed in `finish`.
            order: u64::from(date_key(source.date)) << 32,
            agency,
            start: self.item_start,
            year_slot: year_of(source.date),
            kind: source.kind,
        });
    }

    fn add_field(&mut self, item: u32, role: Role, text: &str) {
        let index = &mut self.index;
        let start = self.pos;
        let text_start = to_u32(index.text.len());
        index.text.push_str(text);
        let role_bits = u64::from(role.weight()) << 2
            | u64::from(role.is_text()) << 1
            | u64::from(role.is_heading());
        let mut prev: Option<char> = None;
        for (b, c) in text.char_indices() {
            let Some(c) = normalize_char(c) else { continue };
            let pos = self.pos;
            if pos % MARK_EVERY == 0 {
                index.marks.push(Mark {
                    byte: text_start + to_u32(b),
                    field: to_u32(index.fields.len()),
                });
            }
            let word = normalize::is_word_char(c);
            let prev_word = prev.is_some_and(normalize::is_word_char);
            if word && !prev_word {
                set_bit(&mut index.word_starts, pos);
            }
            if prev_word && !word {
                set_bit(&mut index.word_ends, pos - 1);
            }
            if !c.is_whitespace() {
                if word {
                    self.grams.add(unigram(c), pos);
                } else {
                    let at = u64::from(pos - self.item_start);
                    self.item_chars
                        .push(u64::from(c) << CHAR_SHIFT | at << 8 | role_bits);
                }
                if let Some(p) = prev.filter(|p| !p.is_whitespace()) {
                    self.grams.add(bigram(p, c), pos - 1);
                }
            }
            prev = Some(c);
            self.pos = next_position(self.pos);
        }
        if prev.is_some_and(normalize::is_word_char) {
            set_bit(&mut index.word_ends, self.pos - 1);
        }
        index.fields.push(FieldInfo {
            start,
            end: self.pos,
            item,
            role,
            breaks: snippet::has_breaks(text),
            text: text_start..to_u32(index.text.len()),
        });
        // The gap: no gram covers it, so no match runs from one field into the next. Its mark,
        // should it have one, is never read.
        if self.pos % MARK_EVERY == 0 {
            index.marks.push(Mark {
                byte: to_u32(index.text.len()),
                field: to_u32(index.fields.len()),
            });
        }
        self.pos = next_position(self.pos);
    }

    fn finish(self) -> SearchIndex {
        let mut index = self.index;
        let mut order: Vec<u32> = (0..to_u32(index.items.len())).collect();
        let id = |i: u32| {
            let item = &index.items[i as usize];
            (
                item.kind,
                &index.strings[item.id.start as usize..item.id.end as usize],
            )
        };
        order.sort_by(|&a, &b| id(a).cmp(&id(b)));
        for (rank, item) in order.into_iter().enumerate() {
            index.facets[item as usize].order |= u64::from(u32::MAX - to_u32(rank));
        }
        // The year slots hold the years themselves until now.
        let mut years: Vec<u16> = index
            .facets
            .iter()
            .map(|i| i.year_slot)
            .filter(|&y| y != 0)
            .collect();
        years.sort_unstable_by_key(|&y| Reverse(y));
        years.dedup();
        for item in &mut index.facets {
            item.year_slot = match item.year_slot {
                0 => NO_YEAR,
                year => {
                    let slot = years.iter().position(|&y| y == year).expect("listed");
                    u16::try_from(slot)
                        .ok()
                        .filter(|&s| s < ABSENT_YEAR)
                        .unwrap_or(NO_YEAR)
                }
            };
        }
        index.years = years;
        let (fields, items) = (&index.fields, &index.facets);
        index.postings = self
            .grams
            .finish(|positions, out| summarise(fields, items, positions, out));
        let words = (self.pos as usize).div_ceil(64);
        index.word_starts.resize(words, 0);
        index.word_ends.resize(words, 0);
        index.marks.shrink_to_fit();
        index
    }
}

/// The field holding position `p`, searching forward from field `from`. Galloping: the next
/// occurrence is usually in a field close by, and a binary search over all the rest for each one
/// costs more than everything else a query does.
fn field_at_or_after(fields: &[FieldInfo], from: usize, p: u32) -> usize {
    if fields[from].end > p {
        return from;
    }
    let before = |i: usize| fields[i].end <= p;
    let mut lo = from;
    let mut step = 1;
    while lo + step < fields.len() && before(lo + step) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(fields.len());
    lo + 1 + fields[lo + 1..hi].partition_point(|field| field.end <= p)
}

/// The summary lines of a gram from its positions (ascending).
fn summarise(
    fields: &[FieldInfo],
    items: &[ItemFacets],
    positions: &[u32],
    out: &mut Vec<ItemCount>,
) {
    out.clear();
    let mut f = 0;
    for &p in positions {
        f = field_at_or_after(fields, f, p);
        let field = &fields[f];
        let count = match out.last_mut() {
            Some(c) if c.item == field.item => c,
            _ => {
                out.push(ItemCount {
                    item: field.item,
                    occurrences: 0,
                    weighted: 0,
                    heading: false,
                    first_text: u32::MAX,
                });
                out.last_mut().expect("just pushed")
            }
        };
        count.occurrences = count.occurrences.saturating_add(1);
        count.weighted = count.weighted.saturating_add(field.role.weight());
        count.heading |= field.role.is_heading();
        if field.role.is_text() && count.first_text == u32::MAX {
            count.first_text = p - items[field.item as usize].start;
        }
    }
}

/// The items of `a` (sorted by item) also in the summary lines `b`, with their counts added
/// up. `b` is read only as far as `a` goes.
fn intersect_counts(a: &[ItemMatch], b: impl Iterator<Item = ItemCount>) -> Vec<ItemMatch> {
    let mut out = Vec::with_capacity(a.len());
    let mut i = 0;
    for y in b {
        while i < a.len() && a[i].item < y.item {
            i += 1;
        }
        let Some(x) = a.get(i) else { break };
        if x.item == y.item {
            out.push(ItemMatch {
                item: x.item,
                heading_terms: x.heading_terms + u32::from(y.heading),
                occurrences: x.occurrences.saturating_add(y.occurrences),
                weighted: x.weighted.saturating_add(y.weighted),
                first: x.first.min(y.first_text),
            });
        }
    }
    out
}

/// Items in both (each sorted by item), with their counts added up.
fn intersect(a: Vec<ItemMatch>, b: &[ItemMatch]) -> Vec<ItemMatch> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let mut j = 0;
    for x in a {
        while j < b.len() && b[j].item < x.item {
            j += 1;
        }
        if let Some(y) = b.get(j).filter(|y| y.item == x.item) {
            out.push(ItemMatch {
                item: x.item,
                heading_terms: x.heading_terms + y.heading_terms,
                occurrences: x.occurrences.saturating_add(y.occurrences),
                weighted: x.weighted.saturating_add(y.weighted),
                // `u32::MAX`, none, is never less than an occurrence.
                first: x.first.min(y.first),
            });
        }
    }
    out
}

fn next_position(pos: u32) -> u32 {
    pos.checked_add(1)
        .expect("indexed text fits in u32 positions")
}

fn set_bit(bits: &mut Vec<u64>, pos: u32) {
    let word = pos as usize / 64;
    if bits.len() <= word {
        bits.resize(word + 1, 0);
    }
    bits[word] |= 1 << (pos % 64);
}

fn bit(bits: &[u64], pos: u32) -> bool {
    bits.get(pos as usize / 64)
        .is_some_and(|w| w & 1 << (pos % 64) != 0)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("index sizes fit in u32")
}

/// The year of a `YYYY-MM-DD` date; 0 when it does not start with one.
fn year_of(date: &str) -> u16 {
    date.get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|y| y.parse().ok())
        .unwrap_or(0)
}

/// `YYYY-MM-DD` as the number `YYYYMMDD` (missing parts as 0), for ordering by date.
fn date_key(date: &str) -> u32 {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().unwrap_or(0));
    let year = parts.next().unwrap_or(0).min(9999);
    let month = parts.next().unwrap_or(0).min(99);
    let day = parts.next().unwrap_or(0).min(99);
    year * 10_000 + month * 100 + day
}
