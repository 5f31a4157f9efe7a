//! The app: context providers and the whole route table, in one place.

use crate::components::chrome::{Footer, Header, SkipLink, TabBar};
use crate::components::feed_notice::FeedNotices;
use crate::components::offline_indicator::OfflineIndicator;
use crate::components::update_prompt::UpdatePrompt;
use crate::pages;
use crate::platform::dom;
use crate::state::offline::provide_offline;
use crate::state::prefs::use_strings;
use crate::state::{feed::provide_feed, prefs::provide_prefs, search::provide_search};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{lazy_route, path, Lazy, LazyRoute};

/// A page whose code is split out of the main wasm and fetched the first time the page is
/// opened (the build splits at each `#[lazy_route]`; see docs/decisions.md). The home page
/// stays in the main module, so a first visit to `/` needs one wasm file.
macro_rules! lazy_page {
    ($route:ident, $page:path) => {
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(QaListRoute, pages::qa::list::QaListPage);
lazy_page!(QaDetailRoute, pages::qa::detail::QaDetailPage);
lazy_page!(
    InterpretationListRoute,
    pages::interpretations::list::InterpretationListPage
);
lazy_page!(
    InterpretationRoute,
    pages::interpretations::detail::InterpretationPage
);
lazy_page!(
    GazetteIssuesRoute,
    pages::gazette::issues::GazetteIssuesPage
);
lazy_page!(GazetteIssueRoute, pages::gazette::issue::GazetteIssuePage);
lazy_page!(DocumentRoute, pages::document::DocumentPage);
lazy_page!(SearchRoute, pages::search::SearchPage);
lazy_page!(SettingsRoute, pages::settings::SettingsPage);

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
    view! {
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
                <Header/>
                <TabBar/>
                // Non-blocking notices, out of the page flow: nothing jumps when one appears.
                <div class="gk-notices">
                    <OfflineIndicator/>
                    <UpdatePrompt/>
                    <FeedNotices/>
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
                    <Footer/>
                </main>
            </div>
        </Router>
    }
}
