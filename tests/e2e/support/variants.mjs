// Variants of the release build for the offline and remote-feed tests: a copy of the build under
// test with its feed or config.json changed, as a deployer or publisher would change them on the
// server. `precache: true` rewrites sw.js with `cargo xtask precache`, exactly as a rebuild would.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The build under test (GONGKAI_DIST, default dist/). */
export const buildDir = () => path.resolve(root, process.env.GONGKAI_DIST || 'dist');

/** The feed inside a build. */
export const readFeed = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'feed', 'feed.json'), 'utf8'));

/** The cache name a build's service worker uses. */
export function cacheName(dir) {
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const m = sw.match(/const CACHE = '([^']+)'/);
  if (!m) throw new Error(`${dir}/sw.js has no cache name`);
  return m[1];
}

/**
 * Copies `from` (default: the build under test) to target/e2e-offline/<name> and applies the
 * changes: `feed` (an object written as feed/feed.json), `config` (config.json), `marker` (a
 * `<meta name="gongkai-build">` added to index.html, to tell two app shells apart).
 */
export function makeVariant(name, { from = buildDir(), feed, config, marker, precache = false } = {}) {
  const dir = path.join(root, 'target', 'e2e-offline', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.cpSync(from, dir, { recursive: true });
  if (feed) {
    fs.writeFileSync(path.join(dir, 'feed', 'feed.json'), JSON.stringify(feed, null, 1));
    // nginx would send the build's precompressed copy of the old feed in place of the new one
    // (gzip_static): without it, it compresses the new feed itself. `precache` writes a new one.
    fs.rmSync(path.join(dir, 'feed', 'feed.json.gz'), { force: true });
  }
  if (config) fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  if (marker) {
    const index = path.join(dir, 'index.html');
    const html = fs.readFileSync(index, 'utf8');
    // After the charset declaration (the release build is minified: no `<head>` tag, no quotes).
    const charset = html.match(/<meta charset[^>]*>/);
    if (!charset) throw new Error(`${index} has no <meta charset>`);
    const at = charset.index + charset[0].length;
    fs.writeFileSync(index, `${html.slice(0, at)}<meta name="gongkai-build" content="${marker}">${html.slice(at)}`);
  }
  if (precache) {
    const r = spawnSync('cargo', ['xtask', 'precache', '--dist', dir], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cargo xtask precache failed:\n${r.stdout}\n${r.stderr}`);
  }
  return dir;
}
