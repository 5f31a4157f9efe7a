//! The last good copy of each feed, kept in Cache Storage so it survives reloads, restarts and
//! days without network. Keyed by the feed's absolute URL; the copy's validators (ETag,
//! Last-Modified) are kept with it for conditional requests.
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

/// A feed as it was last accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedFeed {
    pub bytes: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

fn failed(e: wasm_bindgen::JsValue) -> CacheError {
    CacheError::Failed(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| format!("{e:?}")),
    )
}

async fn open() -> Result<web_sys::Cache, CacheError> {
    let window = web_sys::window().ok_or(CacheError::Unavailable)?;
    // `caches` is missing outside secure contexts; reading it must not throw into the app.
    let has = js_sys::Reflect::has(&window, &"caches".into()).unwrap_or(false);
    if !has {
        return Err(CacheError::Unavailable);
    }
    let storage = window.caches().map_err(|_| CacheError::Unavailable)?;
    let cache = JsFuture::from(storage.open(FEED_CACHE))
        .await
        .map_err(failed)?;
    Ok(cache.unchecked_into())
}

/// The saved copy of the feed at `url`, if any.
pub async fn load_feed(url: &str) -> Result<Option<SavedFeed>, CacheError> {
    let cache = open().await?;
    let hit = JsFuture::from(cache.match_with_str(url))
        .await
        .map_err(failed)?;
    if hit.is_undefined() || hit.is_null() {
        return Ok(None);
    }
    let resp: web_sys::Response = hit.unchecked_into();
    let header = |name: &str| resp.headers().get(name).ok().flatten();
    let etag = header("ETag");
    let last_modified = header("Last-Modified");
    let buf = JsFuture::from(resp.array_buffer().map_err(failed)?)
        .await
        .map_err(failed)?;
    Ok(Some(SavedFeed {
        bytes: js_sys::Uint8Array::new(&buf).to_vec(),
        etag,
        last_modified,
    }))
}

/// Keeps `feed` as the last good copy of `url`, replacing the previous one.
pub async fn save_feed(url: &str, feed: &SavedFeed) -> Result<(), CacheError> {
    let cache = open().await?;
    let headers = web_sys::Headers::new().map_err(failed)?;
    let _ = headers.set("Content-Type", "application/json");
    if let Some(etag) = &feed.etag {
        let _ = headers.set("ETag", etag);
    }
    if let Some(lm) = &feed.last_modified {
        let _ = headers.set("Last-Modified", lm);
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(200);
    init.set_headers(&headers);
    let mut bytes = feed.bytes.clone();
    let resp = web_sys::Response::new_with_opt_u8_array_and_init(Some(&mut bytes), &init)
        .map_err(failed)?;
    JsFuture::from(cache.put_with_str(url, &resp))
        .await
        .map_err(failed)?;
    Ok(())
}
