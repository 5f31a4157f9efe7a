//! Gongkai: mount only. The app itself is in `app.rs`.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod i18n;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod platform;
#[cfg(target_arch = "wasm32")]
mod state;

/// The heap: talc instead of the default dlmalloc. Parsing a feed makes hundreds of thousands
/// of small allocations, and a large feed's parse spent about a fifth of its time in dlmalloc.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The preloaded feed is taken over first, so reading it overlaps building the app.
    state::feed::start_early();
    // The app is built in the task after the one that compiled and started the wasm: two
    // shorter tasks instead of one long one (the static shell stays on screen meanwhile).
    platform::task::in_next_task(|| {
        // The static first paint stays on screen while the app is built out of sight, and
        // gives way to it in one task, so the browser never paints an empty page in between
        // (`dom::begin_takeover`).
        platform::dom::begin_takeover();
        leptos::mount::mount_to_body(app::App);
    });
}

/// The app only runs in the browser; natively there is nothing to do.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("gongkai is a web app: run `cargo xtask serve`");
}
