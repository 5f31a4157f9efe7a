//! Search finds exactly the items whose normalised text contains every query term: no misses,
//! no false positives, whatever the characters.

use gongkai_feed::search::{naive_search, normalize, ItemKind, KindSet, Query, SearchIndex};
use gongkai_feed::{
    Agency, Block, Chart, Document, Feed, Image, Inlines, Interpretation, LocalText, Media, Panel,
    QaItem, Series,
};

fn para(text: &str) -> Block {
    Block::Paragraph {
        text: Inlines::text(text),
    }
}

fn qa(id: &str, question: &str, answer: &str, updated: &str) -> QaItem {
    QaItem {
        id: id.into(),
        question: question.into(),
        answer: vec![para(answer)],
        updated: updated.into(),
        ..QaItem::default()
    }
}

fn doc(
    id: &str,
    title: &str,
    number: Option<&str>,
    agency: &str,
    issued: &str,
    body: &[&str],
) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        number: number.map(str::to_string),
        agency: agency.into(),
        issued: issued.into(),
        body: body.iter().map(|p| para(p)).collect(),
        ..Document::default()
    }
}

/// A feed of Q&A items, one per text, with ids `q0`, `q1`, … and the text as the answer.
fn answers(texts: &[&str]) -> Feed {
    Feed {
        qa: texts
            .iter()
            .enumerate()
            .map(|(i, t)| qa(&format!("q{i}"), "问", t, "2019-01-01"))
            .collect(),
        ..Feed::default()
    }
}

fn ids(index: &SearchIndex, query: &str) -> Vec<String> {
    let mut q = Query::new(query);
    q.limit = usize::MAX;
    let mut found: Vec<String> = index.search(&q).hits.into_iter().map(|h| h.id).collect();
    found.sort();
    found
}

/// Asserts the index and the reference scan agree on `query`, and returns the ids.
fn agreed(feed: &Feed, index: &SearchIndex, query: &str) -> Vec<String> {
    let mut q = Query::new(query);
    q.limit = usize::MAX;
    let results = index.search(&q);
    let mut found: Vec<(ItemKind, String)> =
        results.hits.into_iter().map(|h| (h.kind, h.id)).collect();
    found.sort();
    assert_eq!(found, naive_search(feed, query), "query {query:?}");
    assert_eq!(results.total, found.len());
    found.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn queries_at_the_very_start_and_end_of_a_text_match() {
    let feed = answers(&["政务公开工作要点", "公开", "要点公开"]);
    let index = SearchIndex::build(&feed);
    assert_eq!(agreed(&feed, &index, "政务"), vec!["q0"]);
    assert_eq!(agreed(&feed, &index, "要点"), vec!["q0", "q2"]);
    assert_eq!(agreed(&feed, &index, "政务公开工作要点"), vec!["q0"]);
    assert_eq!(agreed(&feed, &index, "公开"), vec!["q0", "q1", "q2"]);
    assert!(agreed(&feed, &index, "政务公开工作要点。").is_empty());
}

#[test]
fn overlapping_repeats_match() {
    let feed = answers(&["哈哈哈哈", "哈哈", "哈", "哈啊哈哈"]);
    let index = SearchIndex::build(&feed);
    assert_eq!(agreed(&feed, &index, "哈哈哈"), vec!["q0"]);
    assert_eq!(agreed(&feed, &index, "哈哈哈哈"), vec!["q0"]);
    assert_eq!(agreed(&feed, &index, "哈哈"), vec!["q0", "q1", "q3"]);
    assert!(agreed(&feed, &index, "哈哈哈哈哈").is_empty());
    let mut q = Query::new("哈哈哈");
    q.limit = 10;
    assert_eq!(index.search(&q).hits[0].occurrences, 2);
}

#[test]
fn single_character_queries_find_every_item_with_that_character() {
    let feed = answers(&["决策公开", "执行", "公", "结果公开，管理公开"]);
    let index = SearchIndex::build(&feed);
    assert_eq!(agreed(&feed, &index, "公"), vec!["q0", "q2", "q3"]);
    assert_eq!(agreed(&feed, &index, "执"), vec!["q1"]);
    assert_eq!(agreed(&feed, &index, "，"), vec!["q3"]);
    assert!(agreed(&feed, &index, "无").is_empty());
}

#[test]
fn full_width_digits_and_letters_match_their_ascii_forms_both_ways() {
    let feed = answers(&["２０１９年", "2019年", "ＩＰｖ６", "ipv6"]);
    let index = SearchIndex::build(&feed);
    assert_eq!(agreed(&feed, &index, "2019"), vec!["q0", "q1"]);
    assert_eq!(agreed(&feed, &index, "２０１９年"), vec!["q0", "q1"]);
    assert_eq!(agreed(&feed, &index, "IPV6"), vec!["q2", "q3"]);
    assert_eq!(agreed(&feed, &index, "ｉｐ"), vec!["q2", "q3"]);
}

#[test]
fn chinese_mixed_with_latin_in_one_term_is_a_substring() {
    let feed = answers(&["推进IPv6改造工作", "IPv6", "改造", "开展ipv6改造"]);
    let index = SearchIndex::build(&feed);
    assert_eq!(agreed(&feed, &index, "IPV6改造"), vec!["q0", "q3"]);
    assert_eq!(agreed(&feed, &index, "v6改"), vec!["q0", "q3"]);
}

#[test]
fn punctuation_in_a_query_matches_literally() {
    let feed = Feed {
        documents: vec![
            doc(
                "d1",
                "关于印发要点的通知",
                Some("内政办发〔2019〕14号"),
                "a",
                "2019-05-01",
                &["正文"],
            ),
            doc(
                "d2",
                "另一个通知",
                Some("国办发[2019]14号"),
                "a",
                "2019-06-01",
                &["正文"],
            ),
        ],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    assert_eq!(agreed(&feed, &index, "〔2019〕"), vec!["d1"]);
    assert_eq!(agreed(&feed, &index, "〔2019〕14号"), vec!["d1"]);
    assert_eq!(agreed(&feed, &index, "［2019］"), vec!["d2"]);
    assert_eq!(agreed(&feed, &index, "14号"), vec!["d1", "d2"]);
    assert_eq!(agreed(&feed, &index, "2019"), vec!["d1", "d2"]);
}

#[test]
fn mongolian_matches_with_or_without_variation_selectors() {
    // ᠣᠯᠠᠨ ᠨᠡᠶᠢᠲᠡ (public), written once with a free variation selector and a vowel separator.
    let plain = "ᠣᠯᠠᠨ ᠨᠡᠶᠢᠲᠡ ᠳᠦ ᠨᠡᠭᠡᠭᠡᠯᠲᠡ";
    let marked = "ᠣ\u{180B}ᠯᠠᠨ ᠨᠡᠶᠢ\u{180C}ᠲᠡ\u{202F}ᠳᠦ ᠨᠡᠭᠡᠭᠡᠯᠲᠡ\u{180E}ᠠ";
    let feed = answers(&[plain, marked]);
    let index = SearchIndex::build(&feed);
    assert_eq!(agreed(&feed, &index, "ᠣᠯᠠᠨ"), vec!["q0", "q1"]);
    assert_eq!(agreed(&feed, &index, "ᠣ\u{180B}ᠯᠠᠨ"), vec!["q0", "q1"]);
    assert_eq!(agreed(&feed, &index, "ᠨᠡᠶᠢ\u{180D}ᠲᠡ"), vec!["q0", "q1"]);
    // The narrow no-break space joins a suffix: without it the word and suffix are one run.
    assert_eq!(agreed(&feed, &index, "ᠨᠡᠶᠢᠲᠡᠳᠦ"), vec!["q1"]);
    assert_eq!(normalize("ᠣ\u{180F}ᠯ"), "ᠣᠯ");
}

#[test]
fn every_term_must_match_somewhere_in_the_item() {
    let feed = Feed {
        documents: vec![
            doc(
                "d1",
                "政务公开工作要点",
                None,
                "a",
                "2019-01-01",
                &["推进决策公开"],
            ),
            doc("d2", "政务服务", None, "a", "2019-01-01", &["执行公开"]),
            doc("d3", "预算公开", None, "a", "2019-01-01", &["决策"]),
        ],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    assert_eq!(agreed(&feed, &index, "政务 决策"), vec!["d1"]);
    assert_eq!(agreed(&feed, &index, "公开  决策"), vec!["d1", "d3"]);
    assert_eq!(agreed(&feed, &index, "政务 公开 执行"), vec!["d2"]);
    assert!(agreed(&feed, &index, "政务 预算").is_empty());
}

#[test]
fn a_term_never_spans_two_fields_or_paragraphs() {
    let feed = Feed {
        documents: vec![doc(
            "d1",
            "政务",
            None,
            "a",
            "2019-01-01",
            &["公开", "透明"],
        )],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    assert!(agreed(&feed, &index, "政务公开").is_empty());
    assert!(agreed(&feed, &index, "开透").is_empty());
    assert_eq!(agreed(&feed, &index, "政务 透明"), vec!["d1"]);
}

#[test]
fn latin_words_are_case_insensitive_and_the_last_one_matches_as_a_prefix() {
    let feed = answers(&[
        "Open Government data",
        "ungoverned",
        "the GOV portal",
        "tax rules",
        "taxi rules",
    ]);
    let index = SearchIndex::build(&feed);
    assert_eq!(agreed(&feed, &index, "gov"), vec!["q0", "q2"]);
    assert_eq!(agreed(&feed, &index, "D"), vec!["q0"]);
    assert_eq!(agreed(&feed, &index, "r"), vec!["q3", "q4"]);
    assert_eq!(agreed(&feed, &index, "GOVERNMENT"), vec!["q0"]);
    // A finished word (followed by another term or a space) must match whole.
    assert_eq!(agreed(&feed, &index, "tax"), vec!["q3", "q4"]);
    assert_eq!(agreed(&feed, &index, "tax rul"), vec!["q3"]);
    assert_eq!(agreed(&feed, &index, "tax "), vec!["q3"]);
    assert_eq!(agreed(&feed, &index, "open gov"), vec!["q0"]);
    assert!(agreed(&feed, &index, "ope gov").is_empty());
    assert!(agreed(&feed, &index, "overned").is_empty());
}

#[test]
fn blank_queries_find_nothing() {
    let feed = answers(&["政务公开", " "]);
    let index = SearchIndex::build(&feed);
    for q in ["", "   ", "\u{3000}", "\n\t", "\u{180B}"] {
        let results = index.search(&Query::new(q));
        assert!(results.hits.is_empty() && results.total == 0, "{q:?}");
    }
}

#[test]
fn interpretation_panels_charts_images_and_transcripts_are_searchable() {
    let feed = Feed {
        interpretations: vec![Interpretation {
            id: "i1".into(),
            title: "图解政务公开".into(),
            summary: "一图读懂".into(),
            agency: "a".into(),
            published: "2019-05-01".into(),
            panels: vec![
                Panel::Image(Image {
                    alt: "流程示意图".into(),
                    caption: Some("办理流程".into()),
                    ..Image::default()
                }),
                Panel::Text {
                    body: vec![para("第一步，提交申请")],
                },
                Panel::Chart(Chart {
                    title: "预算支出".into(),
                    labels: vec!["教育".into(), "医疗".into()],
                    series: vec![Series {
                        name: "决算".into(),
                        values: vec![1.0, 2.0],
                    }],
                    ..Chart::default()
                }),
                Panel::Audio(Media {
                    title: "政策广播".into(),
                    transcript: vec![para("听众朋友们好")],
                    ..Media::default()
                }),
            ],
            ..Interpretation::default()
        }],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    for q in [
        "一图读懂",
        "流程示意",
        "办理流程",
        "提交申请",
        "预算支出",
        "医疗",
        "决算",
        "政策广播",
        "听众朋友",
    ] {
        assert_eq!(agreed(&feed, &index, q), vec!["i1"], "{q}");
    }
}

#[test]
fn documents_are_found_by_number_agency_name_and_translations() {
    let mut feed = Feed {
        agencies: vec![Agency {
            id: "nmg-gov-office".into(),
            name: "内蒙古自治区人民政府办公厅".into(),
            site: None,
        }],
        documents: vec![doc(
            "d1",
            "通知",
            Some("内政办发〔2019〕14号"),
            "nmg-gov-office",
            "2019-05-01",
            &["正文"],
        )],
        ..Feed::default()
    };
    feed.documents[0].title = LocalText {
        zh: "通知".into(),
        mn: None,
        en: Some("Notice on Openness".into()),
    };
    let index = SearchIndex::build(&feed);
    assert_eq!(agreed(&feed, &index, "内政办发"), vec!["d1"]);
    assert_eq!(agreed(&feed, &index, "人民政府办公厅"), vec!["d1"]);
    assert_eq!(agreed(&feed, &index, "openness"), vec!["d1"]);
}

fn filter_feed() -> Feed {
    Feed {
        documents: vec![
            doc("d1", "公开通知", None, "a", "2019-05-01", &["公开"]),
            doc("d2", "公开办法", None, "b", "2018-03-01", &["公开"]),
            doc("d3", "公开意见", None, "a", "2018-07-01", &["公开"]),
        ],
        qa: vec![qa("q1", "怎样申请公开？", "依申请公开", "2019-02-01")],
        interpretations: vec![Interpretation {
            id: "i1".into(),
            title: "图解公开".into(),
            agency: "b".into(),
            published: "2019-08-01".into(),
            documents: vec!["d1".into()],
            ..Interpretation::default()
        }],
        ..Feed::default()
    }
}

#[test]
fn kind_filter_keeps_the_counts_of_every_kind() {
    let feed = filter_feed();
    let index = SearchIndex::build(&feed);
    let mut q = Query::new("公开");
    q.kinds = KindSet::only(ItemKind::Document);
    let r = index.search(&q);
    assert_eq!(r.total, 3);
    assert!(r.hits.iter().all(|h| h.kind == ItemKind::Document));
    assert_eq!(r.counts_by_kind, [1, 1, 3]);
    q.kinds = [ItemKind::Qa, ItemKind::Interpretation]
        .into_iter()
        .collect();
    let r = index.search(&q);
    assert_eq!(r.total, 2);
    assert_eq!(r.counts_by_kind, [1, 1, 3]);
}

#[test]
fn agency_and_year_filters_narrow_the_hits_and_facets_count_the_rest() {
    let mut feed = filter_feed();
    // A question takes the agency of the document it is answered by.
    feed.qa[0].documents = vec!["d2".into()];
    let index = SearchIndex::build(&feed);
    let all = index.search(&Query::new("公开"));
    assert_eq!(all.total, 5);
    assert_eq!(all.years, vec![(2019, 3), (2018, 2)]);
    assert_eq!(
        all.agencies,
        vec![("b".to_string(), 3), ("a".to_string(), 2)]
    );

    let mut q = Query::new("公开");
    q.agency = Some("a".into());
    let r = index.search(&q);
    assert_eq!(ids_of(&r), vec!["d1", "d3"]);
    assert_eq!(r.counts_by_kind, [0, 0, 2]);
    assert_eq!(r.years, vec![(2019, 1), (2018, 1)]);
    // The agency facet ignores the agency filter, so the reader can switch agency.
    assert_eq!(r.agencies, all.agencies);

    q.year = Some(2018);
    let r = index.search(&q);
    assert_eq!(ids_of(&r), vec!["d3"]);
    assert_eq!(r.years, vec![(2019, 1), (2018, 1)]);
    assert_eq!(r.agencies, vec![("a".to_string(), 1), ("b".to_string(), 1)]);

    q.agency = Some("no-such-agency".into());
    assert_eq!(index.search(&q).total, 0);
}

fn ids_of(r: &gongkai_feed::search::SearchResults) -> Vec<String> {
    let mut v: Vec<String> = r.hits.iter().map(|h| h.id.clone()).collect();
    v.sort();
    v
}

#[test]
fn limit_cuts_the_hits_but_not_the_total() {
    let texts: Vec<String> = (0..50).map(|i| format!("第{i}条 公开")).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let index = SearchIndex::build(&answers(&refs));
    let mut q = Query::new("公开");
    q.limit = 7;
    let r = index.search(&q);
    assert_eq!(r.hits.len(), 7);
    assert_eq!(r.total, 50);
    q.limit = 0;
    let r = index.search(&q);
    assert!(r.hits.is_empty());
    assert_eq!(r.total, 50);
    assert_eq!(
        ids(&index, "第4"),
        vec!["q4", "q40", "q41", "q42", "q43", "q44", "q45", "q46", "q47", "q48", "q49"]
    );
}

/// A deterministic generator (xorshift64*), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn the_index_agrees_with_a_plain_scan_on_every_substring_of_random_texts() {
    // A small alphabet makes repeats, overlaps and near misses common; the odd full-width
    // letter, space, variation selector and Latin letter exercise normalisation and word rules.
    let alphabet: Vec<char> = "政务公开哈哈要点的了，。〔〕2019ａＡb\u{3000} \u{180B}ᠣ"
        .chars()
        .collect();
    let weights: Vec<usize> = alphabet
        .iter()
        .map(|c| {
            if "政务公开哈的".contains(*c) {
                6
            } else {
                1
            }
        })
        .collect();
    let total_weight: usize = weights.iter().sum();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let pick = |rng: &mut Rng| {
        let mut r = rng.below(total_weight);
        for (c, w) in alphabet.iter().zip(&weights) {
            if r < *w {
                return *c;
            }
            r -= w;
        }
        unreachable!()
    };
    let texts: Vec<String> = (0..60)
        .map(|_| {
            let len = rng.below(40);
            (0..len).map(|_| pick(&mut rng)).collect()
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let feed = answers(&refs);
    let index = SearchIndex::build(&feed);

    let mut queries: Vec<String> = Vec::new();
    for text in &texts {
        let chars: Vec<char> = text.chars().collect();
        for start in 0..chars.len() {
            for len in 1..=6 {
                if start + len <= chars.len() {
                    queries.push(chars[start..start + len].iter().collect());
                }
            }
        }
    }
    // And strings that are in no text.
    for _ in 0..300 {
        let len = 1 + rng.below(6);
        queries.push((0..len).map(|_| pick(&mut rng)).collect());
    }
    queries.sort();
    queries.dedup();
    assert!(queries.len() > 3000, "{} queries", queries.len());
    for query in &queries {
        agreed(&feed, &index, query);
    }
}

#[test]
fn the_index_agrees_with_a_plain_scan_on_random_multi_field_items_and_multi_term_queries() {
    // Documents with a title, a 文号 and several paragraphs, Latin words among the Chinese:
    // matches in any field, never across two, and AND over terms in different fields.
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let syllables = [
        "政务", "公开", "要点", "gov", "Open", "data", "2019", "〔", "〕", "号", " ", "，",
    ];
    let phrase = |rng: &mut Rng, words: usize| -> String {
        (0..words)
            .map(|_| syllables[rng.below(syllables.len())])
            .collect()
    };
    let documents: Vec<Document> = (0..40)
        .map(|i| {
            let paragraphs: Vec<String> = (0..rng.below(4))
                .map(|_| {
                    let words = 1 + rng.below(8);
                    phrase(&mut rng, words)
                })
                .collect();
            let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            let number = phrase(&mut rng, 3);
            let title = {
                let words = 1 + rng.below(4);
                phrase(&mut rng, words)
            };
            doc(
                &format!("d{i}"),
                &title,
                Some(&number),
                "a",
                "2019-01-01",
                &refs,
            )
        })
        .collect();
    let feed = Feed {
        documents,
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    let mut hits = 0;
    for _ in 0..3000 {
        let terms = 1 + rng.below(3);
        let query: Vec<String> = (0..terms)
            .map(|_| {
                let p = {
                    let words = 1 + rng.below(2);
                    phrase(&mut rng, words)
                };
                let chars: Vec<char> = p.chars().collect();
                let start = rng.below(chars.len());
                let len = 1 + rng.below(chars.len() - start);
                chars[start..start + len].iter().collect()
            })
            .collect();
        let trailing = if rng.below(4) == 0 { " " } else { "" };
        hits += agreed(&feed, &index, &format!("{}{trailing}", query.join(" "))).len();
    }
    assert!(hits > 3000, "the queries should find things: {hits} hits");
}
