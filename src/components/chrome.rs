//! The app's chrome: skip link, header, the main navigation (a bottom tab bar on phones, a side
//! rail on wide screens) and the footer. `index.html` carries a static copy of the header and
//! tab bar for the first paint; keep the two in step.

use crate::i18n::Strings;
use crate::platform::dom;
use crate::state::feed::use_feed;
use crate::state::prefs::{use_lang, use_strings};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// A 24×24 outline icon; decorative (the label is always visible text).
fn icon(d: &'static str) -> impl IntoView {
    view! {
        <svg class="gk-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d=d fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>
        </svg>
    }
}

const ICON_HOME: &str = "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z";
const ICON_QA: &str = "M4 5h16v11H9l-5 4zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.4M12 14.5v.01";
const ICON_PICTURE: &str = "M4 4h16v16H4zM4 16l5-5 4 4 3-3 4 4M15 8.5a1 1 0 1 0 0 .01";
const ICON_GAZETTE: &str = "M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7";
const ICON_SEARCH: &str = "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4";
const ICON_SETTINGS: &str = "M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4";

type Label = fn(&Strings) -> &'static str;

/// The main sections, in tab order: link, label, icon, and the paths that belong to the
/// section (a document is read from the gazette, so `/documents/…` is under 公报).
const TABS: [(&str, Label, &str, &[&str]); 5] = [
    ("/", |t| t.nav_home, ICON_HOME, &[]),
    ("/qa", |t| t.nav_qa, ICON_QA, &["/qa"]),
    (
        "/interpretations",
        |t| t.nav_interpretations,
        ICON_PICTURE,
        &["/interpretations"],
    ),
    (
        "/gazette",
        |t| t.nav_gazette,
        ICON_GAZETTE,
        &["/gazette", "/documents"],
    ),
    ("/search", |t| t.nav_search, ICON_SEARCH, &["/search"]),
];

/// Whether `path` (without the deployment base) is in the section linked by `href`.
fn in_section(path: &str, href: &str, prefixes: &[&str]) -> bool {
    if prefixes.is_empty() {
        return path == href || path.is_empty();
    }
    prefixes.iter().any(|p| {
        path == *p
            || path
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

#[component]
pub fn SkipLink() -> impl IntoView {
    let t = use_strings();
    view! { <a class="gk-skip-link" href="#main">{move || t.get().skip_to_content}</a> }
}

/// The header: the publisher's name (whose content this is) and the settings entry.
#[component]
pub fn Header() -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let feed = use_feed();
    let publisher = move || {
        feed.catalog()
            .map(|c| c.feed().publisher.name.get(lang.get()).to_string())
            .unwrap_or_default()
    };
    view! {
        <header class="gk-header">
            <A href=dom::app_href("/") attr:class="gk-header__brand" exact=true>
                <span class="gk-header__logo" aria-hidden="true">"公"</span>
                <span class="gk-header__names">
                    <span class="gk-header__app">{move || t.get().app_name}</span>
                    <span class="gk-header__publisher">{publisher}</span>
                </span>
            </A>
            <div class="gk-header__actions">
                <A href=dom::app_href("/search") attr:class="gk-header__action">
                    {icon(ICON_SEARCH)}
                    <span class="gk-visually-hidden">{move || t.get().nav_search}</span>
                </A>
                <A href=dom::app_href("/settings") attr:class="gk-header__action">
                    {icon(ICON_SETTINGS)}
                    <span class="gk-visually-hidden">{move || t.get().nav_settings}</span>
                </A>
            </div>
        </header>
    }
}

/// The main navigation landmark. The current section's tab has `aria-current="page"`, also on
/// pages below it (a question, a document). Plain links: the router handles the click.
#[component]
pub fn TabBar() -> impl IntoView {
    let t = use_strings();
    let base = dom::base_path();
    let location = use_location();
    let path = Memo::new(move |_| {
        let full = location.pathname.get();
        full.strip_prefix(base.as_str())
            .map(str::to_string)
            .unwrap_or(full)
    });
    let tabs = TABS
        .iter()
        .map(|(href, label, d, prefixes)| {
            let label = *label;
            let (href, prefixes) = (*href, *prefixes);
            let current = move || {
                path.with(|p| in_section(p, href, prefixes))
                    .then_some("page")
            };
            view! {
                <li class="gk-tabbar__item">
                    <a href=dom::app_href(href) class="gk-tabbar__link" aria-current=current>
                        {icon(d)}
                        <span class="gk-tabbar__label">{move || label(t.get())}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="gk-tabbar" aria-label=move || t.get().nav_label>
            <ul class="gk-tabbar__list">{tabs}</ul>
        </nav>
    }
}

/// Footer: whose data this is, how fresh it is, and the hotline.
#[component]
pub fn Footer() -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let feed = use_feed();
    move || {
        let catalog = feed.catalog()?;
        let f = catalog.feed();
        let as_of = f
            .generated_at
            .get(..10)
            .unwrap_or(&f.generated_at)
            .to_string();
        let hotline = f.publisher.hotline.clone();
        let publisher = f.publisher.name.get(lang.get()).to_string();
        Some(view! {
            <footer class="gk-footer">
                <p>{move || t.get().feed_from}" "{publisher}</p>
                <p class="gk-footer__as-of">{move || t.get().data_as_of}" "<time datetime=as_of.clone()>{as_of.clone()}</time></p>
                {hotline.map(|h| view! {
                    <p>{move || t.get().hotline}" "<a href=format!("tel:{h}")>{h.clone()}</a></p>
                })}
            </footer>
        })
    }
}
