// The mobile gazette: issues by year, an issue's table of contents, and the document reader
// (header, 目录 with section jumps, text size, progress, print view, previous / next, links to
// the Q&A and interpretations that cite the document). Expectations come from the bundled feed.
import { test, expect, feed, zh, open, appShows } from './support/fixtures.mjs';
import { makeVariant } from './support/variants.mjs';
import { startNginx } from './support/nginx.mjs';

const SEED = 'nmg-2019-zwgk-yaodian';
const seed = feed.documents.find((d) => d.id === SEED);
const issue12 = feed.gazette.find((g) => g.id === 'nmg-gazette-2019-12');
const issue10 = feed.gazette.find((g) => g.id === 'nmg-gazette-2019-10');
const documentById = (id) => feed.documents.find((d) => d.id === id);
const agencyName = (id) => zh(feed.agencies.find((a) => a.id === id).name);

/** The zh-Hans plain text of inline runs (a string, one run, or an array of runs). */
function plain(inlines) {
  if (inlines == null) return '';
  if (Array.isArray(inlines)) return inlines.map(plain).join('');
  if (typeof inlines === 'string') return inlines;
  for (const key of ['em', 'strong']) if (key in inlines) return zh(inlines[key]);
  if ('text' in inlines) return zh(inlines.text);
  return zh(inlines);
}

/** The body's headings with their anchors, as the outline derives them. */
const headings = seed.body
  .filter((b) => b.type === 'heading')
  .map((b, n) => ({ level: b.level, text: plain(b.text), anchor: b.id ?? `s-${n + 1}` }));
const topLevel = headings.filter((h) => h.level === 1);

/** Whether any part of `value` is a reference to the document `id`. */
function cites(value, id) {
  if (Array.isArray(value)) return value.some((v) => cites(v, id));
  if (value && typeof value === 'object') {
    if (value.ref === id) return true;
    return Object.values(value).some((v) => cites(v, id));
  }
  return false;
}
const qaCiting = feed.qa.filter((q) => q.documents?.includes(SEED) || cites(q.answer, SEED));
const interpretationsCiting = feed.interpretations.filter(
  (x) => x.documents?.includes(SEED) || cites(x.panels, SEED),
);

/** The issue's documents in printed order, across sections. */
const printedOrder = (issue) => issue.sections.flatMap((s) => s.documents);

/** Opens the 目录 if it is collapsed (it is on phones) and returns its navigation landmark. */
async function openOutline(page) {
  const outline = page.getByRole('navigation', { name: '目录' });
  const details = outline.locator('details');
  if (!(await details.evaluate((d) => d.open))) {
    await outline.locator('summary').click();
  }
  await expect(details).toHaveJSProperty('open', true);
  return outline;
}

/** Asserts that `locator` lies wholly inside the viewport and below the sticky header. */
async function expectInView(page, locator) {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  const header = await page.getByRole('banner').boundingBox();
  expect(box, 'element is rendered').not.toBeNull();
  expect(box.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

const bodyFontSize = (page) =>
  page.locator('.gk-rich p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));

test.describe('issue list', () => {
  test('the gazette lists its issues by year with date and number of documents', async ({ page }) => {
    await open(page, '/gazette');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('政府公报');
    const years = [...new Set(feed.gazette.map((g) => g.year))].sort((a, b) => b - a);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(years.map((y) => `${y}年`));
    for (const issue of feed.gazette) {
      const link = page.getByRole('link', { name: zh(issue.label), exact: true });
      await expect(link).toHaveAttribute('href', new RegExp(`/gazette/${issue.id}$`));
      const card = page.locator('.gk-issue-card', { has: link });
      await expect(card).toContainText(issue.published);
      await expect(card).toContainText(`${printedOrder(issue).length} 篇文件`);
      if (issue.cover) await expect(card.getByRole('img', { name: zh(issue.cover.alt) })).toBeVisible();
    }
    // Newest issue first.
    const labels = await page.locator('.gk-issue-card__link').allTextContents();
    const newestFirst = [...feed.gazette]
      .sort((a, b) => b.year - a.year || b.published.localeCompare(a.published) || b.number - a.number)
      .map((g) => zh(g.label));
    expect(labels).toEqual(newestFirst);
  });

  test('the year filter appears only when the issues span several years', async ({ page }) => {
    const years = new Set(feed.gazette.map((g) => g.year)).size;
    await open(page, '/gazette');
    await expect(page.getByRole('list', { name: '年份' })).toHaveCount(years > 1 ? 1 : 0);
  });

  test.describe('with issues from two years', () => {
    const older = {
      id: 'nmg-gazette-2018-24',
      year: 2018,
      number: 24,
      label: { 'zh-Hans': '2018年第24期' },
      published: '2018-12-31',
      pdf_url: 'https://www.nmg.gov.cn/gazette/2018-24.pdf',
      sections: [{ title: { 'zh-Hans': '国务院文件' }, documents: ['gov-info-disclosure-regulations-2019'] }],
    };

    test.beforeEach(async ({ page }) => {
      await page.route('**/feed/feed.json', (route) =>
        route.fulfill({ json: { ...feed, gazette: [...feed.gazette, older] } }),
      );
    });

    test('the year chips filter the issues and the filter is kept in the address', async ({ page }) => {
      await open(page, '/gazette');
      const chips = page.getByRole('list', { name: '年份' });
      await expect(chips.getByRole('button')).toHaveText(['全部年份', '2019年', '2018年']);
      await expect(chips.getByRole('button', { name: '全部年份' })).toHaveAttribute('aria-pressed', 'true');
      await chips.getByRole('button', { name: '2018年' }).click();
      await expect(page).toHaveURL(/\/gazette\?year=2018$/);
      await expect(chips.getByRole('button', { name: '2018年' })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByRole('link', { name: '2018年第24期' })).toBeVisible();
      await expect(page.getByRole('link', { name: zh(issue12.label) })).toBeHidden();
      await chips.getByRole('button', { name: '全部年份' }).click();
      await expect(page.getByRole('link', { name: zh(issue12.label) })).toBeVisible();
      await expect(page.getByRole('link', { name: '2018年第24期' })).toBeVisible();
    });

    test('an issue with a paper edition links to its PDF', async ({ page }) => {
      await open(page, `/gazette/${older.id}`);
      await expect(page.getByRole('link', { name: '纸质版 PDF' })).toHaveAttribute('href', older.pdf_url);
    });
  });
});

test('a gazette of many years lists every issue, the years below the first screen right after it', async ({ page }) => {
  // Twenty years of two issues each, on top of the bundled ones: more than a screen holds.
  const many = structuredClone(feed);
  const base = feed.gazette[0];
  for (let year = 1999; year <= 2018; year++) {
    for (const number of [1, 2]) {
      many.gazette.push({
        ...structuredClone(base),
        id: `gazette-${year}-${number}`,
        year,
        number,
        label: { 'zh-Hans': `${year}年第${number}期` },
        published: `${year}-0${number}-15`,
        cover: undefined,
      });
    }
  }
  const site = await startNginx({ dist: makeVariant(`gazette-years-${test.info().project.name}`, { feed: many }), name: `gazette-years-${test.info().project.name}` });
  try {
    await page.goto(new URL('gazette', site.url).href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('政府公报');
    const cards = page.locator('.gk-issue-card');
    await expect(cards).toHaveCount(many.gazette.length);
    const years = page.locator('.gk-gazette__year h2');
    await expect(years).toHaveCount(21);
    await expect(years.first()).toHaveText('2019年');
    await expect(years.last()).toHaveText('1999年');
    // The year filter reaches the years built after the first screen too.
    await page.getByRole('button', { name: '1999年' }).click();
    await expect(page.locator('.gk-issue-card:visible')).toHaveCount(2);
    await expect(page.getByRole('link', { name: '1999年第1期' })).toBeVisible();
  } finally {
    await site.stop();
  }
});

test.describe('issue contents', () => {
  test('the bundled issue lists every section and every document of its contents', async ({ page }) => {
    await open(page, `/gazette/${issue12.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(issue12.label));
    await expect(page.getByText(issue12.published)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(issue12.sections.map((s) => zh(s.title)));
    const contents = page.getByRole('navigation', { name: '目录' });
    for (const section of issue12.sections) {
      const region = contents.getByRole('region', { name: zh(section.title) });
      for (const id of section.documents) {
        const doc = documentById(id);
        const link = region.getByRole('link', { name: new RegExp(zh(doc.title)) });
        await expect(link).toHaveAttribute('href', new RegExp(`/documents/${id}$`));
        await expect(link).toContainText(agencyName(doc.agency));
        if (doc.number) await expect(link).toContainText(doc.number);
      }
    }
    await expect(page.getByRole('link', { name: '纸质版 PDF' })).toHaveCount(issue12.pdf_url ? 1 : 0);
  });

  test('a document in the contents opens in the reader', async ({ page }) => {
    await open(page, `/gazette/${issue12.id}`);
    await page.getByRole('link', { name: new RegExp(zh(seed.title)) }).click();
    await expect(page).toHaveURL(new RegExp(`/documents/${SEED}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(seed.title));
  });
});

test.describe('document reader', () => {
  test('the header shows the agency, dates, validity badge and the issue carrying it', async ({ page }) => {
    await open(page, `/documents/${SEED}`);
    const header = page.locator('.gk-doc__header');
    await expect(header.getByRole('heading', { level: 1 })).toHaveText(zh(seed.title));
    await expect(header).toContainText(agencyName(seed.agency));
    await expect(header).toContainText(seed.issued);
    await expect(header.locator('.gk-validity')).toHaveText(/现行有效/);
    await header.getByRole('link', { name: zh(issue12.label) }).click();
    await expect(page).toHaveURL(new RegExp(`/gazette/${issue12.id}$`));
  });

  test('a document with a 文号 and an effective date shows both', async ({ page }) => {
    const doc = feed.documents.find((d) => d.number && d.effective);
    await open(page, `/documents/${doc.id}`);
    const header = page.locator('.gk-doc__header');
    await expect(header).toContainText(`文号${doc.number}`);
    await expect(header).toContainText(`施行日期${doc.effective}`);
  });

  test('the outline lists all five top-level sections of the seed document', async ({ page }) => {
    expect(topLevel.map((h) => h.text[0])).toEqual(['一', '二', '三', '四', '五']);
    await open(page, `/documents/${SEED}`);
    const outline = await openOutline(page);
    for (const h of topLevel) {
      await expect(outline.getByRole('link', { name: h.text, exact: true })).toHaveAttribute(
        'href',
        new RegExp(`/documents/${SEED}#${h.anchor}$`),
      );
    }
    await expect(outline.getByRole('link')).toHaveCount(headings.length);
  });

  test('choosing a section in the outline scrolls its heading into view and sets the fragment', async ({ page }) => {
    await open(page, `/documents/${SEED}`);
    for (const h of [topLevel[3], topLevel[1]]) {
      const outline = await openOutline(page);
      await outline.getByRole('link', { name: h.text, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/documents/${SEED}#${h.anchor}$`));
      const heading = page.locator('.gk-rich').getByRole('heading', { name: h.text });
      await expect(heading).toBeFocused();
      await expectInView(page, heading);
      // Still the same page: the router did not treat the jump as a navigation.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(seed.title));
    }
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/documents/${SEED}#${topLevel[3].anchor}$`));
  });

  test('opening an address with a section fragment scrolls to that section', async ({ page }) => {
    const h = topLevel[4];
    await open(page, `/documents/${SEED}#${h.anchor}`);
    const heading = page.locator('.gk-rich').getByRole('heading', { name: h.text });
    await expect(heading).toBeVisible();
    await expect.poll(async () => (await heading.boundingBox()).y).toBeLessThan(page.viewportSize().height);
    await expectInView(page, heading);
  });

  test('a section in the last part of a long text is reached from an address naming it', async ({ page }) => {
    // The text comes a portion at a time; the jump to the section waits for the portion
    // that holds it.
    const h = topLevel[topLevel.length - 1];
    await open(page, `/documents/${SEED}#${h.anchor}`);
    const heading = page.locator('.gk-rich').getByRole('heading', { name: h.text });
    await expect.poll(async () => (await heading.boundingBox())?.y ?? Infinity).toBeLessThan(page.viewportSize().height);
    await expectInView(page, heading);
  });

  test('a long text is put on screen a portion per task, marked busy until the last, then whole', async ({ page }) => {
    // Built in one task, the seed document's text held the main thread for tens of
    // milliseconds (hundreds on a cheap phone), and a tap had to wait for all of it.
    await page.addInitScript(() => {
      // A counter that moves on in every task of its own: blocks added under the same
      // count were added in the same task.
      let task = 0;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { task += 1; channel.port2.postMessage(null); };
      channel.port2.postMessage(null);
      window.textTasks = new Set();
      window.sawBusy = false;
      const app = (n) => n.nodeType === 1 && !n.closest('#static-shell');
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'attributes' && app(r.target) && r.target.matches('.gk-rich[aria-busy="true"]')) window.sawBusy = true;
          for (const n of r.addedNodes) {
            if (!app(n)) continue;
            if (n.matches('.gk-rich') || n.querySelector('.gk-rich') || n.parentElement?.matches('.gk-rich')) window.textTasks.add(task);
            if (n.querySelector('.gk-rich[aria-busy="true"]') || n.matches('.gk-rich[aria-busy="true"]')) window.sawBusy = true;
          }
        }
      }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
    });
    await open(page, `/documents/${SEED}`);
    const text = page.locator('.gk-doc__body .gk-rich');
    await expect(text.locator('> *')).toHaveCount(seed.body.length);
    await expect(text).not.toHaveAttribute('aria-busy');
    await expect(text.locator('> p').last()).toHaveText(plain(seed.body.findLast((b) => b.type === 'paragraph').text));
    expect(await page.evaluate(() => window.sawBusy)).toBe(true);
    expect(await page.evaluate(() => window.textTasks.size)).toBeGreaterThan(1);
  });

  test('the outline is collapsed on phones and open beside the text on wide screens', async ({ page }, info) => {
    await open(page, `/documents/${SEED}`);
    const outline = page.getByRole('navigation', { name: '目录' });
    const details = outline.locator('details');
    if (info.project.name === 'phone') {
      await expect(details).toHaveJSProperty('open', false);
    } else {
      await expect(details).toHaveJSProperty('open', true);
      const nav = await outline.boundingBox();
      const text = await page.locator('.gk-doc__body').boundingBox();
      expect(nav.x).toBeGreaterThanOrEqual(text.x + text.width);
    }
  });

  test('the text size control changes the body text size and keeps it after a reload', async ({ page }) => {
    await open(page, `/documents/${SEED}`);
    const smaller = page.getByRole('button', { name: '减小字号' });
    const larger = page.getByRole('button', { name: '增大字号' });
    const normal = await bodyFontSize(page);
    await larger.click();
    await larger.click();
    await expect.poll(() => bodyFontSize(page)).toBeGreaterThan(normal * 1.2);
    const enlarged = await bodyFontSize(page);
    await page.reload();
    await appShows(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(seed.title));
    await expect.poll(() => bodyFontSize(page)).toBeCloseTo(enlarged, 1);
    // Three presses from two steps above the default reach the smallest step.
    for (let i = 0; i < 3; i += 1) await smaller.click();
    await expect.poll(() => bodyFontSize(page)).toBeLessThan(normal);
    await expect(smaller).toHaveAttribute('aria-disabled', 'true');
    await expect(larger).toHaveAttribute('aria-disabled', 'false');
  });

  test('previous and next move through the documents of an issue', async ({ page }) => {
    const order = printedOrder(issue10);
    expect(order).toHaveLength(3);
    await open(page, `/documents/${order[0]}`);
    const pager = page.getByRole('navigation', { name: '本期其他文件' });
    await expect(pager.getByRole('link', { name: /上一篇/ })).toHaveCount(0);
    await pager.getByRole('link', { name: new RegExp(`下一篇.*${zh(documentById(order[1]).title)}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/documents/${order[1]}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(documentById(order[1]).title));
    await pager.getByRole('link', { name: /下一篇/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(documentById(order[2]).title));
    await expect(pager.getByRole('link', { name: /下一篇/ })).toHaveCount(0);
    await pager.getByRole('link', { name: new RegExp(`上一篇.*${zh(documentById(order[1]).title)}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/documents/${order[1]}$`));
  });

  test('the page links to the Q&A and the interpretations that cite the document', async ({ page }) => {
    expect(qaCiting.length).toBeGreaterThan(0);
    expect(interpretationsCiting.length).toBeGreaterThan(0);
    await open(page, `/documents/${SEED}`);
    const qa = page.getByRole('region', { name: '关于本文件的问答' });
    await expect(qa.getByRole('link')).toHaveCount(qaCiting.length);
    for (const q of qaCiting) {
      await expect(qa.getByRole('link', { name: zh(q.question) })).toHaveAttribute('href', new RegExp(`/qa/${q.id}$`));
    }
    const interpretations = page.getByRole('region', { name: '本文件的解读' });
    await expect(interpretations.getByRole('link')).toHaveCount(interpretationsCiting.length);
    for (const x of interpretationsCiting) {
      await expect(interpretations.getByRole('link', { name: new RegExp(zh(x.title)) })).toHaveAttribute(
        'href',
        new RegExp(`/interpretations/${x.id}$`),
      );
    }
    await qa.getByRole('link', { name: zh(qaCiting[0].question) }).click();
    await expect(page).toHaveURL(new RegExp(`/qa/${qaCiting[0].id}$`));
  });

  test('the progress bar follows the scroll and 回到顶部 appears further down', async ({ page }) => {
    await open(page, `/documents/${SEED}`);
    const progress = page.getByRole('progressbar', { name: '阅读进度' });
    await expect(progress).toHaveAttribute('aria-valuenow', '0');
    const toTop = page.getByRole('button', { name: '回到顶部' });
    await expect(toTop).toHaveCount(0);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(30);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(progress).toHaveAttribute('aria-valuenow', '100');
    await toTop.click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(toTop).toHaveCount(0);
  });

  test('copying a section link puts its absolute address on the clipboard and says so', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await open(page, `/documents/${SEED}`);
    const outline = await openOutline(page);
    const h = topLevel[2];
    await outline.getByRole('button', { name: `复制本节链接：${h.text}` }).click();
    await expect(outline.getByText('✓ 本节链接已复制')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${baseURL}/documents/${SEED}#${h.anchor}`);
  });

  test('the text far below the first screen is laid out only when the reader gets near it', async ({ page }) => {
    // Chromium tells when a `content-visibility: auto` block starts or stops being skipped.
    await page.addInitScript(() => {
      window.skipped = new Map();
      document.addEventListener('contentvisibilityautostatechange', (e) => {
        window.skipped.set(e.target, e.skipped);
      }, true);
    });
    await open(page, `/documents/${SEED}`);
    const last = page.locator('.gk-doc__body .gk-rich > *').last();
    const state = () => last.evaluate((el) => window.skipped.get(el));
    await expect.poll(state).toBe(true);
    await last.scrollIntoViewIfNeeded();
    await expect.poll(state).toBe(false);
    await expect(last).toBeVisible();
  });

  test('printing keeps the title and the text and drops the navigation', async ({ page }) => {
    await open(page, `/documents/${SEED}`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.gk-doc__meta')).toBeVisible();
    await expect(page.locator('.gk-rich').getByRole('heading', { name: topLevel[0].text })).toBeVisible();
    await expect(page.locator('.gk-rich p').first()).toBeVisible();
    // Every block is set for paper, also those never scrolled near the screen.
    const skippable = await page.locator('.gk-doc__body .gk-rich > *').evaluateAll(
      (els) => els.filter((el) => getComputedStyle(el).contentVisibility !== 'visible').length,
    );
    expect(skippable).toBe(0);
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('navigation', { name: '目录' })).toBeHidden();
    await expect(page.getByRole('navigation', { name: '本期其他文件' })).toBeHidden();
    await expect(page.getByRole('progressbar')).toBeHidden();
    // getByRole skips hidden elements, so every button is checked directly.
    const buttons = page.locator('button');
    expect(await buttons.count()).toBeGreaterThan(0);
    for (const button of await buttons.all()) await expect(button).toBeHidden();
    await expect(page.locator('footer.gk-footer')).toBeHidden();
  });
});

test('at 320 px wide the issue list, an issue and a document fit without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/gazette', `/gazette/${issue12.id}`, `/documents/${SEED}`]) {
    await open(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

test.describe('not found', () => {
  test('an unknown issue says so and leads back to the gazette', async ({ page }) => {
    await open(page, '/gazette/no-such-issue');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
    await expect(page.getByText('没有找到这一期公报。')).toBeVisible();
    await page.getByRole('link', { name: '返回政府公报' }).click();
    await expect(page).toHaveURL(/\/gazette$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('政府公报');
  });

  test('an unknown document says so and leads back to the gazette', async ({ page }) => {
    await open(page, '/documents/no-such-document');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
    await expect(page.getByText(/没有找到这份文件/)).toBeVisible();
    await page.getByRole('link', { name: '返回政府公报' }).click();
    await expect(page).toHaveURL(/\/gazette$/);
  });
});
