//! Long content put on screen a portion per task. A long document's body built in one go
//! holds the main thread for tens of milliseconds on a fast machine and several times that
//! on a cheap phone, and input waits all that time; built a portion at a time, the browser can
//! answer a tap between portions. Until the last portion is in, the page counts as unfinished
//! (`platform::rendering`).

use crate::platform::rendering::Unfinished;
use crate::platform::task;
use leptos::prelude::*;

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
