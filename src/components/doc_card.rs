//! A document as a link card: title, 文号 and issuing agency. Used for "policy basis",
//! "interprets" and gazette tables of contents.

use crate::platform::dom;
use crate::state::prefs::use_strings;
use gongkai_feed::{Document, Lang};
use leptos::prelude::*;
use leptos_router::components::A;

/// - `document`: the document to link to (`/documents/{id}`).
/// - `agency`: the issuing agency's display name.
/// - `lang`: the reader's language.
#[component]
pub fn DocumentCard(document: Document, agency: String, lang: Lang) -> impl IntoView {
    let t = use_strings();
    let href = format!("/documents/{}", document.id);
    let title = document.title.get(lang).to_string();
    let number = document.number.clone();
    view! {
        <A href=dom::app_href(&href) attr:class="gk-doc-card">
            <span class="gk-doc-card__title">{title}</span>
            <span class="gk-doc-card__meta">
                {number.map(|n| view! {
                    <span class="gk-doc-card__number">
                        <span class="gk-visually-hidden">{move || t.get().document_number}" "</span>{n}
                    </span>
                })}
                <span class="gk-doc-card__agency">{agency}</span>
            </span>
        </A>
    }
}
