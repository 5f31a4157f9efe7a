//! `cargo xtask setup`: installs exactly what the project needs, at pinned versions, checking
//! before installing so a second run only checks.

use crate::util::{self, cmd, is_root, output, root, step};
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const WASM_OPT_VERSION: &str = "132";
/// Debian packages: the browser and its driver for tests, CJK fonts so Chinese renders, and
/// nginx, the static server the end-to-end tests and `serve` use, with its module that sends the
/// build's brotli copies.
pub const DEBIAN_PACKAGES: [&str; 5] = [
    "chromium",
    "chromium-driver",
    "fonts-noto-cjk",
    "nginx",
    "libnginx-mod-http-brotli-static",
];

/// Everything a release build, the tests and `serve` need: the Rust target, trunk,
/// wasm-bindgen, the npm tools, and the browser, fonts and nginx (the build itself serves the
/// app to Chromium to pre-render its pages, `xtask/prerender.mjs`).
pub fn run() -> Result<(), String> {
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm_tools()?;
    debian_packages()
}

fn wasm_target() -> Result<(), String> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        step("wasm32-unknown-unknown target: present");
        return Ok(());
    }
    step("wasm32-unknown-unknown target: installing");
    util::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn trunk() -> Result<(), String> {
    let have = output(cmd("trunk").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        step(&format!("trunk {TRUNK_VERSION}: present"));
        return Ok(());
    }
    step(&format!(
        "trunk {TRUNK_VERSION}: installing (takes several minutes)"
    ));
    util::run(cmd("cargo").args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]))
}

/// The `wasm-bindgen` version pinned in Cargo.lock; the CLI must match it exactly.
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(v.trim_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn wasm_bindgen() -> Result<(), String> {
    let want = wasm_bindgen_version()?;
    let have = output(cmd("wasm-bindgen").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) {
        step(&format!("wasm-bindgen-cli {want}: present"));
        return Ok(());
    }
    step(&format!("wasm-bindgen-cli {want}: installing"));
    // `--locked` fails on a yanked transitive version; the unlocked install works.
    util::run(cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))
}

fn npm_tools() -> Result<(), String> {
    let root = root();
    let lock = root.join("package-lock.json");
    let installed = root.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(l), Ok(i)) => match (l.modified(), i.modified()) {
            (Ok(l), Ok(i)) => i >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh {
        step("npm dev tools (playwright, binaryen, lighthouse, baselines): present");
    } else {
        step("npm dev tools: installing from package-lock.json (npm ci)");
        util::run(
            cmd("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
        )?;
    }
    let v = output(cmd("wasm-opt").arg("--version")).unwrap_or_default();
    if !v.contains(&format!("version {WASM_OPT_VERSION}")) {
        return Err(format!(
            "wasm-opt from node_modules/.bin should be version {WASM_OPT_VERSION}, found `{v}`"
        ));
    }
    step(&format!(
        "wasm-opt {WASM_OPT_VERSION} (npm binaryen): present"
    ));
    Ok(())
}

fn debian_packages() -> Result<(), String> {
    let missing: Vec<&str> = DEBIAN_PACKAGES
        .iter()
        .copied()
        .filter(|p| {
            output(Command::new("dpkg-query").args(["-W", "-f=${Status}", p]))
                .is_none_or(|s| !s.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        step(&format!(
            "Debian packages ({}): present",
            DEBIAN_PACKAGES.join(", ")
        ));
        return Ok(());
    }
    let command = format!("apt-get update && apt-get install -y {}", missing.join(" "));
    if !is_root() {
        return Err(format!(
            "missing Debian packages: {}. Run as root:\n    sudo sh -c '{command}'",
            missing.join(", ")
        ));
    }
    step(&format!(
        "Debian packages: installing {}",
        missing.join(", ")
    ));
    util::run(Command::new("apt-get").arg("update").arg("-qq"))?;
    util::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}
