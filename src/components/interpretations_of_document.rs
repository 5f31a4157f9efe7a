//! "Interpretations of this document" (本文件的解读): on a document's page, links to every
//! interpretation that lists it or cites it in a text panel or transcript, newest first. The
//! document and its interpretation are published together, so a reader of either finds the
//! other. Renders nothing when no interpretation cites the document.

use crate::components::interpretation_card::media_kinds;
use crate::platform::dom;
use crate::state::prefs::{use_lang, use_strings};
use gongkai_feed::catalog::Catalog;
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

/// - `catalog`: the loaded feed.
/// - `document_id`: the document whose interpretations to list.
#[component]
pub fn InterpretationsOfDocument(catalog: Arc<Catalog>, document_id: String) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let l = lang.get_untracked();
    let items = catalog.interpretations_citing(&document_id);
    if items.is_empty() {
        return ().into_any();
    }
    let heading_id = format!("interpretations-of-{document_id}");
    let section_label = heading_id.clone();
    let links = items
        .into_iter()
        .map(|x| {
            let href = format!("/interpretations/{}", x.id);
            let title = x.title.get(l).to_string();
            let date = x.published.clone();
            let kinds = media_kinds(x);
            let labels = move || {
                let t = t.get();
                kinds
                    .iter()
                    .map(|k| k.label(t))
                    .collect::<Vec<_>>()
                    .join(" · ")
            };
            view! {
                <li>
                    <A href=dom::app_href(&href) attr:class="gk-interp-link">
                        <span class="gk-interp-link__badge" aria-hidden="true">
                            {move || t.get().nav_interpretations}
                        </span>
                        <span class="gk-interp-link__text">
                            <span class="gk-interp-link__title">{title}</span>
                            <span class="gk-interp-link__meta">
                                <time datetime=date.clone()>{date.clone()}</time>
                                <span>{labels}</span>
                            </span>
                        </span>
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="gk-section gk-interp-of-doc" aria-labelledby=section_label>
            <h2 id=heading_id>{move || t.get().interpretations_of_document}</h2>
            <ul class="gk-interp-links">{links}</ul>
        </section>
    }
    .into_any()
}
