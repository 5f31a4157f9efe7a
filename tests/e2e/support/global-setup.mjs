// Starts nginx on the test port for the whole run; the returned function stops it.
import fs from 'node:fs';
import path from 'node:path';
import { startNginx } from './nginx.mjs';
import { PORT } from '../../../playwright.config.mjs';

export default async function globalSetup() {
  // GONGKAI_DIST lets several builds be tested side by side (default: dist/).
  const dist = path.resolve(process.env.GONGKAI_DIST || 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error('dist/ has no release build: run `cargo xtask build` first');
  }
  const server = await startNginx({ port: PORT, dist, name: `e2e-${PORT}` });
  return async () => server.stop();
}
