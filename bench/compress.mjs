// Raw, gzip and brotli sizes of files, for `cargo xtask bench size`.
//
//   node bench/compress.mjs FILE...   prints one line per file: path<TAB>raw<TAB>gzip<TAB>brotli
//
// gzip at level 9 (as tests/e2e/budgets.spec.mjs counts the budget) and brotli at quality 11
// (what a precompressing static host ships).
import fs from 'node:fs';
import zlib from 'node:zlib';

for (const file of process.argv.slice(2)) {
  const buf = fs.readFileSync(file);
  const gzip = zlib.gzipSync(buf, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
  process.stdout.write(`${file}\t${buf.length}\t${gzip}\t${brotli}\n`);
}
