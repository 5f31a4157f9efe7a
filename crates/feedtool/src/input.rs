//! Reading a feed from a file or an http(s) URL.

use crate::Failure;
use gongkai_feed::parse::MAX_FEED_BYTES;
use std::process::Command;

/// The bytes at `source`: a path, or an `http://` / `https://` URL fetched with curl (present
/// wherever feeds are published from, and it keeps TLS out of this tool's build).
pub fn read_source(source: &str) -> Result<Vec<u8>, Failure> {
    if source.starts_with("https://") || source.starts_with("http://") {
        fetch(source)
    } else {
        std::fs::read(source).map_err(|e| Failure::input(format!("cannot read {source}: {e}")))
    }
}

fn fetch(url: &str) -> Result<Vec<u8>, Failure> {
    // One byte over the cap, so that the parser reports an oversized feed as too large rather
    // than curl failing with a less helpful message.
    let max = (MAX_FEED_BYTES + 1).to_string();
    let output = Command::new("curl")
        .args([
            "--silent",
            "--show-error",
            "--location",
            "--fail",
            "--max-time",
            "60",
            "--max-filesize",
            &max,
            "--proto",
            "=http,https",
            "--",
            url,
        ])
        .output()
        .map_err(|e| Failure::input(format!("cannot fetch {url}: cannot run curl: {e}")))?;
    if !output.status.success() {
        let reason = String::from_utf8_lossy(&output.stderr);
        let reason = reason.trim().trim_start_matches("curl: ");
        return Err(Failure::input(format!("cannot fetch {url}: {reason}")));
    }
    Ok(output.stdout)
}
