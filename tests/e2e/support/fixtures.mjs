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

/**
 * Records, as the app builds itself (before any script of the page runs), which of `parts`
 * (name → selector of an element of the app, never of the static first paint) were in the page
 * at every change, and which were there when the static first paint went. Read the record with
 * `buildRecord(page)`: `{ seen: [[name, ...], ...], atTakeover: [name, ...] | null }`, where
 * `seen` holds each distinct set of parts present, in order.
 */
export async function recordBuild(page, parts) {
  await page.addInitScript((parts) => {
    const present = () => Object.entries(parts)
      .filter(([, selector]) => [...document.querySelectorAll(selector)].some((n) => !n.closest('#static-shell')))
      .map(([name]) => name);
    const record = { seen: [], atTakeover: null };
    window.gongkaiBuildRecord = record;
    let hadShell = false;
    new MutationObserver(() => {
      const now = present();
      if (now.join() !== record.seen.at(-1)?.join()) record.seen.push(now);
      const shell = document.getElementById('static-shell');
      if (shell) hadShell = true;
      else if (hadShell && !record.atTakeover) record.atTakeover = now;
    }).observe(document, { childList: true, subtree: true });
  }, parts);
}

export const buildRecord = (page) => page.evaluate(() => window.gongkaiBuildRecord);
