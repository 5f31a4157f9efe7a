//! A long list that puts only the rows near the screen into the page, so that a table of
//! contents with hundreds of entries opens as fast as a short one and scrolls without the
//! browser laying out thousands of nodes.
//!
//! The rows outside the window are stood in for by two empty, hidden-from-assistive-technology
//! list items whose heights are the rows' measured average pitch times their number. The pitch
//! is re-measured after each change of window, so rows of any height work; the browser's scroll
//! anchoring keeps what the reader is looking at in place when an estimate is corrected.
//!
//! Keyboard reading keeps working: the window reaches a screen beyond the viewport on each
//! side, so the next link is always in the page when focus moves to it and scrolls it into
//! view. Rows far off screen are not in the page, so the browser's find-in-page does not see
//! them: use the list only where a list is long (the gazette uses it above 200 entries).

use crate::components::reading_progress::use_scroll_position;
use crate::platform::layout::edges;
use leptos::html::{Li, Ul};
use leptos::prelude::*;

/// Rows put into the page before anything is measured: enough for a tall first screen.
const FIRST_ROWS: usize = 24;
/// The window's edges move in steps of this many rows, so that scrolling re-renders rarely.
const STEP: usize = 8;

/// Which rows `[start, end)` to render: those within one viewport above and below the visible
/// part of a list whose top is `list_top` (relative to the viewport), `pitch` pixels per row.
fn window_of(count: usize, pitch: f64, list_top: Option<f64>, viewport: f64) -> (usize, usize) {
    let (Some(top), true) = (list_top, viewport > 0.0 && pitch > 0.0) else {
        return (0, count.min(FIRST_ROWS));
    };
    let from = (-top - viewport).max(0.0);
    let to = (-top + 2.0 * viewport).max(0.0);
    let start = ((from / pitch).floor() as usize / STEP * STEP).min(count);
    let end = ((to / pitch).ceil() as usize).div_ceil(STEP) * STEP;
    let end = end.clamp(start, count);
    if end == start {
        // Scrolled past the list (or not yet at it): keep a few rows at the near end so the
        // list never collapses to nothing while it is measured.
        return if start >= count {
            (count.saturating_sub(STEP), count)
        } else {
            (start, (start + STEP).min(count))
        };
    }
    (start, end)
}

/// - `items`: the rows' data, in order.
/// - `render`: builds one row (an `<li>`) from its data.
/// - `class`: the list's class (its look is the same as a plain list's).
/// - `pitch`: an estimate of one row's height plus the gap after it, in CSS pixels, used until
///   rows have been measured.
#[component]
pub fn VirtualList<T, F, V>(
    items: Vec<T>,
    render: F,
    #[prop(into)] class: String,
    #[prop(default = 96.0)] pitch: f64,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let count = items.len();
    let items = StoredValue::new(items);
    let position = use_scroll_position();
    let pitch = RwSignal::new(pitch);
    let list = NodeRef::<Ul>::new();
    let before = NodeRef::<Li>::new();
    let after = NodeRef::<Li>::new();

    let range = Memo::new(move |_| {
        let viewport = position.get().viewport;
        let top = list.get().map(|el| edges(&el).top);
        window_of(count, pitch.get(), top, viewport)
    });

    // After each change of window, measure the rendered rows (between the two stand-ins) and
    // correct the pitch when it is more than a pixel off.
    Effect::new(move |_| {
        let (start, end) = range.get();
        // The frame can come after the list is gone (the reader navigated on at once): every
        // read is a `try_`, so a disposed list is simply left alone.
        request_animation_frame(move || {
            let (Some(Some(ul)), Some(Some(b)), Some(Some(a)), Some(current), Some(old)) = (
                list.try_get_untracked(),
                before.try_get_untracked(),
                after.try_get_untracked(),
                range.try_get_untracked(),
                pitch.try_get_untracked(),
            ) else {
                return;
            };
            if current != (start, end) || end <= start {
                return;
            }
            let top = if start > 0 {
                edges(&b).bottom
            } else {
                edges(&ul).top
            };
            let bottom = if end < count {
                edges(&a).top
            } else {
                edges(&ul).bottom
            };
            let measured = (bottom - top) / (end - start) as f64;
            if measured > 0.0 && (measured - old).abs() > 1.0 {
                pitch.try_set(measured);
            }
        });
    });

    let gap_style = move |rows: usize| format!("height:{:.0}px", rows as f64 * pitch.get());
    view! {
        <ul class=class node_ref=list>
            <li aria-hidden="true" class="gk-vlist__gap" node_ref=before
                hidden=move || { range.get().0 == 0 }
                style=move || gap_style(range.get().0)
            ></li>
            <For
                each=move || { let (s, e) = range.get(); s..e }
                key=|i| *i
                children=move |i| render(items.with_value(|v| v[i].clone()))
            />
            <li aria-hidden="true" class="gk-vlist__gap" node_ref=after
                hidden=move || { range.get().1 >= count }
                style=move || gap_style(count - range.get().1)
            ></li>
        </ul>
    }
}
