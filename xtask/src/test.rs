//! `cargo xtask test`: every test, in order, with a one-line summary per stage at the end.

use crate::build;
use crate::setup;
use crate::util::{self, cmd, step};
use std::time::Instant;

struct Stage {
    name: &'static str,
    action: fn() -> Result<(), String>,
}

const STAGES: &[Stage] = &[
    Stage {
        name: "format (cargo fmt --check)",
        action: fmt,
    },
    Stage {
        name: "lints (clippy -D warnings, native and wasm)",
        action: clippy,
    },
    Stage {
        name: "native tests (cargo test --workspace)",
        action: native_tests,
    },
    Stage {
        name: "release builds (trunk, wasm-opt -Oz; site root and /gongkai/)",
        action: release_build,
    },
    Stage {
        name: "budgets (tests reading dist/)",
        action: budgets,
    },
    Stage {
        name: "browser end-to-end (Playwright, Chromium, nginx)",
        action: e2e,
    },
];

fn fmt() -> Result<(), String> {
    util::run(cmd("cargo").args(["fmt", "--all", "--", "--check"]))
}

fn clippy() -> Result<(), String> {
    util::run(cmd("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    util::run(cmd("cargo").args([
        "clippy",
        "-p",
        "gongkai",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))
}

fn native_tests() -> Result<(), String> {
    util::run(cmd("cargo").args(["test", "--workspace"]))
}

/// Where the sub-path build goes; the offline tests serve it under `/gongkai/`.
pub const SUB_PATH_DIST: &str = "dist-sub";

fn release_build() -> Result<(), String> {
    build::release(&build::Options::parse(&[])?)?;
    // The same release for a sub-path deployment (installability and scope are checked there).
    build::release(&build::Options::parse(&[
        "--public-url".into(),
        "/gongkai/".into(),
        "--dist".into(),
        SUB_PATH_DIST.into(),
    ])?)
}

fn budgets() -> Result<(), String> {
    util::run(cmd("npx").args(["playwright", "test", "--project", "budgets"]))
}

fn e2e() -> Result<(), String> {
    util::run(cmd("npx").env("GONGKAI_SUB_DIST", SUB_PATH_DIST).args([
        "playwright",
        "test",
        "--project",
        "phone",
        "--project",
        "kiosk",
    ]))
}

pub fn run_all() -> Result<(), String> {
    setup::run()?;
    let mut results = Vec::new();
    for stage in STAGES {
        step(&format!("stage: {}", stage.name));
        let started = Instant::now();
        let r = (stage.action)();
        results.push((stage.name, r, started.elapsed()));
    }
    println!("\nSummary:");
    let mut failed = 0;
    for (name, r, took) in &results {
        match r {
            Ok(()) => println!("  PASS  {name}  ({:.0} s)", took.as_secs_f64()),
            Err(e) => {
                failed += 1;
                println!("  FAIL  {name}  ({:.0} s): {e}", took.as_secs_f64());
            }
        }
    }
    if failed == 0 {
        println!("{} passed, 0 failed", results.len());
        Ok(())
    } else {
        println!("{} passed, {failed} failed", results.len() - failed);
        Err(format!("{failed} stage(s) failed"))
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(a) = args.first() {
        return Err(format!("test: unknown option `{a}`"));
    }
    run_all()
}
