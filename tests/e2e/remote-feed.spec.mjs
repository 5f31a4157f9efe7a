// Remote feeds: a publisher's server (a local test server) feeds the app through an
// allow-listed `?feed=` link. A valid new feed replaces the old with an "updated" notice; every
// kind of bad answer (malformed JSON, a schema-invalid feed, an older version, an oversize body
// whether streamed, announced or compressed, HTTP 500, a server that never answers, a missing
// CORS header) leaves the last good content on screen and a notice that names the problem. A new
// feed is shown before it is saved, and only a completed save replaces the last good copy. A link
// to a feed on another origin is refused.
//
// The app is served by its own nginx with a config.json that allow-lists the test server, and
// the shipped Content-Security-Policy widened by exactly that origin in `connect-src`: the
// shipped policy allows https feeds only, and the test server speaks plain http.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, feed, zh, open } from './support/fixtures.mjs';
import { startNginx } from './support/nginx.mjs';
import { startFeedServer, cspAllowing } from './support/feed-server.mjs';
import { makeVariant, root } from './support/variants.mjs';

// The rest of the suite blocks service workers (playwright.config.mjs); these tests need them.
test.use({ serviceWorkers: 'allow' });

/** The publisher's feed: the bundled one under another name and a much higher version. */
const publisherName = '远程发布机构（测试）';
const remoteV1 = structuredClone(feed);
remoteV1.publisher.name = { ...remoteV1.publisher.name, 'zh-Hans': publisherName };
remoteV1.version = 100;
const remoteV2 = structuredClone(remoteV1);
remoteV2.version = 101;
remoteV2.generated_at = '2020-01-15T09:00:00+08:00';
for (const q of remoteV2.qa) q.question = { ...q.question, 'zh-Hans': `【第二版】${zh(q.question)}` };

/** Feeds are capped at this in the test site's config.json (far above the ~90 KB feed). */
const MAX_FEED_BYTES = 512 * 1024;
const TIMEOUT_SECONDS = 2;

let publisher;
let site;

test.beforeAll(async () => {
  // One site and one publisher per worker (tests of this file may run in parallel workers).
  const id = `remote-${test.info().project.name}-${test.info().workerIndex}`;
  publisher = await startFeedServer();
  const dist = makeVariant(id, {
    config: {
      feeds: ['feed/feed.json'],
      allowed_origins: [publisher.origin],
      timeout_seconds: TIMEOUT_SECONDS,
      max_feed_bytes: MAX_FEED_BYTES,
    },
  });
  const headers = fs.readFileSync(path.join(root, 'deploy', 'nginx', 'gongkai-headers.conf'), 'utf8');
  site = await startNginx({
    dist,
    name: id,
    extraServer: cspAllowing(headers, publisher.origin),
  });
});

test.afterAll(async () => {
  await site?.stop();
  await publisher?.stop();
});

const notices = (page) => page.locator('.gk-feed-notice');
// The app's header as the reader sees it: the static shell's stays in the page, empty, until
// the app has built its own out of sight.
const header = (page) => page.locator('.gk-header__publisher').filter({ visible: true });
const homeQa = (page) => page.getByRole('region', { name: '政策问答' }).getByRole('listitem');

/** Reloads and waits until the app has finished asking the network this time. */
async function reloadAndCheck(page) {
  await page.reload();
  await expect(page.locator('#static-shell')).toHaveCount(0);
  await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
}

/** The last good content (version 2) is still what the reader sees. */
async function expectLastGood(page) {
  await expect(header(page)).toHaveText(publisherName);
  await expect(homeQa(page).first()).toContainText('【第二版】');
}

test('a bad remote feed never replaces the last good one, and the notice names the problem', async ({ page }) => {
  test.info().annotations.push({ type: 'allows-console-errors', description: 'HTTP 500 and CORS refusals are logged by Chromium' });
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  test.setTimeout(60_000);

  publisher.answer('valid', remoteV1);
  await open(page, `${site.url}?feed=${encodeURIComponent(publisher.url())}`);
  await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
  // The first visit: the publisher's content, and whose it is.
  await expect(header(page)).toHaveText(publisherName);
  await expect(homeQa(page).first()).not.toContainText('【第二版】');
  await expect(notices(page)).toHaveCount(0);

  // A new version on the server: shown, with "updated".
  publisher.answer('valid', remoteV2);
  await reloadAndCheck(page);
  await expectLastGood(page);
  await expect(notices(page)).toHaveCount(1);
  await expect(notices(page)).toContainText('内容已更新');
  await expect(notices(page)).toContainText('数据截至 2020-01-15');

  // Unchanged: a conditional request, answered 304, and no notice.
  const before = publisher.requests.length;
  await reloadAndCheck(page);
  await expectLastGood(page);
  await expect(notices(page)).toHaveCount(0);
  const revalidation = publisher.requests.slice(before).find((r) => r.method === 'GET');
  expect(revalidation.ifNoneMatch).toBeTruthy();
  expect(revalidation.status).toBe(304);

  const cases = [
    ['malformed', '下载的内容不是有效的数据源，未采用。', /not valid JSON at line \d+, column \d+/],
    ['invalid', '下载的内容不是有效的数据源，未采用。', /\$\.documents\[0\]\.issued: /],
    ['older', '下载的内容版本（100）比已有版本（101）旧，未采用。', null],
    ['oversize', `内容超过大小上限（${MAX_FEED_BYTES / 1024} KB），已停止下载。`, null],
    // Refused on its Content-Length, before a byte of the body is read.
    ['oversize-declared', `内容超过大小上限（${MAX_FEED_BYTES / 1024} KB），已停止下载。`, null],
    // 8 KB on the wire, 8 MB unpacked: the cap counts what the body expands to.
    ['oversize-gzip', `内容超过大小上限（${MAX_FEED_BYTES / 1024} KB），已停止下载。`, null],
    ['error', '内容来源的服务器返回错误（HTTP 500）。', null],
    ['hang', `内容来源在 ${TIMEOUT_SECONDS} 秒内没有响应。`, null],
    ['nocors', '内容来源的服务器不允许本站读取（缺少跨域访问头 Access-Control-Allow-Origin）。', null],
  ];
  for (const [mode, message, detail] of cases) {
    await test.step(mode, async () => {
      publisher.answer(mode);
      await reloadAndCheck(page);
      await expectLastGood(page);
      const notice = notices(page);
      await expect(notice).toHaveCount(1);
      await expect(notice).toContainText(message);
      await expect(notice).toContainText('继续显示上次获取的内容。');
      if (detail) {
        // The exact validation messages, for editors, folded away.
        await notice.getByText('给编辑人员的详细信息').click();
        await expect(notice.locator('.gk-notice__problems')).toContainText(detail);
        await expect(notice.locator('.gk-notice__url')).toHaveText(publisher.url());
      }
    });
  }
  // The oversize bodies were cut off by the reader, not downloaded to the end.
  expect([...publisher.cutOff].sort()).toEqual(['oversize', 'oversize-declared']);

  // The notice is non-blocking and dismissible.
  await notices(page).getByRole('button', { name: '关闭' }).click();
  await expect(notices(page)).toHaveCount(0);

  // The only console errors are the browser's own reports of the 500 and the CORS refusal.
  const unexpected = consoleErrors.filter(
    (e) => !/status of 500|CORS policy|net::ERR_FAILED|net::ERR_ABORTED/.test(e),
  );
  expect(unexpected).toEqual([]);
});

test('the last good remote feed survives a restart with the publisher gone', async ({ page, context }) => {
  publisher.answer('valid', remoteV2);
  const url = `${site.url}?feed=${encodeURIComponent(publisher.url())}`;
  await open(page, url);
  await expectLastGood(page);
  // A new feed is saved just after it is shown; the check is done once it is kept.
  await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
  // A new page in the same profile (a restart) with the publisher unreachable.
  await page.close();
  publisher.answer('hang');
  const again = await context.newPage();
  await again.goto(url);
  // Shown at once from the saved copy, before the time limit has passed.
  await expect(header(again)).toHaveText(publisherName, { timeout: (TIMEOUT_SECONDS * 1000) / 2 });
  await expect(homeQa(again).first()).toContainText('【第二版】');
  await expect(again.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
  await expect(notices(again)).toContainText(`内容来源在 ${TIMEOUT_SECONDS} 秒内没有响应。`);
  // Settings say whose feed this is.
  await again.getByRole('link', { name: '设置' }).click();
  const source = again.getByRole('region', { name: '数据来源' });
  await expect(source.locator('.gk-feed-source__origin')).toHaveText(publisher.origin);
  await expect(source.locator('.gk-feed-source__url')).toHaveText(publisher.url());
  await expect(source).toContainText('当前显示的是本机保存的副本');
  await again.close();
});

test('a new feed is shown before it is saved, and a failed save keeps the last good copy', async ({ page, context }) => {
  // A feed is shown as soon as it is validated and saved to Cache Storage after that screen is
  // painted. A save that fails (storage full, the page closed first) must leave the previous
  // good copy in place, never nothing and never a half-written copy.
  publisher.answer('valid', remoteV1);
  const url = `${site.url}?feed=${encodeURIComponent(publisher.url())}`;
  await open(page, url);
  await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
  await expect(homeQa(page).first()).not.toContainText('【第二版】');
  await page.close();

  // Version 2 arrives in a page where every save to Cache Storage fails: it is shown all the same.
  publisher.answer('valid', remoteV2);
  const failing = await context.newPage();
  await failing.addInitScript(() => {
    Cache.prototype.put = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
  });
  await failing.goto(url);
  await expectLastGood(failing);
  await expect(notices(failing)).toContainText('内容已更新');
  await expect(failing.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
  await failing.close();

  // A restart with the publisher unreachable: version 1, the last copy actually kept, at once.
  publisher.answer('hang');
  const restarted = await context.newPage();
  await restarted.goto(url);
  await expect(header(restarted)).toHaveText(publisherName, { timeout: (TIMEOUT_SECONDS * 1000) / 2 });
  await expect(homeQa(restarted).first()).not.toContainText('【第二版】');
  await expect(restarted.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
  await expect(notices(restarted)).toContainText(`内容来源在 ${TIMEOUT_SECONDS} 秒内没有响应。`);

  // With saving possible again, version 2 is shown and kept: the next restart offline shows it.
  publisher.answer('valid', remoteV2);
  await restarted.reload();
  await expectLastGood(restarted);
  await expect(restarted.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
  await restarted.close();
  publisher.answer('hang');
  const offline = await context.newPage();
  await offline.goto(url);
  await expect(header(offline)).toHaveText(publisherName, { timeout: (TIMEOUT_SECONDS * 1000) / 2 });
  await expect(homeQa(offline).first()).toContainText('【第二版】');
  await offline.close();
});

test('an answer that comes before the saved copy is read is still checked against it', async ({ page, context }) => {
  // The download and the look-up of the saved copy run side by side. When the answer comes
  // first (Cache Storage slow to open), it must still not replace a newer or equal saved copy.
  publisher.answer('valid', remoteV2);
  const url = `${site.url}?feed=${encodeURIComponent(publisher.url())}`;
  await open(page, url);
  await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
  await page.close();

  const slow = await context.newPage();
  await slow.addInitScript(() => {
    for (const name of ['open', 'match']) {
      const original = CacheStorage.prototype[name];
      CacheStorage.prototype[name] = function (...args) {
        return new Promise((resolve) => setTimeout(resolve, 1500)).then(() => original.apply(this, args));
      };
    }
  });
  const answeredFirst = async () => {
    const marks = await slow.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
    expect(marks.indexOf('gongkai:feed:body')).toBeLessThan(marks.indexOf('gongkai:feed:saved-looked-up'));
  };
  const check = async () => {
    await expect(slow.locator('#static-shell')).toHaveCount(0);
    await expect(slow.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
    await answeredFirst();
    await expectLastGood(slow);
  };

  // Older than the saved copy: the saved copy is shown, with the notice.
  publisher.answer('older');
  await slow.goto(url);
  await check();
  await expect(notices(slow)).toContainText('下载的内容版本（100）比已有版本（101）旧，未采用。');

  // Broken: the same.
  publisher.answer('malformed');
  await slow.reload();
  await check();
  await expect(notices(slow)).toContainText('下载的内容不是有效的数据源，未采用。');

  // The same feed again: shown, no notice, and confirmed by the network.
  publisher.answer('valid', remoteV2);
  await slow.reload();
  await check();
  await expect(notices(slow)).toHaveCount(0);
  await slow.getByRole('link', { name: '设置' }).click();
  await expect(slow.getByRole('region', { name: '数据来源' })).not.toContainText('当前显示的是本机保存的副本');

  // The note of saved feeds (localStorage) lost while the copy stays in Cache Storage: the
  // answer is shown without waiting for the look-up, but an older one still does not win.
  await slow.evaluate(() => localStorage.removeItem('gongkai.saved-feeds'));
  publisher.answer('older');
  await slow.goto(url);
  await check();
  await expect(notices(slow)).toContainText('下载的内容版本（100）比已有版本（101）旧，未采用。');
  await slow.getByRole('link', { name: '设置' }).click();
  const source = slow.getByRole('region', { name: '数据来源' });
  await expect(source).toContainText('当前显示的是本机保存的副本');
  await expect(source.locator('dd').filter({ hasText: /^101$/ })).toHaveCount(1);
  await slow.close();
});

test('a page left open picks up a newer feed when the network comes back, without a reload', async ({ page, context }) => {
  publisher.answer('valid', remoteV1);
  await open(page, `${site.url}?feed=${encodeURIComponent(publisher.url())}`);
  await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
  await expect(homeQa(page).first()).not.toContainText('【第二版】');
  // Keep a mark on the page: a reload would lose it.
  await page.evaluate(() => { window.__stillTheSamePage = true; });
  // The service worker is registered once the page is painted. Going offline while its script
  // downloads would fail that registration (a console error), which is not what this is about.
  await page.evaluate(() => navigator.serviceWorker.ready);

  await context.setOffline(true);
  await expect(page.locator('.gk-offline')).toBeVisible();
  publisher.answer('valid', remoteV2);
  await context.setOffline(false);
  await expect(homeQa(page).first()).toContainText('【第二版】');
  await expect(notices(page)).toContainText('内容已更新');
  expect(await page.evaluate(() => window.__stillTheSamePage)).toBe(true);
});

test('a ?feed= link to an origin that is not allow-listed is refused with a message', async ({ page }) => {
  publisher.answer('valid', remoteV2);
  // Same server, but named by another origin (localhost is not 127.0.0.1): not on the list.
  const forged = `http://localhost:${publisher.port}/feed.json`;
  const before = publisher.requests.length;
  await open(page, `${site.url}?feed=${encodeURIComponent(forged)}`);
  await expect(page.locator('.gk-feed-notices')).toHaveAttribute('data-feed-check', 'done');
  const notice = notices(page);
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(`链接指定的内容来源 http://localhost:${publisher.port} 不在本站允许的来源之列，已忽略。`);
  // The site's own feed is shown instead, and the forged one was never even requested.
  await expect(header(page)).toHaveText(zh(feed.publisher.name));
  expect(publisher.requests.slice(before)).toEqual([]);

  await open(page, `${site.url}?feed=${encodeURIComponent('https://forged.example/feed.json')}`);
  await expect(notices(page)).toContainText('链接指定的内容来源 https://forged.example 不在本站允许的来源之列，已忽略。');
  await expect(header(page)).toHaveText(zh(feed.publisher.name));
});
