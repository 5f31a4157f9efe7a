//! `gongkai-feed`: the Gongkai feed format and everything that can be computed without a browser.
//!
//! - [`model`], [`rich`], [`text`]: the types of feed format v1.
//! - [`parse`] and [`validate`]: bytes to a checked [`Feed`], every problem with its JSON path.
//! - [`json`]: the small JSON reader the feed decoder is built on, also for other small files.
//! - [`catalog`]: look-ups by id, back-links, grouping and ordering the app needs.
//! - [`import`]: plain-text government documents to structured documents.
//! - [`search`]: the exact-substring full-text index.
//! - [`chart`]: chart geometry (scales, ticks, bars, lines, pie slices).

pub mod catalog;
pub mod chart;
mod decode;
mod hash;
pub mod import;
pub mod json;
pub mod model;
pub mod parse;
pub mod rich;
pub mod search;
pub mod text;
pub mod validate;

pub use model::*;
pub use rich::{Block, Inline, Inlines, RichText};
pub use text::{Lang, LocalText};
