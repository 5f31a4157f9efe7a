//! HTTP GET through the Fetch API.

use std::fmt;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a fetch failed, in words a reader (or an editor) can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No response at all: offline, DNS, CORS refusal or a blocked request.
    Network(String),
    /// The server answered with an error status.
    Status(u16),
    /// The body could not be read.
    Body(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Network(m) => write!(f, "network error: {m}"),
            FetchError::Status(s) => write!(f, "the server answered HTTP {s}"),
            FetchError::Body(m) => write!(f, "the response could not be read: {m}"),
        }
    }
}

fn js_message(v: &wasm_bindgen::JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// GET `url` (relative URLs resolve against the document base) and return the body bytes.
pub async fn get_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let window = web_sys::window().ok_or_else(|| FetchError::Network("no window".into()))?;
    let init = web_sys::RequestInit::new();
    // The service worker and HTTP caching decide freshness; ask for revalidation.
    init.set_cache(web_sys::RequestCache::NoCache);
    let resp = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| FetchError::Network(js_message(&e)))?;
    let resp: web_sys::Response = resp
        .dyn_into()
        .map_err(|_| FetchError::Body("not a response".into()))?;
    if !resp.ok() {
        return Err(FetchError::Status(resp.status()));
    }
    let buf = resp
        .array_buffer()
        .map_err(|e| FetchError::Body(js_message(&e)))?;
    let buf = JsFuture::from(buf)
        .await
        .map_err(|e| FetchError::Body(js_message(&e)))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
