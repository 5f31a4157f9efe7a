//! `/qa`: every question, filterable by topic (toggle chips) and by typing, newest first. Each
//! question expands in place to its answer and links to its own page.

use crate::components::feed_gate::FeedGate;
use crate::components::qa_item::QaSummaryItem;
use crate::state::prefs::{use_lang, use_strings};
use gongkai_feed::catalog::Catalog;
use gongkai_feed::{Lang, QaItem};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

/// Whether `item` contains `needle` (already lower-cased) in its question or answer, in any of
/// its languages. A plain contains-filter: full search lives on `/search`.
fn matches_text(item: &QaItem, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let hit = |s: &str| s.to_lowercase().contains(needle);
    item.question.all().any(hit)
        || item.answer.iter().any(|b| match b {
            gongkai_feed::Block::Heading { text, .. }
            | gongkai_feed::Block::Paragraph { text }
            | gongkai_feed::Block::Quote { text, .. } => hit(&text.plain()),
            gongkai_feed::Block::List { items, .. } => items.iter().any(|i| hit(&i.plain())),
            gongkai_feed::Block::Table { header, rows, .. } => header
                .iter()
                .chain(rows.iter().flatten())
                .any(|c| hit(&c.plain())),
            gongkai_feed::Block::Image(img) => img.alt.all().any(hit),
        })
}

/// The ids of the questions that pass the topic and text filters, newest first.
fn visible_ids(catalog: &Catalog, topic: Option<&str>, text: &str) -> Vec<String> {
    let needle = text.trim().to_lowercase();
    catalog
        .qa_newest_first()
        .into_iter()
        .filter(|q| topic.is_none_or(|t| q.topics.iter().any(|x| x == t)))
        .filter(|q| matches_text(q, &needle))
        .map(|q| q.id.clone())
        .collect()
}

#[component]
pub fn QaListPage() -> impl IntoView {
    let t = use_strings();
    crate::pages::set_page_title(t.get_untracked().qa_title);
    view! {
        <div class="gk-page gk-qa-list">
            <h1>{move || t.get().qa_title}</h1>
            <p class="gk-lead">{move || t.get().qa_intro}</p>
            <FeedGate render=|c| view! { <QaBrowser catalog=c/> }/>
        </div>
    }
}

/// The filters and the list.
#[component]
fn QaBrowser(catalog: Arc<Catalog>) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let query = use_query_map();
    let navigate = crate::pages::use_filter_navigate();
    // The topic lives in the URL (`/qa?topic=budgets`) so a filtered list can be linked to.
    let topic = Memo::new(move |_| query.with(|q| q.get("topic")).filter(|t| !t.is_empty()));
    let (text, set_text) = signal(String::new());

    let set_topic = move |next: Option<String>| {
        let url = match next {
            Some(t) => format!("/qa?topic={t}"),
            None => "/qa".to_string(),
        };
        navigate(&url);
    };

    let used_topics: Vec<(String, gongkai_feed::LocalText)> = catalog
        .feed()
        .topics
        .iter()
        .filter(|tp| catalog.feed().qa.iter().any(|q| q.topics.contains(&tp.id)))
        .map(|tp| (tp.id.clone(), tp.name.clone()))
        .collect();

    let chips = {
        let set_topic = set_topic.clone();
        let all = {
            let set_topic = set_topic.clone();
            view! {
                <li>
                    <button type="button" class="gk-chip"
                        aria-pressed=move || topic.get().is_none().to_string()
                        on:click=move |_| set_topic(None)
                    >{move || t.get().qa_all_topics}</button>
                </li>
            }
        };
        let each = used_topics
            .into_iter()
            .map(|(id, name)| {
                let set_topic = set_topic.clone();
                let id_pressed = id.clone();
                view! {
                    <li>
                        <button type="button" class="gk-chip"
                            aria-pressed=move || (topic.get().as_deref() == Some(id_pressed.as_str())).to_string()
                            on:click=move |_| {
                                let same = topic.get_untracked().as_deref() == Some(id.as_str());
                                set_topic((!same).then(|| id.clone()));
                            }
                        >{move || name.get(lang.get()).to_string()}</button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="gk-chips" aria-label=move || t.get().qa_topics_label>{all}{each}</ul> }
    };

    let visible = {
        let catalog = catalog.clone();
        Memo::new(move |_| visible_ids(&catalog, topic.get().as_deref(), &text.get()))
    };

    let list = move || {
        let lang: Lang = lang.get();
        let ids = visible.get();
        if ids.is_empty() {
            return view! { <p class="gk-empty">{move || t.get().qa_empty}</p> }.into_any();
        }
        let items = ids
            .iter()
            .filter_map(|id| catalog.qa(id).cloned())
            .map(|q| view! { <QaSummaryItem item=q lang=lang/> })
            .collect_view();
        view! { <ol class="gk-qa-list__items">{items}</ol> }.into_any()
    };

    view! {
        <div class="gk-filters" role="search">
            <div class="gk-field">
                <label for="qa-filter">{move || t.get().qa_filter_label}</label>
                <input id="qa-filter" type="search" autocomplete="off"
                    placeholder=move || t.get().qa_filter_placeholder
                    prop:value=text
                    on:input=move |ev| set_text.set(event_target_value(&ev))
                />
            </div>
            {chips}
        </div>
        <p class="gk-count" role="status" aria-live="polite">
            {move || (t.get().qa_count)(visible.get().len())}
        </p>
        {list}
    }
}
