//! Offline readiness and app updates: registers the service worker once, and shares whether the
//! app is saved for offline use, whether a new version waits, and whether the network is up.
//!
//! The worker is registered once the first feed is on screen (or has failed) and painted: its
//! install downloads every file of the build, the feed among them, and would otherwise compete
//! with the page's own download, parse and first paint for the network and the processor.

use crate::platform::{network, perf, rendering, sw};
use crate::state::feed::{use_feed, FeedStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Whether the app opens without a network.
#[derive(Clone, Debug, PartialEq)]
pub enum OfflineReady {
    /// Registered, still downloading (or the first page load is not controlled yet).
    Preparing,
    Ready,
    /// No service workers in this browser: the app works online only. Nothing to alarm about.
    Unsupported,
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct OfflineState {
    pub ready: ReadSignal<OfflineReady>,
    pub update_waiting: ReadSignal<bool>,
    pub online: ReadSignal<bool>,
}

/// How often an app left open (a kiosk) looks for a new version.
const UPDATE_CHECK: Duration = Duration::from_secs(60 * 60);

pub fn provide_offline() {
    let (ready, set_ready) = signal(if sw::supported() {
        OfflineReady::Preparing
    } else {
        OfflineReady::Unsupported
    });
    let (update_waiting, set_update_waiting) = signal(false);
    let (online, set_online) = signal(network::is_online());
    network::watch(move |up| {
        set_online.set(up);
        if !up {
            return;
        }
        // A registration that failed (most likely the connection dropped while the worker's
        // script downloaded) is tried again as soon as the connection is back, not only on the
        // next visit.
        if matches!(ready.get_untracked(), OfflineReady::Failed(_)) {
            set_ready.set(OfflineReady::Preparing);
            spawn_local(register(set_ready, set_update_waiting));
        } else {
            sw::check_for_update();
        }
    });
    if sw::supported() {
        let feed = use_feed();
        let started = StoredValue::new(false);
        Effect::new(move |_| {
            if matches!(feed.status(), FeedStatus::Loading) || started.get_value() {
                return;
            }
            started.set_value(true);
            spawn_local(async move {
                rendering::page_painted().await;
                register(set_ready, set_update_waiting).await;
            });
        });
    }
    provide_context(OfflineState {
        ready,
        update_waiting,
        online,
    });
}

async fn register(set_ready: WriteSignal<OfflineReady>, set_update_waiting: WriteSignal<bool>) {
    perf::mark(perf::marks::SW_REGISTER);
    let registered = sw::register(move |event| match event {
        sw::SwEvent::Controlled => set_ready.set(OfflineReady::Ready),
        sw::SwEvent::UpdateWaiting => set_update_waiting.set(true),
    })
    .await;
    match registered {
        Ok(()) => set_interval(sw::check_for_update, UPDATE_CHECK),
        Err(sw::SwError::Unsupported) => set_ready.set(OfflineReady::Unsupported),
        Err(e) => set_ready.set(OfflineReady::Failed(e.to_string())),
    }
}

pub fn use_offline() -> OfflineState {
    expect_context::<OfflineState>()
}
