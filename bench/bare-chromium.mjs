// A Chromium driven over a bare DevTools pipe, for the benchmark's timed page loads.
//
// Playwright turns on DevTools' Network domain in every page it drives, and with it Chromium
// keeps a copy of each response body for the Network panel and decodes text bodies as they
// finish: for an 8 MB feed that work sat between the last byte and the app reading it, and
// added 60–120 ms to the first list screen in runs taking turns with bare loads. A reader's
// browser does none of it, so timed loads go through this pipe, which sends only the commands
// below (no Network domain). Each launch is a fresh profile: nothing cached, as on a first visit.
//
// A browser that has just started is still busy with itself for a second or two: headless
// Chromium builds its omnibox popup (a WebUI page in a renderer of its own) and the browser
// process sets up its profile. In traces that took most of one of this machine's two cores
// while the page loaded: loads begun right after launch painted the large feed's issue
// contents at a median of 648 ms, loads begun 3 s after launch at 444 ms (six each, taking
// turns). A reader's browser is already running when they open a link, so `launchBare`
// returns once the browser's processes have gone quiet (`waitUntilQuiet`): the profile is
// still empty, only the browser's own start-up is over.
//
//   const b = await launchBare({ args }); const page = await b.open(url, { width, height, ... });
//   await page.evaluate('1 + 1'); await page.send('Memory.getDOMCounters'); await b.close();
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function launchBare({ executablePath = '/usr/bin/chromium', args = [] } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-'));
  const proc = spawn(executablePath,
    ['--headless=new', ...args, `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const [, , , toBrowser, fromBrowser] = proc.stdio;
  let nextId = 0;
  const waiting = new Map();
  let buffer = '';
  fromBrowser.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let end;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const w = message.id !== undefined && waiting.get(message.id);
      if (w) {
        waiting.delete(message.id);
        if (message.error) w.reject(new Error(`${w.method}: ${message.error.message}`));
        else w.resolve(message.result);
      }
    }
  });
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = ++nextId;
    waiting.set(id, { resolve, reject, method });
    toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
  });
  await send('Browser.getVersion');
  await waitUntilQuiet(proc.pid);
  return {
    /** Opens `url` in a new page with `metrics` (Emulation.setDeviceMetricsOverride) and
     *  `initScript` run before the page's own scripts. */
    async open(url, { metrics, initScript }) {
      const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      await send('Page.enable', {}, sessionId);
      await send('Emulation.setDeviceMetricsOverride', metrics, sessionId);
      if (metrics.mobile) await send('Emulation.setTouchEmulationEnabled', { enabled: true }, sessionId);
      await send('Page.addScriptToEvaluateOnNewDocument', { source: initScript }, sessionId);
      await send('Page.navigate', { url }, sessionId);
      const evaluate = async (expression) => {
        const { result, exceptionDetails } = await send('Runtime.evaluate',
          { expression, returnByValue: true, awaitPromise: true }, sessionId);
        if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
        return result.value;
      };
      return {
        evaluate,
        send: (method, params) => send(method, params, sessionId),
        /** Waits until `expression` is truthy, polling. */
        async waitFor(expression, timeoutMs = 60_000) {
          const until = Date.now() + timeoutMs;
          while (!(await evaluate(expression))) {
            if (Date.now() > until) throw new Error(`timed out waiting for ${expression} on ${url}`);
            await new Promise((r) => setTimeout(r, 50));
          }
        },
      };
    },
    async close() {
      const exited = new Promise((r) => proc.once('exit', r));
      send('Browser.close').catch(() => {});
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) proc.kill();
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/** CPU time (clock ticks) used so far by process `root` and all its descendants, from /proc. */
function treeTicks(root) {
  const stats = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces: fields are counted after it.
      const text = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.push({ pid: Number(entry), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while the list was read.
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of stats) if (!tree.has(p.pid) && tree.has(p.ppid)) { tree.add(p.pid); grew = true; }
  }
  return stats.filter((p) => tree.has(p.pid)).reduce((sum, p) => sum + p.ticks, 0);
}

/** Waits until the browser's processes together have used at most one clock tick (1/100 s)
 *  of CPU over half a second: at most 2 % of a core (at most 15 s; where /proc is missing, 3 s). */
export async function waitUntilQuiet(pid, { windowMs = 500, timeoutMs = 15_000 } = {}) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  if (!fs.existsSync(`/proc/${pid}/stat`)) return sleep(3000);
  const until = Date.now() + timeoutMs;
  let before = treeTicks(pid);
  while (Date.now() < until) {
    await sleep(windowMs);
    const now = treeTicks(pid);
    if (now - before <= 1) return;
    before = now;
  }
}

/** The share of the machine's CPU time (all cores) that was idle over `ms`, from /proc/stat;
 *  1 where there is no /proc. */
export async function idleShare(ms = 1000) {
  const read = () => {
    if (!fs.existsSync('/proc/stat')) return null;
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: idle and iowait are the idle time.
    return { idle: cpu[3] + (cpu[4] ?? 0), total: cpu.slice(0, 8).reduce((a, b) => a + b, 0) };
  };
  const a = read();
  if (!a) return 1;
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return b.total > a.total ? (b.idle - a.idle) / (b.total - a.total) : 1;
}

/** Waits, up to `timeoutMs`, for a second in which at least `share` of the machine's CPU was
 *  idle, and returns the idle share of the last second measured. A page's tasks on a machine
 *  shared with other work are slower by whatever else runs beside them, and a timed run then
 *  measures the neighbours as much as the page. */
export async function waitForIdleMachine({ share = 0.8, timeoutMs = 120_000 } = {}) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const idle = await idleShare();
    if (idle >= share || Date.now() > until) return idle;
  }
}
