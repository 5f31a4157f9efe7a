// Pre-renders the permanent pages of the bundled feed into static HTML, so a first visit to a
// shared link shows the page itself (title, text, links that work) before the wasm has loaded,
// and without JavaScript at all. Run by `cargo xtask build` after the release build:
//
//   node xtask/prerender.mjs --dist DIR [--public-url /sub/path/]
//
// Each page is the app's own rendering, not a second renderer to keep in step: the build is
// served by nginx with the project's config, Chromium opens the page at a phone's width, and
// once the app shows it the app's element tree (`.gk-app`) is copied into `index.html` in place
// of the static shell, marked `data-prerendered`, and written to `DIR/<route>/index.html`, which
// nginx answers for `<route>` (`try_files $uri $uri/index.html /index.html`). The app builds the
// same page out of sight and swaps it in when its content is ready (src/platform/dom.rs). The
// file has no preloads: its first paint must not share the network with the app's downloads,
// which the start-up script begins after that paint (xtask/src/wasm.rs). Feed text reaches the
// file only as text nodes and attribute values serialised by the browser.
//
// Item pages are pre-rendered (`/qa/{id}`, `/interpretations/{id}`, `/gazette/{id}`,
// `/documents/{id}`) and the three lists (`/qa`, `/interpretations`, `/gazette`). The Q&A and
// gazette lists also filter by query (`/qa?topic=…`, `/gazette?year=…`), and nginx answers
// those addresses with the same file: the script at the top of `index.html` marks a filtered
// address (`data-filtered` on `<html>`), and style/layout.css then hides the unfiltered list
// of the copy until the app shows the filtered one.
// Each file names the feed it was made from (`<meta name="gk-prerendered-from">`: its path and a
// hash of its bytes); `cargo xtask precache` deletes the files once that feed has changed or
// config.json no longer names it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startNginx } from '../tests/e2e/support/nginx.mjs';
import { CHROMIUM_ARGS } from '../playwright.config.mjs';

/** The marker every pre-rendered file carries; `cargo xtask precache` (run by the build right
 * after this script) looks for it and deletes the pages of an earlier feed. */
const FROM_META = 'gk-prerendered-from';

/**
 * 64-bit FNV-1a of `bytes` as 16 hex digits: the same hash as `content_hash` in
 * xtask/src/postbuild.rs, which checks the marker (computed on two 32-bit halves: the prime is
 * 2^40 + 0x1b3).
 */
function contentHash(bytes) {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const b of bytes) {
    lo = (lo ^ b) >>> 0;
    const low = lo * 0x1b3;
    const carry = Math.floor(low / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** Ids that are safe as one path segment, written the same way in a URL and on disk. */
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;

/** The addresses to pre-render, from the feed's own lists. */
function routes(feed) {
  const ids = (list) => (Array.isArray(list) ? list : []).map((x) => x?.id).filter((id) => typeof id === 'string' && PLAIN_ID.test(id));
  return [
    '/qa',
    '/interpretations',
    '/gazette',
    ...ids(feed.qa).map((id) => `/qa/${id}`),
    ...ids(feed.interpretations).map((id) => `/interpretations/${id}`),
    ...ids(feed.gazette).map((id) => `/gazette/${id}`),
    ...ids(feed.documents).map((id) => `/documents/${id}`),
  ];
}

async function main() {
  const args = process.argv.slice(2);
  const get = (flag, dflt) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : dflt; };
  const dist = path.resolve(get('--dist', 'dist'));
  const publicUrl = get('--public-url', '/');

  const config = JSON.parse(fs.readFileSync(path.join(dist, 'config.json'), 'utf8'));
  const first = config?.feeds?.[0];
  if (typeof first !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(first) || first.startsWith('/')) {
    console.log(`    not pre-rendered: config.json names ${JSON.stringify(first)} first, not a feed of the build`);
    return;
  }
  const feedBytes = fs.readFileSync(path.join(dist, first));
  // The marker names the feed and its hash: `feed/feed.json 0123456789abcdef`.
  const feedHash = `${first} ${contentHash(feedBytes)}`;
  const pages = routes(JSON.parse(feedBytes.toString('utf8')));
  const shell = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');

  const server = await startNginx({ dist, name: 'prerender', subPath: publicUrl });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    // A phone's width, the app's default preferences, and no service worker (it would answer
    // from its own cache).
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    let written = 0;
    for (const route of pages) {
      const url = new URL(route.slice(1), server.url).href;
      await page.goto(url, { waitUntil: 'networkidle' });
      // The app has taken over and the page shows its content, not a loading line, all of it
      // (a long text comes a portion at a time, marked busy until its last).
      await page.waitForFunction(() =>
        !document.getElementById('static-shell') &&
        document.querySelector('main#main') &&
        !document.querySelector('.gk-loading') &&
        !document.querySelector('[aria-busy="true"]') &&
        getComputedStyle(document.querySelector('.gk-route-pending')).display === 'none');
      // Work the page leaves for after its first paint (the rest of a long list) is done.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
      if (problems.length) throw new Error(`${route}: the page reported errors:\n${problems.join('\n')}`);
      const html = await page.evaluate(({ shellHtml, meta, hash }) => {
        const app = document.querySelector('body > .gk-app');
        const doc = new DOMParser().parseFromString(shellHtml, 'text/html');
        const copy = doc.importNode(app, true);
        // The framework's empty placeholder comments mean nothing outside the app.
        const comments = doc.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
        const placeholders = [];
        while (comments.nextNode()) placeholders.push(comments.currentNode);
        for (const c of placeholders) c.remove();
        // The page reads without JavaScript: no "needs JavaScript" notice under it.
        doc.querySelector('noscript')?.remove();
        copy.id = 'static-shell';
        copy.setAttribute('data-prerendered', '');
        doc.getElementById('static-shell').replaceWith(copy);
        doc.title = document.title;
        // What a link preview shows (chat apps read these from the HTML, never running the
        // app): the item's title and the opening of its text.
        const heading = document.querySelector('main h1')?.textContent.trim();
        const opening = document.querySelector('main .gk-rich p')?.textContent.trim().replace(/\s+/g, ' ');
        const summary = opening && (opening.length > 120 ? `${opening.slice(0, 119)}…` : opening);
        const setMeta = (attr, key, value) => {
          if (!value) return;
          let m = doc.head.querySelector(`meta[${attr}="${key}"]`);
          if (!m) {
            m = doc.createElement('meta');
            m.setAttribute(attr, key);
            doc.head.append(m);
          }
          m.setAttribute('content', value);
        };
        setMeta('name', 'description', summary);
        setMeta('property', 'og:type', 'article');
        setMeta('property', 'og:title', heading);
        setMeta('property', 'og:description', summary);
        // No preloads (see the top of this file).
        for (const l of doc.head.querySelectorAll('link[rel="preload"], link[rel="modulepreload"]')) l.remove();
        const m = doc.createElement('meta');
        m.name = meta;
        m.content = hash;
        doc.head.append(m);
        return `<!doctype html>\n${doc.documentElement.outerHTML}\n`;
      }, { shellHtml: shell, meta: FROM_META, hash: feedHash });
      const file = path.join(dist, ...route.split('/').filter(Boolean), 'index.html');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, html);
      written += 1;
    }
    console.log(`    ${written} pages pre-rendered from ${first}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e?.stack ?? String(e));
    process.exit(1);
  });
}
