//! Share a permanent link: the system share sheet where there is one, otherwise copy the link
//! and confirm visibly (and to screen readers).

use crate::platform::share::{share_link, ShareOutcome};
use crate::state::prefs::use_strings;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// - `title`: the shared item's title.
/// - `url`: the absolute permanent link (computed when clicked, so it can include a `#section`).
/// - `label`: the button text (defaults to "share").
#[component]
pub fn ShareButton(
    #[prop(into)] title: String,
    url: Callback<(), String>,
    #[prop(optional, into)] label: Option<Signal<&'static str>>,
) -> impl IntoView {
    let t = use_strings();
    let (message, set_message) = signal(None::<&'static str>);
    let on_click = move |_| {
        let title = title.clone();
        let url = url.run(());
        spawn_local(async move {
            let shown = match share_link(&title, &url).await {
                Ok(ShareOutcome::Shared) => None,
                Ok(ShareOutcome::Copied) => Some(t.get_untracked().link_copied),
                Err(_) => Some(t.get_untracked().copy_failed),
            };
            set_message.set(shown);
        });
    };
    view! {
        <span class="gk-share">
            <button type="button" class="gk-button gk-button--quiet" on:click=on_click>
                <span aria-hidden="true" class="gk-icon">"↗"</span>
                {move || label.map(|l| l.get()).unwrap_or_else(|| t.get().share)}
            </button>
            <span class="gk-share__status" role="status" aria-live="polite">
                {move || message.get()}
            </span>
        </span>
    }
}
