//! Shows a page's content once the feed is loaded, a quiet loading state before, and a clear
//! error (with a retry) if the feed cannot be loaded at all.

use crate::platform::rendering::{self, Unfinished};
use crate::platform::{dom, task};
use crate::state::feed::{use_feed, FeedStatus};
use crate::state::prefs::use_strings;
use gongkai_feed::catalog::Catalog;
use leptos::prelude::*;
use std::sync::Arc;

/// Renders `render(catalog)` when the feed is ready.
///
/// - `render`: builds the page body from the loaded catalog.
#[component]
pub fn FeedGate<F, V>(render: F) -> impl IntoView
where
    F: Fn(Arc<Catalog>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let feed = use_feed();
    let t = use_strings();
    // What this page shows. Behind a pre-rendered copy, the page is built in the task after
    // the one that read and checked the feed: two shorter tasks instead of one long one, so a
    // tap on the copy is not kept waiting behind both. On screen the page follows the feed in
    // the same task: a task in between let the browser paint the footer under a loading line
    // and then move it (a layout shift on 9 of 10 loads of `/`).
    let (status, set_status) = signal(untrack(|| feed.status()));
    // Until the page is built from the feed, it is unfinished: saving the feed and registering
    // the service worker wait for it (`rendering::page_painted`).
    let waiting = StoredValue::new_local(
        matches!(status.get_untracked(), FeedStatus::Loading).then(Unfinished::begin),
    );
    // A page left while it waits (the reader moved on) must not hold every later page
    // unfinished.
    on_cleanup(move || drop(waiting.try_update_value(Option::take)));
    Effect::new(move |ran_before: Option<()>| {
        let now = feed.status();
        if matches!(status.get_untracked(), FeedStatus::Loading)
            && !matches!(now, FeedStatus::Loading)
            && dom::taking_over()
        {
            task::in_next_task(move || {
                set_status.try_set(now);
            });
        } else if ran_before.is_some() {
            // (The first run has nothing new to show: `status` started from the same value.)
            set_status.set(now);
        }
    });
    // Once the page shows its content (or says why it cannot), it replaces a pre-rendered copy
    // of itself. In the next task the page is built, up to the first portion of a long text;
    // the swap waits for the rest, so the copy never gives way to half a page.
    Effect::new(move |_| {
        if !matches!(status.get(), FeedStatus::Loading) {
            task::in_next_task(move || {
                drop(waiting.try_update_value(Option::take));
                rendering::when_finished(dom::finish_takeover);
            });
        }
    });
    move || match status.get() {
        FeedStatus::Loading => view! {
            <p class="gk-loading" role="status">{move || t.get().loading}</p>
        }
        .into_any(),
        FeedStatus::Ready(catalog) => render(catalog).into_any(),
        FeedStatus::Failed(message) => view! {
            <div class="gk-alert gk-alert--error" role="alert">
                <p class="gk-alert__title">{move || t.get().feed_failed}</p>
                <p class="gk-alert__detail">{message}</p>
                <button type="button" class="gk-button" on:click=|_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }>{move || t.get().retry}</button>
            </div>
        }
        .into_any(),
    }
}
