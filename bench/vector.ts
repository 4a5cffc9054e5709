/**
 * `npm run bench:vector`: builds an HNSW index over 10,000 text-like chunks embedded with the
 * hashing embedder and measures it against exact search on ~200 queries: recall@5, distance
 * computations per query and latency, for several efSearch settings. Options: --n=10000
 * --queries=200 --dimension=512.
 */
import { exactSearch } from '../src/vector/exact-search.js';
import { createHashingEmbedder } from '../src/vector/hashing-embedder.js';
import { HnswIndex } from '../src/vector/hnsw.js';
import { machineLine, percentile } from './machine.js';
import { seededRandom } from '../src/language/hash.js';

const option = (name: string, fallback: number) =>
  Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const N = option('n', 10_000);
const QUERIES = option('queries', 200);
const DIMENSION = option('dimension', 512);
const K = 5;
const EF_SEARCH = [16, 32, 64, 128];
const M = 16;
const EF_CONSTRUCTION = 100;

const random = seededRandom(2024);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
/** Zipf-like: low indexes are much more frequent, as in real text. */
const zipf = <T>(items: readonly T[]): T => items[Math.floor(items.length * random() ** 2.5)] as T;

// Text with topic structure: 60 topics, each with its own vocabulary, over a shared common one.
const SYLLABLES =
  'ka lo mi re tu sa ne vi po da fe gu hi jo ru be ci xa zo wy nu te la mo ri'.split(' ');
const word = () =>
  Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join('');
const lexicon = [...new Set(Array.from({ length: 6000 }, word))];
const common = lexicon.slice(0, 300);
const topics = Array.from({ length: 60 }, (_, t) =>
  lexicon.slice(300 + t * 80, 300 + (t + 1) * 80),
);
const STOP = ['the', 'of', 'and', 'a', 'to', 'in', 'is', 'for', 'with', 'on'];

function sentence(main: readonly string[], second: readonly string[], words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = random();
    out.push(r < 0.55 ? zipf(main) : r < 0.7 ? zipf(second) : r < 0.85 ? zipf(common) : pick(STOP));
  }
  return `${out.join(' ')}.`;
}
function chunk(): string {
  const main = pick(topics);
  const second = pick(topics);
  return Array.from({ length: 3 + Math.floor(random() * 4) }, () =>
    sentence(main, second, 8 + Math.floor(random() * 8)),
  ).join(' ');
}
function query(): string {
  const main = pick(topics);
  return sentence(main, main, 4 + Math.floor(random() * 6));
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

console.log('# Vector index benchmark');
console.log(machineLine());
console.log(
  `data: ${N} synthetic chunks (60 topics), ${QUERIES} queries, hashing embedder ${DIMENSION} dims, k=${K}`,
);

const embedder = createHashingEmbedder({ dimension: DIMENSION });
let started = performance.now();
const vectors = await embedder.embed(Array.from({ length: N }, chunk));
const queries = await embedder.embed(Array.from({ length: QUERIES }, query));
console.log(
  `embedding: ${((performance.now() - started) / 1000).toFixed(2)} s for ${N + QUERIES} texts`,
);

started = performance.now();
const index = new HnswIndex({ dimension: DIMENSION, M, efConstruction: EF_CONSTRUCTION });
vectors.forEach((vector, id) => index.add(id, vector));
const buildSeconds = (performance.now() - started) / 1000;
const build = index.stats();
console.log(
  `HNSW build: ${buildSeconds.toFixed(2)} s (M=${M}, efConstruction=${EF_CONSTRUCTION}, ${build.maxLevel + 1} layers, ` +
    `${(build.buildDistanceComputations / N).toFixed(0)} distance computations per insert)`,
);

// Ground truth and its latency: an exact scan compares every query with all N vectors.
const truth: Array<Set<number>> = [];
const exactTimes: number[] = [];
let exactComputations = 0;
for (const q of queries) {
  const t = performance.now();
  const { hits, distanceComputations } = exactSearch(vectors.entries(), q, K);
  exactTimes.push(performance.now() - t);
  exactComputations += distanceComputations;
  truth.push(new Set(hits.map((hit) => hit.id)));
}

const rows: string[][] = [];
for (const ef of EF_SEARCH) {
  index.efSearch = ef;
  for (const q of queries.slice(0, 20)) index.search(q, K); // warm-up
  const times: number[] = [];
  let found = 0;
  let computations = 0;
  queries.forEach((q, i) => {
    const t = performance.now();
    const hits = index.search(q, K);
    times.push(performance.now() - t);
    computations += index.stats().lastSearchDistanceComputations;
    found += hits.filter((hit) => truth[i]?.has(hit.id)).length;
  });
  rows.push([
    String(ef),
    (found / (QUERIES * K)).toFixed(3),
    (computations / QUERIES).toFixed(0),
    (exactComputations / QUERIES).toFixed(0),
    ms(percentile(times, 0.5)),
    ms(percentile(times, 0.95)),
    ms(percentile(exactTimes, 0.5)),
    ms(percentile(exactTimes, 0.95)),
  ]);
}

const header = [
  'efSearch',
  'recall@5',
  'dist/query HNSW',
  'dist/query exact',
  'HNSW p50',
  'HNSW p95',
  'exact p50',
  'exact p95',
];
const widths = header.map((h, i) =>
  Math.max(h.length, ...rows.map((row) => (row[i] as string).length)),
);
const line = (cells: readonly string[]) =>
  `| ${cells.map((cell, i) => cell.padStart(widths[i] as number)).join(' | ')} |`;
console.log('');
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log(
  '\nrecall@5: share of the exact top 5 that HNSW returned; latency excludes embedding the query.',
);
