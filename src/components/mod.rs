//! Reusable view pieces, one component per file.

pub mod back_to_top;
pub mod chart;
pub mod chrome;
pub mod doc_card;
pub mod feed_gate;
pub mod feed_notice;
pub mod font_size_control;
pub mod image_viewer;
pub mod interpretation_card;
pub mod interpretations_of_document;
pub mod media_panel;
pub mod not_found_state;
pub mod offline_indicator;
pub mod offline_settings;
pub mod outline;
pub mod panel;
pub mod progressive;
pub mod qa_item;
pub mod reading_progress;
pub mod rich_text;
pub mod share_button;
pub mod update_prompt;
pub mod validity_badge;
pub mod virtual_list;
