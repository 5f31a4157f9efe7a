//! One module per page (a folder per area). Pages read the feed through `state::feed` and pass
//! plain values to components.

pub mod document;
pub mod gazette;
pub mod home;
pub mod interpretations;
pub mod not_found;
pub mod qa;
pub mod search;
pub mod settings;

use crate::platform::dom;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

/// The `:id` route parameter.
pub fn id_param() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()))
}

/// Sets the document title to "`title` · 公开" while the page is shown.
pub fn set_page_title(title: &str) {
    if title.is_empty() {
        dom::set_title("公开 Gongkai");
    } else {
        dom::set_title(&format!("{title} · 公开"));
    }
}

/// A navigator for filters kept in the URL (`/qa?topic=…`): it replaces the history entry and
/// keeps the scroll position, so changing a filter neither floods Back nor jumps the page.
pub fn use_filter_navigate() -> impl Fn(&str) + Clone {
    let navigate = use_navigate();
    move |url: &str| {
        navigate(
            url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        )
    }
}
