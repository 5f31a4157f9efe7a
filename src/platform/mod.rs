//! The only code that touches the browser (web-sys / js-sys). Everything here returns typed
//! results whose errors carry a message a user can read; nothing is silently dropped.

pub mod dialog;
pub mod dom;
pub mod fetch;
pub mod gestures;
pub mod reading;
pub mod share;
pub mod storage;
