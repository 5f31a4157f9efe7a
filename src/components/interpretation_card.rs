//! An interpretation as a card in a grid: cover image, title, agency, date and the kinds of
//! media inside. The title is the link; it stretches over the whole card so the picture is a
//! big tap target too, while a screen reader hears just the title.

use crate::components::rich_text::FeedImage;
use crate::i18n::Strings;
use crate::platform::dom;
use crate::state::prefs::use_strings;
use gongkai_feed::{Image, Interpretation, Lang, Panel};
use leptos::prelude::*;
use leptos_router::components::A;

/// The kinds of media an interpretation can hold, in the order their labels are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MediaKind {
    Image,
    LongImage,
    Chart,
    Audio,
    Video,
}

impl MediaKind {
    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            MediaKind::Image => t.media_images,
            MediaKind::LongImage => t.media_long_image,
            MediaKind::Chart => t.media_chart,
            MediaKind::Audio => t.media_audio,
            MediaKind::Video => t.media_video,
        }
    }
}

/// The kinds of media among `x`'s panels, each once, in [`MediaKind`] order.
pub fn media_kinds(x: &Interpretation) -> Vec<MediaKind> {
    let mut kinds: Vec<MediaKind> = x
        .panels
        .iter()
        .filter_map(|p| match p {
            Panel::Image(i) if i.is_long() => Some(MediaKind::LongImage),
            Panel::Image(_) => Some(MediaKind::Image),
            Panel::Chart(_) => Some(MediaKind::Chart),
            Panel::Audio(_) => Some(MediaKind::Audio),
            Panel::Video(_) => Some(MediaKind::Video),
            Panel::Text { .. } => None,
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// The card picture: the feed's cover, else the first image panel.
pub fn cover_of(x: &Interpretation) -> Option<&Image> {
    x.cover.as_ref().or_else(|| {
        x.panels.iter().find_map(|p| match p {
            Panel::Image(i) => Some(i),
            _ => None,
        })
    })
}

/// - `interpretation`: the item to show; the card links to `/interpretations/{id}`.
/// - `agency`: the publishing agency's display name.
/// - `lang`: the reader's language.
/// - `eager`: load the cover at once (the first cards on the screen) instead of lazily.
#[component]
pub fn InterpretationCard(
    interpretation: Interpretation,
    agency: String,
    lang: Lang,
    #[prop(optional)] eager: bool,
) -> impl IntoView {
    let t = use_strings();
    let href = format!("/interpretations/{}", interpretation.id);
    let title = interpretation.title.get(lang).to_string();
    let date = interpretation.published.clone();
    let kinds = media_kinds(&interpretation);
    let media = match cover_of(&interpretation) {
        Some(image) => view! {
            <div class="gk-interp-card__media">
                <FeedImage image=image.clone() eager=eager/>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="gk-interp-card__media gk-interp-card__media--none" aria-hidden="true">
                <span>{move || t.get().nav_interpretations}</span>
            </div>
        }
        .into_any(),
    };
    let kinds = (!kinds.is_empty()).then(|| {
        let items = kinds
            .into_iter()
            .map(|k| view! { <li class="gk-kind">{move || k.label(t.get())}</li> })
            .collect_view();
        view! { <ul class="gk-interp-card__kinds">{items}</ul> }
    });
    view! {
        <article class="gk-interp-card">
            <div class="gk-interp-card__body">
                <h2 class="gk-interp-card__title">
                    <A href=dom::app_href(&href) attr:class="gk-interp-card__link">{title}</A>
                </h2>
                <p class="gk-interp-card__meta">
                    <span class="gk-interp-card__agency">{agency}</span>
                    <time datetime=date.clone()>{date.clone()}</time>
                </p>
                {kinds}
            </div>
            {media}
        </article>
    }
}
