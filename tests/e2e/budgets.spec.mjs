// Size budgets, read from the release build in dist/. Bytes are stable from run to run, so
// these are hard limits; speed is measured by `cargo xtask bench`, not asserted here.
import { test, expect, feed } from './support/fixtures.mjs';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { PORT } from '../../playwright.config.mjs';

const dist = path.resolve(process.env.GONGKAI_DIST || 'dist');
const KB = 1024;

/** The app shell a first visit downloads (HTML + JS + wasm + CSS, not the feed), gzip. */
export const SHELL_GZIP_MAX = 250 * KB;

const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/**
 * Opens `url` in a fresh page and returns the build's files the browser fetched for it, by
 * path relative to dist/. Counted from real requests, so a file the page loads lazily (a
 * page's wasm chunk) is counted exactly when a first visit needs it.
 */
async function firstVisitFiles(page, url) {
  const fetched = new Set();
  page.on('requestfinished', (request) => {
    const u = new URL(request.url());
    if (u.origin !== `http://127.0.0.1:${PORT}`) return;
    const rel = decodeURIComponent(u.pathname).replace(/^\/+/, '');
    const file = path.join(dist, rel);
    fetched.add(fs.existsSync(file) && fs.statSync(file).isFile() ? rel : 'index.html');
  });
  await page.goto(url);
  await expect(page.locator('#static-shell')).toHaveCount(0);
  await expect(page.locator('main h1')).toBeVisible();
  await page.waitForLoadState('networkidle');
  return [...fetched].sort();
}

const isShellFile = (rel) => /\.(html|js|wasm|css)$/.test(rel);

test('a first visit to / downloads at most 250 KB gzip of app shell, and no page chunk', async ({ page }) => {
  const files = await firstVisitFiles(page, '/');
  const shell = files.filter(isShellFile);
  const sizes = shell.map((f) => [f, gzipSize(path.join(dist, f))]);
  const total = sizes.reduce((sum, [, n]) => sum + n, 0);
  const table = sizes.map(([f, n]) => `${f}: ${(n / KB).toFixed(1)} KB`).join(', ');
  expect(total, `app shell ${(total / KB).toFixed(1)} KB gzip (${table})`).toBeLessThanOrEqual(SHELL_GZIP_MAX);
  // The shell is the main module, its bindings, the link module, the start-up script and the
  // page; the pages' own code stays out of a first visit to the home page.
  expect(shell.filter((f) => /^chunk\d+-/.test(f)), 'page chunks loaded for /').toEqual([]);
  expect(shell.some((f) => f.endsWith('_bg.wasm'))).toBe(true);
  expect(shell).toContain('index.html');
});

test('a first visit to a deep link loads the shell and only that page\'s chunks', async ({ page }) => {
  const files = await firstVisitFiles(page, `/documents/${feed.documents[0].id}`);
  const chunks = files.filter((f) => /^chunk\d+-.*\.wasm$/.test(f));
  const all = fs.readdirSync(dist).filter((f) => /^chunk\d+-.*\.wasm$/.test(f));
  expect(chunks.length).toBeGreaterThan(0);
  expect(chunks.length).toBeLessThan(all.length);
});

test('a deep link fetches its page\'s code while the main module downloads, once each', async ({ page }) => {
  // A slow network (no request interception, which would turn the HTTP cache off).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: 750 * 1024 / 8,
  });
  const sent = new Map(); // request id → { file, at }
  const fromNetwork = new Map(); // file → how many answers came over the network
  let mainDone = Infinity;
  cdp.on('Network.requestWillBeSent', (e) => {
    const file = new URL(e.request.url).pathname.replace(/^\/+/, '');
    sent.set(e.requestId, { file, at: e.timestamp });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = sent.get(e.requestId);
    if (r && !e.response.fromDiskCache && !e.response.fromServiceWorker) {
      fromNetwork.set(r.file, (fromNetwork.get(r.file) ?? 0) + 1);
    }
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = sent.get(e.requestId);
    if (r && r.file.endsWith('_bg.wasm')) mainDone = Math.min(mainDone, e.timestamp);
  });
  await page.goto(`/documents/${feed.documents[0].id}`);
  await expect(page.locator('main h1')).toBeVisible({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  const chunkRequests = [...sent.values()].filter((r) => /^chunk\d+-.*\.wasm$/.test(r.file));
  expect(chunkRequests.length).toBeGreaterThan(0);
  const first = Math.min(...chunkRequests.map((r) => r.at));
  expect(first, 'the first chunk request starts before the main module has arrived').toBeLessThan(mainDone);
  const chunks = [...new Set(chunkRequests.map((r) => r.file))];
  for (const c of chunks) expect(fromNetwork.get(c) ?? 0, `${c} downloaded over the network`).toBe(1);
  // Requested once, by the start-up script: the link module takes that download over rather
  // than asking the HTTP cache for the chunk again.
  for (const c of chunks) expect(chunkRequests.filter((r) => r.file === c).length, `${c} requests`).toBe(1);
});

/** Each image in the bundled feed (docs/feed-format.md, "Media sizes"). */
export const FEED_IMAGE_MAX = 100 * KB;
/** Each audio or video file in the bundled feed. */
export const FEED_MEDIA_MAX = 400 * KB;

test('the bundled feed is fetched as its own file, never compiled into the wasm', () => {
  const text = fs.readFileSync(path.join(dist, 'feed', 'feed.json'), 'utf8');
  const modules = fs.readdirSync(dist).filter((f) => f.endsWith('.wasm'));
  expect(modules.length).toBeGreaterThan(1);
  // A distinctive id and sentence of the bundled content must be in no wasm module.
  const sample = JSON.parse(text).qa[0].id;
  for (const name of modules) {
    const wasm = fs.readFileSync(path.join(dist, name));
    expect(wasm.includes(Buffer.from(sample)), name).toBe(false);
    expect(wasm.includes(Buffer.from('政务公开工作要点')), name).toBe(false);
  }
});

test('every image and media file of the bundled feed is within its documented size', () => {
  const dir = path.join(dist, 'feed', 'media');
  const files = fs.readdirSync(dir);
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    const size = fs.statSync(path.join(dir, f)).size;
    const limit = /\.(mp3|ogg|opus|wav|mp4|webm)$/.test(f) ? FEED_MEDIA_MAX : FEED_IMAGE_MAX;
    expect(size, `${f} is ${size} B, limit ${limit} B`).toBeLessThanOrEqual(limit);
  }
});

test('index.html itself draws the header and the tab bar, so the first paint needs no wasm', () => {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  // The release build is minified: attribute values may be unquoted.
  const shellAt = html.search(/id="?static-shell"?[\s>]/);
  expect(shellAt, 'index.html has the static shell').toBeGreaterThan(0);
  const shell = html.slice(shellAt);
  expect(shell).toMatch(/class="?gk-header"?[\s>]/);
  expect(shell).toMatch(/class="?gk-tabbar"?[\s>]/);
  // The styles that lay the shell out are inlined, not fetched after the HTML.
  expect(html).toMatch(/<style[^>]*>[^<]*\.gk-header/);
  expect(html).not.toMatch(/<link[^>]+rel="?stylesheet"?/);
});

test('the Content-Security-Policy allows the one inline script of the build by its hash, and no other', async () => {
  // index.html applies the reader's display settings before the first paint with an inline
  // script; the shipped policy must name its hash exactly (as trunk's minifier wrote it), or
  // the browser refuses it and every page flashes at the takeover again.
  const policy = fs.readFileSync(path.resolve('deploy/nginx/gongkai-headers.conf'), 'utf8');
  const allowed = [...policy.matchAll(/'sha256-([A-Za-z0-9+/=]+)'/g)].map((m) => m[1]);
  for (const page of ['index.html', `documents/${feed.documents[0].id}/index.html`]) {
    const html = fs.readFileSync(path.join(dist, page), 'utf8');
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline, `inline scripts in ${page}`).toHaveLength(1);
    const hash = crypto.createHash('sha256').update(inline[0], 'utf8').digest('base64');
    expect(allowed, `deploy/nginx/gongkai-headers.conf must allow 'sha256-${hash}' (${page})`).toEqual([hash]);
  }
});
