//! The feed store: loads the feed once, parses and validates it, and shares a read-only
//! [`Catalog`] with every page.

use crate::platform::fetch;
use gongkai_feed::catalog::Catalog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Where the bundled feed lives, relative to the app's base URL.
pub const BUNDLED_FEED_URL: &str = "feed/feed.json";

#[derive(Clone)]
pub enum FeedStatus {
    Loading,
    Ready(Arc<Catalog>),
    /// The feed could not be loaded; the message says why.
    Failed(String),
}

/// Read access to the feed status.
#[derive(Clone, Copy)]
pub struct FeedStore(ReadSignal<FeedStatus>);

impl FeedStore {
    pub fn status(&self) -> FeedStatus {
        self.0.get()
    }

    /// The catalog once loaded.
    pub fn catalog(&self) -> Option<Arc<Catalog>> {
        match self.0.get() {
            FeedStatus::Ready(c) => Some(c),
            _ => None,
        }
    }
}

async fn load(url: &str) -> Result<Catalog, String> {
    let bytes = fetch::get_bytes(url).await.map_err(|e| e.to_string())?;
    let feed = gongkai_feed::parse::parse_feed(&bytes).map_err(|e| e.to_string())?;
    Ok(Catalog::new(feed))
}

pub fn provide_feed() {
    let (status, set_status) = signal(FeedStatus::Loading);
    spawn_local(async move {
        let next = match load(BUNDLED_FEED_URL).await {
            Ok(catalog) => FeedStatus::Ready(Arc::new(catalog)),
            Err(message) => FeedStatus::Failed(message),
        };
        set_status.set(next);
    });
    provide_context(FeedStore(status));
}

pub fn use_feed() -> FeedStore {
    expect_context::<FeedStore>()
}
