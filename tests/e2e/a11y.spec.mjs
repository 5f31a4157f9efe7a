// Accessibility: axe-core (WCAG 2.x A and AA rules) finds no violations on any main page, in
// the light theme and in elder mode.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, feed, open } from './support/fixtures.mjs';

const pages = [
  '/',
  '/qa',
  `/qa/${feed.qa[0].id}`,
  '/interpretations',
  `/interpretations/${feed.interpretations[1].id}`,
  '/gazette',
  `/gazette/${feed.gazette[0].id}`,
  `/documents/${feed.documents[0].id}`,
  '/search?q=' + encodeURIComponent('政务公开'),
  '/settings',
  '/no-such-page',
];

async function violations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

for (const path of pages) {
  test(`axe finds no WCAG A/AA violations on ${path}`, async ({ page }) => {
    await open(page, path);
    expect(await violations(page)).toEqual([]);
  });
}

test('axe finds no violations in elder mode with high contrast', async ({ page }) => {
  await page.addInitScript(() => {
    localStorage.setItem('gongkai.elder', '1');
    localStorage.setItem('gongkai.contrast', '1');
  });
  await open(page, `/qa/${feed.qa[0].id}`);
  await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
  expect(await violations(page)).toEqual([]);
});

test('elder mode makes the reading text at least 18 px and every control at least 60 px tall', async ({ page }) => {
  await open(page, '/settings');
  await page.getByRole('checkbox', { name: '长辈模式' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
  await open(page, '/qa');
  // The questions and their topic buttons are in before the controls are counted.
  await expect(page.locator('.gk-qa__question').first()).toBeVisible();
  const controls = page.locator('.gk-tabbar__link, main button, main .gk-button, main input[type="search"]');
  const count = await controls.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) {
    // Controls inside a closed question are not on screen; they are checked once it opens.
    if (!(await controls.nth(i).isVisible())) continue;
    const box = await controls.nth(i).boundingBox();
    expect(box.height, await controls.nth(i).evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(60);
  }
  await page.locator('.gk-qa__question').first().click();
  for (const control of await page.locator('.gk-qa__details[open] :is(a.gk-button, button)').all()) {
    expect((await control.boundingBox()).height).toBeGreaterThanOrEqual(60);
  }
  const size = await page.locator('.gk-rich p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(size).toBeGreaterThanOrEqual(18);
});
