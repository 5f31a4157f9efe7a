//! The "not found" state shown for unknown ids and unknown routes: says what happened and
//! offers a way back, never a blank page.

use crate::platform::dom;
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
            <p><A href=dom::app_href(&back_href) attr:class="gk-button">{move || back_label.get()}</A></p>
        </section>
    }
}

/// A string of the UI tables, picked per language.
pub type Text = fn(&crate::i18n::Strings) -> &'static str;

/// The whole page for an id the feed does not have: the "页面不存在" heading and title, what
/// was not found, and the way back to the section.
pub fn missing_item(message: Text, back_href: &'static str, back_label: Text) -> AnyView {
    let t = crate::state::prefs::use_strings();
    crate::pages::set_page_title(t.get_untracked().not_found_title);
    view! {
        <NotFoundState
            title=Signal::derive(move || t.get().not_found_title)
            message=Signal::derive(move || message(t.get()))
            back_href=back_href
            back_label=Signal::derive(move || back_label(t.get()))
        />
    }
    .into_any()
}
