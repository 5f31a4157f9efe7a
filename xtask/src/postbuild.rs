//! Steps after trunk: make the build fit the strict Content-Security-Policy in
//! `deploy/nginx/` (no inline scripts).

use std::fs;
use std::path::Path;

/// 64-bit FNV-1a, as 16 hex digits: a content hash for file names (not for security).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Trunk writes the wasm start-up code as an inline `<script type="module">`. Move it into a
/// content-hashed file `boot-<hash>.js` so the page needs no `'unsafe-inline'` scripts.
pub fn externalize_boot_script(dist: &Path, public_url: &str) -> Result<(), String> {
    let index = dist.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("cannot read {index:?}: {e}"))?;
    let open = "<script type=\"module\">";
    let Some(start) = html.find(open) else {
        return Err("index.html has no inline module script from trunk".into());
    };
    let body_start = start + open.len();
    let end = html[body_start..]
        .find("</script>")
        .map(|e| body_start + e)
        .ok_or("unterminated inline script in index.html")?;
    let code = html[body_start..end].trim().to_string() + "\n";
    let name = format!("boot-{}.js", content_hash(code.as_bytes()));
    fs::write(dist.join(&name), &code).map_err(|e| format!("cannot write {name}: {e}"))?;
    let tag = format!("<script type=\"module\" src=\"{public_url}{name}\"></script>");
    let html = format!("{}{}{}", &html[..start], tag, &html[end + "</script>".len()..]);
    if html.contains("<script>") || html.contains("<script type=\"module\">") {
        return Err("index.html still has an inline script after moving trunk's".into());
    }
    fs::write(&index, html).map_err(|e| format!("cannot write {index:?}: {e}"))
}
