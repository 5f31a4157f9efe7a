//! A quiet line while the browser reports no network: what is shown is the saved content.

use crate::state::offline::use_offline;
use crate::state::prefs::use_strings;
use leptos::prelude::*;

#[component]
pub fn OfflineIndicator() -> impl IntoView {
    let offline = use_offline();
    let t = use_strings();
    view! {
        <div class="gk-offline-region" role="status">
            {move || (!offline.online.get()).then(|| view! {
                <p class="gk-offline">
                    <svg class="gk-offline__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                        <path d="M3 3l18 18M8.5 8.7A9.9 9.9 0 0 0 4.3 11M2 8a15 15 0 0 1 4.2-2.6M10.7 5.1A15 15 0 0 1 22 8M16.9 11.4A10 10 0 0 1 19.7 11M8.5 14.5a5 5 0 0 1 6.6-.4M12 19h.01" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
                    </svg>
                    <span>{t.get().offline}</span>
                </p>
            })}
        </div>
    }
}
