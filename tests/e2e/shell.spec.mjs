// The app shell: every permanent route renders its heading, the navigation marks the current
// section, unknown addresses get a helpful 404, and nothing logs an error.
import { recordBuild, buildRecord, test, expect, feed, zh, open, holdPageChunks } from './support/fixtures.mjs';

const qa = feed.qa[0];
const interp = feed.interpretations[0];
const issue = feed.gazette[0];
const doc = feed.documents[0];

const routes = [
  ['/', '政务公开'],
  ['/qa', '政策问答'],
  [`/qa/${qa.id}`, zh(qa.question)],
  ['/interpretations', '图解政策'],
  [`/interpretations/${interp.id}`, zh(interp.title)],
  ['/gazette', '政府公报'],
  [`/gazette/${issue.id}`, zh(issue.label)],
  [`/documents/${doc.id}`, zh(doc.title)],
  ['/search', '搜索'],
  ['/settings', '设置'],
];

for (const [path, heading] of routes) {
  test(`route ${path} renders its heading`, async ({ page }) => {
    await open(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
    await expect(page).toHaveTitle(/公开/);
  });
}

test('the page is in Chinese and has a skip link to the main content', async ({ page }) => {
  await open(page, '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const skip = page.getByRole('link', { name: '跳到正文' });
  await expect(skip).toHaveAttribute('href', '#main');
  await expect(page.locator('main#main')).toHaveCount(1);
});

test('tab navigation changes the route and marks the current tab', async ({ page }) => {
  await open(page, '/');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '首页' })).toHaveAttribute('aria-current', 'page');
  for (const [name, path, heading] of [
    ['问答', '/qa', '政策问答'],
    ['图解', '/interpretations', '图解政策'],
    ['公报', '/gazette', '政府公报'],
    ['搜索', '/search', '搜索'],
  ]) {
    await nav.getByRole('link', { name }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
  }
});

test('an unknown address shows the 404 page with a way home', async ({ page }) => {
  await open(page, '/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政务公开');
});

test('the footer says whose data it is and how fresh', async ({ page }) => {
  await open(page, '/');
  const footer = page.locator('footer.gk-footer');
  await expect(footer).toContainText(zh(feed.publisher.name));
  await expect(footer).toContainText(`数据截至 ${feed.generated_at.slice(0, 10)}`);
});

test('the navigation is a bottom bar on phones and a side rail on wide screens', async ({ page }, info) => {
  await open(page, '/');
  const box = await page.getByRole('navigation', { name: '主导航' }).boundingBox();
  const viewport = page.viewportSize();
  if (info.project.name === 'phone') {
    expect(box.y + box.height).toBeCloseTo(viewport.height, 0);
    expect(box.width).toBeCloseTo(viewport.width, 0);
  } else {
    expect(box.x).toBe(0);
    expect(box.width).toBeLessThan(viewport.width / 3);
  }
});

test('pages below a section keep its tab current: a question under 问答, a document under 公报', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const [path, tab] of [
    [`/qa/${qa.id}`, '问答'],
    [`/interpretations/${interp.id}`, '图解'],
    [`/gazette/${issue.id}`, '公报'],
    [`/documents/${doc.id}`, '公报'],
    ['/search?q=' + encodeURIComponent('公开'), '搜索'],
    ['/settings', null],
  ]) {
    await open(page, path);
    if (tab) {
      await expect(nav.getByRole('link', { name: tab })).toHaveAttribute('aria-current', 'page');
      await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    } else {
      await expect(nav.locator('[aria-current]')).toHaveCount(0);
    }
  }
});

// A page the build did not pre-render (search); a pre-rendered one stays on screen instead
// (prerendered.spec).
test('a deep link says it is loading while its page code downloads, with no footer jumping', async ({ page }) => {
  const release = await holdPageChunks(page);
  await page.goto('/search');
  await expect(page.locator('#static-shell')).toHaveCount(0);
  const pending = page.locator('.gk-route-pending');
  await expect(pending).toBeVisible();
  await expect(pending).toHaveText('正在加载…');
  await expect(page.locator('.gk-footer')).toBeHidden();
  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('搜索');
  await expect(pending).toBeHidden();
  await expect(page.locator('.gk-footer')).toBeVisible();
});

test('moving to a page whose code is still downloading shows a progress bar, then the page', async ({ page }) => {
  await open(page, '/');
  const release = await holdPageChunks(page);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '问答' }).click();
  const bar = page.locator('.gk-routing');
  await expect(bar).toHaveClass(/gk-routing--on/);
  await expect(bar).toHaveCSS('opacity', '1');
  await expect(page.locator('main')).toHaveAttribute('aria-busy', 'true');
  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政策问答');
  await expect(bar).not.toHaveClass(/gk-routing--on/);
});

test('a browser without byte-stream readers (an older WebView) still reads the feed', async ({ page }) => {
  // The feed is read into one buffer where the browser has BYOB readers, chunk by chunk where
  // it has not (src/platform/http.rs).
  await page.addInitScript(() => { delete window.ReadableStreamBYOBReader; });
  await open(page, '/gazette');
  expect(await page.evaluate(() => typeof window.ReadableStreamBYOBReader)).toBe('undefined');
  await expect(page.getByRole('link', { name: zh(issue.label) })).toBeVisible();
  await expect(page.locator('.gk-feed-notice')).toHaveCount(0);
});

for (const feedComes of ['with the page', 'after the app has mounted']) {
  test(`opening the home page moves nothing on screen (the feed comes ${feedComes})`, async ({ page }) => {
    // With the page built a task after the feed was read, the footer was painted under a
    // loading line and then moved: a layout shift on 9 of 10 loads of `/`.
    await page.addInitScript(() => {
      window.shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          window.shifts.push({ value: e.value, moved: e.sources.map((s) => s.node?.className ?? '') });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    let release = () => {};
    if (feedComes !== 'with the page') {
      const released = new Promise((r) => { release = r; });
      await page.route(/\/feed\/feed\.json$/, async (route) => {
        await released;
        await route.continue();
      });
    }
    await page.goto('/');
    await expect(page.locator('#static-shell')).toHaveCount(0);
    release();
    await expect(page.locator('.gk-loading')).toHaveCount(0);
    await expect(page.locator('.gk-footer')).toBeVisible();
    // The frames after the content came in, painted.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
    expect(await page.evaluate(() => window.shifts)).toEqual([]);
  });
}

test('the plain first paint stays until the app has built its header and tab bar, a task after the rest of its frame', async ({ page }) => {
  // Built in one task, the app's frame was the longest task of a start-up: on a phone four
  // times slower than this machine it held back a tap for about a tenth of a second. Out of
  // sight behind the plain shell, the header and tab bar come in a task of their own, and the
  // shell gives way only once they are there, so the reader never sees the app without them.
  await recordBuild(page, { main: 'main#main', header: '.gk-header', tabbar: '.gk-tabbar' });
  await open(page, '/');
  const { seen, atTakeover } = await buildRecord(page);
  expect(seen).toContainEqual(['main']);
  expect(atTakeover).toEqual(['main', 'header', 'tabbar']);
});
