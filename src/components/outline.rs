//! The 目录 of a long document: every heading as a link that jumps to its section, with a
//! button to copy a link to that section. Collapsed behind "目录" on phones, always open in the
//! wide layout (where it sits in a sticky side column).

use crate::platform::{dom, reading, share};
use crate::state::prefs::use_strings;
use gongkai_feed::catalog::OutlineEntry;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The width from which the outline is a side column (keep in step with gazette.css).
const WIDE: &str = "(min-width: 1080px)";

const ICON_LINK: &str = "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1.2 1.2M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1.2-1.2";

/// What happened to the last "copy section link" press.
#[derive(Clone, PartialEq)]
enum Copied {
    Ok(String),
    Failed(String),
}

/// Whether the wide layout applies now, following the viewport while the caller lives.
fn use_wide_layout() -> ReadSignal<bool> {
    let (wide, set_wide) = signal(false);
    // Without matchMedia the outline stays a collapsible list, which works at every width.
    if let Ok((now, watch)) = reading::watch_media(WIDE, move |m| set_wide.set(m)) {
        set_wide.set(now);
        // Dropping the watch (when the owner is cleaned up) removes the listener.
        let _kept = StoredValue::new_local(watch);
    }
    wide
}

/// One entry: the jump link, the copy button and its visible confirmation.
fn entry_row(
    entry: &OutlineEntry,
    path: &str,
    copied: ReadSignal<Option<Copied>>,
    set_copied: WriteSignal<Option<Copied>>,
) -> impl IntoView {
    let t = use_strings();
    let anchor = entry.anchor.clone();
    // A full in-app path (not a bare `#id`, which `<base href>` would resolve to the home page),
    // so the link also works when opened in a new tab or copied.
    let href = dom::app_href(&format!("{path}#{anchor}"));
    let section_url = dom::absolute_url(&format!("{path}#{anchor}"));
    let text = entry.text.clone();
    let copy_label = {
        let text = text.clone();
        move || format!("{}：{text}", t.get().copy_section_link)
    };
    let jump = {
        let anchor = anchor.clone();
        move |ev: leptos::ev::MouseEvent| {
            // When the section is missing the click goes on to the router, which still sets
            // the fragment.
            if reading::jump_to_section(&anchor).is_ok() {
                ev.prevent_default();
            }
        }
    };
    let copy = {
        let anchor = anchor.clone();
        move |_| {
            let url = section_url.clone();
            let anchor = anchor.clone();
            spawn_local(async move {
                let outcome = match share::copy_text(&url).await {
                    Ok(()) => Copied::Ok(anchor),
                    Err(_) => Copied::Failed(anchor),
                };
                set_copied.set(Some(outcome));
            });
        }
    };
    let confirmation = {
        let anchor = anchor.clone();
        move || {
            match copied.get() {
            Some(Copied::Ok(a)) if a == anchor => Some(
                view! { <span class="gk-outline__copied">"✓ "{t.get().section_link_copied}</span> }
                    .into_any(),
            ),
            Some(Copied::Failed(a)) if a == anchor => Some(
                view! { <span class="gk-outline__copied gk-outline__copied--failed">{t.get().copy_failed}</span> }
                    .into_any(),
            ),
            _ => None,
        }
        }
    };
    view! {
        <div class="gk-outline__row">
            <a class="gk-outline__link" href=href on:click:capture=jump>{text}</a>
            <button type="button" class="gk-outline__copy" aria-label=copy_label on:click=copy>
                <svg class="gk-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                    <path d=ICON_LINK fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>
                </svg>
            </button>
        </div>
        {confirmation}
    }
}

/// - `entries`: the headings of the body (from `catalog::outline`), their text in the reader's
///   language.
/// - `path`: the in-app path of the page (`/documents/{id}`), for section links.
#[component]
pub fn Outline(entries: Vec<OutlineEntry>, #[prop(into)] path: String) -> impl IntoView {
    let t = use_strings();
    let wide = use_wide_layout();
    let (copied, set_copied) = signal(None::<Copied>);
    let top = entries.iter().map(|e| e.level).min().unwrap_or(1);

    // Two tiers: the body's top-level headings, each with the deeper headings under it.
    let mut groups: Vec<(&OutlineEntry, Vec<&OutlineEntry>)> = Vec::new();
    for e in &entries {
        match groups.last_mut() {
            Some((_, children)) if e.level > top => children.push(e),
            _ => groups.push((e, Vec::new())),
        }
    }
    let items = groups
        .into_iter()
        .map(|(head, children)| {
            let sub = (!children.is_empty()).then(|| {
                let rows = children
                    .into_iter()
                    .map(|c| {
                        let class = format!(
                            "gk-outline__item gk-outline__item--deep{}",
                            (c.level - top).min(3)
                        );
                        view! { <li class=class>{entry_row(c, &path, copied, set_copied)}</li> }
                    })
                    .collect_view();
                view! { <ol class="gk-outline__list gk-outline__list--sub">{rows}</ol> }
            });
            view! {
                <li class="gk-outline__item">
                    {entry_row(head, &path, copied, set_copied)}
                    {sub}
                </li>
            }
        })
        .collect_view();
    let count = entries.len();
    view! {
        <nav class="gk-outline" aria-label=move || t.get().outline>
            <details class="gk-outline__details" open=move || wide.get()>
                <summary class="gk-outline__summary">
                    <span class="gk-outline__title">{move || t.get().outline}</span>
                    <span class="gk-outline__count" aria-hidden="true">{count}</span>
                </summary>
                <ol class="gk-outline__list">{items}</ol>
            </details>
            <p class="gk-visually-hidden" role="status" aria-live="polite">
                {move || match copied.get() {
                    Some(Copied::Ok(_)) => t.get().section_link_copied,
                    Some(Copied::Failed(_)) => t.get().copy_failed,
                    None => "",
                }}
            </p>
        </nav>
    }
}
