// Pre-rendered pages (xtask/prerender.mjs): a shared link to an item of the bundled feed, or to
// one of its lists, shows the page itself before the wasm has loaded, or with no JavaScript at
// all, and the app then takes the page over without a loading line, a flash or anything moving.
import { test, expect, feed, zh, open, appShows, holdPageChunks, recordBuild, buildRecord } from './support/fixtures.mjs';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startNginx } from './support/nginx.mjs';

const dist = path.resolve(process.env.GONGKAI_DIST || 'dist');

const doc = feed.documents.find((d) => d.id === 'nmg-2019-zwgk-yaodian');
const qa = feed.qa[0];
const firstParagraph = doc.body.find((b) => b.type === 'paragraph');
/** The zh-Hans text of a paragraph's runs. */
const plain = (runs) => (Array.isArray(runs) ? runs : [runs])
  .map((r) => (typeof r === 'string' ? r : zh(r.text ?? r.em ?? r.strong ?? r)))
  .join('');

test('every item of the bundled feed has its page in the build, headed by its own title', () => {
  const escape = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const items = [
    ...feed.documents.map((d) => [`documents/${d.id}`, d.title]),
    ...feed.qa.map((q) => [`qa/${q.id}`, q.question]),
    ...feed.interpretations.map((x) => [`interpretations/${x.id}`, x.title]),
    ...feed.gazette.map((g) => [`gazette/${g.id}`, g.label]),
  ];
  for (const [route, title] of items) {
    const file = path.join(dist, route, 'index.html');
    expect(fs.existsSync(file), `${route}/index.html`).toBe(true);
    const html = fs.readFileSync(file, 'utf8');
    expect(html, route).toMatch(/<div [^>]*id="static-shell"[^>]*data-prerendered/);
    expect(html, route).toMatch(new RegExp(`<h1[^>]*>${escape(zh(title)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    // The same scripts as the app shell, and no others.
    const scripts = (h) => h.match(/<script[^>]*>/g);
    expect(scripts(html), route).toEqual(scripts(fs.readFileSync(path.join(dist, 'index.html'), 'utf8')).map((t) => t.replace(/=([^\s">]+)/g, '="$1"')));
  }
  // A link preview (read from the HTML by chat apps) names the document and opens its text.
  const html = fs.readFileSync(path.join(dist, 'documents', doc.id, 'index.html'), 'utf8');
  const opening = plain(firstParagraph.text).slice(0, 40);
  const meta = (attr, key) => html.match(new RegExp(`<meta (?=[^>]*${attr}="${key}")[^>]*content="([^"]*)"`))?.[1];
  expect(meta('property', 'og:title')).toBe(zh(doc.title));
  expect(meta('name', 'description')).toMatch(new RegExp(`^${opening}`));
  expect(meta('property', 'og:description')).toMatch(new RegExp(`^${opening}`));
  // The lists have theirs too, unfiltered.
  for (const [list, title] of [['qa', '政策问答'], ['interpretations', '图解政策'], ['gazette', '政府公报']]) {
    const file = path.join(dist, list, 'index.html');
    expect(fs.existsSync(file), `${list}/index.html`).toBe(true);
    const html = fs.readFileSync(file, 'utf8');
    expect(html, list).toMatch(/<div [^>]*id="static-shell"[^>]*data-prerendered/);
    expect(html, list).toMatch(new RegExp(`<h1[^>]*>${title}</h1>`));
  }
  const qaList = fs.readFileSync(path.join(dist, 'qa', 'index.html'), 'utf8');
  for (const q of feed.qa) expect(qaList, q.id).toContain(`>${zh(q.question)}</summary>`);
});

test.describe('with no JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a document link shows the document: title, details, text and working links', async ({ page }) => {
    await page.goto(`/documents/${doc.id}`);
    await expect(page).toHaveTitle(new RegExp(zh(doc.title)));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(doc.title));
    await expect(page.locator('.gk-doc__meta time').first()).toHaveText(doc.issued);
    await expect(page.locator('.gk-rich > p').first()).toHaveText(plain(firstParagraph.text));
    // The gazette tab is the current one, as in the app.
    const nav = page.getByRole('navigation', { name: '主导航' });
    await expect(nav.getByRole('link', { name: '公报' })).toHaveAttribute('aria-current', 'page');
    // Its links are plain links: the breadcrumb opens the gazette (the app shell, here inert).
    await page.locator('.gk-breadcrumb a').first().click();
    await expect(page).toHaveURL(/\/gazette$/);
  });

  test('a question link shows the question and its answer', async ({ page }) => {
    await page.goto(`/qa/${qa.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(qa.question));
  });

  test('addresses that are not pre-rendered get the app shell', async ({ page }) => {
    for (const url of ['/documents/no-such-document', '/settings', '/search?q=公开']) {
      await page.goto(url);
      await expect(page.locator('#static-shell')).not.toHaveAttribute('data-prerendered');
      await expect(page.locator('#static-shell .gk-loading')).toHaveText('正在加载…');
    }
  });
});

/** Display settings as the app saves them (src/state/prefs.rs), for a reader who chose them. */
const SETTINGS = {
  default: {},
  'dark, 长辈模式 and larger text': { theme: 'dark', elder: '1', contrast: '0', 'text-step': '3' },
};

for (const [settings, saved] of Object.entries(SETTINGS)) {
  test(`a document shows before its code has loaded, and the app takes it over in place (settings: ${settings})`, async ({ page }) => {
    // A reader's saved settings are applied before the first paint (the inline script in
    // index.html): before it, a reader in dark or elder mode saw the page flash and reflow at
    // the takeover.
    await page.addInitScript((saved) => {
      for (const [k, v] of Object.entries(saved)) localStorage.setItem(`gongkai.${k}`, v);
    }, saved);
    const refused = [];
    page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) refused.push(m.text()); });
    // Every frame until the app has taken over (and a few after): what the reader saw.
    await page.addInitScript(() => {
      const seen = [];
      const shifts = [];
      window.__seen = seen;
      window.__shifts = shifts;
      // Each shift with what moved, from where to where, so a failure names the element.
      const name = (n) => (n?.nodeType === 1
        ? `${n.tagName.toLowerCase()}${n.id ? `#${n.id}` : ''}${n.className ? `.${String(n.className).trim().split(/\s+/).join('.')}` : ''}`
        : n?.nodeName ?? 'gone');
      const rect = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(',');
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          shifts.push({
            value: e.value,
            at: Math.round(e.startTime),
            taking: !!document.getElementById('static-shell'),
            moved: e.sources.map((s) => `${name(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`),
          });
        }
      }).observe({ type: 'layout-shift', buffered: true });
      const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      const box = (el) => {
        const r = el?.getBoundingClientRect();
        return r ? [r.x, r.y, r.width, r.height].map((n) => Math.round(n * 10) / 10).join(',') : null;
      };
      let after = 0;
      const look = () => {
        // Frames once the page's HTML is parsed: before that the browser draws the pre-rendered
        // page as it arrives (one frame showed the title before the text was in), and the app,
        // a module script, has not started.
        if (document.readyState !== 'loading') {
          const taking = !!document.getElementById('static-shell');
          const h1 = [...document.querySelectorAll('h1')].filter(shown);
          const p = [...document.querySelectorAll('.gk-rich > p')].filter(shown)[0];
          seen.push({
            static: taking,
            h1s: h1.map((h) => h.textContent),
            h1: box(h1[0]),
            p: box(p),
            // Collapsed on phones, a side column open at full height on wide screens.
            outline: box(document.querySelector('.gk-outline')),
            colours: `${getComputedStyle(document.body).backgroundColor} ${p ? getComputedStyle(p).color : ''}`,
            size: p ? getComputedStyle(p).fontSize : null,
            elder: document.documentElement.getAttribute('data-elder'),
            loading: [...document.querySelectorAll('.gk-loading, .gk-route-pending')].some(shown),
          });
          if (!taking) after += 1;
        }
        if (after < 5) requestAnimationFrame(afterFrame);
      };
      // Read each frame's layout once it has been painted, not in the frame callback: there a
      // forced layout would come before the browser decides which `content-visibility: auto`
      // blocks are on screen, and see their size estimates rather than what is painted.
      const afterFrame = () => setTimeout(look);
      requestAnimationFrame(afterFrame);
    });
    // The page's code is held back until the pre-rendered page has been seen.
    const release = await holdPageChunks(page);
    await page.goto(`/documents/${doc.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(doc.title));
    await expect(page.locator('#static-shell')).toHaveAttribute('data-prerendered', '');
    // The main module is running and waits for the page's code: the pre-rendered page stays.
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('body > .gk-app').length)).toBe(2);
    await expect(page.locator('#static-shell')).toBeVisible();
    release();
    await expect(page.locator('#static-shell')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(doc.title));
    await expect.poll(() => page.evaluate(() => window.__seen.filter((f) => !f.static).length)).toBeGreaterThanOrEqual(5);

    const seen = await page.evaluate(() => window.__seen);
    const before = seen.filter((f) => f.static);
    const afterTakeover = seen.filter((f) => !f.static);
    expect(before.length, 'frames painted with the pre-rendered page').toBeGreaterThan(0);
    for (const f of seen) {
      // Every frame, before and after: the document's one title, in the same place, its first
      // paragraph in the same place, and never a loading line.
      expect(f.h1s).toEqual([zh(doc.title)]);
      expect(f.loading).toBe(false);
      expect(f.h1).toBe(afterTakeover[0].h1);
      expect(f.p).toBe(afterTakeover[0].p);
      expect(f.outline).toBe(afterTakeover[0].outline);
      // The reader's settings from the first frame on: same colours, same text size.
      expect(f.colours).toBe(afterTakeover[0].colours);
      expect(f.size).toBe(afterTakeover[0].size);
      expect(f.elder === 'on').toBe(saved.elder === '1');
    }
    expect(refused, 'scripts the Content-Security-Policy refused').toEqual([]);
    expect(await page.evaluate(() => window.__shifts), 'layout shifts').toEqual([]);
    // The live app answers: the text-size control, inert in the copy, now works.
    const size = page.locator('.gk-doc__tools .gk-font-size__value');
    const was = await size.textContent();
    await page.getByRole('button', { name: '增大字号' }).click();
    await expect(size).not.toHaveText(was);
  });
}

// The browser paints a page as its HTML arrives, and its parser may also stop to paint
// anywhere in a long page on a slow phone. A header painted with only its first button had
// that button move when the second came (a layout shift); index.html holds the first paint
// until the parser reaches `main`, so the header and navigation are painted whole.
test('a page whose HTML arrives in two parts, the first ending inside the header, is first painted with the whole header and navigation', async ({ page, baseURL }) => {
  const address = `/documents/${doc.id}`;
  // nginx's answer, uncompressed, with its headers (the Content-Security-Policy among them).
  const fromNginx = async (url) => {
    const upstream = await fetch(new URL(url, baseURL), { headers: { 'accept-encoding': 'identity' } });
    const headers = Object.fromEntries([...upstream.headers].filter(([k]) => !/^(content-length|content-encoding|transfer-encoding|connection)$/.test(k)));
    return { status: upstream.status, headers, body: Buffer.from(await upstream.arrayBuffer()) };
  };
  const documentPage = await fromNginx(address);
  const html = documentPage.body.toString('utf8');
  const cut = html.indexOf('</a>', html.indexOf('class="gk-header__action"')) + '</a>'.length;
  expect(cut, 'the header\'s first button in the page').toBeGreaterThan('</a>'.length);
  const proxy = http.createServer(async (req, res) => {
    if (req.url !== address) {
      const { status, headers, body } = await fromNginx(req.url);
      res.writeHead(status, headers);
      res.end(body);
      return;
    }
    res.writeHead(documentPage.status, documentPage.headers);
    res.write(html.slice(0, cut));
    setTimeout(() => res.end(html.slice(cut)), 800);
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  try {
    await page.addInitScript(() => {
      const count = (selector) => document.querySelectorAll(`#static-shell ${selector}`).length;
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__shifts.push(e.value);
      }).observe({ type: 'layout-shift', buffered: true });
      requestAnimationFrame(() => {
        window.__firstFrame = { actions: count('.gk-header__action'), tabs: count('.gk-tabbar__item'), at: performance.now() };
      });
    });
    const started = Date.now();
    await open(page, `http://127.0.0.1:${proxy.address().port}${address}`);
    expect(Date.now() - started, 'the page\'s second part was waited for').toBeGreaterThanOrEqual(800);
    const first = await page.evaluate(() => window.__firstFrame);
    expect(first, 'the first frame').toMatchObject({ actions: 2, tabs: 5 });
    expect(first.at, 'painted after the second part came').toBeGreaterThanOrEqual(700);
    expect(await page.evaluate(() => window.__shifts), 'layout shifts').toEqual([]);
  } finally {
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
  }
});

test('a pre-rendered page downloads nothing of the app before its first paint', async ({ page }) => {
  await open(page, `/documents/${doc.id}`);
  const { paint, requests } = await page.evaluate(() => ({
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    requests: performance.getEntriesByType('resource')
      .filter((r) => /(_bg\.wasm|chunk\d+-[0-9a-f]{16}\.wasm|gongkai-[0-9a-f]{16}\.js|config\.json|feed\.json)$/.test(r.name))
      .map((r) => ({ file: new URL(r.name).pathname, at: r.startTime, by: r.initiatorType })),
  }));
  expect(paint, 'first contentful paint').toBeGreaterThan(0);
  for (const file of ['_bg.wasm', 'config.json', 'feed/feed.json']) {
    expect(requests.some((r) => r.file.endsWith(file)), `${file} downloaded`).toBe(true);
  }
  for (const r of requests) {
    expect(r.at, `${r.file} starts after the first paint`).toBeGreaterThanOrEqual(paint);
    // Not preloaded by the page: requested by the start-up script and the app.
    expect(r.by, r.file).not.toBe('link');
  }
});

test('once taken over, the app is the page: in-app navigation works and the copy is gone', async ({ page }) => {
  await open(page, `/documents/${doc.id}`);
  await expect(page.locator('[data-prerendered]')).toHaveCount(0);
  await expect(page.locator('main#main')).toHaveCount(1);
  await page.locator('.gk-breadcrumb a').first().click();
  await expect(page).toHaveURL(/\/gazette$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('a button pressed on the pre-rendered page is pressed on the app\'s page once it has taken over', async ({ page }) => {
  // The page's code is held back: the pre-rendered copy stays on screen, its buttons inert.
  const release = await holdPageChunks(page);
  await page.goto(`/documents/${doc.id}`);
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('body > .gk-app').length)).toBe(2);
  const copy = page.locator('#static-shell');
  const textSize = () => page.locator('.gk-rich p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  const normal = await textSize();
  await copy.getByRole('button', { name: '增大字号' }).click();
  await copy.getByRole('button', { name: '增大字号' }).click();
  // Nothing happens on the copy itself.
  expect(await textSize()).toBe(normal);
  release();
  await expect(copy).toHaveCount(0);
  // Two steps up from 100 %: 130 %, in the control and in the text.
  await expect(page.locator('.gk-font-size__value')).toHaveText(/130%/);
  await expect.poll(textSize).toBeGreaterThan(normal * 1.2);
  // Pressed once each: nothing is pressed again on a later visit.
  await page.reload();
  await appShows(page);
  await expect(page.locator('.gk-font-size__value')).toHaveText(/130%/);
});

// The Q&A and gazette lists are pre-rendered unfiltered, and nginx answers their filtered
// addresses with the same file: the reader asked for one topic must not read all of them first.
test('a filtered list shows the copy\'s frame, not its unfiltered list, until the app shows the filtered one', async ({ page }) => {
  const topic = 'decision-openness';
  const filtered = feed.qa.filter((q) => q.topics.includes(topic));
  expect(filtered.length).toBeLessThan(feed.qa.length);
  const release = await holdPageChunks(page);
  await page.goto(`/qa?topic=${topic}`);
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('body > .gk-app').length)).toBe(2);
  const copy = page.locator('#static-shell');
  await expect(copy).toHaveAttribute('data-prerendered', '');
  await expect(copy.getByRole('navigation', { name: '主导航' })).toBeVisible();
  await expect(copy.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(copy.locator('.gk-qa').first()).toBeHidden();
  release();
  await expect(copy).toHaveCount(0);
  await expect(page.locator('.gk-qa')).toHaveCount(filtered.length);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政策问答');
});

test('the unfiltered Q&A list is read from its copy, and what the reader types in its filter is kept', async ({ page }) => {
  const release = await holdPageChunks(page);
  await page.goto('/qa');
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('body > .gk-app').length)).toBe(2);
  const copy = page.locator('#static-shell');
  await expect(copy.locator('.gk-qa')).toHaveCount(feed.qa.length);
  await expect(copy.locator('.gk-qa').first()).toBeVisible();
  const words = '低保';
  const matching = feed.qa.filter((q) => JSON.stringify(q).includes(words));
  expect(matching.length).toBeGreaterThan(0);
  expect(matching.length).toBeLessThan(feed.qa.length);
  await copy.getByLabel('筛选问答').fill(words);
  release();
  await expect(copy).toHaveCount(0);
  await expect(page.getByLabel('筛选问答')).toHaveValue(words);
  await expect(page.locator('.gk-qa')).toHaveCount(matching.length);
});

test('a section the reader opens on the pre-rendered page stays open in the app', async ({ page }) => {
  const release = await holdPageChunks(page);
  await page.goto(`/documents/${doc.id}`);
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('body > .gk-app').length)).toBe(2);
  // The copy was rendered for a phone: its outline starts closed.
  const copyOutline = page.locator('#static-shell .gk-outline details');
  await expect(copyOutline).toHaveJSProperty('open', false);
  await copyOutline.locator('summary').click();
  await expect(copyOutline).toHaveJSProperty('open', true);
  release();
  await expect(page.locator('#static-shell')).toHaveCount(0);
  const outline = page.getByRole('navigation', { name: '目录' });
  await expect(outline.locator('details')).toHaveJSProperty('open', true);
  await expect(outline.getByRole('link').first()).toBeVisible();
});

// The router does not put its base in front of an in-app link's address (leptos_router's `<A>`
// passes a path that starts with `/` through as it is): under a sub-path every link inside a
// page went to the site root, a 404. Links now carry the base, in the app and in the copies.
test.describe('under a sub-path', () => {
  const subDist = path.resolve(process.env.GONGKAI_SUB_DIST || 'dist-sub');

  test('links inside pages stay under it, in the pre-rendered page and in the app', async ({ browser }) => {
    if (!fs.existsSync(path.join(subDist, 'index.html'))) {
      throw new Error(`no sub-path build in ${subDist}: run \`cargo xtask build --public-url /gongkai/ --dist dist-sub\``);
    }
    const name = `prerendered-sub-${test.info().project.name}-${test.info().workerIndex}`;
    const server = await startNginx({ dist: subDist, subPath: '/gongkai/', name });
    try {
      const inPage = (page) => page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const still = await browser.newContext({ javaScriptEnabled: false });
      const copy = await still.newPage();
      await copy.goto(`${server.url}documents/${doc.id}`);
      await expect(copy.getByRole('heading', { level: 1 })).toHaveText(zh(doc.title));
      const copyLinks = await inPage(copy);
      expect(copyLinks.length).toBeGreaterThan(3);
      for (const href of copyLinks) expect(href).toMatch(/^\/gongkai\//);
      await still.close();

      const live = await browser.newContext({ serviceWorkers: 'block' });
      const page = await live.newPage();
      await open(page, `${server.url}documents/${doc.id}`);
      for (const href of await inPage(page)) expect(href).toMatch(/^\/gongkai\//);
      await page.locator('.gk-breadcrumb a').first().click();
      await expect(page).toHaveURL(`${server.url}gazette`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('政府公报');
      await live.close();
    } finally {
      await server.stop();
    }
  });
});

test('behind a pre-rendered document the app builds its header, its text and what follows a task each, and shows them together', async ({ page }) => {
  // The app's document page built in one task was, with the app's frame, the longest task of
  // the start-up. Behind the copy nobody sees the parts come in one after another; the copy
  // stays until the last is there.
  const parts = {
    header: '.gk-doc__header',
    text: '.gk-doc__body .gk-rich',
    related: '.gk-interp-link',
  };
  await recordBuild(page, parts);
  await open(page, `/documents/${doc.id}`);
  const { seen, atTakeover } = await buildRecord(page);
  const withParts = seen.filter((names) => names.length > 0);
  expect(withParts[0]).toEqual(['header']);
  expect(withParts.some((names) => names.includes('text') && !names.includes('related'))).toBe(true);
  expect(atTakeover).toEqual(Object.keys(parts));
});
