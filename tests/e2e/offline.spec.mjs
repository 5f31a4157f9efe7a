// Offline and installable: once opened, the app opens again with the server gone (deep links
// included), a new build is offered with a "reload" prompt and taken only when asked, and
// Chromium reports the app installable, at the site root and under a sub-path.
//
// Each test starts its own nginx (the project's config) on a free port, so it can stop it or
// swap the build it serves; the port is also a fresh origin, so no service worker or cache of
// another test is in the way.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.mjs';
import { test, expect, feed, zh, open } from './support/fixtures.mjs';
import { startNginx } from './support/nginx.mjs';
import { buildDir, cacheName, makeVariant, root } from './support/variants.mjs';

// The rest of the suite blocks service workers (playwright.config.mjs); these tests need them.
test.use({ serviceWorkers: 'allow' });

const qa = feed.qa[0];
const doc = feed.documents[0];
const issue = feed.gazette[0];
const interp = feed.interpretations[0];

/** Waits until a service worker controls the page (every file of the build is then cached). */
async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null);
}

const offlineNotice = (page) => page.locator('.gk-offline');

test('after one visit the app opens with the server stopped, deep links included', async ({ page, context }) => {
  const server = await startNginx({ dist: buildDir(), name: `offline-${test.info().project.name}` });
  try {
    await open(page, server.url);
    await waitForServiceWorker(page);
    await expect(offlineNotice(page)).toHaveCount(0);

    await server.stop();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('政务公开');
    await expect(offlineNotice(page)).toHaveText('当前离线，正在显示已保存的内容');

    for (const [route, heading] of [
      [`qa/${qa.id}`, zh(qa.question)],
      [`documents/${doc.id}`, zh(doc.title)],
      [`gazette/${issue.id}`, zh(issue.label)],
      [`interpretations/${interp.id}`, zh(interp.title)],
    ]) {
      await open(page, server.url + route);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(offlineNotice(page)).toBeVisible();
    }
    // The content itself, not only headings: the Q&A's answer and the issue's cover image.
    await open(page, server.url + `qa/${qa.id}`);
    await expect(page.locator('main')).toContainText(zh(qa.question));
    await open(page, server.url + `gazette/${issue.id}`);
    const cover = page.locator('main img').first();
    await cover.scrollIntoViewIfNeeded();
    await expect.poll(() => cover.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);

    // Back online: the indicator goes away by itself.
    await context.setOffline(false);
    await expect(offlineNotice(page)).toHaveCount(0);
  } finally {
    await server.stop();
  }
});

test('saving for offline use that failed with the connection is tried again once it is back', async ({ page, context }) => {
  test.info().annotations.push({ type: 'allows-console-errors', description: 'Chromium logs the failed download of the worker script' });
  const server = await startNginx({ dist: buildDir(), name: `offline-retry-${test.info().project.name}` });
  try {
    // The connection drops just as the worker's script is downloaded.
    await context.route(/\/sw\.js$/, (route) => route.abort('internetdisconnected'));
    await open(page, server.url + 'settings');
    const status = page.getByRole('region', { name: '离线使用' }).locator('.gk-offline-status');
    await expect(status).toHaveText('离线保存没有完成，网络恢复或下次打开时会再试。');
    await context.unroute(/\/sw\.js$/);
    // The connection comes back: the same page, without a reload, saves the app after all.
    await page.evaluate(() => { window.__stillTheSamePage = true; });
    await context.setOffline(true);
    await context.setOffline(false);
    await expect(status).toHaveText('已可离线使用：应用和内容都已保存在本机。');
    await waitForServiceWorker(page);
    expect(await page.evaluate(() => window.__stillTheSamePage)).toBe(true);
  } finally {
    await server.stop();
  }
});

test('settings say the app is available offline and show the storage used', async ({ page }) => {
  const server = await startNginx({ dist: buildDir(), name: `offline-settings-${test.info().project.name}` });
  try {
    await open(page, server.url + 'settings');
    await waitForServiceWorker(page);
    const section = page.getByRole('region', { name: '离线使用' });
    await expect(section.getByRole('heading', { level: 2 })).toHaveText('离线使用');
    await expect(section.locator('.gk-offline-status')).toHaveText('已可离线使用：应用和内容都已保存在本机。');
    await expect(section.locator('.gk-offline-usage')).toContainText(/本站已使用 [\d.]+ (KB|MB)，可用空间 [\d.]+ (KB|MB|GB)/);
    // Persistent storage: either already granted, or a button that asks for it.
    const granted = section.getByText('浏览器已同意长期保存');
    const ask = section.getByRole('button', { name: '请求长期保存离线数据' });
    await expect(granted.or(ask)).toBeVisible();
    if (await ask.isVisible()) {
      await ask.click();
      await expect(section.getByText(/浏览器(已同意|暂未同意)长期保存/)).toBeVisible();
    }
    // Whose feed this is: its origin and address.
    const feedSection = page.getByRole('region', { name: '数据来源' });
    await expect(feedSection.locator('.gk-feed-source__origin')).toHaveText(`http://127.0.0.1:${server.port}`);
    await expect(feedSection.locator('.gk-feed-source__url')).toHaveText(`${server.url}feed/feed.json`);
  } finally {
    await server.stop();
  }
});

test('the bundled feed is revalidated with a conditional request, and a 304 changes nothing', async ({ page }) => {
  const name = `conditional-${test.info().project.name}`;
  const server = await startNginx({ dist: buildDir(), name });
  const log = path.join(root, 'target', 'nginx', name, 'logs', 'access.log');
  const feedRequests = () =>
    fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.includes('"GET /feed/feed.json '));
  try {
    await open(page, server.url);
    await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
    const before = feedRequests().length;
    await page.reload();
    await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
    // The browser revalidated its copy (its ETag went along), and nginx answered "not modified".
    await expect.poll(() => feedRequests().slice(before).some((l) => / 304 /.test(l))).toBe(true);
    await expect(page.locator('.gk-feed-notice')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('政务公开');
  } finally {
    await server.stop();
  }
});

test('a first visit downloads the feed once: the worker starts after the feed is shown and revalidates it', async ({ page }) => {
  const name = `feed-once-${test.info().project.name}`;
  const server = await startNginx({ dist: buildDir(), name });
  const log = path.join(root, 'target', 'nginx', name, 'logs', 'access.log');
  const from = fs.readFileSync(log, 'utf8').split('\n').length - 1;
  const feedRequests = () =>
    fs.readFileSync(log, 'utf8').split('\n').slice(from).filter((l) => l.includes('"GET /feed/feed.json '));
  try {
    await open(page, server.url + 'gazette');
    await waitForServiceWorker(page);
    const at = (name) => page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN, name);
    // Its install would otherwise download every file of the build while the page loads.
    expect(await at('gongkai:sw:register')).toBeGreaterThan(await at('gongkai:feed:shown'));
    // The page's download, then the worker's revalidation of the same copy: not modified.
    const statuses = feedRequests().map((l) => l.match(/" (\d{3}) /)?.[1]);
    expect(statuses).toEqual(['200', '304']);
  } finally {
    await server.stop();
  }
});

/** The app shell's preloads of config.json and the bundled feed (see index.html). */
const PRELOADS = [
  '<link rel="preload" href="config.json" as="fetch" crossorigin>',
  '<link rel="preload" href="feed/feed.json" as="fetch" crossorigin>',
];

/** A copy of the build under test whose index.html preloads config.json and the feed. */
function preloadingBuild(name) {
  const dir = makeVariant(name);
  // The gazette list is pre-rendered, and a pre-rendered page has no preloads: here it is
  // answered with the shell, as an address the build did not pre-render is.
  fs.rmSync(path.join(dir, 'gazette', 'index.html'));
  const index = path.join(dir, 'index.html');
  const html = fs.readFileSync(index, 'utf8');
  // The release build is minified: attributes in any order, without quotes.
  if (!/<link(?=[^>]*\brel="?preload)[^>]*feed\/feed\.json/.test(html)) {
    const base = html.match(/<base [^>]*>/);
    if (!base) throw new Error(`${index} has no <base>`);
    const at = base.index + base[0].length;
    fs.writeFileSync(index, html.slice(0, at) + PRELOADS.join('') + html.slice(at));
  }
  return dir;
}

/** GET `url` with `Accept-Encoding: gzip`: status, headers and the bytes on the wire. */
function getGzip(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test.describe('the feed download', () => {
  // Blocked here: the worker's own precache downloads would be counted with the page's.
  test.use({ serviceWorkers: 'block' });

  test('config.json and the feed preloaded by the page are each downloaded once, by the preload', async ({ page }) => {
    // The page starts both downloads at navigation, before the wasm has loaded; the app's own
    // requests must take those over, not download the feed a second time.
    const name = `preload-${test.info().project.name}-${test.info().workerIndex}`;
    const server = await startNginx({ dist: preloadingBuild(name), name });
    const log = path.join(root, 'target', 'nginx', name, 'logs', 'access.log');
    // The log outlives the server (a test run before this one left its lines): count from here.
    const lines = () => fs.readFileSync(log, 'utf8').split('\n');
    const from = lines().length - 1;
    const gets = (file) => lines().slice(from).filter((l) => l.includes(`"GET /${file} `));
    try {
      // When the first issue card is put in the page.
      await page.addInitScript(() => {
        const seen = new MutationObserver(() => {
          if (document.querySelector('.gk-issue-card')) {
            performance.mark('test:first-card');
            seen.disconnect();
          }
        });
        seen.observe(document, { childList: true, subtree: true });
      });
      // A page served with the shell's preloads (a pre-rendered page has none: prerendered.spec).
      await open(page, server.url + 'gazette');
      await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('政府公报');
      expect(gets('config.json')).toHaveLength(1);
      expect(gets('feed/feed.json')).toHaveLength(1);
      const started = await page.evaluate(() =>
        performance.getEntriesByType('resource')
          .filter((r) => /\/(config|feed\/feed)\.json$/.test(r.name))
          .map((r) => r.initiatorType),
      );
      expect(started.sort()).toEqual(['link', 'link']);
      // The marks the feed benchmark reads: each once, in the order the steps depend on each
      // other (the body and the look-up of the saved copy run side by side, in either order).
      const marks = await page.evaluate(() =>
        performance.getEntriesByType('mark').map((m) => m.name).filter((m) => m.startsWith('gongkai:feed:')),
      );
      const steps = ['start', 'config-requested', 'config', 'requested', 'saved-looked-up', 'body', 'validated', 'shown', 'kept'];
      expect([...marks].sort()).toEqual(steps.map((s) => `gongkai:feed:${s}`).sort());
      const at = (step) => marks.indexOf(`gongkai:feed:${step}`);
      // The preloaded feed and config.json are taken over at once, before the app is built,
      // side by side; the feed is shown only once the configuration has confirmed it.
      for (const [before, after] of [['requested', 'start'], ['config-requested', 'start'],
        ['requested', 'config'], ['config', 'shown'],
        ['requested', 'body'], ['requested', 'saved-looked-up'], ['body', 'validated'], ['validated', 'shown'],
        ['shown', 'kept']]) {
        expect(at(before), `${before} before ${after}`).toBeLessThan(at(after));
      }
      // Saving the feed and registering the service worker wait until the page built from the
      // feed is in place (its code loaded, its first cards built): neither competes with the
      // first screen.
      const time = (name) => page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime, name);
      const firstCard = await time('test:first-card');
      expect(await time('gongkai:feed:kept')).toBeGreaterThan(firstCard);
      expect(await time('gongkai:sw:register')).toBeGreaterThan(firstCard);
    } finally {
      await server.stop();
    }
  });

  test('a precompressed feed is served as it is, and shown', async ({ page }) => {
    // nginx sends feed/feed.json.gz for feed/feed.json (gzip_static) instead of compressing the
    // feed again for every request; the browser unpacks it and the app reads it as usual.
    const name = `gzip-static-${test.info().project.name}-${test.info().workerIndex}`;
    const dist = makeVariant(name);
    const json = fs.readFileSync(path.join(dist, 'feed', 'feed.json'));
    const packed = zlib.gzipSync(json, { level: 9 });
    fs.writeFileSync(path.join(dist, 'feed', 'feed.json.gz'), packed);
    const server = await startNginx({ dist, name });
    try {
      const res = await getGzip(server.url + 'feed/feed.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBeTruthy();
      // The file's own bytes, not a fresh compression.
      expect(res.body.equals(packed)).toBe(true);
      await open(page, server.url + `documents/${doc.id}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(doc.title));
      await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
      await expect(page.locator('.gk-feed-notice')).toHaveCount(0);
    } finally {
      await server.stop();
    }
  });
});

test('without service workers or Cache Storage the app works online and says nothing alarming', async ({ page }) => {
  // Some in-app browsers have neither: the app must still read the bundled feed normally.
  await page.addInitScript(() => {
    delete Navigator.prototype.serviceWorker;
    delete window.caches;
  });
  await open(page, `/qa/${qa.id}`);
  expect(await page.evaluate(() => ['serviceWorker' in navigator, 'caches' in window])).toEqual([false, false]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(qa.question));
  await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
  await expect(page.locator('.gk-feed-notice, .gk-update, .gk-offline, [role="alert"]')).toHaveCount(0);
  await page.getByRole('link', { name: '设置' }).click();
  const section = page.getByRole('region', { name: '离线使用' });
  await expect(section.locator('.gk-offline-status')).toHaveText('此浏览器不能保存应用以供离线使用；联网时可正常使用。');
});

test.describe('a new build', () => {
  let v2;
  const newQuestion = `【新版】${zh(qa.question)}`;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const changed = structuredClone(feed);
    changed.version += 1;
    changed.qa[0].question = { ...changed.qa[0].question, 'zh-Hans': newQuestion };
    // A second build: changed content, a marked app shell, and its own sw.js from the xtask.
    v2 = makeVariant(`update-v2-${test.info().project.name}-${test.info().workerIndex}`, { feed: changed, marker: 'v2', precache: true });
  });

  test('is offered with a reload prompt and shows its content after the reload', async ({ page }) => {
    const name = `update-${test.info().project.name}`;
    let server = await startNginx({ dist: buildDir(), name });
    const port = server.port;
    try {
      await open(page, server.url + `qa/${qa.id}`);
      await waitForServiceWorker(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(qa.question));
      const first = cacheName(buildDir());
      expect(await page.evaluate(() => caches.keys())).toContain(first);

      // Deploy the second build on the same address.
      await server.stop();
      server = await startNginx({ port, dist: v2, name });
      await page.reload();
      const prompt = page.locator('.gk-update');
      await expect(prompt).toContainText('有新版本可用');
      // Until the reader asks, the page keeps running the build it loaded (no mixing).
      await expect(page.locator('meta[name="gongkai-build"]')).toHaveCount(0);

      await prompt.getByRole('button', { name: '重新加载' }).click();
      await expect(page.locator('meta[name="gongkai-build"]')).toHaveAttribute('content', 'v2');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(newQuestion);
      await expect(prompt).toHaveCount(0);
      // The old build's cache is gone; only the new one remains.
      const caches = await page.evaluate(() => caches.keys());
      expect(caches.filter((c) => c.startsWith('gongkai-precache-'))).toEqual([cacheName(v2)]);
    } finally {
      await server.stop();
    }
  });

  test('"later" hides the prompt and leaves the running version alone', async ({ page }) => {
    const name = `update-later-${test.info().project.name}`;
    let server = await startNginx({ dist: buildDir(), name });
    const port = server.port;
    try {
      await open(page, server.url);
      await waitForServiceWorker(page);
      await server.stop();
      server = await startNginx({ port, dist: v2, name });
      await page.reload();
      const prompt = page.locator('.gk-update');
      await expect(prompt).toBeVisible();
      await prompt.getByRole('button', { name: '稍后' }).click();
      await expect(prompt).toHaveCount(0);
      await expect(page.locator('meta[name="gongkai-build"]')).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('政务公开');
    } finally {
      await server.stop();
    }
  });
});

test('the service worker precaches every file of the build, and nothing that is not there', () => {
  const dir = buildDir();
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const listed = JSON.parse(sw.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]).map(decodeURIComponent);
  const files = [];
  const prerendered = [];
  const walk = (d, prefix) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) walk(path.join(d, e.name), `${prefix}${e.name}/`);
      // Pre-rendered pages: the worker answers every address with the shell instead.
      else if (prefix && e.name === 'index.html' && fs.readFileSync(path.join(d, e.name), 'utf8').includes('gk-prerendered-from')) prerendered.push(`${prefix}${e.name}`);
      // The server's precompressed copies (x.gz, x.br beside x) are not files the app asks for.
      else if (/\.(gz|br)$/.test(e.name) && fs.existsSync(path.join(d, e.name.slice(0, -3)))) copies.push(`${prefix}${e.name}`);
      else if (`${prefix}${e.name}` !== 'sw.js') files.push(`${prefix}${e.name}`);
    }
  };
  const copies = [];
  walk(dir, '');
  expect(listed.sort()).toEqual(files.sort());
  expect(copies, 'the build writes a gzip copy of the bundled feed').toContain('feed/feed.json.gz');
  expect(prerendered, 'the build pre-renders the documents').toContain(`documents/${feed.documents[0].id}/index.html`);
  for (const page of prerendered) expect(listed).not.toContain(page);
  for (const must of ['index.html', 'config.json', 'manifest.webmanifest', 'feed/feed.json', 'icons/icon-192.png']) {
    expect(listed).toContain(must);
  }
  expect(listed.some((f) => /_bg\.wasm$/.test(f))).toBe(true);
  expect(listed.some((f) => /^boot-[0-9a-f]{16}\.js$/.test(f))).toBe(true);
  expect(listed.some((f) => f.startsWith('feed/media/'))).toBe(true);
  // The template itself is not part of the build.
  expect(listed).not.toContain('sw.template.js');
  expect(cacheName(dir)).toMatch(/^gongkai-precache-[0-9a-f]{16}$/);
});

/**
 * Opens `url` in a fresh persistent (non-incognito) Chromium profile, waits for the service
 * worker, and returns what Chromium says about installing the app: Playwright's usual contexts
 * are incognito, where Chromium never offers installation ("in-incognito").
 */
async function installability(url) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // The icons the page itself asks for (its tab icon, and the one Chromium draws to offer
    // installation); the service worker's precache asks for every icon from its own thread.
    const icons = [];
    page.on('request', (r) => /\/icons\//.test(r.url()) && !r.serviceWorker() && icons.push(path.basename(new URL(r.url()).pathname)));
    await open(page, url);
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    const resolved = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      const href = document.querySelector('link[rel="manifest"]').href;
      const m = await (await fetch(href)).json();
      return {
        start: new URL(m.start_url, href).href,
        scope: new URL(m.scope, href).href,
        worker: reg.scope,
      };
    });
    return { manifestErrors: manifest.errors, installabilityErrors, resolved, errors, icons: [...new Set(icons)].sort() };
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

test('Chromium reports the app installable, with start URL and scope at the root', async ({ baseURL }) => {
  const base = `${baseURL}/`;
  const r = await installability(base);
  expect(r.manifestErrors).toEqual([]);
  expect(r.installabilityErrors).toEqual([]);
  expect(r.resolved).toEqual({ start: base, scope: base, worker: base });
  expect(r.errors).toEqual([]);
  // Regression: the manifest listed an SVG icon, which Chromium picked and drew on the page's
  // main thread right after its first paint (6-8 ms, its 公 set in a CJK font) to check that
  // the app can be installed. Every icon the page asks for is a PNG.
  expect(r.icons).toEqual(['icon-192.png', 'icon-48.png']);
});

// A build for a sub-path: `cargo xtask build --public-url /gongkai/ --dist <dir>`, named by
// GONGKAI_SUB_DIST (the suite's default build is for the root).
const subDist = path.resolve(root, process.env.GONGKAI_SUB_DIST || 'dist-sub');

test('under a sub-path the app is installable, scoped to it, and opens offline', async ({ page, context }) => {
  if (!fs.existsSync(path.join(subDist, 'index.html'))) {
    throw new Error(`no sub-path build in ${subDist}: run \`cargo xtask build --public-url /gongkai/ --dist dist-sub\``);
  }
  const name = `offline-sub-${test.info().project.name}`;
  const server = await startNginx({ dist: subDist, subPath: '/gongkai/', name });
  try {
    const r = await installability(server.url);
    expect(r.manifestErrors).toEqual([]);
    expect(r.installabilityErrors).toEqual([]);
    expect(r.resolved).toEqual({ start: server.url, scope: server.url, worker: server.url });
    expect(r.errors).toEqual([]);

    await open(page, server.url);
    await waitForServiceWorker(page);
    await server.stop();
    await context.setOffline(true);
    await open(page, server.url + `documents/${doc.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(doc.title));
    await expect(offlineNotice(page)).toBeVisible();
    await open(page, server.url + `qa/${qa.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(qa.question));
  } finally {
    await server.stop();
  }
});
