//! Search benchmark on the real corpus: 72 government work reports (about 1.1 million
//! characters) split into article-sized documents, as a large feed would hold them.
//!
//! Measures index build time, per-query latency (with snippets, as the app asks for them) and
//! index size, and checks a sample of queries against the plain scan so that speed never comes
//! at the cost of a missed or false match. Run with `cargo bench -p gongkai-feed --bench search`
//! (the target needs `harness = false`); the corpus path can be given as the first argument and
//! defaults to `../shared/corpus/government_work_reports.jsonl` beside the repository.

// Built as a test-harness target (by `cargo clippy --all-targets`), `main` is never called.
#![cfg_attr(test, allow(dead_code))]

use gongkai_feed::search::{naive_search, ItemKind, Query, SearchIndex};
use gongkai_feed::{Block, Document, Feed, Inlines};
use std::time::{Duration, Instant};

/// Articles are cut at paragraph ends once they reach this many characters.
const ARTICLE_CHARS: usize = 80;

fn main() {
    let path = std::env::args()
        .nth(1)
        .filter(|a| !a.starts_with('-'))
        .unwrap_or_else(|| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/corpus/government_work_reports.jsonl"
            )
            .to_string()
        });
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!("search bench: cannot read the corpus at {path}: {e}; nothing measured");
            return;
        }
    };
    let feed = corpus_feed(&raw);
    let chars: usize = feed
        .documents
        .iter()
        .flat_map(|d| d.body.iter())
        .map(|b| match b {
            Block::Paragraph { text } => text.plain().chars().count(),
            _ => 0,
        })
        .sum();
    println!(
        "corpus: {} documents, {} characters of body text",
        feed.documents.len(),
        chars
    );

    let mut builds = Vec::new();
    let mut index = SearchIndex::default();
    for _ in 0..5 {
        let t = Instant::now();
        index = SearchIndex::build(&feed);
        builds.push(t.elapsed());
    }
    builds.sort();
    let stats = index.stats();
    println!(
        "build: median {:.1} ms, best {:.1} ms; {} fields, {} positions, {} grams; \
         heap {:.1} MB (postings {:.1} MB, text {:.1} MB)",
        ms(builds[builds.len() / 2]),
        ms(builds[0]),
        stats.fields,
        stats.chars,
        stats.grams,
        stats.heap_bytes as f64 / 1e6,
        stats.postings_bytes as f64 / 1e6,
        stats.text_bytes as f64 / 1e6
    );

    let queries = queries(&feed);
    let mut times = Vec::with_capacity(queries.len());
    let mut found = 0usize;
    for round in 0..3 {
        for q in &queries {
            let query = Query::new(q.as_str());
            let t = Instant::now();
            let results = index.search(&query);
            let elapsed = t.elapsed();
            if round == 2 {
                times.push(elapsed);
                found += results.total;
            }
        }
    }
    // The same queries without hits: what matching and counting cost, so the difference above
    // is what making the 20 hits (marked titles and snippets) costs.
    let mut bare = Vec::with_capacity(queries.len());
    for round in 0..3 {
        for q in &queries {
            let mut query = Query::new(q.as_str());
            query.limit = 0;
            let t = Instant::now();
            let results = index.search(&query);
            let elapsed = t.elapsed();
            std::hint::black_box(results);
            if round == 2 {
                bare.push(elapsed);
            }
        }
    }
    bare.sort();
    let bare_pct = |p: f64| ms(bare[((bare.len() - 1) as f64 * p).round() as usize]);
    if std::env::var_os("SEARCH_BENCH_SLOWEST").is_some() {
        let mut slowest: Vec<(Duration, &String)> = times.iter().copied().zip(&queries).collect();
        slowest.sort();
        for (t, q) in slowest.iter().rev().take(15) {
            let total = index.search(&Query::new(q.as_str())).total;
            println!("  {:.3} ms  {q:?}  {total} hits", ms(*t));
        }
    }
    times.sort();
    let pct = |p: f64| ms(times[((times.len() - 1) as f64 * p).round() as usize]);
    println!(
        "query (limit 20, with snippets), {} queries: p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms, max {:.3} ms; mean hits {:.0}",
        times.len(),
        pct(0.5),
        pct(0.95),
        pct(0.99),
        ms(*times.last().expect("queries")),
        found as f64 / times.len() as f64
    );
    println!(
        "query (limit 0, no hits), {} queries: p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        bare.len(),
        bare_pct(0.5),
        bare_pct(0.95),
        bare_pct(0.99),
        ms(*bare.last().expect("queries"))
    );

    // Exactness on a sample: the index and the plain scan find the same documents.
    let sample: Vec<&String> = queries.iter().step_by(queries.len() / 60 + 1).collect();
    for q in &sample {
        let mut query = Query::new(q.as_str());
        query.limit = usize::MAX;
        let mut ours: Vec<(ItemKind, String)> = index
            .search(&query)
            .hits
            .into_iter()
            .map(|h| (h.kind, h.id))
            .collect();
        ours.sort();
        assert_eq!(ours, naive_search(&feed, q), "query {q:?}");
    }
    println!(
        "exact: {} sampled queries agree with the plain scan",
        sample.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The reports as documents of about [`ARTICLE_CHARS`] characters, whole paragraphs each.
fn corpus_feed(raw: &str) -> Feed {
    let mut feed = Feed::default();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let report: serde_json::Value = serde_json::from_str(line).expect("a JSON object a line");
        let title = report["title"].as_str().unwrap_or("");
        let content = report["content"].as_str().unwrap_or("");
        let year = report["year"].as_u64().unwrap_or(2000);
        let mut body: Vec<Block> = Vec::new();
        let mut len = 0;
        let mut part = 0;
        let paragraphs = content.split('\n').map(str::trim).filter(|p| !p.is_empty());
        for p in paragraphs.chain(std::iter::once("")) {
            if !p.is_empty() {
                len += p.chars().count();
                body.push(Block::Paragraph {
                    text: Inlines::text(p),
                });
            }
            if len >= ARTICLE_CHARS || (p.is_empty() && !body.is_empty()) {
                part += 1;
                feed.documents.push(Document {
                    id: format!("report-{year}-{}-{part}", feed.documents.len()),
                    title: format!("{title}（{part}）").as_str().into(),
                    agency: "state-council".into(),
                    issued: format!("{year}-03-05"),
                    body: std::mem::take(&mut body),
                    ..Document::default()
                });
                len = 0;
            }
        }
    }
    feed
}

/// Realistic queries: common and rare words, single characters (the first keystroke of every
/// search), numbers, Latin, several terms, and substrings drawn from the text itself.
fn queries(feed: &Feed) -> Vec<String> {
    let mut out: Vec<String> = [
        "的",
        "国",
        "经济",
        "发展",
        "改革",
        "经济发展",
        "人民",
        "政府工作报告",
        "社会主义",
        "全面建成小康社会",
        "2019",
        "2019年",
        "GDP",
        "gdp",
        "百分之",
        "农业 农村",
        "教育 医疗",
        "扶贫",
        "脱贫攻坚",
        "一带一路",
        "供给侧结构性改革",
        "互联网+",
        "5G",
        "新冠",
        "疫情防控",
        "政务公开",
        "放管服",
        "营商环境",
        "国内生产总值",
        "财政赤字",
        "科技 创新 人才",
        "生态",
        "乡村振兴",
        "以人民为中心",
        "不存在的词语组合",
        "鬯",
        "a",
        "i",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Substrings of the text at deterministic pseudo-random places, 1 to 8 characters.
    let text: Vec<char> = feed
        .documents
        .iter()
        .flat_map(|d| d.body.iter())
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.plain()),
            _ => None,
        })
        .collect::<Vec<String>>()
        .join("\n")
        .chars()
        .collect();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    while out.len() < 1000 && !text.is_empty() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let start = (state % text.len() as u64) as usize;
        let len = 1 + (state >> 40) as usize % 8;
        let q: String = text[start..(start + len).min(text.len())].iter().collect();
        if !q.trim().is_empty() {
            out.push(q);
        }
    }
    out
}
