//! The catalog over `fixtures/valid/full.json` plus small feeds built for one behaviour each.

use gongkai_feed::catalog::{outline, Catalog, OutlineEntry};
use gongkai_feed::parse::parse_feed;
use gongkai_feed::{Block, Feed, GazetteIssue, GazetteSection, Inlines, Interpretation, QaItem};

fn full() -> Catalog {
    Catalog::new(parse_feed(include_bytes!("../fixtures/valid/full.json")).unwrap())
}

fn ids<T>(items: &[&T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| id(i).to_string()).collect()
}

fn qa_ids(items: &[&QaItem]) -> Vec<String> {
    ids(items, |q| &q.id)
}

fn interpretation_ids(items: &[&Interpretation]) -> Vec<String> {
    ids(items, |x| &x.id)
}

#[test]
fn items_are_found_by_id() {
    let c = full();
    assert_eq!(
        c.document("nmg-2019-15").map(|d| d.title.zh.as_str()),
        Some("关于做好2019年预算公开工作的通知")
    );
    assert_eq!(
        c.qa("q-yusuan").map(|q| q.updated.as_str()),
        Some("2019-06-12")
    );
    assert!(c.interpretation("i-2019-yaodian").is_some());
    assert_eq!(c.issue("2018-24").map(|g| g.number), Some(24));
    assert_eq!(
        c.agency("nmg-finance").map(|a| a.name.zh.as_str()),
        Some("内蒙古自治区财政厅")
    );
    assert!(c.topic("openness").is_some());
    assert!(c.document("missing").is_none());
    assert!(c.qa("nmg-2019-15").is_none());
}

#[test]
fn qa_citing_a_document_includes_answers_that_only_mention_it_inline() {
    let c = full();
    // q-zhengce-jiedu lists nmg-2019-14 and also refers to it inline: listed once.
    assert_eq!(qa_ids(&c.qa_citing("nmg-2019-14")), ["q-zhengce-jiedu"]);
    assert_eq!(qa_ids(&c.qa_citing("nmg-2019-15")), ["q-yusuan"]);
    assert!(c.qa_citing("nmg-2018-30").is_empty());
    assert!(c.qa_citing("missing").is_empty());
}

#[test]
fn interpretations_citing_a_document_are_newest_first_and_include_inline_refs() {
    let c = full();
    // i-2019-yusuan (2019-06-11) interprets nmg-2019-15 but refers to nmg-2019-14 in a panel.
    assert_eq!(
        interpretation_ids(&c.interpretations_citing("nmg-2019-14")),
        ["i-2019-yusuan", "i-2019-yaodian"]
    );
    assert_eq!(
        interpretation_ids(&c.interpretations_citing("nmg-2019-15")),
        ["i-2019-yusuan"]
    );
}

#[test]
fn the_issue_carrying_a_document_comes_with_its_section() {
    let c = full();
    let (issue, section): (&GazetteIssue, &GazetteSection) =
        c.issue_carrying("nmg-2019-15").unwrap();
    assert_eq!(issue.id, "2019-12");
    assert_eq!(section.title.zh, "部门文件");
    assert!(c.issue_carrying("missing").is_none());
}

#[test]
fn neighbours_in_an_issue_run_across_section_breaks() {
    let c = full();
    let (prev, next) = c.neighbours_in_issue("nmg-2019-14");
    assert!(prev.is_none());
    assert_eq!(next.map(|d| d.id.as_str()), Some("nmg-2019-15"));
    let (prev, next) = c.neighbours_in_issue("nmg-2019-15");
    assert_eq!(prev.map(|d| d.id.as_str()), Some("nmg-2019-14"));
    assert!(next.is_none());
    let (prev, next) = c.neighbours_in_issue("nmg-2018-30");
    assert!(prev.is_none() && next.is_none());
}

#[test]
fn documents_of_an_issue_are_in_printed_order() {
    let c = full();
    let docs = c.documents_in_issue("2019-12");
    assert_eq!(ids(&docs, |d| &d.id), ["nmg-2019-14", "nmg-2019-15"]);
    assert!(c.documents_in_issue("missing").is_empty());
}

#[test]
fn issues_are_grouped_by_year_newest_first() {
    let mut feed: Feed =
        gongkai_feed::parse::decode_feed(include_bytes!("../fixtures/valid/full.json")).unwrap();
    let mut extra = feed.gazette[0].clone();
    extra.id = "2019-13".into();
    extra.number = 13;
    extra.published = "2019-07-15".into();
    feed.gazette.push(extra);
    let mut old = feed.gazette[1].clone();
    old.id = "2018-01".into();
    old.number = 1;
    old.published = "2018-01-15".into();
    feed.gazette.insert(0, old);
    let c = Catalog::new(feed);
    let groups: Vec<(u16, Vec<String>)> = c
        .issues_by_year()
        .into_iter()
        .map(|(y, issues)| (y, ids(&issues, |g| &g.id)))
        .collect();
    assert_eq!(
        groups,
        [
            (2019, vec!["2019-13".to_string(), "2019-12".to_string()]),
            (2018, vec!["2018-24".to_string(), "2018-01".to_string()]),
        ]
    );
}

#[test]
fn lists_are_newest_first() {
    let c = full();
    assert_eq!(
        ids(&c.documents_newest_first(), |d| &d.id),
        ["nmg-2019-15", "nmg-2019-14", "nmg-2018-30"]
    );
    assert_eq!(
        qa_ids(&c.qa_newest_first()),
        ["q-yusuan", "q-zhengce-jiedu"]
    );
    assert_eq!(
        interpretation_ids(&c.interpretations_newest_first()),
        ["i-2019-yusuan", "i-2019-yaodian"]
    );
}

#[test]
fn equal_dates_keep_feed_order() {
    let mut feed = Feed::default();
    for id in ["a", "b", "c"] {
        feed.qa.push(QaItem {
            id: id.into(),
            updated: "2019-01-01".into(),
            ..QaItem::default()
        });
    }
    assert_eq!(
        qa_ids(&Catalog::new(feed).qa_newest_first()),
        ["a", "b", "c"]
    );
}

fn qa(id: &str, topics: &[&str], documents: &[&str], updated: &str) -> QaItem {
    QaItem {
        id: id.into(),
        topics: topics.iter().map(|s| s.to_string()).collect(),
        documents: documents.iter().map(|s| s.to_string()).collect(),
        updated: updated.into(),
        ..QaItem::default()
    }
}

#[test]
fn related_qa_ranks_a_shared_document_above_a_shared_topic_and_excludes_itself() {
    let feed = Feed {
        qa: vec![
            qa("me", &["t1"], &["d1"], "2019-01-01"),
            qa("same-topic-new", &["t1"], &[], "2019-05-01"),
            qa("same-doc", &[], &["d1"], "2019-02-01"),
            qa("both", &["t1"], &["d1"], "2019-01-15"),
            qa("unrelated", &["t2"], &["d2"], "2019-06-01"),
            qa("same-topic-old", &["t1"], &[], "2018-01-01"),
        ],
        ..Feed::default()
    };
    let c = Catalog::new(feed);
    assert_eq!(
        qa_ids(&c.related_qa("me")),
        ["both", "same-doc", "same-topic-new", "same-topic-old"]
    );
    assert!(c.related_qa("missing").is_empty());
}

#[test]
fn interpretation_neighbours_follow_newest_first_order() {
    let c = full();
    let (newer, older) = c.interpretation_neighbours("i-2019-yusuan");
    assert!(newer.is_none());
    assert_eq!(older.map(|x| x.id.as_str()), Some("i-2019-yaodian"));
    let (newer, older) = c.interpretation_neighbours("i-2019-yaodian");
    assert_eq!(newer.map(|x| x.id.as_str()), Some("i-2019-yusuan"));
    assert!(older.is_none());
    let (newer, older) = c.interpretation_neighbours("missing");
    assert!(newer.is_none() && older.is_none());
}

#[test]
fn the_catalog_owns_the_feed_it_indexes() {
    let c = full();
    assert_eq!(c.feed().documents.len(), 3);
}

#[test]
fn outline_anchors_use_heading_ids_or_their_position() {
    let c = full();
    let body = &c.document("nmg-2019-14").unwrap().body;
    assert_eq!(
        outline(body),
        [
            OutlineEntry {
                block_index: 1,
                level: 1,
                anchor: "s-1".into(),
                text: "一、着眼稳定预期,抓好政策解读和回应关切".into(),
            },
            OutlineEntry {
                block_index: 2,
                level: 2,
                anchor: "jiedu".into(),
                text: "(一)深入解读重要政策措施".into(),
            },
        ]
    );
}

#[test]
fn outline_anchors_count_headings_not_blocks() {
    let heading = |t: &str| Block::Heading {
        level: 2,
        text: Inlines::text(t),
        id: None,
    };
    let para = Block::Paragraph {
        text: Inlines::text("正文"),
    };
    let body = vec![
        para.clone(),
        heading("甲"),
        para.clone(),
        para,
        heading("乙"),
    ];
    let anchors: Vec<(usize, String)> = outline(&body)
        .into_iter()
        .map(|e| (e.block_index, e.anchor))
        .collect();
    assert_eq!(anchors, [(1, "s-1".to_string()), (4, "s-2".to_string())]);
}

#[test]
fn the_imported_seed_has_an_outline_of_five_parts_and_eighteen_items() {
    use gongkai_feed::import::{import_text, ImportOptions};
    let doc = import_text(
        include_str!("../fixtures/nmg-2019-zhengwu-gongkai-gongzuo-yaodian.txt"),
        ImportOptions {
            id: "seed".into(),
            ..ImportOptions::default()
        },
    )
    .unwrap();
    let entries = outline(&doc.body);
    assert_eq!(entries.iter().filter(|e| e.level == 1).count(), 5);
    assert_eq!(entries.iter().filter(|e| e.level == 2).count(), 18);
    assert_eq!(entries[0].anchor, "s-1");
    assert_eq!(entries[22].anchor, "s-23");
}
