//! `cargo xtask`: the project's own automation. Every command sets up what it needs first.
//!
//! - `setup`: installs the pinned toolchain pieces (idempotent).
//! - `build [--public-url PATH]`: release build into `dist/`.
//! - `precache [--dist DIR]`: regenerate the service worker's file list for a changed build.
//! - `serve [--port N]`: build, then serve `dist/` with nginx and the project's config.
//! - `test`: formatting, lints, native tests, release build, size budget, browser tests.
//! - `bench [size|load|feed|search]`: measurements beside baselines; writes docs/benchmarks.md.

mod bench;
mod build;
mod nginx;
mod page_code;
mod postbuild;
mod setup;
mod test;
mod util;
mod wasm;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => ("help", &[][..]),
    };
    let result = match cmd {
        "setup" => setup::run(),
        "build" => setup::run().and_then(|_| build::release(&build::Options::parse(rest)?)),
        "precache" => build::precache(rest),
        "serve" => nginx::serve(rest),
        "test" => test::run(rest),
        "bench" => bench::run(rest),
        "help" | "--help" | "-h" => {
            println!("{}", HELP);
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

const HELP: &str = "usage: cargo xtask <command>

  setup                     install the pinned tools the project needs (skips what is there)
  build [--public-url P]    release build into dist/ (P: deploy path, default /)
  precache [--dist DIR]     rewrite DIR/sw.js after files in a build changed (default dist/)
  serve [--port N]          build, then serve dist/ at http://127.0.0.1:N/ (default 8080)
  test                      fmt, clippy, native tests, release build, budgets, browser tests
  bench [PART...] [--dist DIR] [--no-build] [--runs N]
                            measure beside the baseline app and rewrite docs/benchmarks.md;
                            PART: size, load, feed, search (default: all)";
