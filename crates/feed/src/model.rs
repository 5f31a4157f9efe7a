//! The feed's types, as they appear in JSON (`docs/feed-format.md` describes every field).
//!
//! Fields are lenient on purpose (`#[serde(default)]` on everything that validation can check):
//! a missing field becomes an empty value so that [`crate::validate`] can report every problem at
//! once with its JSON path, instead of stopping at the first one.
//!
//! Feeds are read by the crate's `decode` module, by hand, which follows the serde attributes here to the
//! letter; `Serialize` writes them (feedtool). serde's `Deserialize` exists only behind the
//! `serde-deserialize` feature, as the reference the decoder is tested against.

use crate::rich::RichText;
use crate::text::LocalText;
#[cfg(feature = "serde-deserialize")]
use serde::Deserialize;
use serde::Serialize;

/// The schema version this crate reads and writes. Feeds with another major version are refused.
pub const SCHEMA_VERSION: &str = "1.0";
/// The major part of [`SCHEMA_VERSION`].
pub const SCHEMA_MAJOR: u32 = 1;

/// A calendar date, `YYYY-MM-DD` in JSON. Kept as text; validation checks it is a real date.
pub type Date = String;

/// The root of a feed.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct Feed {
    /// Format version, `"1.0"`. Minor versions only add optional fields.
    pub schema: String,
    pub publisher: Publisher,
    /// Monotonic content version: a reader never replaces a feed with a lower one.
    pub version: u64,
    /// When the publisher generated this feed (RFC 3339 date-time): shown as "data as of".
    pub generated_at: String,
    pub topics: Vec<Topic>,
    pub agencies: Vec<Agency>,
    pub documents: Vec<Document>,
    pub gazette: Vec<GazetteIssue>,
    pub qa: Vec<QaItem>,
    pub interpretations: Vec<Interpretation>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct Publisher {
    pub name: LocalText,
    /// The publisher's own website (https).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The single public service hotline, e.g. `12345`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hotline: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct Topic {
    pub id: String,
    pub name: LocalText,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct Agency {
    pub id: String,
    pub name: LocalText,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
}

/// What kind of document it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Regulation,
    #[default]
    Normative,
    Notice,
    Plan,
    Other,
}

impl DocumentKind {
    /// Every kind, in the order of [`DocumentKind::NAMES`].
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::Regulation,
        DocumentKind::Normative,
        DocumentKind::Notice,
        DocumentKind::Plan,
        DocumentKind::Other,
    ];
    /// How the feed spells each kind.
    pub const NAMES: [&'static str; 5] = ["regulation", "normative", "notice", "plan", "other"];

    /// The kind the feed spells `name`.
    pub fn from_name(name: &str) -> Option<DocumentKind> {
        let i = Self::NAMES.iter().position(|n| *n == name)?;
        Some(Self::ALL[i])
    }
}

/// Whether a document still applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    #[default]
    InForce,
    Amended,
    Repealed,
    Expired,
}

impl Validity {
    /// Every state, in the order of [`Validity::NAMES`].
    pub const ALL: [Validity; 4] = [
        Validity::InForce,
        Validity::Amended,
        Validity::Repealed,
        Validity::Expired,
    ];
    /// How the feed spells each state.
    pub const NAMES: [&'static str; 4] = ["in_force", "amended", "repealed", "expired"];

    /// The state the feed spells `name`.
    pub fn from_name(name: &str) -> Option<Validity> {
        let i = Self::NAMES.iter().position(|n| *n == name)?;
        Some(Self::ALL[i])
    }
}

/// A regulation, normative document, notice or plan.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct Document {
    pub id: String,
    pub title: LocalText,
    /// 文号, the document number, e.g. `内政办发〔2019〕14号`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub kind: DocumentKind,
    /// Issuing agency id (see [`Feed::agencies`]).
    pub agency: String,
    /// Addressees line (主送机关), as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addressees: Option<LocalText>,
    pub issued: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<Date>,
    pub status: Validity,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    pub body: RichText,
    /// Where the original (e.g. the publisher's web page) can be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
}

/// One issue of the government gazette.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct GazetteIssue {
    pub id: String,
    pub year: u16,
    /// Number within the year (期).
    pub number: u16,
    /// Display label, e.g. `2019年第12期`.
    pub label: LocalText,
    pub published: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover: Option<Image>,
    /// The paper edition as PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf_url: Option<String>,
    pub sections: Vec<GazetteSection>,
}

/// A section of an issue's table of contents, e.g. 自治区人民政府办公厅文件.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct GazetteSection {
    pub title: LocalText,
    /// Document ids, in printed order.
    pub documents: Vec<String>,
}

/// A question a citizen asks, answered in plain language.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct QaItem {
    pub id: String,
    pub question: LocalText,
    pub answer: RichText,
    pub topics: Vec<String>,
    /// The documents that rule on it (policy basis).
    pub documents: Vec<String>,
    pub updated: Date,
}

/// A policy explained with pictures, charts and media (图解 / 解读).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct Interpretation {
    pub id: String,
    pub title: LocalText,
    pub summary: LocalText,
    /// The documents it interprets.
    pub documents: Vec<String>,
    pub published: Date,
    pub agency: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Card image; the first image panel when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover: Option<Image>,
    pub panels: Vec<Panel>,
}

/// An image with its intrinsic size (so the page reserves its space) and required alt text.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct Image {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: LocalText,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<LocalText>,
}

impl Image {
    /// A "long image" (长图): more than twice as tall as wide; opened in a zoomable viewer.
    pub fn is_long(&self) -> bool {
        self.width > 0 && self.height > self.width.saturating_mul(2)
    }
}

/// One panel of an interpretation. In JSON an object with a `"type"` tag.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Panel {
    Image(Image),
    Text {
        #[serde(default)]
        body: RichText,
    },
    Chart(Chart),
    Audio(Media),
    Video(Media),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    #[default]
    Bar,
    Line,
    Pie,
}

impl ChartKind {
    /// Every kind, in the order of [`ChartKind::NAMES`].
    pub const ALL: [ChartKind; 3] = [ChartKind::Bar, ChartKind::Line, ChartKind::Pie];
    /// How the feed spells each kind.
    pub const NAMES: [&'static str; 3] = ["bar", "line", "pie"];
}

/// A chart drawn by the app from labelled numeric series.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: LocalText,
    /// Unit of the values, e.g. `亿元` or `%`.
    pub unit: LocalText,
    /// Category labels along the x axis (or pie slices).
    pub labels: Vec<LocalText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x_label: Option<LocalText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y_label: Option<LocalText>,
    /// One or more series; each has one value per label. A pie chart has exactly one.
    pub series: Vec<Series>,
    /// Where the numbers come from.
    pub source: LocalText,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct Series {
    pub name: LocalText,
    pub values: Vec<f64>,
}

/// Audio or video with its transcript (required: media must be readable without sound).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "serde-deserialize", derive(Deserialize))]
#[serde(default)]
pub struct Media {
    pub src: String,
    pub title: LocalText,
    /// MIME type, e.g. `audio/mpeg`, `video/mp4`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mime: Option<String>,
    /// Poster image (video only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poster: Option<Image>,
    /// Duration in seconds, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    pub transcript: RichText,
}
