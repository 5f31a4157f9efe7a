//! Offline readiness and app updates: registers the service worker once, and shares whether the
//! app is saved for offline use, whether a new version waits, and whether the network is up.

use crate::platform::{network, sw};
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
        if up {
            sw::check_for_update();
        }
    });
    if sw::supported() {
        spawn_local(async move {
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
        });
    }
    provide_context(OfflineState {
        ready,
        update_waiting,
        online,
    });
}

pub fn use_offline() -> OfflineState {
    expect_context::<OfflineState>()
}
