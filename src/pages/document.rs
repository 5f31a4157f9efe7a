//! `/documents/{id}`: the gazette reader. The document's header (文号, agency, dates, validity,
//! the issue that carries it), its full text with a 目录 that jumps to sections, reading aids
//! (text size, progress, back to top), the Q&A and interpretations that cite it, and the
//! previous and next documents of its issue. Printing leaves only the header and the text.

use crate::components::back_to_top::BackToTop;
use crate::components::feed_gate::FeedGate;
use crate::components::font_size_control::FontSizeControl;
use crate::components::interpretations_of_document::InterpretationsOfDocument;
use crate::components::not_found_state::missing_item;
use crate::components::outline::Outline;
use crate::components::progressive::in_own_task;
use crate::components::reading_progress::{use_scroll_position, ReadingProgress};
use crate::components::rich_text::RichTextView;
use crate::components::share_button::ShareButton;
use crate::components::validity_badge::ValidityBadge;
use crate::pages::{id_param, set_page_title};
use crate::platform::{dom, reading, rendering};
use crate::state::prefs::{use_lang, use_strings};
use gongkai_feed::catalog::{outline, Catalog, OutlineEntry};
use gongkai_feed::{Block, Document, Lang, RichText};
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

/// The id of the page heading: the target of "back to top" and the article's label.
const TITLE_ID: &str = "doc-title";

const ICON_PRINT: &str = "M7 9V4h10v5M7 17H5a2 2 0 0 1-2-2v-4a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2h-2M7 14h10v6H7z";

#[component]
pub fn DocumentPage() -> impl IntoView {
    let id = id_param();
    view! {
        <div class="gk-page gk-doc-page">
            <FeedGate render=move |c| view! { <DocumentReader catalog=c id=id.get()/> }/>
        </div>
    }
}

/// The outline of `body` with each heading's text in `lang` (the catalog's outline carries the
/// zh-Hans text, which anchors are derived from).
fn localised_outline(body: &RichText, lang: Lang) -> Vec<OutlineEntry> {
    outline(body)
        .into_iter()
        .map(|mut e| {
            if let Some(Block::Heading { text, .. }) = body.get(e.block_index) {
                let local: String = text
                    .0
                    .iter()
                    .filter_map(|run| run.label())
                    .map(|l| l.get(lang))
                    .collect();
                if !local.is_empty() {
                    e.text = local;
                }
            }
            e
        })
        .collect()
}

/// The previous / next link of the pager.
fn pager_link(doc: Option<&Document>, lang: Lang, next: bool) -> AnyView {
    let t = use_strings();
    let Some(d) = doc else {
        // An empty cell keeps "next" on the right when there is no previous document.
        return view! { <span class="gk-pager__gap"></span> }.into_any();
    };
    let href = format!("/documents/{}", d.id);
    let title = d.title.get(lang).to_string();
    let (class, rel) = if next {
        ("gk-pager__link gk-pager__link--next", "next")
    } else {
        ("gk-pager__link gk-pager__link--prev", "prev")
    };
    view! {
        <A href=dom::app_href(&href) attr:class=class attr:rel=rel>
            <span class="gk-pager__dir">
                {move || if next { t.get().next } else { t.get().previous }}
            </span>
            <span class="gk-pager__title">{title}</span>
        </A>
    }
    .into_any()
}

#[component]
fn DocumentReader(catalog: Arc<Catalog>, id: String) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let Some(doc) = catalog.document(&id).cloned() else {
        return missing_item(|t| t.document_not_found, "/gazette", |t| t.gazette_back);
    };
    let l = lang.get_untracked();
    let title = doc.title.get(l).to_string();
    set_page_title(&title);
    let path = format!("/documents/{}", doc.id);

    let agency = catalog
        .agency(&doc.agency)
        .map(|a| a.name.get(l).to_string())
        .unwrap_or_else(|| doc.agency.clone());
    let number = doc.number.clone().map(|n| {
        view! {
            <dt>{move || t.get().document_number}</dt>
            <dd class="gk-doc__number">{n}</dd>
        }
    });
    let issued = doc.issued.clone();
    let effective = doc.effective.clone().map(|d| {
        view! {
            <dt>{move || t.get().document_effective}</dt>
            <dd><time datetime=d.clone()>{d.clone()}</time></dd>
        }
    });
    let carried = catalog.issue_carrying(&doc.id).map(|(issue, _)| {
        let href = format!("/gazette/{}", issue.id);
        let label = issue.label.get(l).to_string();
        (href, label)
    });
    let breadcrumb_issue = carried.clone().map(|(href, label)| {
        view! {
            <span aria-hidden="true" class="gk-breadcrumb__sep">"›"</span>
            <A href=dom::app_href(&href)>{label}</A>
        }
    });
    let carried_in = carried.map(|(href, label)| {
        view! {
            <dt>{move || t.get().gazette_carried_in}</dt>
            <dd><A href=dom::app_href(&href) attr:class="gk-doc__issue">{label}</A></dd>
        }
    });
    let addressees = doc
        .addressees
        .as_ref()
        .map(|a| view! { <p class="gk-doc__addressees">{a.get(l).to_string()}</p> });
    let original = doc
        .source_url
        .clone()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .map(|u| {
            view! {
                <p class="gk-doc__original gk-no-print">
                    <a href=u rel="noopener noreferrer" target="_blank">
                        {move || t.get().document_original}
                    </a>
                </p>
            }
        });

    let entries = localised_outline(&doc.body, l);
    let has_outline = !entries.is_empty();
    let outline_view = has_outline.then(|| view! { <Outline entries=entries path=path.clone()/> });

    let qa = catalog.qa_citing(&doc.id);
    let qa_section = (!qa.is_empty()).then(|| {
        let items = qa
            .iter()
            .map(|q| {
                let href = format!("/qa/{}", q.id);
                let label = q.question.get(l).to_string();
                view! { <li><A href=dom::app_href(&href)>{label}</A></li> }
            })
            .collect_view();
        view! {
            <section class="gk-section gk-doc__related gk-no-print" aria-labelledby="doc-qa">
                <h2 id="doc-qa">{move || t.get().qa_about_document}</h2>
                <ul class="gk-link-list">{items}</ul>
            </section>
        }
    });
    let (prev, next) = catalog.neighbours_in_issue(&doc.id);
    let pager = (prev.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="gk-pager gk-no-print" aria-label=move || t.get().document_in_issue_nav>
                {pager_link(prev, l, false)}
                {pager_link(next, l, true)}
            </nav>
        }
    });

    let position = use_scroll_position();
    let percent = Signal::derive(move || position.get().percent());
    // Offer the way back up once the first screen has scrolled out of sight.
    let far_down = Signal::derive(move || {
        let p = position.get();
        p.viewport > 0.0 && p.y > p.viewport
    });
    // The browser's own jump to `#section` happened before the text existed; repeat it now
    // that it does.
    Effect::new(move |_| {
        // The section may be in a portion of the text that is not on screen yet, and the
        // page itself may still be hidden behind its pre-rendered copy.
        rendering::when_finished(|| {
            dom::after_takeover(|| {
                request_animation_frame(|| {
                    // A fragment naming no section leaves the reader at the top, as a browser
                    // would.
                    let _ = reading::reveal_current_fragment();
                })
            })
        });
    });

    let share_path = path.clone();
    let (body, document_id) = (doc.body.clone(), doc.id.clone());
    let layout_class = if has_outline {
        "gk-doc__layout gk-doc__layout--with-outline"
    } else {
        "gk-doc__layout"
    };
    view! {
        <ReadingProgress percent=percent/>
        <article class="gk-doc" aria-labelledby=TITLE_ID>
            <p class="gk-breadcrumb gk-no-print">
                <A href=dom::app_href("/gazette")>{move || t.get().gazette_title}</A>
                {breadcrumb_issue}
            </p>
            <header class="gk-doc__header">
                <h1 id=TITLE_ID class="gk-doc__title" tabindex="-1">{title.clone()}</h1>
                <dl class="gk-meta gk-doc__meta">
                    {number}
                    <dt>{move || t.get().document_agency}</dt>
                    <dd>{agency}</dd>
                    <dt>{move || t.get().document_issued}</dt>
                    <dd><time datetime=issued.clone()>{issued.clone()}</time></dd>
                    {effective}
                    <dt>{move || t.get().document_status}</dt>
                    <dd><ValidityBadge status=doc.status/></dd>
                    {carried_in}
                </dl>
            </header>
            <div class="gk-doc__tools gk-no-print">
                <FontSizeControl/>
                <ShareButton title=title url=Callback::new(move |_| dom::absolute_url(&share_path))/>
                <button type="button" class="gk-button gk-button--quiet" on:click=|_| {
                    // A browser without a print dialog simply does nothing; there is no other
                    // way to print to offer.
                    let _ = reading::print();
                }>
                    <svg class="gk-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                        <path d=ICON_PRINT fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>
                    </svg>
                    {move || t.get().print}
                </button>
            </div>
            // Behind a pre-rendered copy the text and what follows it are built a task each
            // after the header (components::progressive).
            {in_own_task(move || view! {
                <div class=layout_class>
                    {outline_view}
                    <div class="gk-doc__body">
                        {addressees}
                        <RichTextView blocks=body/>
                        {original}
                    </div>
                </div>
            })}
            {in_own_task(move || view! {
                {qa_section}
                <InterpretationsOfDocument catalog=catalog document_id=document_id/>
                {pager}
            })}
        </article>
        {in_own_task(move || view! { <BackToTop visible=far_down focus_id=TITLE_ID/> })}
    }
    .into_any()
}
