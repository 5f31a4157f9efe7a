//! `/settings`: language, text size, elder mode, contrast, theme, and where the content comes
//! from. Every choice applies at once and persists on the device.

use crate::components::feed_gate::FeedGate;
use crate::components::font_size_control::FontSizeControl;
use crate::components::offline_settings::OfflineSettings;
use crate::state::feed::use_feed;
use crate::state::prefs::{use_lang, use_prefs, use_strings, Theme};
use gongkai_feed::Lang;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let prefs = use_prefs().0;
    super::set_page_title(t.get_untracked().settings_title);

    let languages = [(Lang::ZhHans, "简体中文"), (Lang::En, "English")]
        .into_iter()
        .map(|(l, name)| {
            view! {
                <label class="gk-choice">
                    <input
                        type="radio"
                        name="lang"
                        prop:checked=move || prefs.get().lang == l
                        on:change=move |_| prefs.update(|p| p.lang = l)
                    />
                    <span lang=l.tag()>{name}</span>
                </label>
            }
        })
        .collect_view();
    let themes = [
        (
            Theme::System,
            (|t| t.theme_system) as fn(&crate::i18n::Strings) -> &'static str,
        ),
        (Theme::Light, |t| t.theme_light),
        (Theme::Dark, |t| t.theme_dark),
    ]
    .into_iter()
    .map(|(theme, label)| {
        view! {
            <label class="gk-choice">
                <input
                    type="radio"
                    name="theme"
                    prop:checked=move || prefs.get().theme == theme
                    on:change=move |_| prefs.update(|p| p.theme = theme)
                />
                <span>{move || label(t.get())}</span>
            </label>
        }
    })
    .collect_view();

    view! {
        <div class="gk-page gk-settings">
            <h1>{move || t.get().settings_title}</h1>
            <fieldset class="gk-fieldset">
                <legend>{move || t.get().settings_language}</legend>
                {languages}
            </fieldset>
            <fieldset class="gk-fieldset">
                <legend>{move || t.get().settings_text_size}</legend>
                <FontSizeControl/>
            </fieldset>
            <fieldset class="gk-fieldset">
                <legend>{move || t.get().settings_elder_mode}</legend>
                <label class="gk-choice">
                    <input type="checkbox"
                        prop:checked=move || prefs.get().elder
                        on:change=move |_| prefs.update(|p| p.elder = !p.elder)
                    />
                    <span>{move || t.get().settings_elder_mode}</span>
                </label>
                <p class="gk-hint">{move || t.get().settings_elder_mode_hint}</p>
                <label class="gk-choice">
                    <input type="checkbox"
                        prop:checked=move || prefs.get().contrast
                        on:change=move |_| prefs.update(|p| p.contrast = !p.contrast)
                    />
                    <span>{move || t.get().settings_contrast}</span>
                </label>
            </fieldset>
            <fieldset class="gk-fieldset">
                <legend>{move || t.get().settings_theme}</legend>
                {themes}
            </fieldset>
            <section class="gk-settings__feed" aria-labelledby="settings-feed">
                <h2 id="settings-feed">{move || t.get().settings_feed}</h2>
                <FeedGate render=move |c| {
                    let f = c.feed();
                    let publisher = f.publisher.name.get(lang.get()).to_string();
                    let as_of = f.generated_at.clone();
                    let source = use_feed().source();
                    view! {
                        <dl class="gk-meta">
                            <dt>{move || t.get().feed_from}</dt><dd>{publisher}</dd>
                            <dt>{move || t.get().data_as_of}</dt><dd><time datetime=as_of.clone()>{as_of.clone()}</time></dd>
                            {source.map(|s| view! {
                                <dt>{move || t.get().feed_source_address}</dt>
                                <dd class="gk-feed-source">
                                    <strong class="gk-feed-source__origin">{s.origin.clone()}</strong>
                                    <span class="gk-feed-source__url">{s.url.clone()}</span>
                                    {s.saved_copy.then(|| view! { <span class="gk-hint">{move || t.get().feed_saved_copy}</span> })}
                                </dd>
                                <dt>{move || t.get().feed_version}</dt><dd>{s.version}</dd>
                            })}
                        </dl>
                    }
                }/>
            </section>
            <OfflineSettings/>
        </div>
    }
}
