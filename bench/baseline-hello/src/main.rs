//! A "hello" page on Leptos 0.8 CSR with leptos_router: the framework and nothing else, as the
//! baseline beside which `cargo xtask bench` reports Gongkai's sizes and load times.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

fn main() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <nav>
                <A href="/">"Home"</A>" "
                <A href="/about">"About"</A>
            </nav>
            <main>
                <Routes fallback=|| view! { <p>"Not found"</p> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/about") view=About/>
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn Home() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <h1>"Hello"</h1>
        <button on:click=move |_| set_count.update(|n| *n += 1)>"Clicked " {count} " times"</button>
    }
}

#[component]
fn About() -> impl IntoView {
    view! { <h1>"About"</h1><p>"A baseline for size and load benchmarks."</p> }
}
