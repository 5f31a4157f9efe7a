//! `/interpretations`: every illustrated interpretation as a card, newest first, in a grid of
//! one column on phones and two or three on wider screens.

use crate::components::feed_gate::FeedGate;
use crate::components::interpretation_card::InterpretationCard;
use crate::state::prefs::{use_lang, use_strings};
use gongkai_feed::catalog::Catalog;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn InterpretationListPage() -> impl IntoView {
    let t = use_strings();
    crate::pages::set_page_title(t.get_untracked().interpretations_title);
    view! {
        <div class="gk-page gk-interp-list">
            <h1>{move || t.get().interpretations_title}</h1>
            <p class="gk-lead">{move || t.get().interpretations_intro}</p>
            <FeedGate render=|c| view! { <InterpretationGrid catalog=c/> }/>
        </div>
    }
}

#[component]
fn InterpretationGrid(catalog: Arc<Catalog>) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    move || {
        let l = lang.get();
        let items = catalog.interpretations_newest_first();
        if items.is_empty() {
            return view! { <p class="gk-empty">{move || t.get().interpretations_empty}</p> }
                .into_any();
        }
        let cards = items
            .into_iter()
            .enumerate()
            .map(|(i, x)| {
                let agency = catalog
                    .agency(&x.agency)
                    .map(|a| a.name.get(l).to_string())
                    .unwrap_or_default();
                // The first row is on screen at once; later covers load as they scroll in.
                view! {
                    <li><InterpretationCard interpretation=x.clone() agency=agency lang=l eager=i < 2/></li>
                }
            })
            .collect_view();
        view! { <ul class="gk-interp-grid">{cards}</ul> }.into_any()
    }
}
