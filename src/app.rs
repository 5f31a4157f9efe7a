//! The app: context providers and the whole route table, in one place.

use crate::components::chrome::{Footer, Header, SkipLink, TabBar};
use crate::components::feed_notice::FeedNotices;
use crate::components::offline_indicator::OfflineIndicator;
use crate::components::update_prompt::UpdatePrompt;
use crate::pages;
use crate::platform::dom;
use crate::state::offline::provide_offline;
use crate::state::{feed::provide_feed, prefs::provide_prefs, search::provide_search};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_prefs();
    provide_feed();
    provide_offline();
    provide_search();
    let base = dom::base_path();
    view! {
        <Router base=base>
            <SkipLink/>
            <div class="gk-app">
                <Header/>
                <TabBar/>
                // Non-blocking notices, out of the page flow: nothing jumps when one appears.
                <div class="gk-notices">
                    <OfflineIndicator/>
                    <UpdatePrompt/>
                    <FeedNotices/>
                </div>
                <main id="main" class="gk-main" tabindex="-1">
                    <Routes fallback=pages::not_found::NotFoundPage>
                        <Route path=path!("/") view=pages::home::HomePage/>
                        <Route path=path!("/qa") view=pages::qa::list::QaListPage/>
                        <Route path=path!("/qa/:id") view=pages::qa::detail::QaDetailPage/>
                        <Route path=path!("/interpretations") view=pages::interpretations::list::InterpretationListPage/>
                        <Route path=path!("/interpretations/:id") view=pages::interpretations::detail::InterpretationPage/>
                        <Route path=path!("/gazette") view=pages::gazette::issues::GazetteIssuesPage/>
                        <Route path=path!("/gazette/:id") view=pages::gazette::issue::GazetteIssuePage/>
                        <Route path=path!("/documents/:id") view=pages::document::DocumentPage/>
                        <Route path=path!("/search") view=pages::search::SearchPage/>
                        <Route path=path!("/settings") view=pages::settings::SettingsPage/>
                    </Routes>
                    <Footer/>
                </main>
            </div>
        </Router>
    }
}
