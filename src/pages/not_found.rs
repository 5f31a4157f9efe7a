//! The 404 page for any unknown address.

use crate::components::not_found_state::NotFoundState;
use crate::state::prefs::use_strings;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_strings();
    super::set_page_title(t.get_untracked().not_found_title);
    view! {
        <NotFoundState
            title=Signal::derive(move || t.get().not_found_title)
            message=Signal::derive(move || t.get().not_found_body)
            back_href="/"
            back_label=Signal::derive(move || t.get().go_home)
        />
    }
}
