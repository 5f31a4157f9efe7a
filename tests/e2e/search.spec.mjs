// Search: exact Chinese substrings as you type, highlighted, with the query in the URL,
// filters by kind, and clear empty and no-result states.
import { test, expect, feed, zh, open } from './support/fixtures.mjs';

/** Every item whose text holds `term` (a plain substring scan of the feed JSON per item). */
function itemsContaining(term) {
  const has = (x) => JSON.stringify(x).includes(term);
  return {
    qa: feed.qa.filter(has).length,
    interpretation: feed.interpretations.filter(has).length,
    document: feed.documents.filter(has).length,
  };
}

test('typing a term shows the matching items with the term highlighted and updates the URL', async ({ page }) => {
  await open(page, '/search');
  await page.getByLabel('搜索政策、问答和公报').fill('减税降费');
  await expect(page).toHaveURL(/\/search\?q=%E5%87%8F%E7%A8%8E%E9%99%8D%E8%B4%B9$/);
  const expected = itemsContaining('减税降费');
  const total = expected.qa + expected.interpretation + expected.document;
  expect(total).toBeGreaterThan(0);
  await expect(page.locator('.gk-hit')).toHaveCount(total);
  await expect(page.getByRole('status').filter({ hasText: '条结果' })).toHaveText(`找到 ${total} 条结果`);
  const marks = page.locator('.gk-hit mark');
  expect(await marks.count()).toBeGreaterThan(0);
  for (const text of await marks.allTextContents()) expect(text).toBe('减税降费');
});

test('a shared search link shows the results, and a kind filter narrows them', async ({ page }) => {
  await open(page, '/search?q=' + encodeURIComponent('政务公开'));
  await expect(page.getByLabel('搜索政策、问答和公报')).toHaveValue('政务公开');
  const expected = itemsContaining('政务公开');
  await expect(page.locator('.gk-hit')).toHaveCount(Math.min(50, expected.qa + expected.interpretation + expected.document));
  const qaChip = page.getByRole('button', { name: new RegExp(`^问答 ${expected.qa}$`) });
  await qaChip.click();
  await expect(qaChip).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/kind=qa/);
  await expect(page.locator('.gk-hit')).toHaveCount(expected.qa);
  for (const kind of await page.locator('.gk-hit__kind').allTextContents()) expect(kind).toBe('问答');
});

test('a document matches by its 文号 and the result leads to it', async ({ page }) => {
  const doc = feed.documents.find((d) => d.number);
  await open(page, '/search?q=' + encodeURIComponent(doc.number));
  const hit = page.locator('.gk-hit').first();
  await expect(hit.locator('.gk-hit__number mark')).toHaveText(doc.number);
  await hit.getByRole('link').click();
  await expect(page).toHaveURL(`/documents/${doc.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(doc.title));
});

test('a term that appears nowhere says so, and an empty query offers suggestions and recent searches', async ({ page }) => {
  await open(page, '/search?q=' + encodeURIComponent('量子计算机'));
  await expect(page.getByText('没有找到包含这些词语的内容。')).toBeVisible();
  await expect(page.locator('.gk-hit')).toHaveCount(0);
  await page.getByLabel('搜索政策、问答和公报').fill('12345');
  await page.getByLabel('搜索政策、问答和公报').press('Enter');
  await page.getByLabel('搜索政策、问答和公报').fill('');
  await expect(page.getByRole('heading', { name: '试试这些主题' })).toBeVisible();
  await expect(page.getByRole('link', { name: zh(feed.topics[0].name) })).toBeVisible();
  await expect(page.getByRole('heading', { name: '最近搜索' })).toBeVisible();
  const empty = page.locator('.gk-search__empty');
  await expect(empty.getByRole('link', { name: '12345', exact: true })).toBeVisible();
  // Suggestions are links to other searches, not the current page.
  await expect(empty.locator('[aria-current]')).toHaveCount(0);
});

test.describe('offline', () => {
  // Service workers are blocked for the rest of the suite (playwright.config.mjs).
  test.use({ serviceWorkers: 'allow' });

  test('search works with the server stopped and the network off', async ({ page, context }) => {
    const { startNginx } = await import('./support/nginx.mjs');
    const { buildDir } = await import('./support/variants.mjs');
    const server = await startNginx({ dist: buildDir(), name: `search-offline-${test.info().project.name}` });
    try {
      await open(page, server.url + 'search');
      await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null);
      await server.stop();
      await context.setOffline(true);
      await open(page, server.url + 'search?q=' + encodeURIComponent('一号对外'));
      const expected = itemsContaining('一号对外');
      await expect(page.locator('.gk-hit')).toHaveCount(expected.qa + expected.interpretation + expected.document);
      await expect(page.locator('.gk-hit mark').first()).toHaveText('一号对外');
    } finally {
      await context.setOffline(false);
      await server.stop();
    }
  });
});
