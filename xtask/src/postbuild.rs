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
/// content-hashed file `boot-<hash>.js` so the page needs no `'unsafe-inline'` scripts. (The app
/// itself is linked by `wasm.rs`; this is for the benchmark's baseline, which trunk builds whole.)
pub fn externalize_boot_script(dist: &Path, public_url: &str) -> Result<(), String> {
    let index = dist.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("cannot read {index:?}: {e}"))?;
    // Minified by trunk, the tag loses its quotes.
    let Some((start, open)) = ["<script type=\"module\">", "<script type=module>"]
        .into_iter()
        .find_map(|open| html.find(open).map(|at| (at, open)))
    else {
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
    let html = format!(
        "{}{}{}",
        &html[..start],
        tag,
        &html[end + "</script>".len()..]
    );
    if html.contains("<script>")
        || html.contains("<script type=\"module\">")
        || html.contains("<script type=module>")
    {
        return Err("index.html still has an inline script after moving trunk's".into());
    }
    fs::write(&index, html).map_err(|e| format!("cannot write {index:?}: {e}"))
}

/// The service worker's template in the repository (trunk does not copy it: the build writes
/// the real `sw.js` from it).
pub const SW_TEMPLATE: &str = "public/sw.template.js";
/// Placeholders in the template, replaced by [`write_service_worker`].
const CACHE_NAME_TOKEN: &str = "__GONGKAI_CACHE_NAME__";
const PRECACHE_TOKEN: &str = "/*__GONGKAI_PRECACHE__*/[]";
/// The generated worker, beside `index.html` so its scope is the whole app.
pub const SW_FILE: &str = "sw.js";

/// What [`write_service_worker`] wrote, for the build log.
pub struct Precache {
    pub cache_name: String,
    pub files: usize,
    pub bytes: u64,
}

/// Every file of the build, as URLs relative to the app's base (`/`-separated, percent-encoded,
/// sorted), except the worker itself, hidden files, the server's precompressed copies
/// (`x.gz`, `x.br` beside `x`: the browser never asks for them by name) and pre-rendered pages
/// (the worker answers every address with the app shell, `index.html`). Listing the directory
/// instead of naming files means nothing the build adds (a new icon, a media file) can be
/// forgotten offline.
pub fn dist_files(dist: &Path) -> Result<Vec<String>, String> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<(), String> {
        let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {dir:?}: {e}"))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list {dir:?}: {e}"))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = format!("{prefix}{name}");
            let kind = entry
                .file_type()
                .map_err(|e| format!("cannot stat {rel}: {e}"))?;
            // Follow symlinks: a deployment may link the feed's media in.
            let is_dir = kind.is_dir() || (kind.is_symlink() && entry.path().is_dir());
            if is_dir {
                walk(&entry.path(), &format!("{rel}/"), out)?;
            } else if rel != SW_FILE
                && !is_precompressed_copy(&entry.path())
                && prerendered_from(&entry.path()).is_none()
            {
                out.push(rel);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dist, "", &mut files)?;
    files.sort();
    Ok(files)
}

/// The marker `xtask/prerender.mjs` writes into every pre-rendered page:
/// `<meta name="gk-prerendered-from" content="<feed path> <content hash of the feed>">`.
const PRERENDERED_META: &str = "<meta name=\"gk-prerendered-from\" content=\"";

/// For a pre-rendered page (an `index.html` with the marker), the feed it was made from and
/// that feed's content hash.
pub fn prerendered_from(path: &Path) -> Option<(String, String)> {
    if path.file_name()? != "index.html" {
        return None;
    }
    let html = fs::read_to_string(path).ok()?;
    let start = html.find(PRERENDERED_META)? + PRERENDERED_META.len();
    let content = &html[start..start + html[start..].find('"')?];
    let (feed, hash) = content.rsplit_once(' ')?;
    Some((feed.to_string(), hash.to_string()))
}

/// Deletes every pre-rendered page whose feed has changed since it was made, or that
/// `config.json` no longer names first (their text would not be the app's): run after anything that
/// changes a build's feed or configuration. Returns how many went.
pub fn remove_stale_prerendered(dist: &Path) -> Result<usize, String> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    // The feed the app shows first: the one `config.json` names first.
    let config = fs::read(dist.join("config.json")).unwrap_or_default();
    let first_feed = gongkai_feed::json::parse(&config).ok().and_then(|c| {
        c.get("feeds")?
            .as_array()?
            .first()?
            .as_str()
            .map(str::to_string)
    });
    let mut files = Vec::new();
    walk(dist, &mut files);
    // Only pages of that feed, as it is now, are kept: hashed once, not once per page.
    let current = first_feed.and_then(|feed| {
        let bytes = fs::read(dist.join(&feed)).ok()?;
        Some((feed, content_hash(&bytes)))
    });
    let mut removed = 0;
    for file in files {
        let Some(made_from) = prerendered_from(&file) else {
            continue;
        };
        if current.as_ref() == Some(&made_from) {
            continue;
        }
        fs::remove_file(&file).map_err(|e| format!("cannot remove {file:?}: {e}"))?;
        removed += 1;
        // Its directory too, and the ones above it, once empty.
        let mut dir = file.parent();
        while let Some(d) = dir.filter(|d| *d != dist) {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(removed)
}

/// `x.gz` or `x.br` with `x` beside it: a copy the static server sends in place of `x`.
pub fn is_precompressed_copy(path: &Path) -> bool {
    let Some(ext) = path.extension() else {
        return false;
    };
    (ext == "gz" || ext == "br") && path.with_extension("").is_file()
}

/// Writes `feed/<name>.json.gz` (gzip -9 -n) beside every feed of the build, and deletes a copy
/// whose feed is gone: nginx's `gzip_static` sends it as it is, instead of compressing a large
/// feed again for every request (deploy/nginx/gongkai-locations.conf). Run after anything that
/// changes a feed, so a copy is never older than its feed. Returns the feeds compressed.
pub fn write_feed_gzips(dist: &Path) -> Result<usize, String> {
    let dir = dist.join("feed");
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(0);
    };
    let mut written = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(feed) = name.strip_suffix(".json.gz") {
            if !dir.join(format!("{feed}.json")).is_file() {
                fs::remove_file(&path).map_err(|e| format!("cannot remove {path:?}: {e}"))?;
            }
            continue;
        }
        if !name.ends_with(".json") || !path.is_file() {
            continue;
        }
        // `-n`: no name or time stamp inside, so the same feed always gives the same bytes.
        let packed = std::process::Command::new("gzip")
            .args(["-9", "-n", "-c"])
            .arg(&path)
            .output()
            .map_err(|e| format!("could not start gzip: {e}"))?;
        if !packed.status.success() {
            return Err(format!(
                "gzip {} failed ({})",
                path.display(),
                packed.status
            ));
        }
        let gz = dir.join(format!("{name}.gz"));
        fs::write(&gz, packed.stdout).map_err(|e| format!("cannot write {gz:?}: {e}"))?;
        written += 1;
    }
    Ok(written)
}

/// Percent-encodes a relative path the way a browser writes it in `URL.pathname`.
fn url_path(rel: &str) -> String {
    let mut out = String::with_capacity(rel.len());
    for b in rel.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'@' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Writes `dist/sw.js` from [`SW_TEMPLATE`]: the list of every file of the build and a cache
/// name derived from all their bytes, so each build with any change gets a new cache (and a
/// new worker, which the browser notices because `sw.js` changed).
pub fn write_service_worker(dist: &Path, template: &Path) -> Result<Precache, String> {
    let files = dist_files(dist)?;
    if !files.iter().any(|f| f == "index.html") {
        return Err(format!("{} has no index.html: not a build", dist.display()));
    }
    let mut all = Vec::new();
    let mut bytes = 0u64;
    for f in &files {
        let content = fs::read(dist.join(f)).map_err(|e| format!("cannot read {f}: {e}"))?;
        bytes += content.len() as u64;
        // Name and bytes both count: a renamed file is a different build.
        all.extend_from_slice(f.as_bytes());
        all.push(0);
        all.extend_from_slice(content_hash(&content).as_bytes());
    }
    let cache_name = format!("gongkai-precache-{}", content_hash(&all));
    let list = files
        .iter()
        .map(|f| format!("\n  {:?}", url_path(f)))
        .collect::<Vec<_>>()
        .join(",");
    let source = fs::read_to_string(template)
        .map_err(|e| format!("cannot read the service worker template {template:?}: {e}"))?;
    for token in [CACHE_NAME_TOKEN, PRECACHE_TOKEN] {
        if !source.contains(token) {
            return Err(format!("{template:?} lacks the placeholder {token}"));
        }
    }
    let sw = source
        .replace(CACHE_NAME_TOKEN, &cache_name)
        .replace(PRECACHE_TOKEN, &format!("[{list}\n]"));
    fs::write(dist.join(SW_FILE), sw).map_err(|e| format!("cannot write {SW_FILE}: {e}"))?;
    Ok(Precache {
        cache_name,
        files: files.len(),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dist(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("gongkai-xtask-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("feed/media")).unwrap();
        fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        fs::write(dir.join("feed/feed.json"), "{}").unwrap();
        fs::write(dir.join("feed/media/a b.svg"), "<svg/>").unwrap();
        fs::write(dir.join(".hidden"), "x").unwrap();
        dir
    }

    fn template(dir: &Path) -> std::path::PathBuf {
        let t = dir.with_extension("template.js");
        fs::write(
            &t,
            "const C = '__GONGKAI_CACHE_NAME__';\nconst P = /*__GONGKAI_PRECACHE__*/[];\n",
        )
        .unwrap();
        t
    }

    #[test]
    fn precache_lists_every_file_but_the_worker_and_hidden_files() {
        let dist = temp_dist("list");
        let t = template(&dist);
        write_service_worker(&dist, &t).unwrap();
        // A second run must not list the worker written by the first.
        let summary = write_service_worker(&dist, &t).unwrap();
        assert_eq!(summary.files, 3);
        let sw = fs::read_to_string(dist.join(SW_FILE)).unwrap();
        assert!(sw.contains("\"feed/feed.json\""));
        assert!(sw.contains("\"feed/media/a%20b.svg\""));
        assert!(sw.contains("\"index.html\""));
        assert!(!sw.contains("sw.js"));
        assert!(!sw.contains(".hidden"));
        assert!(sw.contains(&summary.cache_name));
    }

    #[test]
    fn precache_leaves_out_the_servers_precompressed_copies_but_not_a_lone_archive() {
        let dist = temp_dist("precompressed");
        fs::write(dist.join("feed/feed.json.gz"), "gz").unwrap();
        fs::write(dist.join("feed/feed.json.br"), "br").unwrap();
        // An archive the feed links to is content, not a copy of another file.
        fs::write(dist.join("feed/media/forms.zip.gz"), "gz").unwrap();
        let files = dist_files(&dist).unwrap();
        assert_eq!(
            files,
            [
                "feed/feed.json",
                "feed/media/a b.svg",
                "feed/media/forms.zip.gz",
                "index.html"
            ]
        );
    }

    #[test]
    fn any_changed_byte_gives_a_new_cache_name() {
        let dist = temp_dist("hash");
        let t = template(&dist);
        let first = write_service_worker(&dist, &t).unwrap().cache_name;
        assert_eq!(write_service_worker(&dist, &t).unwrap().cache_name, first);
        fs::write(dist.join("feed/feed.json"), "{ }").unwrap();
        let second = write_service_worker(&dist, &t).unwrap().cache_name;
        assert_ne!(first, second);
        assert!(second.starts_with("gongkai-precache-"));
    }

    #[test]
    fn every_feed_gets_a_fresh_gzip_copy_and_a_copy_without_its_feed_goes() {
        let dist = temp_dist("feed-gzip");
        fs::write(dist.join("feed/feed.json.gz"), "stale").unwrap();
        fs::write(dist.join("feed/gone.json.gz"), "stale").unwrap();
        assert_eq!(write_feed_gzips(&dist).unwrap(), 1);
        let gz = fs::read(dist.join("feed/feed.json.gz")).unwrap();
        assert_eq!(&gz[..2], &[0x1f, 0x8b]);
        assert!(!dist.join("feed/gone.json.gz").exists());
        // Not a file of the app: the worker never caches it.
        let t = template(&dist);
        write_service_worker(&dist, &t).unwrap();
        assert!(!fs::read_to_string(dist.join(SW_FILE))
            .unwrap()
            .contains(".gz"));
    }

    fn prerendered_page(dist: &Path, route: &str, feed_hash: &str) -> std::path::PathBuf {
        let dir = dist.join(route);
        fs::create_dir_all(&dir).unwrap();
        let page = dir.join("index.html");
        fs::write(
            &page,
            format!(
                "<!doctype html><html><head><meta name=\"gk-prerendered-from\" content=\"feed/feed.json {feed_hash}\"></head></html>"
            ),
        )
        .unwrap();
        page
    }

    #[test]
    fn pre_rendered_pages_are_not_precached() {
        let dist = temp_dist("prerendered-precache");
        let hash = content_hash(b"{}");
        prerendered_page(&dist, "documents/a", &hash);
        // An index.html without the marker is a file of the app like any other.
        fs::create_dir_all(dist.join("feed/media/x")).unwrap();
        fs::write(dist.join("feed/media/x/index.html"), "<p>").unwrap();
        let files = dist_files(&dist).unwrap();
        assert!(
            !files.iter().any(|f| f.starts_with("documents/")),
            "{files:?}"
        );
        assert!(
            files.iter().any(|f| f == "feed/media/x/index.html"),
            "{files:?}"
        );
    }

    #[test]
    fn pre_rendered_pages_of_a_changed_or_unnamed_feed_are_deleted_with_their_folders() {
        let dist = temp_dist("prerendered-stale");
        fs::write(dist.join("config.json"), r#"{"feeds":["feed/feed.json"]}"#).unwrap();
        let current = prerendered_page(&dist, "documents/kept", &content_hash(b"{}"));
        let stale = prerendered_page(&dist, "documents/gone", &content_hash(b"{ }"));
        assert_eq!(remove_stale_prerendered(&dist).unwrap(), 1);
        assert!(current.is_file());
        assert!(!stale.exists());
        assert!(!dist.join("documents/gone").exists());
        assert!(dist.join("documents").is_dir());

        // A feed edited after the build.
        fs::write(dist.join("feed/feed.json"), r#"{"version":2}"#).unwrap();
        assert_eq!(remove_stale_prerendered(&dist).unwrap(), 1);
        assert!(!dist.join("documents").exists());

        // A configuration that now names a remote feed first (the bundled one only as its
        // fallback) no longer shows the bundled one.
        let page = prerendered_page(
            &dist,
            "qa/a",
            &content_hash(&fs::read(dist.join("feed/feed.json")).unwrap()),
        );
        assert_eq!(remove_stale_prerendered(&dist).unwrap(), 0);
        fs::write(
            dist.join("config.json"),
            r#"{"feeds":["https://example.org/feed.json","feed/feed.json"]}"#,
        )
        .unwrap();
        assert_eq!(remove_stale_prerendered(&dist).unwrap(), 1);
        assert!(!page.exists());
        assert!(dist.join("index.html").is_file());
    }

    #[test]
    fn a_directory_without_index_html_is_refused() {
        let dist = temp_dist("noindex");
        fs::remove_file(dist.join("index.html")).unwrap();
        let t = template(&dist);
        assert!(write_service_worker(&dist, &t).is_err());
    }
}
