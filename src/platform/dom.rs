//! Document-level helpers: the deployment base path, absolute links, scrolling, title, lang.

/// The path the app is deployed under, from `<base href>` (set by the build's public URL),
/// without a trailing slash: `""` at the site root, `"/gongkai"` under a sub-path.
pub fn base_path() -> String {
    // `<base href>` is fixed for the page's life, and every in-app link asks for it.
    thread_local! {
        static BASE_PATH: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
    }
    BASE_PATH.with(|base| base.get_or_init(read_base_path).clone())
}

fn read_base_path() -> String {
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
    if let Some(root) = root() {
        let _ = root.set_attribute(name, value);
    }
}

/// The page's `<html>` element.
fn root() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
}

/// The attribute on `<html>` while a pre-rendered page stays on screen and the app is built out
/// of sight (style/layout.css hides the app's nodes while it is there).
const TAKING_OVER: &str = "data-taking-over";

fn static_shell() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("static-shell"))
}

/// Starts the takeover of the static first paint of `index.html` (call in the task that mounts
/// the app): it stays on screen while the app is built out of sight. A whole page pre-rendered
/// by the build (`xtask/prerender.mjs`) stays readable until the app's page has its content, so
/// the reader never sees the text give way to a loading line (`FeedGate` calls
/// [`finish_takeover`]). The plain header-and-tab-bar shell only stays until the app's own
/// header and tab bar are built (the app calls [`finish_takeover`] then, page or no page yet):
/// the app can build its frame a task per part, none of which the reader sees half done.
pub fn begin_takeover() {
    if static_shell().is_some() {
        set_root_attribute(TAKING_OVER, "");
    }
}

/// Whether the app is still out of sight behind the static first paint, plain or pre-rendered.
pub fn app_hidden() -> bool {
    root().is_some_and(|r| r.has_attribute(TAKING_OVER))
}

/// Ends the takeover of the static first paint: it goes and the app shows, in one task, so no
/// frame is painted between them. Does nothing when there is nothing to take over (every call
/// after the first).
pub fn finish_takeover() {
    let Some(root) = root().filter(|r| r.has_attribute(TAKING_OVER)) else {
        return;
    };
    let left = static_shell().map(|shell| {
        let left = (details_toggled_on(&shell), fields_typed_in(&shell));
        shell.remove();
        left
    });
    let _ = root.remove_attribute(TAKING_OVER);
    for f in AFTER_TAKEOVER.with_borrow_mut(std::mem::take) {
        f();
    }
    if let Some((toggled, typed)) = left {
        toggle_the_same_details(&toggled);
        type_the_same_into(&typed);
    }
    press_again_what_was_pressed_early();
}

/// What the reader typed into the copy's text fields while it was on screen (the Q&A list's
/// filter): (field id, text), for each field whose text is not the one it was written with.
fn fields_typed_in(shell: &web_sys::Element) -> Vec<(String, String)> {
    let Ok(fields) = shell.query_selector_all("input[id]") else {
        return Vec::new();
    };
    elements_of::<web_sys::HtmlInputElement>(&fields)
        .filter(|(_, field)| field.value() != field.default_value())
        .map(|(_, field)| (field.id(), field.value()))
        .collect()
}

/// Puts the copy's typed text into the app's fields of the same id, as if typed there: the
/// `input` event is what the app's page listens to.
fn type_the_same_into(typed: &[(String, String)]) {
    for (id, text) in typed {
        let Some((_, field)) = in_app(&format!("input[id='{id}']"))
            .and_then(|found| elements_of::<web_sys::HtmlInputElement>(&found).next())
        else {
            continue;
        };
        field.set_value(text);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
            let _ = field.dispatch_event(&event);
        }
    }
}

/// The `<details>` of a pre-rendered copy the reader opened or closed while it was on screen:
/// (place among the copy's `<details>`, open now), against how each was when the page loaded
/// (noted by the start-up script, `DETAILS_AT_FIRST` in xtask/src/wasm.rs).
fn details_toggled_on(shell: &web_sys::Element) -> Vec<(u32, bool)> {
    let at_first = start_up_list("gongkaiDetailsAtFirst");
    let (Some(at_first), Ok(details)) = (at_first, shell.query_selector_all("details")) else {
        return Vec::new();
    };
    elements_of::<web_sys::Element>(&details)
        .filter_map(|(i, d)| {
            let open = d.has_attribute("open");
            (at_first.get(i).as_bool()? != open).then_some((i, open))
        })
        .collect()
}

/// Opens or closes the app's `<details>` as the reader left the copy's: the app's page is the
/// same page, so its `<details>` come in the same order.
fn toggle_the_same_details(toggled: &[(u32, bool)]) {
    use wasm_bindgen::JsCast;
    let Some(details) = in_app("details") else {
        return;
    };
    for &(i, open) in toggled {
        let Some(d) = details
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let _ = if open {
            d.set_attribute("open", "")
        } else {
            d.remove_attribute("open")
        };
    }
}

/// The buttons of a pre-rendered copy do nothing: the start-up script notes each one pressed
/// while the copy was on screen, by its accessible name (`PRESSED_EARLY` in
/// xtask/src/wasm.rs). The same buttons of the app's page are pressed now, in order, so that a
/// reader on a slow phone who pressed "A+" before the app was ready still gets larger text.
fn press_again_what_was_pressed_early() {
    let Some(pressed) = start_up_list("gongkaiPressedEarly") else {
        return;
    };
    let names: Vec<String> = pressed.iter().filter_map(|v| v.as_string()).collect();
    pressed.set_length(0);
    let Some(buttons) = in_app("button") else {
        return;
    };
    let name_of = |b: &web_sys::HtmlElement| {
        b.get_attribute("aria-label")
            .unwrap_or_else(|| b.text_content().unwrap_or_default().trim().to_string())
    };
    for name in names {
        let same = elements_of::<web_sys::HtmlElement>(&buttons).find(|(_, b)| name_of(b) == name);
        if let Some((_, button)) = same {
            button.click();
        }
    }
}

/// A list the start-up script left on the global object (see xtask/src/wasm.rs).
fn start_up_list(name: &str) -> Option<js_sys::Array> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &name.into())
        .ok()?
        .dyn_into()
        .ok()
}

/// The nodes of `list` that are `T`s, each with its place in the list.
fn elements_of<T: wasm_bindgen::JsCast>(
    list: &web_sys::NodeList,
) -> impl Iterator<Item = (u32, T)> + '_ {
    use wasm_bindgen::JsCast;
    (0..list.length()).filter_map(|i| Some((i, list.item(i)?.dyn_into::<T>().ok()?)))
}

/// The app's elements matching `selector` (never the copy's, gone by the time this is asked).
fn in_app(selector: &str) -> Option<web_sys::NodeList> {
    web_sys::window()?
        .document()?
        .query_selector_all(&format!("body > .gk-app {selector}"))
        .ok()
}

/// Whether a pre-rendered copy is on screen while the app builds its page out of sight.
pub fn taking_over() -> bool {
    app_hidden() && static_shell().is_some_and(|s| s.has_attribute("data-prerendered"))
}

/// Whether the plain static shell (header, tab bar and a loading line, no page) is on screen
/// while the app builds its frame out of sight.
pub fn plain_shell_on_screen() -> bool {
    app_hidden() && !taking_over()
}

thread_local! {
    static AFTER_TAKEOVER: std::cell::RefCell<Vec<Box<dyn FnOnce()>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` once the app's page is the one on screen: at once, unless the static first paint
/// is still being taken over (then right after [`finish_takeover`]). Scrolling to a section of
/// a page that is still hidden would scroll nowhere.
pub fn after_takeover(f: impl FnOnce() + 'static) {
    if app_hidden() {
        AFTER_TAKEOVER.with_borrow_mut(|w| w.push(Box::new(f)));
    } else {
        f();
    }
}
