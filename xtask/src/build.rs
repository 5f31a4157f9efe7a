//! `cargo xtask build`: the release build into `dist/`.

use crate::util::{self, cmd, root, step};

pub struct Options {
    /// The path the app is deployed under, e.g. `/` or `/gongkai/`.
    pub public_url: String,
    /// Where to write the build (default `dist/`).
    pub dist: std::path::PathBuf,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options {
            public_url: "/".into(),
            dist: root().join("dist"),
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--public-url" => {
                    let v = it.next().ok_or("--public-url needs a value")?;
                    o.public_url = format!("/{}/", v.trim_matches('/')).replace("//", "/");
                }
                "--dist" => {
                    o.dist = root().join(it.next().ok_or("--dist needs a value")?);
                }
                other => return Err(format!("build: unknown option `{other}`")),
            }
        }
        Ok(o)
    }
}

pub fn release(o: &Options) -> Result<(), String> {
    step(&format!(
        "release build into {} (public URL {})",
        o.dist.display(),
        o.public_url
    ));
    util::run(
        cmd("trunk")
            .args([
                "build",
                "--release",
                "--offline",
                "--public-url",
                &o.public_url,
                "--dist",
            ])
            .arg(&o.dist)
            // Trunk must not try to download tools: the pinned ones are on PATH.
            .env("TRUNK_SKIP_VERSION_CHECK", "true"),
    )?;
    // Trunk builds the page (inlined CSS, copied assets); the wasm is split, bound and linked
    // from it here, with a start-up script in a file of its own (strict CSP, no inline script).
    let wasm = crate::wasm::build(&o.dist, &o.public_url)?;
    println!(
        "    main module {}, link module {}, {} lazily loaded chunks",
        wasm.main_wasm,
        wasm.link_js,
        wasm.chunks.len()
    );
    prerender(&o.dist, &o.public_url)?;
    write_precache(&o.dist)
}

/// Writes the bundled feed's item pages as static HTML (`xtask/prerender.mjs`): the app's own
/// rendering of each, shown before the wasm has loaded on a first visit.
fn prerender(dist: &std::path::Path, public_url: &str) -> Result<(), String> {
    step("pre-rendered pages of the bundled feed (the app's own rendering, in Chromium)");
    util::run(
        cmd("node")
            .arg(root().join("xtask/prerender.mjs"))
            .arg("--dist")
            .arg(dist)
            .args(["--public-url", public_url]),
    )
}

/// Writes the feeds' precompressed copies, deletes pre-rendered pages of a feed that has since
/// changed, then writes `sw.js` with the list of every file in `dist` (the last step: it hashes
/// the final bytes).
fn write_precache(dist: &std::path::Path) -> Result<(), String> {
    let stale = crate::postbuild::remove_stale_prerendered(dist)?;
    if stale > 0 {
        println!(
            "    {stale} pre-rendered page(s) of an earlier feed deleted (`cargo xtask build` makes them again)"
        );
    }
    step("feeds: precompressed copies for nginx (feed/*.json.gz)");
    let feeds = crate::postbuild::write_feed_gzips(dist)?;
    println!("    {feeds} feed(s) compressed");
    step("service worker: precache list of every file in the build");
    let template = root().join(crate::postbuild::SW_TEMPLATE);
    let p = crate::postbuild::write_service_worker(dist, &template)?;
    println!(
        "    {} files, {} bytes, cache {}",
        p.files, p.bytes, p.cache_name
    );
    Ok(())
}

/// `cargo xtask precache --dist DIR`: regenerate the feeds' `.gz` copies and `sw.js` for a build
/// whose files were changed after the build (a deployer's edited `config.json` or feed, or a
/// test's variant build).
pub fn precache(args: &[String]) -> Result<(), String> {
    let mut dist = root().join("dist");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--dist" => {
                dist = root().join(it.next().ok_or("--dist needs a value")?);
            }
            other => return Err(format!("precache: unknown option `{other}`")),
        }
    }
    write_precache(&dist)
}
