// A publisher's feed server for the remote-feed tests: a small HTTP server on a loopback port
// that answers the way real servers go wrong. Switch what it does with `server.answer(mode)`:
//
//   valid      the current feed (`server.feed`), with an ETag, honouring If-None-Match (304)
//   malformed  a truncated JSON document
//   invalid    JSON that breaks the feed format (schema-invalid)
//   older      a valid feed whose `version` is lower than `server.feed`'s
//   oversize   a body streamed in chunks, with no Content-Length, far past any sane cap
//   oversize-declared  the same body, paced the same way, announced by its Content-Length
//   oversize-gzip      a small gzip body (its Content-Length far under the cap) that unpacks to
//                      far more than the cap
//   error      HTTP 500
//   hang       accepts the request and never answers
//   nocors     the valid feed without Access-Control-Allow-Origin
//
// Every answer but `nocors` carries the CORS headers a publisher must send.
import http from 'node:http';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { freePort } from './nginx.mjs';

/** Bytes streamed in `oversize` mode (the tests cap feeds well below this). */
export const OVERSIZE_BYTES = 8 * 1024 * 1024;

function cors(res) {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'ETag, Last-Modified');
}

/** Starts the server; resolves to a handle (see the top of this file). */
export async function startFeedServer() {
  const port = await freePort();
  const sockets = new Set();
  const handle = {
    port,
    origin: `http://127.0.0.1:${port}`,
    url: (path = '/feed.json') => `http://127.0.0.1:${port}${path}`,
    mode: 'valid',
    feed: null,
    /** Every request: { method, url, host, ifNoneMatch, status } (status is what was sent). */
    requests: [],
    /** The `oversize` and `oversize-declared` answers the client cut off before their end. */
    cutOff: new Set(),
    answer(mode, feed) {
      this.mode = mode;
      if (feed) this.feed = feed;
    },
  };

  const server = http.createServer((req, res) => {
    const record = {
      method: req.method,
      url: req.url,
      host: req.headers.host,
      ifNoneMatch: req.headers['if-none-match'] ?? null,
      status: null,
    };
    handle.requests.push(record);
    const send = (status, body, type = 'application/json') => {
      record.status = status;
      res.statusCode = status;
      res.setHeader('Content-Type', type);
      res.setHeader('Cache-Control', 'no-cache');
      res.end(body);
    };
    if (req.method === 'OPTIONS') {
      cors(res);
      res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since');
      return send(204, '');
    }
    const valid = JSON.stringify(handle.feed);
    switch (handle.mode) {
      case 'valid': {
        cors(res);
        const etag = `"${crypto.createHash('sha256').update(valid).digest('hex').slice(0, 16)}"`;
        res.setHeader('ETag', etag);
        if (req.headers['if-none-match'] === etag) return send(304, '');
        return send(200, valid);
      }
      case 'malformed':
        cors(res);
        return send(200, valid.slice(0, Math.floor(valid.length / 2)));
      case 'invalid': {
        cors(res);
        const broken = structuredClone(handle.feed);
        broken.version += 1;
        broken.qa[0].id = '';
        broken.documents[0].issued = '2019-13-45';
        return send(200, JSON.stringify(broken));
      }
      case 'older': {
        cors(res);
        return send(200, JSON.stringify({ ...handle.feed, version: handle.feed.version - 1 }));
      }
      case 'oversize-gzip': {
        cors(res);
        const packed = zlib.gzipSync(Buffer.alloc(OVERSIZE_BYTES, 0x20), { level: 9 });
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Content-Length', packed.length);
        return send(200, packed);
      }
      case 'oversize':
      case 'oversize-declared': {
        cors(res);
        record.status = 200;
        res.statusCode = 200;
        res.setHeader('Content-Type', 'application/json');
        if (handle.mode === 'oversize-declared') res.setHeader('Content-Length', OVERSIZE_BYTES);
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const mode = handle.mode;
        res.on('close', () => {
          if (sent < OVERSIZE_BYTES) handle.cutOff.add(mode);
        });
        // Paced, a chunk every few milliseconds: on loopback an unpaced body would sit whole in
        // socket buffers before the reader could stop it, and "cut off" could not be told apart
        // from "downloaded to the end".
        const pump = () => {
          if (res.destroyed) return;
          if (sent >= OVERSIZE_BYTES) return res.end();
          sent += chunk.length;
          if (res.write(chunk)) setTimeout(pump, 4);
          else res.once('drain', () => setTimeout(pump, 4));
        };
        return pump();
      }
      case 'error':
        cors(res);
        return send(500, 'internal error', 'text/plain');
      case 'hang':
        record.status = 'hang';
        return undefined;
      case 'nocors':
        return send(200, valid);
      default:
        return send(400, `unknown mode ${handle.mode}`, 'text/plain');
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  handle.stop = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return handle;
}

/**
 * nginx `extraServer` lines for a test that reads a feed from `origin` over plain http: the
 * shipped Content-Security-Policy (deploy/nginx/gongkai-headers.conf) with that one origin added
 * to `connect-src`, on the app shell only (`/` and `/index.html`). Everything else keeps the
 * shipped headers untouched. Production feeds are https, which the shipped policy allows.
 */
export function cspAllowing(headersConf, origin) {
  const relaxed = headersConf.replace("connect-src 'self' https:", `connect-src 'self' https: ${origin}`);
  if (relaxed === headersConf) throw new Error('gongkai-headers.conf has no connect-src to extend');
  const headers = relaxed
    .split('\n')
    .filter((l) => l.trim().startsWith('add_header'))
    .join('\n      ');
  const body = `
      add_header Cache-Control "no-cache" always;
      ${headers}
      try_files /index.html =404;`;
  return `
    location = / {${body}
    }
    location = /index.html {${body}
    }`;
}
