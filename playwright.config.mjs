// End-to-end tests: Debian's Chromium (never a downloaded browser) against the release build
// in dist/, served by nginx with the project's own configuration (deploy/nginx/).
import { defineConfig } from '@playwright/test';

export const PORT = Number(process.env.GONGKAI_E2E_PORT || 18080);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: /.*\.spec\.mjs$/,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  globalSetup: './tests/e2e/support/global-setup.mjs',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    locale: 'zh-CN',
    // Blocked by default: once the service worker controls a page it answers from its cache,
    // where page.route() cannot see the requests. offline.spec and remote-feed.spec allow it.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'budgets', testMatch: /budgets\.spec\.mjs$/ },
    {
      name: 'phone',
      testIgnore: /budgets\.spec\.mjs$/,
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
    {
      name: 'kiosk',
      testIgnore: /budgets\.spec\.mjs$/,
      use: { viewport: { width: 1080, height: 1920 }, hasTouch: true },
    },
  ],
});
