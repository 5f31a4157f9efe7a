//! The feed store: decides which feed to show, shows the last good copy at once, then asks the
//! network for a newer one, and shares a read-only [`Catalog`] with every page.
//!
//! Rules (docs/deploy.md explains them for deployers):
//! - `config.json` beside `index.html` names the feed URL(s), in order of preference, and the
//!   origins a `?feed=` link may point to. Without it: the bundled feed and no `?feed=` at all
//!   (other than this site's own).
//! - The last good copy of each feed is kept on the device (Cache Storage) and shown at once.
//! - The network is asked at the same time, with a time limit and a byte cap; the browser
//!   revalidates its own copy, so an unchanged feed costs a 304. A new feed replaces the old
//!   only if it parses, validates and its `version` is not lower; otherwise the old stays and a
//!   notice says what was wrong (with the validation messages for editors).
//! - A new feed is shown as soon as it has been validated, and becomes the saved last good copy
//!   right after that screen is painted. Until the save has finished the previous good copy
//!   stays the saved one, so a reload in between shows it and asks the network again.
//! - Nothing held and the feed fails: the next configured feed, finally the bundled one.
//!
//! Every step leaves a performance mark (`platform::perf::marks`) for the feed benchmark.

use crate::platform::perf::{self, marks};
use crate::platform::{cache, http, network, rendering, storage, task};
use gongkai_feed::catalog::Catalog;
use gongkai_feed::json;
use gongkai_feed::model::Feed;
use gongkai_feed::parse::{parse_feed, FeedError, MAX_FEED_BYTES};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Where the bundled feed lives, relative to the app's base URL.
pub const BUNDLED_FEED_URL: &str = "feed/feed.json";
/// The deployer's configuration, relative to the app's base URL.
const CONFIG_URL: &str = "config.json";
/// The last configuration read, for starts without a network (and without a service worker).
const CONFIG_KEY: &str = "config";
const CONFIG_MAX_BYTES: usize = 64 * 1024;
/// A configuration that does not answer quickly is not worth delaying the first screen for.
const CONFIG_TIMEOUT_SECONDS: u32 = 3;
const DEFAULT_TIMEOUT_SECONDS: u32 = 10;
/// How long the "updated" notice stays.
const UPDATED_NOTICE_FOR: std::time::Duration = std::time::Duration::from_secs(20);

#[derive(Clone)]
pub enum FeedStatus {
    Loading,
    Ready(Arc<Catalog>),
    /// No feed could be loaded at all; the message says why.
    Failed(String),
}

/// What was wrong with a downloaded feed.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedProblem {
    Timeout {
        seconds: u32,
    },
    Network,
    /// The server answered but sent no `Access-Control-Allow-Origin` for this site.
    Cors,
    Status(u16),
    TooLarge {
        max: usize,
    },
    Unreadable,
    /// It is not a valid feed: every `path: reason` line, for editors.
    Invalid(Vec<String>),
    /// Its `version` is lower than the copy held.
    Older {
        offered: u64,
        held: u64,
    },
}

impl std::fmt::Display for FeedProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FeedProblem::Timeout { seconds } => write!(f, "no answer within {seconds} s"),
            FeedProblem::Network => f.write_str("could not be reached"),
            FeedProblem::Cors => f.write_str("the server sends no Access-Control-Allow-Origin"),
            FeedProblem::Status(s) => write!(f, "HTTP {s}"),
            FeedProblem::TooLarge { max } => write!(f, "larger than {max} bytes"),
            FeedProblem::Unreadable => f.write_str("incomplete download"),
            FeedProblem::Invalid(lines) => write!(f, "invalid feed: {}", lines.join("; ")),
            FeedProblem::Older { offered, held } => {
                write!(f, "version {offered} is older than the held {held}")
            }
        }
    }
}

/// What is on screen after a problem.
#[derive(Clone, Debug, PartialEq)]
pub enum Kept {
    /// The last good copy of the same feed.
    LastGood,
    /// Another source: the bundled feed (`true`) or a fallback from `config.json`.
    Fallback {
        bundled: bool,
    },
    Nothing,
}

/// A non-blocking message about the feed.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedNotice {
    /// A newer feed replaced the one on screen; `as_of` is its `generated_at` date.
    Updated { as_of: String },
    Problem {
        url: String,
        problem: FeedProblem,
        kept: Kept,
    },
    /// A `?feed=` link pointed at an origin that is not allow-listed; it was not fetched.
    Refused { origin: String },
    /// `config.json` exists but cannot be read as a configuration.
    BadConfig,
}

/// Where the feed on screen comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedSource {
    /// The absolute URL of the feed.
    pub url: String,
    /// Its origin (scheme, host and port): whose server the content comes from.
    pub origin: String,
    pub bundled: bool,
    /// True while the copy on screen is the device's saved one, not confirmed by the network.
    pub saved_copy: bool,
    pub version: u64,
}

/// Read access to the feed, its source and its notices.
#[derive(Clone, Copy)]
pub struct FeedStore {
    status: ReadSignal<FeedStatus>,
    source: ReadSignal<Option<FeedSource>>,
    notices: RwSignal<Vec<FeedNotice>>,
    checking: ReadSignal<bool>,
}

impl FeedStore {
    pub fn status(&self) -> FeedStatus {
        self.status.get()
    }

    /// The catalog once loaded.
    pub fn catalog(&self) -> Option<Arc<Catalog>> {
        match self.status.get() {
            FeedStatus::Ready(c) => Some(c),
            _ => None,
        }
    }

    /// Where the feed on screen comes from (None until one is shown).
    pub fn source(&self) -> Option<FeedSource> {
        self.source.get()
    }

    pub fn notices(&self) -> Vec<FeedNotice> {
        self.notices.get()
    }

    pub fn dismiss(&self, index: usize) {
        self.notices.update(|n| {
            if index < n.len() {
                n.remove(index);
            }
        });
    }

    /// True until the network check of this start has finished (either way).
    pub fn checking(&self) -> bool {
        self.checking.get()
    }
}

/// `config.json`. Unknown fields are ignored so a newer configuration still works.
#[derive(Debug, Clone)]
struct Config {
    /// Feed URLs, most preferred first (relative ones resolve against the app's base).
    feeds: Vec<String>,
    /// Origins (`https://host[:port]`) a `?feed=` link may name. This site's own is implied.
    allowed_origins: Vec<String>,
    timeout_seconds: Option<u32>,
    /// Lower than the format's own cap only.
    max_feed_bytes: Option<usize>,
}

fn default_feeds() -> Vec<String> {
    vec![BUNDLED_FEED_URL.to_string()]
}

impl Default for Config {
    fn default() -> Config {
        Config {
            feeds: default_feeds(),
            allowed_origins: Vec::new(),
            timeout_seconds: None,
            max_feed_bytes: None,
        }
    }
}

impl Config {
    /// Reads `config.json` with the feed crate's JSON reader (the app links no other JSON
    /// library). A missing or `null` field takes its default; a field of the wrong type makes
    /// the whole file invalid, so a typo is reported instead of half applied.
    fn parse(bytes: &[u8]) -> Option<Config> {
        let root = json::parse(bytes).ok()?;
        root.as_object()?;
        let field = |name: &str| root.get(name).filter(|v| !v.is_null());
        let strings = |name: &str| -> Option<Option<Vec<String>>> {
            match field(name) {
                None => Some(None),
                Some(v) => v
                    .as_array()?
                    .iter()
                    .map(|s| s.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .map(Some),
            }
        };
        let number = |name: &str| -> Option<Option<u64>> {
            match field(name) {
                None => Some(None),
                Some(v) => v.as_u64().map(Some),
            }
        };
        Some(Config {
            feeds: strings("feeds")?.unwrap_or_else(default_feeds),
            allowed_origins: strings("allowed_origins")?.unwrap_or_default(),
            timeout_seconds: match number("timeout_seconds")? {
                Some(n) => Some(u32::try_from(n).ok()?),
                None => None,
            },
            max_feed_bytes: match number("max_feed_bytes")? {
                Some(n) => Some(usize::try_from(n).ok()?),
                None => None,
            },
        })
    }

    fn timeout(&self) -> u32 {
        self.timeout_seconds
            .unwrap_or(DEFAULT_TIMEOUT_SECONDS)
            .clamp(1, 120)
    }

    fn max_bytes(&self) -> usize {
        self.max_feed_bytes
            .unwrap_or(MAX_FEED_BYTES)
            .min(MAX_FEED_BYTES)
    }

    fn allows(&self, origin: &str) -> bool {
        origin == http::page_origin()
            || self
                .allowed_origins
                .iter()
                .filter_map(|o| http::resolve(o))
                .any(|o| o.origin == origin)
    }
}

/// Whether `config.json` can be asked for: online, or offline with the service worker, which
/// answers from its copy.
fn config_reachable() -> bool {
    network::is_online() || crate::platform::sw::controlled()
}

/// Starts the request for `config.json`.
fn request_config() -> http::Pending {
    let opts = http::GetOptions {
        timeout_seconds: CONFIG_TIMEOUT_SECONDS,
        max_bytes: CONFIG_MAX_BYTES,
    };
    let request = http::start(CONFIG_URL, &opts);
    perf::mark(marks::CONFIG_REQUESTED);
    request
}

/// Reads `config.json`: from the network (through the service worker, which falls back to its
/// copy), else the copy kept from the last start, else the defaults. `early` is its request
/// when [`start_early`] made it.
async fn load_config(notices: RwSignal<Vec<FeedNotice>>, early: Option<http::Pending>) -> Config {
    let stored = || {
        storage::get(CONFIG_KEY)
            .ok()
            .flatten()
            .and_then(|s| Config::parse(s.as_bytes()))
            .unwrap_or_default()
    };
    let request = match early {
        Some(request) => request,
        None if config_reachable() => request_config(),
        None => return stored(),
    };
    match request.await {
        Ok(http::Fetched::Body(bytes)) => match Config::parse(&bytes) {
            Some(config) => {
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    let _ = storage::set(CONFIG_KEY, text);
                }
                config
            }
            None => {
                notices.update(|n| n.push(FeedNotice::BadConfig));
                stored()
            }
        },
        // The file is optional: no configuration means the bundled feed.
        Err(http::HttpError::Status(404)) => Config::default(),
        _ => stored(),
    }
}

/// A feed to try, resolved.
#[derive(Clone, Debug)]
struct Candidate {
    url: http::AbsUrl,
    bundled: bool,
}

/// The feeds to try, in order, and the notice for a refused `?feed=`.
fn candidates(config: &Config, requested: Option<String>) -> (Vec<Candidate>, Option<FeedNotice>) {
    let bundled = http::resolve(BUNDLED_FEED_URL);
    let is_bundled = |u: &http::AbsUrl| bundled.as_ref().is_some_and(|b| b.href == u.href);
    let web = |u: &http::AbsUrl| u.protocol == "https:" || u.protocol == "http:";
    let mut out: Vec<Candidate> = Vec::new();
    let mut refused = None;
    // Shown back to the reader as text: keep a hostile link from filling the screen.
    let requested = requested.map(|r| r.chars().take(200).collect::<String>());
    if let Some(requested) = requested.filter(|r| !r.trim().is_empty()) {
        match http::resolve(requested.trim()) {
            // Only allow-listed origins: otherwise anyone could craft an official-looking link
            // to this site that shows forged content.
            Some(u) if web(&u) && config.allows(&u.origin) => out.push(Candidate {
                bundled: is_bundled(&u),
                url: u,
            }),
            Some(u) => {
                refused = Some(FeedNotice::Refused {
                    origin: if u.origin == "null" {
                        requested
                    } else {
                        u.origin
                    },
                })
            }
            None => refused = Some(FeedNotice::Refused { origin: requested }),
        }
    }
    // The configuration is the deployer's own choice: no allow-list needed.
    for f in &config.feeds {
        if let Some(u) = http::resolve(f).filter(web) {
            out.push(Candidate {
                bundled: is_bundled(&u),
                url: u,
            });
        }
    }
    if let Some(b) = bundled {
        out.push(Candidate {
            url: b,
            bundled: true,
        });
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert(c.url.href.clone()));
    (out, refused)
}

fn problem_of_http(e: http::HttpError) -> FeedProblem {
    match e {
        http::HttpError::Timeout { seconds } => FeedProblem::Timeout { seconds },
        http::HttpError::Network(_) => FeedProblem::Network,
        http::HttpError::Cors { .. } => FeedProblem::Cors,
        http::HttpError::Status(s) => FeedProblem::Status(s),
        http::HttpError::TooLarge { max } => FeedProblem::TooLarge { max },
        http::HttpError::Body(_) => FeedProblem::Unreadable,
    }
}

fn problem_of_feed(e: &FeedError) -> FeedProblem {
    FeedProblem::Invalid(e.problems().iter().map(|p| p.to_string()).collect())
}

/// Writers shared by the loading steps.
#[derive(Clone, Copy)]
struct Writers {
    status: WriteSignal<FeedStatus>,
    source: WriteSignal<Option<FeedSource>>,
    notices: RwSignal<Vec<FeedNotice>>,
}

impl Writers {
    fn show(&self, feed: Feed, c: &Candidate, saved_copy: bool) {
        self.source.set(Some(FeedSource {
            url: c.url.href.clone(),
            origin: c.url.origin.clone(),
            bundled: c.bundled,
            saved_copy,
            version: feed.version,
        }));
        self.status
            .set(FeedStatus::Ready(Arc::new(Catalog::new(feed))));
        perf::mark(marks::SHOWN);
    }

    /// The copy on screen is confirmed by the network (unchanged).
    fn confirm(&self) {
        self.source.update(|s| {
            if let Some(s) = s {
                s.saved_copy = false;
            }
        });
    }

    fn notify(&self, notice: FeedNotice) {
        let passing = matches!(notice, FeedNotice::Updated { .. });
        // A later check that finds the same problem does not stack a second copy.
        self.notices.update(|n| {
            n.retain(|x| x != &notice);
            n.push(notice);
        });
        if passing {
            // "Updated" is good news, not something to dismiss: it goes by itself (a kiosk
            // must not keep it for days). Problems stay until dismissed.
            let notices = self.notices;
            set_timeout(
                move || notices.update(|n| n.retain(|x| !matches!(x, FeedNotice::Updated { .. }))),
                UPDATED_NOTICE_FOR,
            );
        }
    }
}

/// How often a page left open (a kiosk) asks for a newer feed.
const FEED_REFRESH: std::time::Duration = std::time::Duration::from_secs(30 * 60);

/// Whether this is the start of the page or a later check of the feed already on screen.
#[derive(Clone, Copy, PartialEq)]
enum Pass {
    /// Show the saved copy at once, then ask the network.
    Start,
    /// Ask the network only; the page keeps what it shows unless there is something newer.
    Refresh,
}

/// Parses and validates `bytes`, leaving a mark for the benchmark.
fn parse(bytes: &[u8]) -> Result<Feed, FeedError> {
    reserve_heap(bytes.len().saturating_mul(2));
    let parsed = parse_feed(bytes);
    perf::mark(marks::VALIDATED);
    parsed
}

/// Makes room on the heap for `bytes` more bytes in one step. Parsing a feed allocates about
/// twice its size (the catalog's strings and lists); left to itself, the allocator grows the
/// wasm memory a little at a time as they are made, and each of those grows stops the parse.
/// The room is handed back at once and stays with the allocator for the parse to use.
fn reserve_heap(bytes: usize) {
    drop(Vec::<u8>::with_capacity(bytes));
}

/// The last good copy of a feed, read back from the device.
struct Held {
    bytes: Vec<u8>,
    version: u64,
    /// The parsed copy, kept while it is not on screen and may still have to be shown.
    waiting: Option<Feed>,
}

impl Held {
    /// A saved copy that no longer parses (a newer format, a damaged store) is not used.
    fn read(bytes: Vec<u8>, keep: bool) -> Option<Held> {
        let feed = parse(&bytes).ok()?;
        Some(Held {
            version: feed.version,
            waiting: keep.then_some(feed),
            bytes,
        })
    }
}

/// The network's answer for a feed, parsed or not yet.
enum Answer {
    Failed(http::HttpError),
    NotModified,
    Body {
        bytes: Vec<u8>,
        parsed: Option<Result<Feed, FeedError>>,
    },
}

impl Answer {
    fn of(result: Result<http::Fetched, http::HttpError>) -> Answer {
        match result {
            Ok(http::Fetched::NotModified) => Answer::NotModified,
            Ok(http::Fetched::Body(bytes)) => Answer::Body {
                bytes,
                parsed: None,
            },
            Err(e) => Answer::Failed(e),
        }
    }

    /// Parsed now (if it is a body not parsed yet).
    fn parsed(self) -> Answer {
        match self {
            Answer::Body {
                bytes,
                parsed: None,
            } => {
                let parsed = Some(parse(&bytes));
                Answer::Body { bytes, parsed }
            }
            other => other,
        }
    }

    /// The answer to `pending`, marked when it is in; parsed at once when `parse_at_once`.
    fn arriving(pending: http::Pending, parse_at_once: bool) -> task::Background<Answer> {
        task::background(async move {
            let answer = Answer::of(pending.await);
            perf::mark(marks::BODY);
            if parse_at_once {
                let parsed = answer.parsed();
                // What is shown of it (the catalog, then the page built from it) comes in the
                // next task: parsing and building in one was among the longest of a start-up.
                task::after_this_task().await;
                parsed
            } else {
                answer
            }
        })
    }

    /// The version of the feed in the answer, when it is `bytes` and parsed.
    fn version_if_same(&self, bytes: &[u8]) -> Option<u64> {
        match self {
            Answer::Body {
                bytes: b,
                parsed: Some(Ok(feed)),
            } if b == bytes => Some(feed.version),
            _ => None,
        }
    }
}

/// Shows the saved copy of `c` at once (at the start) while the network is asked. Ok(()) once
/// something of `c` is on screen (a problem with the network copy is then a notice); the
/// problem otherwise.
async fn load_candidate(
    c: &Candidate,
    config: &Config,
    w: Writers,
    pass: Pass,
    early: &mut Option<Early>,
) -> Result<(), FeedProblem> {
    let opts = http::GetOptions {
        timeout_seconds: config.timeout(),
        max_bytes: config.max_bytes(),
    };
    // Both run side by side: the download (read in the background; already under way when it
    // is the one started beside the configuration) and the look-up of the saved copy.
    let mut network = match early.take_if(|e| e.url == c.url.href) {
        Some(e) => e.within(opts.max_bytes),
        None => {
            let pending = http::start(&c.url.href, &opts);
            perf::mark(marks::REQUESTED);
            Answer::arriving(pending, false)
        }
    };
    let url = c.url.href.clone();
    let mut saved = task::background(async move { cache::load_feed(&url).await.ok().flatten() });

    // The saved copy, when it comes first, is shown at once. The network's answer, when it
    // comes first (on a first visit nothing is saved, and opening Cache Storage for the first
    // time can take longer than a preloaded download), is parsed while the look-up finishes.
    let start = pass == Pass::Start;
    let mut on_screen = false;
    let (held, answer) = match task::first(&mut saved, &mut network).await {
        task::First::A(saved) => {
            perf::mark(marks::SAVED_LOOKED_UP);
            let mut held = saved.and_then(|bytes| Held::read(bytes, start));
            if let Some(feed) = held.as_mut().and_then(|h| h.waiting.take()) {
                w.show(feed, c, true);
                on_screen = true;
            }
            let answer = network.await;
            (held, answer)
        }
        task::First::B(answer) => {
            let answer = match answer.parsed() {
                // Nothing saved, as the note of saved feeds says: shown without waiting for
                // the look-up, which is checked before the feed is kept.
                Answer::Body {
                    bytes,
                    parsed: Some(Ok(feed)),
                } if start && !cache::maybe_saved(&c.url.href) => {
                    show_then_keep(feed, bytes, saved, c, w).await;
                    return Ok(());
                }
                other => other,
            };
            let saved = saved.await;
            perf::mark(marks::SAVED_LOOKED_UP);
            let held = saved.and_then(|bytes| match answer.version_if_same(&bytes) {
                // The same bytes as the answer: parsed once, as the answer.
                Some(version) => Some(Held {
                    bytes,
                    version,
                    waiting: None,
                }),
                None => Held::read(bytes, start),
            });
            (held, answer)
        }
    };

    // Unchanged: the copy held is current.
    let unchanged = held.as_ref().is_some_and(|h| match &answer {
        Answer::NotModified => true,
        Answer::Body { bytes, .. } => *bytes == h.bytes,
        Answer::Failed(_) => false,
    });
    if unchanged {
        if start && !on_screen {
            let feed = match (held.and_then(|h| h.waiting), answer) {
                (Some(feed), _) => Some(feed),
                (
                    None,
                    Answer::Body {
                        parsed: Some(Ok(feed)),
                        ..
                    },
                ) => Some(feed),
                _ => None,
            };
            if let Some(feed) = feed {
                w.show(feed, c, false);
            }
        }
        w.confirm();
        return Ok(());
    }

    let problem = match answer {
        // A 304 with nothing held: a confused server or proxy.
        Answer::NotModified => FeedProblem::Status(304),
        Answer::Failed(e) => problem_of_http(e),
        Answer::Body { bytes, parsed } => match parsed.unwrap_or_else(|| parse(&bytes)) {
            Err(e) => problem_of_feed(&e),
            Ok(feed) => match held.as_ref().map(|h| h.version) {
                Some(held_version) if feed.version < held_version => FeedProblem::Older {
                    offered: feed.version,
                    held: held_version,
                },
                previous => {
                    let as_of = feed.generated_at.get(..10).unwrap_or(&feed.generated_at);
                    let as_of = as_of.to_string();
                    // Shown first, kept after the screen is painted: saving a large feed takes
                    // a while, and until it is done the previous good copy is still the saved
                    // one, so nothing is lost if the page goes away meanwhile.
                    w.show(feed, c, false);
                    if previous.is_some() {
                        w.notify(FeedNotice::Updated { as_of });
                    }
                    drop(held);
                    rendering::page_painted().await;
                    // Keeping it can fail (storage full, private mode): it is still shown.
                    if cache::save_feed(&c.url.href, &bytes).await.is_ok() {
                        perf::mark(marks::KEPT);
                    }
                    return Ok(());
                }
            },
        },
    };
    // A background check that finds no network is not news: the indicator already says offline.
    let transient = matches!(problem, FeedProblem::Network | FeedProblem::Timeout { .. });
    if pass == Pass::Refresh && transient {
        return Ok(());
    }
    let Some(held) = held else {
        return Err(problem);
    };
    if let Some(feed) = held.waiting {
        w.show(feed, c, true);
    }
    w.notify(FeedNotice::Problem {
        url: c.url.href.clone(),
        problem,
        kept: Kept::LastGood,
    });
    Ok(())
}

/// Shows `feed` (with `bytes`, the answer of a first visit) at once, then checks the look-up of
/// the saved copy still under way before keeping it. The note that said nothing was saved can
/// be wrong (localStorage cleared apart from Cache Storage): a newer saved copy then goes back
/// on screen and is kept, exactly as if it had been found first.
async fn show_then_keep(
    feed: Feed,
    bytes: Vec<u8>,
    saved: task::Background<Option<Vec<u8>>>,
    c: &Candidate,
    w: Writers,
) {
    let version = feed.version;
    let as_of = feed.generated_at.get(..10).unwrap_or(&feed.generated_at);
    let as_of = as_of.to_string();
    w.show(feed, c, false);
    rendering::page_painted().await;
    let saved = saved.await;
    perf::mark(marks::SAVED_LOOKED_UP);
    if let Some(held) = saved {
        if held == bytes {
            cache::note_saved(&c.url.href);
            return;
        }
        match parse(&held) {
            Ok(held) if held.version > version => {
                let held_version = held.version;
                w.show(held, c, true);
                w.notify(FeedNotice::Problem {
                    url: c.url.href.clone(),
                    problem: FeedProblem::Older {
                        offered: version,
                        held: held_version,
                    },
                    kept: Kept::LastGood,
                });
                cache::note_saved(&c.url.href);
                return;
            }
            Ok(_) => w.notify(FeedNotice::Updated { as_of }),
            Err(_) => {}
        }
    }
    if cache::save_feed(&c.url.href, &bytes).await.is_ok() {
        perf::mark(marks::KEPT);
    }
}

/// Asks for a newer copy of the feed on screen every [`FEED_REFRESH`] and when the network comes
/// back, so a kiosk that runs for weeks still follows the publisher.
fn keep_fresh(c: Candidate, config: Config, w: Writers) {
    let check = move || {
        if !network::is_online() {
            return;
        }
        let (c, config) = (c.clone(), config.clone());
        spawn_local(async move {
            let _ = load_candidate(&c, &config, w, Pass::Refresh, &mut None).await;
        });
    };
    let on_online = check.clone();
    network::watch(move |online| {
        if online {
            on_online();
        }
    });
    set_interval(check, FEED_REFRESH);
}

/// The bundled feed's download, started beside the configuration's when the page preloads it.
struct Early {
    url: String,
    answer: task::Background<Answer>,
}

impl Early {
    /// The bundled feed preloaded by `index.html` (a `<link rel="preload">` that went with the
    /// page): taken over at once, before `config.json` is read, so the two answers are waited
    /// for together rather than one after the other. The configuration nearly always names the
    /// bundled feed; when it names another (or a `?feed=` link does), the bundled one is the
    /// last fallback and may still be used, and a preload left unread would only have the
    /// browser warn about it. Without the preload (a deployer whose feed is elsewhere removes
    /// it: docs/deploy.md) nothing is downloaded before the configuration says what.
    fn start() -> Option<Early> {
        let url = http::resolve(BUNDLED_FEED_URL)?.href;
        if !http::preloaded(&url) {
            return None;
        }
        // The configuration's limits are not known yet: the defaults, and its byte cap once
        // the answer is in (`within`).
        let opts = http::GetOptions {
            timeout_seconds: DEFAULT_TIMEOUT_SECONDS,
            max_bytes: MAX_FEED_BYTES,
        };
        let pending = http::start(&url, &opts);
        perf::mark(marks::REQUESTED);
        // On a first visit (nothing saved, as the note of saved feeds says) the answer is what
        // will be shown: parsed as soon as it is in, even while `config.json` is still on its
        // way (that answer waits behind the start-up's other work, and the configuration
        // nearly always confirms the bundled feed). With a saved copy, or a `?feed=` link that
        // asks for another feed, it is parsed only if it is needed, as any other answer.
        let first_choice = http::query_param("feed").is_none();
        let answer = Answer::arriving(pending, first_choice && !cache::maybe_saved(&url));
        Some(Early { url, answer })
    }

    /// The answer, held to the configuration's byte cap.
    fn within(self, max: usize) -> task::Background<Answer> {
        let answer = self.answer;
        task::background(async move {
            match answer.await {
                Answer::Body { bytes, .. } if bytes.len() > max => {
                    Answer::Failed(http::HttpError::TooLarge { max })
                }
                other => other,
            }
        })
    }
}

thread_local! {
    /// The bundled feed's download as `main` took it over, before the app was built.
    static STARTED_EARLY: std::cell::RefCell<Option<Early>> = const { std::cell::RefCell::new(None) };
    /// The request for `config.json` as `main` made it, before the app was built.
    static CONFIG_EARLY: std::cell::RefCell<Option<http::Pending>> = const { std::cell::RefCell::new(None) };
}

/// Takes over the preloaded bundled feed (see [`Early::start`]) and the preloaded
/// `config.json` before the app is built, so both are read (and the feed, on a first visit,
/// parsed) while the app's first view is being built instead of after it: the configuration is
/// then in hand when the app asks for it, rather than requested only once the app has mounted
/// and the feed has been parsed. Called once, from `main`.
pub fn start_early() {
    let preloaded = http::resolve(CONFIG_URL).is_some_and(|url| http::preloaded(&url.href));
    let config = (preloaded && config_reachable()).then(request_config);
    CONFIG_EARLY.with(|s| *s.borrow_mut() = config);
    let early = Early::start();
    STARTED_EARLY.with(|s| *s.borrow_mut() = early);
}

async fn load_all(w: Writers, set_checking: WriteSignal<bool>) {
    perf::mark(marks::START);
    let mut early = STARTED_EARLY
        .with(|s| s.borrow_mut().take())
        .or_else(Early::start);
    let early_config = CONFIG_EARLY.with(|s| s.borrow_mut().take());
    let config = load_config(w.notices, early_config).await;
    perf::mark(marks::CONFIG);
    let (candidates, refused) = candidates(&config, http::query_param("feed"));
    if let Some(notice) = refused {
        w.notify(notice);
    }
    let mut failures: Vec<(String, FeedProblem)> = Vec::new();
    for c in &candidates {
        match load_candidate(c, &config, w, Pass::Start, &mut early).await {
            Ok(()) => {
                keep_fresh(c.clone(), config.clone(), w);
                for (url, problem) in failures {
                    w.notify(FeedNotice::Problem {
                        url,
                        problem,
                        kept: Kept::Fallback { bundled: c.bundled },
                    });
                }
                set_checking.set(false);
                return;
            }
            Err(problem) => failures.push((c.url.href.clone(), problem)),
        }
    }
    let message = failures
        .iter()
        .map(|(url, p)| format!("{url}: {p}"))
        .collect::<Vec<_>>()
        .join("\n");
    for (url, problem) in failures {
        w.notify(FeedNotice::Problem {
            url,
            problem,
            kept: Kept::Nothing,
        });
    }
    w.status.set(FeedStatus::Failed(message));
    set_checking.set(false);
}

pub fn provide_feed() {
    let (status, set_status) = signal(FeedStatus::Loading);
    let (source, set_source) = signal(None);
    let (checking, set_checking) = signal(true);
    let notices = RwSignal::new(Vec::new());
    let writers = Writers {
        status: set_status,
        source: set_source,
        notices,
    };
    // The feed is taken up in the task after the mount (its download already started with
    // the wasm): the mount's task is the start-up's longest, and every page shows its loading
    // line until the feed is in anyway.
    task::in_next_task(move || spawn_local(load_all(writers, set_checking)));
    provide_context(FeedStore {
        status,
        source,
        notices,
        checking,
    });
}

pub fn use_feed() -> FeedStore {
    expect_context::<FeedStore>()
}
