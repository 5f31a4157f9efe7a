//! The 404 page for any unknown address.

use crate::components::not_found_state::missing_item;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    missing_item(|t| t.not_found_body, "/", |t| t.go_home)
}
