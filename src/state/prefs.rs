//! The reader's preferences: language, text size, elder mode, contrast and theme. They persist
//! on the device and are applied to `<html>` as attributes that the CSS tokens read.

use crate::i18n::{strings, Strings};
use crate::platform::{dom, storage};
use gongkai_feed::Lang;
use leptos::prelude::*;

/// Text size steps; the reading text scales by these factors.
/// (`index.html` applies the saved step before the first paint from a copy of this list.)
pub const TEXT_SCALES: [f32; 5] = [0.9, 1.0, 1.15, 1.3, 1.5];
pub const DEFAULT_TEXT_STEP: usize = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preferences {
    pub lang: Lang,
    /// Index into [`TEXT_SCALES`].
    pub text_step: usize,
    pub elder: bool,
    pub contrast: bool,
    pub theme: Theme,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            lang: Lang::ZhHans,
            text_step: DEFAULT_TEXT_STEP,
            elder: false,
            contrast: false,
            theme: Theme::System,
        }
    }
}

impl Preferences {
    fn load() -> Preferences {
        let get = |k: &str| storage::get(k).ok().flatten();
        let d = Preferences::default();
        Preferences {
            lang: get("lang")
                .and_then(|t| Lang::from_tag(&t))
                .unwrap_or(d.lang),
            text_step: get("text-step")
                .and_then(|s| s.parse::<usize>().ok())
                .filter(|s| *s < TEXT_SCALES.len())
                .unwrap_or(d.text_step),
            elder: get("elder").is_some_and(|v| v == "1"),
            contrast: get("contrast").is_some_and(|v| v == "1"),
            theme: get("theme").map(|t| Theme::parse(&t)).unwrap_or(d.theme),
        }
    }

    fn save(&self) {
        // Settings still apply for this visit when storage is unavailable (private mode);
        // there is nothing more useful to do with the error than to carry on.
        let flag = |b: bool| if b { "1" } else { "0" };
        for (k, v) in [
            ("lang", self.lang.tag().to_string()),
            ("text-step", self.text_step.to_string()),
            ("elder", flag(self.elder).to_string()),
            ("contrast", flag(self.contrast).to_string()),
            ("theme", self.theme.as_str().to_string()),
        ] {
            if storage::set(k, &v).is_err() {
                break;
            }
        }
    }

    fn apply(&self) {
        let html_lang = match self.lang {
            Lang::ZhHans => "zh-CN",
            Lang::MnMong => "mn-Mong",
            Lang::En => "en",
        };
        dom::set_root_attribute("lang", html_lang);
        dom::set_root_attribute("data-theme", self.theme.as_str());
        dom::set_root_attribute("data-elder", if self.elder { "on" } else { "off" });
        dom::set_root_attribute(
            "data-contrast",
            if self.contrast { "more" } else { "normal" },
        );
        dom::set_root_attribute(
            "style",
            &format!("--reading-scale:{}", TEXT_SCALES[self.text_step]),
        );
    }
}

/// Handle to the preferences in context.
#[derive(Clone, Copy)]
pub struct Prefs(pub RwSignal<Preferences>);

pub fn provide_prefs() {
    let prefs = RwSignal::new(Preferences::load());
    Effect::new(move |_| {
        let p = prefs.get();
        p.apply();
        p.save();
    });
    provide_context(Prefs(prefs));
}

pub fn use_prefs() -> Prefs {
    expect_context::<Prefs>()
}

/// The UI strings in the reader's language.
pub fn use_strings() -> Signal<&'static Strings> {
    let prefs = use_prefs().0;
    Signal::derive(move || strings(prefs.get().lang))
}

/// The reader's language (for picking localised feed text).
pub fn use_lang() -> Signal<Lang> {
    let prefs = use_prefs().0;
    Signal::derive(move || prefs.get().lang)
}
