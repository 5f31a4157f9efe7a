//! The search index, built once from the loaded feed the first time a page asks for it (memos
//! are lazy, so readers who never search never pay for it).

use crate::state::feed::use_feed;
use gongkai_feed::search::SearchIndex;
use leptos::prelude::*;
use std::sync::Arc;

/// A shared index, compared by identity (rebuilding is what changes it).
#[derive(Clone)]
struct SharedIndex(Arc<SearchIndex>);

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, Copy)]
pub struct SearchHandle(Memo<Option<SharedIndex>>);

impl SearchHandle {
    pub fn index(&self) -> Option<Arc<SearchIndex>> {
        self.0.get().map(|s| s.0)
    }
}

pub fn provide_search() {
    let feed = use_feed();
    let index = Memo::new(move |_| {
        feed.catalog()
            .map(|c| SharedIndex(Arc::new(SearchIndex::build(c.feed()))))
    });
    provide_context(SearchHandle(index));
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
