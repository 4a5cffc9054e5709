/**
 * `npx tsx bench/semantic-cache.ts`: semantic-cache lookup latency with 10,000 cached questions
 * generated from templates (weather, markets, news, documentation, general knowledge), for the
 * HNSW index and the exact column scan, next to an exact cache (a Map keyed by the normalised
 * question). Queries: a third exact repeats, a third reworded cached questions, a third new ones.
 * Then the search structures alone on dense 1536-d vectors (the size of OpenAI's small model).
 * Options: --n=10000 --queries=1000.
 */
import { machineLine, percentile } from './machine.js';
import { CITIES } from '../src/language/gazetteer.js';
import { questionFeatures } from '../src/language/question-features.js';
import { ColumnScan } from '../src/answer/semantic-cache/column-scan.js';
import {
  createSemanticIndex,
  type SemanticIndex,
} from '../src/answer/semantic-cache/semantic-index.js';
import { normalise } from '../src/vector/embedder.js';
import { HnswIndex } from '../src/vector/hnsw.js';
import { createHashingEmbedder } from '../src/vector/hashing-embedder.js';
import { seededRandom } from '../src/language/hash.js';

const option = (name: string, fallback: number) =>
  Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const N = option('n', 10_000);
const QUERIES = option('queries', 1000);

const random = seededRandom(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const TICKERS =
  'AAPL MSFT GOOGL AMZN NVDA TSLA META NFLX AMD INTC IBM ORCL JPM BAC KO PEP DIS NKE'.split(' ');
const WHEN = ['right now', 'today', 'tomorrow', 'this weekend', 'on Monday', 'next week', ''];
const TOPICS = [
  'climate change',
  'electric cars',
  'the elections',
  'interest rates',
  'artificial intelligence',
  'the housing market',
  'inflation',
  'space exploration',
  'renewable energy',
  'cybersecurity',
  'the World Cup',
  'vaccines',
  'trade tariffs',
  'semiconductors',
  'the oil price',
  'remote work',
];
const DOCS = [
  'configure Redis',
  'set the cache TTL',
  'add a new source',
  'enable query batching',
  'rotate an API key',
  'read the gateway logs',
  'run the emulator',
  'limit query depth',
  'deploy with Docker',
  'change the rate limit',
  'use persisted queries',
  'set the log level',
];
const THINGS = [
  'a black hole',
  'photosynthesis',
  'the stock market',
  'a neural network',
  'the immune system',
  'inflation',
  'a blockchain',
  'the water cycle',
  'an earthquake',
  'quantum computing',
  'DNA',
  'a recession',
  'the greenhouse effect',
  'a vaccine',
  'compound interest',
  'a volcano',
];
const TEMPLATES: ReadonlyArray<() => [string, string]> = [
  () => {
    const [city, when] = [pick(CITIES), pick(WHEN)];
    return [
      `What is the weather in ${title(city)} ${when}?`,
      `What's the weather like in ${title(city)} ${when}?`,
    ];
  },
  () => {
    const [city, when] = [pick(CITIES), pick(WHEN)];
    return [
      `Will it rain in ${title(city)} ${when}?`,
      `Is it going to rain in ${title(city)} ${when}?`,
    ];
  },
  () => {
    const t = pick(TICKERS);
    return [`What is the current price of ${t}?`, `What's ${t}'s current price?`];
  },
  () => {
    const [t, year] = [pick(TICKERS), 2015 + Math.floor(random() * 10)];
    return [
      `What was the revenue of ${t} in ${year}?`,
      `How much revenue did ${t} make in ${year}?`,
    ];
  },
  () => {
    const topic = pick(TOPICS);
    return [`What is the latest news about ${topic}?`, `Latest news on ${topic}`];
  },
  () => {
    const [topic, city] = [pick(TOPICS), pick(CITIES)];
    return [
      `What are people in ${title(city)} saying about ${topic}?`,
      `What do people in ${title(city)} say about ${topic}?`,
    ];
  },
  () => {
    const doc = pick(DOCS);
    return [`How do I ${doc} in Sluice?`, `How can I ${doc} in Sluice?`];
  },
  () => {
    const thing = pick(THINGS);
    return [`How does ${thing} work?`, `How does ${thing} actually work?`];
  },
  () => {
    const thing = pick(THINGS);
    return [`What is ${thing}?`, `Can you explain what ${thing} is?`];
  },
];
const title = (name: string) => name.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
const clean = (q: string) => q.replace(/\s+\?/g, '?').replace(/\s+/g, ' ').trim();

const cached: Array<[string, string]> = [];
const seen = new Set<string>();
while (cached.length < N) {
  const [question, reworded] = pick(TEMPLATES)().map(clean) as [string, string];
  if (seen.has(question)) continue;
  seen.add(question);
  cached.push([question, reworded]);
}
// A third exact repeats, a third reworded cached questions, a third new questions.
const queries: string[] = [];
for (let i = 0; i < QUERIES; i++) {
  if (i % 3 === 0) queries.push(pick(cached)[0]);
  else if (i % 3 === 1) queries.push(pick(cached)[1]);
  else
    queries.push(
      clean(`${pick(TEMPLATES)()[0].slice(0, -1)} in ${pick(['2019', 'May', 'Europe'])}?`),
    );
}

const ms = (value: number) => value.toFixed(3);

async function measure(name: string, lookup: (q: string) => Promise<unknown> | unknown) {
  for (const q of queries.slice(0, 50)) await lookup(q); // warm-up
  const times: number[] = [];
  const hits = [0, 0, 0]; // repeats, reworded, new
  for (const [i, q] of queries.entries()) {
    const start = performance.now();
    const hit = await lookup(q);
    times.push(performance.now() - start);
    if (hit !== undefined) hits[i % 3]!++;
  }
  const kinds = [0, 1, 2].map((kind) => queries.filter((_, i) => i % 3 === kind).length);
  const share = (n: number, kind: number) => `${((100 * n) / (kinds[kind] as number)).toFixed(1)}%`;
  console.log(
    `| ${name} | ${ms(percentile(times, 0.5))} | ${ms(percentile(times, 0.95))} | ${hits.map(share).join(' | ')} |`,
  );
}

async function build(search: 'hnsw' | 'flat'): Promise<SemanticIndex> {
  const index = createSemanticIndex({ embedder: createHashingEmbedder(), search });
  const start = performance.now();
  for (const [i, [question]] of cached.entries()) await index.add(`q${i}`, question);
  console.log(
    `built ${search} index of ${index.size} questions in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  return index;
}

console.log('# Semantic-cache lookup benchmark');
console.log(machineLine());
console.log(`${N} cached questions, ${QUERIES} queries (1/3 repeats, 1/3 reworded, 1/3 new)\n`);
const hnsw = await build('hnsw');
const flat = await build('flat');
const exact = new Map(cached.map(([q], i) => [questionFeatures(q).normalised, `q${i}`]));
const normaliseText = (q: string) =>
  q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const exactRaw = new Map(cached.map(([q], i) => [normaliseText(q), `q${i}`]));

console.log('\n| lookup | p50 ms | p95 ms | hits: repeats | reworded | new (must be 0) |');
console.log('| --- | --- | --- | --- | --- | --- |');
await measure('exact: Map of normalised string', (q) => exactRaw.get(normaliseText(q)));
await measure('exact: Map of matcher-normalised text', (q) =>
  exact.get(questionFeatures(q).normalised),
);
await measure('semantic, HNSW + matcher (8 candidates)', (q) => hnsw.lookup(q));
await measure('semantic, flat scan + matcher', (q) => flat.lookup(q));

// The search structures alone with dense vectors: what an OpenAI embedder would cost per lookup.
const DENSE = 1536;
const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
const unit = () => normalise(Float32Array.from({ length: DENSE }, gauss));
const scan = new ColumnScan(DENSE);
const graph = new HnswIndex({ dimension: DENSE });
for (let i = 0; i < N; i++) {
  const v = unit();
  scan.add(i, v);
  graph.add(i, v);
}
const denseQueries = Array.from({ length: 200 }, unit);
console.log(
  `\nsearch structure alone, ${N} dense ${DENSE}-d vectors, top 8 (no embedding, no matcher):`,
);
console.log('| search | p50 ms | p95 ms |');
console.log('| --- | --- | --- |');
for (const [name, search] of [
  ['column scan (exact)', (q: Float32Array) => scan.search(q, 8)],
  ['HNSW (efSearch 64)', (q: Float32Array) => graph.search(q, 8)],
] as const) {
  const times = denseQueries.map((q) => {
    const start = performance.now();
    search(q);
    return performance.now() - start;
  });
  console.log(`| ${name} | ${ms(percentile(times, 0.5))} | ${ms(percentile(times, 0.95))} |`);
}
