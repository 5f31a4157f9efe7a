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
//! intersecting the position lists of bigrams that cover it, each shifted by its offset in the
//! term. Because the bigrams cover every character of the term and never straddle a field
//! boundary, the surviving positions are exactly the occurrences: nothing needs verifying
//! afterwards and nothing is missed. A one-character term reads its character's per-field
//! counts (or, for a Latin letter or digit, its positions). Latin word boundaries are two
//! bitsets over the positions. The original text is kept for snippets, which are only made for
//! the hits shown.
//!
//! # Ranking
//! Items with a term in their title or 文号 come first (more such terms first), then items with
//! more occurrences (weighted: title and 文号 4, summary 2, body 1), then newer ones; ties are
//! broken by kind and id, so the order is stable.

mod extract;
mod naive;
mod normalize;
mod postings;
mod snippet;
mod terms;

pub use naive::naive_search;
pub use normalize::{normalize, normalize_char, normalize_mapped, Normalized};

use crate::model::Feed;
use extract::Role;
use postings::{bigram, counted, unigram, Postings, PostingsBuilder};
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

/// A run of text, marked when it is a query term occurrence (rendered as `<mark>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: ItemKind,
    pub id: String,
    /// The zh-Hans title (for a Q&A item, its question), terms marked.
    pub title: Vec<Segment>,
    /// A document's 文号, terms marked; empty for other items and documents without one. Shown
    /// with the title, it tells the reader why a hit that matched only its number is there.
    pub number: Vec<Segment>,
    /// About 50 characters of original text around the first match in the item's text (or its
    /// opening when only the title matched), terms marked, `…` where it was cut.
    pub snippet: Vec<Segment>,
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

#[derive(Debug, Clone)]
struct ItemInfo {
    kind: ItemKind,
    id: String,
    title: String,
    number: Option<String>,
    /// Index into [`SearchIndex::agencies`].
    agency: u32,
    /// 0 when the date has none.
    year: u16,
    date: String,
    /// `YYYYMMDD` as a number, for ordering; 0 when unknown.
    date_key: u32,
    /// Place in the order of (kind, id): breaks ties without comparing strings.
    tie_rank: u32,
    fields: Range<u32>,
}

#[derive(Debug, Clone)]
struct FieldInfo {
    /// Position of the first character.
    start: u32,
    /// Positions `start..end`; `end` itself is the gap before the next field.
    end: u32,
    item: u32,
    role: Role,
    /// The original text, in [`SearchIndex::text`].
    text: Range<u32>,
}

/// The search index over one feed. Build it once per feed; searching does not touch the feed.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    items: Vec<ItemInfo>,
    fields: Vec<FieldInfo>,
    /// The original text of every field, end to end (for snippets).
    text: String,
    postings: Postings,
    /// Bit per position: a word character that starts a word.
    word_starts: Vec<u64>,
    /// Bit per position: a word character that ends a word.
    word_ends: Vec<u64>,
    /// Agency ids; index 0 is "" (none).
    agencies: Vec<String>,
}

/// One item's match of one term or, once merged, of all terms so far.
#[derive(Debug, Clone, Copy)]
struct ItemMatch {
    item: u32,
    /// Terms with an occurrence in the title or 文号.
    heading_terms: u32,
    occurrences: u32,
    weighted: u32,
    /// The first text field (summary or body) with an occurrence, for the snippet; `u32::MAX`
    /// when the terms occur only in headings.
    first_text: u32,
    /// The position of the first occurrence in `first_text` the index knows of, so the snippet
    /// need not look for it; `u32::MAX` when only one-character terms (which have per-field
    /// counts, not positions) occur there.
    first_pos: u32,
}

impl SearchIndex {
    /// Indexes every Q&A item, interpretation and document of `feed`.
    pub fn build(feed: &Feed) -> SearchIndex {
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
            grams: PostingsBuilder::with_capacity(bytes / 3 + 16),
            pos: 0,
            field_chars: Vec::new(),
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
                + (self.word_starts.capacity() + self.word_ends.capacity()) * 8
                + self.fields.capacity() * std::mem::size_of::<FieldInfo>()
                + self.items.capacity() * std::mem::size_of::<ItemInfo>()
                + self
                    .items
                    .iter()
                    .map(|i| {
                        i.id.capacity()
                            + i.title.capacity()
                            + i.date.capacity()
                            + i.number.as_ref().map_or(0, String::capacity)
                    })
                    .sum::<usize>(),
        }
    }

    /// Runs `query`. A blank query finds nothing.
    pub fn search(&self, query: &Query) -> SearchResults {
        let terms = parse_query(&query.text);
        if terms.is_empty() {
            return SearchResults::default();
        }
        let mut scratch = (Vec::new(), Vec::new(), Vec::new());
        let mut matched: Option<Vec<ItemMatch>> = None;
        for term in &terms {
            let items = if term.len() == 1 && !term.wordy {
                self.char_matches(term.chars[0], &mut scratch.2)
            } else {
                let positions = self.term_positions(term, &mut scratch.0, &mut scratch.1);
                self.item_matches(positions)
            };
            matched = Some(match matched {
                None => items,
                Some(prev) => intersect(prev, &items),
            });
            if matched.as_ref().is_some_and(Vec::is_empty) {
                return SearchResults::default();
            }
        }
        let matched = matched.unwrap_or_default();
        self.results(query, &terms, matched)
    }

    /// Every position where `term` starts, ascending. Not for single non-word characters,
    /// which have counted lists ([`SearchIndex::char_matches`]).
    fn term_positions<'s>(
        &self,
        term: &Term,
        out: &'s mut Vec<u32>,
        list: &mut Vec<u32>,
    ) -> &'s [u32] {
        out.clear();
        let chars = &term.chars;
        let n = chars.len();
        if n == 1 {
            if let Some(bytes) = self.postings.list(unigram(chars[0])) {
                Postings::decode(bytes, out);
            }
        } else {
            // Bigrams at offsets 0, 2, 4, … (and, for an odd length, the last one) cover every
            // character.
            let odd_tail = (n % 2 == 1).then_some(n - 2);
            let mut lists = Vec::with_capacity(n / 2 + 1);
            for offset in (0..n - 1).step_by(2).chain(odd_tail) {
                match self.postings.list(bigram(chars[offset], chars[offset + 1])) {
                    Some(bytes) => lists.push((offset as u32, bytes)),
                    None => return out,
                }
            }
            // Rarest first: the candidates only shrink.
            lists.sort_by_key(|(_, bytes)| bytes.len());
            let (offset, bytes) = lists[0];
            Postings::decode(bytes, list);
            out.extend(list.iter().filter(|&&p| p >= offset).map(|&p| p - offset));
            for &(offset, bytes) in &lists[1..] {
                if out.is_empty() {
                    break;
                }
                Postings::decode(bytes, list);
                let mut j = 0;
                out.retain(|&start| {
                    let want = start + offset;
                    while j < list.len() && list[j] < want {
                        j += 1;
                    }
                    j < list.len() && list[j] == want
                });
            }
        }
        if term.wordy {
            let last = n as u32 - 1;
            out.retain(|&start| {
                bit(&self.word_starts, start) && (!term.whole || bit(&self.word_ends, start + last))
            });
        }
        out
    }

    /// Per-item counts of the occurrences starting at `positions` (ascending).
    fn item_matches(&self, positions: &[u32]) -> Vec<ItemMatch> {
        let mut out: Vec<ItemMatch> = Vec::new();
        let mut f = 0usize;
        for &p in positions {
            if self.fields[f].end <= p {
                f = self.field_at_or_after(f, p);
            }
            self.tally(&mut out, f, 1, p);
        }
        out
    }

    /// Per-item counts of a single non-word character, from its per-field counts.
    fn char_matches(&self, c: char, pairs: &mut Vec<(u32, u32)>) -> Vec<ItemMatch> {
        let mut out = Vec::new();
        if let Some(bytes) = self.postings.list(counted(c)) {
            Postings::decode_counted(bytes, pairs);
            out.reserve(pairs.len());
            for &(field, count) in pairs.iter() {
                self.tally(&mut out, field as usize, count, u32::MAX);
            }
        }
        out
    }

    /// Adds `count` occurrences in field `f`, the first at position `first` (`u32::MAX` when
    /// unknown), to `out`, which is sorted by item and whose last entry is the only one that can
    /// be `f`'s item (fields and positions come in order).
    fn tally(&self, out: &mut Vec<ItemMatch>, f: usize, count: u32, first: u32) {
        let field = &self.fields[f];
        let m = match out.last_mut() {
            Some(m) if m.item == field.item => m,
            _ => {
                out.push(ItemMatch {
                    item: field.item,
                    heading_terms: 0,
                    occurrences: 0,
                    weighted: 0,
                    first_text: u32::MAX,
                    first_pos: u32::MAX,
                });
                out.last_mut().expect("just pushed")
            }
        };
        m.occurrences = m.occurrences.saturating_add(count);
        m.weighted = m
            .weighted
            .saturating_add(field.role.weight().saturating_mul(count));
        if field.role.is_heading() {
            m.heading_terms = 1;
        }
        if field.role.is_text() && m.first_text == u32::MAX {
            m.first_text = f as u32;
            m.first_pos = first;
        }
    }

    /// The field holding position `p`, searching forward from field `from`. Galloping: the
    /// next occurrence is usually in a field close by, and a binary search over all the rest
    /// for each one costs more than everything else a query does.
    fn field_at_or_after(&self, from: usize, p: u32) -> usize {
        let before = |i: usize| self.fields[i].end <= p;
        let mut lo = from;
        let mut step = 1;
        while lo + step < self.fields.len() && before(lo + step) {
            lo += step;
            step *= 2;
        }
        let hi = (lo + step).min(self.fields.len());
        lo + 1 + self.fields[lo + 1..hi].partition_point(|field| field.end <= p)
    }

    fn results(&self, query: &Query, terms: &[Term], matched: Vec<ItemMatch>) -> SearchResults {
        let mut counts_by_kind = [0usize; 3];
        let mut years: Vec<(u16, usize)> = Vec::new();
        let mut agency_counts = vec![0usize; self.agencies.len()];
        let agency_filter = query
            .agency
            .as_deref()
            .map(|a| self.agencies.iter().position(|x| x == a));
        // Each kept match with its sort key, computed once.
        let mut kept: Vec<(u128, ItemMatch)> = Vec::with_capacity(matched.len());
        for m in matched {
            let item = &self.items[m.item as usize];
            let kind_ok = query.kinds.contains(item.kind);
            let agency_ok = match agency_filter {
                None => true,
                Some(wanted) => wanted == Some(item.agency as usize),
            };
            let year_ok = query.year.is_none_or(|y| y == item.year);
            if agency_ok && year_ok {
                counts_by_kind[item.kind.index()] += 1;
            }
            if kind_ok && agency_ok && item.year != 0 {
                match years.iter_mut().find(|(y, _)| *y == item.year) {
                    Some((_, n)) => *n += 1,
                    None => years.push((item.year, 1)),
                }
            }
            if kind_ok && year_ok {
                agency_counts[item.agency as usize] += 1;
            }
            if kind_ok && agency_ok && year_ok {
                kept.push((rank_key(&m, item), m));
            }
        }
        years.sort_unstable_by_key(|&(year, _)| Reverse(year));
        let mut agencies: Vec<(String, usize)> = agency_counts
            .into_iter()
            .enumerate()
            .skip(1)
            .filter(|&(_, n)| n > 0)
            .map(|(i, n)| (self.agencies[i].clone(), n))
            .collect();
        agencies.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

        let total = kept.len();
        let limit = query.limit.min(total);
        if limit < total {
            // Only the hits shown need a full order.
            if limit > 0 {
                kept.select_nth_unstable_by_key(limit - 1, |&(key, _)| Reverse(key));
            }
            kept.truncate(limit);
        }
        kept.sort_unstable_by_key(|&(key, _)| Reverse(key));
        // One pair of buffers normalises every title, 文号 and snippet window.
        let mut buf = Normalized::default();
        let hits = kept
            .iter()
            .map(|(_, m)| self.hit(m, terms, &mut buf))
            .collect();
        SearchResults {
            hits,
            total,
            counts_by_kind,
            years,
            agencies,
        }
    }

    fn hit(&self, m: &ItemMatch, terms: &[Term], buf: &mut Normalized) -> Hit {
        let item = &self.items[m.item as usize];
        let fields = &self.fields[item.fields.start as usize..item.fields.end as usize];
        // The first text field with a match and where in it the index saw the first one, or
        // else the item's opening text.
        let field = match m.first_text {
            u32::MAX => fields.iter().find(|f| f.role.is_text()).map(|f| (f, None)),
            f => self.fields.get(f as usize).map(|f| (f, Some(m.first_pos))),
        };
        let singles = terms.iter().any(|t| t.len() == 1 && !t.wordy);
        let snippet = field
            .map(|(f, first)| {
                let len = (f.end - f.start) as usize;
                let (first, scan) = match first {
                    None => (len, false),
                    Some(u32::MAX) => (len, singles),
                    Some(p) => ((p - f.start) as usize, singles),
                };
                snippet::window(self.field_text(f), len, first, scan, terms, buf)
            })
            .unwrap_or_default();
        // Without a term in the title or 文号 (the index knows), there is nothing to mark there.
        let mut heading = |text: &str| {
            if m.heading_terms > 0 {
                snippet::marked(text, terms, buf)
            } else {
                snippet::plain(text)
            }
        };
        Hit {
            kind: item.kind,
            id: item.id.clone(),
            title: heading(&item.title),
            number: item.number.as_deref().map(&mut heading).unwrap_or_default(),
            snippet,
            score: m.heading_terms << 24 | m.weighted.min(0x00FF_FFFF),
            title_match: m.heading_terms > 0,
            occurrences: m.occurrences,
            date: item.date.clone(),
            agency: self.agencies[item.agency as usize].clone(),
        }
    }

    fn field_text(&self, field: &FieldInfo) -> &str {
        &self.text[field.text.start as usize..field.text.end as usize]
    }
}

/// The order of hits as one number, larger first: title/文号 terms, weighted occurrences, newer
/// date, then kind and id (through the item's tie rank, inverted so the first id is largest).
fn rank_key(m: &ItemMatch, item: &ItemInfo) -> u128 {
    u128::from(m.heading_terms) << 96
        | u128::from(m.weighted) << 64
        | u128::from(item.date_key) << 32
        | u128::from(u32::MAX - item.tie_rank)
}

/// The state of [`SearchIndex::build`] while it reads the items.
struct IndexBuilder<'a> {
    index: SearchIndex,
    grams: PostingsBuilder,
    /// The next position.
    pos: u32,
    /// The current field's characters that get per-field counts.
    field_chars: Vec<char>,
    agency_ids: HashMap<&'a str, u32>,
}

impl<'a> IndexBuilder<'a> {
    fn add_item(&mut self, source: &extract::ItemSource<'a>) {
        let item_no = to_u32(self.index.items.len());
        let first_field = to_u32(self.index.fields.len());
        for (role, text) in &source.fields {
            self.add_field(item_no, *role, text);
        }
        let index = &mut self.index;
        let agency = *self.agency_ids.entry(source.agency).or_insert_with(|| {
            index.agencies.push(source.agency.to_string());
            to_u32(index.agencies.len() - 1)
        });
        index.items.push(ItemInfo {
            kind: source.kind,
            id: source.id.to_string(),
            title: source.title.to_string(),
            number: source.number.map(str::to_string),
            agency,
            year: year_of(source.date),
            date: source.date.to_string(),
            date_key: date_key(source.date),
            tie_rank: 0,
            fields: first_field..to_u32(index.fields.len()),
        });
    }

    fn add_field(&mut self, item: u32, role: Role, text: &str) {
        let index = &mut self.index;
        let start = self.pos;
        let text_start = to_u32(index.text.len());
        index.text.push_str(text);
        let mut prev: Option<char> = None;
        for c in text.chars().filter_map(normalize_char) {
            let pos = self.pos;
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
                    self.field_chars.push(c);
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
        let field_no = to_u32(index.fields.len());
        self.field_chars.sort_unstable();
        for run in self.field_chars.chunk_by(|a, b| a == b) {
            self.grams
                .add_count(counted(run[0]), field_no, to_u32(run.len()));
        }
        self.field_chars.clear();
        index.fields.push(FieldInfo {
            start,
            end: self.pos,
            item,
            role,
            text: text_start..to_u32(index.text.len()),
        });
        // The gap: no gram covers it, so no match runs from one field into the next.
        self.pos = next_position(self.pos);
    }

    fn finish(self) -> SearchIndex {
        let mut index = self.index;
        let mut order: Vec<u32> = (0..to_u32(index.items.len())).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&index.items[a as usize], &index.items[b as usize]);
            (a.kind, &a.id).cmp(&(b.kind, &b.id))
        });
        for (rank, item) in order.into_iter().enumerate() {
            index.items[item as usize].tie_rank = to_u32(rank);
        }
        index.postings = self.grams.finish();
        let words = (self.pos as usize).div_ceil(64);
        index.word_starts.resize(words, 0);
        index.word_ends.resize(words, 0);
        index
    }
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
            // The earlier first text field and the first known occurrence in it (`u32::MAX`,
            // unknown, is never less than a known one).
            let (first_text, first_pos) = match x.first_text.cmp(&y.first_text) {
                std::cmp::Ordering::Less => (x.first_text, x.first_pos),
                std::cmp::Ordering::Greater => (y.first_text, y.first_pos),
                std::cmp::Ordering::Equal => (x.first_text, x.first_pos.min(y.first_pos)),
            };
            out.push(ItemMatch {
                item: x.item,
                heading_terms: x.heading_terms + y.heading_terms,
                occurrences: x.occurrences.saturating_add(y.occurrences),
                weighted: x.weighted.saturating_add(y.weighted),
                first_text,
                first_pos,
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
