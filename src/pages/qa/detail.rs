//! `/qa/{id}`: one question with its full answer, topics, date, the policy basis (the documents
//! that rule on it) and related questions.

use crate::components::doc_card::DocumentCard;
use crate::components::feed_gate::FeedGate;
use crate::components::not_found_state::missing_item;
use crate::components::rich_text::RichTextView;
use crate::components::share_button::ShareButton;
use crate::pages::{id_param, set_page_title};
use crate::platform::dom;
use crate::state::prefs::{use_lang, use_strings};
use gongkai_feed::catalog::Catalog;
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

#[component]
pub fn QaDetailPage() -> impl IntoView {
    let id = id_param();
    view! {
        <div class="gk-page gk-qa-page">
            <FeedGate render=move |c| view! { <QaDetail catalog=c id=id.get()/> }/>
        </div>
    }
}

#[component]
fn QaDetail(catalog: Arc<Catalog>, id: String) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let Some(q) = catalog.qa(&id).cloned() else {
        return missing_item(|t| t.qa_not_found, "/qa", |t| t.qa_back);
    };
    let l = lang.get_untracked();
    let question = q.question.get(l).to_string();
    set_page_title(&question);
    let topics = q
        .topics
        .iter()
        .filter_map(|tid| catalog.topic(tid))
        .map(|tp| {
            let href = format!("/qa?topic={}", tp.id);
            let name = tp.name.get(l).to_string();
            view! { <li><A href=dom::app_href(&href) attr:class="gk-tag">{name}</A></li> }
        })
        .collect_view();
    let basis = q
        .documents
        .iter()
        .filter_map(|d| catalog.document(d))
        .map(|d| {
            let agency = catalog
                .agency(&d.agency)
                .map(|a| a.name.get(l).to_string())
                .unwrap_or_default();
            view! { <li><DocumentCard document=d.clone() agency=agency lang=l/></li> }
        })
        .collect_view();
    let related = catalog
        .related_qa(&q.id)
        .into_iter()
        .take(5)
        .map(|r| {
            let href = format!("/qa/{}", r.id);
            let label = r.question.get(l).to_string();
            view! { <li><A href=dom::app_href(&href)>{label}</A></li> }
        })
        .collect_view();
    let share_path = format!("/qa/{}", q.id);
    let updated = q.updated.clone();
    view! {
        <article class="gk-qa-detail" aria-labelledby="qa-title">
            <p class="gk-breadcrumb"><A href=dom::app_href("/qa")>{move || t.get().qa_title}</A></p>
            <h1 id="qa-title">{question.clone()}</h1>
            <div class="gk-qa-detail__meta">
                <ul class="gk-tags" aria-label=move || t.get().topics>{topics}</ul>
                <p class="gk-date">{move || t.get().updated}" "<time datetime=updated.clone()>{updated.clone()}</time></p>
            </div>
            <RichTextView blocks=q.answer.clone()/>
            <ShareButton title=question url=Callback::new(move |_| dom::absolute_url(&share_path))/>
            <section class="gk-section" aria-labelledby="qa-basis">
                <h2 id="qa-basis">{move || t.get().qa_policy_basis}</h2>
                <ul class="gk-doc-list">{basis}</ul>
            </section>
            <section class="gk-section" aria-labelledby="qa-related">
                <h2 id="qa-related">{move || t.get().qa_related}</h2>
                <ul class="gk-link-list">{related}</ul>
            </section>
        </article>
    }
    .into_any()
}
