//! `cargo xtask bench [size|load|feed|search] [--dist DIR] [--no-build] [--runs N]`: what the
//! release build weighs and how fast it is, each figure beside a baseline, printed as one
//! summary table and written to `docs/benchmarks.md`.
//!
//! - `size`: every file of the build (raw, gzip, brotli) and the first-visit download, beside
//!   the minimal Leptos + router app in `bench/baseline-hello/`, built the same way in the run.
//! - `load`: Lighthouse (mobile preset) medians for `/`, `/qa` and a document page, beside the
//!   baseline app's `/`; and the first screen with the wasm blocked (the static shell).
//! - `feed`: a 10,000-document feed from the corpus: native parse and validation, and in
//!   Chromium the first list screen, the heap, and memory over 200 navigations; beside the
//!   bundled feed.
//! - `search`: `node bench/search.mjs`, whose standard output (Markdown) becomes the search
//!   section as it is.
//!
//! The app is built into `dist/` (or `--dist DIR`) first unless `--no-build` is given. Browser
//! measurements use the ports 18110-18119 so that they can run beside the end-to-end tests.

mod feed;
mod load;
mod report;
mod size;
mod wasm;

use crate::build;
use crate::setup;
use crate::util::{self, cmd, output, root, step};
use report::{Section, Summary};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const PARTS: [&str; 4] = ["size", "load", "feed", "search"];

/// Nginx ports of the browser measurements.
pub const PORT_LOAD: u16 = 18110;
pub const PORT_LOAD_BASELINE: u16 = 18111;
pub const PORT_FEED: u16 = 18112;
pub const PORT_FEED_BASELINE: u16 = 18113;
pub const PORT_FIRST_PAINT: u16 = 18114;

pub struct Options {
    parts: Vec<&'static str>,
    /// The app's release build, measured by every part.
    pub dist: PathBuf,
    build: bool,
    /// Runs per Lighthouse page and per first-list-screen measurement.
    pub runs: usize,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options {
            parts: Vec::new(),
            dist: root().join("dist"),
            build: true,
            runs: 3,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--dist" => o.dist = root().join(it.next().ok_or("--dist needs a value")?),
                "--no-build" => o.build = false,
                "--runs" => {
                    let n = it.next().ok_or("--runs needs a value")?;
                    o.runs = n
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or(format!("--runs: `{n}` is not a positive number"))?;
                }
                part => match PARTS.iter().find(|p| **p == part) {
                    Some(p) if !o.parts.contains(p) => o.parts.push(p),
                    Some(_) => {}
                    None => return Err(format!("bench: unknown part or option `{part}`")),
                },
            }
        }
        if o.parts.is_empty() {
            o.parts = PARTS.to_vec();
        }
        Ok(o)
    }

    fn wants(&self, part: &str) -> bool {
        self.parts.contains(&part)
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let o = Options::parse(args)?;
    setup::run()?;
    let app_needed = o.wants("size") || o.wants("load") || o.wants("feed");
    if o.build && app_needed {
        let dist = o.dist.strip_prefix(root()).unwrap_or(&o.dist);
        build::release(&build::Options::parse(&[
            "--dist".into(),
            dist.display().to_string(),
        ])?)?;
    }
    if app_needed && !o.dist.join("index.html").exists() {
        return Err(format!(
            "{} has no release build: run without --no-build",
            o.dist.display()
        ));
    }
    let baseline = if o.wants("size") || o.wants("load") {
        Some(build_baseline()?)
    } else {
        None
    };

    let measured = measured_line();
    let mut fresh: Vec<(&str, String)> = Vec::new();
    let mut failures = Vec::new();
    for part in &o.parts {
        step(&format!("bench {part}"));
        let result = match *part {
            "size" => size::run(&o, baseline.as_deref().expect("built for size")),
            "load" => load::run(&o, baseline.as_deref().expect("built for load")),
            "feed" => feed::run(&o),
            "search" => search(),
            _ => unreachable!("parts are checked when parsed"),
        };
        match result {
            Ok(section) => fresh.push((part, section.to_markdown(&measured))),
            Err(e) => {
                eprintln!("bench {part}: {e}");
                failures.push(format!("{part}: {e}"));
            }
        }
    }

    // Parts not run now keep their block from the document as it is.
    let path = root().join("docs/benchmarks.md");
    let existing = report::blocks(&std::fs::read_to_string(&path).unwrap_or_default());
    let blocks: Vec<String> = PARTS
        .iter()
        .map(|part| {
            fresh
                .iter()
                .find(|(p, _)| p == part)
                .map(|(_, b)| b.clone())
                .or_else(|| {
                    existing
                        .iter()
                        .find(|(p, _)| p == part)
                        .map(|(_, b)| b.clone())
                })
                .unwrap_or_else(|| {
                    format!(
                        "{}\n## {}\n\nNot measured yet: run `cargo xtask bench {part}`.\n",
                        report::block_marker(part),
                        title(part)
                    )
                })
        })
        .collect();
    let summary: Vec<Summary> = blocks.iter().flat_map(|b| report::summary_of(b)).collect();
    println!("\n{}", report::summary_table(&summary).to_text());
    write_document(&path, &summary, &blocks)?;
    step("docs/benchmarks.md rewritten");
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "bench: {} part(s) failed:\n  {}",
            failures.len(),
            failures.join("\n  ")
        ))
    }
}

/// Builds `bench/baseline-hello/` with the app's tools and profile into `target/bench/`;
/// returns the build directory.
fn build_baseline() -> Result<PathBuf, String> {
    let dir = root().join("bench/baseline-hello");
    let dist = root().join("target/bench/baseline-dist");
    step("baseline: release build of bench/baseline-hello (Leptos 0.8 CSR + router)");
    util::run(
        cmd("trunk")
            .current_dir(&dir)
            .args(["build", "--release", "--offline", "--dist"])
            .arg(&dist)
            // Its own target directory: it never waits for, or invalidates, the app's.
            .env(
                "CARGO_TARGET_DIR",
                root().join("target/bench/baseline-target"),
            )
            // The app's flags without `--emit-relocs`: the baseline is not split, and a wasm
            // that keeps its relocations is one wasm-opt cannot optimise properly. (RUSTFLAGS
            // replaces the `.cargo/config.toml` flags; a config variable would add to them.)
            .env("RUSTFLAGS", "--cfg erase_components")
            .env("TRUNK_SKIP_VERSION_CHECK", "true"),
    )?;
    // The same strict Content-Security-Policy serves it, so its start-up script moves out too.
    crate::postbuild::externalize_boot_script(&dist, "/")?;
    Ok(dist)
}

/// The search benchmark is its own script; its Markdown output is the section. (Run alone,
/// the script rewrites its part of the document itself; here xtask writes the document.)
fn search() -> Result<Section, String> {
    let script = root().join("bench/search.mjs");
    if !script.exists() {
        return Err(
            "bench/search.mjs is missing: the search benchmark has not been written yet".into(),
        );
    }
    let md = capture(cmd("node").arg(&script).arg("--no-write"))?;
    print!("{md}");
    let mut s = Section::new("search", "Search");
    s.intro.push(md.trim().to_string());
    Ok(s)
}

/// Runs a command, showing its standard error as it goes, and returns its standard output.
pub fn capture(c: &mut Command) -> Result<String, String> {
    let shown = format!("{:?}", c.get_program());
    let out = c
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{shown} {:?} failed ({})",
            c.get_args().collect::<Vec<_>>(),
            out.status
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{shown} printed something not UTF-8: {e}"))
}

/// A path shown relative to the repository.
pub fn shown(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// "2026-11-26 16:20 UTC, commit abc1234, load average 0.4 at the start" for the parts
/// measured now.
fn measured_line() -> String {
    let date = output(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])).unwrap_or_default();
    let commit =
        output(
            Command::new("git")
                .current_dir(root())
                .args(["rev-parse", "--short", "HEAD"]),
        )
        .unwrap_or_else(|| "unknown".into());
    let dirty = output(Command::new("git").current_dir(root()).args([
        "status",
        "--porcelain",
        "--untracked-files=no",
    ]))
    .is_some_and(|s| !s.is_empty());
    // Other work on the machine slows every timed figure down: say how busy it was.
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into());
    let dirty = if dirty {
        " (the working tree had uncommitted changes)"
    } else {
        ""
    };
    format!("{date}, commit {commit}{dirty}, load average {load} at the start")
}

fn machine() -> Vec<(String, String)> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .and_then(|r| r.split(':').nth(1))
        })
        .map(|m| m.trim().to_string())
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| format!("{:.1} GB", kb as f64 / (1024.0 * 1024.0)))
        .unwrap_or_else(|| "unknown".into());
    let os = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("PRETTY_NAME=")
                    .map(|v| v.trim_matches('"').to_string())
            })
        })
        .unwrap_or_else(|| "unknown".into());
    let version = |program: &str, args: &[&str]| {
        output(cmd(program).args(args))
            .and_then(|s| s.lines().next().map(str::to_string))
            .unwrap_or_else(|| "not found".into())
    };
    vec![
        ("CPU".into(), format!("{cpu}, {cores} cores available")),
        ("Memory".into(), memory),
        ("System".into(), os),
        (
            "Browser".into(),
            version("/usr/bin/chromium", &["--version"]),
        ),
        ("Lighthouse".into(), version("lighthouse", &["--version"])),
        ("Node".into(), version("node", &["--version"])),
        ("Rust".into(), version("rustc", &["--version"])),
    ]
}

fn write_document(path: &Path, summary: &[Summary], blocks: &[String]) -> Result<(), String> {
    let date = output(Command::new("date").args(["-u", "+%Y-%m-%d"])).unwrap_or_default();
    let mut md = format!(
        "# Benchmarks\n\n\
         Written by `cargo xtask bench` on {date}; do not edit by hand. Run it again after a change \
         that could cost bytes or time (`cargo xtask bench size` alone takes a minute). Sizes are \
         exact; times vary from run to run and from machine to machine, so only the budgets in \
         bytes are enforced by tests (`tests/e2e/budgets.spec.mjs`).\n\n\
         The baseline is `bench/baseline-hello/`: a Leptos 0.8 CSR app with the router and two \
         routes, built with the same profile, wasm-bindgen, trunk and `wasm-opt -Oz` as Gongkai. \
         Gongkai minus the baseline is what Gongkai's own features cost.\n\n\
         ## Machine\n\n"
    );
    for (k, v) in machine() {
        md.push_str(&format!("- {k}: {v}\n"));
    }
    md.push_str("\n## Summary\n\n");
    md.push_str(&report::summary_table(summary).to_markdown());
    for block in blocks {
        md.push('\n');
        md.push_str(block.trim_end());
        md.push('\n');
    }
    std::fs::write(path, md).map_err(|e| format!("cannot write {path:?}: {e}"))
}

fn title(part: &str) -> &'static str {
    match part {
        "size" => "Size",
        "load" => "Load (Lighthouse, mobile)",
        "feed" => "Large feed",
        _ => "Search",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn no_part_named_means_every_part() {
        let o = Options::parse(&[]).unwrap();
        assert_eq!(o.parts, PARTS.to_vec());
        assert!(o.build);
    }

    #[test]
    fn parts_and_options_can_be_combined() {
        let o = Options::parse(&args(&[
            "load",
            "--dist",
            "dist-x",
            "--no-build",
            "--runs",
            "5",
        ]))
        .unwrap();
        assert_eq!(o.parts, vec!["load"]);
        assert!(o.dist.ends_with("dist-x"));
        assert!(!o.build);
        assert_eq!(o.runs, 5);
    }

    #[test]
    fn an_unknown_part_is_an_error() {
        assert!(Options::parse(&args(&["speed"])).is_err());
        assert!(Options::parse(&args(&["--runs", "0"])).is_err());
    }
}
