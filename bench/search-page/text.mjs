// What the search index reads from a feed, written again in plain JavaScript for the search
// benchmark: the same fields (crates/feed/src/search/extract.rs), the same normalisation
// (normalize.rs) and the same meaning of a query term (terms.rs), so that a naive scan with
// String.includes is the yardstick every engine is measured against. The benchmark also checks
// this scan against the crate's own naive_search, so a drift here cannot go unnoticed.
//
// Runs in the benchmark page and in Node.

/** The characters normalize_char changes or drops; everything else stays as it is. */
const CHANGED = /[A-Z\u00C0-\u00DE\u0100-\u017E\u0386-\u03A9\u0400-\u052F\u1E00-\u1EFF\u180B-\u180F\u202F\u3000\uFF01-\uFF5E]/g;

/** Lowercase of one letter, the same table as normalize.rs (match arms in the same order). */
function lowercase(u) {
  const odd = u % 2 === 1;
  if (u >= 0xc0 && u <= 0xde && u !== 0xd7) return u + 0x20;
  if (((u >= 0x139 && u <= 0x148) || (u >= 0x179 && u <= 0x17e)) && odd) return u + 1;
  if (u === 0x130) return 0x69;
  if (((u >= 0x100 && u <= 0x137) || (u >= 0x14a && u <= 0x177)) && !odd) return u + 1;
  if (u === 0x178) return 0xff;
  if (u >= 0x391 && u <= 0x3a9 && u !== 0x3a2) return u + 0x20;
  if (u === 0x386) return 0x3ac;
  if (u >= 0x388 && u <= 0x38a) return u + 0x25;
  if (u === 0x38c) return 0x3cc;
  if (u === 0x38e || u === 0x38f) return u + 0x3f;
  if (u >= 0x400 && u <= 0x40f) return u + 0x50;
  if (u >= 0x410 && u <= 0x42f) return u + 0x20;
  if (((u >= 0x460 && u <= 0x481) || (u >= 0x48a && u <= 0x4bf) || (u >= 0x4d0 && u <= 0x52f)) && !odd) return u + 1;
  if (u === 0x4c0) return 0x4cf;
  if (u >= 0x4c1 && u <= 0x4ce && odd) return u + 1;
  if (((u >= 0x1e00 && u <= 0x1e95) || (u >= 0x1ea0 && u <= 0x1eff)) && !odd) return u + 1;
  return u;
}

function normalizeChar(ch) {
  const u = ch.charCodeAt(0);
  if (u < 0x80) return ch.toLowerCase();
  if (u > 0x1eff) {
    if (u === 0x202f) return '';
    if (u === 0x3000) return ' ';
    if (u >= 0xff21 && u <= 0xff3a) return String.fromCharCode(u - 0xfee0 + 0x20);
    if (u >= 0xff01 && u <= 0xff5e) return String.fromCharCode(u - 0xfee0);
    return ch;
  }
  if (u >= 0x180b && u <= 0x180f) return '';
  return String.fromCharCode(lowercase(u));
}

/** Full-width forms to ASCII, the cased scripts to lower case, Mongolian selectors dropped. */
export function normalize(s) {
  return s.replace(CHANGED, normalizeChar);
}

/** Rust's char::is_whitespace (the White_Space property), which splits query terms. */
const WHITESPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/;
const WHITESPACE_END = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]$/;

export function isWhitespaceCode(u) {
  return (u >= 9 && u <= 13) || u === 32 || u === 0x85 || u === 0xa0 || u === 0x1680 ||
    (u >= 0x2000 && u <= 0x200a) || u === 0x2028 || u === 0x2029 || u === 0x202f ||
    u === 0x205f || u === 0x3000;
}

/** A letter or digit of the scripts matched by words (normalize.rs is_word_char). */
export function isWordCode(u) {
  return (u >= 0x30 && u <= 0x39) || (u >= 0x61 && u <= 0x7a) || (u >= 0x41 && u <= 0x5a) ||
    (((u >= 0xc0 && u <= 0x24f) || (u >= 0x370 && u <= 0x3ff) || (u >= 0x400 && u <= 0x52f) ||
      (u >= 0x1e00 && u <= 0x1eff)) && u !== 0xd7 && u !== 0xf7);
}

/**
 * The terms of a query (terms.rs parse_query): normalised, split at whitespace, repeats merged.
 * `wordy`: only word characters, so it must start at a word start; `whole`: a finished word
 * (not the last term, or the query ends with a space), so it must also end at a word end.
 */
export function parseQuery(text) {
  const normalized = normalize(text);
  const finished = WHITESPACE_END.test(normalized);
  const words = normalized.split(WHITESPACE).filter((w) => w.length > 0);
  const terms = [];
  words.forEach((word, i) => {
    const wordy = [...word].every((c) => isWordCode(c.codePointAt(0)));
    const whole = wordy && (finished || i + 1 < words.length);
    const seen = terms.find((t) => t.text === word);
    if (seen) seen.whole ||= whole;
    else terms.push({ text: word, wordy, whole });
  });
  return terms;
}

/** Whether `term` occurs in the normalised field `hay` (terms.rs find_all). */
export function termIn(hay, term) {
  if (!term.wordy) return hay.includes(term.text);
  const n = term.text.length;
  for (let i = hay.indexOf(term.text); i >= 0; i = hay.indexOf(term.text, i + 1)) {
    if (i > 0 && isWordCode(hay.charCodeAt(i - 1))) continue;
    if (term.whole && i + n < hay.length && isWordCode(hay.charCodeAt(i + n))) continue;
    return true;
  }
  return false;
}

/** Keys (`kind:id`) of the items whose fields hold every term: naive.rs, as a plain scan. */
export function naiveSearch(items, query) {
  const terms = parseQuery(query);
  if (terms.length === 0) return [];
  return items
    .filter((item) => terms.every((t) => item.fields.some((f) => termIn(f, t))))
    .map((item) => item.key);
}

// ---- Fields (extract.rs) ----

const LANG_TAGS = ['zh-hans', 'mn-mong', 'en'];

/** Every language of a localised text: `"文本"` or `{"zh-Hans": …, "mn-Mong": …, "en": …}`. */
function localAll(t) {
  if (t == null) return [];
  if (typeof t === 'string') return [t];
  const by = {};
  for (const [k, v] of Object.entries(t)) {
    const i = LANG_TAGS.indexOf(k.toLowerCase());
    if (i >= 0 && typeof v === 'string') by[i] = v;
  }
  return [by[0] ?? '', by[1], by[2]].filter((s) => s !== undefined);
}

/** One language of a localised text (0 zh-Hans, 1 mn-Mong, 2 en), or undefined. */
function localOne(t, lang) {
  if (t == null) return undefined;
  if (typeof t === 'string') return lang === 0 ? t : undefined;
  for (const [k, v] of Object.entries(t)) {
    if (LANG_TAGS.indexOf(k.toLowerCase()) === lang) return v;
  }
  return lang === 0 ? '' : undefined;
}

/** The visible text of an inline run (rich.rs Inline::label), or undefined. */
function runLabel(run) {
  if (typeof run === 'string') return run;
  if (run.em !== undefined) return run.em;
  if (run.strong !== undefined) return run.strong;
  if (run.link !== undefined) return run.text ?? run.link;
  if (run.ref !== undefined) return run.text;
  return run.text;
}

class Fields {
  constructor() {
    this.list = [];
  }

  push(text) {
    if (text.trim() !== '') this.list.push(text);
  }

  local(t) {
    for (const s of localAll(t)) this.push(s);
  }

  /** The zh-Hans text of the runs, then the mn-Mong and English labels, as three fields. */
  inlines(text) {
    const runs = Array.isArray(text) ? text : [text];
    for (let lang = 0; lang < 3; lang++) {
      let s = '';
      for (const run of runs) {
        const label = runLabel(run);
        const own = label === undefined ? undefined : localOne(label, lang);
        if (own !== undefined) s += own;
      }
      this.push(s);
    }
  }

  rich(body) {
    for (const block of body ?? []) {
      switch (block.type) {
        case 'heading':
        case 'paragraph':
          this.inlines(block.text);
          break;
        case 'list':
          for (const item of block.items ?? []) this.inlines(item);
          break;
        case 'table':
          if (block.caption != null) this.local(block.caption);
          for (const cell of [...(block.header ?? []), ...(block.rows ?? []).flat()]) this.inlines(cell);
          break;
        case 'quote':
          this.inlines(block.text);
          if (block.cite != null) this.local(block.cite);
          break;
        case 'image':
          this.image(block);
          break;
      }
    }
  }

  image(image) {
    this.local(image.alt);
    if (image.caption != null) this.local(image.caption);
  }

  media(media) {
    this.local(media.title ?? '');
    this.rich(media.transcript);
    if (media.poster != null) this.image(media.poster);
  }
}

/**
 * Every Q&A item, interpretation and document of a parsed feed as
 * `{ key: "kind:id", fields: [original text, …] }`, in the index's order.
 */
export function extractItems(feed) {
  const out = [];
  for (const qa of feed.qa ?? []) {
    const f = new Fields();
    f.local(qa.question);
    f.rich(qa.answer);
    out.push({ key: `qa:${qa.id}`, fields: f.list });
  }
  for (const it of feed.interpretations ?? []) {
    const f = new Fields();
    f.local(it.title);
    f.local(it.summary);
    if (it.cover != null) f.image(it.cover);
    for (const panel of it.panels ?? []) {
      switch (panel.type) {
        case 'image':
          f.image(panel);
          break;
        case 'text':
          f.rich(panel.body);
          break;
        case 'chart':
          f.local(panel.title ?? '');
          for (const label of [...(panel.labels ?? []), panel.x_label, panel.y_label]) {
            if (label != null) f.local(label);
          }
          for (const series of panel.series ?? []) f.local(series.name ?? '');
          break;
        case 'audio':
        case 'video':
          f.media(panel);
          break;
      }
    }
    out.push({ key: `interpretation:${it.id}`, fields: f.list });
  }
  const agencyName = new Map((feed.agencies ?? []).map((a) => [a.id, a.name]));
  for (const doc of feed.documents ?? []) {
    const f = new Fields();
    f.local(doc.title);
    if (doc.number != null) f.push(doc.number);
    if (agencyName.has(doc.agency)) f.local(agencyName.get(doc.agency));
    f.rich(doc.body);
    out.push({ key: `document:${doc.id}`, fields: f.list });
  }
  return out;
}

/** The items with their fields normalised, as the naive scan reads them. */
export function normalizedItems(feed) {
  return extractItems(feed).map((item) => ({ key: item.key, fields: item.fields.map(normalize) }));
}
