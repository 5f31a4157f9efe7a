//! `bench size`: every file of the release build with raw, gzip and brotli sizes, and the
//! first-visit download before the first screen, beside the baseline app.

use super::report::{kb, Section, Summary, Table, Verdict};
use super::{capture, shown, wasm, Options};
use crate::util::{cmd, root};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The app shell budget and the goal, in gzip bytes (tests/e2e/budgets.spec.mjs enforces the
/// budget on what a browser really fetches for a first visit to `/`).
pub const SHELL_BUDGET: u64 = 250 * 1024;
pub const SHELL_GOAL: u64 = 170 * 1024;

#[derive(Clone, Copy, Default)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, o: Sizes) {
        self.raw += o.raw;
        self.gzip += o.gzip;
        self.brotli += o.brotli;
    }
}

/// What a first visit fetches before its first screen, by role.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Role {
    Html,
    Boot,
    Bindings,
    Wasm,
    Css,
    Feed,
}

impl Role {
    fn label(self) -> &'static str {
        match self {
            Role::Html => "index.html (with the inlined CSS)",
            Role::Boot => "start-up script (boot-*.js)",
            Role::Bindings => "JS bindings (*.js)",
            Role::Wasm => "wasm (*_bg.wasm)",
            Role::Css => "stylesheets (*.css)",
            Role::Feed => "bundled feed (feed/feed.json)",
        }
    }
}

/// Raw, gzip -9 and brotli -11 sizes of files, by `bench/compress.mjs`.
pub fn measure(files: &[PathBuf]) -> Result<BTreeMap<PathBuf, Sizes>, String> {
    let mut sizes = BTreeMap::new();
    // A few hundred paths per call keeps the command line short.
    for chunk in files.chunks(200) {
        let out = capture(cmd("node").arg("bench/compress.mjs").args(chunk))?;
        for line in out.lines() {
            let c: Vec<&str> = line.split('\t').collect();
            let n = |i: usize| c.get(i).and_then(|v| v.parse::<u64>().ok());
            match (c.first(), n(1), n(2), n(3)) {
                (Some(p), Some(raw), Some(gzip), Some(brotli)) => {
                    sizes.insert(PathBuf::from(p), Sizes { raw, gzip, brotli });
                }
                _ => {
                    return Err(format!(
                        "bench/compress.mjs printed an unexpected line: {line}"
                    ))
                }
            }
        }
    }
    Ok(sizes)
}

fn all_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = fs::read_dir(&d).map_err(|e| format!("cannot list {d:?}: {e}"))?;
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !crate::postbuild::is_precompressed_copy(&p) {
                // The server's .br/.gz copies are the same files, measured by their brotli and
                // gzip columns.
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The files of a first visit: index.html, what it loads (script, module preload, wasm
/// preload, stylesheets) and what the start-up script imports, and the bundled feed.
pub fn first_visit(dist: &Path) -> Result<Vec<(Role, PathBuf)>, String> {
    let index = dist.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("cannot read {index:?}: {e}"))?;
    let mut files = vec![(Role::Html, index)];
    let add = |name: &str, files: &mut Vec<(Role, PathBuf)>| {
        let name = name.trim_start_matches('/');
        let file = name.rsplit('/').next().unwrap_or(name);
        let role = if file.starts_with("boot-") && file.ends_with(".js") {
            Role::Boot
        } else if file.ends_with(".js") {
            Role::Bindings
        } else if file.ends_with(".wasm") {
            Role::Wasm
        } else if file.ends_with(".css") {
            Role::Css
        } else {
            return;
        };
        let path = dist.join(file);
        if path.exists() && !files.iter().any(|(_, p)| *p == path) {
            files.push((role, path));
        }
    };
    for attr in ["src=\"", "href=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                add(&rest[..end], &mut files);
            }
        }
    }
    // The start-up script imports the bindings and names the wasm in quotes.
    let boot: Vec<PathBuf> = files
        .iter()
        .filter(|(r, _)| *r == Role::Boot)
        .map(|(_, p)| p.clone())
        .collect();
    for b in boot {
        let code = fs::read_to_string(&b).unwrap_or_default();
        for piece in code.split(['\'', '"']) {
            if piece.ends_with(".js") || piece.ends_with(".wasm") {
                add(piece, &mut files);
            }
        }
    }
    let feed = dist.join("feed/feed.json");
    if feed.exists() {
        files.push((Role::Feed, feed));
    }
    files.sort_by_key(|(r, _)| *r);
    Ok(files)
}

/// The CSS inlined into index.html, written to a file so it can be measured like the others.
fn inline_css(dist: &Path, name: &str) -> Result<Option<PathBuf>, String> {
    let html = fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let mut css = String::new();
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<style") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let Some(close) = after.find("</style>") else {
            break;
        };
        css.push_str(&after[open_end + 1..close]);
        rest = &after[close..];
    }
    if css.is_empty() {
        return Ok(None);
    }
    let path = root().join(format!("target/bench/{name}-inline.css"));
    fs::create_dir_all(path.parent().expect("has a parent")).map_err(|e| e.to_string())?;
    fs::write(&path, css).map_err(|e| format!("cannot write {path:?}: {e}"))?;
    Ok(Some(path))
}

struct Build {
    by_role: BTreeMap<Role, Sizes>,
    shell: Sizes,
    first_visit: Sizes,
    inline_css: Option<Sizes>,
    /// The pages' lazily loaded wasm chunks (`chunk<N>-<hash>.wasm`): not part of the shell.
    chunks: (usize, Sizes),
    files: Vec<(String, Sizes)>,
}

fn is_chunk(name: &str) -> bool {
    name.starts_with("chunk") && name.ends_with(".wasm")
}

fn measure_build(dist: &Path, name: &str) -> Result<Build, String> {
    let files = all_files(dist)?;
    let css = inline_css(dist, name)?;
    let mut to_measure = files.clone();
    to_measure.extend(css.clone());
    let sizes = measure(&to_measure)?;
    let get = |p: &Path| {
        sizes
            .get(p)
            .copied()
            .ok_or(format!("no size measured for {p:?}"))
    };
    let mut by_role: BTreeMap<Role, Sizes> = BTreeMap::new();
    let (mut shell, mut visit) = (Sizes::default(), Sizes::default());
    for (role, path) in first_visit(dist)? {
        let s = get(&path)?;
        *by_role.entry(role).or_default() += s;
        visit += s;
        if role != Role::Feed {
            shell += s;
        }
    }
    let inline_css = match css {
        Some(p) => Some(get(&p)?),
        None => None,
    };
    let mut chunks = (0, Sizes::default());
    let mut listed = Vec::new();
    for p in &files {
        let name = p.strip_prefix(dist).unwrap_or(p).display().to_string();
        let size = get(p)?;
        if is_chunk(&name) {
            chunks.0 += 1;
            chunks.1 += size;
        } else {
            listed.push((name, size));
        }
    }
    if chunks.0 > 0 {
        listed.push((
            format!("chunk*.wasm ({} page chunks, together)", chunks.0),
            chunks.1,
        ));
    }
    Ok(Build {
        by_role,
        shell,
        first_visit: visit,
        inline_css,
        chunks,
        files: listed,
    })
}

/// The linked wasm before wasm-bindgen and wasm-opt (it still has function names), if it is
/// the one the build in `dist` was made from: not newer than the shipped wasm.
fn linked_wasm(linked: &Path, dist: &Path) -> Result<Vec<u8>, String> {
    let shipped = fs::read_dir(dist)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("_bg.wasm"))
        .ok_or("no wasm in the build")?;
    let modified = |p: &Path| {
        fs::metadata(p)
            .and_then(|m| m.modified())
            .map_err(|e| format!("{}: {e}", shown(p)))
    };
    let (l, s) = (modified(linked)?, modified(&shipped)?);
    // Cargo leaves an unchanged binary alone, so an older one is the one the build used.
    if l > s {
        return Err(format!(
            "{} is newer than the build (another build since)",
            shown(linked)
        ));
    }
    fs::read(linked).map_err(|e| format!("cannot read {}: {e}", shown(linked)))
}

fn composition(dist: &Path, baseline_dist: &Path) -> Result<Table, String> {
    let ours = wasm::code_by_owner(&linked_wasm(
        &root().join("target/wasm32-unknown-unknown/release/gongkai.wasm"),
        dist,
    )?)?;
    let base = wasm::code_by_owner(&linked_wasm(
        &root().join(
            "target/bench/baseline-target/wasm32-unknown-unknown/release/baseline-hello.wasm",
        ),
        baseline_dist,
    )?)?;
    let total: u64 = ours.iter().map(|(_, b)| b).sum();
    let base_total: u64 = base.iter().map(|(_, b)| b).sum();
    let mut t = Table::new(
        "Where the wasm's code goes, before wasm-opt (by crate; the app by module)",
        &["Crate or module", "Gongkai", "Share", "Baseline"],
    );
    const SHOWN: usize = 30;
    for (owner, bytes) in ours.iter().take(SHOWN) {
        let b = base
            .iter()
            .find(|(o, _)| o == owner)
            .map_or("—".to_string(), |(_, b)| kb(*b));
        t.row(&[
            format!("`{owner}`"),
            kb(*bytes),
            format!("{:.1} %", *bytes as f64 * 100.0 / total as f64),
            b,
        ]);
    }
    let rest: u64 = ours.iter().skip(SHOWN).map(|(_, b)| b).sum();
    t.row(&[
        format!("{} others", ours.len().saturating_sub(SHOWN)),
        kb(rest),
        format!("{:.1} %", rest as f64 * 100.0 / total as f64),
        String::new(),
    ]);
    t.row(&[
        "**All code**".to_string(),
        kb(total),
        "100 %".to_string(),
        kb(base_total),
    ]);
    Ok(t)
}

fn diff(a: u64, b: u64) -> String {
    let d = a as i64 - b as i64;
    format!("{}{}", if d >= 0 { "+" } else { "-" }, kb(d.unsigned_abs()))
}

pub fn run(o: &Options, baseline_dist: &Path) -> Result<Section, String> {
    let ours = measure_build(&o.dist, "app")?;
    let base = measure_build(baseline_dist, "baseline")?;

    let mut s = Section::new("size", "Size");
    s.intro.push(format!(
        "The release build in `{}` and the baseline's in `{}`. gzip is level 9 (as the budget \
         test counts), brotli quality 11. nginx sends the content-hashed files (JS and wasm) from \
         the build's own brotli 11 and gzip 9 copies, so a browser that accepts brotli gets the \
         brotli column for those; it compresses `index.html` and the feed on the fly at gzip level \
         6 (the feed also has a gzip 9 copy). KB are 1,024 bytes. A first visit downloads index.html (the CSS is inlined in \
         it), the start-up script, the JS bindings (with the small module that loads page \
         chunks), the main wasm module and, once the app runs, the bundled feed; the *app shell* \
         is all of it except the feed, and its gzip size is what the {} budget (goal {}) limits. \
         The code of every page but the home page is in wasm chunks fetched when the page is \
         first opened (and precached for offline use), so it is not part of the shell.",
        shown(&o.dist),
        shown(baseline_dist),
        kb(SHELL_BUDGET),
        kb(SHELL_GOAL),
    ));

    let mut t = Table::new(
        "First visit, before the first screen",
        &[
            "File",
            "Gongkai raw",
            "gzip",
            "brotli",
            "Baseline raw",
            "gzip",
            "brotli",
            "Cost above baseline (gzip)",
        ],
    );
    let roles = [
        Role::Html,
        Role::Boot,
        Role::Bindings,
        Role::Wasm,
        Role::Css,
        Role::Feed,
    ];
    for role in roles {
        let a = ours.by_role.get(&role).copied();
        let b = base.by_role.get(&role).copied();
        if a.is_none() && b.is_none() {
            continue;
        }
        let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
        let cell = |v: u64, present: bool| if present { kb(v) } else { "—".into() };
        let (pa, pb) = (
            ours.by_role.contains_key(&role),
            base.by_role.contains_key(&role),
        );
        t.row(&[
            role.label().to_string(),
            cell(a.raw, pa),
            cell(a.gzip, pa),
            cell(a.brotli, pa),
            cell(b.raw, pb),
            cell(b.gzip, pb),
            cell(b.brotli, pb),
            diff(a.gzip, b.gzip),
        ]);
    }
    if let Some(css) = ours.inline_css {
        t.row(&[
            "… of which inlined CSS".to_string(),
            kb(css.raw),
            kb(css.gzip),
            kb(css.brotli),
            "—".into(),
            "—".into(),
            "—".into(),
            diff(css.gzip, 0),
        ]);
    }
    for (label, a, b) in [
        ("**App shell** (all but the feed)", ours.shell, base.shell),
        (
            "**First visit** (with the feed)",
            ours.first_visit,
            base.first_visit,
        ),
    ] {
        t.row(&[
            label.to_string(),
            kb(a.raw),
            kb(a.gzip),
            kb(a.brotli),
            kb(b.raw),
            kb(b.gzip),
            kb(b.brotli),
            diff(a.gzip, b.gzip),
        ]);
    }
    if ours.chunks.0 > 0 {
        let c = ours.chunks.1;
        t.row(&[
            format!(
                "Page chunks, fetched when a page is first opened ({} files)",
                ours.chunks.0
            ),
            kb(c.raw),
            kb(c.gzip),
            kb(c.brotli),
            "—".into(),
            "—".into(),
            "—".into(),
            String::new(),
        ]);
    }
    s.tables.push(t);

    for (caption, build) in [
        ("Every file of the Gongkai build", &ours),
        ("Every file of the baseline build", &base),
    ] {
        let mut t = Table::new(caption, &["File", "raw", "gzip", "brotli"]);
        let mut total = Sizes::default();
        for (name, sz) in &build.files {
            t.row(&[name.clone(), kb(sz.raw), kb(sz.gzip), kb(sz.brotli)]);
            total += *sz;
        }
        t.row(&[
            format!("{} files", build.files.len()),
            kb(total.raw),
            kb(total.gzip),
            kb(total.brotli),
        ]);
        s.tables.push(t);
    }

    match composition(&o.dist, baseline_dist) {
        Ok(t) => s.tables.push(t),
        Err(why) => s.notes.push(format!(
            "(Where the wasm's bytes go was not measured: {why}.)"
        )),
    }

    let shell = ours.shell.gzip;
    let met = shell <= SHELL_BUDGET;
    s.notes.push(format!(
        "The app shell is **{}** gzip: {} the {} budget, {} the {} goal. The framework alone \
         (baseline) is {}, so Gongkai's own features cost {} gzip, {} of it in the wasm.",
        kb(shell),
        if met { "within" } else { "**over**" },
        kb(SHELL_BUDGET),
        if shell <= SHELL_GOAL {
            "within".to_string()
        } else {
            format!("{} above", kb(shell - SHELL_GOAL))
        },
        kb(SHELL_GOAL),
        kb(base.shell.gzip),
        diff(shell, base.shell.gzip),
        diff(
            ours.by_role.get(&Role::Wasm).map_or(0, |x| x.gzip),
            base.by_role.get(&Role::Wasm).map_or(0, |x| x.gzip)
        ),
    ));

    s.summary.push(Summary::new(
        "App shell, gzip (HTML + JS + wasm + CSS)",
        kb(shell),
        kb(base.shell.gzip),
        &format!("≤ {} (goal {})", kb(SHELL_BUDGET), kb(SHELL_GOAL)),
        Verdict::from_met(met),
    ));
    s.summary.push(Summary::new(
        "App shell, brotli",
        kb(ours.shell.brotli),
        kb(base.shell.brotli),
        "",
        Verdict::Info,
    ));
    let wasm = |b: &Build| b.by_role.get(&Role::Wasm).copied().unwrap_or_default();
    s.summary.push(Summary::new(
        "wasm, raw / gzip",
        format!("{} / {}", kb(wasm(&ours).raw), kb(wasm(&ours).gzip)),
        format!("{} / {}", kb(wasm(&base).raw), kb(wasm(&base).gzip)),
        "",
        Verdict::Info,
    ));
    s.summary.push(Summary::new(
        "First visit with the bundled feed, gzip",
        kb(ours.first_visit.gzip),
        kb(base.first_visit.gzip),
        "",
        Verdict::Info,
    ));
    Ok(s)
}
