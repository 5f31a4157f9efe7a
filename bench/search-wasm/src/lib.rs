//! The feed's search index for the browser benchmark (`bench/search.mjs`): built in the release
//! profile of the app and called from the benchmark page through wasm-bindgen.
//!
//! One index at a time lives in a thread-local. A counting allocator tells how much memory the
//! index holds once the feed it was built from is dropped, which is the figure comparable to the
//! JavaScript heap the baseline libraries keep.

use gongkai_feed::parse::parse_feed;
use gongkai_feed::search::{naive_search, ItemKind, Query, SearchIndex};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::RefCell;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `performance.now()` of the page, so that the split between parsing and indexing is
    /// measured on the same clock as everything else.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// The system allocator, counting the bytes in use and their high-water mark.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            grew(new_size);
        }
        p
    }
}

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

thread_local! {
    static INDEX: RefCell<Option<SearchIndex>> = const { RefCell::new(None) };
}

/// Parses and validates `feed_json` as the app does, then indexes it, replacing any earlier
/// index. Returns `{"parse_ms": …, "index_ms": …, "items": …}`: the parse is timed apart
/// because the app parses the feed to show it whether or not anyone searches.
#[wasm_bindgen]
pub fn build_index(feed_json: &str) -> Result<String, JsValue> {
    INDEX.with(|i| i.borrow_mut().take());
    let t0 = performance_now();
    let feed = parse_feed(feed_json.as_bytes()).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let t1 = performance_now();
    let index = SearchIndex::build(&feed);
    let t2 = performance_now();
    drop(feed);
    let items = index.len();
    INDEX.with(|i| *i.borrow_mut() = Some(index));
    Ok(format!(
        "{{\"parse_ms\":{},\"index_ms\":{},\"items\":{items}}}",
        t1 - t0,
        t2 - t1
    ))
}

fn with_index<T>(f: impl FnOnce(&SearchIndex) -> T) -> T {
    INDEX.with(|i| f(i.borrow().as_ref().expect("build_index runs first")))
}

/// Runs `q` as the search page does (the first 20 hits with their snippets) and returns how many
/// items match in all.
#[wasm_bindgen]
pub fn query(q: &str) -> u32 {
    with_index(|index| index.search(&Query::new(q)).total as u32)
}

/// Runs `q` for its counts only (total, per kind, agency and year), without hits or snippets:
/// tells how much of a query's time goes into the hits it shows.
#[wasm_bindgen]
pub fn query_count(q: &str) -> u32 {
    with_index(|index| {
        let mut query = Query::new(q);
        query.limit = 0;
        index.search(&query).total as u32
    })
}

/// Every item matching `q`, as `kind:id` keys separated by newlines, for the exactness check.
#[wasm_bindgen]
pub fn query_ids(q: &str) -> String {
    with_index(|index| {
        let mut query = Query::new(q);
        query.limit = usize::MAX;
        let mut out = String::new();
        for hit in index.search(&query).hits {
            let _ = writeln!(out, "{}:{}", kind_name(hit.kind), hit.id);
        }
        out
    })
}

/// The index's own size figures, as JSON.
#[wasm_bindgen]
pub fn stats() -> String {
    with_index(|index| {
        let s = index.stats();
        format!(
            "{{\"items\":{},\"fields\":{},\"chars\":{},\"grams\":{},\"postings_bytes\":{},\
             \"text_bytes\":{},\"heap_bytes\":{}}}",
            s.items, s.fields, s.chars, s.grams, s.postings_bytes, s.text_bytes, s.heap_bytes
        )
    })
}

/// Bytes allocated now.
#[wasm_bindgen]
pub fn heap_bytes() -> f64 {
    LIVE.load(Relaxed) as f64
}

/// The most bytes allocated at once since the last [`reset_peak`].
#[wasm_bindgen]
pub fn peak_bytes() -> f64 {
    PEAK.load(Relaxed) as f64
}

#[wasm_bindgen]
pub fn reset_peak() {
    PEAK.store(LIVE.load(Relaxed), Relaxed);
}

/// The crate's own plain scan ([`naive_search`]) for each of `queries` (one a line): a line of
/// tab-separated `kind:id` keys per query. Checks that the page's JavaScript scan, which the
/// engines are measured against, reads the feed exactly as the index does.
#[wasm_bindgen]
pub fn naive_ids(feed_json: &str, queries: &str) -> Result<String, JsValue> {
    let feed = parse_feed(feed_json.as_bytes()).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let mut out = String::new();
    for q in queries.lines() {
        let keys: Vec<String> = naive_search(&feed, q)
            .into_iter()
            .map(|(kind, id)| format!("{}:{id}", kind_name(kind)))
            .collect();
        let _ = writeln!(out, "{}", keys.join("\t"));
    }
    Ok(out)
}

fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Qa => "qa",
        ItemKind::Interpretation => "interpretation",
        ItemKind::Document => "document",
    }
}
