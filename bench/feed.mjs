// The large-feed measurements of `cargo xtask bench feed`, in Debian's Chromium, against a
// build whose bundled feed is the 10,000-document corpus feed. The timed loads go over a bare
// DevTools pipe (bench/bare-chromium.mjs: Playwright's Network domain costs a large feed's
// load time a reader's browser does not spend); the navigations go through Playwright.
//
//   node bench/feed.mjs --dist DIR [--port N] [--runs 5] [--issue ID] [--navigations 200]
//
// The issue (default: the one with the most documents) gives the table of contents measured
// and the page the navigations start from. Prints tab-separated lines:
//   issue <id> <documents>
//   load <path> <run> <list_ms> <painted_ms> <started_ms> <feed_ms> <heap_bytes> <wasm_bytes> <nodes> <feed_start_ms>
//     list_ms: navigation start to the list's first item in the DOM; painted_ms: to the end of
//     the frame that shows it; started_ms: the wasm app mounted; feed_ms: the feed downloaded;
//     feed_start_ms: the feed requested.
//     Heap (after a forced garbage collection) and wasm linear memory once the list is shown.
//   steps <path> <run> <feed_start> <feed_end> <initiator> <start> <config> <requested> <saved> <body> <validated> <shown> <kept>
//     the same load taken apart: when the feed's download started and ended (resource timing;
//     <initiator> is `link` when the page's preload started it, `fetch` when the app did), then
//     the app's own performance marks (src/platform/perf.rs): feed code started, config.json
//     read, feed requested, saved copy looked up, body in memory, parsed and validated, catalog
//     built and shown, saved to Cache Storage (waited for: it comes after the paint). ms from
//     navigation start, `NaN` for a mark not made.
//   nav <step> <heap_bytes> <wasm_bytes> <nodes> <listeners>
//     after `step` in-app navigations (document, back, document, back, ...), after a GC.
//   navigation-errors <count> <first message>
//     console errors and uncaught errors (a Rust panic among them) during the navigations:
//     reported, not fatal, so that the memory figures are still measured.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNginx } from '../tests/e2e/support/nginx.mjs';
import { launchBare } from './bare-chromium.mjs';
import { CHROMIUM_ARGS } from '../playwright.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const get = (flag, dflt) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : dflt; };

const dist = path.resolve(root, get('--dist', 'target/bench/dist-10k'));
const runs = Number(get('--runs', '5'));
const feedJson = JSON.parse(fs.readFileSync(path.join(dist, 'feed', 'feed.json'), 'utf8'));
const contents = (g) => g.sections.reduce((n, s) => n + s.documents.length, 0);
const largest = [...feedJson.gazette].sort((a, b) => contents(b) - contents(a))[0];
const issue = get('--issue', largest?.id);
if (!issue) throw new Error(`the feed in ${dist} has no gazette issue`);
const navigations = Number(get('--navigations', '200'));
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** The first item of each list screen. */
const LISTS = [
  { path: '/gazette', selector: '.gk-issue-card' },
  { path: `/gazette/${issue}`, selector: '.gk-doc-card' },
];

// Runs in the page before any of its scripts: notes when the list's first item enters the DOM
// and when the frame showing it has been painted, when the app has mounted, and keeps the
// wasm memory for reading its size.
function probe(selector) {
  const b = (window.__bench = {});
  const check = () => {
    if (b.list === undefined && document.querySelector(selector)) {
      b.list = performance.now();
      // rAF runs before the frame's paint; a message posted from it is handled after.
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { b.painted = performance.now(); };
        ch.port2.postMessage(0);
      });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  addEventListener('TrunkApplicationStarted', (e) => {
    b.started = performance.now();
    b.memory = e.detail?.wasm?.memory;
  });
  // The timed loads run without DevTools' console reporting (bench/bare-chromium.mjs): errors
  // are collected here.
  b.errors = [];
  addEventListener('error', (e) => b.errors.push(String(e.message ?? e)));
  addEventListener('unhandledrejection', (e) => b.errors.push(String(e.reason)));
  const consoleError = console.error.bind(console);
  console.error = (...a) => { b.errors.push(a.map(String).join(' ')); consoleError(...a); };
}

/** Heap after two forced collections, wasm memory, DOM nodes and listeners: `page` is a
 *  Playwright page with its CDP session `cdp`, or a bare page (which is its own session). */
async function memory(page, cdp = page) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  const wasm = await page.evaluate('window.__bench?.memory?.buffer?.byteLength ?? 0');
  return { heap: usedSize, wasm, nodes, listeners: jsEventListeners };
}

function failOnErrors(page, errors) {
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
}

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const BROWSER_ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info'];
// Playwright's browser, for the navigations only: launched once the timed loads are done, so
// that it does not run beside them.
let browser;
const server = await startNginx({ port: Number(get('--port', '0')) || undefined, dist, name: 'bench-feed' });
const out = (cells) => process.stdout.write(`${cells.join('\t')}\n`);
out(['issue', issue, contents(feedJson.gazette.find((g) => g.id === issue))]);
try {
  for (const list of LISTS) {
    for (let run = 1; run <= runs; run++) {
      // A browser of its own each run, with a fresh profile: empty HTTP cache, as on a first
      // visit; driven over a bare DevTools pipe (see bench/bare-chromium.mjs for why).
      const bare = await launchBare({ executablePath: CHROME, args: BROWSER_ARGS });
      try {
        const page = await bare.open(new URL(list.path.slice(1), server.url).href, {
          metrics: { width: PHONE.viewport.width, height: PHONE.viewport.height, deviceScaleFactor: PHONE.deviceScaleFactor, mobile: true },
          initScript: `(${probe})(${JSON.stringify(list.selector)})`,
        });
        await page.waitFor('window.__bench?.painted !== undefined');
        // Over the protocol a NaN comes back as null.
        const num = (v) => (typeof v === 'number' ? v : NaN);
        const t = await page.evaluate(`(() => {
          const feed = performance.getEntriesByType('resource').find((r) => r.name.includes('/feed/feed.json'));
          return { ...window.__bench, memory: undefined, feed: feed?.responseEnd ?? NaN, feedStart: feed?.startTime ?? NaN, initiator: feed?.initiatorType ?? '' };
        })()`);
        // The save to Cache Storage comes after the paint: wait for it (or for the check to
        // end without one) so that it is measured and does not overlap the next run.
        await page.waitFor(`performance.getEntriesByName('gongkai:feed:kept').length > 0
          || document.querySelector('.gk-feed-notices')?.getAttribute('data-feed-check') === 'done'`);
        const marks = await page.evaluate(`['start', 'config', 'requested', 'saved-looked-up', 'body', 'validated', 'shown', 'kept']
          .map((name) => performance.getEntriesByName('gongkai:feed:' + name)[0]?.startTime ?? NaN)`);
        const m = await memory(page);
        const errors = await page.evaluate('window.__bench.errors');
        if (errors.length) throw new Error(`errors on ${list.path}:\n${errors.join('\n')}`);
        out(['load', list.path, run, num(t.list).toFixed(1), num(t.painted).toFixed(1), num(t.started).toFixed(1),
          num(t.feed).toFixed(1), m.heap, m.wasm, m.nodes, num(t.feedStart).toFixed(1)]);
        out(['steps', list.path, run, num(t.feedStart).toFixed(1), num(t.feed).toFixed(1), t.initiator || '-',
          ...marks.map((v) => num(v).toFixed(1))]);
      } finally {
        await bare.close();
      }
    }
  }

  // Back and forth: open a document from the issue's contents, go back, open another, ...
  browser = await chromium.launch({ executablePath: CHROME, args: BROWSER_ARGS });
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = [];
  failOnErrors(page, errors);
  await page.addInitScript(probe, '.gk-doc-card');
  const cdp = await context.newCDPSession(page);
  const issueUrl = new URL(`gazette/${issue}`, server.url).href;
  await page.goto(issueUrl);
  await page.locator('.gk-doc-card').first().waitFor();
  const reading = async (step) => {
    const m = await memory(page, cdp);
    out(['nav', step, m.heap, m.wasm, m.nodes, m.listeners]);
  };
  await reading(0);
  for (let step = 1; step <= navigations; step++) {
    if (step % 2 === 1) {
      // Spread over the contents: a different document each time, near the top and further down.
      // The contents are a virtual list: scrolling replaces the entries it keeps in the page,
      // so the n-th card in the page is another entry after every scroll. The card is picked by
      // its place among those in the page, then followed by its address, which does not move;
      // if it leaves the page meanwhile, another is picked.
      const cards = page.locator('.gk-doc-card');
      for (let attempt = 1; ; attempt++) {
        const count = await cards.count();
        const pick = ((step - 1) / 2 * 7) % count;
        try {
          const href = await cards.nth(pick).getAttribute('href', { timeout: 5_000 });
          await page.locator(`.gk-doc-card[href="${href}"]`).click({ timeout: 5_000 });
          break;
        } catch (e) {
          if (attempt === 5) throw new Error(`step ${step}, card ${pick} of ${count}: ${e.message}`);
        }
      }
      await page.waitForURL(/\/documents\//);
      await page.locator('h1.gk-doc__title').waitFor();
    } else {
      await page.goBack();
      await page.waitForURL(issueUrl);
      await page.locator('.gk-doc-card').first().waitFor();
    }
    if (step % 50 === 0) await reading(step);
  }
  const first = (errors[0] ?? '').split('\n').slice(0, 2).join(' ').replace(/\s+/g, ' ').slice(0, 300);
  out(['navigation-errors', errors.length, first]);
  await context.close();
} finally {
  await server.stop();
  await browser?.close();
}
