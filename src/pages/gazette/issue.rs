//! `/gazette/{issue_id}`: one issue of the gazette, in step with the paper edition: its label
//! and date, the table of contents section by section (each document with its 文号 and
//! agency), and the paper edition's PDF when there is one.

use crate::components::doc_card::DocumentCard;
use crate::components::feed_gate::FeedGate;
use crate::components::not_found_state::missing_item;
use crate::components::rich_text::FeedImage;
use crate::components::virtual_list::VirtualList;
use crate::pages::{id_param, set_page_title};
use crate::platform::dom;
use crate::state::prefs::{use_lang, use_strings};
use gongkai_feed::catalog::Catalog;
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

/// Tables of contents with more entries than this render as a virtual list.
const VIRTUAL_LIST_FROM: usize = 200;

#[component]
pub fn GazetteIssuePage() -> impl IntoView {
    let id = id_param();
    view! {
        <div class="gk-page gk-issue-page">
            <FeedGate render=move |c| view! { <IssueContents catalog=c id=id.get()/> }/>
        </div>
    }
}

/// The PDF link only for web addresses or paths inside the app; anything else (a `javascript:`
/// URL in a bad feed) is not offered.
fn pdf_href(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let has_scheme = lower
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.contains('/'));
    let ok = lower.starts_with("https://") || lower.starts_with("http://") || !has_scheme;
    (ok && !url.trim().is_empty()).then(|| url.trim().to_string())
}

#[component]
fn IssueContents(catalog: Arc<Catalog>, id: String) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let Some(issue) = catalog.issue(&id).cloned() else {
        return missing_item(
            |t| t.gazette_issue_not_found,
            "/gazette",
            |t| t.gazette_back,
        );
    };
    let l = lang.get_untracked();
    let label = issue.label.get(l).to_string();
    set_page_title(&label);
    let count = catalog.documents_in_issue(&issue.id).len();
    let published = issue.published.clone();
    let cover = issue.cover.clone().map(|image| {
        view! { <FeedImage image=image eager=true class="gk-issue__cover"/> }
    });
    let pdf = issue.pdf_url.as_deref().and_then(pdf_href).map(|href| {
        view! {
            <p class="gk-issue__pdf">
                <a class="gk-button gk-button--quiet" href=href rel="noopener noreferrer" target="_blank">
                    <span aria-hidden="true" class="gk-icon">"⤓"</span>
                    {move || t.get().gazette_pdf}
                </a>
            </p>
        }
    });
    // A long table of contents only puts the entries near the screen into the page.
    let long = count > VIRTUAL_LIST_FROM;
    let sections = issue
        .sections
        .iter()
        .enumerate()
        .map(|(i, section)| {
            let heading_id = format!("issue-section-{}", i + 1);
            let title = section.title.get(l).to_string();
            let ids: Vec<String> = section
                .documents
                .iter()
                .filter(|d| catalog.document(d).is_some())
                .cloned()
                .collect();
            let row = {
                let catalog = catalog.clone();
                move |id: String| {
                    let d = catalog.document(&id).cloned()?;
                    let agency = catalog
                        .agency(&d.agency)
                        .map(|a| a.name.get(l).to_string())
                        .unwrap_or_else(|| d.agency.clone());
                    Some(view! { <li><DocumentCard document=d agency=agency lang=l/></li> })
                }
            };
            let docs = if long {
                view! { <VirtualList items=ids render=row class="gk-doc-list"/> }.into_any()
            } else {
                let rows = ids.into_iter().map(row).collect_view();
                view! { <ul class="gk-doc-list">{rows}</ul> }.into_any()
            };
            view! {
                <section class="gk-issue__section" aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone() class="gk-issue__section-title">{title}</h2>
                    {docs}
                </section>
            }
        })
        .collect_view();
    view! {
        <article class="gk-issue" aria-labelledby="issue-title">
            <p class="gk-breadcrumb"><A href=dom::app_href("/gazette")>{move || t.get().gazette_title}</A></p>
            <header class="gk-issue__header">
                {cover}
                <div class="gk-issue__heading">
                    <h1 id="issue-title">{label}</h1>
                    <p class="gk-date">
                        {move || t.get().published}" "
                        <time datetime=published.clone()>{published.clone()}</time>
                    </p>
                    <p class="gk-issue__count">{move || (t.get().gazette_documents_count)(count)}</p>
                    {pdf}
                </div>
            </header>
            <nav class="gk-issue__contents" aria-label=move || t.get().gazette_contents>
                {sections}
            </nav>
        </article>
    }
    .into_any()
}
