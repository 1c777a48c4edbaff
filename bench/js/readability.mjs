// Reference timing for `make bench`: Mozilla Readability.js 0.6 on linkedom,
// over the article-extraction benchmark's pages. Not part of the app.
//
//   node readability.mjs <html-dir> [rounds]
//
// Pages are gunzipped into memory first; the clock covers parseHTML +
// new Readability(document).parse() only. One untimed warm-up round, then
// `rounds` timed rounds (default 1). Prints one JSON object on stdout:
// { pages, rounds, ms_per_page, cpu_ms_per_page, failures, texts: { id: textContent } }.
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

const dir = process.argv[2];
const rounds = Number(process.argv[3] || 1);
if (!dir) {
  console.error('usage: node readability.mjs <html-dir> [rounds]');
  process.exit(2);
}
const pages = readdirSync(dir)
  .filter((f) => f.endsWith('.html.gz'))
  .sort()
  .map((f) => ({ id: f.slice(0, -'.html.gz'.length), html: gunzipSync(readFileSync(join(dir, f))).toString('utf8') }));

function extract(html) {
  try {
    const { document } = parseHTML(html);
    const art = new Readability(document).parse();
    return art ? art.textContent || '' : '';
  } catch (e) {
    return null;
  }
}

const texts = {};
for (const p of pages) extract(p.html); // warm-up
let failures = 0;
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const p of pages) {
    const t = extract(p.html);
    if (r === 0) {
      if (t === null) failures++;
      texts[p.id] = t || '';
    }
  }
}
const ms = performance.now() - t0;
const cu = process.cpuUsage(c0);
const cpuMs = (cu.user + cu.system) / 1000;
process.stdout.write(JSON.stringify({ pages: pages.length, rounds, ms_per_page: ms / (pages.length * rounds), cpu_ms_per_page: cpuMs / (pages.length * rounds), failures, texts }));
