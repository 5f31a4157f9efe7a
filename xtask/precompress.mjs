// Writes `FILE.gz` (gzip level 9) and `FILE.br` (brotli quality 11) beside each FILE, for the
// static server to send as they are (nginx `gzip_static`, `brotli_static`). A copy that would not
// be smaller is not written (and an old one is removed), so the server sends the file itself.
// `bench/compress.mjs` measures with the same settings, so the sizes it reports are the bytes
// shipped.
//
//   node xtask/precompress.mjs FILE...
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** `raw` compressed as the build ships it: `{ gz, br }`. */
export function compressed(raw) {
  return {
    gz: zlib.gzipSync(raw, { level: 9 }),
    br: zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) {
    const raw = fs.readFileSync(file);
    for (const [ext, bytes] of Object.entries(compressed(raw))) {
      const out = `${file}.${ext}`;
      if (bytes.length < raw.length) fs.writeFileSync(out, bytes);
      else fs.rmSync(out, { force: true });
    }
  }
}
