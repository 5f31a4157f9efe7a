//! `/interpretations/{id}`: one illustrated interpretation: title, agency, date, summary and
//! share, its panels in order, the documents it interprets, and the previous and next ones.

use crate::components::doc_card::DocumentCard;
use crate::components::feed_gate::FeedGate;
use crate::components::not_found_state::missing_item;
use crate::components::panel::panel_view;
use crate::components::share_button::ShareButton;
use crate::pages::{id_param, set_page_title};
use crate::platform::dom;
use crate::state::prefs::{use_lang, use_strings};
use gongkai_feed::catalog::Catalog;
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

#[component]
pub fn InterpretationPage() -> impl IntoView {
    let id = id_param();
    view! {
        <div class="gk-page gk-interp-page">
            <FeedGate render=move |c| view! { <InterpretationDetail catalog=c id=id.get()/> }/>
        </div>
    }
}

#[component]
fn InterpretationDetail(catalog: Arc<Catalog>, id: String) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let Some(x) = catalog.interpretation(&id).cloned() else {
        return missing_item(
            |t| t.interpretation_not_found,
            "/interpretations",
            |t| t.interpretations_back,
        );
    };
    let l = lang.get_untracked();
    let title = x.title.get(l).to_string();
    set_page_title(&title);
    let summary = x.summary.get(l).to_string();
    let agency = catalog
        .agency(&x.agency)
        .map(|a| a.name.get(l).to_string())
        .unwrap_or_default();
    let date = x.published.clone();

    let panels = x
        .panels
        .iter()
        .enumerate()
        .map(|(i, p)| panel_view(p, format!("{}-p{}", x.id, i + 1), l, i == 0))
        .collect_view();

    let documents = x
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
        .collect::<Vec<_>>();
    let documents = (!documents.is_empty()).then(|| {
        view! {
            <section class="gk-section gk-interp__documents" aria-labelledby="interp-documents">
                <h2 id="interp-documents">{move || t.get().interprets}</h2>
                <ul class="gk-doc-list">{documents}</ul>
            </section>
        }
    });

    let (newer, older) = catalog.interpretation_neighbours(&x.id);
    let pager_link = |item: Option<&gongkai_feed::Interpretation>, next: bool| {
        item.map(|n| {
            let href = format!("/interpretations/{}", n.id);
            let label = n.title.get(l).to_string();
            let class = if next {
                "gk-pager__link gk-pager__link--next"
            } else {
                "gk-pager__link gk-pager__link--prev"
            };
            view! {
                <A href=dom::app_href(&href) attr:class=class>
                    <span class="gk-pager__dir">
                        {move || if next { t.get().next } else { t.get().previous }}
                    </span>
                    <span class="gk-pager__title">{label}</span>
                </A>
            }
        })
    };
    let pager = (newer.is_some() || older.is_some()).then(|| {
        let prev = pager_link(newer, false);
        let next = pager_link(older, true);
        view! {
            <nav class="gk-pager" aria-label=move || t.get().more_interpretations>
                {prev}{next}
            </nav>
        }
    });

    let share_path = format!("/interpretations/{}", x.id);
    view! {
        <article class="gk-interp" aria-labelledby="interp-title">
            <p class="gk-breadcrumb">
                <A href=dom::app_href("/interpretations")>{move || t.get().interpretations_title}</A>
            </p>
            <header class="gk-interp__header">
                <h1 id="interp-title">{title.clone()}</h1>
                <p class="gk-interp__meta">
                    <span>{agency}</span>
                    <time datetime=date.clone()>{date.clone()}</time>
                </p>
                {(!summary.is_empty()).then(|| view! { <p class="gk-interp__summary">{summary.clone()}</p> })}
                <ShareButton title=title url=Callback::new(move |_| dom::absolute_url(&share_path))/>
            </header>
            <section class="gk-interp__panels" aria-labelledby="interp-content">
                <h2 id="interp-content" class="gk-visually-hidden">{move || t.get().interpretation_content}</h2>
                {panels}
            </section>
            {documents}
            {pager}
        </article>
    }
    .into_any()
}
