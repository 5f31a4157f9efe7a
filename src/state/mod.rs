//! App-wide services provided as context: the feed store and the reader's preferences.
//! Each has a `provide_*` called once in `App` and a `use_*` for pages and components.

pub mod feed;
pub mod offline;
pub mod prefs;
pub mod search;
