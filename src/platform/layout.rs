//! Where elements are on screen, for lists that only put the rows near the viewport into the
//! page. Readings are in CSS pixels relative to the viewport's top.

/// The top and bottom edges of an element's border box.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Edges {
    pub top: f64,
    pub bottom: f64,
}

/// The element's edges as laid out now (a layout read: call it from a scroll handler or an
/// animation frame, not between DOM writes).
pub fn edges(el: &web_sys::Element) -> Edges {
    let r = el.get_bounding_client_rect();
    Edges {
        top: r.top(),
        bottom: r.bottom(),
    }
}
