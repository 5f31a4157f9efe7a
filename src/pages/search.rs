//! Placeholder search page (replaced by the full page).

use crate::state::prefs::use_strings;
use leptos::prelude::*;

#[component]
pub fn SearchPage() -> impl IntoView {
    let t = use_strings();
    super::set_page_title(t.get_untracked().search_title);
    view! {
        <div class="gk-page">
            <h1>{move || t.get().search_title}</h1>
            <p class="gk-empty">{move || t.get().search_empty_prompt}</p>
        </div>
    }
}
