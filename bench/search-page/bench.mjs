// The search benchmark page: the feed's own index (release wasm, through the wasm-bindgen glue),
// MiniSearch and FlexSearch, all over the same feed and queries in one page. bench/search.mjs
// drives it through `window.bench` and reads the JavaScript heap between steps over CDP.
//
// The baselines get the same text as the index (every field of every item, normalised the same
// way) and a character tokenizer that suits Chinese: every unigram and every bigram of the text,
// never across whitespace or from one field into the next (fields are joined by newlines). A
// query term of one character looks up its unigram; a longer one all of its bigrams, combined
// with AND, as are the terms of a multi-term query.

import init, * as ours from './pkg/search_wasm.js';
import MiniSearch from './vendor/minisearch.js';
import { Index as FlexIndex } from './vendor/flexsearch.js';
import { extractItems, isWhitespaceCode, naiveSearch, normalize, normalizedItems } from './text.mjs';

const state = {
  wasm: null,
  json: '',
  feed: null,
  /** `kind:id` of item number i, in the index's order; the baselines use the numbers as ids. */
  keys: [],
  mini: null,
  flex: null,
  naiveItems: null,
};

const status = (text) => {
  document.getElementById('status').textContent = text;
};

/** Every unigram and bigram of a normalised text, none containing whitespace. */
function docGrams(text) {
  const out = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (isWhitespaceCode(text.charCodeAt(i))) continue;
    out.push(text[i]);
    if (i + 1 < n && !isWhitespaceCode(text.charCodeAt(i + 1))) out.push(text.slice(i, i + 2));
  }
  return out;
}

/** The grams a query looks up: a one-character term's unigram, a longer term's bigrams. */
function queryGrams(query) {
  const out = new Set();
  for (const term of normalize(query).split(/\s+/)) {
    if (term.length === 1) out.add(term);
    for (let i = 0; i + 1 < term.length; i++) out.add(term.slice(i, i + 2));
  }
  return [...out];
}

/** FlexSearch runs one encoder over documents and queries alike; this says which it is given. */
let flexReadsQueries = false;
const flexEncoder = { encode: (s) => (flexReadsQueries ? queryGrams(s) : docGrams(s)) };

/** What a baseline indexes: each item's fields, normalised, one per line. */
function baselineDocs() {
  return extractItems(state.feed).map((item, i) => ({ i, text: item.fields.map(normalize).join('\n') }));
}

const runners = {
  ours: (q) => ours.query(q),
  // The same search without hits: its counts only.
  oursCounts: (q) => ours.query_count(q),
  minisearch: (q) => state.mini.search(q).length,
  // Every match, as the search page needs the total and the counts per kind.
  flexsearch: (q) => state.flex.search(q, { limit: state.keys.length }).length,
  // Only the first 20 (what one screen shows): less work than counting them all.
  flexsearch20: (q) => state.flex.search(q, { limit: 20 }).length,
};

const idLists = {
  ours: (q) => ours.query_ids(q).split('\n').filter(Boolean),
  minisearch: (q) => state.mini.search(q).map((r) => state.keys[r.id]),
  flexsearch: (q) => state.flex.search(q, { limit: state.keys.length }).map((i) => state.keys[i]),
};

window.bench = {
  /** Instantiates the wasm and downloads and parses the feed. */
  async load() {
    state.wasm = await init();
    const res = await fetch('feed.json');
    state.json = await res.text();
    const t0 = performance.now();
    state.feed = JSON.parse(state.json);
    const jsonParseMs = performance.now() - t0;
    state.keys = extractItems(state.feed).map((item) => item.key);
    status(`Feed loaded: ${state.keys.length} items.`);
    return {
      bytes: new TextEncoder().encode(state.json).length,
      items: state.keys.length,
      jsonParseMs,
      crossOriginIsolated: self.crossOriginIsolated,
      userAgent: navigator.userAgent,
    };
  },

  buildOurs() {
    ours.reset_peak();
    const t0 = performance.now();
    const r = JSON.parse(ours.build_index(state.json));
    const totalMs = performance.now() - t0;
    status('Built: ours.');
    return {
      parseMs: r.parse_ms,
      indexMs: r.index_ms,
      totalMs,
      liveBytes: ours.heap_bytes(),
      peakBytes: ours.peak_bytes(),
      wasmMemoryBytes: state.wasm.memory.buffer.byteLength,
      stats: JSON.parse(ours.stats()),
    };
  },

  buildMiniSearch() {
    state.mini = null;
    const t0 = performance.now();
    const mini = new MiniSearch({
      idField: 'i',
      fields: ['text'],
      storeFields: [],
      tokenize: docGrams,
      processTerm: (t) => t,
      searchOptions: { tokenize: queryGrams, processTerm: (t) => t, combineWith: 'AND', prefix: false, fuzzy: false },
    });
    mini.addAll(baselineDocs());
    const ms = performance.now() - t0;
    state.mini = mini;
    status('Built: MiniSearch.');
    return { ms, terms: mini.termCount };
  },

  buildFlexSearch() {
    state.flex = null;
    flexReadsQueries = false;
    const t0 = performance.now();
    const flex = new FlexIndex({ tokenize: 'strict', encoder: flexEncoder });
    for (const doc of baselineDocs()) flex.add(doc.i, doc.text);
    const ms = performance.now() - t0;
    flexReadsQueries = true;
    state.flex = flex;
    status('Built: FlexSearch.');
    return { ms };
  },

  /**
   * `rounds` timed calls of every query by every engine, in ms per call: `samples[engine][query]`.
   * Two untimed rounds come first, with a pause between them, so that each engine's code is
   * optimised (V8 moves hot wasm functions from its baseline compiler to the optimising one in
   * the background). The engines take turns query by query, so that anything else running on
   * the machine slows them alike.
   */
  async time(engines, queries, rounds) {
    let sink = 0;
    for (let warm = 0; warm < 2; warm++) {
      for (const e of engines) for (const q of queries) sink += runners[e](q);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const samples = Object.fromEntries(engines.map((e) => [e, queries.map(() => [])]));
    for (let r = 0; r < rounds; r++) {
      queries.forEach((q, k) => {
        for (const e of engines) {
          const run = runners[e];
          const t0 = performance.now();
          sink += run(q);
          samples[e][k].push(performance.now() - t0);
        }
      });
    }
    status('Timed.');
    return { samples, sink };
  },

  /** Every match of every query, as `kind:id` keys. */
  ids(engine, queries) {
    return queries.map(idLists[engine]);
  },

  /** The yardstick: String.includes over the normalised fields of every item. */
  naive(queries) {
    state.naiveItems ??= normalizedItems(state.feed);
    return queries.map((q) => naiveSearch(state.naiveItems, q));
  },

  /** The crate's own naive_search, to check the yardstick. */
  crateNaive(queries) {
    const lines = ours.naive_ids(state.json, queries.join('\n')).split('\n');
    return queries.map((_, k) => lines[k].split('\t').filter(Boolean));
  },
};

status('Ready.');
