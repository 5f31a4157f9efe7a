//! The reference search: a plain scan of every field of every item. Slow, obviously right, and
//! the yardstick the index is tested and benchmarked against.

use super::extract;
use super::normalize::normalize;
use super::terms::{find_all, parse_query};
use super::ItemKind;
use crate::model::Feed;

/// The items of `feed` that match `query` (every term somewhere in the item; see
/// [`crate::search`] for what a term match is), sorted by kind then id. No ranking, no filters.
pub fn naive_search(feed: &Feed, query: &str) -> Vec<(ItemKind, String)> {
    let terms = parse_query(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(ItemKind, String)> = extract::items(feed)
        .into_iter()
        .filter(|item| {
            let fields: Vec<Vec<char>> = item
                .fields
                .iter()
                .map(|(_, text)| normalize(text).chars().collect())
                .collect();
            terms
                .iter()
                .all(|term| fields.iter().any(|f| find_all(f, term).next().is_some()))
        })
        .map(|item| (item.kind, item.id.to_string()))
        .collect();
    found.sort();
    found
}
