//! Reusable view pieces, one component per file.

pub mod chrome;
pub mod feed_gate;
pub mod not_found_state;
pub mod rich_text;
pub mod share_button;
