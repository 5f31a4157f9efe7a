//! "A new version is available — reload": shown when a new build has been downloaded and waits.
//! Non-blocking: the reader finishes what they are doing and reloads when they choose; until
//! then the page keeps running on the version it loaded.

use crate::platform::sw;
use crate::state::offline::use_offline;
use crate::state::prefs::use_strings;
use leptos::prelude::*;

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let offline = use_offline();
    let t = use_strings();
    let (later, set_later) = signal(false);
    view! {
        <div class="gk-update-region" role="status">
            {move || (offline.update_waiting.get() && !later.get()).then(|| view! {
                <div class="gk-notice gk-notice--update gk-update">
                    <p class="gk-notice__text">{t.get().update_available}</p>
                    <div class="gk-notice__actions">
                        <button type="button" class="gk-button" on:click=|_| sw::activate_waiting()>
                            {t.get().update_reload}
                        </button>
                        <button type="button" class="gk-button gk-button--quiet" on:click=move |_| set_later.set(true)>
                            {t.get().update_later}
                        </button>
                    </div>
                </div>
            })}
        </div>
    }
}
