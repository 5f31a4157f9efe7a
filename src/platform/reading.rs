//! What a long-document reader needs from the browser: the scroll position (through a passive
//! listener, so scrolling never waits for the app), jumps to a section that also set the URL
//! fragment, a media query watch for the wide layout, and printing.

use std::fmt;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq)]
pub enum ReadingError {
    /// There is no window or document (not running in a browser page).
    NoWindow,
    /// The page has no element with this id.
    NoSuchSection(String),
    /// The browser refused an operation; the message is its own.
    Browser(String),
}

impl fmt::Display for ReadingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadingError::NoWindow => f.write_str("this page is not running in a browser window"),
            ReadingError::NoSuchSection(id) => write!(f, "there is no section “{id}” on this page"),
            ReadingError::Browser(m) => write!(f, "the browser refused: {m}"),
        }
    }
}

fn browser_error(e: wasm_bindgen::JsValue) -> ReadingError {
    ReadingError::Browser(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| format!("{e:?}")),
    )
}

fn window() -> Result<web_sys::Window, ReadingError> {
    web_sys::window().ok_or(ReadingError::NoWindow)
}

fn document() -> Result<web_sys::Document, ReadingError> {
    window()?.document().ok_or(ReadingError::NoWindow)
}

/// How far the page is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ScrollPosition {
    /// Pixels scrolled from the top.
    pub y: f64,
    /// The largest possible `y` (0 when the page fits the viewport).
    pub max: f64,
    /// The viewport's height.
    pub viewport: f64,
}

impl ScrollPosition {
    /// 0–100: how much of the page has been scrolled past. A page that fits the viewport counts
    /// as fully read.
    pub fn percent(&self) -> u8 {
        if self.max <= 1.0 {
            return 100;
        }
        ((self.y / self.max).clamp(0.0, 1.0) * 100.0).round() as u8
    }
}

/// The current scroll position of the page.
pub fn scroll_position() -> Result<ScrollPosition, ReadingError> {
    let w = window()?;
    let root = document()?
        .document_element()
        .ok_or(ReadingError::NoWindow)?;
    let y = w.scroll_y().map_err(browser_error)?;
    let viewport = w
        .inner_height()
        .map_err(browser_error)?
        .as_f64()
        .unwrap_or(0.0);
    let max = (f64::from(root.scroll_height()) - viewport).max(0.0);
    Ok(ScrollPosition { y, max, viewport })
}

/// A window event listener that is removed when this handle is dropped.
pub struct WindowListener {
    event: &'static str,
    callback: Closure<dyn Fn()>,
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(
                self.event,
                self.callback.as_ref().unchecked_ref(),
            );
        }
    }
}

fn listen_passive(
    event: &'static str,
    on_event: impl Fn() + 'static,
) -> Result<WindowListener, ReadingError> {
    let callback = Closure::<dyn Fn()>::new(on_event);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(true);
    window()?
        .add_event_listener_with_callback_and_add_event_listener_options(
            event,
            callback.as_ref().unchecked_ref(),
            &options,
        )
        .map_err(browser_error)?;
    Ok(WindowListener { event, callback })
}

/// Calls `on_change` with the scroll position whenever the page scrolls or the viewport
/// resizes. The listeners are passive and go away when the returned handles are dropped.
pub fn watch_scroll(
    on_change: impl Fn(ScrollPosition) + Clone + 'static,
) -> Result<[WindowListener; 2], ReadingError> {
    let report = move || {
        if let Ok(p) = scroll_position() {
            on_change(p)
        }
    };
    Ok([
        listen_passive("scroll", report.clone())?,
        listen_passive("resize", report)?,
    ])
}

/// A media query whose changes are reported until the handle is dropped.
pub struct MediaWatch {
    list: web_sys::MediaQueryList,
    callback: Closure<dyn Fn()>,
}

impl Drop for MediaWatch {
    fn drop(&mut self) {
        let _ = self
            .list
            .remove_event_listener_with_callback("change", self.callback.as_ref().unchecked_ref());
    }
}

/// Whether `query` (e.g. `(min-width: 1080px)`) matches now, and a watch that calls
/// `on_change` with the new answer whenever it changes.
pub fn watch_media(
    query: &str,
    on_change: impl Fn(bool) + 'static,
) -> Result<(bool, MediaWatch), ReadingError> {
    let list = window()?
        .match_media(query)
        .map_err(browser_error)?
        .ok_or_else(|| ReadingError::Browser(format!("unsupported media query {query}")))?;
    let watched = list.clone();
    let callback = Closure::<dyn Fn()>::new(move || on_change(watched.matches()));
    list.add_event_listener_with_callback("change", callback.as_ref().unchecked_ref())
        .map_err(browser_error)?;
    Ok((list.matches(), MediaWatch { list, callback }))
}

/// Scrolls the element with `id` to the top of the viewport (below the sticky header, through
/// the page's `scroll-padding-top`) and moves keyboard focus to it without scrolling again.
fn reveal(id: &str) -> Result<(), ReadingError> {
    let el = document()?
        .get_element_by_id(id)
        .ok_or_else(|| ReadingError::NoSuchSection(id.to_string()))?;
    el.scroll_into_view();
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        // Headings are not focusable by default; -1 makes them a focus target that is not in the
        // tab order, so the next Tab continues from the section the reader jumped to.
        if !el.has_attribute("tabindex") {
            el.set_attribute("tabindex", "-1").map_err(browser_error)?;
        }
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        el.focus_with_options(&options).map_err(browser_error)?;
    }
    Ok(())
}

/// Jumps to the section `id`: scrolls it into view, focuses it, and records `#id` in the URL
/// (a new history entry, so Back returns to where the reader was). The app's router is not
/// involved: it would resolve a bare `#id` against `<base href>` and leave the page.
pub fn jump_to_section(id: &str) -> Result<(), ReadingError> {
    let w = window()?;
    let location = w.location();
    let current = location.hash().map_err(browser_error)?;
    let hash = format!("#{id}");
    if current != hash {
        let path = location.pathname().map_err(browser_error)?;
        let search = location.search().map_err(browser_error)?;
        let state = w
            .history()
            .map_err(browser_error)?
            .state()
            .unwrap_or_default();
        w.history()
            .map_err(browser_error)?
            .push_state_with_url(&state, "", Some(&format!("{path}{search}{hash}")))
            .map_err(browser_error)?;
    }
    reveal(id)
}

/// The URL fragment without `#`, percent-decoded, if there is one.
pub fn current_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let raw = hash.strip_prefix('#')?;
    if raw.is_empty() {
        return None;
    }
    Some(
        js_sys::decode_uri_component(raw)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| raw.to_string()),
    )
}

/// Scrolls to the section named by the URL fragment, if any. Used once the content has
/// rendered, because the browser's own jump happens before the app has drawn anything.
pub fn reveal_current_fragment() -> Result<bool, ReadingError> {
    match current_fragment() {
        Some(id) => reveal(&id).map(|_| true),
        None => Ok(false),
    }
}

/// Scrolls back to the top of the page and moves focus to the element `focus_id` (the page
/// heading), so keyboard and screen-reader users land where sighted readers look.
pub fn back_to_top(focus_id: &str) -> Result<(), ReadingError> {
    window()?.scroll_to_with_x_and_y(0.0, 0.0);
    if let Some(el) = document()?
        .get_element_by_id(focus_id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        el.focus_with_options(&options).map_err(browser_error)?;
    }
    Ok(())
}

/// Opens the browser's print dialog (the print stylesheet leaves only the document).
pub fn print() -> Result<(), ReadingError> {
    window()?.print().map_err(browser_error)
}
