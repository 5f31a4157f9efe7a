//! Work that starts at once and is awaited later: a [`Background`] runs its future as its own
//! task from the moment it is made, so several can be under way together (a download and a
//! look-up in Cache Storage) and the first to finish can be taken with [`first`]; and
//! [`in_next_task`] runs work in a task after the current one ([`after_this_task`] is the same
//! for an `async` piece of work).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// A future running in the background; awaiting it gives its output (once: await it again
/// after that and it never finishes).
pub struct Background<T> {
    slot: Rc<RefCell<Slot<T>>>,
}

struct Slot<T> {
    output: Option<T>,
    waker: Option<Waker>,
}

/// Runs `f` in a task of its own, queued behind whatever the browser has waiting (input,
/// rendering). A long start-up split into two tasks keeps the page responsive in between, and
/// only the part of each task beyond 50 ms counts as blocking time.
pub fn in_next_task(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback(callback.unchecked_ref());
    }
}

/// Starts `work` now, as its own task.
pub fn background<T: 'static>(work: impl Future<Output = T> + 'static) -> Background<T> {
    let slot = empty_slot();
    let filled = slot.clone();
    wasm_bindgen_futures::spawn_local(async move { fill(&filled, work.await) });
    Background { slot }
}

/// Finishes in a task after the current one. Work that awaits it lets the browser run what
/// waits (input, rendering) before it goes on, and the parts before and after are two shorter
/// tasks: without it, work that awaits a background future goes on in the same task as the
/// future's last step (a waker runs its future as a microtask).
pub fn after_this_task() -> Background<()> {
    let slot = empty_slot();
    let filled = slot.clone();
    in_next_task(move || fill(&filled, ()));
    Background { slot }
}

fn empty_slot<T>() -> Rc<RefCell<Slot<T>>> {
    Rc::new(RefCell::new(Slot {
        output: None,
        waker: None,
    }))
}

/// Puts `output` in `slot` and wakes whoever awaits it.
fn fill<T>(slot: &RefCell<Slot<T>>, output: T) {
    let waker = {
        let mut slot = slot.borrow_mut();
        slot.output = Some(output);
        slot.waker.take()
    };
    if let Some(waker) = waker {
        waker.wake();
    }
}

impl<T> Future for Background<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.slot.borrow_mut();
        match slot.output.take() {
            Some(output) => Poll::Ready(output),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Which of two background futures finished first, with its output.
pub enum First<A, B> {
    A(A),
    B(B),
}

/// Waits for the first of `a` and `b` to finish; the other keeps running and can be awaited
/// after.
pub async fn first<A, B>(a: &mut Background<A>, b: &mut Background<B>) -> First<A, B> {
    std::future::poll_fn(|cx| {
        if let Poll::Ready(out) = Pin::new(&mut *a).poll(cx) {
            return Poll::Ready(First::A(out));
        }
        if let Poll::Ready(out) = Pin::new(&mut *b).poll(cx) {
            return Poll::Ready(First::B(out));
        }
        Poll::Pending
    })
    .await
}
