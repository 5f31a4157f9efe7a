//! "回到顶部": a floating button that appears once the reader has scrolled down a long page.

use crate::platform::reading;
use crate::state::prefs::use_strings;
use leptos::prelude::*;

/// - `visible`: whether the reader is far enough down the page for the button to help.
/// - `focus_id`: the element (the page heading) that receives focus at the top.
#[component]
pub fn BackToTop(
    #[prop(into)] visible: Signal<bool>,
    #[prop(into)] focus_id: String,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <Show when=move || visible.get()>
            <button type="button" class="gk-back-to-top"
                on:click={
                    let focus_id = focus_id.clone();
                    move |_| {
                        // Without a window there is no page to scroll; nothing to report.
                        let _ = reading::back_to_top(&focus_id);
                    }
                }
            >
                <span aria-hidden="true" class="gk-back-to-top__arrow">"↑"</span>
                <span class="gk-back-to-top__label">{move || t.get().back_to_top}</span>
            </button>
        </Show>
    }
}
