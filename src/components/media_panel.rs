//! Audio or video in an interpretation: the browser's own player (never autoplaying, nothing
//! downloaded until the reader presses play) with the transcript below, so the content can be
//! read without sound.

use crate::components::rich_text::RichTextView;
use crate::state::prefs::{use_lang, use_strings};
use gongkai_feed::Media;
use leptos::prelude::*;

/// Whether the panel plays sound only or pictures too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Audio,
    Video,
}

/// `m:ss` (or `h:mm:ss`) for a duration in seconds.
fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// - `media`: the source, title, poster, duration and transcript.
/// - `kind`: audio or video.
/// - `id`: a page-unique id for the panel's title.
#[component]
pub fn MediaPanel(media: Media, kind: MediaKind, id: String) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let l = lang.get_untracked();
    let title_id = format!("{id}-title");
    let section_label = title_id.clone();
    let player_label = title_id.clone();
    let title = media.title.get(l).to_string();
    let duration = media.duration.map(|s| (clock(s), format!("PT{s}S")));
    let mime = media.mime.clone().unwrap_or_default();
    let src = media.src.clone();
    let player = match kind {
        MediaKind::Audio => view! {
            <audio class="gk-media__player" controls preload="none" aria-labelledby=player_label.clone()>
                <source src=src type=mime/>
            </audio>
        }
        .into_any(),
        MediaKind::Video => {
            let poster = media.poster.as_ref().map(|p| p.src.clone());
            let ratio = media
                .poster
                .as_ref()
                .filter(|p| p.width > 0 && p.height > 0)
                .map(|p| format!("aspect-ratio:{} / {}", p.width, p.height))
                .unwrap_or_else(|| "aspect-ratio:16 / 9".to_string());
            view! {
                <video class="gk-media__player gk-media__player--video" controls preload="none"
                    playsinline poster=poster style=ratio aria-labelledby=player_label.clone()
                >
                    <source src=src type=mime/>
                </video>
            }
            .into_any()
        }
    };
    let kind_label = move || match kind {
        MediaKind::Audio => t.get().media_audio,
        MediaKind::Video => t.get().media_video,
    };
    let transcript = media.transcript.clone();
    view! {
        <section class="gk-panel gk-media" aria-labelledby=section_label>
            <h3 id=title_id class="gk-media__title">{title}</h3>
            <p class="gk-media__meta">
                <span class="gk-kind">{kind_label}</span>
                {duration.map(|(text, iso)| view! {
                    <span>{move || t.get().media_duration}" "<time datetime=iso>{text}</time></span>
                })}
            </p>
            {player}
            <details class="gk-transcript">
                <summary class="gk-transcript__summary">{move || t.get().transcript}</summary>
                <div class="gk-transcript__body">
                    <RichTextView blocks=transcript/>
                </div>
            </details>
        </section>
    }
}
