//! Document-level helpers: the deployment base path, absolute links, scrolling, title, lang.

/// The path the app is deployed under, from `<base href>` (set by the build's public URL),
/// without a trailing slash: `""` at the site root, `"/gongkai"` under a sub-path.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// The href of an in-app path for a plain `<a>` (the router still handles the click): the
/// path under the deployment base.
pub fn app_href(path: &str) -> String {
    format!("{}{path}", base_path())
}

/// The absolute URL of an in-app path (for sharing and copying links).
pub fn absolute_url(path: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{}", app_href(path))
}

pub fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// Set an attribute on `<html>` (lang, data-theme, …).
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
}

/// Remove the static first-paint shell from `index.html` (the app renders the same chrome).
pub fn remove_static_shell() {
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("static-shell"))
    {
        shell.remove();
    }
}
