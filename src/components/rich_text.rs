//! Renders structured rich text from the feed as elements and text nodes. Feed strings are
//! never parsed as HTML: markup inside them shows as the literal text it is.

use crate::components::progressive;
use crate::platform::dom;
use crate::state::feed::use_feed;
use crate::state::prefs::use_lang;
use gongkai_feed::catalog::outline;
use gongkai_feed::rich::portions;
use gongkai_feed::{Block, Image, Inline, Inlines, Lang, LocalText, RichText};
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

/// Only these link targets are ever rendered as links; anything else shows as text.
fn is_safe_href(href: &str) -> bool {
    let lower = href.trim_start().to_ascii_lowercase();
    ["https:", "http:", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

fn local(text: &LocalText, lang: Lang) -> AnyView {
    let (s, used) = text.get_with_lang(lang);
    if used == lang {
        s.to_string().into_any()
    } else {
        // Fallback text in another language is marked so screen readers pronounce it right.
        view! { <span lang=used.tag()>{s.to_string()}</span> }.into_any()
    }
}

fn inline(run: &Inline, lang: Lang) -> AnyView {
    match run {
        Inline::Text(t) => local(t, lang),
        Inline::Emphasis(t) => view! { <em>{local(t, lang)}</em> }.into_any(),
        Inline::Strong(t) => view! { <strong>{local(t, lang)}</strong> }.into_any(),
        Inline::Link { href, text } if is_safe_href(href) => {
            let external = href.starts_with("http");
            view! {
                <a
                    href=href.clone()
                    rel=external.then_some("noopener noreferrer")
                    target=external.then_some("_blank")
                >
                    {local(text, lang)}
                </a>
            }
            .into_any()
        }
        Inline::Link { text, .. } => local(text, lang),
        Inline::DocumentRef { document, text } => {
            let label = match text {
                Some(t) => t.get(lang).to_string(),
                None => use_feed()
                    .catalog()
                    .and_then(|c| c.document(document).map(|d| d.title.get(lang).to_string()))
                    .unwrap_or_else(|| document.clone()),
            };
            view! { <A href=dom::app_href(&format!("/documents/{document}")) attr:class="gk-docref">{label}</A> }
                .into_any()
        }
    }
}

/// Inline runs as a fragment.
pub fn inlines(runs: &Inlines, lang: Lang) -> AnyView {
    runs.0
        .iter()
        .map(|r| inline(r, lang))
        .collect_view()
        .into_any()
}

/// An image inside rich text or a panel: fixed aspect ratio from the feed's size so nothing
/// jumps while it loads, lazy-loaded, and a framed alt-text placeholder if it fails.
#[component]
pub fn FeedImage(
    image: Image,
    #[prop(optional)] eager: bool,
    #[prop(optional, into)] class: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let (broken, set_broken) = signal(false);
    let alt = image.alt.get(lang.get_untracked()).to_string();
    let alt_placeholder = alt.clone();
    let ratio = format!(
        "aspect-ratio:{} / {}",
        image.width.max(1),
        image.height.max(1)
    );
    let class = format!("gk-image {}", class.unwrap_or_default());
    let src = image.src.clone();
    // A failure the browser remembers for this URL can be reported before `on:error` is
    // attached; check once the element is in place.
    let img_ref = NodeRef::<leptos::html::Img>::new();
    Effect::new(move |_| {
        if let Some(img) = img_ref.get() {
            if crate::platform::gestures::image_failed(&img) {
                set_broken.set(true);
            }
        }
    });
    view! {
        <span class=class style=ratio.clone()>
            <Show
                when=move || !broken.get()
                fallback=move || view! {
                    <span class="gk-image__placeholder" role="img" aria-label=alt_placeholder.clone()>
                        <span aria-hidden="true">{alt_placeholder.clone()}</span>
                    </span>
                }
            >
                <img
                    node_ref=img_ref
                    src=src.clone()
                    alt=alt.clone()
                    width=image.width
                    height=image.height
                    loading=if eager { "eager" } else { "lazy" }
                    decoding="async"
                    on:error=move |_| set_broken.set(true)
                />
            </Show>
        </span>
    }
}

fn heading(level: u8, anchor: String, content: AnyView) -> AnyView {
    // Levels in the feed are relative to the item; the page title is the only h1.
    match level.clamp(1, 5) + 1 {
        2 => view! { <h2 id=anchor class="gk-rich__h">{content}</h2> }.into_any(),
        3 => view! { <h3 id=anchor class="gk-rich__h">{content}</h3> }.into_any(),
        4 => view! { <h4 id=anchor class="gk-rich__h">{content}</h4> }.into_any(),
        5 => view! { <h5 id=anchor class="gk-rich__h">{content}</h5> }.into_any(),
        _ => view! { <h6 id=anchor class="gk-rich__h">{content}</h6> }.into_any(),
    }
}

fn block(b: &Block, anchor: Option<String>, lang: Lang) -> AnyView {
    match b {
        Block::Heading { level, text, .. } => {
            heading(*level, anchor.unwrap_or_default(), inlines(text, lang))
        }
        Block::Paragraph { text } => view! { <p>{inlines(text, lang)}</p> }.into_any(),
        Block::List { ordered, items } => {
            let items = items
                .iter()
                .map(|i| view! { <li>{inlines(i, lang)}</li> })
                .collect_view();
            if *ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Table {
            caption,
            header,
            rows,
        } => {
            let caption = caption
                .as_ref()
                .map(|c| view! { <caption>{local(c, lang)}</caption> });
            let head = (!header.is_empty()).then(|| {
                let cells = header
                    .iter()
                    .map(|c| view! { <th scope="col">{inlines(c, lang)}</th> })
                    .collect_view();
                view! { <thead><tr>{cells}</tr></thead> }
            });
            let body = rows
                .iter()
                .map(|row| {
                    let cells = row
                        .iter()
                        .map(|c| view! { <td>{inlines(c, lang)}</td> })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="gk-table-scroll" tabindex="0">
                    <table class="gk-table">{caption}{head}<tbody>{body}</tbody></table>
                </div>
            }
            .into_any()
        }
        Block::Quote { text, cite } => {
            let cite = cite
                .as_ref()
                .map(|c| view! { <footer><cite>{local(c, lang)}</cite></footer> });
            view! { <blockquote class="gk-quote"><p>{inlines(text, lang)}</p>{cite}</blockquote> }
                .into_any()
        }
        Block::Image(image) => {
            let caption = image
                .caption
                .as_ref()
                .map(|c| view! { <figcaption>{local(c, lang)}</figcaption> });
            view! { <figure class="gk-figure"><FeedImage image=image.clone()/>{caption}</figure> }
                .into_any()
        }
    }
}

/// Bytes of text per portion of a long body (see [`progressive`]): on this project's test
/// machine a portion takes under 10 ms to build, and a document's first portion fills a phone
/// screen several times over.
const PORTION_BYTES: usize = 6 * 1024;

/// A body of rich text. A long one is put on screen a portion per task ([`progressive`]);
/// while portions are still coming, the body is marked `aria-busy`.
///
/// - `blocks`: the blocks to render; headings get the anchors from [`outline`], so the page's
///   目录 and section links point at them.
#[component]
pub fn RichTextView(blocks: RichText) -> impl IntoView {
    let lang = use_lang();
    let blocks = Arc::new(blocks);
    let parts = Arc::new(portions(&blocks, PORTION_BYTES));
    let mut anchors = vec![None; blocks.len()];
    for entry in outline(&blocks) {
        anchors[entry.block_index] = Some(entry.anchor);
    }
    let anchors = Arc::new(anchors);
    move || {
        let lang = lang.get();
        let total = parts.len();
        let (shown, set_shown) = signal(total.min(1));
        if total > 1 {
            progressive::show_in_turn(set_shown, total);
        }
        let (blocks, parts, anchors) = (blocks.clone(), parts.clone(), anchors.clone());
        view! {
            <div class="gk-rich" aria-busy=move || (shown.get() < total).then_some("true")>
                <For
                    each=move || 0..shown.get()
                    key=|part| *part
                    children=move |part| {
                        parts[part]
                            .clone()
                            .map(|i| block(&blocks[i], anchors[i].clone(), lang))
                            .collect_view()
                    }
                />
            </div>
        }
    }
}
