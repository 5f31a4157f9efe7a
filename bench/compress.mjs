// Raw, gzip and brotli sizes of files, for `cargo xtask bench size`.
//
//   node bench/compress.mjs FILE...   prints one line per file: path<TAB>raw<TAB>gzip<TAB>brotli
//
// gzip at level 9 (as tests/e2e/budgets.spec.mjs counts the budget) and brotli at quality 11:
// the settings of the copies the build ships (xtask/precompress.mjs).
import fs from 'node:fs';
import { compressed } from '../xtask/precompress.mjs';

for (const file of process.argv.slice(2)) {
  const buf = fs.readFileSync(file);
  const { gz, br } = compressed(buf);
  process.stdout.write(`${file}\t${buf.length}\t${gz.length}\t${br.length}\n`);
}
