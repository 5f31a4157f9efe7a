//! Search results in the order a reader expects, with snippets cut and marked correctly.

use gongkai_feed::search::{ItemKind, Marked, Query, SearchIndex, Segment};
use gongkai_feed::{Block, Document, Feed, Inlines, Interpretation, QaItem};

fn para(text: &str) -> Block {
    Block::Paragraph {
        text: Inlines::text(text),
    }
}

fn doc(id: &str, title: &str, number: Option<&str>, issued: &str, body: &[&str]) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        number: number.map(str::to_string),
        agency: "a".into(),
        issued: issued.into(),
        body: body.iter().map(|p| para(p)).collect(),
        ..Document::default()
    }
}

fn order(index: &SearchIndex, query: &str) -> Vec<String> {
    let mut q = Query::new(query);
    q.limit = 100;
    index.search(&q).hits.into_iter().map(|h| h.id).collect()
}

/// The segments as text with marked runs in brackets, e.g. `…推进[政务公开]工作`.
fn show(text: &Marked) -> String {
    text.segments()
        .map(|s| {
            if s.marked {
                format!("[{}]", s.text)
            } else {
                s.text.to_string()
            }
        })
        .collect()
}

fn first_hit(index: &SearchIndex, query: &str) -> gongkai_feed::search::Hit {
    index
        .search(&Query::new(query))
        .hits
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no hit for {query:?}"))
}

#[test]
fn title_matches_rank_above_body_matches_however_many() {
    let feed = Feed {
        documents: vec![
            doc(
                "body-many",
                "通知",
                None,
                "2020-01-01",
                &["公开公开公开公开公开公开"],
            ),
            doc("title", "公开通知", None, "2018-01-01", &["无"]),
        ],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    assert_eq!(order(&index, "公开"), vec!["title", "body-many"]);
    let hits = index.search(&Query::new("公开")).hits;
    assert!(hits[0].title_match && !hits[1].title_match);
    assert!(hits[0].score > hits[1].score);
    assert_eq!(hits[1].occurrences, 6);
}

#[test]
fn a_document_number_match_counts_as_a_title_match() {
    let feed = Feed {
        documents: vec![
            doc(
                "body",
                "通知",
                None,
                "2020-01-01",
                &["依据内政办发〔2019〕14号文件"],
            ),
            doc(
                "number",
                "通知",
                Some("内政办发〔2019〕14号"),
                "2018-01-01",
                &["正文"],
            ),
        ],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    assert_eq!(order(&index, "〔2019〕14号"), vec!["number", "body"]);
    let hit = first_hit(&index, "〔2019〕");
    assert_eq!(show(&hit.number), "内政办发[〔2019〕]14号");
    assert_eq!(show(&hit.title), "通知");
    let body_hit = &index.search(&Query::new("〔2019〕")).hits[1];
    assert!(body_hit.number.is_empty());
}

#[test]
fn more_occurrences_rank_higher_then_newer_then_by_id() {
    let feed = Feed {
        documents: vec![
            doc("once-new", "通知", None, "2020-01-01", &["公开"]),
            doc("twice-old", "通知", None, "2010-01-01", &["公开", "再公开"]),
            doc("once-old-b", "通知", None, "2015-01-01", &["公开"]),
            doc("once-old-a", "通知", None, "2015-01-01", &["公开"]),
        ],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    assert_eq!(
        order(&index, "公开"),
        vec!["twice-old", "once-new", "once-old-a", "once-old-b"]
    );
}

#[test]
fn items_matching_more_terms_in_the_title_rank_first() {
    let feed = Feed {
        documents: vec![
            doc("one", "政务服务", None, "2020-01-01", &["公开"]),
            doc("both", "政务公开", None, "2010-01-01", &["无"]),
        ],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    assert_eq!(order(&index, "政务 公开"), vec!["both", "one"]);
}

#[test]
fn the_top_hits_are_the_same_whatever_the_limit() {
    let body: Vec<String> = (0..40).map(|i| "公开".repeat(i % 7 + 1)).collect();
    let feed = Feed {
        documents: (0..40)
            .map(|i| {
                doc(
                    &format!("d{i:02}"),
                    "通知",
                    None,
                    &format!("20{:02}-01-01", i % 9),
                    &[&body[i]],
                )
            })
            .collect(),
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    let all = order(&index, "公开");
    for limit in [1, 5, 13, 39] {
        let mut q = Query::new("公开");
        q.limit = limit;
        let top: Vec<String> = index.search(&q).hits.into_iter().map(|h| h.id).collect();
        assert_eq!(top, all[..limit], "limit {limit}");
    }
}

#[test]
fn titles_are_marked_where_each_term_occurs() {
    let feed = Feed {
        qa: vec![QaItem {
            id: "q1".into(),
            question: "怎样申请政府信息公开？政府会答复吗".into(),
            answer: vec![para("可以。")],
            ..QaItem::default()
        }],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    let hit = first_hit(&index, "政府 公开");
    assert_eq!(hit.kind, ItemKind::Qa);
    assert_eq!(show(&hit.title), "怎样申请[政府]信息[公开]？[政府]会答复吗");
    // Adjacent and overlapping occurrences are one mark.
    assert_eq!(
        show(&first_hit(&index, "政府信息 信息公开").title),
        "怎样申请[政府信息公开]？政府会答复吗"
    );
    // Only a title match: the snippet is the start of the answer.
    assert_eq!(show(&hit.snippet), "可以。");
}

#[test]
fn a_long_body_is_cut_around_the_first_match_with_ellipses() {
    let before = "一二三四五六七八九十".repeat(3);
    let after = "甲乙丙丁戊己庚辛壬癸".repeat(6);
    let body = format!("{before}政务公开{after}");
    let feed = Feed {
        documents: vec![doc("d1", "通知", None, "2019-01-01", &[&body])],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    let hit = first_hit(&index, "政务公开");
    let text = show(&hit.snippet);
    assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
    let inner: String = text.trim_matches('…').replace(['[', ']'], "");
    let count = inner.chars().count();
    assert!((40..=60).contains(&count), "{count} characters: {text}");
    // Twelve characters of context before the match.
    assert!(
        text.starts_with("…九十一二三四五六七八九十[政务公开]甲乙"),
        "{text}"
    );
    assert_eq!(hit.snippet.segments().filter(|s| s.marked).count(), 1);
}

#[test]
fn a_match_near_the_end_fills_the_window_from_before() {
    let body = format!("{}政务公开。", "一二三四五六七八九十".repeat(8));
    let feed = Feed {
        documents: vec![doc("d1", "通知", None, "2019-01-01", &[&body])],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    let text = show(&first_hit(&index, "公开").snippet);
    assert!(
        text.starts_with('…') && text.ends_with("政务[公开]。"),
        "{text}"
    );
    assert_eq!(text.trim_start_matches('…').chars().count(), 50 + 2);
}

#[test]
fn every_occurrence_in_the_window_is_marked_and_snippets_show_the_original_text() {
    let body = "２０１９年，ＩＰｖ６改造完成；IPV6改造继续推进。";
    let feed = Feed {
        documents: vec![doc("d1", "通知", None, "2019-01-01", &[body])],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    let hit = first_hit(&index, "ipv6改造");
    assert_eq!(
        show(&hit.snippet),
        "２０１９年，[ＩＰｖ６改造]完成；[IPV6改造]继续推进。"
    );
    let hit = first_hit(&index, "2019");
    assert_eq!(
        show(&hit.snippet),
        "[２０１９]年，ＩＰｖ６改造完成；IPV6改造继续推进。"
    );
}

#[test]
fn snippets_never_split_a_character_and_keep_variation_selectors_with_their_letter() {
    // Mongolian with selectors, plus emoji and CJK extension B: all multi-byte.
    let body = format!("{}ᠣ\u{180B}ᠯᠠᠨ{}", "𠀀😀政".repeat(20), "务𠀁".repeat(40));
    let feed = Feed {
        documents: vec![doc("d1", "通知", None, "2019-01-01", &[&body])],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    let hit = first_hit(&index, "ᠣᠯᠠᠨ");
    let marked: Vec<Segment> = hit.snippet.segments().filter(|s| s.marked).collect();
    assert_eq!(marked.len(), 1);
    assert_eq!(marked[0].text, "ᠣ\u{180B}ᠯᠠᠨ");
    let joined = &hit.snippet.text;
    let stripped = joined.trim_matches('…');
    assert!(body.contains(stripped), "{joined}");
}

#[test]
fn latin_snippets_do_not_cut_words_in_half() {
    let body = "The people's government of the autonomous region publishes its budgets, \
                decisions and their execution, and answers public concerns about open government.";
    let feed = Feed {
        interpretations: vec![Interpretation {
            id: "i1".into(),
            title: "解读".into(),
            summary: body.into(),
            ..Interpretation::default()
        }],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    let text = show(&first_hit(&index, "execution").snippet);
    assert!(text.contains("[execution]"), "{text}");
    assert!(!text.starts_with("… ") && !text.ends_with(" …"), "{text}");
    let words: Vec<&str> = body.split([' ', ',', '.']).collect();
    for piece in text
        .trim_matches('…')
        .replace(['[', ']'], "")
        .split([' ', ',', '.'])
    {
        assert!(words.contains(&piece), "{piece:?} is half a word in {text}");
    }
}

#[test]
fn line_breaks_in_text_show_as_spaces_in_snippets() {
    let feed = Feed {
        documents: vec![doc(
            "d1",
            "通知",
            None,
            "2019-01-01",
            &["第一行\n第二行公开"],
        )],
        ..Feed::default()
    };
    let index = SearchIndex::build(&feed);
    assert_eq!(
        show(&first_hit(&index, "公开").snippet),
        "第一行 第二行[公开]"
    );
}
