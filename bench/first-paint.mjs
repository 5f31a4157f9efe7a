// The first screen before the wasm arrives, for `cargo xtask bench load`: with every .wasm
// request blocked, the static shell in index.html must already show the header and the tab
// bar; once the app runs, its header and tab bar must sit exactly where the shell's did (no
// layout shift at the takeover).
//
//   node bench/first-paint.mjs --dist DIR [--port N]
//
// Prints one line per viewport:
//   viewport<TAB>header_visible<TAB>tab_links<TAB>shell_boxes<TAB>app_boxes<TAB>screenshot
// (boxes as x,y,w,h of the header and of the tab bar, separated by a space).
import { chromium } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNginx } from '../tests/e2e/support/nginx.mjs';
import { CHROMIUM_ARGS } from '../playwright.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const get = (flag, dflt) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : dflt; };
const dist = path.resolve(root, get('--dist', 'dist'));

const VIEWPORTS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: 'kiosk', viewport: { width: 1080, height: 1920 }, hasTouch: true },
];

const box = async (locator) => {
  const b = await locator.boundingBox();
  return b ? [b.x, b.y, b.width, b.height].map((v) => Math.round(v * 10) / 10).join(',') : 'none';
};

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
const server = await startNginx({ port: Number(get('--port', '0')) || undefined, dist, name: 'bench-first-paint' });
try {
  for (const { name, ...options } of VIEWPORTS) {
    const shot = path.join(root, 'target', 'bench', `first-paint-${name}.png`);

    const blocked = await browser.newContext(options);
    const page = await blocked.newPage();
    await page.route('**/*.wasm', (r) => r.abort());
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    const shell = page.locator('#static-shell');
    const header = shell.locator('.gk-header');
    const visible = (await shell.count()) === 1 && (await header.isVisible());
    const links = await shell.locator('.gk-tabbar a:visible').count();
    const shellBoxes = `${await box(header)} ${await box(shell.locator('.gk-tabbar'))}`;
    await page.screenshot({ path: shot, fullPage: true });
    await blocked.close();

    const live = await browser.newContext(options);
    const app = await live.newPage();
    await app.goto(server.url);
    await app.locator('#static-shell').waitFor({ state: 'detached' });
    await app.locator('.gk-app .gk-header').first().waitFor();
    const appBoxes = `${await box(app.locator('.gk-app .gk-header').first())} ${await box(app.locator('.gk-app .gk-tabbar').first())}`;
    await live.close();

    process.stdout.write(`${name}\t${visible}\t${links}\t${shellBoxes}\t${appBoxes}\t${path.relative(root, shot)}\n`);
  }
} finally {
  await server.stop();
  await browser.close();
}
