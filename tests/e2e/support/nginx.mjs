// Runs Debian's nginx with the project's own configuration (deploy/nginx/) on a loopback port,
// serving a build directory. Used by the end-to-end tests and by `cargo xtask serve`.
//
//   node tests/e2e/support/nginx.mjs serve --port 8080 --dist dist   (foreground)

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p)) ?? 'nginx';

/** A free loopback TCP port. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Writes an nginx configuration that serves `dist` on 127.0.0.1:`port` with the project's
 * locations and headers, optionally under `subPath` (e.g. "/gongkai/"). Returns its directory.
 */
export function writeConfig({ port, dist, name = `nginx-${port}`, subPath = '/', extraServer = '' }) {
  const dir = path.join(root, 'target', 'nginx', name);
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  for (const f of ['gongkai-locations.conf', 'gongkai-headers.conf']) {
    fs.copyFileSync(path.join(root, 'deploy', 'nginx', f), path.join(dir, f));
  }
  const distAbs = path.resolve(root, dist);
  const user = process.getuid && process.getuid() === 0 ? 'user root;' : '';
  let serverBody;
  if (subPath === '/') {
    serverBody = `root ${distAbs};\n    include gongkai-locations.conf;`;
  } else {
    // Serve dist/ as <root>/<subPath>: a symlinked tree so the same locations apply.
    const webRoot = path.join(dir, 'www');
    const mount = path.join(webRoot, subPath.replace(/^\/|\/$/g, ''));
    fs.rmSync(webRoot, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(mount), { recursive: true });
    fs.symlinkSync(distAbs, mount);
    serverBody = `root ${webRoot};\n    location ${subPath} {\n      include gongkai-locations-sub.conf;\n    }`;
    const sub = fs
      .readFileSync(path.join(root, 'deploy', 'nginx', 'gongkai-locations.conf'), 'utf8')
      .replace('try_files $uri $uri/index.html /index.html;', `try_files $uri $uri/index.html ${subPath}index.html;`)
      // The app-route fallback must sit inside the sub-path's location (nginx refuses `/` there).
      .replace('location / {', `location ${subPath} {`);
    fs.writeFileSync(path.join(dir, 'gongkai-locations-sub.conf'), sub);
  }
  // Debian's brotli_static module, for the build's precompressed copies (named by its absolute
  // path: Debian's own snippet is relative to the stock prefix, not this one).
  const conf = `${user}
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/logs/access.log;
  client_body_temp_path ${dir}/tmp-body;
  proxy_temp_path ${dir}/tmp-proxy;
  fastcgi_temp_path ${dir}/tmp-fastcgi;
  uwsgi_temp_path ${dir}/tmp-uwsgi;
  scgi_temp_path ${dir}/tmp-scgi;
  sendfile on;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    index index.html;
    ${serverBody}
    ${extraServer}
  }
}
`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const test = spawnSync(NGINX, ['-t', '-q', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx rejected the configuration:\n${test.stderr}`);
  return dir;
}

async function waitForPort(port, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not start listening on port ${port}`);
}

/** Starts nginx in the background; resolves to a handle with `url` and `stop()`. */
export async function startNginx(opts) {
  const port = opts.port ?? (await freePort());
  const dir = writeConfig({ ...opts, port });
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore', detached: false });
  await waitForPort(port);
  const subPath = opts.subPath ?? '/';
  return {
    port,
    pid: child.pid,
    url: `http://127.0.0.1:${port}${subPath}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// CLI: `serve` in the foreground for `cargo xtask serve`.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const get = (flag, dflt) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : dflt; };
  if (args[0] !== 'serve') {
    console.error('usage: nginx.mjs serve [--port N] [--dist DIR] [--sub-path /p/]');
    process.exit(2);
  }
  const port = Number(get('--port', '8080'));
  const subPath = get('--sub-path', '/');
  const dir = writeConfig({ port, dist: get('--dist', 'dist'), name: `serve-${port}`, subPath });
  console.log(`\n  Gongkai is being served at http://127.0.0.1:${port}${subPath}\n  (nginx with deploy/nginx/; Ctrl-C to stop)\n`);
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'inherit' });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
