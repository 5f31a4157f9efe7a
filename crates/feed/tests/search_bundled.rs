//! Search over the feed bundled with the app: real gazette text, Q&A and interpretations.

use gongkai_feed::parse::parse_feed;
use gongkai_feed::search::{naive_search, ItemKind, Query, SearchIndex};
use gongkai_feed::Feed;

fn bundled() -> Feed {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/feed/feed.json");
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_feed(&bytes).expect("the bundled feed parses")
}

fn found(index: &SearchIndex, query: &str) -> Vec<(ItemKind, String)> {
    let mut q = Query::new(query);
    q.limit = usize::MAX;
    let mut ids: Vec<(ItemKind, String)> = index
        .search(&q)
        .hits
        .into_iter()
        .map(|h| (h.kind, h.id))
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_sampled_substring_of_the_bundled_feed_finds_exactly_what_a_plain_scan_finds() {
    let feed = bundled();
    let index = SearchIndex::build(&feed);
    // Substrings of the real text: every title, and a sample of the bodies.
    let mut texts: Vec<String> = feed.documents.iter().map(|d| d.title.zh.clone()).collect();
    texts.extend(feed.qa.iter().map(|q| q.question.zh.clone()));
    texts.extend(feed.interpretations.iter().map(|i| i.title.zh.clone()));
    texts.extend(feed.documents.iter().filter_map(|d| d.number.clone()));
    for d in &feed.documents {
        for block in &d.body {
            if let gongkai_feed::Block::Paragraph { text } = block {
                texts.push(text.plain());
            }
        }
    }
    let mut queries: Vec<String> = Vec::new();
    for (t, text) in texts.iter().enumerate() {
        let chars: Vec<char> = text.chars().collect();
        for start in (t % 5..chars.len()).step_by(41) {
            for len in [1, 2, 4, 7] {
                if start + len <= chars.len() {
                    queries.push(chars[start..start + len].iter().collect());
                }
            }
        }
    }
    queries.sort();
    queries.dedup();
    assert!(queries.len() > 300, "{} queries", queries.len());
    for query in &queries {
        let ours = found(&index, query);
        assert_eq!(ours, naive_search(&feed, query), "query {query:?}");
    }
}

#[test]
fn the_work_plan_is_found_by_its_document_number_and_its_key_phrases() {
    let feed = bundled();
    let index = SearchIndex::build(&feed);
    for query in ["政务公开工作要点", "〔2019〕", "政策解读", "回应关切"] {
        let results = index.search(&Query::new(query));
        assert!(results.total > 0, "{query}");
        let hit = &results.hits[0];
        assert!(
            !(hit.title.marks.is_empty()
                && hit.number.marks.is_empty()
                && hit.snippet.marks.is_empty()),
            "{query}: the best hit shows where it matched"
        );
    }
}
