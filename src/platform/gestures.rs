//! Pointer, wheel and keyboard input and element measurements for zoomable and responsive
//! views, read into plain numbers so the components keep their logic free of browser types.

use wasm_bindgen::JsCast;

/// One pointer (finger, pen or mouse) at a position relative to an element.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointerAt {
    pub id: i32,
    pub x: f64,
    pub y: f64,
}

/// The element an event listener is attached to.
fn current_element(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// Where `client` (viewport coordinates) is inside `el`'s box.
fn relative_to(el: Option<&web_sys::Element>, client_x: f64, client_y: f64) -> (f64, f64) {
    match el {
        Some(el) => {
            let r = el.get_bounding_client_rect();
            (client_x - r.left(), client_y - r.top())
        }
        None => (client_x, client_y),
    }
}

/// The pointer of `ev`, relative to the element listening for it.
pub fn pointer_at(ev: &web_sys::PointerEvent) -> PointerAt {
    let el = current_element(ev);
    let (x, y) = relative_to(el.as_ref(), ev.client_x() as f64, ev.client_y() as f64);
    PointerAt {
        id: ev.pointer_id(),
        x,
        y,
    }
}

/// Keep receiving this pointer's moves even when it leaves the element (a drag that overshoots
/// the edge must not get stuck). Failing to capture only makes such drags end early.
pub fn capture_pointer(ev: &web_sys::PointerEvent) {
    if let Some(el) = current_element(ev) {
        let _ = el.set_pointer_capture(ev.pointer_id());
    }
}

/// The position of a mouse event (wheel, double click) relative to the listening element.
pub fn mouse_at(ev: &web_sys::MouseEvent) -> (f64, f64) {
    let el = current_element(ev);
    relative_to(el.as_ref(), ev.client_x() as f64, ev.client_y() as f64)
}

/// How much a wheel turn zooms: above 1 zooms in (wheel up / pinch out on a touchpad), below 1
/// zooms out. Line and page deltas are turned into pixels first so every device feels alike.
pub fn wheel_zoom_factor(ev: &web_sys::WheelEvent) -> f64 {
    let unit = match ev.delta_mode() {
        web_sys::WheelEvent::DOM_DELTA_LINE => 16.0,
        web_sys::WheelEvent::DOM_DELTA_PAGE => 400.0,
        _ => 1.0,
    };
    // Touchpad pinches arrive as ctrl+wheel with small deltas; they deserve a finer step.
    let rate = if ev.ctrl_key() { 0.01 } else { 0.002 };
    let delta = (ev.delta_y() * unit).clamp(-600.0, 600.0);
    (-delta * rate).exp()
}

/// Stop the browser's own handling (page scroll or zoom) of an event the view handles itself.
pub fn prevent_default(ev: &web_sys::Event) {
    ev.prevent_default();
}

/// The key of a keyboard event (`"+"`, `"ArrowLeft"`, `"Escape"`, …) and whether Shift is held.
pub fn key_of(ev: &web_sys::KeyboardEvent) -> (String, bool) {
    (ev.key(), ev.shift_key())
}

/// The size of `el`'s content box in CSS pixels, ignoring any transform on it.
pub fn element_size(el: &web_sys::HtmlElement) -> (f64, f64) {
    (el.client_width() as f64, el.client_height() as f64)
}

/// The root font size in CSS pixels (16 by default, larger in elder mode), so drawings in user
/// units can keep their text as large as the page's.
pub fn root_font_px() -> f64 {
    web_sys::window()
        .and_then(|w| {
            let root = w.document()?.document_element()?;
            let style = w.get_computed_style(&root).ok()??;
            style.get_property_value("font-size").ok()
        })
        .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
        .filter(|px| px.is_finite() && *px > 0.0)
        .unwrap_or(16.0)
}

/// Whether `img` has finished loading without a picture: a broken or missing file. A failure
/// the browser remembers from an earlier `<img>` of the same URL can complete before any error
/// listener is attached, so views check this once the element is in place.
pub fn image_failed(img: &web_sys::HtmlImageElement) -> bool {
    img.complete() && img.natural_width() == 0
}
