// `cargo xtask bench search`: the feed's search index against MiniSearch and FlexSearch in
// Debian's Chromium, over a large feed built from the real corpus.
//
//   node bench/search.mjs [--no-build] [--rounds 10] [--builds 3] [--port 18120] [--items 5000]
//                         [--no-write] [--from-results]
//
// 1. Builds the feed (`feedtool corpus`), the index as its own release wasm
//    (bench/search-wasm/, wasm-bindgen --target web, wasm-opt -Oz) and the page
//    (bench/search-page/ with copies of MiniSearch and FlexSearch) in target/bench/search-page/.
// 2. Serves the page on loopback, cross-origin isolated so that performance.now() ticks in
//    microseconds rather than 100 µs steps, and drives it with Playwright.
// 3. In one page: each engine's index build (median of --builds), the memory it keeps, every
//    query --rounds times with the engines taking turns (after two untimed rounds), and every
//    query's full set of matches against a naive scan of the same normalised text (checked in
//    turn against the crate's naive_search).
//
// Standard output is Markdown only (xtask puts it into docs/benchmarks.md as the search section);
// progress goes to standard error. Unless --no-write is given, the same Markdown also replaces what
// is between `<!-- search:start -->` and `<!-- search:end -->` in docs/benchmarks.md. Exits with
// 1 when the index misses or adds a match, or when the page's scan and the crate's disagree.

import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../playwright.config.mjs';
import { extractItems, isWhitespaceCode } from './search-page/text.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const get = (flag, dflt) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : dflt;
};
const has = (flag) => args.includes(flag);

const ROUNDS = Number(get('--rounds', '10'));
const BUILDS = Number(get('--builds', '3'));
const ITEMS = Number(get('--items', '5000'));
const FIRST_PORT = Number(get('--port', '18120'));
const LAST_PORT = FIRST_PORT + 9;

const CORPUS = '/work/shared/corpus/government_work_reports.jsonl';
const FEED = path.join(root, 'target/bench/search-feed.json');
const PAGE = path.join(root, 'target/bench/search-page');
const WASM_TARGET = path.join(root, 'target/bench-search');
const DOC = path.join(root, 'docs/benchmarks.md');
/** The last run's raw figures, for `--from-results`. */
const RESULTS = path.join(root, 'target/bench/search-results.json');
const START = '<!-- search:start -->';
const END = '<!-- search:end -->';

/**
 * The fixed query set. Chinese: terms of 1–6 characters that occur in the corpus (and one that
 * does not), with a quoted and a full-width-digit form. Latin: what little the reports hold, and
 * common abbreviations they do not. Multi-term: every term must match.
 */
const QUERIES = [
  ...[
    '政', '税', '粮',
    '改革', '开放', '农村', '城镇', '低保', '扶贫', '医保', '就业', '三农', '新冠', '亿元',
    '放管服', '供给侧', '人民币', '互联网', '房地产', '双循环', '碳达峰',
    '减税降费', '一网通办', '脱贫攻坚', '社会主义', '科技创新', '乡村振兴', '营商环境', '一带一路',
    '义务教育', '生态文明', '依法治国', '精准扶贫', '中小企业', '国有企业', '环境保护', '民营经济',
    '五年计划', '计划经济', '量子纠缠',
    '高质量发展', '“一带一路”', '２０２０年',
    '人民代表大会', '国内生产总值',
  ].map((q) => ({ q, kind: 'Chinese' })),
  ...['GDP', 'WTO', '5G', 'IPV6', 'PM2.5', 'pm2', 'M2', 'C919', 'RCEP', 'H1N1'].map((q) => ({ q, kind: 'Latin' })),
  ...['改革 开放', '经济 增长 质量', '农村 低保', '科技 创新 人才', '粮食 安全', 'PM2.5 治理', '5G 网络', 'GDP 增长']
    .map((q) => ({ q, kind: 'multi-term' })),
];

/** Engines as the page names them, and as the table shows them. */
const ENGINES = [
  { id: 'ours', name: 'Gongkai index (wasm)' },
  { id: 'minisearch', name: 'MiniSearch 7.2.0, bigrams' },
  { id: 'flexsearch', name: 'FlexSearch 0.8.212, bigrams' },
];
/**
 * Timed, not checked for exactness: the index asked for its counts only (no hits, no snippets)
 * and FlexSearch asked for the first 20 matches only. `of` is the engine whose build they use.
 */
const VARIANTS = [
  { id: 'oursCounts', of: 'ours', name: 'Gongkai index, counts only' },
  { id: 'flexsearch20', of: 'flexsearch', name: 'FlexSearch, first 20 only' },
];
/** Table order. */
const ROWS = [ENGINES[0], VARIANTS[0], ENGINES[1], ENGINES[2], VARIANTS[1]];
/** An engine's builds stop repeating once they have taken this long together. */
const BUILD_BUDGET_MS = 60_000;

/** Further queries for exactness only: substrings of the corpus picked at random (seeded). */
const RANDOM_QUERIES = 200;

/**
 * `count` distinct substrings of 1–6 characters of the feed's fields, without whitespace, picked
 * with a fixed seed so that every run checks the same ones.
 */
function randomSubstrings(feed, count) {
  let seed = 0x2545f491;
  const next = (n) => {
    // xorshift32
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const items = extractItems(feed);
  const out = new Set();
  for (let tries = 0; out.size < count && tries < count * 100; tries++) {
    const fields = items[next(items.length)].fields;
    const chars = [...fields[next(fields.length)]];
    const len = 1 + next(6);
    if (chars.length < len) continue;
    const start = next(chars.length - len + 1);
    const q = chars.slice(start, start + len).join('');
    if ([...q].some((c) => isWhitespaceCode(c.codePointAt(0)))) continue;
    out.add(q);
  }
  return [...out];
}

const log = (s) => process.stderr.write(`search bench: ${s}\n`);

function run(cmd, cmdArgs, env = {}) {
  log(`$ ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, {
    cwd: root,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.error ?? `exit ${r.status}`})`);
}

function build() {
  run('cargo', ['run', '-q', '-p', 'feedtool', '--', 'corpus', CORPUS, '--items', String(ITEMS), '-o', FEED]);
  // Without the repository's wasm32 rustflags (.cargo/config.toml): they keep the linker's
  // relocations for the app's chunk splitter (xtask/src/wasm.rs, which splits before wasm-opt),
  // and this wasm is never split: with them left in, wasm-opt warns that it cannot handle the
  // module properly, and its output is a half bigger.
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--manifest-path',
    'bench/search-wasm/Cargo.toml', '--target-dir', WASM_TARGET], { CARGO_ENCODED_RUSTFLAGS: '' });
  const pkg = path.join(PAGE, 'pkg');
  fs.rmSync(pkg, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--out-dir', pkg,
    path.join(WASM_TARGET, 'wasm32-unknown-unknown/release/search_wasm.wasm')]);
  // wasm-opt 132 from npm first on PATH: Debian's older one corrupts the output.
  const bin = path.join(root, 'node_modules/.bin');
  const wasm = path.join(pkg, 'search_wasm_bg.wasm');
  run('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', wasm, '-o', wasm],
  { PATH: `${bin}:${process.env.PATH}` });
}

/** The page, the libraries and the feed side by side in target/bench/search-page. */
function assemble() {
  for (const f of [FEED, path.join(PAGE, 'pkg/search_wasm.js'), path.join(PAGE, 'pkg/search_wasm_bg.wasm')]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(root, f)} is missing: run without --no-build`);
  }
  for (const f of ['index.html', 'bench.mjs', 'text.mjs']) {
    fs.copyFileSync(path.join(root, 'bench/search-page', f), path.join(PAGE, f));
  }
  const vendor = path.join(PAGE, 'vendor');
  fs.mkdirSync(vendor, { recursive: true });
  fs.copyFileSync(path.join(root, 'node_modules/minisearch/dist/es/index.js'), path.join(vendor, 'minisearch.js'));
  fs.copyFileSync(path.join(root, 'node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs'),
    path.join(vendor, 'flexsearch.js'));
  fs.copyFileSync(FEED, path.join(PAGE, 'feed.json'));
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
};

/** A static server for the page on the first free port of ours, cross-origin isolated. */
async function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^\/+/, '') || 'index.html';
    const file = path.join(PAGE, rel);
    if (!file.startsWith(PAGE + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    fs.createReadStream(file).pipe(res);
  });
  for (let port = FIRST_PORT; port <= LAST_PORT; port++) {
    const ok = await new Promise((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) return { server, url: `http://127.0.0.1:${port}/` };
  }
  throw new Error(`no free port in ${FIRST_PORT}-${LAST_PORT}`);
}

// ---- Figures ----

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = sorted(xs);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)];
};
const median = (xs) => percentile(xs, 0.5);
const fmtMs = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const fmtMb = (bytes) => (bytes / (1024 * 1024)).toFixed(1);
const fmtRatio = (x) => (x === 1 ? '1.0' : x.toFixed(3));

/** Precision and recall of one result set against the naive one (1.0 for empty sets). */
function score(found, truth) {
  const t = new Set(truth);
  const f = new Set(found);
  let hit = 0;
  for (const k of f) if (t.has(k)) hit++;
  return {
    precision: f.size ? hit / f.size : 1,
    recall: t.size ? hit / t.size : 1,
    falsePositives: f.size - hit,
    missed: t.size - hit,
    found: f.size,
  };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

async function measure(browserVersion, page, cdp) {
  const queries = QUERIES.map((x) => x.q);
  const loadBefore = os.loadavg();
  const loaded = await page.evaluate(() => window.bench.load());
  if (!loaded.crossOriginIsolated) log('warning: the page is not cross-origin isolated; timer steps are coarse');
  log(`feed: ${loaded.items} items, ${fmtMb(loaded.bytes)} MB of JSON`);

  const builds = {};
  const heap = {};
  let before = await heapUsed(cdp);
  for (const [id, fn] of [['ours', 'buildOurs'], ['minisearch', 'buildMiniSearch'], ['flexsearch', 'buildFlexSearch']]) {
    builds[id] = [];
    const t0 = Date.now();
    for (let i = 0; i < BUILDS && (i === 0 || Date.now() - t0 < BUILD_BUDGET_MS); i++) {
      log(`build ${i + 1}/${BUILDS}: ${id}`);
      builds[id].push(await page.evaluate((f) => window.bench[f](), fn));
    }
    const after = await heapUsed(cdp);
    heap[id] = after - before;
    before = after;
  }

  const runners = ROWS.map((e) => e.id);
  log(`queries: ${ROUNDS} rounds of ${queries.length} by ${runners.join(', ')}, taking turns`);
  const times = (await page.evaluate(([ids, qs, r]) => window.bench.time(ids, qs, r), [runners, queries, ROUNDS]))
    .samples;

  log('exactness: every match of every query');
  const ids = {};
  for (const e of ENGINES) ids[e.id] = await page.evaluate(([id, qs]) => window.bench.ids(id, qs), [e.id, queries]);
  const naive = await page.evaluate((qs) => window.bench.naive(qs), queries);
  const randomQueries = randomSubstrings(JSON.parse(fs.readFileSync(FEED, 'utf8')), RANDOM_QUERIES);
  log(`exactness: ${randomQueries.length} random substrings of the corpus`);
  const random = { queries: randomQueries, naive: await page.evaluate((qs) => window.bench.naive(qs), randomQueries) };
  for (const e of ENGINES) random[e.id] = await page.evaluate(([id, qs]) => window.bench.ids(id, qs), [e.id, randomQueries]);
  log('exactness: the crate\'s naive_search, to check the page\'s scan');
  const crateNaive = await page.evaluate((qs) => window.bench.crateNaive(qs), queries);
  return {
    date: new Date().toISOString(),
    loaded, builds, heap, times, ids, naive, crateNaive, random, browserVersion, loadBefore, loadAfter: os.loadavg(),
  };
}

function machine(browserVersion) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
    browser: `Chromium ${browserVersion}`,
    node: process.version,
  };
}

function report(m) {
  const queries = QUERIES.map((x) => x.q);
  const mach = machine(m.browserVersion);
  const date = m.date.slice(0, 16).replace('T', ' ');

  // The yardstick itself must agree with the crate's definition.
  const yardstick = queries.filter((q, k) => score(m.naive[k], m.crateNaive[k]).precision !== 1 ||
    score(m.naive[k], m.crateNaive[k]).recall !== 1);

  const rows = [];
  const perQuery = {};
  for (const e of ROWS) {
    const all = m.times[e.id].flat();
    // Each query's median call: what a query costs, without the odd call another process held up.
    const medians = m.times[e.id].map(median);
    const exact = ENGINES.includes(e);
    const scores = exact ? queries.map((_, k) => score(m.ids[e.id][k], m.naive[k])) : null;
    perQuery[e.id] = { scores, medians: m.times[e.id].map(median) };
    const of = e.of ?? e.id;
    const buildMs = of === 'ours' ? median(m.builds.ours.map((b) => b.indexMs)) : median(m.builds[of].map((b) => b.ms));
    const heapBytes = of === 'ours' ? m.builds.ours.at(-1).liveBytes : m.heap[of];
    rows.push({
      e,
      buildMs,
      p50: percentile(medians, 0.5),
      p95: percentile(medians, 0.95),
      max: Math.max(...medians),
      allP95: percentile(all, 0.95),
      allMax: Math.max(...all),
      heapBytes,
      precision: scores ? mean(scores.map((s) => s.precision)) : NaN,
      recall: scores ? mean(scores.map((s) => s.recall)) : NaN,
      exactQueries: scores ? scores.filter((s) => s.precision === 1 && s.recall === 1).length : NaN,
    });
  }
  const row = (id) => rows.find((r) => r.e.id === id);
  const ours = row('ours');
  const baselines = rows.filter((r) => r.e.id === 'minisearch' || r.e.id === 'flexsearch');
  const fasterQuery = baselines.reduce((a, b) => (b.p95 < a.p95 ? b : a));
  const fasterBuild = baselines.reduce((a, b) => (b.buildMs < a.buildMs ? b : a));
  const chineseIdx = queries.map((_, k) => k).filter((k) => QUERIES[k].kind === 'Chinese');
  const chineseExact = (id) => chineseIdx.filter((k) => {
    const s = perQuery[id].scores[k];
    return s.precision === 1 && s.recall === 1;
  }).length;
  const oursChineseExact = chineseExact('ours') === chineseIdx.length;
  const randomScores = Object.fromEntries(ENGINES.map((e) => [e.id,
    m.random.queries.map((_, k) => score(m.random[e.id][k], m.random.naive[k]))]));
  const randomExact = (id) => randomScores[id].filter((x) => x.precision === 1 && x.recall === 1).length;
  const randomMean = (id, key) => fmtRatio(mean(randomScores[id].map((x) => x[key])));
  const nRandom = m.random.queries.length;
  const oursAllExact = ours.exactQueries === queries.length;

  const stats = m.builds.ours.at(-1).stats;
  const lastOurs = m.builds.ours.at(-1);
  const count = (kind) => QUERIES.filter((x) => x.kind === kind).length;
  const verdict = (ok) => (ok ? '**met**' : '**missed**');
  const f20 = row('flexsearch20');

  const oursCounts = row('oursCounts');
  const buildCount = (id) => m.builds[id].length;
  const load = (l) => l.map((x) => x.toFixed(1)).join(' ');

  const md = [];
  md.push(START);
  md.push(`Measured ${date} UTC on ${mach.cpu} (${mach.cores} cores available, ${mach.memory} of memory), ` +
    `${mach.browser} (headless, through Playwright), Node ${mach.node}; load average ${load(m.loadBefore)} ` +
    `before and ${load(m.loadAfter)} after (other work on the machine slows every engine and widens the ` +
    `tails). \`node bench/search.mjs\`; times vary from run to run.`);
  md.push(`**Corpus**: \`feedtool corpus --items ${ITEMS}\` over the government work reports: ` +
    `${stats.items.toLocaleString('en')} documents, ${stats.fields.toLocaleString('en')} fields, ` +
    `${stats.chars.toLocaleString('en')} normalised characters (${fmtMb(m.loaded.bytes)} MB of feed JSON). ` +
    `**Queries**: ${queries.length} — ${count('Chinese')} Chinese terms of 1–6 characters, ` +
    `${count('Latin')} Latin, ${count('multi-term')} multi-term (listed below); each ran ${ROUNDS} times after ` +
    `two untimed rounds, the engines taking turns query by query. p50, p95 and max are over the ` +
    `${queries.length} queries, each counted by its median call, so that a call held up by another ` +
    `process does not pass for a slow query (over all ${queries.length * ROUNDS} calls instead, the p95 is ` +
    `${rows.filter((r) => !r.e.of).map((r) => `${fmtMs(r.allP95)} ms for ${r.e.name.split(',')[0].replace(' (wasm)', '')}`).join(', ')}). ` +
    `The page is cross-origin isolated, so its timer ticks in 5 µs steps.`);

  const ratio = (x) => (Number.isNaN(x) ? '—' : fmtRatio(x));
  md.push([
    '| Engine | Build ms | p50 ms | p95 ms | max ms | Heap MB | Precision | Recall |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.e.name} | ${r.e.of ? '' : fmtMs(r.buildMs)} | ${fmtMs(r.p50)} | ${fmtMs(r.p95)} | ` +
      `${fmtMs(r.max)} | ${r.e.of ? '' : fmtMb(r.heapBytes)} | ${ratio(r.precision)} | ${ratio(r.recall)} |`),
  ].join('\n'));

  const short = (r) => r.e.name.split(',')[0];
  md.push('**Against the targets**');
  md.push([
    `- Exactness 1.0: ${verdict(oursAllExact)}. The index returned exactly the naive scan's items for ` +
      `${ours.exactQueries} of ${queries.length} queries (Chinese: ${chineseExact('ours')} of ${chineseIdx.length}). ` +
      `MiniSearch was exact on ${row('minisearch').exactQueries} (Chinese: ${chineseExact('minisearch')}), ` +
      `FlexSearch on ${row('flexsearch').exactQueries} (Chinese: ${chineseExact('flexsearch')}). On ${nRandom} ` +
      `further substrings of 1–6 characters picked from the corpus at random (seeded, so the same every ` +
      `run) the index was exact on ${randomExact('ours')}; MiniSearch on ${randomExact('minisearch')} ` +
      `(precision ${randomMean('minisearch', 'precision')}, recall ${randomMean('minisearch', 'recall')}), ` +
      `FlexSearch on ${randomExact('flexsearch')} (precision ${randomMean('flexsearch', 'precision')}, ` +
      `recall ${randomMean('flexsearch', 'recall')}).`,
    `- Query p95 at or below the faster baseline's: ${verdict(ours.p95 <= fasterQuery.p95)}. ` +
      `${fmtMs(ours.p95)} ms against ${fmtMs(fasterQuery.p95)} ms (${short(fasterQuery)}). Without its hits ` +
      `(counts only) the index's p95 is ${fmtMs(oursCounts.p95)} ms and its p50 ${fmtMs(oursCounts.p50)} ms ` +
      `against ${fmtMs(ours.p50)} ms with them: the 20 hits with their marked titles and snippets take ` +
      `${Math.round(100 * (1 - oursCounts.p50 / ours.p50))}% of the median query. FlexSearch asked for 20 ` +
      `matches: ${fmtMs(f20.p95)} ms.`,
    `- Index build at or below the faster baseline's: ${verdict(ours.buildMs <= fasterBuild.buildMs)}. ` +
      `${fmtMs(ours.buildMs)} ms against ${fmtMs(fasterBuild.buildMs)} ms (${short(fasterBuild)}).`,
  ].join('\n'));

  const firstBuilds = ENGINES.map((e) => `${e.name.split(',')[0].replace(' (wasm)', '')} ` +
    `${fmtMs(e.id === 'ours' ? m.builds.ours[0].indexMs : m.builds[e.id][0].ms)} ms`).join(', ');
  md.push('**How to read it**');
  md.push([
    `- *Build* is the median of ${buildCount('ours')} builds for the index, ${buildCount('minisearch')} for ` +
      `MiniSearch and ${buildCount('flexsearch')} for FlexSearch (an engine stops repeating after ` +
      `${BUILD_BUDGET_MS / 1000} s), each from the parsed feed: for the index \`SearchIndex::build\`, which ` +
      `walks the feed's fields, normalises and indexes them; for the baselines the same walk and ` +
      `normalisation in JavaScript, their tokenizer and adding every item. The first build runs colder ` +
      `code (V8 starts wasm in its baseline compiler): ${firstBuilds}. Parsing is not included, as the app ` +
      `parses and validates the feed to show it anyway: \`parse_feed\` in the wasm takes ` +
      `${fmtMs(median(m.builds.ours.map((b) => b.parseMs)))} ms, \`JSON.parse\` ${fmtMs(m.loaded.jsonParseMs)} ms.`,
    `- *Latency* is one call from JavaScript as the search page makes it. For the index that is \`search\` ` +
      `(wasm-bindgen call included): every match found and counted per kind, agency and year, ranked, and ` +
      `the first 20 turned into hits with marked titles and snippets. *Counts only* is the same call with ` +
      `\`limit: 0\`. For the baselines it is every match, since the page shows the total: MiniSearch scores ` +
      `and sorts them all, FlexSearch is given a limit of all items; *first 20 only* is FlexSearch with ` +
      `\`limit: 20\`, which cannot give the total. Neither baseline makes snippets. The index's wasm is ` +
      `built in the app's release profile (\`opt-level = "z"\`) and through \`wasm-opt -Oz\`, without the ` +
      `linker relocations the app keeps for its chunk splitter (with them, \`wasm-opt\` cannot optimise it).`,
    `- *Heap* is what the built index keeps. For the index, the bytes the wasm allocator holds once the ` +
      `feed it was built from is dropped (the index's own estimate: ${fmtMb(stats.heap_bytes)} MB, of which ` +
      `${fmtMb(stats.postings_bytes)} MB postings of ${stats.grams.toLocaleString('en')} grams (positions, ` +
      `per-item summaries of single characters and common bigrams, and the hash table that finds them) and ` +
      `${fmtMb(stats.text_bytes)} MB original text for snippets); building peaks at ` +
      `${fmtMb(lastOurs.peakBytes)} MB with the parsed feed, and the wasm memory, which never shrinks, ends at ` +
      `${fmtMb(lastOurs.wasmMemoryBytes)} MB. For the baselines, the growth of the JavaScript heap ` +
      `(\`Runtime.getHeapUsage\` after forced garbage collections, over CDP) across their builds.`,
    `- *Precision* and *recall* are per query against the naive scan, averaged over all queries. The scan ` +
      `is \`String.includes\` over every field of every item, normalised as the index normalises ` +
      `(full-width forms to ASCII, lower case); a match never spans two fields, and a Latin term must ` +
      `start a word and, unless it is the last term, end one. It agreed with the crate's own ` +
      `\`naive_search\` on ${queries.length - yardstick.length} of ${queries.length} queries.`,
    `- The baselines index every character unigram and bigram of each field (none across whitespace or a ` +
      `field boundary). A one-character query term looks up its unigram, a longer one all of its bigrams ` +
      `with AND, so they miss nothing but also return items where the bigrams occur apart (precision below ` +
      `1). Their Latin terms are bigrams too, so \`M2\` also finds \`PM2.5\`, which the index's word-start ` +
      `rule does not.`,
  ].join('\n'));

  md.push('**Per query** (matches by the naive scan; the median of each engine\'s calls; items found, ' +
    'with false and missed ones against the scan)');
  const cell = (id, k) => {
    const s = perQuery[id].scores[k];
    const extra = [s.falsePositives ? `${s.falsePositives} false` : '', s.missed ? `${s.missed} missed` : '']
      .filter(Boolean).join(', ');
    return `${s.found}${extra ? ` (${extra})` : ''}`;
  };
  md.push([
    '| Query | Kind | Naive | Ours ms | Ours counts ms | MiniSearch ms | FlexSearch ms | Ours found | MiniSearch found | FlexSearch found |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...QUERIES.map((x, k) => `| ${x.q.replace(/\|/g, '\\|')} | ${x.kind} | ${m.naive[k].length} | ` +
      `${fmtMs(perQuery.ours.medians[k])} | ${fmtMs(perQuery.oursCounts.medians[k])} | ` +
      `${fmtMs(perQuery.minisearch.medians[k])} | ` +
      `${fmtMs(perQuery.flexsearch.medians[k])} | ${cell('ours', k)} | ${cell('minisearch', k)} | ` +
      `${cell('flexsearch', k)} |`),
  ].join('\n'));
  md.push(END);

  const problems = [];
  const randomMisses = m.random.queries.filter((_, k) => {
    const x = randomScores.ours[k];
    return x.precision !== 1 || x.recall !== 1;
  });
  if (randomMisses.length) problems.push(`the index is not exact on random substrings: ${randomMisses.join(', ')}`);
  if (!oursAllExact) {
    problems.push(`the index is not exact on: ${queries.filter((_, k) => {
      const s = perQuery.ours.scores[k];
      return s.precision !== 1 || s.recall !== 1;
    }).join(', ')}`);
  }
  if (yardstick.length) problems.push(`the page's naive scan disagrees with naive_search on: ${yardstick.join(', ')}`);
  return { markdown: md.join('\n\n') + '\n', problems, oursChineseExact };
}

/** Replaces our part of docs/benchmarks.md (creating the file or the part when missing). */
function writeDoc(block) {
  const section = block.trim();
  let doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a >= 0 && b > a) {
    doc = doc.slice(0, a) + section + doc.slice(b + END.length);
  } else {
    const placeholder = 'Not measured yet: run `cargo xtask bench search`.';
    if (doc.includes(placeholder)) doc = doc.replace(placeholder, section);
    else doc = `${doc.trimEnd()}\n\n## Search\n\n${section}\n`;
  }
  fs.writeFileSync(DOC, doc);
  log(`wrote ${path.relative(root, DOC)}`);
  // `cargo xtask bench` rebuilds the whole document from the last results of each part, kept
  // in target/bench/results/: keep ours there too, so that running another part alone does not
  // put "Not measured yet" back in place of these figures.
  const git = (...a) => spawnSync('git', a, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
  const dirty = git('status', '--porcelain', '--untracked-files=no') ? ' with uncommitted changes' : '';
  const measured = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${git('rev-parse', '--short', 'HEAD')}${dirty}`;
  const results = path.join(root, 'target/bench/results');
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(path.join(results, 'search.md'), `## Search\n\n_Measured ${measured}._\n\n${section}\n\n`);
}

async function main() {
  if (has('--from-results')) {
    // The report again from the last run's figures, without measuring.
    const { markdown } = report(JSON.parse(fs.readFileSync(RESULTS, 'utf8')));
    process.stdout.write(markdown);
    return;
  }
  fs.mkdirSync(PAGE, { recursive: true });
  if (!has('--no-build')) build();
  assemble();
  const { server, url } = await serve();
  log(`serving ${path.relative(root, PAGE)} at ${url}`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
  let measured;
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} for ${r.url()}`);
    });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(url);
    await page.waitForFunction(() => window.bench !== undefined, null, { timeout: 60_000 }).catch((e) => {
      throw new Error(`the page did not start: ${errors.join('\n') || e}`);
    });
    measured = await measure(browser.version(), page, cdp);
    fs.writeFileSync(RESULTS, JSON.stringify(measured));
    if (errors.length) throw new Error(`errors in the page:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    server.close();
  }
  const { markdown, problems } = report(measured);
  process.stdout.write(markdown);
  if (!has('--no-write')) writeDoc(markdown);
  for (const p of problems) log(`FAILED: ${p}`);
  if (problems.length) process.exitCode = 1;
}

main().catch((e) => {
  log(`FAILED: ${e.stack ?? e}`);
  process.exitCode = 1;
});
