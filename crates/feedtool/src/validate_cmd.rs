//! `feedtool validate`: is this feed valid, and if not, exactly what is wrong and where.

use crate::args::Args;
use crate::input::read_source;
use crate::Failure;
use gongkai_feed::parse::parse_feed;
use gongkai_feed::Feed;

pub fn run(raw: &[String]) -> Result<(), Failure> {
    let args = Args::parse(raw, &[]).map_err(Failure::usage)?;
    let source = args
        .one_positional("the feed (a file or an http(s) URL)")
        .map_err(Failure::usage)?;
    let bytes = read_source(source)?;
    match parse_feed(&bytes) {
        Ok(feed) => {
            println!("{source}: valid; {}", summary(&feed, bytes.len()));
            Ok(())
        }
        Err(e) => {
            let problems = e.problems();
            for p in &problems {
                println!("{p}");
            }
            let n = problems.len();
            Err(Failure::invalid(format!(
                "{source}: invalid, {n} problem{}",
                if n == 1 { "" } else { "s" }
            )))
        }
    }
}

/// Counts per collection, in one line.
pub fn summary(feed: &Feed, bytes: usize) -> String {
    format!(
        "schema {}, version {}, {} documents, {} gazette issues, {} Q&A, {} interpretations, {} agencies, {} topics, {} bytes",
        feed.schema,
        feed.version,
        feed.documents.len(),
        feed.gazette.len(),
        feed.qa.len(),
        feed.interpretations.len(),
        feed.agencies.len(),
        feed.topics.len(),
        bytes
    )
}
