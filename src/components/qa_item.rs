//! One question in a list: expands in place (native `<details>`) to its answer, with a link to
//! the question's own page and a share action.

use crate::components::rich_text::RichTextView;
use crate::components::share_button::ShareButton;
use crate::platform::dom;
use crate::state::prefs::use_strings;
use gongkai_feed::{Lang, QaItem};
use leptos::prelude::*;
use leptos_router::components::A;

/// - `item`: the question and its answer.
/// - `lang`: the reader's language for the feed's text.
#[component]
pub fn QaSummaryItem(item: QaItem, lang: Lang) -> impl IntoView {
    let t = use_strings();
    // What the question opens to (the answer, the link to its own page, the share action) is
    // built when it is first opened: a closed `<details>` shows none of it, and building all of
    // it for every question made opening /qa one long task (19 questions: 22 ms of a 29 ms task
    // in a Lighthouse run with the CPU profiler on).
    let (opened, set_opened) = signal(false);
    let question = item.question.get(lang).to_string();
    let summary = question.clone();
    let href = format!("/qa/{}", item.id);
    let answer = item.answer;
    let opened_part = move || {
        let share_path = href.clone();
        view! {
            <RichTextView blocks=answer.clone()/>
            <p class="gk-qa__actions">
                <A href=dom::app_href(&href) attr:class="gk-button gk-button--quiet">
                    {move || t.get().qa_open_page}
                </A>
                <ShareButton
                    title=question.clone()
                    url=Callback::new(move |_| dom::absolute_url(&share_path))
                />
            </p>
        }
    };
    view! {
        <li class="gk-qa">
            <details class="gk-qa__details" on:toggle=move |_| set_opened.set(true)>
                <summary class="gk-qa__question">{summary}</summary>
                <div class="gk-qa__answer">
                    <Show when=move || opened.get()>{opened_part()}</Show>
                </div>
            </details>
        </li>
    }
}
