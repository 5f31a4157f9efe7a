//! The app's wasm, from `cargo build` to the files in `dist/`:
//!
//! 1. `cargo build --release` for wasm32 (`.cargo/config.toml` keeps the linker's relocations);
//! 2. split at every `#[lazy]` section of `src/app.rs` into a main module, one chunk per section
//!    (plus chunks of code that several sections share) and a small JS *link* module that fetches a chunk the first time
//!    one of its functions is called;
//! 3. `wasm-bindgen --target web` on the main module (keeping the exports the chunks import);
//! 4. `wasm-opt -Oz` on every module;
//! 5. content-hashed names, and a start-up script plus preload hints in `index.html`; the
//!    start-up script fetches a deep link's page chunks beside the main module (`page_code.rs`);
//! 6. gzip and brotli copies of those files, which nginx sends as they are.
//!
//! Trunk still builds `index.html` (inlined CSS, copied assets); it cannot split a wasm, so the
//! Rust part is done here. A first visit to `/` downloads the main module only; the other pages'
//! code arrives when they are first opened (and is precached by the service worker).

use crate::page_code;
use crate::postbuild::content_hash;
use crate::util::{self, cmd, root, step};
use std::fs;
use std::path::{Path, PathBuf};

/// The binary crate of the app.
const APP: &str = "gongkai";
/// Names the splitter and wasm-bindgen write; renamed to hashed names at the end.
const LINK_MODULE: &str = "__wasm_split.js";
const MAIN_JS: &str = "gongkai.js";
const MAIN_WASM: &str = "gongkai_bg.wasm";

/// What [`build`] wrote into `dist`, by final file name.
pub struct Output {
    pub main_js: String,
    pub main_wasm: String,
    pub link_js: String,
    pub boot_js: String,
    pub chunks: Vec<String>,
}

/// Compiles, splits, binds and optimises the app's wasm into `dist`, and links it from
/// `dist/index.html` (which trunk has written without any script).
pub fn build(dist: &Path, public_url: &str) -> Result<Output, String> {
    step("compiling the app for wasm32 (release)");
    util::run(cmd("cargo").args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        APP,
        "--bin",
        APP,
    ]))?;
    let compiled = target_dir().join(format!("wasm32-unknown-unknown/release/{APP}.wasm"));

    // A staging directory per output, so two builds (site root and sub-path) never mix files.
    let stage = target_dir().join("wasm-split").join(
        dist.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "dist".into()),
    );
    let _ = fs::remove_dir_all(&stage);
    fs::create_dir_all(&stage).map_err(|e| format!("cannot create {stage:?}: {e}"))?;

    step("splitting the wasm at the lazily loaded pages");
    let input = fs::read(&compiled).map_err(|e| format!("cannot read {compiled:?}: {e}"))?;
    let split_main = stage.join("main.wasm");
    let split = wasm_split_cli_support::transform({
        let mut o = wasm_split_cli_support::Options::new(&input);
        o.output_dir = &stage;
        o.main_out_path = &split_main;
        o.link_name = "./__wasm_split.js";
        o.main_module = "./gongkai.js";
        o
    })
    .map_err(|e| format!("splitting {compiled:?} failed: {e:#}"))?;
    let mut chunks: Vec<PathBuf> = split.split_modules.clone();
    chunks.sort();
    let chunk_stems: Vec<String> = chunks
        .iter()
        .map(|c| {
            c.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let app_rs = root().join("src/app.rs");
    let routes = page_code::lazy_routes(
        &fs::read_to_string(&app_rs).map_err(|e| format!("cannot read {app_rs:?}: {e}"))?,
    )?;
    let page_chunks = page_code::route_chunks(&routes, &split.prefetch_map, &chunk_stems)?;

    step("wasm-bindgen (web target) on the main module");
    util::run(
        cmd("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                // The chunks import the main module's memory, table and stack pointer.
                "--keep-lld-exports",
                "--out-name",
                APP,
                "--out-dir",
            ])
            .arg(&stage)
            .arg(&split_main),
    )?;

    step(&format!(
        "wasm-opt -Oz on the main module and {} chunks",
        chunks.len()
    ));
    let main_wasm = stage.join(MAIN_WASM);
    for module in std::iter::once(&main_wasm).chain(chunks.iter()) {
        let optimised = module.with_extension("opt.wasm");
        run_wasm_opt(|| {
            let mut c = cmd("wasm-opt");
            c.arg("-Oz")
                // For profiling: GONGKAI_WASM_NAMES=1 keeps function names in the output.
                .args(std::env::var_os("GONGKAI_WASM_NAMES").map(|_| "-g"))
                .arg(module)
                .arg("-o")
                .arg(&optimised);
            c
        })?;
        fs::rename(&optimised, module).map_err(|e| format!("cannot replace {module:?}: {e}"))?;
    }

    let out = name_and_copy(&stage, &main_wasm, &chunks, &page_chunks, dist, public_url)?;

    step("precompressed copies (gzip -9, brotli 11) of the content-hashed files");
    let mut hashed: Vec<PathBuf> = [&out.main_js, &out.link_js, &out.main_wasm, &out.boot_js]
        .into_iter()
        .chain(&out.chunks)
        .map(|name| dist.join(name))
        .collect();
    hashed.sort();
    util::run(
        cmd("node")
            .arg(root().join("xtask/precompress.mjs"))
            .args(&hashed),
    )?;
    Ok(out)
}

/// Gives every file a name with one hash of all of them (the main JS and the link module import
/// each other, so neither can carry only its own content's hash), rewrites the references, copies
/// them into `dist` and links them from `index.html`.
fn name_and_copy(
    stage: &Path,
    main_wasm: &Path,
    chunks: &[PathBuf],
    page_chunks: &[(String, Vec<usize>)],
    dist: &Path,
    public_url: &str,
) -> Result<Output, String> {
    let read_text = |p: &Path| fs::read_to_string(p).map_err(|e| format!("cannot read {p:?}: {e}"));
    let read = |p: &Path| fs::read(p).map_err(|e| format!("cannot read {p:?}: {e}"));
    let mut main_js = read_text(&stage.join(MAIN_JS))?;
    let mut link_js = read_text(&stage.join(LINK_MODULE))?;
    let wasm = read(main_wasm)?;
    let chunk_bytes = chunks
        .iter()
        .map(|c| read(c))
        .collect::<Result<Vec<_>, _>>()?;

    let mut all = Vec::new();
    for part in [main_js.as_bytes(), link_js.as_bytes(), &wasm]
        .into_iter()
        .chain(chunk_bytes.iter().map(Vec::as_slice))
    {
        all.extend_from_slice(content_hash(part).as_bytes());
    }
    let hash = content_hash(&all);

    let main_js_name = format!("{APP}-{hash}.js");
    let main_wasm_name = format!("{APP}-{hash}_bg.wasm");
    let link_name = format!("split-{hash}.js");
    let mut chunk_names = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        let file = chunk
            .file_name()
            .ok_or("a chunk without a file name")?
            .to_string_lossy()
            .into_owned();
        let name = format!("chunk{i}-{hash}.wasm");
        replace_once_or_more(
            &mut link_js,
            &format!("\"./{file}\""),
            &format!("\"./{name}\""),
        )?;
        chunk_names.push(name);
    }
    replace_once_or_more(
        &mut link_js,
        &format!("\"./{MAIN_JS}\""),
        &format!("\"./{main_js_name}\""),
    )?;
    // A chunk the start-up script has already fetched (a deep link's) is taken from it, once,
    // instead of being fetched again: each `fetch` call costs the main thread about a
    // millisecond, in the task that opens the page. One it has not got to yet is struck off
    // its list and fetched here.
    replace_once_or_more(
        &mut link_js,
        "fetch(new URL(\"./",
        &format!("{EARLY_FETCH}(new URL(\"./"),
    )?;
    link_js.push_str(&format!(
        "\nfunction {EARLY_FETCH}(url) {{\n\
         \x20 const early = globalThis.{EARLY_CHUNKS}?.get(url.href);\n\
         \x20 globalThis.{EARLY_CHUNKS}?.delete(url.href);\n\
         \x20 return early ?? fetch(url);\n\
         }}\n"
    ));
    // Only the `import … from` statements: the keys of the wasm's import object must keep the
    // module name the wasm itself asks for.
    let mut rewritten = false;
    for quote in ['"', '\''] {
        let from = format!("from {quote}./{LINK_MODULE}{quote}");
        if main_js.contains(&from) {
            main_js = main_js.replace(&from, &format!("from {quote}./{link_name}{quote}"));
            rewritten = true;
        }
    }
    if !rewritten {
        return Err(format!("{MAIN_JS} does not import ./{LINK_MODULE}"));
    }

    let write = |name: &str, bytes: &[u8]| {
        fs::write(dist.join(name), bytes).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write(&main_js_name, main_js.as_bytes())?;
    write(&link_name, link_js.as_bytes())?;
    for name in [&main_js_name, &link_name] {
        minify_js(&dist.join(name))?;
    }
    write(&main_wasm_name, &wasm)?;
    for (name, bytes) in chunk_names.iter().zip(&chunk_bytes) {
        write(name, bytes)?;
    }

    // Start-up: load the bindings and the main module and, on a deep link, fetch that page's
    // chunks (the link module takes these downloads over when the page opens), four to a task
    // behind the main module's requests: a dozen `fetch` calls in one task held the main
    // thread for over 20 ms. Kept in a file of its own (not inline) so the Content-Security-Policy
    // needs no 'unsafe-inline'. A pre-rendered page (xtask/prerender.mjs) is readable as it
    // is, so its first paint comes first: nothing is downloaded until the browser reports its
    // first contentful paint (or, without paint timing, two frames have begun; at once in a
    // tab that is not drawn, where there is no paint to wait for), and its HTML has no preloads.
    //
    // Until the app has taken a pre-rendered page over, its buttons are the copy's and do
    // nothing: a press on one is noted (by the button's accessible name) and pressed again on
    // the app's own button once it is on screen (`platform::dom::finish_takeover`), so on a slow
    // phone "A+" pressed early still enlarges the text. Whether each of the copy's `<details>`
    // starts open is noted too, so that one the reader opens or closes stays so in the app.
    let boot = format!(
        "const shell = document.getElementById('static-shell');\n\
         const pressed = globalThis.{PRESSED_EARLY} = [];\n\
         shell?.addEventListener('click', (e) => {{ const b = e.target.closest?.('button'); if (b) pressed.push(b.getAttribute('aria-label') ?? b.textContent.trim()); }});\n\
         globalThis.{DETAILS_AT_FIRST} = [...(shell?.querySelectorAll('details') ?? [])].map((d) => d.open);\n\
         if (shell?.hasAttribute('data-prerendered') && document.visibilityState !== 'hidden') await new Promise((painted) => {{\n\
         \x20 if (!globalThis.PerformanceObserver?.supportedEntryTypes?.includes('paint')) return requestAnimationFrame(() => requestAnimationFrame(painted));\n\
         \x20 new PerformanceObserver((list, seen) => {{ if (list.getEntriesByName('first-contentful-paint').length) {{ seen.disconnect(); painted(); }} }}).observe({{ type: 'paint', buffered: true }});\n\
         }});\n\
         const base = '{public_url}';\n\
         const here = location.pathname.startsWith(base) ? location.pathname.slice(base.length).replace(/\\/+$/, '') : null;\n\
         const page = here === null ? undefined : {table}.find(([route]) => route.test(here));\n\
         const early = globalThis.{EARLY_CHUNKS} = new Map((page ? page[1] : []).map((n) => [new URL(`${{base}}chunk${{n}}-{hash}.wasm`, location.href).href, null]));\n\
         (async () => {{\n\
         \x20 const urls = [...early.keys()];\n\
         \x20 for (let i = 0; i < urls.length; i += 4) {{\n\
         \x20   await new Promise((next) => setTimeout(next));\n\
         \x20   for (const url of urls.slice(i, i + 4)) if (early.has(url)) {{\n\
         \x20     const response = fetch(url);\n\
         \x20     response.catch(() => {{}});\n\
         \x20     early.set(url, response);\n\
         \x20   }}\n\
         \x20 }}\n\
         }})();\n\
         const {{ default: init }} = await import('{public_url}{main_js_name}');\n\
         const wasm = await init({{ module_or_path: '{public_url}{main_wasm_name}' }});\n\
         dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));\n",
        table = page_code::js_table(page_chunks),
    );
    let boot_name = format!("boot-{}.js", content_hash(boot.as_bytes()));
    write(&boot_name, boot.as_bytes())?;

    link_from_index(
        dist,
        &format!(
            "<link rel=\"modulepreload\" href=\"{public_url}{main_js_name}\">\
             <link rel=\"modulepreload\" href=\"{public_url}{link_name}\">\
             <link rel=\"preload\" href=\"{public_url}{main_wasm_name}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\
             <script type=\"module\" src=\"{public_url}{boot_name}\"></script>"
        ),
    )?;
    Ok(Output {
        main_js: main_js_name,
        main_wasm: main_wasm_name,
        link_js: link_name,
        boot_js: boot_name,
        chunks: chunk_names,
    })
}

/// Minifies an ES module in place with esbuild (from npm): the bindings are read on every
/// first visit, and minified they are about a fifth smaller compressed.
fn minify_js(file: &Path) -> Result<(), String> {
    let minified = file.with_extension("min.js");
    util::run(
        cmd("esbuild")
            .arg(file)
            .args(["--minify", "--format=esm", "--log-level=warning"])
            // wasm-bindgen lists the link module once per import in the wasm's import object,
            // under the same key and to the same module: harmless, and not ours to change.
            .arg("--log-override:duplicate-object-key=silent")
            .arg(format!("--outfile={}", minified.display())),
    )?;
    fs::rename(&minified, file).map_err(|e| format!("cannot replace {file:?}: {e}"))
}

/// The global map (chunk URL → the start-up script's `fetch` of it) through which the link module
/// takes over a deep link's chunk downloads, and the link module's function that does it.
const EARLY_CHUNKS: &str = "gongkaiEarlyChunks";
const EARLY_FETCH: &str = "fetchChunkOnce";
/// The global list of buttons pressed on a pre-rendered copy; `src/platform/dom.rs` reads it.
const PRESSED_EARLY: &str = "gongkaiPressedEarly";
/// Whether each `<details>` of a pre-rendered copy was open when the page loaded; read there too.
const DETAILS_AT_FIRST: &str = "gongkaiDetailsAtFirst";

/// Runs wasm-opt, once more if it was killed by a signal. binaryen's npm build runs in Node, and
/// here Node has died of SIGILL without a word on a module it then optimised on the next run:
/// a crash of the tool, whose output is the same every run, not a fault of the input. A
/// failure with an exit status (wasm-opt refusing the module) is not tried again.
fn run_wasm_opt(command: impl Fn() -> std::process::Command) -> Result<(), String> {
    let first = command()
        .status()
        .map_err(|e| format!("could not start wasm-opt: {e}"))?;
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&first) {
        eprintln!("wasm-opt was killed by signal {signal}; running it once more");
        return util::run(&mut command());
    }
    if first.success() {
        Ok(())
    } else {
        Err(format!("{:?} failed ({first})", command()))
    }
}

fn replace_once_or_more(text: &mut String, from: &str, to: &str) -> Result<(), String> {
    if !text.contains(from) {
        return Err(format!("expected {from} in the generated JavaScript"));
    }
    *text = text.replace(from, to);
    Ok(())
}

/// Puts the start-up tags before the inlined styles, so the browser starts fetching the wasm
/// before it parses the CSS, and drops trunk's placeholder for the skipped Rust build.
/// (Trunk's minifier leaves out optional tags such as `<head>` and quotes.)
fn link_from_index(dist: &Path, tags: &str) -> Result<(), String> {
    let index = dist.join("index.html");
    let mut html = fs::read_to_string(&index).map_err(|e| format!("cannot read {index:?}: {e}"))?;
    // Trunk's build of a Rust app would have added a module script (the page's own inline
    // script, which applies the saved display settings, is a classic one).
    if html.contains("<script type=module") || html.contains("<script type=\"module\"") {
        return Err(
            "index.html already has a module script: trunk must not build the Rust app".into(),
        );
    }
    if let Some(start) = html.find("<link data-trunk") {
        let end = html[start..]
            .find('>')
            .map(|e| start + e + 1)
            .ok_or("unterminated <link data-trunk> in index.html")?;
        if html[start..end].contains("rust") {
            html.replace_range(start..end, "");
        }
    }
    let at = html
        .find("<style")
        .or_else(|| html.find("</head>"))
        .ok_or("index.html has neither <style> nor </head>")?;
    html.insert_str(at, tags);
    fs::write(&index, html).map_err(|e| format!("cannot write {index:?}: {e}"))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root().join(p) })
        .unwrap_or_else(|| root().join("target"))
}
