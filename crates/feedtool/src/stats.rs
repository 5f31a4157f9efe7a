//! `feedtool stats`: how big a feed is and where its text is.

use crate::args::Args;
use crate::input::read_source;
use crate::Failure;
use gongkai_feed::parse::{decode_feed, parse_feed, FeedError};
use gongkai_feed::{
    Block, Chart, Document, Feed, GazetteIssue, Image, Inlines, Interpretation, LocalText, Panel,
    QaItem,
};

/// How many of the largest items to list per collection.
const LARGEST: usize = 5;

pub fn run(raw: &[String]) -> Result<(), Failure> {
    let args = Args::parse(raw, &[]).map_err(Failure::usage)?;
    let source = args
        .one_positional("the feed (a file or an http(s) URL)")
        .map_err(Failure::usage)?;
    let bytes = read_source(source)?;
    // Statistics help most while a feed is being fixed, so an invalid feed that is still
    // readable JSON gets them too, after a note.
    let feed = match parse_feed(&bytes) {
        Ok(feed) => feed,
        Err(FeedError::Invalid(problems)) => match decode_feed(&bytes) {
            Ok(feed) => {
                let n = problems.len();
                eprintln!(
                    "note: {source} is not valid ({n} problem{}; see feedtool validate)",
                    if n == 1 { "" } else { "s" }
                );
                feed
            }
            Err(_) => return Err(invalid(source, &FeedError::Invalid(problems))),
        },
        Err(e) => return Err(invalid(source, &e)),
    };
    print!("{}", report(source, &feed, bytes.len()));
    Ok(())
}

fn invalid(source: &str, e: &FeedError) -> Failure {
    for p in e.problems() {
        println!("{p}");
    }
    Failure::invalid(format!("{source}: not a readable feed"))
}

/// An item's text size, id and title.
type Sized<'a> = (usize, &'a str, &'a LocalText);

/// The statistics as printed.
pub fn report(source: &str, feed: &Feed, bytes: usize) -> String {
    let mut out = format!(
        "{source}: {bytes} bytes, schema {}, version {}, generated {}\n",
        feed.schema, feed.version, feed.generated_at
    );
    out.push_str(&format!(
        "{:<16} {:>8} {:>12}\n",
        "collection", "items", "text chars"
    ));
    let collections: [(&str, Vec<Sized<'_>>); 4] = [
        (
            "documents",
            feed.documents
                .iter()
                .map(|d| (document_chars(d), d.id.as_str(), &d.title))
                .collect(),
        ),
        (
            "gazette",
            feed.gazette
                .iter()
                .map(|g| (issue_chars(g), g.id.as_str(), &g.label))
                .collect(),
        ),
        (
            "qa",
            feed.qa
                .iter()
                .map(|q| (qa_chars(q), q.id.as_str(), &q.question))
                .collect(),
        ),
        (
            "interpretations",
            feed.interpretations
                .iter()
                .map(|x| (interpretation_chars(x), x.id.as_str(), &x.title))
                .collect(),
        ),
    ];
    let mut total = 0;
    for (name, items) in &collections {
        let chars: usize = items.iter().map(|(c, _, _)| c).sum();
        total += chars;
        out.push_str(&format!("{name:<16} {:>8} {chars:>12}\n", items.len()));
    }
    out.push_str(&format!("{:<16} {:>8}\n", "agencies", feed.agencies.len()));
    out.push_str(&format!("{:<16} {:>8}\n", "topics", feed.topics.len()));
    out.push_str(&format!("{:<16} {:>8} {total:>12}\n", "total", ""));
    for (name, items) in &collections {
        if items.is_empty() {
            continue;
        }
        let mut largest: Vec<&Sized> = items.iter().collect();
        largest.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        out.push_str(&format!("largest {name}:\n"));
        for (chars, id, title) in largest.into_iter().take(LARGEST) {
            out.push_str(&format!("  {chars:>10}  {id}  {}\n", title.zh));
        }
    }
    out
}

fn text(t: &LocalText) -> usize {
    t.all().map(|s| s.chars().count()).sum()
}

fn opt_text(t: &Option<LocalText>) -> usize {
    t.as_ref().map_or(0, text)
}

fn inlines(runs: &Inlines) -> usize {
    runs.0.iter().filter_map(|r| r.label()).map(text).sum()
}

fn image(img: &Image) -> usize {
    text(&img.alt) + opt_text(&img.caption)
}

fn rich(body: &[Block]) -> usize {
    body.iter()
        .map(|b| match b {
            Block::Heading { text, .. } | Block::Paragraph { text } => inlines(text),
            Block::List { items, .. } => items.iter().map(inlines).sum(),
            Block::Table {
                caption,
                header,
                rows,
            } => {
                opt_text(caption)
                    + header.iter().map(inlines).sum::<usize>()
                    + rows.iter().flatten().map(inlines).sum::<usize>()
            }
            Block::Quote { text, cite } => inlines(text) + opt_text(cite),
            Block::Image(img) => image(img),
        })
        .sum()
}

fn document_chars(d: &Document) -> usize {
    text(&d.title) + opt_text(&d.addressees) + rich(&d.body)
}

fn issue_chars(g: &GazetteIssue) -> usize {
    text(&g.label) + g.sections.iter().map(|s| text(&s.title)).sum::<usize>()
}

fn qa_chars(q: &QaItem) -> usize {
    text(&q.question) + rich(&q.answer)
}

fn chart(c: &Chart) -> usize {
    text(&c.title)
        + text(&c.unit)
        + c.labels.iter().map(text).sum::<usize>()
        + opt_text(&c.x_label)
        + opt_text(&c.y_label)
        + c.series.iter().map(|s| text(&s.name)).sum::<usize>()
        + text(&c.source)
}

fn interpretation_chars(x: &Interpretation) -> usize {
    let panels: usize = x
        .panels
        .iter()
        .map(|p| match p {
            Panel::Image(img) => image(img),
            Panel::Text { body } => rich(body),
            Panel::Chart(c) => chart(c),
            Panel::Audio(m) | Panel::Video(m) => text(&m.title) + rich(&m.transcript),
        })
        .sum();
    text(&x.title) + text(&x.summary) + panels
}
