//! A− / A+ buttons for the reading text size. They step the reader's `text_step` preference,
//! which is saved on the device and applies to every page's reading text. At either end the
//! button stays focusable and says it is unavailable (`aria-disabled`) rather than dropping
//! focus, so pressing A+ repeatedly never loses the reader's place.

use crate::state::prefs::{use_prefs, use_strings, TEXT_SCALES};
use leptos::prelude::*;

// Drawn rather than typed, so the button's accessible name ("减小字号") is its only label and
// never disagrees with visible text ("A−").
const ICON_SMALLER: &str = "M3 20 9 5l6 15M5.4 14h7.2M17 9h6";
const ICON_LARGER: &str = "M3 20 9 5l6 15M5.4 14h7.2M17 9h6M20 6v6";

fn glyph(d: &'static str, size: u32) -> impl IntoView {
    view! {
        <svg class="gk-font-size__glyph" viewBox="0 0 24 24" width=size height=size aria-hidden="true" focusable="false">
            <path d=d fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>
        </svg>
    }
}

#[component]
pub fn FontSizeControl() -> impl IntoView {
    let t = use_strings();
    let prefs = use_prefs().0;
    let step = Memo::new(move |_| prefs.with(|p| p.text_step));
    let last = TEXT_SCALES.len() - 1;
    let change = move |delta: isize| {
        prefs.update(|p| {
            p.text_step = p.text_step.saturating_add_signed(delta).min(last);
        })
    };
    let percent = move || format!("{}%", (TEXT_SCALES[step.get()] * 100.0).round() as u32);
    view! {
        <div class="gk-font-size" role="group" aria-label=move || t.get().font_size>
            <button type="button" class="gk-font-size__button"
                aria-label=move || t.get().font_smaller
                aria-disabled=move || (step.get() == 0).to_string()
                on:click=move |_| change(-1)
            >
                {glyph(ICON_SMALLER, 18)}
            </button>
            <output class="gk-font-size__value" aria-live="polite">
                <span class="gk-visually-hidden">{move || t.get().font_size}" "</span>{percent}
            </output>
            <button type="button" class="gk-font-size__button gk-font-size__button--larger"
                aria-label=move || t.get().font_larger
                aria-disabled=move || (step.get() == last).to_string()
                on:click=move |_| change(1)
            >
                {glyph(ICON_LARGER, 26)}
            </button>
        </div>
    }
}
