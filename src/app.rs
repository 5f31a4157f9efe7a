//! The app: context providers and the whole route table, in one place.

use crate::components::chrome::{Footer, Header, SkipLink, TabBar};
use crate::components::feed_notice::FeedNotices;
use crate::components::offline_indicator::OfflineIndicator;
use crate::components::progressive::{floating_part, frame_part};
use crate::components::update_prompt::UpdatePrompt;
use crate::pages;
use crate::platform::{dom, rendering, task};
use crate::state::offline::provide_offline;
use crate::state::prefs::use_strings;
use crate::state::{feed::provide_feed, prefs::provide_prefs, search::provide_search};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, LazyRoute};

/// The pages whose code is split out of the main wasm, fetched the first time one of them opens.
/// The home page stays in the main module, so a first visit to `/` needs one wasm file.
#[derive(Clone, Copy)]
enum Page {
    QaList,
    QaDetail,
    InterpretationList,
    Interpretation,
    GazetteIssues,
    GazetteIssue,
    Document,
    Search,
    Settings,
}

// The build splits the wasm at each `#[lazy]` function below: one per section, not one per page.
// Pages of a section share most of their code, and the splitter puts code that several split
// points share into chunks of its own, one per set of sharers: nine page-sized split points
// made 74 files, a document alone needing 38 of them, each a request (and a module to compile)
// before the page can show. A section costs a reader a little of its sibling pages' code and
// saves most of those requests (docs/decisions.md). `xtask/src/page_code.rs` reads this table
// to fetch a deep link's chunks at start-up, so keep one `lazy_page!` per lazily loaded route.

#[leptos::lazy]
fn qa_pages(page: Page) -> AnyView {
    match page {
        Page::QaDetail => view! { <pages::qa::detail::QaDetailPage/> }.into_any(),
        _ => view! { <pages::qa::list::QaListPage/> }.into_any(),
    }
}

#[leptos::lazy]
fn interpretation_pages(page: Page) -> AnyView {
    match page {
        Page::Interpretation => {
            view! { <pages::interpretations::detail::InterpretationPage/> }.into_any()
        }
        _ => view! { <pages::interpretations::list::InterpretationListPage/> }.into_any(),
    }
}

#[leptos::lazy]
fn gazette_pages(page: Page) -> AnyView {
    match page {
        Page::GazetteIssue => view! { <pages::gazette::issue::GazetteIssuePage/> }.into_any(),
        Page::Document => view! { <pages::document::DocumentPage/> }.into_any(),
        _ => view! { <pages::gazette::issues::GazetteIssuesPage/> }.into_any(),
    }
}

#[leptos::lazy]
fn search_pages(_page: Page) -> AnyView {
    view! { <pages::search::SearchPage/> }.into_any()
}

#[leptos::lazy]
fn settings_pages(_page: Page) -> AnyView {
    view! { <pages::settings::SettingsPage/> }.into_any()
}

/// A route whose page comes from a section's split-out code: `preload` lets the router fetch it
/// before it leaves the current page, and `view` then finds it loaded.
macro_rules! lazy_page {
    ($route:ident, $section:ident, $preload:ident, $page:expr) => {
        struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $section($page).await
            }

            // The router awaits this before it asks for `view`. The page counts as unfinished
            // while its code loads and until the task after: the router builds the view and
            // puts it in the page in this one (a `FeedGate` in it then holds the page
            // unfinished until its content is built).
            async fn preload() {
                let loading = rendering::Unfinished::begin();
                $preload().await;
                loading.end_in_next_task();
            }
        }
    };
}

lazy_page!(QaListRoute, qa_pages, __preload_qa_pages, Page::QaList);
lazy_page!(QaDetailRoute, qa_pages, __preload_qa_pages, Page::QaDetail);
lazy_page!(
    InterpretationListRoute,
    interpretation_pages,
    __preload_interpretation_pages,
    Page::InterpretationList
);
lazy_page!(
    InterpretationRoute,
    interpretation_pages,
    __preload_interpretation_pages,
    Page::Interpretation
);
lazy_page!(
    GazetteIssuesRoute,
    gazette_pages,
    __preload_gazette_pages,
    Page::GazetteIssues
);
lazy_page!(
    GazetteIssueRoute,
    gazette_pages,
    __preload_gazette_pages,
    Page::GazetteIssue
);
lazy_page!(
    DocumentRoute,
    gazette_pages,
    __preload_gazette_pages,
    Page::Document
);
lazy_page!(
    SearchRoute,
    search_pages,
    __preload_search_pages,
    Page::Search
);
lazy_page!(
    SettingsRoute,
    settings_pages,
    __preload_settings_pages,
    Page::Settings
);

#[component]
pub fn App() -> impl IntoView {
    provide_prefs();
    provide_feed();
    provide_offline();
    provide_search();
    let base = dom::base_path();
    let t = use_strings();
    // True while the router waits for a page's code (a page opened for the first time).
    let (is_routing, set_is_routing) = signal(false);
    // The page itself is built in a task after the header and tab bar: two shorter start-up
    // tasks instead of one long one, and the chrome is on screen sooner. Until then `<main>`
    // shows the same "loading" line as a page whose code is still on its way.
    let (pages_on, set_pages_on) = signal(false);
    // Until then, and until the task after (by when the router has claimed the page as
    // unfinished while it loads the page's code), the page counts as unfinished: a feed shown
    // meanwhile is saved only once the page built from it is painted.
    let starting = rendering::Unfinished::begin();
    task::in_next_task(move || {
        set_pages_on.set(true);
        starting.end_in_next_task();
    });
    let app = view! {
        <Router base=base set_is_routing=set_is_routing>
            <SkipLink/>
            // A thin bar at the top while a page's code downloads; it only appears if that takes
            // a moment (style/components/chrome.css), so quick navigations do not flicker.
            <div
                class="gk-routing"
                class:gk-routing--on=move || is_routing.get()
                aria-hidden="true"
            ></div>
            <div class="gk-app">
                // Out of sight the frame's parts are built a task each: the mount was the
                // longest task of a start-up (components::progressive).
                {frame_part(|| view! { <Header/><TabBar/> })}
                // Non-blocking notices, out of the page flow: nothing jumps when one appears.
                <div class="gk-notices">
                    {floating_part(|| view! { <OfflineIndicator/><UpdatePrompt/><FeedNotices/> })}
                </div>
                <main
                    id="main"
                    class="gk-main"
                    tabindex="-1"
                    aria-busy=move || is_routing.get().then_some("true")
                >
                    // Shown only while the first page of a visit still waits for its code: the
                    // stylesheet shows it when the footer directly follows it (no page yet).
                    <p class="gk-route-pending">{move || t.get().loading}</p>
                    <Show when=move || pages_on.get()>
                        <Routes fallback=pages::not_found::NotFoundPage>
                            <Route path=path!("/") view=pages::home::HomePage/>
                            <Route path=path!("/qa") view={Lazy::<QaListRoute>::new()}/>
                            <Route path=path!("/qa/:id") view={Lazy::<QaDetailRoute>::new()}/>
                            <Route path=path!("/interpretations") view={Lazy::<InterpretationListRoute>::new()}/>
                            <Route path=path!("/interpretations/:id") view={Lazy::<InterpretationRoute>::new()}/>
                            <Route path=path!("/gazette") view={Lazy::<GazetteIssuesRoute>::new()}/>
                            <Route path=path!("/gazette/:id") view={Lazy::<GazetteIssueRoute>::new()}/>
                            <Route path=path!("/documents/:id") view={Lazy::<DocumentRoute>::new()}/>
                            <Route path=path!("/search") view={Lazy::<SearchRoute>::new()}/>
                            <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()}/>
                        </Routes>
                    </Show>
                    <Footer/>
                </main>
            </div>
        </Router>
    };
    // Behind the plain shell the app shows once its frame is built: the tasks queued above (the
    // frame's parts, the page) run before the first of these two, and what they set off
    // (a render effect, a task of their own) before the second. A page still waiting for its
    // feed or its code then shows its own loading line.
    if dom::plain_shell_on_screen() {
        task::in_next_task(|| task::in_next_task(dom::finish_takeover));
    }
    app
}
