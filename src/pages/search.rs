//! `/search?q=…`: exact full-text search over Q&A, interpretations and documents, as you type.
//! The query and filters live in the URL, so back/forward and shared links work.

use crate::components::feed_gate::FeedGate;
use crate::i18n::Strings;
use crate::platform::dom;
use crate::state::prefs::{use_lang, use_strings};
use crate::state::search::{recent_searches, remember_search, use_search};
use gongkai_feed::catalog::Catalog;
use gongkai_feed::search::{Hit, ItemKind, KindSet, Marked, Query};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

fn kind_label(t: &Strings, kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Qa => t.kind_qa,
        ItemKind::Interpretation => t.kind_interpretation,
        ItemKind::Document => t.kind_document,
    }
}

fn kind_param(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Qa => "qa",
        ItemKind::Interpretation => "interpretation",
        ItemKind::Document => "document",
    }
}

fn kind_from_param(p: &str) -> Option<ItemKind> {
    ItemKind::ALL.into_iter().find(|k| kind_param(*k) == p)
}

fn href_of(hit: &Hit) -> String {
    match hit.kind {
        ItemKind::Qa => format!("/qa/{}", hit.id),
        ItemKind::Interpretation => format!("/interpretations/{}", hit.id),
        ItemKind::Document => format!("/documents/{}", hit.id),
    }
}

/// Marked segments as text nodes and `<mark>` elements (never HTML).
fn segments(marked: &Marked) -> AnyView {
    marked
        .segments()
        .map(|s| {
            let text = s.text.to_string();
            if s.marked {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// The search state as it is in the URL.
#[derive(Clone, PartialEq, Default)]
struct UrlState {
    q: String,
    kind: Option<ItemKind>,
    agency: Option<String>,
    year: Option<u16>,
}

impl UrlState {
    fn to_url(&self) -> String {
        let mut params = Vec::new();
        if !self.q.is_empty() {
            params.push(format!("q={}", encode(&self.q)));
        }
        if let Some(k) = self.kind {
            params.push(format!("kind={}", kind_param(k)));
        }
        if let Some(a) = &self.agency {
            params.push(format!("agency={}", encode(a)));
        }
        if let Some(y) = self.year {
            params.push(format!("year={y}"));
        }
        if params.is_empty() {
            "/search".into()
        } else {
            format!("/search?{}", params.join("&"))
        }
    }
}

/// Percent-encode a query parameter value (UTF-8 bytes outside the unreserved set).
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let t = use_strings();
    super::set_page_title(t.get_untracked().search_title);
    view! {
        <div class="gk-page gk-search">
            <h1>{move || t.get().search_title}</h1>
            <FeedGate render=|c| view! { <Search catalog=c/> }/>
        </div>
    }
}

#[component]
fn Search(catalog: Arc<Catalog>) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let search = use_search();
    let query = use_query_map();
    let navigate = crate::pages::use_filter_navigate();

    let state = Memo::new(move |_| {
        query.with(|q| UrlState {
            q: q.get("q").unwrap_or_default(),
            kind: q.get("kind").and_then(|k| kind_from_param(&k)),
            agency: q.get("agency").filter(|a| !a.is_empty()),
            year: q.get("year").and_then(|y| y.parse().ok()),
        })
    });
    let go = move |next: UrlState| {
        navigate(&next.to_url());
    };

    let results = Memo::new(move |_| {
        let s = state.get();
        let index = search.index()?;
        if s.q.trim().is_empty() {
            return None;
        }
        Some(index.search(&Query {
            text: s.q.clone(),
            kinds: s.kind.map(KindSet::only).unwrap_or(KindSet::ALL),
            agency: s.agency.clone(),
            year: s.year,
            limit: 50,
        }))
    });

    let input = {
        let go = go.clone();
        view! {
            <form class="gk-search__form" role="search" on:submit=move |ev| {
                ev.prevent_default();
                remember_search(&state.get_untracked().q);
            }>
                <label for="search-input" class="gk-search__label">{move || t.get().search_label}</label>
                <input id="search-input" class="gk-search__input" type="search" autocomplete="off"
                    enterkeyhint="search"
                    placeholder=move || t.get().search_placeholder
                    prop:value=move || state.get().q
                    on:input=move |ev| {
                        let mut next = state.get_untracked();
                        next.q = event_target_value(&ev);
                        go(next);
                    }
                />
            </form>
        }
    };

    let kind_filter = {
        let go = go.clone();
        move || {
            let r = results.get()?;
            let s = state.get();
            let total: usize = r.counts_by_kind.iter().sum();
            let mut chips = vec![{
                let go = go.clone();
                let s = s.clone();
                let pressed = s.kind.is_none();
                view! {
                    <li><button type="button" class="gk-chip" aria-pressed=pressed.to_string()
                        on:click=move |_| go(UrlState { kind: None, ..s.clone() })
                    >{move || t.get().search_all_kinds}" "<span class="gk-chip__count">{total}</span></button></li>
                }
                .into_any()
            }];
            for kind in ItemKind::ALL {
                let go = go.clone();
                let s = s.clone();
                let pressed = s.kind == Some(kind);
                let count = r.counts_by_kind[kind.index()];
                chips.push(
                    view! {
                        <li><button type="button" class="gk-chip" aria-pressed=pressed.to_string()
                            on:click=move |_| go(UrlState { kind: (!pressed).then_some(kind), ..s.clone() })
                        >{move || kind_label(t.get(), kind)}" "<span class="gk-chip__count">{count}</span></button></li>
                    }
                    .into_any(),
                );
            }
            Some(
                view! { <ul class="gk-chips" aria-label=move || t.get().search_all_kinds>{chips}</ul> },
            )
        }
    };

    let facet_selects = {
        let go = go.clone();
        let catalog = catalog.clone();
        move || {
            let r = results.get()?;
            let s = state.get();
            let l = lang.get();
            let agency_options = r
                .agencies
                .iter()
                .map(|(id, n)| {
                    let name = catalog
                        .agency(id)
                        .map(|a| a.name.get(l).to_string())
                        .unwrap_or_else(|| id.clone());
                    let selected = s.agency.as_deref() == Some(id.as_str());
                    view! { <option value=id.clone() selected=selected>{format!("{name} ({n})")}</option> }
                })
                .collect_view();
            let year_options = r
                .years
                .iter()
                .map(|(y, n)| {
                    let selected = s.year == Some(*y);
                    view! { <option value=y.to_string() selected=selected>{format!("{y} ({n})")}</option> }
                })
                .collect_view();
            let go_agency = go.clone();
            let s_agency = s.clone();
            let go_year = go.clone();
            let s_year = s.clone();
            Some(view! {
                <div class="gk-search__facets">
                    <div class="gk-field">
                        <label for="search-agency">{move || t.get().filter_agency}</label>
                        <select id="search-agency" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            go_agency(UrlState { agency: (!v.is_empty()).then_some(v), ..s_agency.clone() });
                        }>
                            <option value="" selected=s.agency.is_none()>{move || t.get().any}</option>
                            {agency_options}
                        </select>
                    </div>
                    <div class="gk-field">
                        <label for="search-year">{move || t.get().filter_year}</label>
                        <select id="search-year" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            go_year(UrlState { year: v.parse().ok(), ..s_year.clone() });
                        }>
                            <option value="" selected=s.year.is_none()>{move || t.get().any}</option>
                            {year_options}
                        </select>
                    </div>
                </div>
            })
        }
    };

    let status = move || match results.get() {
        Some(r) if r.total == 0 => t.get().search_no_results.to_string(),
        Some(r) => (t.get().search_results_count)(r.total),
        None => String::new(),
    };

    let list = move || {
        let r = results.get()?;
        let hits = r
            .hits
            .iter()
            .map(|hit| {
                let href = href_of(hit);
                let kind = hit.kind;
                let q = state.get_untracked().q;
                let title = segments(&hit.title);
                let number = (!hit.number.is_empty()).then(|| segments(&hit.number));
                let snippet = segments(&hit.snippet);
                let date = hit.date.clone();
                view! {
                    <li class="gk-hit">
                        <span class="gk-hit__kind">{move || kind_label(t.get(), kind)}</span>
                        <A href=dom::app_href(&href) attr:class="gk-hit__title" on:click=move |_| remember_search(&q)>
                            {title}
                        </A>
                        {number.map(|n| view! { <span class="gk-hit__number">{n}</span> })}
                        <p class="gk-hit__snippet">{snippet}</p>
                        <span class="gk-hit__date">{date}</span>
                    </li>
                }
            })
            .collect_view();
        Some(view! { <ol class="gk-hits">{hits}</ol> })
    };

    let suggestions = {
        let catalog = catalog.clone();
        move || {
            if !state.get().q.trim().is_empty() {
                return None;
            }
            let l = lang.get();
            // Plain links to other searches: `<A>` compares paths only and would mark every
            // `/search?…` link as the current page.
            let topics = catalog
                .feed()
                .topics
                .iter()
                .map(|tp| {
                    let name = tp.name.get(l).to_string();
                    let href = UrlState {
                        q: tp.name.zh.clone(),
                        ..Default::default()
                    }
                    .to_url();
                    view! { <li><a href=crate::platform::dom::app_href(&href) class="gk-tag">{name}</a></li> }
                })
                .collect_view();
            let recent = recent_searches();
            let recent_view = (!recent.is_empty()).then(|| {
                let items = recent
                    .into_iter()
                    .map(|q| {
                        let href = UrlState {
                            q: q.clone(),
                            ..Default::default()
                        }
                        .to_url();
                        view! { <li><a href=crate::platform::dom::app_href(&href) class="gk-tag">{q}</a></li> }
                    })
                    .collect_view();
                view! {
                    <h2>{move || t.get().search_recent}</h2>
                    <ul class="gk-tags">{items}</ul>
                }
            });
            Some(view! {
                <div class="gk-search__empty">
                    <p class="gk-hint">{move || t.get().search_empty_prompt}</p>
                    {recent_view}
                    <h2>{move || t.get().search_suggestions}</h2>
                    <ul class="gk-tags">{topics}</ul>
                </div>
            })
        }
    };

    view! {
        {input}
        {kind_filter}
        {facet_selects}
        <p class="gk-count" role="status" aria-live="polite">{status}</p>
        {list}
        {suggestions}
    }
}
