// Illustrated interpretations (图解): the card grid, every kind of panel, the long-image viewer
// (open, zoom by button, wheel, keys and pinch, close back to the opener), charts with their
// table alternative, broken images, unknown ids, and the links back from a document.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, feed, zh, open } from './support/fixtures.mjs';

const newestFirst = [...feed.interpretations].sort((a, b) => b.published.localeCompare(a.published));
const byId = (id) => feed.interpretations.find((x) => x.id === id);
const coverOf = (x) => x.cover ?? x.panels.find((p) => p.type === 'image');
const isLong = (img) => img.width > 0 && img.height > 2 * img.width;
const agencyName = (id) => zh(feed.agencies.find((a) => a.id === id)?.name);

/** The kinds of media an interpretation holds, as the card labels them. */
function kindsOf(x) {
  const order = [
    ['image', '图片'],
    ['long', '长图'],
    ['chart', '图表'],
    ['audio', '音频'],
    ['video', '视频'],
  ];
  const present = new Set(x.panels.map((p) => (p.type === 'image' && isLong(p) ? 'long' : p.type)));
  return order.filter(([k]) => present.has(k)).map(([, label]) => label);
}

/** The first run of plain text in a rich-text inline list (or string): what a reader sees as is. */
function plain(text) {
  if (typeof text === 'string') return text;
  if (Array.isArray(text)) return text.map(plain).find((t) => t.length >= 6) ?? '';
  if (text && typeof text === 'object' && 'zh-Hans' in text) return text['zh-Hans'];
  return '';
}

/** The scale in an element's inline `translate(...) scale(s)` transform. */
async function scaleOf(locator) {
  const transform = await locator.evaluate((el) => el.style.transform);
  const m = /scale\(([-\d.]+)\)/.exec(transform);
  expect(m, `a scale in "${transform}"`).not.toBeNull();
  return Number(m[1]);
}

test('the list shows a card for every interpretation, newest first, with cover, agency, date and media kinds', async ({ page }) => {
  await open(page, '/interpretations');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('图解政策');
  const cards = page.locator('.gk-interp-card');
  await expect(cards).toHaveCount(feed.interpretations.length);
  for (const [i, x] of newestFirst.entries()) {
    const card = cards.nth(i);
    const link = card.getByRole('heading', { level: 2 }).getByRole('link');
    await expect(link).toHaveText(zh(x.title));
    await expect(link).toHaveAttribute('href', `/interpretations/${x.id}`);
    await expect(card.getByRole('img', { name: zh(coverOf(x).alt) })).toHaveCount(1);
    await expect(card.locator('time')).toHaveText(x.published);
    await expect(card).toContainText(agencyName(x.agency));
    await expect(card.locator('.gk-kind')).toHaveText(kindsOf(x));
  }
});

test('cover images keep their aspect ratio and only the first ones load eagerly', async ({ page }) => {
  await open(page, '/interpretations');
  const images = page.locator('.gk-interp-card img');
  await expect(images).toHaveCount(feed.interpretations.length);
  const loading = await images.evaluateAll((els) => els.map((e) => e.getAttribute('loading')));
  expect(loading.slice(0, 2)).toEqual(['eager', 'eager']);
  expect(loading.slice(2).every((l) => l === 'lazy')).toBe(true);
  const first = coverOf(newestFirst[0]);
  const box = await images.first().boundingBox();
  expect(Math.abs(box.width / box.height - first.width / first.height)).toBeLessThan(0.02);
});

test('cards stack in one column on a phone and sit side by side on the kiosk', async ({ page }, testInfo) => {
  await open(page, '/interpretations');
  const cards = page.locator('.gk-interp-card');
  const a = await cards.nth(0).boundingBox();
  const b = await cards.nth(1).boundingBox();
  if (testInfo.project.name === 'phone') {
    expect(Math.abs(a.x - b.x)).toBeLessThan(1);
    expect(b.y).toBeGreaterThan(a.y + a.height - 1);
  } else {
    expect(Math.abs(a.y - b.y)).toBeLessThan(1);
    expect(b.x).toBeGreaterThan(a.x + a.width - 1);
  }
});

test('tapping a card opens its interpretation', async ({ page }) => {
  await open(page, '/interpretations');
  const x = newestFirst[1];
  await page.getByRole('link', { name: zh(x.title) }).click();
  await expect(page).toHaveURL(new RegExp(`/interpretations/${x.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(x.title));
});

test('a detail page shows title, agency, date, summary, share, the interpreted documents and its neighbours', async ({ page }) => {
  const i = 1;
  const x = newestFirst[i];
  await open(page, `/interpretations/${x.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(x.title));
  await expect(page).toHaveTitle(`${zh(x.title)} · 公开`);
  const header = page.locator('.gk-interp__header');
  await expect(header).toContainText(agencyName(x.agency));
  await expect(header.locator('time')).toHaveText(x.published);
  await expect(header).toContainText(zh(x.summary));
  await expect(header.getByRole('button', { name: '分享' })).toBeVisible();

  const docs = page.getByRole('region', { name: '解读的文件' });
  for (const id of x.documents) {
    const doc = feed.documents.find((d) => d.id === id);
    await expect(docs.getByRole('link', { name: new RegExp(zh(doc.title)) })).toHaveAttribute('href', `/documents/${id}`);
  }

  const pager = page.getByRole('navigation', { name: '更多解读' });
  const previous = pager.getByRole('link', { name: zh(newestFirst[i - 1].title) });
  await expect(previous).toHaveAttribute('href', `/interpretations/${newestFirst[i - 1].id}`);
  await expect(previous).toContainText('上一篇');
  const next = pager.getByRole('link', { name: zh(newestFirst[i + 1].title) });
  await expect(next).toContainText('下一篇');
  await next.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(newestFirst[i + 1].title));
});

test('the newest has no previous link and the oldest no next link', async ({ page }) => {
  await open(page, `/interpretations/${newestFirst[0].id}`);
  const pager = page.getByRole('navigation', { name: '更多解读' });
  await expect(pager.getByRole('link')).toHaveCount(1);
  await expect(pager.getByRole('link')).toContainText('下一篇');
  await open(page, `/interpretations/${newestFirst.at(-1).id}`);
  await expect(pager.getByRole('link')).toHaveCount(1);
  await expect(pager.getByRole('link')).toContainText('上一篇');
});

for (const x of feed.interpretations) {
  test(`every panel of “${zh(x.title)}” is shown in order`, async ({ page }) => {
    await open(page, `/interpretations/${x.id}`);
    const panels = page.locator('.gk-interp__panels > .gk-panel');
    await expect(panels).toHaveCount(x.panels.length);
    for (const [i, p] of x.panels.entries()) {
      const panel = panels.nth(i);
      if (p.type === 'image') {
        await expect(panel.getByRole('img', { name: zh(p.alt) })).toHaveCount(1);
        if (p.caption) await expect(panel.locator('figcaption')).toHaveText(zh(p.caption));
        await expect(panel.getByRole('button', { name: '查看大图' })).toHaveCount(isLong(p) ? 1 : 0);
      } else if (p.type === 'text') {
        for (const block of p.body.filter((b) => b.type === 'heading' || b.type === 'paragraph')) {
          await expect(panel).toContainText(plain(block.text).slice(0, 12));
        }
      } else if (p.type === 'chart') {
        await expect(panel.getByRole('heading', { name: zh(p.title) })).toBeVisible();
        await expect(panel.getByRole('img', { name: new RegExp(zh(p.title)) })).toBeVisible();
        await expect(panel.getByRole('button', { name: '以表格显示' })).toHaveAttribute('aria-pressed', 'false');
      } else if (p.type === 'audio' || p.type === 'video') {
        await expect(panel.getByRole('heading', { name: zh(p.title) })).toBeVisible();
        const player = panel.locator(p.type);
        await expect(player).toHaveAttribute('controls', '');
        await expect(player).toHaveAttribute('preload', 'none');
        expect(await player.getAttribute('autoplay')).toBeNull();
        await expect(player.locator('source')).toHaveAttribute('src', p.src);
        const transcript = panel.locator('details');
        await expect(transcript).not.toHaveAttribute('open', '');
        const first = plain(p.transcript[0].text).slice(0, 16);
        await expect(transcript.getByText(first)).toBeHidden();
        await transcript.getByText('文字稿').click();
        await expect(transcript.getByText(first)).toBeVisible();
      }
    }
  });
}

test('audio downloads nothing until the reader presses play', async ({ page }) => {
  const x = feed.interpretations.find((i) => i.panels.some((p) => p.type === 'audio'));
  const audio = x.panels.find((p) => p.type === 'audio');
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await open(page, `/interpretations/${x.id}`);
  await expect(page.locator('audio')).toBeVisible();
  await page.locator('audio').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  expect(requested.filter((u) => u.endsWith(audio.src.split('/').pop()))).toEqual([]);
});

const longX = feed.interpretations.find((x) => x.panels.some((p) => p.type === 'image' && isLong(p)));
const longImage = longX.panels.find((p) => p.type === 'image' && isLong(p));

test('the long image opens in a viewer that zooms by button, wheel and keys, and Escape returns focus to the opener', async ({ page }) => {
  await open(page, `/interpretations/${longX.id}`);
  const opener = page.getByRole('button', { name: '查看大图' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: zh(longImage.caption) || '查看大图' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.getByRole('button', { name: '关闭' })).toBeFocused();
  const image = dialog.getByRole('img', { name: zh(longImage.alt) });
  await expect(image).toBeVisible();

  const initial = await scaleOf(image);
  expect(initial).toBe(1);
  await dialog.getByRole('button', { name: '放大' }).click();
  const zoomed = await scaleOf(image);
  expect(zoomed).toBeGreaterThan(initial);

  const stage = dialog.locator('.gk-viewer__stage');
  const box = await stage.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect.poll(() => scaleOf(image)).toBeGreaterThan(zoomed);
  const wheeled = await scaleOf(image);

  await page.keyboard.press('-');
  await expect.poll(() => scaleOf(image)).toBeLessThan(wheeled);
  await page.keyboard.press('0');
  await expect.poll(() => scaleOf(image)).toBe(1);
  await dialog.getByRole('button', { name: '缩小' }).click();
  expect(await scaleOf(image)).toBeLessThan(1);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('the viewer closes with its close button, keeps focus inside while open, and pans with a drag and arrow keys', async ({ page }) => {
  await open(page, `/interpretations/${longX.id}`);
  const opener = page.getByRole('button', { name: '查看大图' });
  await opener.click();
  const dialog = page.getByRole('dialog');
  const close = dialog.getByRole('button', { name: '关闭' });
  const reset = dialog.getByRole('button', { name: '还原' });
  await expect(close).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(reset).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(close).toBeFocused();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
    expect(inside).toBe(true);
  }

  const image = dialog.getByRole('img', { name: zh(longImage.alt) });
  const y = async () => Number(/translate\([-\d.]+px, ([-\d.]+)px\)/.exec(await image.evaluate((el) => el.style.transform))[1]);
  expect(await y()).toBe(0);
  await page.keyboard.press('ArrowDown');
  await expect.poll(y).toBeLessThan(0);

  const stage = dialog.locator('.gk-viewer__stage');
  const box = await stage.boundingBox();
  const before = await y();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 40);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 240, { steps: 5 });
  await page.mouse.up();
  expect(await y()).toBeLessThan(before - 100);

  await close.click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('two fingers spreading apart zoom the viewer around them', async ({ page }) => {
  await open(page, `/interpretations/${longX.id}`);
  await page.getByRole('button', { name: '查看大图' }).click();
  const dialog = page.getByRole('dialog');
  const image = dialog.getByRole('img', { name: zh(longImage.alt) });
  await expect(image).toBeVisible();
  expect(await scaleOf(image)).toBe(1);
  await dialog.locator('.gk-viewer__stage').evaluate((stage) => {
    const r = stage.getBoundingClientRect();
    const cy = r.top + r.height / 2;
    const fire = (type, id, x) =>
      stage.dispatchEvent(
        new PointerEvent(type, { pointerId: id, pointerType: 'touch', isPrimary: id === 1, clientX: x, clientY: cy, bubbles: true }),
      );
    const cx = r.left + r.width / 2;
    fire('pointerdown', 1, cx - 40);
    fire('pointerdown', 2, cx + 40);
    for (let d = 40; d <= 100; d += 10) {
      fire('pointermove', 1, cx - d);
      fire('pointermove', 2, cx + d);
    }
    fire('pointerup', 1, cx - 100);
    fire('pointerup', 2, cx + 100);
  });
  const pinched = await scaleOf(image);
  expect(pinched).toBeGreaterThan(2);
  expect(pinched).toBeLessThan(3.5);
});

const chartX = byId('interp-key-areas-finance');
const charts = chartX.panels.filter((p) => p.type === 'chart');

test('each chart is an SVG image whose label sums up its numbers, with axis and value labels', async ({ page }) => {
  await open(page, `/interpretations/${chartX.id}`);
  expect(charts.length).toBeGreaterThan(0);
  for (const chart of charts) {
    const figure = page.getByRole('figure', { name: zh(chart.title) });
    const svg = figure.locator('svg[role="img"]');
    await expect(svg).toBeVisible();
    expect(await svg.getAttribute('viewBox')).toMatch(/^0 0 [\d.]+ [\d.]+$/);
    const label = await svg.getAttribute('aria-label');
    expect(label).toContain(zh(chart.title));
    for (const v of chart.series[0].values) expect(label).toContain(String(v));
    if (zh(chart.unit)) await expect(figure).toContainText(`单位：${zh(chart.unit)}`);
    await expect(figure).toContainText(`数据来源：${zh(chart.source)}`);
    const texts = (await svg.locator('text').allTextContents()).join('|');
    if (chart.kind === 'pie') {
      const legend = figure.locator('.gk-chart__legend-item');
      await expect(legend).toHaveCount(chart.labels.length);
      for (const [i, l] of chart.labels.entries()) await expect(legend.nth(i)).toContainText(zh(l));
      expect(texts).toMatch(/%/);
    } else {
      if (chart.y_label) expect(texts).toContain(zh(chart.y_label));
      if (chart.x_label) expect(texts).toContain(zh(chart.x_label));
      for (const v of chart.series[0].values) expect(texts.split('|')).toContain(String(v));
      await expect(svg.locator('.gk-chart__bar, .gk-chart__point')).toHaveCount(
        chart.series.reduce((n, s) => n + s.values.length, 0),
      );
    }
  }
});

test("a chart's table shows exactly the feed's numbers, and the toggle brings the chart back", async ({ page }) => {
  await open(page, `/interpretations/${chartX.id}`);
  for (const chart of charts) {
    const figure = page.getByRole('figure', { name: zh(chart.title) });
    const toggle = figure.getByRole('button', { name: '以表格显示' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const table = figure.getByRole('table', { name: zh(chart.title) });
    await expect(table).toBeVisible();
    await expect(table.locator('caption')).toHaveText(zh(chart.title));
    await expect(table.locator('thead th[scope="col"]')).toHaveText([
      ...(chart.x_label ? [zh(chart.x_label)] : []),
      ...chart.series.map((s) => zh(s.name)),
    ]);
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(chart.labels.length);
    for (const [r, label] of chart.labels.entries()) {
      await expect(rows.nth(r).locator('th')).toHaveText(zh(label));
      await expect(rows.nth(r).locator('td')).toHaveText(chart.series.map((s) => String(s.values[r])));
    }
    await expect(figure.locator('svg[role="img"]')).toHaveCount(0);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(figure.getByRole('table')).toHaveCount(0);
    await expect(figure.locator('svg[role="img"]')).toBeVisible();
  }
});

test('the chart page fits a 320 px wide screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await open(page, `/interpretations/${chartX.id}`);
  await expect(page.locator('.gk-chart svg').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a broken image shows its alt text in a framed placeholder and the other panels still work', async ({ page }) => {
  test.info().annotations.push({ type: 'allows-console-errors' });
  const broken = chartX.panels.find((p) => p.type === 'image');
  const file = broken.src.split('/').pop();
  await page.route(`**/feed/media/${file}`, (r) => r.abort());
  await open(page, `/interpretations/${chartX.id}`);
  const placeholder = page.locator('.gk-image__placeholder');
  await placeholder.scrollIntoViewIfNeeded();
  await expect(placeholder).toBeVisible();
  await expect(placeholder).toHaveAccessibleName(zh(broken.alt));
  await expect(placeholder).toHaveText(zh(broken.alt));
  // The frame keeps the image's reserved size, so nothing below jumps.
  const frame = await page.locator('.gk-panel--image .gk-image').boundingBox();
  expect(Math.abs(frame.width / frame.height - broken.width / broken.height)).toBeLessThan(0.02);
  // Everything else is still there and working.
  await expect(page.locator('.gk-interp__panels > .gk-panel')).toHaveCount(chartX.panels.length);
  const figure = page.getByRole('figure', { name: zh(charts[0].title) });
  await figure.getByRole('button', { name: '以表格显示' }).click();
  await expect(figure.getByRole('table')).toBeVisible();
});

test('a broken long image shows its alt text at the top of the preview and the viewer still opens', async ({ page }) => {
  test.info().annotations.push({ type: 'allows-console-errors' });
  const file = longImage.src.split('/').pop();
  await page.route(`**/feed/media/${file}`, (r) => r.fulfill({ status: 404, body: 'not found' }));
  await open(page, `/interpretations/${longX.id}`);
  const preview = page.locator('.gk-longimg__preview');
  const placeholder = preview.locator('.gk-image__placeholder');
  await expect(placeholder).toHaveAccessibleName(zh(longImage.alt));
  const p = await placeholder.locator('span').boundingBox();
  const box = await preview.boundingBox();
  expect(p.y).toBeGreaterThanOrEqual(box.y);
  expect(p.y).toBeLessThan(box.y + box.height);
  await page.getByRole('button', { name: '查看大图' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('图片无法显示')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('an unknown interpretation says so and links back to the list', async ({ page }) => {
  await open(page, '/interpretations/no-such-interpretation');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await expect(page.getByText('没有找到这篇解读')).toBeVisible();
  await page.getByRole('link', { name: '返回图解政策' }).click();
  await expect(page).toHaveURL(/\/interpretations$/);
  await expect(page.locator('.gk-interp-card')).toHaveCount(feed.interpretations.length);
});

test('the document page links back to every interpretation that cites it', async ({ page }) => {
  const docId = 'nmg-2019-zwgk-yaodian';
  const mentions = (x) =>
    x.documents.includes(docId) ||
    x.panels.some((p) => JSON.stringify(p.body ?? p.transcript ?? []).includes(`"ref":"${docId}"`));
  const citing = newestFirst.filter(mentions);
  expect(citing.length).toBeGreaterThan(0);
  await open(page, `/documents/${docId}`);
  const section = page.getByRole('region', { name: '本文件的解读' });
  await expect(section.getByRole('heading', { level: 2 })).toHaveText('本文件的解读');
  const links = section.getByRole('link');
  await expect(links).toHaveCount(citing.length);
  for (const [i, x] of citing.entries()) {
    await expect(links.nth(i)).toContainText(zh(x.title));
    await expect(links.nth(i)).toHaveAttribute('href', `/interpretations/${x.id}`);
  }
  await links.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh(citing[0].title));
});

test('a line chart with several series has a legend and one line per series, and a video shows its poster without autoplay', async ({ page }) => {
  // The bundled feed has no line chart and no video: serve one that does.
  const custom = structuredClone(feed);
  const x = custom.interpretations.find((i) => i.id === 'interp-platforms');
  const line = {
    type: 'chart',
    kind: 'line',
    title: '两类事项的办理量',
    unit: '万件',
    labels: ['2016年', '2017年', '2018年', '2019年'],
    x_label: '年份',
    y_label: '办理量（万件）',
    series: [
      { name: '依申请公开', values: [1.2, 1.8, 2.5, 3.1] },
      { name: '热线咨询', values: [12, 15.5, 19, 23.4] },
    ],
    source: '示例数据',
  };
  const video = {
    type: 'video',
    src: 'feed/media/no-such-video.mp4',
    title: '视频：政务热线怎么打',
    mime: 'video/mp4',
    poster: { src: 'feed/media/cover-platforms.svg', width: 800, height: 450, alt: '视频封面' },
    duration: 95,
    transcript: [{ type: 'paragraph', text: '拨打12345，说明事项和所在地区。' }],
  };
  x.panels.push(line, video);
  await page.route('**/feed/feed.json', (r) => r.fulfill({ json: custom }));
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await open(page, `/interpretations/${x.id}`);

  const figure = page.getByRole('figure', { name: line.title });
  await expect(figure.locator('.gk-chart__legend-item')).toHaveText(line.series.map((s) => s.name));
  await expect(figure.locator('.gk-chart__line')).toHaveCount(2);
  await expect(figure.locator('.gk-chart__point')).toHaveCount(8);
  const label = await figure.getByRole('img').getAttribute('aria-label');
  expect(label).toContain('折线图');
  for (const s of line.series) {
    expect(label).toContain(s.name);
    for (const v of s.values) expect(label).toContain(String(v));
  }
  await figure.getByRole('button', { name: '以表格显示' }).click();
  const table = figure.getByRole('table', { name: line.title });
  await expect(table.locator('thead th')).toHaveText([line.x_label, ...line.series.map((s) => s.name)]);
  await expect(table.locator('tbody tr').nth(3).locator('td')).toHaveText(['3.1', '23.4']);

  const player = page.locator('video');
  await expect(player).toHaveAttribute('poster', video.poster.src);
  await expect(player).toHaveAttribute('preload', 'none');
  expect(await player.getAttribute('autoplay')).toBeNull();
  expect(await player.evaluate((v) => v.playsInline)).toBe(true);
  await expect(page.getByRole('region', { name: video.title })).toContainText('时长 1:35');
  expect(requested.some((u) => u.includes('no-such-video'))).toBe(false);
});

async function axeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

test('axe finds no WCAG A/AA violations on the list of interpretations', async ({ page }) => {
  await open(page, '/interpretations');
  expect(await axeViolations(page)).toEqual([]);
});

for (const x of feed.interpretations) {
  test(`axe finds no WCAG A/AA violations on “${zh(x.title)}”, with its charts as tables and transcripts open`, async ({ page }) => {
    await open(page, `/interpretations/${x.id}`);
    for (const toggle of await page.getByRole('button', { name: '以表格显示' }).all()) await toggle.click();
    for (const details of await page.locator('details').all()) await details.locator('summary').click();
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('axe finds no violations in the open long-image viewer, nor on a chart in the dark theme', async ({ page }) => {
  await open(page, `/interpretations/${longX.id}`);
  await page.getByRole('button', { name: '查看大图' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.addInitScript(() => localStorage.setItem('gongkai.theme', 'dark'));
  await open(page, `/interpretations/${chartX.id}`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await axeViolations(page)).toEqual([]);
});
