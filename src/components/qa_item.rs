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
    // The answer is rendered when first opened, so a long list stays light.
    let (opened, set_opened) = signal(false);
    let question = item.question.get(lang).to_string();
    let href = format!("/qa/{}", item.id);
    let share_path = href.clone();
    let answer = item.answer;
    view! {
        <li class="gk-qa">
            <details class="gk-qa__details" on:toggle=move |_| set_opened.set(true)>
                <summary class="gk-qa__question">{question.clone()}</summary>
                <div class="gk-qa__answer">
                    <Show when=move || opened.get()>
                        <RichTextView blocks=answer.clone()/>
                    </Show>
                    <p class="gk-qa__actions">
                        <A href=dom::app_href(&href) attr:class="gk-button gk-button--quiet">
                            {move || t.get().qa_open_page}
                        </A>
                        <ShareButton
                            title=question.clone()
                            url=Callback::new(move |_| dom::absolute_url(&share_path))
                        />
                    </p>
                </div>
            </details>
        </li>
    }
}
