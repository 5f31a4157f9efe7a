//! Performance marks (`performance.mark`) at the steps of loading the feed, so the time from
//! navigation to the first list screen can be taken apart in the browser (the feed benchmark
//! reads them; DevTools shows them in its timeline). A mark costs microseconds.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The names of the marks, in the order they happen on a first visit.
pub mod marks {
    /// The app has started loading the feed (it has mounted).
    pub const START: &str = "gongkai:feed:start";
    /// `config.json` has been requested.
    pub const CONFIG_REQUESTED: &str = "gongkai:feed:config-requested";
    /// `config.json` has been read (or its stored copy or the defaults are used).
    pub const CONFIG: &str = "gongkai:feed:config";
    /// The saved copy has been looked up in Cache Storage (found or not).
    pub const SAVED_LOOKED_UP: &str = "gongkai:feed:saved-looked-up";
    /// The feed's request was started.
    pub const REQUESTED: &str = "gongkai:feed:requested";
    /// Its body is in the app's memory (or the request failed).
    pub const BODY: &str = "gongkai:feed:body";
    /// It has been parsed and validated.
    pub const VALIDATED: &str = "gongkai:feed:validated";
    /// Its catalog is built and handed to the pages.
    pub const SHOWN: &str = "gongkai:feed:shown";
    /// It has been saved to Cache Storage as the last good copy.
    pub const KEPT: &str = "gongkai:feed:kept";
    /// The service worker is being registered (after the first feed is shown and painted).
    pub const SW_REGISTER: &str = "gongkai:sw:register";
}

/// Records a mark named `name` at the current time. Does nothing where the browser has no
/// Performance API.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Resolves once the browser has had the chance to paint what the app just rendered: after the
/// next animation frame, or after a quarter of a second where no frames come (a hidden page),
/// so work that can wait (saving a copy) does not hold up the first screen.
pub async fn after_next_paint() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let later = window.clone();
        let resolve_after_frame = resolve.clone();
        // A task posted from the frame callback runs after that frame's paint.
        let on_frame = Closure::once_into_js(move || {
            let _ = later
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve_after_frame, 0);
        });
        let _ = window.request_animation_frame(on_frame.unchecked_ref());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 250);
    });
    let _ = JsFuture::from(promise).await;
}
