//! Whether the page the reader opened is still being put on screen: its code still loading
//! (a lazily loaded page), its content waiting for the feed (`FeedGate`), or a long text still
//! being built a portion per task (`components::progressive`). Work that needs the whole page
//! (the takeover of a pre-rendered copy, the jump to a `#section`) waits for
//! [`when_finished`]; work that only has to happen soon (saving the feed, registering the
//! service worker) waits for [`page_painted`], so that it does not compete with the first
//! screen on a phone's two cores.

use crate::platform::{perf, task};
use leptos::prelude::queue_microtask;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsValue;

thread_local! {
    static UNFINISHED: Cell<usize> = const { Cell::new(0) };
    static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` once nothing on the page is still being put on screen: at once when nothing is.
pub fn when_finished(f: impl FnOnce() + 'static) {
    if UNFINISHED.get() == 0 {
        f();
    } else {
        WAITING.with_borrow_mut(|w| w.push(Box::new(f)));
    }
}

/// Resolves once the page is finished ([`when_finished`]) and a frame showing it has been
/// painted.
pub async fn page_painted() {
    let finished = js_sys::Promise::new(&mut |resolve, _reject| {
        when_finished(move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(finished).await;
    perf::after_next_paint().await;
}

/// Part of the page still being put on screen, for as long as this lives.
pub struct Unfinished;

impl Unfinished {
    pub fn begin() -> Self {
        UNFINISHED.set(UNFINISHED.get() + 1);
        Unfinished
    }

    /// Ends in the task after this one: what this task's microtasks put in the page (a view
    /// the router builds, the work a signal set here sets off) counts as part of it.
    pub fn end_in_next_task(self) {
        task::in_next_task(move || drop(self));
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        UNFINISHED.set(UNFINISHED.get().saturating_sub(1));
        if UNFINISHED.get() == 0 {
            // The last part's elements are built by a render effect, which runs in a
            // microtask queued by the signal's change: wait behind it.
            queue_microtask(|| {
                if UNFINISHED.get() == 0 {
                    for f in WAITING.with_borrow_mut(std::mem::take) {
                        f();
                    }
                }
            });
        }
    }
}
