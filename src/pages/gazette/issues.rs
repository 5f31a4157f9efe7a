//! `/gazette`: the gazette's issues grouped by year, newest first, each with its cover, date and
//! number of documents; a year filter when there is more than one year.

use crate::components::feed_gate::FeedGate;
use crate::components::rich_text::FeedImage;
use crate::platform::dom;
use crate::platform::perf;
use crate::state::prefs::{use_lang, use_strings};
use gongkai_feed::catalog::Catalog;
use gongkai_feed::model::GazetteIssue;
use gongkai_feed::text::Lang;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

#[component]
pub fn GazetteIssuesPage() -> impl IntoView {
    let t = use_strings();
    crate::pages::set_page_title(t.get_untracked().gazette_title);
    view! {
        <div class="gk-page gk-gazette">
            <h1>{move || t.get().gazette_title}</h1>
            <p class="gk-lead">{move || t.get().gazette_intro}</p>
            <FeedGate render=|c| view! { <IssueList catalog=c/> }/>
        </div>
    }
}

/// The year chips and the issues of the chosen year (or of every year).
#[component]
fn IssueList(catalog: Arc<Catalog>) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let query = use_query_map();
    let navigate = crate::pages::use_filter_navigate();
    let groups = catalog.issues_by_year();
    if groups.is_empty() {
        return view! { <p class="gk-empty">{move || t.get().gazette_empty}</p> }.into_any();
    }
    let years: Vec<u16> = groups.iter().map(|(y, _)| *y).collect();
    // The year lives in the URL (`/gazette?year=2019`) so a filtered list can be linked to; a
    // year with no issues shows them all.
    let known = years.clone();
    let year = Memo::new(move |_| {
        query
            .with(|q| q.get("year"))
            .and_then(|y| y.parse::<u16>().ok())
            .filter(|y| known.contains(y))
    });
    let set_year = move |next: Option<u16>| {
        let url = match next {
            Some(y) => format!("/gazette?year={y}"),
            None => "/gazette".to_string(),
        };
        navigate(&url);
    };

    let chips = (years.len() > 1).then(|| {
        let all = {
            let set_year = set_year.clone();
            view! {
                <li>
                    <button type="button" class="gk-chip"
                        aria-pressed=move || year.get().is_none().to_string()
                        on:click=move |_| set_year(None)
                    >{move || t.get().gazette_all_years}</button>
                </li>
            }
        };
        let each = years
            .iter()
            .map(|&y| {
                let set_year = set_year.clone();
                view! {
                    <li>
                        <button type="button" class="gk-chip"
                            aria-pressed=move || (year.get() == Some(y)).to_string()
                            on:click=move |_| set_year(Some(y))
                        >{move || (t.get().gazette_year_heading)(y)}</button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="gk-chips gk-gazette__years" aria-label=move || t.get().gazette_year>{all}{each}</ul> }
    });

    // A gazette of many years shows its first screen first: the years that fill it are built
    // at once, the others once that screen has been painted, so it does not wait for dozens of
    // cards below it (and a phone stays responsive in between).
    let eager = years_for_first_screen(&groups);
    let l = lang.get_untracked();
    let first = groups
        .into_iter()
        .take(eager)
        .map(|(y, issues)| year_section(&catalog, y, issues, year, l))
        .collect_view();
    let (rest_shown, set_rest_shown) = signal(false);
    if eager < years.len() {
        leptos::task::spawn_local(async move {
            perf::after_next_paint().await;
            set_rest_shown.try_set(true);
        });
    }
    let rest = move || {
        rest_shown.get().then(|| {
            catalog
                .issues_by_year()
                .into_iter()
                .skip(eager)
                .map(|(y, issues)| year_section(&catalog, y, issues, year, l))
                .collect_view()
        })
    };
    let sections = view! { {first}{rest} };
    view! {
        {chips}
        {sections}
    }
    .into_any()
}

/// Issue cards that fill a tall first screen.
const FIRST_SCREEN_CARDS: usize = 12;

/// How many of the (newest first) year groups hold the first [`FIRST_SCREEN_CARDS`] cards.
fn years_for_first_screen<T>(groups: &[(u16, Vec<T>)]) -> usize {
    let mut cards = 0;
    for (n, (_, issues)) in groups.iter().enumerate() {
        cards += issues.len();
        if cards >= FIRST_SCREEN_CARDS {
            return n + 1;
        }
    }
    groups.len()
}

/// One year's heading and issue cards; hidden while another year is chosen.
fn year_section(
    catalog: &Catalog,
    y: u16,
    issues: Vec<&GazetteIssue>,
    year: Memo<Option<u16>>,
    l: Lang,
) -> impl IntoView {
    let t = use_strings();
    let heading_id = format!("gazette-year-{y}");
    let cards = issues
        .into_iter()
        .map(|issue| {
            let href = format!("/gazette/{}", issue.id);
            let label = issue.label.get(l).to_string();
            let published = issue.published.clone();
            let count = catalog.documents_in_issue(&issue.id).len();
            let cover = issue.cover.clone().map(|image| {
                view! { <FeedImage image=image class="gk-issue-card__cover"/> }
            });
            view! {
                <li class="gk-issue-card">
                    {cover}
                    <div class="gk-issue-card__text">
                        <A href=dom::app_href(&href) attr:class="gk-issue-card__link">{label}</A>
                        <span class="gk-issue-card__meta">
                            <time datetime=published.clone()>{published.clone()}</time>
                            <span>{move || (t.get().gazette_documents_count)(count)}</span>
                        </span>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="gk-gazette__year" aria-labelledby=heading_id.clone()
            hidden=move || year.get().is_some_and(|chosen| chosen != y)
        >
            <h2 id=heading_id.clone()>{move || (t.get().gazette_year_heading)(y)}</h2>
            <ul class="gk-issue-list">{cards}</ul>
        </section>
    }
}
