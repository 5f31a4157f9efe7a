//! `cargo xtask serve`: build, then serve `dist/` with nginx and the project's own config
//! (the same server the end-to-end tests use).

use crate::build;
use crate::setup;
use crate::util::{cmd, run};

pub fn serve(args: &[String]) -> Result<(), String> {
    let mut port = "8080".to_string();
    let mut build_args = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => port = it.next().ok_or("--port needs a value")?.clone(),
            _ => build_args.push(a.clone()),
        }
    }
    setup::run()?;
    let options = build::Options::parse(&build_args)?;
    build::release(&options)?;
    run(cmd("node").args([
        "tests/e2e/support/nginx.mjs",
        "serve",
        "--port",
        &port,
        "--sub-path",
        &options.public_url,
    ]))
}
