//! `gongkai-feed`: the Gongkai feed format and everything that can be computed without a browser.
//!
//! - [`model`], [`rich`], [`text`]: the types of feed format v1.
//! - Parsing, validation, look-ups, search and chart geometry build on them.

pub mod model;
pub mod rich;
pub mod text;

pub use model::*;
pub use rich::{Block, Inline, Inlines, RichText};
pub use text::{Lang, LocalText};
