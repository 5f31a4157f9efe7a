//! The last good copy of each feed, kept in Cache Storage so it survives reloads, restarts and
//! days without network. Keyed by the feed's absolute URL. (Revalidating it with the server is
//! the browser's HTTP cache's job: see `http::start`.)
//!
//! The service worker's caches are named `gongkai-precache-*` and are replaced with every build;
//! this one is not, so an app update never loses a publisher's feed.

use std::fmt;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const FEED_CACHE: &str = "gongkai-feeds-v1";

#[derive(Debug, Clone, PartialEq)]
pub enum CacheError {
    /// No Cache Storage (an insecure page, some in-app browsers, storage disabled).
    Unavailable,
    Failed(String),
}

impl fmt::Display for CacheError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CacheError::Unavailable => {
                f.write_str("this browser does not keep data for offline use")
            }
            CacheError::Failed(m) => write!(f, "the saved copy could not be used: {m}"),
        }
    }
}

fn failed(e: wasm_bindgen::JsValue) -> CacheError {
    CacheError::Failed(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| format!("{e:?}")),
    )
}

fn storage() -> Result<web_sys::CacheStorage, CacheError> {
    let window = web_sys::window().ok_or(CacheError::Unavailable)?;
    // `caches` is missing outside secure contexts; reading it must not throw into the app.
    let has = js_sys::Reflect::has(&window, &"caches".into()).unwrap_or(false);
    if !has {
        return Err(CacheError::Unavailable);
    }
    window.caches().map_err(|_| CacheError::Unavailable)
}

async fn open() -> Result<web_sys::Cache, CacheError> {
    let cache = JsFuture::from(storage()?.open(FEED_CACHE))
        .await
        .map_err(failed)?;
    Ok(cache.unchecked_into())
}

/// The saved copy (its bytes) of the feed at `url`, if any.
///
/// One round trip to the browser's storage for the look-up (`caches.match` with the cache's
/// name, rather than opening the cache first and asking it): on a first visit, when there is
/// nothing to find, that is all it costs.
pub async fn load_feed(url: &str) -> Result<Option<Vec<u8>>, CacheError> {
    let storage = storage()?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"cacheName".into(), &FEED_CACHE.into()).map_err(failed)?;
    let find: js_sys::Function = js_sys::Reflect::get(&storage, &"match".into())
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    let pending: js_sys::Promise = find
        .call2(&storage, &url.into(), &options)
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    let hit = JsFuture::from(pending).await.map_err(failed)?;
    if hit.is_undefined() || hit.is_null() {
        return Ok(None);
    }
    let resp: web_sys::Response = hit.dyn_into().map_err(failed)?;
    let buf = JsFuture::from(resp.array_buffer().map_err(failed)?)
        .await
        .map_err(failed)?;
    Ok(Some(js_sys::Uint8Array::new(&buf).to_vec()))
}

/// A note in localStorage of the feeds that have a saved copy. It is read at once, where a
/// look-up in Cache Storage is a round trip that can take a few hundred milliseconds the first
/// time a profile opens it: on a first visit the note says there is nothing to wait for.
const NOTE_KEY: &str = "saved-feeds";

/// Whether a copy of the feed at `url` may be saved: false only when the note says it is not
/// (a copy saved before the note existed is still found by [`load_feed`], just not waited for).
pub fn maybe_saved(url: &str) -> bool {
    match super::storage::get(NOTE_KEY) {
        Ok(Some(note)) => note.lines().any(|l| l == url),
        Ok(None) => false,
        // Without localStorage no note is ever written: assume nothing.
        Err(_) => true,
    }
}

/// Adds `url` to the note of saved feeds.
pub fn note_saved(url: &str) {
    let note = super::storage::get(NOTE_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    if !note.lines().any(|l| l == url) {
        let _ = super::storage::set(NOTE_KEY, &format!("{note}{url}\n"));
    }
}

/// Keeps `bytes` as the last good copy of the feed at `url`, replacing the previous one. The
/// replacement is whole or not at all: a failure (storage full, the page closed) leaves the
/// previous copy in place.
pub async fn save_feed(url: &str, bytes: &[u8]) -> Result<(), CacheError> {
    let cache = open().await?;
    let headers = web_sys::Headers::new().map_err(failed)?;
    let _ = headers.set("Content-Type", "application/json");
    let init = web_sys::ResponseInit::new();
    init.set_status(200);
    init.set_headers(&headers);
    // One copy into JavaScript memory, which the response then owns.
    let body = js_sys::Uint8Array::from(bytes);
    let resp = web_sys::Response::new_with_opt_buffer_source_and_init(Some(&body), &init)
        .map_err(failed)?;
    JsFuture::from(cache.put_with_str(url, &resp))
        .await
        .map_err(failed)?;
    note_saved(url);
    Ok(())
}
