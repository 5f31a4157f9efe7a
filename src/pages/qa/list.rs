//! Placeholder list page (replaced by the full page).

use crate::components::feed_gate::FeedGate;
use crate::state::prefs::{use_lang, use_strings};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn QaListPage() -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    crate::pages::set_page_title(t.get_untracked().qa_title);
    view! {
        <div class="gk-page">
            <h1>{move || t.get().qa_title}</h1>
            <FeedGate render=move |c| {
                let items = c.qa_newest_first();
                if items.is_empty() {
                    return view! { <p class="gk-empty">{move || t.get().qa_empty}</p> }.into_any();
                }
                let lang = lang.get();
                let list = items.into_iter().map(|i| {
                    let href = format!("/qa/{}", i.id);
                    let label = i.question.get(lang).to_string();
                    view! { <li><A href=href>{label}</A></li> }
                }).collect_view();
                view! { <ul class="gk-link-list">{list}</ul> }.into_any()
            }/>
        </div>
    }
}
