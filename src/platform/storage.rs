//! Small key/value preferences kept on the device (localStorage). Nothing leaves the device.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// Storage is disabled (private mode, some in-app browsers) or full.
    Unavailable,
    Write(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => f.write_str("this browser does not allow saving settings"),
            StorageError::Write(m) => write!(f, "the setting could not be saved: {m}"),
        }
    }
}

fn local() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

const PREFIX: &str = "gongkai.";

pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    local()?
        .get_item(&format!("{PREFIX}{key}"))
        .map_err(|_| StorageError::Unavailable)
}

pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    local()?
        .set_item(&format!("{PREFIX}{key}"), value)
        .map_err(|e| StorageError::Write(format!("{e:?}")))
}
