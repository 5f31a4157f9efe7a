//! Times the browser benchmark's query set natively, query by query, over the feed the
//! benchmark builds (`target/bench/search-feed.json`, written by `cargo xtask bench search`):
//!
//! ```text
//! cargo run --release -p gongkai-feed --example search_queries -- [FEED.json] [ROUNDS]
//! ```
//!
//! Prints each query's median time with its hits (the page's search: limit 20) and with counts
//! only (limit 0), then p50/p95/max over the queries as `bench/search.mjs` computes them, the
//! build time and the index size. Natively everything is faster than in the browser's wasm, but
//! where the time goes is the same, so it tells which change is worth a browser run.

use gongkai_feed::parse::parse_feed;
use gongkai_feed::search::{naive_search, Query, SearchIndex};
use std::process::ExitCode;
use std::time::Instant;

/// The query set of `bench/search.mjs`, in its order.
const QUERIES: &[&str] = &[
    "政",
    "税",
    "粮",
    "改革",
    "开放",
    "农村",
    "城镇",
    "低保",
    "扶贫",
    "医保",
    "就业",
    "三农",
    "新冠",
    "亿元",
    "放管服",
    "供给侧",
    "人民币",
    "互联网",
    "房地产",
    "双循环",
    "碳达峰",
    "减税降费",
    "一网通办",
    "脱贫攻坚",
    "社会主义",
    "科技创新",
    "乡村振兴",
    "营商环境",
    "一带一路",
    "义务教育",
    "生态文明",
    "依法治国",
    "精准扶贫",
    "中小企业",
    "国有企业",
    "环境保护",
    "民营经济",
    "五年计划",
    "计划经济",
    "量子纠缠",
    "高质量发展",
    "“一带一路”",
    "２０２０年",
    "人民代表大会",
    "国内生产总值",
    "GDP",
    "WTO",
    "5G",
    "IPV6",
    "PM2.5",
    "pm2",
    "M2",
    "C919",
    "RCEP",
    "H1N1",
    "改革 开放",
    "经济 增长 质量",
    "农村 低保",
    "科技 创新 人才",
    "粮食 安全",
    "PM2.5 治理",
    "5G 网络",
    "GDP 增长",
];

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../target/bench/search-feed.json"
        )
        .to_string()
    });
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(200);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "search_queries: cannot read {path}: {e} (run `cargo xtask bench search` once)"
            );
            return ExitCode::FAILURE;
        }
    };
    let feed = match parse_feed(&bytes) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("search_queries: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut builds = Vec::new();
    let mut index = SearchIndex::default();
    for _ in 0..5 {
        let t = Instant::now();
        index = SearchIndex::build(&feed);
        builds.push(t.elapsed().as_secs_f64() * 1e3);
    }
    builds.sort_by(f64::total_cmp);

    // One query over and over, for a profiler.
    if let Some(q) = std::env::var_os("SEARCH_ONLY") {
        let mut query = Query::new(q.to_string_lossy());
        query.limit = std::env::var("SEARCH_LIMIT")
            .ok()
            .and_then(|l| l.parse().ok())
            .unwrap_or(Query::DEFAULT_LIMIT);
        let t = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(index.search(&query));
        }
        println!(
            "{:.4} ms a query",
            t.elapsed().as_secs_f64() * 1e3 / rounds as f64
        );
        return ExitCode::SUCCESS;
    }
    let time = |limit: usize| -> Vec<f64> {
        let queries: Vec<Query> = QUERIES
            .iter()
            .map(|q| {
                let mut query = Query::new(*q);
                query.limit = limit;
                query
            })
            .collect();
        let mut samples = vec![Vec::with_capacity(rounds); queries.len()];
        for round in 0..rounds + 2 {
            for (k, q) in queries.iter().enumerate() {
                let t = Instant::now();
                std::hint::black_box(index.search(q));
                if round >= 2 {
                    samples[k].push(t.elapsed().as_secs_f64() * 1e3);
                }
            }
        }
        samples
            .into_iter()
            .map(|mut s| {
                s.sort_by(f64::total_cmp);
                s[s.len() / 2]
            })
            .collect()
    };
    let full = time(Query::DEFAULT_LIMIT);
    let counts = time(0);
    println!(
        "{:<16} {:>6} {:>9} {:>9}",
        "query", "found", "full ms", "counts ms"
    );
    for (k, q) in QUERIES.iter().enumerate() {
        let total = index.search(&Query::new(*q)).total;
        println!("{:<16} {total:>6} {:>9.4} {:>9.4}", q, full[k], counts[k]);
    }
    let summary = |xs: &[f64]| {
        let mut s = xs.to_vec();
        s.sort_by(f64::total_cmp);
        let rank = |p: f64| s[((p * s.len() as f64).ceil() as usize).max(1) - 1];
        format!(
            "p50 {:.4} ms, p95 {:.4} ms, max {:.4} ms",
            rank(0.5),
            rank(0.95),
            s[s.len() - 1]
        )
    };
    println!("full:   {}", summary(&full));
    println!("counts: {}", summary(&counts));
    let stats = index.stats();
    println!(
        "build: median {:.1} ms; heap {:.1} MB (postings {:.1} MB, text {:.1} MB), {} grams",
        builds[builds.len() / 2],
        stats.heap_bytes as f64 / 1e6,
        stats.postings_bytes as f64 / 1e6,
        stats.text_bytes as f64 / 1e6,
        stats.grams
    );
    if std::env::var_os("SEARCH_CHECK").is_some() {
        for q in QUERIES {
            let mut query = Query::new(*q);
            query.limit = usize::MAX;
            let mut ours: Vec<_> = index
                .search(&query)
                .hits
                .into_iter()
                .map(|h| (h.kind, h.id))
                .collect();
            ours.sort();
            if ours != naive_search(&feed, q) {
                eprintln!("search_queries: {q:?} differs from the plain scan");
                return ExitCode::FAILURE;
            }
        }
        println!("exact: {} queries agree with the plain scan", QUERIES.len());
    }
    ExitCode::SUCCESS
}
