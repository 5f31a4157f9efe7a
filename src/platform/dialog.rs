//! Modal dialogs (the native `<dialog>` in the top layer, so the page behind is inert) and
//! moving keyboard focus.

/// Why a dialog could not be opened as a modal.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogError {
    /// The browser refused (`InvalidStateError`: already open or not in the document).
    Refused(String),
}

impl std::fmt::Display for DialogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DialogError::Refused(m) => write!(f, "the viewer could not open: {m}"),
        }
    }
}

/// Show `dialog` as a modal. Opening one that is already open is not an error.
pub fn open_modal(dialog: &web_sys::HtmlDialogElement) -> Result<(), DialogError> {
    if dialog.open() {
        return Ok(());
    }
    dialog.show_modal().map_err(|e| {
        DialogError::Refused(
            e.as_string()
                .or_else(|| {
                    js_sys::Reflect::get(&e, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                })
                .unwrap_or_default(),
        )
    })
}

/// Close `dialog` if it is open.
pub fn close_modal(dialog: &web_sys::HtmlDialogElement) {
    if dialog.open() {
        dialog.close();
    }
}

/// Move keyboard focus to `el`. Focus can only fail on an element that is not focusable, which
/// leaves focus where it was.
pub fn focus(el: &web_sys::HtmlElement) {
    let _ = el.focus();
}
