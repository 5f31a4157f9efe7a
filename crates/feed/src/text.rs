//! Localised text: a plain string (zh-Hans) or a map of BCP 47 tags to strings.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
#[cfg(feature = "serde-deserialize")]
use serde::{
    de::{self, Deserializer, MapAccess, Visitor},
    Deserialize,
};
use std::fmt;

/// The languages the UI and content know about. zh-Hans is the default and always present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    ZhHans,
    MnMong,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::ZhHans, Lang::MnMong, Lang::En];

    /// The BCP 47 tag used in the feed and in `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::MnMong => "mn-Mong",
            Lang::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }
}

/// A human-readable string in zh-Hans with optional translations.
///
/// In JSON either `"文本"` or `{"zh-Hans": "文本", "en": "Text"}`. Unknown language tags are kept
/// out (ignored) so that a newer feed still loads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LocalText {
    /// The zh-Hans text. Empty only when the feed omitted it, which validation reports.
    pub zh: String,
    pub mn: Option<String>,
    pub en: Option<String>,
}

impl LocalText {
    pub fn new(zh: impl Into<String>) -> Self {
        LocalText {
            zh: zh.into(),
            mn: None,
            en: None,
        }
    }

    /// The text in `lang`, falling back to zh-Hans. Returns the language actually used, so the
    /// caller can set a `lang` attribute on mixed-language text.
    pub fn get_with_lang(&self, lang: Lang) -> (&str, Lang) {
        let found = match lang {
            Lang::ZhHans => None,
            Lang::MnMong => self.mn.as_deref(),
            Lang::En => self.en.as_deref(),
        };
        match found {
            Some(s) if !s.is_empty() => (s, lang),
            _ => (&self.zh, Lang::ZhHans),
        }
    }

    /// The text in `lang`, falling back to zh-Hans.
    pub fn get(&self, lang: Lang) -> &str {
        self.get_with_lang(lang).0
    }

    /// Every language's text, for search indexing.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.zh.as_str())
            .chain(self.mn.as_deref())
            .chain(self.en.as_deref())
    }

    pub fn is_empty(&self) -> bool {
        // `trim().is_empty()`, without looking past the first character that is not white space.
        self.zh.chars().all(char::is_whitespace)
    }
}

impl From<&str> for LocalText {
    fn from(s: &str) -> Self {
        LocalText::new(s)
    }
}

impl fmt::Display for LocalText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.zh)
    }
}

impl Serialize for LocalText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.mn.is_none() && self.en.is_none() {
            return s.serialize_str(&self.zh);
        }
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("zh-Hans", &self.zh)?;
        if let Some(mn) = &self.mn {
            map.serialize_entry("mn-Mong", mn)?;
        }
        if let Some(en) = &self.en {
            map.serialize_entry("en", en)?;
        }
        map.end()
    }
}

#[cfg(feature = "serde-deserialize")]
impl<'de> Deserialize<'de> for LocalText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LocalTextVisitor;
        impl<'de> Visitor<'de> for LocalTextVisitor {
            type Value = LocalText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a map of language tags (zh-Hans, mn-Mong, en) to strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LocalText, E> {
                Ok(LocalText::new(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LocalText, A::Error> {
                let mut text = LocalText::default();
                let mut saw_zh = false;
                while let Some(key) = map.next_key::<String>()? {
                    let value: String = map.next_value()?;
                    match Lang::from_tag(&key) {
                        Some(Lang::ZhHans) => {
                            text.zh = value;
                            saw_zh = true;
                        }
                        Some(Lang::MnMong) => text.mn = Some(value),
                        Some(Lang::En) => text.en = Some(value),
                        None => {}
                    }
                }
                if !saw_zh {
                    return Err(de::Error::custom(
                        "localised text needs a \"zh-Hans\" entry",
                    ));
                }
                Ok(text)
            }
        }
        d.deserialize_any(LocalTextVisitor)
    }
}
