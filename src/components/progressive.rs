//! Long content put on screen a portion per task. A long document's body built in one go
//! holds the main thread for tens of milliseconds on a fast machine and several times that
//! on a cheap phone, and input waits all that time; built a portion at a time, the browser can
//! answer a tap between portions. Until the last portion is in, the page counts as unfinished
//! (`platform::rendering`). Out of sight behind the static first paint, the parts of the app's
//! frame ([`frame_part`]) and, behind a pre-rendered copy, of a page ([`in_own_task`]) are
//! likewise built a task each.

use crate::platform::rendering::Unfinished;
use crate::platform::{dom, task};
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

/// A part of the page built in a task of its own while the app is built out of sight behind a
/// pre-rendered copy (`platform::dom::begin_takeover`), and at once otherwise.
///
/// Behind the copy nobody sees the parts arrive one by one, and the start-up's work comes in
/// shorter tasks: most of a start-up task is the browser compiling each wasm function the
/// first time it runs, hundreds of them for the app's frame and again for a page, and a task
/// of 25 ms on this machine is 100 ms on a phone four times slower, all of it blocking a tap.
/// On screen (a page opened from another, a page that was not pre-rendered) the part is built
/// with the rest, so nothing pops in afterwards and moves what is below it. Until it is built
/// the page counts as unfinished, so the copy stays until the app's page is whole.
pub fn in_own_task<V>(build: impl FnOnce() -> V + 'static) -> AnyView
where
    V: IntoView + 'static,
{
    in_own_task_if(dom::taking_over(), build)
}

/// A part of the app's frame (the header and tab bar) built in a task of its own while the app
/// is out of sight behind either static first paint: the plain shell shows the same header and
/// tab bar meanwhile (`platform::dom::begin_takeover`). Built at once otherwise.
pub fn frame_part<V>(build: impl FnOnce() -> V + 'static) -> AnyView
where
    V: IntoView + 'static,
{
    in_own_task_if(dom::app_hidden(), build)
}

/// `build`'s view: built in the next task (the page unfinished until then) when `out_of_sight`,
/// at once otherwise.
fn in_own_task_if<V>(out_of_sight: bool, build: impl FnOnce() -> V + 'static) -> AnyView
where
    V: IntoView + 'static,
{
    if out_of_sight {
        built_in_next_task(build, Some(Unfinished::begin()))
    } else {
        build().into_any()
    }
}

/// A part out of the page's flow (a notice that floats over it) built in the task after the
/// one that builds its surroundings, on screen or not: its arrival moves nothing, and the
/// task that mounts the app is shorter by it.
pub fn floating_part<V>(build: impl FnOnce() -> V + 'static) -> AnyView
where
    V: IntoView + 'static,
{
    built_in_next_task(build, None)
}

/// `build`'s view, built in the next task; `unfinished` ends once it is in the page.
fn built_in_next_task<V>(
    build: impl FnOnce() -> V + 'static,
    unfinished: Option<Unfinished>,
) -> AnyView
where
    V: IntoView + 'static,
{
    built_later(Box::new(move || build().into_any()), unfinished)
}

/// The part of [`built_in_next_task`] that is the same for every kind of view, kept out of the
/// generic function so the wasm has one copy of it.
fn built_later(build: Box<dyn FnOnce() -> AnyView>, unfinished: Option<Unfinished>) -> AnyView {
    let (built, set_built) = signal(false);
    let build = StoredValue::new_local(Some(build));
    task::in_next_task(move || {
        set_built.try_set(true);
        if let Some(unfinished) = unfinished {
            unfinished.end_in_next_task();
        }
    });
    // `built` changes once, from false to true; what the part reads while it is built is not
    // tracked here, so this never runs again and never builds the part twice.
    (move || {
        built
            .get()
            .then(|| build.try_update_value(Option::take).flatten())
            .flatten()
            .map(untrack)
    })
    .into_any()
}
