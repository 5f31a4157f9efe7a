//! `bench feed`: a 10,000-document feed generated from the corpus, beside the bundled feed:
//! native parse and validation, and in Chromium the first list screen, the heap after load and
//! memory over 200 in-app navigations.

use super::report::{kb, mb, median, Section, Summary, Table, Verdict};
use super::{capture, shown, Options, PORT_FEED, PORT_FEED_BASELINE};
use crate::util::{self, cmd, root, step};
use std::fs;
use std::path::{Path, PathBuf};

pub const ITEMS: usize = 10_000;
pub const CORPUS: &str = "../shared/corpus/government_work_reports.jsonl";
/// Navigation start to the first list screen, with the large feed.
pub const FIRST_LIST_TARGET_MS: f64 = 500.0;
pub const NAVIGATIONS: usize = 200;
const NATIVE_RUNS: usize = 7;

/// Native parse and catalog times, medians in ms.
struct Native {
    parse: f64,
    catalog: f64,
    documents: String,
}

fn native(feed: &Path) -> Result<Native, String> {
    // Built as the app builds the feed crate: without JSON-path tracking.
    let out = capture(
        cmd("cargo")
            .args([
                "run",
                "--quiet",
                "--release",
                "-p",
                "gongkai-feed",
                "--no-default-features",
            ])
            .args(["--example", "feed_parse", "--"])
            .arg(feed)
            .arg(NATIVE_RUNS.to_string()),
    )?;
    let (mut parse, mut catalog, mut documents) = (Vec::new(), Vec::new(), String::new());
    for line in out.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        match c.as_slice() {
            ["documents", n] => documents = n.to_string(),
            [_, p, k] => {
                parse.push(p.parse().unwrap_or(f64::NAN));
                catalog.push(k.parse().unwrap_or(f64::NAN));
            }
            _ => return Err(format!("feed_parse printed an unexpected line: {line}")),
        }
    }
    Ok(Native {
        parse: median(&parse),
        catalog: median(&catalog),
        documents,
    })
}

#[derive(Default)]
struct ListRun {
    list: f64,
    painted: f64,
    started: f64,
    feed: f64,
    feed_start: f64,
    heap: f64,
    wasm: f64,
    nodes: f64,
}

/// One load taken apart (the `steps` lines of bench/feed.mjs), in ms from navigation start.
#[derive(Default)]
struct Steps {
    feed_start: f64,
    feed_end: f64,
    /// `link` when the page's preload started the download, `fetch` when the app did.
    initiator: String,
    /// The app's marks (src/platform/perf.rs), in [`MARKS`] order.
    marks: [f64; MARKS.len()],
}

/// The app's performance marks, as bench/feed.mjs prints them, with what each means.
const MARKS: [(&str, &str); 8] = [
    ("start", "feed code started (the app has mounted)"),
    ("config", "`config.json` read"),
    ("requested", "feed requested by the app"),
    ("saved-looked-up", "saved copy looked up in Cache Storage"),
    ("body", "body in wasm memory"),
    ("validated", "parsed and validated (`parse_feed`)"),
    (
        "shown",
        "catalog built and handed to the pages (`Catalog::new`)",
    ),
    ("kept", "saved to Cache Storage (after the paint)"),
];

fn mark(s: &Steps, name: &str) -> f64 {
    MARKS
        .iter()
        .position(|(n, _)| *n == name)
        .map_or(f64::NAN, |i| s.marks[i])
}

struct NavReading {
    step: usize,
    heap: u64,
    wasm: u64,
    nodes: u64,
    listeners: u64,
}

struct Browser {
    issue: String,
    issue_documents: String,
    lists: Vec<(String, Vec<ListRun>)>,
    steps: Vec<(String, Vec<Steps>)>,
    nav: Vec<NavReading>,
    /// Errors in the page during the navigations: how many, and the first one.
    nav_errors: (usize, String),
}

impl Browser {
    fn list(&self, path_prefix: &str, exact: bool) -> Option<&Vec<ListRun>> {
        find(&self.lists, path_prefix, exact)
    }

    fn steps(&self, path_prefix: &str, exact: bool) -> Option<&Vec<Steps>> {
        find(&self.steps, path_prefix, exact)
    }

    /// Whether memory stops growing: from the 50th to the last navigation the heap and the wasm
    /// memory each grow by at most 10 % or 512 KB, whichever is larger.
    fn bounded(&self) -> bool {
        let (Some(a), Some(b)) = (self.nav.iter().find(|r| r.step == 50), self.nav.last()) else {
            return false;
        };
        let ok = |from: u64, to: u64| to <= from + (from / 10).max(512 * 1024);
        ok(a.heap, b.heap) && ok(a.wasm, b.wasm)
    }
}

/// The runs of `/gazette` (`exact`) or of the issue's contents (`/gazette/…`).
fn find<'a, T>(
    lists: &'a [(String, Vec<T>)],
    path_prefix: &str,
    exact: bool,
) -> Option<&'a Vec<T>> {
    lists
        .iter()
        .find(|(p, _)| {
            if exact {
                p == path_prefix
            } else {
                p.starts_with(path_prefix) && p != "/gazette"
            }
        })
        .map(|(_, r)| r)
}

fn browser(dist: &Path, port: u16, runs: usize) -> Result<Browser, String> {
    let out = capture(
        cmd("node")
            .args(["bench/feed.mjs", "--dist"])
            .arg(dist)
            .args(["--port", &port.to_string(), "--runs", &runs.to_string()])
            .args(["--navigations", &NAVIGATIONS.to_string()]),
    )?;
    let mut b = Browser {
        issue: String::new(),
        issue_documents: String::new(),
        lists: Vec::new(),
        steps: Vec::new(),
        nav: Vec::new(),
        nav_errors: (0, String::new()),
    };
    for line in out.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        let f = |i: usize| {
            c.get(i)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(f64::NAN)
        };
        let u = |i: usize| c.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        match c.first().copied() {
            Some("issue") if c.len() == 3 => {
                b.issue = c[1].to_string();
                b.issue_documents = c[2].to_string();
            }
            Some("load") if c.len() == 11 => {
                let run = ListRun {
                    list: f(3),
                    painted: f(4),
                    started: f(5),
                    feed: f(6),
                    heap: f(7),
                    wasm: f(8),
                    nodes: f(9),
                    feed_start: f(10),
                };
                match b.lists.iter_mut().find(|(p, _)| p == c[1]) {
                    Some((_, runs)) => runs.push(run),
                    None => b.lists.push((c[1].to_string(), vec![run])),
                }
            }
            Some("steps") if c.len() == 6 + MARKS.len() => {
                let mut run = Steps {
                    feed_start: f(3),
                    feed_end: f(4),
                    initiator: c[5].to_string(),
                    ..Steps::default()
                };
                for (i, m) in run.marks.iter_mut().enumerate() {
                    *m = f(6 + i);
                }
                match b.steps.iter_mut().find(|(p, _)| p == c[1]) {
                    Some((_, runs)) => runs.push(run),
                    None => b.steps.push((c[1].to_string(), vec![run])),
                }
            }
            Some("nav") if c.len() == 6 => b.nav.push(NavReading {
                step: u(1) as usize,
                heap: u(2),
                wasm: u(3),
                nodes: u(4),
                listeners: u(5),
            }),
            Some("navigation-errors") if c.len() == 3 => {
                b.nav_errors = (u(1) as usize, c[2].to_string());
            }
            _ => return Err(format!("bench/feed.mjs printed an unexpected line: {line}")),
        }
    }
    Ok(b)
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {to:?}: {e}"))?;
    for e in fs::read_dir(from)
        .map_err(|e| format!("cannot list {from:?}: {e}"))?
        .flatten()
    {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            fs::copy(&src, &dst).map_err(|e| format!("cannot copy {src:?}: {e}"))?;
        }
    }
    Ok(())
}

/// A copy of the build whose bundled feed is `feed`, with the service worker's precache list
/// regenerated when the build has one.
fn large_feed_build(dist: &Path, feed: &Path) -> Result<PathBuf, String> {
    let out = root().join("target/bench/dist-10k");
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot remove {out:?}: {e}"))?;
    }
    copy_dir(dist, &out)?;
    fs::copy(feed, out.join("feed/feed.json"))
        .map_err(|e| format!("cannot replace the feed: {e}"))?;
    // A precompressed copy of the build's own feed would be served in place of the new one
    // (nginx's gzip_static): write the new feed's, as the build writes one for its feed.
    crate::postbuild::write_feed_gzips(&out)?;
    if out.join("sw.js").exists() {
        crate::build::precache(&["--dist".to_string(), out.display().to_string()])?;
    }
    Ok(out)
}

fn ms(v: f64) -> String {
    if v.is_nan() {
        "—".into()
    } else {
        format!("{v:.0} ms")
    }
}

/// In the order they happen: app mounted, feed requested, feed downloaded, first item in the
/// page, painted.
fn list_cells(runs: Option<&Vec<ListRun>>) -> [String; 5] {
    let Some(runs) = runs else {
        return Default::default();
    };
    let m = |f: fn(&ListRun) -> f64| median(&runs.iter().map(f).collect::<Vec<_>>());
    [
        ms(m(|r| r.started)),
        ms(m(|r| r.feed_start)),
        ms(m(|r| r.feed)),
        ms(m(|r| r.list)),
        ms(m(|r| r.painted)),
    ]
}

/// The rows of the "where the time goes" table: a label, and the row of the step it waits for
/// in the app (its duration is then shown: the time since that step).
const STEP_ROWS: [(&str, Option<usize>); 12] = [
    ("Feed download started", None),
    ("Feed downloaded (last byte)", None),
    ("Feed code started (the app has mounted)", None),
    ("`config.json` read", Some(2)),
    ("Feed requested by the app", Some(2)),
    ("Saved copy looked up (Cache Storage)", Some(4)),
    ("Body in wasm memory", Some(4)),
    ("Parsed and validated (`parse_feed`)", Some(6)),
    ("Catalog built and shown (`Catalog::new`)", Some(7)),
    ("First item in the page (rendered)", Some(8)),
    ("Painted", Some(9)),
    ("Saved to Cache Storage", Some(10)),
];

/// The time of row `i` of [`STEP_ROWS`] in one run.
fn step_at(l: &ListRun, s: &Steps, i: usize) -> f64 {
    match i {
        0 => s.feed_start,
        1 => s.feed_end,
        2 => mark(s, "start"),
        3 => mark(s, "config"),
        4 => mark(s, "requested"),
        5 => mark(s, "saved-looked-up"),
        6 => mark(s, "body"),
        7 => mark(s, "validated"),
        8 => mark(s, "shown"),
        9 => l.list,
        10 => l.painted,
        _ => mark(s, "kept"),
    }
}

/// Median "at" and "took" cells of row `i` (runs of the list and of its steps pair up in order).
fn step_cells(
    lists: Option<&Vec<ListRun>>,
    steps: Option<&Vec<Steps>>,
    i: usize,
) -> (String, String) {
    let (Some(lists), Some(steps)) = (lists, steps) else {
        return (String::new(), String::new());
    };
    let runs: Vec<(&ListRun, &Steps)> = lists.iter().zip(steps).collect();
    let at = median(
        &runs
            .iter()
            .map(|(l, s)| step_at(l, s, i))
            .collect::<Vec<_>>(),
    );
    let took = match STEP_ROWS[i].1 {
        Some(after) => ms(median(
            &runs
                .iter()
                .map(|(l, s)| step_at(l, s, i) - step_at(l, s, after))
                .collect::<Vec<_>>(),
        )),
        None => String::new(),
    };
    (ms(at), took)
}

/// Who started the large feed's download, in words.
fn started_by(b: &Browser) -> String {
    let all: Vec<&str> = b
        .steps
        .iter()
        .flat_map(|(_, r)| r.iter().map(|s| s.initiator.as_str()))
        .collect();
    let by_link = all.iter().filter(|i| **i == "link").count();
    if by_link == all.len() && !all.is_empty() {
        "the page's `<link rel=\"preload\">`, before the wasm had loaded, in every run".into()
    } else if by_link == 0 {
        "the app itself, once it had mounted and read `config.json` (the page has no preload)"
            .into()
    } else {
        format!(
            "the page's preload in {by_link} of {} runs, the app in the others",
            all.len()
        )
    }
}

pub fn run(o: &Options) -> Result<Section, String> {
    let corpus = root().join(CORPUS);
    let large = root().join("target/bench/feed-10k.json");
    step(&format!(
        "feed: {ITEMS}-document feed from {}",
        corpus.display()
    ));
    util::run(
        cmd("cargo")
            .args(["run", "--quiet", "-p", "feedtool", "--", "corpus"])
            .arg(&corpus)
            .args(["--items", &ITEMS.to_string(), "-o"])
            .arg(&large),
    )?;
    let bundled = o.dist.join("feed/feed.json");
    let size = |p: &Path| fs::metadata(p).map(|m| m.len()).unwrap_or(0);

    step("feed: native parse and validation");
    let n_large = native(&large)?;
    let n_bundled = native(&bundled)?;

    step("feed: Chromium, large feed");
    let dist_large = large_feed_build(&o.dist, &large)?;
    let runs = o.runs.max(5);
    let b_large = browser(&dist_large, PORT_FEED, runs)?;
    step("feed: Chromium, bundled feed");
    let b_bundled = browser(&o.dist, PORT_FEED_BASELINE, runs)?;

    let mut s = Section::new("feed", "Large feed");
    s.intro.push(format!(
        "`feedtool corpus {CORPUS} --items {ITEMS}` splits the government work reports into a \
         valid feed of {} documents in {} bytes, one gazette issue per year; the baseline is \
         the bundled feed ({} documents, {} bytes). Native times are medians of {NATIVE_RUNS} \
         runs of `crates/feed/examples/feed_parse.rs`, built like the app's feed crate (release \
         profile, no JSON-path tracking).",
        n_large.documents,
        size(&large),
        n_bundled.documents,
        size(&bundled),
    ));
    let mut t = Table::new(
        "Native parse and validation",
        &["Figure", "10,000-document feed", "Bundled feed (baseline)"],
    );
    t.row(&["Size".to_string(), mb(size(&large)), kb(size(&bundled))]);
    t.row(&[
        "`parse_feed` (syntax, types, every validation rule)".to_string(),
        ms(n_large.parse),
        format!("{:.2} ms", n_bundled.parse),
    ]);
    t.row(&[
        "`Catalog::new` (look-ups, back-links, issue order)".to_string(),
        ms(n_large.catalog),
        format!("{:.2} ms", n_bundled.catalog),
    ]);
    let native_total = |n: &Native| n.parse + n.catalog;
    t.row(&[
        "Total".to_string(),
        ms(native_total(&n_large)),
        format!("{:.2} ms", native_total(&n_bundled)),
    ]);
    s.tables.push(t);

    s.intro.push(format!(
        "In Chromium (phone viewport, no throttling, a fresh profile each run so nothing is \
         cached), against `{}`: the build with its feed replaced, served by nginx. The loads \
         are driven over a bare DevTools pipe (`bench/bare-chromium.mjs`), not through \
         Playwright, whose Network domain has Chromium keep and decode a copy of every \
         response body: 60–120 ms of a large feed's load that a reader's browser does not \
         spend, measured in loads taking turns. Each load begins once the newly launched \
         browser has finished its own start-up (its processes quiet), as a reader's browser \
         has: right after launch, headless Chromium's omnibox popup and profile set-up took \
         most of a core and put about 200 ms on the large feed's list. The memory over \
         navigations is read through Playwright. Times are \
         from navigation start, medians of {runs} runs: when the app had mounted, when it \
         asked for the feed and had it, when the list's first item was in the page, and when \
         the frame showing it was painted. The table of contents is the largest issue's: {} \
         ({} documents) in the large feed, {} ({} documents) in the bundled one; a table of \
         contents of more than 200 entries is a virtual list \
         (`src/components/virtual_list.rs`), which puts only the entries near the screen into \
         the page.",
        shown(&dist_large),
        b_large.issue,
        b_large.issue_documents,
        b_bundled.issue,
        b_bundled.issue_documents,
    ));
    let mut t = Table::new(
        "First list screen",
        &[
            "Page",
            "App mounted",
            "Feed requested",
            "Feed downloaded",
            "First item in page",
            "**Painted**",
            "Bundled feed: painted",
        ],
    );
    for (label, large_runs, bundled_runs) in [
        (
            "`/gazette` (issue list)",
            b_large.list("/gazette", true),
            b_bundled.list("/gazette", true),
        ),
        (
            "`/gazette/{issue}` (contents)",
            b_large.list("/gazette/", false),
            b_bundled.list("/gazette/", false),
        ),
    ] {
        let a = list_cells(large_runs);
        let b = list_cells(bundled_runs);
        t.row(&[
            label.to_string(),
            a[0].clone(),
            a[1].clone(),
            a[2].clone(),
            a[3].clone(),
            format!("**{}**", a[4]),
            b[4].clone(),
        ]);
    }
    s.tables.push(t);

    s.intro.push(format!(
        "Where the time goes: the same loads of the large feed taken apart, with the app's own \
         performance marks (`src/platform/perf.rs`) beside the browser's resource timing of the \
         feed. *At* is the median time from navigation start; *took* is the median over runs \
         of the time since the step it waits for. As soon as its wasm runs, before it builds \
         its first view, the app takes over the downloads of `config.json` and of the feed \
         that the page's preloads began at navigation, both at once (without a preload of the \
         feed it requests the feed once `config.json` is read); once it has started, it looks \
         up its saved copy. On these first visits it parses the body as soon as it is in, \
         shows it once the configuration has named it (the look-up of the saved copy \
         finishing meanwhile), builds the catalog and renders; once the page built from it is \
         painted, it registers the service worker and saves the feed. \
         The download was started by {}.",
        started_by(&b_large)
    ));
    let mut t = Table::new(
        "Where the time goes (large feed)",
        &[
            "Step",
            "`/gazette`: at",
            "took",
            "`/gazette/{issue}`: at",
            "took",
        ],
    );
    for (i, (label, _)) in STEP_ROWS.iter().enumerate() {
        let mut row = vec![label.to_string()];
        for (lists, steps) in [
            (
                b_large.list("/gazette", true),
                b_large.steps("/gazette", true),
            ),
            (
                b_large.list("/gazette/", false),
                b_large.steps("/gazette/", false),
            ),
        ] {
            let (at, took) = step_cells(lists, steps, i);
            row.push(at);
            row.push(took);
        }
        t.row(&row);
    }
    s.tables.push(t);

    let heap = |b: &Browser, f: fn(&ListRun) -> f64| {
        b.list("/gazette", true)
            .map(|r| median(&r.iter().map(f).collect::<Vec<_>>()))
            .unwrap_or(f64::NAN)
    };
    let mut t = Table::new(
        "Memory once `/gazette` is shown (after a forced garbage collection)",
        &["Figure", "10,000-document feed", "Bundled feed"],
    );
    t.row(&[
        "JS heap".to_string(),
        mb(heap(&b_large, |r| r.heap) as u64),
        mb(heap(&b_bundled, |r| r.heap) as u64),
    ]);
    t.row(&[
        "wasm linear memory".to_string(),
        mb(heap(&b_large, |r| r.wasm) as u64),
        mb(heap(&b_bundled, |r| r.wasm) as u64),
    ]);
    t.row(&[
        "DOM nodes".to_string(),
        format!("{:.0}", heap(&b_large, |r| r.nodes)),
        format!("{:.0}", heap(&b_bundled, |r| r.nodes)),
    ]);
    s.tables.push(t);

    s.intro.push(format!(
        "Memory over {NAVIGATIONS} in-app navigations: from the issue's contents, open a \
         document (a different one each time, scrolling to it), go back, and so on; read after \
         a forced garbage collection. The wasm memory never shrinks, so it shows the high-water \
         mark. *Bounded* means that from the 50th to the {NAVIGATIONS}th navigation neither the \
         JS heap nor the wasm memory grew by more than 10 % (or 512 KB)."
    ));
    let mut t = Table::new(
        &format!("Memory over {NAVIGATIONS} navigations"),
        &[
            "Navigations",
            "JS heap",
            "wasm memory",
            "DOM nodes",
            "Listeners",
            "Bundled: JS heap",
            "wasm memory",
            "DOM nodes",
        ],
    );
    for r in &b_large.nav {
        let base = b_bundled.nav.iter().find(|x| x.step == r.step);
        t.row(&[
            r.step.to_string(),
            mb(r.heap),
            mb(r.wasm),
            r.nodes.to_string(),
            r.listeners.to_string(),
            base.map(|x| mb(x.heap)).unwrap_or_default(),
            base.map(|x| mb(x.wasm)).unwrap_or_default(),
            base.map(|x| x.nodes.to_string()).unwrap_or_default(),
        ]);
    }
    s.tables.push(t);

    s.summary.push(Summary::new(
        "Large feed: native parse + validate + catalog",
        ms(native_total(&n_large)),
        format!("{:.1} ms", native_total(&n_bundled)),
        "",
        Verdict::Info,
    ));
    for (label, a, b) in [
        (
            "Large feed: first list screen, `/gazette`",
            b_large.list("/gazette", true),
            b_bundled.list("/gazette", true),
        ),
        (
            "Large feed: first list screen, issue contents",
            b_large.list("/gazette/", false),
            b_bundled.list("/gazette/", false),
        ),
    ] {
        let painted = a
            .map(|r| median(&r.iter().map(|x| x.painted).collect::<Vec<_>>()))
            .unwrap_or(f64::NAN);
        s.summary.push(Summary::new(
            label,
            ms(painted),
            list_cells(b)[4].clone(),
            "≤ 500 ms",
            Verdict::from_met(painted <= FIRST_LIST_TARGET_MS),
        ));
    }
    s.summary.push(Summary::new(
        "Large feed: JS heap + wasm memory after load",
        format!(
            "{} + {}",
            mb(heap(&b_large, |r| r.heap) as u64),
            mb(heap(&b_large, |r| r.wasm) as u64)
        ),
        format!(
            "{} + {}",
            mb(heap(&b_bundled, |r| r.heap) as u64),
            mb(heap(&b_bundled, |r| r.wasm) as u64)
        ),
        "",
        Verdict::Info,
    ));
    let verdict = |b: &Browser| {
        let (first, last) = (b.nav.iter().find(|r| r.step == 50), b.nav.last());
        match (first, last) {
            (Some(a), Some(z)) => format!(
                "{} (heap {} → {})",
                if b.bounded() { "bounded" } else { "GROWS" },
                mb(a.heap),
                mb(z.heap)
            ),
            _ => "not measured".into(),
        }
    };
    s.summary.push(Summary::new(
        &format!("Large feed: memory over {NAVIGATIONS} navigations"),
        verdict(&b_large),
        verdict(&b_bundled),
        "bounded",
        Verdict::from_met(b_large.bounded()),
    ));
    let errors = |b: &Browser| match &b.nav_errors {
        (0, _) => "none".to_string(),
        (n, first) => format!("{n}: {first}"),
    };
    for (label, b) in [
        ("10,000-document feed", &b_large),
        ("bundled feed", &b_bundled),
    ] {
        if b.nav_errors.0 > 0 {
            s.notes.push(format!(
                "**Errors in the page during the navigations with the {label}**: {}",
                errors(b)
            ));
        }
    }
    s.summary.push(Summary::new(
        &format!("Page errors during the {NAVIGATIONS} navigations"),
        format!("{}", b_large.nav_errors.0),
        format!("{}", b_bundled.nav_errors.0),
        "0",
        Verdict::from_met(b_large.nav_errors.0 == 0 && b_bundled.nav_errors.0 == 0),
    ));
    Ok(s)
}
