//! Non-blocking notices about the feed: "updated", or what went wrong and what is shown
//! instead, with the exact validation messages folded away for editors.

use crate::i18n::Strings;
use crate::state::feed::{use_feed, FeedNotice, FeedProblem, Kept};
use crate::state::prefs::use_strings;
use leptos::prelude::*;

fn problem_text(t: &Strings, p: &FeedProblem) -> String {
    match p {
        FeedProblem::Timeout { seconds } => (t.feed_problem_timeout)(*seconds),
        FeedProblem::Network => t.feed_problem_network.to_string(),
        FeedProblem::Cors => t.feed_problem_cors.to_string(),
        FeedProblem::Status(s) => (t.feed_problem_status)(*s),
        FeedProblem::TooLarge { max } => (t.feed_problem_too_large)(*max),
        FeedProblem::Unreadable => t.feed_problem_unreadable.to_string(),
        FeedProblem::Invalid(_) => t.feed_problem_invalid.to_string(),
        FeedProblem::Older { offered, held } => (t.feed_problem_older)(*offered, *held),
    }
}

fn kept_text(t: &Strings, k: &Kept) -> &'static str {
    match k {
        Kept::LastGood => t.feed_kept_last_good,
        Kept::Fallback { bundled: true } => t.feed_kept_bundled,
        Kept::Fallback { bundled: false } => t.feed_kept_fallback,
        Kept::Nothing => t.feed_kept_nothing,
    }
}

/// One notice, in the reader's language.
fn notice_view(t: &'static Strings, notice: FeedNotice, on_close: impl Fn() + 'static) -> AnyView {
    let (tone, text, details): (&str, String, Option<(String, Vec<String>)>) = match notice {
        FeedNotice::Updated { as_of } => (
            "ok",
            format!("{}（{} {}）", t.feed_updated, t.data_as_of, as_of),
            None,
        ),
        FeedNotice::Problem { url, problem, kept } => {
            let lines = match &problem {
                FeedProblem::Invalid(lines) => lines.clone(),
                _ => Vec::new(),
            };
            (
                "warn",
                format!("{} {}", problem_text(t, &problem), kept_text(t, &kept)),
                Some((url, lines)),
            )
        }
        FeedNotice::Refused { origin } => ("warn", (t.feed_refused_origin)(&origin), None),
        FeedNotice::BadConfig => ("warn", t.feed_bad_config.to_string(), None),
    };
    view! {
        <div class=format!("gk-notice gk-notice--{tone} gk-feed-notice")>
            <div class="gk-notice__body">
                <p class="gk-notice__text">{text}</p>
                {details.map(|(url, lines)| view! {
                    <details class="gk-notice__details">
                        <summary>{t.feed_problem_details}</summary>
                        <p class="gk-notice__url">{url}</p>
                        {(!lines.is_empty()).then(|| view! {
                            <ul class="gk-notice__problems">
                                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                            </ul>
                        })}
                    </details>
                })}
            </div>
            <button type="button" class="gk-notice__close" aria-label=t.close on:click=move |_| on_close()>
                <span aria-hidden="true">"×"</span>
            </button>
        </div>
    }
    .into_any()
}

/// The feed's notices. The live region is always present so that screen readers announce a
/// notice when it appears; `data-feed-check` turns `done` once this start's network check ended.
#[component]
pub fn FeedNotices() -> impl IntoView {
    let feed = use_feed();
    let t = use_strings();
    view! {
        <div
            class="gk-feed-notices"
            role="status"
            aria-label=move || t.get().feed_notices_label
            data-feed-check=move || if feed.checking() { "pending" } else { "done" }
        >
            {move || {
                let t = t.get();
                feed.notices()
                    .into_iter()
                    .enumerate()
                    .map(|(i, n)| notice_view(t, n, move || feed.dismiss(i)))
                    .collect_view()
            }}
        </div>
    }
}
