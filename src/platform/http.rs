//! Careful HTTP GET for feeds: a time limit, a byte cap enforced while the body streams in,
//! revalidation of the browser's own copy, and errors that tell a CORS refusal apart from a
//! network failure.

use super::task::{background, Background};
use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a download failed, in words an editor can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum HttpError {
    /// No complete answer within the time limit (a hanging server or a very slow network).
    Timeout { seconds: u32 },
    /// No answer at all: offline, unknown host, connection refused.
    Network(String),
    /// The server answered, but without the CORS headers that let this page read the answer.
    Cors { origin: String },
    /// The server answered with an error status.
    Status(u16),
    /// The body is larger than the cap; reading stopped there.
    TooLarge { max: usize },
    /// The body could not be read to the end.
    Body(String),
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpError::Timeout { seconds } => write!(f, "no answer within {seconds} s"),
            HttpError::Network(m) => write!(f, "network error: {m}"),
            HttpError::Cors { origin } => {
                write!(f, "{origin} does not allow this site to read it (CORS)")
            }
            HttpError::Status(s) => write!(f, "the server answered HTTP {s}"),
            HttpError::TooLarge { max } => write!(f, "larger than the limit of {max} bytes"),
            HttpError::Body(m) => write!(f, "the answer could not be read: {m}"),
        }
    }
}

/// How to fetch.
#[derive(Clone, Copy, Debug)]
pub struct GetOptions {
    /// The whole download (headers and body) must finish within this many seconds.
    pub timeout_seconds: u32,
    /// Stop reading and fail once the body passes this many bytes (as unpacked: a compressed
    /// body is counted by what it expands to).
    pub max_bytes: usize,
}

/// A successful answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    /// 304: the held copy is current (only from a server or proxy that answers a request
    /// without validators with 304; the browser turns its own revalidations into 200s).
    NotModified,
    Body(Vec<u8>),
}

/// An absolute URL, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct AbsUrl {
    pub href: String,
    pub origin: String,
    /// `http:` or `https:` (with the colon), or another scheme.
    pub protocol: String,
}

/// Resolves `url` against the document's base (so `feed/feed.json` works under a sub-path).
pub fn resolve(url: &str) -> Option<AbsUrl> {
    let base = web_sys::window()?.document()?.base_uri().ok().flatten()?;
    let u = web_sys::Url::new_with_base(url, &base).ok()?;
    Some(AbsUrl {
        href: u.href(),
        origin: u.origin(),
        protocol: u.protocol(),
    })
}

/// Whether the page has a `<link rel="preload" as="fetch">` of `href` (absolute): its download
/// began at navigation, and a plain [`start`] of the same URL takes it over.
pub fn preloaded(href: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(links) = document.query_selector_all("link[rel=preload][as=fetch]") else {
        return false;
    };
    (0..links.length())
        .filter_map(|i| links.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .filter_map(|link| link.get_attribute("href"))
        .any(|h| resolve(&h).is_some_and(|u| u.href == href))
}

/// The page's own origin, e.g. `https://gongkai.example.gov.cn`.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The value of query parameter `name` in the page's address, if present.
pub fn query_param(name: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new(&href).ok()?.search_params().get(name)
}

fn js_message(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Aborts a request after a delay; dropping it cancels the timer (so the callback never runs
/// after the closure is gone).
struct Deadline {
    controller: web_sys::AbortController,
    fired: Rc<Cell<bool>>,
    handle: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Deadline {
    fn new(seconds: u32) -> Result<Deadline, HttpError> {
        let window = web_sys::window().ok_or_else(|| HttpError::Network("no window".into()))?;
        let controller =
            web_sys::AbortController::new().map_err(|e| HttpError::Network(js_message(&e)))?;
        let fired = Rc::new(Cell::new(false));
        let callback = {
            let controller = controller.clone();
            let fired = fired.clone();
            Closure::<dyn FnMut()>::new(move || {
                fired.set(true);
                controller.abort();
            })
        };
        let ms = i32::try_from(u64::from(seconds) * 1000).unwrap_or(i32::MAX);
        let handle = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                ms,
            )
            .map_err(|e| HttpError::Network(js_message(&e)))?;
        Ok(Deadline {
            controller,
            fired,
            handle,
            _callback: callback,
        })
    }

    fn signal(&self) -> web_sys::AbortSignal {
        self.controller.signal()
    }

    fn passed(&self) -> bool {
        self.fired.get()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.handle);
        }
        // Whatever is still in flight (a body we stopped reading) is not needed any more.
        self.controller.abort();
    }
}

async fn fetch_with(url: &str, init: &web_sys::RequestInit) -> Result<web_sys::Response, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let resp = JsFuture::from(window.fetch_with_str_and_init(url, init)).await?;
    resp.dyn_into::<web_sys::Response>()
}

/// After a failed cross-origin fetch: is the server there at all? A `no-cors` request succeeds
/// (with an opaque answer the page cannot read) whenever the server answers, CORS headers or
/// not. So if the normal request failed but this one succeeds, the server is reachable and the
/// failure was the missing `Access-Control-Allow-Origin`. The browser gives the page no other
/// way to tell (by design it reports a CORS refusal exactly like a network error).
async fn server_answers_without_cors(url: &str, seconds: u32) -> bool {
    let Ok(deadline) = Deadline::new(seconds) else {
        return false;
    };
    let init = web_sys::RequestInit::new();
    init.set_mode(web_sys::RequestMode::NoCors);
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_signal(Some(&deadline.signal()));
    fetch_with(url, &init).await.is_ok()
}

fn header(resp: &web_sys::Response, name: &str) -> Option<String> {
    resp.headers().get(name).ok().flatten()
}

/// A GET under way, awaited for its outcome. The request left when it was made and its body is
/// read in the background from then on, so other work (reading the saved copy, parsing and
/// showing it) overlaps with the download and with copying the body in. Dropping it does not
/// stop the download, which ends by itself within the time limit.
pub type Pending = Background<Result<Fetched, HttpError>>;

/// Starts a GET of `url` with a time limit and a byte cap; await the [`Pending`] for the answer.
///
/// A plain request with `cache: no-cache`: the browser revalidates its own copy (ETag /
/// Last-Modified, answered 304 when unchanged, which costs no download), and a cross-origin
/// request needs no CORS preflight, so a publisher only has to send
/// `Access-Control-Allow-Origin`. Being plain, the request also takes over a
/// `<link rel="preload" as="fetch" crossorigin>` of the same URL that the page started before
/// the app was running: the download then began at navigation, not once the wasm had loaded.
pub fn start(url: &str, opts: &GetOptions) -> Pending {
    let request = Request::send(url, opts);
    background(async move {
        match request {
            Ok(request) => request.read().await,
            Err(e) => Err(e),
        }
    })
}

/// A request sent, not yet answered.
struct Request {
    answer: JsFuture,
    deadline: Deadline,
    target: AbsUrl,
    timeout_seconds: u32,
    max_bytes: usize,
}

impl Request {
    fn send(url: &str, opts: &GetOptions) -> Result<Request, HttpError> {
        let target = resolve(url).ok_or_else(|| HttpError::Network(format!("not a URL: {url}")))?;
        let window = web_sys::window().ok_or_else(|| HttpError::Network("no window".into()))?;
        let deadline = Deadline::new(opts.timeout_seconds)?;
        let init = web_sys::RequestInit::new();
        init.set_signal(Some(&deadline.signal()));
        init.set_mode(web_sys::RequestMode::Cors);
        init.set_cache(web_sys::RequestCache::NoCache);
        let answer = JsFuture::from(window.fetch_with_str_and_init(&target.href, &init));
        Ok(Request {
            answer,
            deadline,
            target,
            timeout_seconds: opts.timeout_seconds,
            max_bytes: opts.max_bytes,
        })
    }

    /// Waits for the answer and reads its body, within the time limit and the byte cap.
    async fn read(self) -> Result<Fetched, HttpError> {
        let Request {
            answer,
            deadline,
            target,
            timeout_seconds,
            max_bytes,
        } = self;
        let resp = match answer.await.and_then(|r| r.dyn_into::<web_sys::Response>()) {
            Ok(r) => r,
            Err(e) => {
                if deadline.passed() {
                    return Err(HttpError::Timeout {
                        seconds: timeout_seconds,
                    });
                }
                let cross_origin = target.origin != page_origin();
                if cross_origin && server_answers_without_cors(&target.href, timeout_seconds).await
                {
                    return Err(HttpError::Cors {
                        origin: target.origin,
                    });
                }
                return Err(HttpError::Network(js_message(&e)));
            }
        };
        if resp.status() == 304 {
            return Ok(Fetched::NotModified);
        }
        if !resp.ok() {
            return Err(HttpError::Status(resp.status()));
        }
        // A declared length over the cap fails before a byte is read. (With a compressed body
        // the declared length is the compressed one, so the cap is enforced again while
        // reading.)
        let declared = header(&resp, "Content-Length").and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|len| len > max_bytes as u64) {
            return Err(HttpError::TooLarge { max: max_bytes });
        }
        let bytes = read_capped(&resp, max_bytes, declared)
            .await
            .map_err(|e| match e {
                HttpError::Body(_) if deadline.passed() => HttpError::Timeout {
                    seconds: timeout_seconds,
                },
                other => other,
            })?;
        Ok(Fetched::Body(bytes))
    }
}

/// Reads the body as it streams in, stopping (and cancelling the download) past `max` bytes.
/// `declared` is the Content-Length, when the server sent one.
async fn read_capped(
    resp: &web_sys::Response,
    max: usize,
    declared: Option<u64>,
) -> Result<Vec<u8>, HttpError> {
    let Some(stream) = resp.body() else {
        return Ok(Vec::new());
    };
    // A reader that fills a buffer of ours is the better one where the browser has it; an
    // older WebView without it reads chunk by chunk.
    match web_sys::ReadableStreamByobReader::new(&stream) {
        Ok(reader) => read_into_buffer(&reader, max, declared).await,
        Err(_) => read_chunks(&stream, max).await,
    }
}

/// Reads into one growing buffer. When chunks have queued up while the page was busy (a first
/// visit builds the app while the feed downloads), one read takes all of them at once, where
/// a chunk reader would take one round trip through the event loop per chunk: hundreds for a
/// large feed. The bytes are copied into wasm memory once, at the end.
async fn read_into_buffer(
    reader: &web_sys::ReadableStreamByobReader,
    max: usize,
    declared: Option<u64>,
) -> Result<Vec<u8>, HttpError> {
    // The buffer never holds more than one byte past the cap: that byte is how an over-long
    // body is told apart from one of exactly `max` bytes.
    let limit = max.saturating_add(1).min(u32::MAX as usize);
    // A compressed body's declared length is the compressed one: start at a few times that,
    // and double when full.
    let first = declared
        .map(|n| usize::try_from(n.saturating_mul(4)).unwrap_or(limit))
        .unwrap_or(0)
        .max(64 * 1024)
        .min(limit);
    let mut buffer = js_sys::ArrayBuffer::new(first as u32);
    let mut filled = 0usize;
    let reads = StreamReads::new();
    loop {
        let size = buffer.byte_length() as usize;
        if filled == size {
            if filled >= limit {
                let _ = reader.cancel();
                return Err(HttpError::TooLarge { max });
            }
            let bigger = js_sys::ArrayBuffer::new(size.saturating_mul(2).min(limit) as u32);
            js_sys::Uint8Array::new(&bigger).set(
                &js_sys::Uint8Array::new_with_byte_offset_and_length(&buffer, 0, filled as u32),
                0,
            );
            buffer = bigger;
        }
        let free = buffer.byte_length() as usize - filled;
        let view = js_sys::Uint8Array::new_with_byte_offset_and_length(
            &buffer,
            filled as u32,
            free as u32,
        );
        let (done, value) = reads
            .next(reader.read_with_array_buffer_view(&view))
            .await?;
        // The read hands the buffer over to the stream and back: the bytes so far are in the
        // buffer of the view it returns, never in the one that was passed in.
        let value = value.ok_or_else(not_bytes)?;
        buffer = value.buffer();
        if done {
            break;
        }
        filled += value.byte_length() as usize;
        if filled > max {
            let _ = reader.cancel();
            return Err(HttpError::TooLarge { max });
        }
    }
    let mut out = vec![0u8; filled];
    js_sys::Uint8Array::new_with_byte_offset_and_length(&buffer, 0, filled as u32)
        .copy_to(&mut out);
    Ok(out)
}

/// Reads chunk by chunk. The chunks stay in JavaScript until the end and are then copied into
/// one buffer of the exact size: one copy of each byte, instead of growing a buffer chunk by
/// chunk.
async fn read_chunks(stream: &web_sys::ReadableStream, max: usize) -> Result<Vec<u8>, HttpError> {
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let reads = StreamReads::new();
    let mut chunks: Vec<js_sys::Uint8Array> = Vec::new();
    let mut total = 0usize;
    loop {
        let (done, value) = reads.next(reader.read()).await?;
        if done {
            break;
        }
        let bytes = value.ok_or_else(not_bytes)?;
        total += bytes.length() as usize;
        if total > max {
            let _ = reader.cancel();
            return Err(HttpError::TooLarge { max });
        }
        chunks.push(bytes);
    }
    let mut out = vec![0u8; total];
    let mut at = 0;
    for c in &chunks {
        let len = c.length() as usize;
        c.copy_to(&mut out[at..at + len]);
        at += len;
    }
    Ok(out)
}

/// Takes apart the answers of a stream reader's `read()`, `{ done, value }`, with the two keys
/// made once for the whole body.
struct StreamReads {
    done_key: JsValue,
    value_key: JsValue,
}

impl StreamReads {
    fn new() -> Self {
        StreamReads {
            done_key: JsValue::from_str("done"),
            value_key: JsValue::from_str("value"),
        }
    }

    /// Waits for `read` and gives whether the stream has ended, and the bytes read if the
    /// value is bytes.
    async fn next(
        &self,
        read: js_sys::Promise,
    ) -> Result<(bool, Option<js_sys::Uint8Array>), HttpError> {
        let result = JsFuture::from(read)
            .await
            .map_err(|e| HttpError::Body(js_message(&e)))?;
        let done = js_sys::Reflect::get(&result, &self.done_key)
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        let value = js_sys::Reflect::get(&result, &self.value_key)
            .ok()
            .and_then(|v| v.dyn_into().ok());
        Ok((done, value))
    }
}

fn not_bytes() -> HttpError {
    HttpError::Body("the body is not bytes".into())
}
