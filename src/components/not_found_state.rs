//! The "not found" state shown for unknown ids and unknown routes: says what happened and
//! offers a way back, never a blank page.

use leptos::prelude::*;
use leptos_router::components::A;

/// - `title`: the page heading.
/// - `message`: what was not found.
/// - `back_href` / `back_label`: where to go instead.
#[component]
pub fn NotFoundState(
    #[prop(into)] title: Signal<&'static str>,
    #[prop(into)] message: Signal<&'static str>,
    #[prop(into)] back_href: String,
    #[prop(into)] back_label: Signal<&'static str>,
) -> impl IntoView {
    view! {
        <section class="gk-not-found" aria-labelledby="not-found-title">
            <h1 id="not-found-title">{move || title.get()}</h1>
            <p>{move || message.get()}</p>
            <p><A href=back_href attr:class="gk-button">{move || back_label.get()}</A></p>
        </section>
    }
}
