// A long table of contents (more than 200 entries) puts only the entries near the screen into
// the page, so it opens as fast as a short one; every entry can still be reached by scrolling
// and by keyboard, and the list stays a proper list for assistive technology.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, feed, open } from './support/fixtures.mjs';

const COUNT = 500;
const FIRST_SECTION = 300;
const seed = feed.documents[0];
const title = (n) => `长目录测试文件第${n}号`;
const documents = Array.from({ length: COUNT }, (_, i) => ({
  id: `long-toc-${String(i + 1).padStart(3, '0')}`,
  title: { 'zh-Hans': title(i + 1) },
  kind: seed.kind,
  agency: seed.agency,
  issued: '2019-12-01',
  status: 'in_force',
  body: [{ type: 'paragraph', text: `第${i + 1}号文件的正文。` }],
}));
const longIssue = {
  id: 'long-toc-issue',
  year: 2019,
  number: 99,
  label: { 'zh-Hans': '2019年长目录测试期' },
  published: '2019-12-31',
  sections: [
    { title: { 'zh-Hans': '第一部分' }, documents: documents.slice(0, FIRST_SECTION).map((d) => d.id) },
    { title: { 'zh-Hans': '第二部分' }, documents: documents.slice(FIRST_SECTION).map((d) => d.id) },
  ],
};
const URL = `/gazette/${longIssue.id}`;
const entry = (page, n) => page.getByRole('link', { name: new RegExp(`^${title(n)}(?!\\d)`) });

test.beforeEach(async ({ page }) => {
  await page.route('**/feed/feed.json', (route) =>
    route.fulfill({
      json: { ...feed, documents: [...feed.documents, ...documents], gazette: [...feed.gazette, longIssue] },
    }),
  );
});

test('a table of contents of 500 entries puts only the entries near the screen into the page', async ({ page }) => {
  await open(page, URL);
  await expect(entry(page, 1)).toBeVisible();
  const inPage = await page.locator('.gk-doc-card').count();
  expect(inPage).toBeGreaterThan(0);
  expect(inPage).toBeLessThan(150);
  await expect(entry(page, COUNT)).toHaveCount(0);
  // The stand-ins give the list the height of all its entries, so the page scrolls as far.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeGreaterThan(COUNT * 40);
});

test('scrolling to the end of the contents shows the last entry, which opens its document', async ({ page }) => {
  await open(page, URL);
  await expect(async () => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(entry(page, COUNT)).toBeInViewport({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  // The entries of the start are out of the page by now.
  await expect(entry(page, 1)).toHaveCount(0);
  await entry(page, COUNT).click();
  await expect(page).toHaveURL(/\/documents\/long-toc-500$/);
  await expect(page.getByRole('heading', { level: 1, name: title(COUNT) })).toBeVisible();
});

test('moving through the contents with Tab reaches entries that were not in the page at first', async ({ page }) => {
  await open(page, URL);
  await entry(page, 1).focus();
  for (let i = 0; i < 80; i++) await page.keyboard.press('Tab');
  await expect(entry(page, 81)).toBeFocused();
  await expect(entry(page, 81)).toBeInViewport();
  for (let i = 0; i < 40; i++) await page.keyboard.press('Shift+Tab');
  await expect(entry(page, 41)).toBeFocused();
});

// On a slow phone keys can come quicker than frames, and a scroll event only comes with a
// frame: the window's idea of where the screen is can be many rows behind the focus. Here no
// scroll event reaches the page during the walk at all.
test('Tab walks on through the contents when keys come quicker than scroll events', async ({ page }) => {
  await page.addInitScript(() => {
    window.addEventListener('scroll', (e) => { if (window.holdScrollEvents) e.stopImmediatePropagation(); }, true);
  });
  await open(page, URL);
  await entry(page, 1).focus();
  await page.evaluate(() => { window.holdScrollEvents = true; });
  for (let i = 0; i < 80; i++) await page.keyboard.press('Tab');
  await expect(entry(page, 81)).toBeFocused();
  // The scroll events come again: the window follows the screen, which shows the focused entry.
  await page.evaluate(() => { window.holdScrollEvents = false; window.dispatchEvent(new Event('scroll')); });
  await expect(entry(page, 81)).toBeFocused();
  await expect(entry(page, 81)).toBeInViewport();
  await expect(entry(page, 1)).toHaveCount(0);
  // And back up, again with no scroll event, past the rows the window started from.
  await page.evaluate(() => { window.holdScrollEvents = true; });
  for (let i = 0; i < 70; i++) await page.keyboard.press('Shift+Tab');
  await expect(entry(page, 11)).toBeFocused();
});

test('keyboard focus on the last entry in the page brings the next entries in at once, not a frame later', async ({ page }) => {
  await open(page, URL);
  await expect(entry(page, 1)).toBeVisible();
  // Keys can come quicker than a slow phone's frames, so the entries after the focused one must
  // be in the page before the next key, not after a scroll event and a frame. Only microtasks
  // run between the focus and the check here, and no frame can come between them. (Focus from
  // a script counts as keyboard focus: it shows the focus ring.)
  const after = await page.evaluate(async () => {
    const list = document.querySelector('.gk-doc-list');
    const cards = list.querySelectorAll('.gk-doc-card');
    const last = cards[cards.length - 1];
    last.focus();
    for (let i = 0; i < 50; i++) await Promise.resolve();
    const now = [...list.querySelectorAll('.gk-doc-card')];
    return { focused: document.activeElement === last, following: now.length - 1 - now.indexOf(last) };
  });
  expect(after.focused).toBe(true);
  expect(after.following).toBe(8);
});

test('the second section of a long issue keeps its heading and its own entries', async ({ page }) => {
  await open(page, URL);
  const second = page.getByRole('region', { name: '第二部分' });
  await second.scrollIntoViewIfNeeded();
  await expect(async () => {
    await second.getByRole('heading', { name: '第二部分' }).scrollIntoViewIfNeeded();
    await expect(entry(page, FIRST_SECTION + 1)).toBeInViewport({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(second.getByRole('listitem').first()).toContainText(title(FIRST_SECTION + 1));
});

test('axe finds no WCAG A/AA violations in a long table of contents, scrolled or not', async ({ page }) => {
  await open(page, URL);
  const check = async () => {
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  };
  expect(await check()).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await page.waitForTimeout(300);
  expect(await check()).toEqual([]);
});
