//! Placeholder detail page (replaced by the full page).

use crate::components::feed_gate::FeedGate;
use crate::components::not_found_state::NotFoundState;
use crate::state::prefs::{use_lang, use_strings};
use leptos::prelude::*;

#[component]
pub fn InterpretationPage() -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let id = super::super::id_param();
    view! {
        <div class="gk-page">
            <FeedGate render=move |c| {
                let Some(q) = c.interpretation(&id.get()).cloned() else {
                    return view! {
                        <NotFoundState
                            title=Signal::derive(move || t.get().not_found_title)
                            message=Signal::derive(move || t.get().interpretation_not_found)
                            back_href="/interpretations"
                            back_label=Signal::derive(move || t.get().interpretations_back)
                        />
                    }.into_any();
                };
                let title = q.title.get(lang.get()).to_string();
                super::super::set_page_title(&title);
                view! { <h1>{title}</h1><p>{q.summary.get(lang.get()).to_string()}</p> }.into_any()
            }/>
        </div>
    }
}
