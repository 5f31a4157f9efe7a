//! The reading-progress bar: a thin bar along the top of the screen that fills as the reader
//! scrolls through a long document.

use crate::platform::reading::{scroll_position, watch_scroll, ScrollPosition};
use crate::state::prefs::use_strings;
use leptos::prelude::*;

/// The page's scroll position, kept up to date by passive scroll and resize listeners for as
/// long as the calling component lives.
pub fn use_scroll_position() -> ReadSignal<ScrollPosition> {
    let (position, set_position) = signal(ScrollPosition::default());
    // `try_`: a scroll event or the animation frame below can arrive after the page (and
    // with it this signal) is gone; that is not an error, there is just nothing to update.
    let update = move |p: ScrollPosition| {
        if position.try_get_untracked().is_some_and(|old| old != p) {
            set_position.try_set(p);
        }
    };
    // Outside a browser window there is nothing to watch: the bar then stays empty, which is
    // all a reader could be told anyway.
    let listeners = watch_scroll(update).ok();
    // Dropping the handles (when the owner is cleaned up) removes the listeners.
    let _kept = StoredValue::new_local(listeners);
    // The first reading waits for the content to be laid out.
    request_animation_frame(move || {
        if let Ok(p) = scroll_position() {
            update(p);
        }
    });
    position
}

/// - `percent`: 0–100, how much of the page has been read.
#[component]
pub fn ReadingProgress(#[prop(into)] percent: Signal<u8>) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="gk-progress" role="progressbar"
            aria-label=move || t.get().reading_progress
            aria-valuemin="0" aria-valuemax="100"
            aria-valuenow=move || percent.get().to_string()
        >
            <span class="gk-progress__bar"
                style=move || format!("transform:scaleX({})", f32::from(percent.get()) / 100.0)
            ></span>
        </div>
    }
}
