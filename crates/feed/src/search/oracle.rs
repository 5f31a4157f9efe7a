//! What a search returns, worked out the plain way: every field of every item normalised and
//! scanned for every term, then filtered, counted and ranked by the rules in [`super`], with
//! snippets cut by the same window function (itself checked against a whole-field reference in
//! `snippet`). The index, whichever of its lists a query reads, must return exactly this: the same
//! hits in the same order with the same titles, 文号 and snippets, and the same counts.

use super::extract::{self, Role};
use super::normalize::normalize_mapped;
use super::snippet::{self, Plain, Scratch};
use super::terms::{find_all, parse_query};
use super::{date_key, year_of, Hit, ItemKind, Marked, Query, SearchIndex, SearchResults};
use crate::model::{Agency, Document, Feed, Interpretation, Panel, QaItem};
use crate::rich::{Block, Inlines};
use crate::text::LocalText;
use proptest::prelude::*;
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// One item that matches, with what ranking and its hit need.
struct Found<'a> {
    source: &'a extract::ItemSource<'a>,
    heading_terms: u32,
    occurrences: u32,
    weighted: u32,
    /// The first occurrence in a text field: (field, character).
    first: Option<(usize, usize)>,
}

fn results(feed: &Feed, query: &Query) -> SearchResults {
    let terms = parse_query(&query.text);
    if terms.is_empty() {
        return SearchResults::default();
    }
    let sources = extract::items(feed);
    let mut found = Vec::new();
    for source in &sources {
        let norms: Vec<_> = source
            .fields
            .iter()
            .map(|(_, t)| normalize_mapped(t))
            .collect();
        let mut m = Found {
            source,
            heading_terms: 0,
            occurrences: 0,
            weighted: 0,
            first: None,
        };
        let every = terms.iter().all(|term| {
            let mut any = false;
            let mut heading = false;
            for (k, ((role, _), norm)) in source.fields.iter().zip(&norms).enumerate() {
                let at: Vec<usize> = find_all(&norm.chars, term).collect();
                let Some(&first) = at.first() else { continue };
                let n = at.len() as u32;
                any = true;
                heading |= role.is_heading();
                m.occurrences = m.occurrences.saturating_add(n);
                m.weighted = m.weighted.saturating_add(role.weight() * n);
                if role.is_text() && m.first.is_none_or(|f| (k, first) < f) {
                    m.first = Some((k, first));
                }
            }
            m.heading_terms += u32::from(heading);
            any
        });
        if every {
            found.push(m);
        }
    }

    let kind_ok = |m: &Found| query.kinds.contains(m.source.kind);
    let agency_ok = |m: &Found| query.agency.as_deref().is_none_or(|a| a == m.source.agency);
    let year_ok = |m: &Found| query.year.is_none_or(|y| y == year_of(m.source.date));
    let mut counts_by_kind = [0; 3];
    let mut years: BTreeMap<u16, usize> = BTreeMap::new();
    let mut agencies: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &found {
        if agency_ok(m) && year_ok(m) {
            counts_by_kind[m.source.kind.index()] += 1;
        }
        let year = year_of(m.source.date);
        if kind_ok(m) && agency_ok(m) && year != 0 {
            *years.entry(year).or_default() += 1;
        }
        if kind_ok(m) && year_ok(m) && !m.source.agency.is_empty() {
            *agencies.entry(m.source.agency).or_default() += 1;
        }
    }
    let mut kept: Vec<&Found> = found
        .iter()
        .filter(|m| kind_ok(m) && agency_ok(m) && year_ok(m))
        .collect();
    kept.sort_by_key(|m| {
        (
            Reverse(m.heading_terms),
            Reverse(m.weighted),
            Reverse(date_key(m.source.date)),
            m.source.kind,
            m.source.id,
        )
    });
    let mut agencies: Vec<(String, usize)> = agencies
        .into_iter()
        .map(|(a, n)| (a.to_string(), n))
        .collect();
    agencies.sort_by_key(|&(_, n)| Reverse(n));

    let mut scratch = Scratch::default();
    let hits = kept
        .iter()
        .take(query.limit)
        .map(|m| {
            let source = m.source;
            let heading = |text: &str, scratch: &mut Scratch| {
                if m.heading_terms > 0 {
                    snippet::marked_normalised(text, snippet::has_breaks(text), &terms, scratch)
                } else {
                    Plain::of(text).marked(text)
                }
            };
            let snippet_at = m.first.or_else(|| {
                let k = source.fields.iter().position(|(r, _)| r.is_text())?;
                Some((k, 0))
            });
            let snippet = snippet_at
                .map(|(k, at)| {
                    let text: &str = &source.fields[k].1;
                    let norm = normalize_mapped(text);
                    let breaks = snippet::has_breaks(text);
                    let len = norm.chars.len();
                    let at_byte = norm.offsets[at];
                    snippet::window(text, len, at, at_byte, breaks, &terms, &mut scratch)
                })
                .unwrap_or_default();
            Hit {
                kind: source.kind,
                id: source.id.to_string(),
                title: heading(source.title, &mut scratch),
                number: source
                    .number
                    .map(|n| heading(n, &mut scratch))
                    .unwrap_or_default(),
                snippet,
                score: m.heading_terms << 24 | m.weighted.min(0x00FF_FFFF),
                title_match: m.heading_terms > 0,
                occurrences: m.occurrences,
                date: source.date.to_string(),
                agency: source.agency.to_string(),
            }
        })
        .collect();
    SearchResults {
        hits,
        total: kept.len(),
        counts_by_kind,
        years: years.into_iter().rev().collect(),
        agencies,
    }
}

/// Pieces of text: repeats and overlaps (哈哈), bigrams common enough for summaries and plain
/// lists, punctuation, full-width and upper-case forms, Latin words, whitespace and line breaks,
/// Mongolian with a variation selector, and a character beyond the BMP.
const PIECES: &[&str] = &[
    "政",
    "务",
    "公开",
    "政务",
    "哈",
    "哈哈",
    "的",
    "，",
    "。",
    "“",
    "”",
    "〔2019〕",
    "２０",
    "ａ",
    "A",
    "b",
    "gov",
    "Gov",
    "data",
    "2019",
    " ",
    "　",
    "\n",
    "ᠭ\u{180B}ᠣ",
    "ᠣ",
    "𠀀",
];

/// Query terms: pieces of the texts, one to four at a time.
const TERM_PIECES: &[&str] = &[
    "政", "务", "公", "开", "哈", "的", "，", "“", "2019", "２", "0", "a", "b", "go", "gov",
    "data", "ᠭᠣ", "ᠣ", "𠀀", "〔",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|p| p.concat())
}

fn local(max: usize) -> impl Strategy<Value = LocalText> {
    (text(max), prop::option::of(text(max / 2))).prop_map(|(zh, en)| LocalText { zh, mn: None, en })
}

fn body(paragraphs: usize, max: usize) -> impl Strategy<Value = Vec<Block>> {
    prop::collection::vec(text(max), 0..paragraphs).prop_map(|ps| {
        ps.into_iter()
            .map(|p| Block::Paragraph {
                text: Inlines::text(&p),
            })
            .collect()
    })
}

const DATES: &[&str] = &[
    "2019-03-01",
    "2019-11-20",
    "2020-01-01",
    "1999-12-31",
    "",
    "2019",
];
const AGENCIES: &[&str] = &["a", "b", "c"];

fn feed() -> impl Strategy<Value = Feed> {
    let qa = prop::collection::vec((local(12), body(3, 30), prop::sample::select(DATES)), 0..6);
    let interpretations = prop::collection::vec(
        (
            local(12),
            local(20),
            body(3, 30),
            prop::sample::select(DATES),
            prop::sample::select(AGENCIES),
        ),
        0..6,
    );
    let documents = prop::collection::vec(
        (
            local(12),
            prop::option::of(text(6)),
            body(4, 40),
            prop::sample::select(DATES),
            prop::sample::select(AGENCIES),
        ),
        0..10,
    );
    (qa, interpretations, documents).prop_map(|(qa, interpretations, documents)| Feed {
        agencies: vec![
            Agency {
                id: "a".into(),
                name: "政务公开办公室".into(),
                site: None,
            },
            Agency {
                id: "b".into(),
                name: LocalText {
                    zh: "哈哈局".into(),
                    mn: Some("ᠭ\u{180B}ᠣ".into()),
                    en: Some("Data Office".into()),
                },
                site: None,
            },
        ],
        qa: qa
            .into_iter()
            .enumerate()
            .map(|(i, (question, answer, date))| QaItem {
                // Ids out of order, so that ties are broken by id and not by position.
                id: format!("q{}", (i * 7) % 10),
                question,
                answer,
                updated: date.into(),
                documents: vec![format!("d{}", i % 3)],
                ..QaItem::default()
            })
            .collect(),
        interpretations: interpretations
            .into_iter()
            .enumerate()
            .map(|(i, (title, summary, text, date, agency))| Interpretation {
                id: format!("i{i}"),
                title,
                summary,
                panels: vec![Panel::Text { body: text }],
                published: date.into(),
                agency: agency.into(),
                ..Interpretation::default()
            })
            .collect(),
        documents: documents
            .into_iter()
            .enumerate()
            .map(|(i, (title, number, body, date, agency))| Document {
                id: format!("d{}", (i * 3) % 10),
                title,
                number,
                body,
                issued: date.into(),
                agency: agency.into(),
                ..Document::default()
            })
            .collect(),
        ..Feed::default()
    })
}

fn query() -> impl Strategy<Value = Query> {
    let term = prop::collection::vec(prop::sample::select(TERM_PIECES), 1..4)
        .prop_map(|p| p.concat().to_uppercase_if(p.len() % 3 == 0));
    (
        prop::collection::vec(term, 1..4),
        any::<bool>(),
        0u8..8,
        prop::option::of(prop::sample::select(&["a", "b", "", "x"][..])),
        prop::option::of(prop::sample::select(&[2019u16, 2020, 1999, 0, 1234][..])),
        prop::sample::select(&[0usize, 1, 3, 20, usize::MAX][..]),
    )
        .prop_map(|(words, space, kinds, agency, year, limit)| Query {
            text: words.join(" ") + if space { " " } else { "" },
            kinds: ItemKind::ALL
                .into_iter()
                .filter(|k| kinds & 1 << k.index() != 0 || kinds == 0)
                .collect(),
            agency: agency.map(str::to_string),
            year,
            limit,
        })
}

trait UppercaseIf {
    fn to_uppercase_if(self, upper: bool) -> String;
}

impl UppercaseIf for String {
    /// Some terms typed in capitals, which must find the same.
    fn to_uppercase_if(self, upper: bool) -> String {
        if upper {
            self.to_uppercase()
        } else {
            self
        }
    }
}

/// A repeated phrase, so that its characters and bigrams are common.
fn common_feed(repeats: usize) -> Feed {
    let phrase = "政务公开，哈哈的政务。gov data 2019 ᠭ\u{180B}ᠣ\n";
    Feed {
        documents: (0..12)
            .map(|i| Document {
                id: format!("d{i:02}"),
                title: format!("政务{}通知", "公开".repeat(i % 3)).as_str().into(),
                number: (i % 4 == 0).then(|| format!("政发〔2019〕{i}号")),
                body: (0..i % 5)
                    .map(|k| Block::Paragraph {
                        text: Inlines::text(phrase.repeat(repeats * (k + 1) + i)),
                    })
                    .collect(),
                issued: DATES[i % DATES.len()].into(),
                agency: AGENCIES[i % 3].into(),
                ..Document::default()
            })
            .collect(),
        ..Feed::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Plain lists and summaries for every gram (1), for grams seen twice (2), or for none.
    #[test]
    fn the_index_returns_what_a_plain_scan_ranks_and_cuts_whatever_lists_it_reads(
        feed in feed(),
        queries in prop::collection::vec(query(), 1..8),
    ) {
        let indexes = [1, 2, usize::MAX].map(|common| SearchIndex::build_with(&feed, common));
        for query in &queries {
            let expected = results(&feed, query);
            for index in &indexes {
                prop_assert_eq!(&index.search(query), &expected, "{:?}", query);
            }
        }
    }
}

#[test]
fn common_grams_read_from_summaries_and_plain_lists_give_what_a_plain_scan_gives() {
    let feed = common_feed(20);
    let index = SearchIndex::build(&feed);
    // The default threshold makes these common: summaries and plain lists are read.
    let stats = index.stats();
    assert!(stats.grams > 0);
    for text in [
        "政",
        "务",
        "政务",
        "公开",
        "务公",
        "政务公开",
        "哈哈",
        "哈哈哈",
        "，哈",
        "的政务。",
        "gov",
        "gov data",
        "data 2019",
        "2019",
        "ᠭᠣ",
        "ᠭ\u{180B}ᠣ",
        "政务 公开 哈",
        "通知",
        "〔2019〕",
        "政 ，",
        "公开通知",
    ] {
        for limit in [0, 5, usize::MAX] {
            let query = Query {
                limit,
                ..Query::new(text)
            };
            assert_eq!(index.search(&query), results(&feed, &query), "{text:?}");
        }
    }
}

#[test]
fn a_heading_only_match_takes_its_snippet_from_the_opening_text() {
    let feed = common_feed(1);
    let index = SearchIndex::build_with(&feed, 1);
    let query = Query::new("通知");
    let r = index.search(&query);
    assert_eq!(r, results(&feed, &query));
    assert!(r
        .hits
        .iter()
        .all(|h| h.title_match && h.snippet.marks.is_empty()));
    assert!(r.hits.iter().any(|h| !h.snippet.is_empty()));
}

#[test]
fn marked_texts_come_apart_into_runs_that_make_the_text_again() {
    let m = Marked {
        text: "…政务公开，政务…".into(),
        marks: vec![3..9, 18..24],
    };
    let runs: Vec<(&str, bool)> = m.segments().map(|s| (s.text, s.marked)).collect();
    assert_eq!(
        runs,
        vec![
            ("…", false),
            ("政务", true),
            ("公开，", false),
            ("政务", true),
            ("…", false)
        ]
    );
    assert_eq!(Marked::default().segments().count(), 0);
    let all = Marked {
        text: "政务".into(),
        marks: std::iter::once(0..6).collect(),
    };
    assert_eq!(all.segments().map(|s| s.marked).collect::<Vec<_>>(), [true]);
}

#[test]
fn roles_weigh_occurrences_as_ranking_says() {
    // The summary's weights come from the roles; a change there would change the order.
    assert_eq!(Role::Title.weight(), 4);
    assert_eq!(Role::Number.weight(), 4);
    assert_eq!(Role::Summary.weight(), 2);
    assert_eq!(Role::Body.weight(), 1);
}
