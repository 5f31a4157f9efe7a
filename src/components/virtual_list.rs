//! A long list that puts only the rows near the screen into the page, so that a table of
//! contents with hundreds of entries opens as fast as a short one and scrolls without the
//! browser laying out thousands of nodes.
//!
//! The rows outside the window are stood in for by two empty, hidden-from-assistive-technology
//! list items whose heights are the rows' measured average pitch times their number. Rows are
//! measured after each change of window and the pitch is the average over all rows measured,
//! so rows of any height work; the browser's scroll anchoring keeps what the reader is looking
//! at in place when an estimate is corrected.
//!
//! Keyboard reading keeps working: the window reaches a screen beyond the viewport on each
//! side, and also a step of rows before and after a row that keyboard focus reaches. The second
//! part does not wait for a scroll event and a frame: it is applied when focus arrives, so the
//! next link is in the page before the next key press, however fast the keys come and however
//! slow the frames. It is for keyboard focus only: a row pressed with the mouse or a finger
//! takes focus between the press and the release, and rows put in above it then could move it
//! from under the pointer (the press and the release would land on different rows: no click).
//! Rows far off screen are not in the page, so the browser's find-in-page does not see
//! them: use the list only where a list is long (the gazette uses it above 200 entries).

use crate::components::reading_progress::use_scroll_position;
use crate::platform::layout::edges;
use leptos::html::{Li, Ul};
use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use leptos::tachys::view::Mountable;
use std::collections::VecDeque;
use wasm_bindgen::JsCast;

/// A run of rows `[start, end)` by index.
type Rows = (usize, usize);

/// Rows put into the page before anything is measured: enough for a tall first screen.
const FIRST_ROWS: usize = 24;
/// The window's edges move in steps of this many rows, so that scrolling re-renders rarely.
const STEP: usize = 8;

/// Which rows `[start, end)` to render: those within one viewport above and below the visible
/// part of a list whose top is `list_top` (relative to the viewport), `pitch` pixels per row.
fn window_of(count: usize, pitch: f64, list_top: Option<f64>, viewport: f64) -> Rows {
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

/// The window `[start, end)` widened to keep `STEP` rows on each side of the focused row in the
/// page, when that row is in or next to it. A focused row far from the window (the reader scrolled away
/// from it) does not stretch the window across everything in between.
fn around_focus(window: Rows, focused: Option<usize>, count: usize) -> Rows {
    let (start, end) = window;
    let Some(row) = focused.filter(|&row| row < count) else {
        return window;
    };
    let (near_start, near_end) = (row.saturating_sub(STEP), (row + 1 + STEP).min(count));
    if near_end < start || near_start > end {
        return window;
    }
    (start.min(near_start), end.max(near_end))
}

/// A row in the page: its view and the owner of its reactive parts. The view is taken out of
/// the page when the row is dropped, before its owner is cleaned up.
struct Row<S: Mountable> {
    state: S,
    _owner: Owner,
}

impl<S: Mountable> Drop for Row<S> {
    fn drop(&mut self) {
        self.state.unmount();
    }
}

/// The rows in the page: `rows[k]` is the row at index `first + k`.
struct Shown<S: Mountable> {
    first: usize,
    rows: VecDeque<Row<S>>,
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
    // The index of the row that last took focus at the edge of the window, if any.
    let focused = RwSignal::new(None::<usize>);

    // The rows near the screen, worked out from the layout when the page scrolls or the pitch
    // is corrected; then widened around the focused row. Two memos, so that focus moving
    // widens the window without the layout being read again.
    let near_screen = Memo::new(move |_| {
        let viewport = position.get().viewport;
        let top = list.get().map(|el| edges(&el).top);
        window_of(count, pitch.get(), top, viewport)
    });
    // The window with the rows near the screen it was worked out from. Until the screen's rows
    // change, each focus widens the window as it is, not the screen's rows: keys can come
    // quicker than scroll events (those come with a frame), and focus can walk far past the
    // rows of the last scroll event. Widened from those alone, a row that far was "away from
    // the window" and the row holding focus was taken out of the page.
    let window = Memo::new(move |previous: Option<&(Rows, Rows)>| {
        let screen = near_screen.get();
        let base = match previous {
            Some(&(was, range)) if was == screen => range,
            _ => screen,
        };
        (screen, around_focus(base, focused.get(), count))
    });
    let range = Memo::new(move |_| window.get().1);

    // The rows in the page. They are added and removed at the two ends of the window and never
    // moved: a keyed `<For>` re-inserts every kept row when rows are added in front of them,
    // and re-inserting the row that holds focus drops focus to the page's body.
    let shown = StoredValue::new_local(Shown::<V::State> {
        first: 0,
        rows: VecDeque::new(),
    });
    let parent = Owner::current().expect("a component has an owner");
    let build_row = move |i: usize| {
        // Each row gets its own owner, a child of the list's (not of the effect's, which is
        // cleaned up on every run), and is built untracked so the effect follows only the window.
        let owner = parent.child();
        let state = owner.with(|| untrack(|| render(items.with_value(|v| v[i].clone())).build()));
        Row {
            state,
            _owner: owner,
        }
    };
    Effect::new(move |_| {
        let (start, end) = range.get();
        let (Some(ul), Some(end_gap)) = (list.get_untracked(), after.get_untracked()) else {
            return;
        };
        shown.update_value(|shown| {
            let Shown { first, rows } = shown;
            if rows.is_empty() || end <= *first || start >= *first + rows.len() {
                // No row in common: start over at the new window.
                rows.clear();
                *first = start;
            }
            while *first < start {
                rows.pop_front();
                *first += 1;
            }
            while *first + rows.len() > end {
                rows.pop_back();
            }
            for i in *first + rows.len()..end {
                let mut row = build_row(i);
                row.state.mount(&ul, Some(&end_gap));
                rows.push_back(row);
            }
            for i in (start..*first).rev() {
                let mut row = build_row(i);
                match rows.front() {
                    Some(next) => {
                        next.state.insert_before_this(&mut row.state);
                    }
                    None => row.state.mount(&ul, Some(&end_gap)),
                }
                rows.push_front(row);
                *first = i;
            }
        });
    });

    // Which row an element inside the list belongs to: rows are the list's children between
    // the two stand-ins, in order, so a row's place among its siblings gives its index.
    let row_of = move |target: Option<web_sys::EventTarget>| -> Option<usize> {
        let ul = list.get_untracked()?;
        let mut el = target?.dyn_into::<web_sys::Element>().ok()?;
        while el.parent_element().as_ref() != Some(&ul) {
            el = el.parent_element()?;
        }
        let mut place = 0usize;
        while let Some(previous) = el.previous_element_sibling() {
            place += 1;
            el = previous;
        }
        // Place 0 is the leading stand-in, which holds nothing focusable.
        let first = shown.try_with_value(|shown| shown.first)?;
        Some(first + place.checked_sub(1)?)
    };
    let on_focus_in = move |ev: web_sys::FocusEvent| {
        // Keyboard focus only (`:focus-visible`): a press of the mouse or a finger focuses the
        // row it lands on, and a row put in above it then, before the release, could move it
        // from under the pointer. Pointers reach rows by scrolling, which the window follows.
        let by_keyboard = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.matches(":focus-visible").unwrap_or(false));
        if !by_keyboard {
            return;
        }
        let Some(row) = row_of(ev.target()) else {
            return;
        };
        // Recorded only when the rows beside it are not both in the page yet. The record of an
        // earlier row is left as it is: it widens the window only while that row is next to it.
        let now = range.get_untracked();
        if around_focus(now, Some(row), count) != now {
            focused.set(Some(row));
        }
    };

    // After each change of window, measure the rendered rows (between the two stand-ins) and
    // correct the pitch when it is more than a pixel off. `samples`: the height and number of
    // all the rows measured so far.
    let samples = StoredValue::new((0.0f64, 0usize));
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
            let (height, rows) = (bottom - top, end - start);
            let measured = height / rows as f64;
            if measured <= 0.0 {
                return;
            }
            // The pitch is the average over every row measured so far, not over the rows in
            // the page now. Rows differ in height (a title may take one line or three), so the
            // rows of one window can give a pitch that moves the window to rows that give a
            // pitch that moves it back, for ever. An average over all that were measured
            // settles. A change of more than a quarter is the layout itself changing (a
            // larger font): the measuring starts again from this window.
            let Some((sum_height, sum_rows)) = samples.try_get_value() else {
                return;
            };
            let (sum_height, sum_rows) = if (measured - old).abs() > old * 0.25 {
                (height, rows)
            } else {
                (sum_height + height, sum_rows + rows)
            };
            samples.try_set_value((sum_height, sum_rows));
            let average = sum_height / sum_rows as f64;
            if (average - old).abs() > 1.0 {
                pitch.try_set(average);
            }
        });
    });

    let gap_style = move |rows: usize| format!("height:{:.0}px", rows as f64 * pitch.get());
    view! {
        <ul class=class node_ref=list on:focusin=on_focus_in>
            <li aria-hidden="true" class="gk-vlist__gap" node_ref=before
                hidden=move || { range.get().0 == 0 }
                style=move || gap_style(range.get().0)
            ></li>
            <li aria-hidden="true" class="gk-vlist__gap" node_ref=after
                hidden=move || { range.get().1 >= count }
                style=move || gap_style(count - range.get().1)
            ></li>
        </ul>
    }
}
