// A Chromium driven over a bare DevTools pipe, for the benchmark's timed page loads.
//
// Playwright turns on DevTools' Network domain in every page it drives, and with it Chromium
// keeps a copy of each response body for the Network panel and decodes text bodies as they
// finish: for an 8 MB feed that work sat between the last byte and the app reading it, and
// added 60–120 ms to the first list screen in runs taking turns with bare loads. A reader's
// browser does none of it, so timed loads go through this pipe, which sends only the commands
// below (no Network domain). Each launch is a fresh profile: nothing cached, as on a first visit.
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
