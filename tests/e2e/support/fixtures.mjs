// Shared test fixtures: every test fails on a console error or an uncaught page error, and
// can read the bundled feed to know what the reader should see.
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export const feed = JSON.parse(fs.readFileSync(path.resolve('public/feed/feed.json'), 'utf8'));

/** The zh-Hans form of a localised feed string. */
export const zh = (t) => (typeof t === 'string' ? t : t?.['zh-Hans'] ?? '');

export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    const errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !testInfo.annotations.some((a) => a.type === 'allows-console-errors')) {
        errors.push(msg.text());
      }
    });
    page.on('pageerror', (err) => errors.push(String(err)));
    await use(page);
    expect(errors, 'console errors on the page').toEqual([]);
  },
});

export { expect };

/** Open `path` and wait until the app (not the static shell) shows its main content. */
export async function open(page, url) {
  await page.goto(url);
  await appShows(page);
}

/**
 * Wait until the app has taken over from the static or pre-rendered copy (whose controls do
 * nothing until then) and shows its main content.
 */
export async function appShows(page) {
  await expect(page.locator('#static-shell')).toHaveCount(0);
  await expect(page.locator('.gk-loading')).toHaveCount(0);
  // A page other than the home page is there once its code has loaded.
  await expect(page.locator('.gk-route-pending')).toBeHidden();
}

/**
 * Holds back the pages' code (their wasm chunks) until the function returned is called: a page
 * other than the home page waits for it the first time it opens, and a pre-rendered copy stays
 * on screen meanwhile.
 */
export async function holdPageChunks(page) {
  let release;
  const released = new Promise((r) => { release = r; });
  await page.route(/\/chunk\d+-[0-9a-f]{16}\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
