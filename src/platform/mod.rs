//! The only code that touches the browser (web-sys / js-sys). Everything here returns typed
//! results whose errors carry a message a user can read; nothing is silently dropped.

pub mod cache;
pub mod dialog;
pub mod dom;
pub mod gestures;
pub mod http;
pub mod layout;
pub mod network;
pub mod perf;
pub mod quota;
pub mod reading;
pub mod rendering;
pub mod share;
pub mod storage;
pub mod sw;
pub mod task;
