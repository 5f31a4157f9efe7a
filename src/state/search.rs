//! The search index, built from the loaded feed the first time the search page asks for it,
//! and kept until the feed changes (readers who never search never pay for it).
//!
//! The building happens inside [`SearchHandle::index`], which only the search page calls: so
//! the index code is in the search page's wasm chunk, not in the main module every first
//! visit downloads.

use crate::state::feed::{use_feed, FeedStore};
use gongkai_feed::catalog::Catalog;
use gongkai_feed::search::SearchIndex;
use leptos::prelude::*;
use std::sync::Arc;

/// The index and the catalog it was built from (compared by identity: a new feed is a new
/// catalog).
type Built = (Arc<Catalog>, Arc<SearchIndex>);

#[derive(Clone, Copy)]
pub struct SearchHandle {
    feed: FeedStore,
    built: StoredValue<Option<Built>, LocalStorage>,
}

impl SearchHandle {
    /// The index of the feed being shown (reactive: a new feed gives a new index).
    pub fn index(&self) -> Option<Arc<SearchIndex>> {
        let catalog = self.feed.catalog()?;
        if let Some((from, index)) = self.built.get_value() {
            if Arc::ptr_eq(&from, &catalog) {
                return Some(index);
            }
        }
        let index = Arc::new(SearchIndex::build(catalog.feed()));
        self.built.set_value(Some((catalog, index.clone())));
        Some(index)
    }
}

pub fn provide_search() {
    provide_context(SearchHandle {
        feed: use_feed(),
        built: StoredValue::new_local(None),
    });
}

pub fn use_search() -> SearchHandle {
    expect_context::<SearchHandle>()
}

const RECENT_KEY: &str = "recent-searches";
const RECENT_MAX: usize = 6;

/// Recent searches kept on the device (newest first). Nothing leaves the device.
pub fn recent_searches() -> Vec<String> {
    crate::platform::storage::get(RECENT_KEY)
        .ok()
        .flatten()
        .map(|s| {
            s.split('\n')
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

pub fn remember_search(query: &str) {
    let query = query.trim();
    if query.is_empty() {
        return;
    }
    let mut list = recent_searches();
    list.retain(|q| q != query);
    list.insert(0, query.to_string());
    list.truncate(RECENT_MAX);
    // Not being able to remember a search is harmless; the search itself worked.
    let _ = crate::platform::storage::set(RECENT_KEY, &list.join("\n"));
}
