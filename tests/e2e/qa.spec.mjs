// Policy Q&A: browse by topic, filter by typing, expand in place, read one question with its
// policy basis, share it, and never render feed markup as HTML.
import { test, expect, feed, zh, open } from './support/fixtures.mjs';

const newestFirst = [...feed.qa].sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id));
const seedDoc = feed.documents.find((d) => d.id === 'nmg-2019-zwgk-yaodian');

test('the list shows every question of the bundled feed, newest first, with a count', async ({ page }) => {
  await open(page, '/qa');
  const questions = page.locator('.gk-qa__question');
  await expect(questions).toHaveCount(feed.qa.length);
  await expect(questions.first()).toHaveText(zh(newestFirst[0].question));
  for (const q of feed.qa) {
    await expect(page.getByText(zh(q.question), { exact: true })).toHaveCount(1);
  }
  await expect(page.getByRole('status').filter({ hasText: '个问答' })).toHaveText(`共 ${feed.qa.length} 个问答`);
});

test('a topic chip narrows the list and is announced as pressed', async ({ page }) => {
  await open(page, '/qa');
  const topic = feed.topics.find((t) => t.id === 'budgets');
  const expected = feed.qa.filter((q) => q.topics.includes('budgets'));
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(feed.qa.length);
  const chip = page.getByRole('button', { name: zh(topic.name), exact: true });
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: '全部', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.gk-qa__question')).toHaveCount(expected.length);
  await expect(page).toHaveURL(/\/qa\?topic=budgets$/);
  await expect(page.getByRole('status').filter({ hasText: '个问答' })).toHaveText(`共 ${expected.length} 个问答`);
  // Pressing it again shows everything.
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.gk-qa__question')).toHaveCount(feed.qa.length);
});

test('typing filters the questions and the count is announced politely', async ({ page }) => {
  await open(page, '/qa');
  await page.getByLabel('筛选问答').fill('12345');
  const count = page.locator('.gk-count');
  await expect(count).toHaveAttribute('aria-live', 'polite');
  const expected = feed.qa.filter((q) => JSON.stringify(q).includes('12345'));
  await expect(page.locator('.gk-qa__question')).toHaveCount(expected.length);
  await expect(count).toHaveText(`共 ${expected.length} 个问答`);
  await page.getByLabel('筛选问答').fill('没有这样的词语zzz');
  await expect(page.locator('.gk-qa__question')).toHaveCount(0);
  await expect(page.getByText('暂无问答。')).toBeVisible();
});

test('expanding a question shows its answer in place', async ({ page }) => {
  await open(page, '/qa');
  const item = feed.qa.find((q) => q.id === 'qa-apply-for-disclosure');
  const summary = page.locator('summary', { hasText: zh(item.question) });
  const details = summary.locator('xpath=..');
  await expect(details).not.toHaveAttribute('open', '');
  await summary.click();
  await expect(details).toHaveAttribute('open', '');
  const firstParagraph = item.answer.find((b) => b.type === 'paragraph');
  const text = typeof firstParagraph.text === 'string' ? firstParagraph.text : firstParagraph.text.map((r) => (typeof r === 'string' ? r : zh(r.em ?? r.strong ?? r.text ?? ''))).join('');
  await expect(details.locator('.gk-rich p').first()).toHaveText(text);
  await expect(details.getByRole('link', { name: '查看详情' })).toHaveAttribute('href', `/qa/${item.id}`);
});

test('a question page shows its answer, date, topics and policy basis, which leads to the document and back', async ({ page }) => {
  const item = feed.qa.find((q) => q.id === 'qa-budgets-performance');
  await open(page, `/qa/${item.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(item.question));
  await expect(page.locator('time').first()).toHaveText(item.updated);
  const basis = page.getByRole('region', { name: '政策依据' });
  for (const id of item.documents) {
    const doc = feed.documents.find((d) => d.id === id);
    const link = basis.getByRole('link', { name: new RegExp(zh(doc.title)) });
    await expect(link).toHaveAttribute('href', `/documents/${id}`);
    if (doc.number) await expect(link).toContainText(doc.number);
  }
  await expect(page.getByRole('region', { name: '相关问答' }).getByRole('link').first()).toBeVisible();
  await basis.getByRole('link', { name: new RegExp(zh(seedDoc.title)) }).click();
  await expect(page).toHaveURL(`/documents/${seedDoc.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(seedDoc.title));
  const back = page.getByRole('region', { name: '关于本文件的问答' });
  await expect(back.getByRole('link', { name: zh(item.question) })).toHaveAttribute('href', `/qa/${item.id}`);
});

test('an unknown question id shows a not-found state with a way back', async ({ page }) => {
  await open(page, '/qa/no-such-question');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await expect(page.getByText('没有找到这个问答')).toBeVisible();
  await page.getByRole('link', { name: '返回政策问答' }).click();
  await expect(page).toHaveURL(/\/qa$/);
});

test('without the Web Share API, sharing copies the permanent link and confirms it', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await page.addInitScript(() => { delete Navigator.prototype.share; });
  const item = feed.qa[0];
  await open(page, `/qa/${item.id}`);
  await page.getByRole('button', { name: '分享' }).click();
  await expect(page.getByRole('status').filter({ hasText: '链接已复制' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/qa/${item.id}`);
});

test('the list fits a 320 px screen without sideways scrolling, also at 200 % text', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await open(page, '/qa');
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  await page.locator('.gk-qa__question').first().click();
  expect(await overflow()).toBeLessThanOrEqual(0);
});

// Rich text is structured data rendered as elements and text nodes. This feed item holds every
// block and inline kind, and a string of markup that must show as text and never run. (A link
// with a `javascript:` target never gets this far: validation refuses the whole feed.)
test('rich text renders every block and inline kind, and markup in feed strings stays text', async ({ page }) => {
  const markup = '<img src=x onerror="window.__xss=1">';
  const evil = {
    id: 'qa-rich-text-check',
    question: `所有格式 ${markup}`,
    topics: ['budgets'],
    documents: ['nmg-2019-zwgk-yaodian'],
    updated: '2019-12-31',
    answer: [
      { type: 'heading', level: 1, text: '一级标题' },
      { type: 'heading', level: 2, text: '二级标题' },
      { type: 'paragraph', text: ['普通', { em: '强调' }, { strong: '加粗' }, { link: 'https://www.gov.cn/', text: '中国政府网' }, { ref: 'nmg-2019-zwgk-yaodian' }, { ref: 'nmg-2019-zwgk-yaodian', text: '要点' }] },
      { type: 'paragraph', text: markup },
      { type: 'list', ordered: true, items: ['第一', '第二'] },
      { type: 'list', items: ['甲', '乙', '丙'] },
      { type: 'table', caption: '表格', header: ['列一', '列二'], rows: [['a', 'b'], ['c', { strong: 'd' }]] },
      { type: 'quote', text: '引用的话', cite: '出处' },
      { type: 'image', src: 'feed/media/finance.svg', width: 750, height: 1000, alt: '图片说明', caption: '图片标题' },
    ],
  };
  await page.route('**/feed/feed.json', async (route) => {
    const body = JSON.parse(JSON.stringify(feed));
    body.qa.push(evil);
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(body) });
  });
  await open(page, `/qa/${evil.id}`);
  const rich = page.locator('article .gk-rich');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`所有格式 ${markup}`);
  await expect(rich.getByRole('heading', { level: 2, name: '一级标题' })).toBeVisible();
  await expect(rich.getByRole('heading', { level: 3, name: '二级标题' })).toBeVisible();
  await expect(rich.locator('em')).toHaveText('强调');
  await expect(rich.locator('p strong')).toHaveText('加粗');
  await expect(rich.getByRole('link', { name: '中国政府网' })).toHaveAttribute('href', 'https://www.gov.cn/');
  await expect(rich.getByRole('link', { name: zh(seedDoc.title) })).toHaveAttribute('href', `/documents/${seedDoc.id}`);
  await expect(rich.getByRole('link', { name: '要点', exact: true })).toHaveAttribute('href', `/documents/${seedDoc.id}`);
  await expect(rich.getByText(markup, { exact: true })).toBeVisible();
  await expect(rich.locator('ol > li')).toHaveText(['第一', '第二']);
  await expect(rich.locator('ul > li')).toHaveText(['甲', '乙', '丙']);
  await expect(rich.locator('table caption')).toHaveText('表格');
  await expect(rich.locator('table th')).toHaveText(['列一', '列二']);
  await expect(rich.locator('table td')).toHaveText(['a', 'b', 'c', 'd']);
  await expect(rich.locator('blockquote')).toContainText('引用的话');
  await expect(rich.locator('blockquote cite')).toHaveText('出处');
  await expect(rich.getByRole('img', { name: '图片说明' })).toBeVisible();
  await expect(rich.locator('figcaption')).toHaveText('图片标题');
  // No element was created from the markup, and nothing ran.
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
});
