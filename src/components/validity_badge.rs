//! A document's validity status (现行有效 / 已修改 / 已废止 / 已失效) as a badge. Each status has
//! its own colour, symbol and words, so it never depends on colour alone.

use crate::i18n::Strings;
use crate::state::prefs::use_strings;
use gongkai_feed::Validity;
use leptos::prelude::*;

/// The words for `status` in the reader's language.
pub fn status_label(t: &Strings, status: Validity) -> &'static str {
    match status {
        Validity::InForce => t.status_in_force,
        Validity::Amended => t.status_amended,
        Validity::Repealed => t.status_repealed,
        Validity::Expired => t.status_expired,
    }
}

/// - `status`: the document's validity.
#[component]
pub fn ValidityBadge(status: Validity) -> impl IntoView {
    let t = use_strings();
    let (modifier, symbol) = match status {
        Validity::InForce => ("in-force", "✓"),
        Validity::Amended => ("amended", "✎"),
        Validity::Repealed => ("repealed", "✕"),
        Validity::Expired => ("expired", "⌛"),
    };
    view! {
        <span class=format!("gk-validity gk-validity--{modifier}")>
            <span class="gk-validity__symbol" aria-hidden="true">{symbol}</span>
            {move || status_label(t.get(), status)}
        </span>
    }
}
