// Writes `FILE.gz` (gzip level 9) and `FILE.br` (brotli quality 11) beside each FILE, for the
// static server to send as they are (nginx `gzip_static`, `brotli_static`). A copy that would not
// be smaller is not written (and an old one is removed), so the server sends the file itself.
//
//   node xtask/precompress.mjs FILE...
import fs from 'node:fs';
import zlib from 'node:zlib';

for (const file of process.argv.slice(2)) {
  const raw = fs.readFileSync(file);
  const copies = {
    gz: zlib.gzipSync(raw, { level: 9 }),
    br: zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
  };
  for (const [ext, bytes] of Object.entries(copies)) {
    const out = `${file}.${ext}`;
    if (bytes.length < raw.length) fs.writeFileSync(out, bytes);
    else fs.rmSync(out, { force: true });
  }
}
