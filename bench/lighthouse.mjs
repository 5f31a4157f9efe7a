// Lighthouse (mobile preset, performance only) against a build served by nginx with the
// project's configuration, for `cargo xtask bench load`.
//
//   node bench/lighthouse.mjs --dist DIR --name NAME --port N --runs 3 --path / --path /qa
//
// Prints one line per run:
// path<TAB>run<TAB>score<TAB>fcp<TAB>lcp<TAB>tbt<TAB>cls<TAB>si<TAB>lcp_element<TAB>idle
// (times in ms; the element that was the largest paint, as a CSS selector; the share of the
// machine's CPU that was idle in the second before the run), and keeps each report as
// target/bench/lighthouse/NAME-<path>-<run>.json.
// Runs one at a time: on a 2-core machine parallel runs would measure each other. For the same
// reason each run waits (up to two minutes) for a second in which the machine is at least 80 %
// idle: Lighthouse's blocking time is the page's own tasks, four times over, and a task that
// shares the CPU with a build next to it is longer by the build.
// Each run gets a newly launched browser with a fresh profile, which Lighthouse is pointed at
// (`--port`) once the browser has finished its own start-up, as bench/bare-chromium.mjs does
// for the feed's loads: launched by Lighthouse itself, headless Chromium was still building its
// omnibox popup on the other core while the page loaded, and the page's tasks took longer.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNginx } from '../tests/e2e/support/nginx.mjs';
import { CHROMIUM_ARGS } from '../playwright.config.mjs';
import { waitForIdleMachine, waitUntilQuiet } from './bare-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const get = (flag, dflt) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : dflt; };
const all = (flag) => args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));

const dist = path.resolve(root, get('--dist', 'dist'));
const name = get('--name', 'app');
const runs = Number(get('--runs', '3'));
const paths = all('--path');
const outDir = path.join(root, 'target', 'bench', 'lighthouse');
fs.mkdirSync(outDir, { recursive: true });

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';

/** A port nothing listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Launches Chromium with a fresh profile and DevTools on a port, and returns once its
 *  start-up is over. */
async function launchSettled() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-lighthouse-'));
  const port = await freePort();
  const proc = spawn(CHROME, ['--headless=new', ...CHROMIUM_ARGS, `--user-data-dir=${profile}`,
    `--remote-debugging-port=${port}`, 'about:blank'], { stdio: 'ignore' });
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (proc.exitCode !== null || Date.now() > until) throw new Error(`Chromium did not start (${CHROME})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await waitUntilQuiet(proc.pid);
  return {
    port,
    async close() {
      // The profile can only go once the whole browser has exited: a helper process still
      // writing into it makes the removal fail with ENOTEMPTY.
      const exited = new Promise((r) => proc.once('exit', r));
      const waitExit = (ms) => Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);
      if (proc.exitCode === null) {
        proc.kill();
        if (!(await waitExit(5000))) {
          proc.kill('SIGKILL');
          await waitExit(5000);
        }
      }
      // A helper process of the browser can outlive it by a moment and write one more file, so
      // the removal is tried again for a while; a profile left in the temporary directory
      // after that costs a run nothing, so it is reported, not thrown.
      for (let attempt = 1; ; attempt++) {
        try {
          fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
          break;
        } catch (e) {
          if (attempt === 5) {
            console.warn(`  (left ${profile}: ${e.code ?? e.message})`);
            break;
          }
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    },
  };
}

const server = await startNginx({ port: Number(get('--port', '0')) || undefined, dist, name: `bench-lh-${name}` });
try {
  for (const p of paths.length ? paths : ['/']) {
    const url = new URL(p.replace(/^\//, ''), server.url).href;
    for (let run = 1; run <= runs; run++) {
      const slug = p.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'root';
      const out = path.join(outDir, `${name}-${slug}-${run}.json`);
      const browser = await launchSettled();
      let r;
      let idle;
      try {
        idle = await waitForIdleMachine();
        r = spawnSync(
          path.join(root, 'node_modules', '.bin', 'lighthouse'),
          [url, '--quiet', '--output=json', `--output-path=${out}`, '--only-categories=performance',
            `--port=${browser.port}`],
          { encoding: 'utf8' },
        );
      } finally {
        await browser.close();
      }
      if (r.status !== 0 || !fs.existsSync(out)) {
        throw new Error(`lighthouse failed on ${url} (run ${run}):\n${r.stderr}`);
      }
      const lhr = JSON.parse(fs.readFileSync(out, 'utf8'));
      if (lhr.runtimeError) throw new Error(`lighthouse on ${url}: ${lhr.runtimeError.message}`);
      const num = (id) => lhr.audits[id]?.numericValue ?? NaN;
      const score = lhr.categories.performance.score;
      const lcpNode = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
      const lcpElement = (lcpNode?.selector ?? '').split(' > ').slice(-2).join(' > ').replace(/\s+/g, ' ');
      const row = [p, run, score, num('first-contentful-paint'), num('largest-contentful-paint'),
        num('total-blocking-time'), num('cumulative-layout-shift'), num('speed-index'), lcpElement,
        idle.toFixed(2)];
      process.stdout.write(`${row.join('\t')}\n`);
      const tasks = (lhr.audits['long-tasks']?.details?.items ?? []).map((t) => Math.round(t.duration));
      process.stderr.write(`  ${name} ${p} run ${run}: score ${score}, LCP element ${lcpElement || '?'}, ` +
        `long tasks (simulated, ms): ${tasks.join(' ') || 'none'}; CPU idle before it ${Math.round(idle * 100)} %, ` +
        `Lighthouse's benchmark index ${lhr.environment?.benchmarkIndex ?? '?'}\n`);
    }
  }
} finally {
  await server.stop();
}
