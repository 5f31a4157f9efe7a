//! Rich text: blocks holding inline runs. Never HTML: the app renders these as elements and text
//! nodes, so markup inside a string is only ever shown as text.

use crate::model::Image;
use crate::text::LocalText;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
#[cfg(feature = "serde-deserialize")]
use serde::{
    de::{self, Deserializer},
    Deserialize,
};

/// A body of rich text: a sequence of blocks.
pub type RichText = Vec<Block>;

/// One block of rich text. In JSON an object with a `"type"` tag.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading. `level` 1–6 is relative to the item (the page adds its own title above);
    /// `id` is the anchor a link can point to (derived from the position when absent).
    Heading {
        level: u8,
        text: Inlines,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
    Paragraph {
        text: Inlines,
    },
    List {
        #[serde(default)]
        ordered: bool,
        items: Vec<Inlines>,
    },
    Table {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<LocalText>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        header: Vec<Inlines>,
        rows: Vec<Vec<Inlines>>,
    },
    Quote {
        text: Inlines,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<LocalText>,
    },
    Image(Image),
}

impl Block {
    /// Bytes of zh-Hans text the block shows (captions and table cells included): what it
    /// costs to put on screen, roughly, since the elements grow with the text.
    pub fn text_len(&self) -> usize {
        let runs = |i: &Inlines| -> usize {
            i.0.iter()
                .filter_map(Inline::label)
                .map(|t| t.zh.len())
                .sum()
        };
        let caption = |c: &Option<LocalText>| c.as_ref().map_or(0, |c| c.zh.len());
        match self {
            Block::Heading { text, .. } | Block::Paragraph { text } => runs(text),
            Block::Quote { text, cite } => runs(text) + caption(cite),
            Block::List { items, .. } => items.iter().map(runs).sum(),
            Block::Table {
                caption: c,
                header,
                rows,
            } => {
                caption(c)
                    + header
                        .iter()
                        .chain(rows.iter().flatten())
                        .map(runs)
                        .sum::<usize>()
            }
            Block::Image(image) => image.caption.as_ref().map_or(0, |c| c.zh.len()),
        }
    }
}

/// Splits `blocks` into consecutive portions to be put on screen one after another, each
/// holding about `budget` bytes of text (see [`Block::text_len`]; every block counts at least
/// [`BLOCK_COST`], for the elements it makes). A portion has at least one block, so a block
/// larger than the budget is a portion of its own. The portions cover every block, in order.
pub fn portions(blocks: &[Block], budget: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut filled = 0;
    for (i, block) in blocks.iter().enumerate() {
        let cost = block.text_len().max(BLOCK_COST);
        if i > start && filled + cost > budget {
            out.push(start..i);
            start = i;
            filled = 0;
        }
        filled += cost;
    }
    if start < blocks.len() {
        out.push(start..blocks.len());
    }
    out
}

/// The least a block counts for in [`portions`]: an empty paragraph still makes an element.
pub const BLOCK_COST: usize = 32;

/// A run of inline content. In JSON either a plain string (one text run) or an array of runs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inlines(pub Vec<Inline>);

impl Inlines {
    pub fn text(s: impl Into<String>) -> Self {
        Inlines(vec![Inline::Text(LocalText::new(s.into()))])
    }

    /// The plain zh-Hans text of the runs, for search, outlines and anchors.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for run in &self.0 {
            if let Some(t) = run.label() {
                out.push_str(&t.zh);
            }
        }
        out
    }
}

/// One inline run.
///
/// JSON forms: `"text"`, `{"em": "text"}`, `{"strong": "text"}`,
/// `{"link": "https://…", "text": "label"}`, `{"ref": "document-id", "text": "label"}`
/// (a reference without `text` shows the document's title).
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(LocalText),
    Emphasis(LocalText),
    Strong(LocalText),
    Link {
        href: String,
        text: LocalText,
    },
    DocumentRef {
        document: String,
        text: Option<LocalText>,
    },
}

impl Inline {
    /// The visible text of the run, when the feed gives one.
    pub fn label(&self) -> Option<&LocalText> {
        match self {
            Inline::Text(t) | Inline::Emphasis(t) | Inline::Strong(t) => Some(t),
            Inline::Link { text, .. } => Some(text),
            Inline::DocumentRef { text, .. } => text.as_ref(),
        }
    }
}

#[cfg(feature = "serde-deserialize")]
#[derive(Deserialize)]
#[serde(untagged)]
enum RawInlines {
    One(RawInline),
    Many(Vec<RawInline>),
}

#[cfg(feature = "serde-deserialize")]
#[derive(Deserialize)]
#[serde(untagged)]
enum RawInline {
    Text(String),
    Object(Box<RawInlineObject>),
}

#[cfg(feature = "serde-deserialize")]
#[derive(Deserialize)]
struct RawInlineObject {
    em: Option<LocalText>,
    strong: Option<LocalText>,
    link: Option<String>,
    #[serde(rename = "ref")]
    reference: Option<String>,
    text: Option<LocalText>,
    #[serde(flatten)]
    _rest: serde_json::Map<String, serde_json::Value>,
}

#[cfg(feature = "serde-deserialize")]
impl RawInline {
    fn into_inline<E: de::Error>(self) -> Result<Inline, E> {
        let o = match self {
            RawInline::Text(s) => return Ok(Inline::Text(LocalText::new(s))),
            RawInline::Object(o) => *o,
        };
        let kinds = [
            o.em.is_some(),
            o.strong.is_some(),
            o.link.is_some(),
            o.reference.is_some(),
        ]
        .iter()
        .filter(|k| **k)
        .count();
        if kinds > 1 {
            return Err(E::custom(
                "an inline run has exactly one of \"em\", \"strong\", \"link\" or \"ref\"",
            ));
        }
        if let Some(t) = o.em {
            Ok(Inline::Emphasis(t))
        } else if let Some(t) = o.strong {
            Ok(Inline::Strong(t))
        } else if let Some(href) = o.link {
            let text = o.text.unwrap_or_else(|| LocalText::new(href.clone()));
            Ok(Inline::Link { href, text })
        } else if let Some(document) = o.reference {
            Ok(Inline::DocumentRef {
                document,
                text: o.text,
            })
        } else if let Some(t) = o.text {
            Ok(Inline::Text(t))
        } else {
            Err(E::custom(
                "an inline run is a string or an object with \"em\", \"strong\", \"link\", \"ref\" or \"text\"",
            ))
        }
    }
}

#[cfg(feature = "serde-deserialize")]
impl<'de> Deserialize<'de> for Inlines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawInlines::deserialize(d).map_err(|_| {
            de::Error::custom(
                "expected inline text: a string, an inline object or an array of them",
            )
        })?;
        let runs = match raw {
            RawInlines::One(r) => vec![r.into_inline()?],
            RawInlines::Many(rs) => rs
                .into_iter()
                .map(RawInline::into_inline)
                .collect::<Result<_, _>>()?,
        };
        Ok(Inlines(runs))
    }
}

impl Serialize for Inline {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Inline::Text(t) => t.serialize(s),
            Inline::Emphasis(t) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("em", t)?;
                m.end()
            }
            Inline::Strong(t) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("strong", t)?;
                m.end()
            }
            Inline::Link { href, text } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("link", href)?;
                m.serialize_entry("text", text)?;
                m.end()
            }
            Inline::DocumentRef { document, text } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("ref", document)?;
                if let Some(text) = text {
                    m.serialize_entry("text", text)?;
                }
                m.end()
            }
        }
    }
}

impl Serialize for Inlines {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [Inline::Text(t)] => t.serialize(s),
            runs => runs.serialize(s),
        }
    }
}
