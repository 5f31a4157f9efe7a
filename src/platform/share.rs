//! Sharing a link: the Web Share API where the browser has it, otherwise the clipboard.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What happened when the reader asked to share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareOutcome {
    /// The system share sheet took it (or the reader dismissed it).
    Shared,
    /// The link is on the clipboard; the page shows a confirmation.
    Copied,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// Neither sharing nor the clipboard is available.
    Unsupported,
    Clipboard(String),
}

fn has_web_share(navigator: &web_sys::Navigator) -> bool {
    js_sys::Reflect::has(navigator, &"share".into()).unwrap_or(false)
}

/// Share `url` with `title`, falling back to copying the link.
pub async fn share_link(title: &str, url: &str) -> Result<ShareOutcome, ShareError> {
    let navigator = web_sys::window()
        .ok_or(ShareError::Unsupported)?
        .navigator();
    if has_web_share(&navigator) {
        let data = web_sys::ShareData::new();
        data.set_title(title);
        data.set_url(url);
        // A dismissed share sheet rejects with AbortError; that is the reader's choice, not a
        // failure, so it is not reported.
        let _ = JsFuture::from(navigator.share_with_data(&data)).await;
        return Ok(ShareOutcome::Shared);
    }
    copy_text(url).await.map(|_| ShareOutcome::Copied)
}

/// Put `text` on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), ShareError> {
    let navigator = web_sys::window()
        .ok_or(ShareError::Unsupported)?
        .navigator();
    let clipboard = navigator.clipboard();
    if clipboard.is_undefined() {
        return Err(ShareError::Unsupported);
    }
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| {
            ShareError::Clipboard(
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_default(),
            )
        })
}
