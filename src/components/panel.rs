//! One panel of an interpretation, by kind: an image (a long one opens in the viewer), text, a
//! chart, audio or video.

use crate::components::chart::ChartPanel;
use crate::components::image_viewer::LongImage;
use crate::components::media_panel::{MediaKind, MediaPanel};
use crate::components::rich_text::{FeedImage, RichTextView};
use gongkai_feed::{Lang, Panel};
use leptos::prelude::*;

/// The view of `panel`.
///
/// - `id`: a page-unique prefix for ids inside the panel (titles that label regions).
/// - `eager`: load an image at once (the first panel, on screen when the page opens).
pub fn panel_view(panel: &Panel, id: String, lang: Lang, eager: bool) -> AnyView {
    match panel {
        Panel::Image(image) if image.is_long() => {
            view! { <LongImage image=image.clone() id=id/> }.into_any()
        }
        Panel::Image(image) => {
            let caption = image
                .caption
                .as_ref()
                .map(|c| view! { <figcaption>{c.get(lang).to_string()}</figcaption> });
            view! {
                <figure class="gk-panel gk-figure gk-panel--image">
                    <FeedImage image=image.clone() eager=eager/>
                    {caption}
                </figure>
            }
            .into_any()
        }
        Panel::Text { body } => view! {
            <div class="gk-panel gk-panel--text"><RichTextView blocks=body.clone()/></div>
        }
        .into_any(),
        Panel::Chart(chart) => view! { <ChartPanel chart=chart.clone() id=id/> }.into_any(),
        Panel::Audio(media) => {
            view! { <MediaPanel media=media.clone() kind=MediaKind::Audio id=id/> }.into_any()
        }
        Panel::Video(media) => {
            view! { <MediaPanel media=media.clone() kind=MediaKind::Video id=id/> }.into_any()
        }
    }
}
