//! Whether the browser believes it is online, and the `online` / `offline` events.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `navigator.onLine`: false means certainly offline; true only means a network is attached.
pub fn is_online() -> bool {
    web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}

/// Calls `on_change(online)` on every `online` / `offline` event, for the life of the page
/// (the listeners are installed once, from the app's root).
pub fn watch(on_change: impl Fn(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_change = std::rc::Rc::new(on_change);
    for (event, online) in [("online", true), ("offline", false)] {
        let f = on_change.clone();
        let cb = Closure::<dyn Fn()>::new(move || f(online));
        let _ = window.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
        cb.forget();
    }
}
