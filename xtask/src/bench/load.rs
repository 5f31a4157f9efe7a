//! `bench load`: Lighthouse in its mobile preset (simulated slow 4G and a 4× slower CPU)
//! against the release build served by nginx, median of several runs per page, beside the
//! baseline app; and the first screen with the wasm blocked.

use super::report::{median, Section, Summary, Table, Verdict};
use super::{capture, shown, Options, PORT_FIRST_PAINT, PORT_LOAD, PORT_LOAD_BASELINE};
use crate::util::cmd;
use std::path::Path;

/// The pages measured: the home page, a list and a document (the reading page).
pub const PAGES: [&str; 3] = ["/", "/qa", "/documents/nmg-2019-zwgk-yaodian"];
pub const DOCUMENT_PAGE: &str = "/documents/nmg-2019-zwgk-yaodian";

pub const SCORE_TARGET: f64 = 0.95;
pub const TBT_TARGET_MS: f64 = 50.0;

#[derive(Clone, Copy, Default)]
struct Run {
    score: f64,
    fcp: f64,
    lcp: f64,
    tbt: f64,
    cls: f64,
    si: f64,
    /// The share of the machine's CPU that was idle in the second before the run.
    idle: f64,
}

struct Page {
    path: String,
    runs: Vec<Run>,
    /// The largest paint's element in the first run (a short CSS selector).
    lcp_element: String,
}

impl Page {
    fn median(&self, f: impl Fn(&Run) -> f64) -> f64 {
        median(&self.runs.iter().map(f).collect::<Vec<_>>())
    }
}

fn lighthouse(
    dist: &Path,
    name: &str,
    port: u16,
    paths: &[&str],
    runs: usize,
) -> Result<Vec<Page>, String> {
    let mut c = cmd("node");
    c.args(["bench/lighthouse.mjs", "--dist"]).arg(dist).args([
        "--name",
        name,
        "--port",
        &port.to_string(),
        "--runs",
        &runs.to_string(),
    ]);
    for p in paths {
        c.args(["--path", p]);
    }
    let out = capture(&mut c)?;
    let mut pages: Vec<Page> = Vec::new();
    for line in out.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != 10 {
            return Err(format!(
                "bench/lighthouse.mjs printed an unexpected line: {line}"
            ));
        }
        let n = |i: usize| cells[i].parse::<f64>().unwrap_or(f64::NAN);
        let run = Run {
            score: n(2),
            fcp: n(3),
            lcp: n(4),
            tbt: n(5),
            cls: n(6),
            si: n(7),
            idle: n(9),
        };
        let element = cells[8].to_string();
        match pages.iter_mut().find(|p| p.path == cells[0]) {
            Some(p) => p.runs.push(run),
            None => pages.push(Page {
                path: cells[0].to_string(),
                runs: vec![run],
                lcp_element: element,
            }),
        }
    }
    Ok(pages)
}

fn ms(v: f64) -> String {
    format!("{v:.0} ms")
}

fn score(v: f64) -> String {
    format!("{v:.2}")
}

fn cls(v: f64) -> String {
    format!("{v:.3}")
}

fn row(label: &str, p: &Page) -> Vec<String> {
    let scores: Vec<String> = p.runs.iter().map(|r| score(r.score)).collect();
    let tbts: Vec<String> = p.runs.iter().map(|r| format!("{:.0}", r.tbt)).collect();
    let idle: Vec<String> = p
        .runs
        .iter()
        .map(|r| format!("{:.0}", r.idle * 100.0))
        .collect();
    vec![
        label.to_string(),
        score(p.median(|r| r.score)),
        ms(p.median(|r| r.fcp)),
        ms(p.median(|r| r.lcp)),
        ms(p.median(|r| r.tbt)),
        cls(p.median(|r| r.cls)),
        ms(p.median(|r| r.si)),
        scores.join(" "),
        tbts.join(" "),
        idle.join(" "),
        if p.lcp_element.is_empty() {
            String::new()
        } else {
            format!("`{}`", p.lcp_element)
        },
    ]
}

/// Lighthouse runs per page at the least: its blocking time moves by tens of milliseconds
/// from one run to the next, and a median of five holds where one of three did not.
const MIN_RUNS: usize = 5;

pub fn run(o: &Options, baseline_dist: &Path) -> Result<Section, String> {
    let runs = o.runs.max(MIN_RUNS);
    let ours = lighthouse(&o.dist, "app", PORT_LOAD, &PAGES, runs)?;
    let base = lighthouse(baseline_dist, "baseline", PORT_LOAD_BASELINE, &["/"], runs)?;
    let base_home = base
        .first()
        .ok_or("no Lighthouse result for the baseline")?;

    let mut s = Section::new("load", "Load (Lighthouse, mobile)");
    let version = crate::util::output(cmd("lighthouse").arg("--version")).unwrap_or_default();
    s.intro.push(format!(
        "Lighthouse {version} in its default mobile preset (a Moto G Power sized screen, \
         simulated slow 4G, 4× CPU slowdown), performance category only, against the release \
         build in `{}` served by nginx with `deploy/nginx/`. Each figure is the median of {} \
         runs; the last columns list every run's score and blocking time, and how idle the \
         machine was in the second before it (each run waits up to two minutes for a second at \
         least 80 % idle, since the blocking time counts the page's tasks four times over and a \
         task that shares the CPU is longer). Reports are kept in `target/bench/lighthouse/`.",
        shown(&o.dist),
        runs,
    ));
    let head = [
        "Page",
        "Score",
        "FCP",
        "LCP",
        "TBT",
        "CLS",
        "Speed Index",
        "Scores of each run",
        "TBT of each run (ms)",
        "CPU idle before each run (%)",
        "LCP element",
    ];
    let mut t = Table::new("Median of each figure", &head);
    for p in &ours {
        t.row(&row(&format!("Gongkai `{}`", p.path), p));
    }
    t.row(&row("Baseline `/`", base_home));
    s.tables.push(t);

    // The first screen with the wasm blocked.
    let out = capture(
        cmd("node")
            .args(["bench/first-paint.mjs", "--dist"])
            .arg(&o.dist)
            .args(["--port", &PORT_FIRST_PAINT.to_string()]),
    )?;
    let mut fp = Table::new(
        "First screen with every .wasm request blocked (the static shell), and the takeover",
        &[
            "Viewport",
            "Header shown",
            "Tab bar links",
            "Header and tab bar boxes: shell",
            "app",
            "Same place",
            "Screenshot",
        ],
    );
    let mut shell_ok = true;
    let mut same_ok = true;
    for line in out.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 6 {
            return Err(format!(
                "bench/first-paint.mjs printed an unexpected line: {line}"
            ));
        }
        let visible = c[1] == "true" && c[2].parse::<u32>().unwrap_or(0) >= 5;
        let same = c[3] == c[4];
        shell_ok &= visible;
        same_ok &= same;
        fp.row(&[
            c[0],
            if c[1] == "true" { "yes" } else { "no" },
            c[2],
            c[3],
            c[4],
            if same { "yes" } else { "no" },
            &format!("`{}`", c[5]),
        ]);
    }
    s.tables.push(fp);

    let find = |path: &str| ours.iter().find(|p| p.path == path);
    for (label, path) in [
        ("`/`", "/"),
        ("`/qa`", "/qa"),
        ("document page", DOCUMENT_PAGE),
    ] {
        let Some(p) = find(path) else { continue };
        let sc = p.median(|r| r.score);
        let targeted = path != "/qa";
        s.summary.push(Summary::new(
            &format!("Lighthouse mobile score, {label}"),
            score(sc),
            score(base_home.median(|r| r.score)),
            if targeted { "≥ 0.95" } else { "" },
            if targeted {
                Verdict::from_met(sc >= SCORE_TARGET)
            } else {
                Verdict::Info
            },
        ));
        s.summary.push(Summary::new(
            &format!("LCP, {label}"),
            ms(p.median(|r| r.lcp)),
            ms(base_home.median(|r| r.lcp)),
            "",
            Verdict::Info,
        ));
    }
    let worst_tbt = ours.iter().map(|p| p.median(|r| r.tbt)).fold(0.0, f64::max);
    let worst_cls = ours.iter().map(|p| p.median(|r| r.cls)).fold(0.0, f64::max);
    s.summary.push(Summary::new(
        "TBT, worst page",
        ms(worst_tbt),
        ms(base_home.median(|r| r.tbt)),
        "≤ 50 ms",
        Verdict::from_met(worst_tbt <= TBT_TARGET_MS),
    ));
    s.summary.push(Summary::new(
        "CLS, worst page",
        cls(worst_cls),
        cls(base_home.median(|r| r.cls)),
        "0",
        Verdict::from_met(worst_cls < 0.0005),
    ));
    s.summary.push(Summary::new(
        "Header and tab bar shown before the wasm, in place",
        (if shell_ok && same_ok {
            "yes"
        } else if shell_ok {
            "shown, moved at takeover"
        } else {
            "no"
        })
        .to_string(),
        "no (blank page)".to_string(),
        "yes",
        Verdict::from_met(shell_ok && same_ok),
    ));
    Ok(s)
}
