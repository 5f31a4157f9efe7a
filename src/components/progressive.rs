//! Long content put on screen a portion per task. A long document's body built in one go
//! holds the main thread for tens of milliseconds on a fast machine and several times that
//! on a cheap phone, and input waits all that time; built a portion at a time, the browser can
//! answer a tap between portions. Work that needs the whole page (the takeover of a
//! pre-rendered copy, the jump to a `#section`) waits for [`when_finished`].

use crate::platform::task;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

thread_local! {
    static UNFINISHED: Cell<usize> = const { Cell::new(0) };
    static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` once no content on the page is still being put on screen: at once when none is.
pub fn when_finished(f: impl FnOnce() + 'static) {
    if UNFINISHED.get() == 0 {
        f();
    } else {
        WAITING.with_borrow_mut(|w| w.push(Box::new(f)));
    }
}

/// Content still being put on screen, for as long as this lives.
struct Unfinished;

impl Unfinished {
    fn begin() -> Self {
        UNFINISHED.set(UNFINISHED.get() + 1);
        Unfinished
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        UNFINISHED.set(UNFINISHED.get().saturating_sub(1));
        if UNFINISHED.get() == 0 {
            // The last portion's elements are built by a render effect, which runs in a
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

/// Raises `shown` by one per task until it reaches `total`. Stops early, quietly, when the
/// signal is gone (the reader left the page, or it was built again in another language).
pub fn show_in_turn(shown: WriteSignal<usize>, total: usize) {
    fn next(shown: WriteSignal<usize>, total: usize, unfinished: Unfinished) {
        task::in_next_task(move || {
            match shown.try_update(|n| {
                *n += 1;
                *n
            }) {
                Some(n) if n < total => next(shown, total, unfinished),
                _ => drop(unfinished),
            }
        });
    }
    next(shown, total, Unfinished::begin());
}
