//! `/`: what's here, with the newest of each section.

use crate::components::feed_gate::FeedGate;
use crate::platform::dom;
use crate::state::prefs::{use_lang, use_strings};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    super::set_page_title("");
    view! {
        <div class="gk-page gk-home">
            <h1>{move || t.get().home_title}</h1>
            <p class="gk-lead">{move || t.get().home_intro}</p>
            <FeedGate render=move |c| {
                let lang = lang.get();
                let qa = c.qa_newest_first().into_iter().take(3).map(|q| {
                    let href = format!("/qa/{}", q.id);
                    let label = q.question.get(lang).to_string();
                    view! { <li><A href=dom::app_href(&href)>{label}</A></li> }
                }).collect_view();
                let interps = c.interpretations_newest_first().into_iter().take(3).map(|i| {
                    let href = format!("/interpretations/{}", i.id);
                    let label = i.title.get(lang).to_string();
                    view! { <li><A href=dom::app_href(&href)>{label}</A></li> }
                }).collect_view();
                let issues = c.issues_by_year().into_iter().flat_map(|(_, v)| v).take(2).map(|g| {
                    let href = format!("/gazette/{}", g.id);
                    let label = g.label.get(lang).to_string();
                    view! { <li><A href=dom::app_href(&href)>{label}</A></li> }
                }).collect_view();
                view! {
                    <section class="gk-home__section" aria-labelledby="home-qa">
                        <h2 id="home-qa">{move || t.get().home_latest_qa}</h2>
                        <ul class="gk-link-list">{qa}</ul>
                        <A href=dom::app_href("/qa") attr:class="gk-more">{move || t.get().see_all}</A>
                    </section>
                    <section class="gk-home__section" aria-labelledby="home-interpretations">
                        <h2 id="home-interpretations">{move || t.get().home_latest_interpretations}</h2>
                        <ul class="gk-link-list">{interps}</ul>
                        <A href=dom::app_href("/interpretations") attr:class="gk-more">{move || t.get().see_all}</A>
                    </section>
                    <section class="gk-home__section" aria-labelledby="home-gazette">
                        <h2 id="home-gazette">{move || t.get().home_latest_gazette}</h2>
                        <ul class="gk-link-list">{issues}</ul>
                        <A href=dom::app_href("/gazette") attr:class="gk-more">{move || t.get().see_all}</A>
                    </section>
                }
            }/>
        </div>
    }
}
