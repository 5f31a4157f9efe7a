//! Times what the app does with a feed once it has the bytes: `parse_feed` (syntax, types and
//! every validation rule) and `Catalog::new` (look-ups, back-links, issue order). Used by
//! `cargo xtask bench feed`; build it with the release profile, as the app is built:
//!
//! ```text
//! cargo run --release -p gongkai-feed --no-default-features --example feed_parse -- FEED.json [RUNS]
//! ```
//!
//! Prints one line per run, `run<TAB>parse_ms<TAB>catalog_ms`, then the documents counted.

use gongkai_feed::catalog::Catalog;
use gongkai_feed::parse::parse_feed;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: feed_parse FEED.json [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("feed_parse: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut documents = 0;
    for run in 1..=runs {
        let started = Instant::now();
        let feed = match parse_feed(&bytes) {
            Ok(feed) => feed,
            Err(e) => {
                eprintln!("feed_parse: {path} does not parse: {e}");
                return ExitCode::FAILURE;
            }
        };
        let parsed = started.elapsed();
        let started = Instant::now();
        let catalog = Catalog::new(feed);
        let indexed = started.elapsed();
        documents = catalog.feed().documents.len();
        println!(
            "{run}\t{:.2}\t{:.2}",
            parsed.as_secs_f64() * 1e3,
            indexed.as_secs_f64() * 1e3
        );
        // Dropping is part of neither figure.
        drop(catalog);
    }
    println!("documents\t{documents}");
    ExitCode::SUCCESS
}
