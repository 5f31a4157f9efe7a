//! The "offline use" section of settings: whether the app opens without a network, how much the
//! device keeps for it, and a request to keep it when space runs low.

use crate::platform::quota;
use crate::state::offline::{use_offline, OfflineReady};
use crate::state::prefs::use_strings;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `1.2 MB`, `850 KB`, `12.3 GB`: storage sizes as a reader reads them.
fn format_bytes(bytes: f64) -> String {
    const KB: f64 = 1024.0;
    const MB: f64 = KB * 1024.0;
    const GB: f64 = MB * 1024.0;
    if bytes >= GB {
        format!("{:.1} GB", bytes / GB)
    } else if bytes >= MB {
        format!("{:.1} MB", bytes / MB)
    } else {
        format!("{:.0} KB", (bytes / KB).ceil())
    }
}

/// The persistent-storage state, as far as it is known.
#[derive(Clone, Copy, PartialEq)]
enum Persist {
    Unknown,
    Granted,
    NotGranted,
    Denied,
}

#[component]
pub fn OfflineSettings() -> impl IntoView {
    let t = use_strings();
    let offline = use_offline();
    let (usage, set_usage) = signal(None::<Result<quota::Usage, ()>>);
    let (persist, set_persist) = signal(Persist::Unknown);

    // Re-measure once the worker has finished saving everything.
    Effect::new(move |_| {
        let _ = offline.ready.get();
        spawn_local(async move {
            set_usage.set(Some(quota::estimate().await.map_err(|_| ())));
        });
    });
    spawn_local(async move {
        if let Ok(p) = quota::persisted().await {
            set_persist.set(if p {
                Persist::Granted
            } else {
                Persist::NotGranted
            });
        }
    });
    let request = move |_| {
        spawn_local(async move {
            let granted = quota::persist().await.unwrap_or(false);
            set_persist.set(if granted {
                Persist::Granted
            } else {
                Persist::Denied
            });
            set_usage.set(Some(quota::estimate().await.map_err(|_| ())));
        });
    };

    let status = move || {
        let t = t.get();
        match offline.ready.get() {
            OfflineReady::Ready => t.offline_ready,
            OfflineReady::Preparing => t.offline_preparing,
            OfflineReady::Unsupported => t.offline_unsupported,
            OfflineReady::Failed(_) => t.offline_failed,
        }
    };
    let usage_text = move || match usage.get() {
        None => String::new(),
        Some(Ok(u)) => (t.get().storage_used)(&format_bytes(u.used), &format_bytes(u.quota)),
        Some(Err(())) => t.get().storage_unknown.to_string(),
    };
    view! {
        <section class="gk-settings__offline" aria-labelledby="settings-offline">
            <h2 id="settings-offline">{move || t.get().settings_offline}</h2>
            <p class="gk-offline-status" data-state=move || match offline.ready.get() {
                OfflineReady::Ready => "ready",
                OfflineReady::Preparing => "preparing",
                OfflineReady::Unsupported => "unsupported",
                OfflineReady::Failed(_) => "failed",
            }>{status}</p>
            <p class="gk-offline-usage">{usage_text}</p>
            {move || match persist.get() {
                Persist::Granted => view! { <p class="gk-hint">{t.get().persist_granted}</p> }.into_any(),
                Persist::Unknown => ().into_any(),
                state => view! {
                    <button type="button" class="gk-button gk-button--quiet" on:click=request>
                        {t.get().persist_button}
                    </button>
                    {(state == Persist::Denied).then(|| view! { <p class="gk-hint">{t.get().persist_denied}</p> })}
                }.into_any(),
            }}
        </section>
    }
}
