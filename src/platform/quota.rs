//! How much the device keeps for this app, and asking to keep it (StorageManager).

use std::fmt;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, PartialEq)]
pub enum QuotaError {
    /// No `navigator.storage` (older or in-app browsers, insecure pages).
    Unavailable,
    Failed(String),
}

impl fmt::Display for QuotaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuotaError::Unavailable => f.write_str("this browser does not report its storage"),
            QuotaError::Failed(m) => write!(f, "storage could not be queried: {m}"),
        }
    }
}

/// Bytes used by this site and the most it may use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    pub used: f64,
    pub quota: f64,
}

fn manager() -> Result<web_sys::StorageManager, QuotaError> {
    let navigator = web_sys::window()
        .ok_or(QuotaError::Unavailable)?
        .navigator();
    if !js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false) {
        return Err(QuotaError::Unavailable);
    }
    Ok(navigator.storage())
}

async fn call(
    promise: Result<js_sys::Promise, wasm_bindgen::JsValue>,
) -> Result<wasm_bindgen::JsValue, QuotaError> {
    let promise = promise.map_err(|_| QuotaError::Unavailable)?;
    JsFuture::from(promise).await.map_err(|e| {
        QuotaError::Failed(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| format!("{e:?}")),
        )
    })
}

/// `navigator.storage.estimate()`.
pub async fn estimate() -> Result<Usage, QuotaError> {
    let v = call(manager()?.estimate()).await?;
    let e: web_sys::StorageEstimate = v.unchecked_into();
    Ok(Usage {
        used: e.get_usage().unwrap_or(0.0),
        quota: e.get_quota().unwrap_or(0.0),
    })
}

/// Whether the browser already promised not to clear this site's data under storage pressure.
pub async fn persisted() -> Result<bool, QuotaError> {
    Ok(call(manager()?.persisted())
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// Asks the browser to keep this site's data; true when granted.
pub async fn persist() -> Result<bool, QuotaError> {
    Ok(call(manager()?.persist()).await?.as_bool().unwrap_or(false))
}
