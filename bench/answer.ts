/**
 * `npm run bench:answer`: latency of `answer` in-process, against the provider emulator.
 * 1. Exact-cache hit p50/p95, beside the same question answered cold (no caches).
 * 2. A cold answer over four sources whose providers answer in 40/80/120/160 ms, against its
 *    critical path (the slowest source) and against the sum a sequential pipeline would take.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnswerServices } from '../src/answer/create.js';
import type { CacheStack } from '../src/cache/index.js';
import { createMemoryCache } from '../src/cache/memory.js';
import type { Cache } from '../src/cache/types.js';
import { loadConfig } from '../src/config.js';
import { emulatorEnv } from '../src/emulator/env.js';
import { allProviders } from '../src/emulator/providers/index.js';
import { startEmulator } from '../src/emulator/server.js';
import { createSilentLogger } from '../src/logger.js';
import { createSources } from '../src/sources/index.js';
import { createHashingEmbedder } from '../src/vector/hashing-embedder.js';
import { createVectorIndexFromConfig } from '../src/vector/create.js';
import { machineLine, percentile } from './machine.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

const emulator = await startEmulator({ providers: allProviders() });
const dataDir = await mkdtemp(join(tmpdir(), 'sluice-bench-answer-'));
const logger = createSilentLogger();
const env = { ...emulatorEnv(emulator), OPENAI_BASE_URL: undefined };
const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env });
const embedder = createHashingEmbedder();
const vectorIndex = createVectorIndexFromConfig(config, { fetch, logger, embedder });
await vectorIndex.ready();

/** Data sources with no cache at all: every answer is cold. */
const noCache: Cache = { get: async () => undefined, set: async () => {}, delete: async () => {} };
const coldSources = createSources({ config, fetch, cache: noCache, logger, vectorIndex });
const answerLocal = createMemoryCache({ maxEntries: 20_000 });
const answerCache: CacheStack = {
  cache: answerLocal,
  local: answerLocal,
  close: async () => {},
};
const services = createAnswerServices({
  config,
  sources: coldSources,
  cacheStack: answerCache,
  embedder,
  logger,
  fetch,
});
const ask = (question: string, options = {}) =>
  services.answers.answer({
    question,
    options,
    sources: coldSources,
    caller: 'bench',
  });

// Warm up the JIT on other questions.
for (const q of ['Weather in Madrid now', 'Price of MSFT', 'What does Sluice cache?'])
  await ask(q, { noCache: true });

// 1. Exact-cache hits.
const question = 'What is the weather in Berlin right now?';
const cold: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  await ask(question, { noCache: true });
  cold.push(performance.now() - t);
}
await ask(question);
const hits: number[] = [];
for (let i = 0; i < RUNS * 10; i++) {
  const t = performance.now();
  const answer = await ask(question);
  hits.push(performance.now() - t);
  if (answer.cache.hit !== 'EXACT') throw new Error('expected an exact hit');
}

// 2. Four sources, 40/80/120/160 ms (weather is geocoding then forecast: 20 + 20).
emulator.inject('open-meteo-geocoding', { latencyMs: 20 });
emulator.inject('open-meteo', { latencyMs: 20 });
emulator.inject('yahoo', { latencyMs: 80 });
emulator.inject('frankfurter', { latencyMs: 120 });
emulator.inject('hn-algolia', { latencyMs: 160 });
const fourQuestion =
  'Weather in Berlin, the Apple share price, the euro to dollar rate, and news about Rust';
const totals: number[] = [];
const ratios: number[] = [];
let sourcesSeen = '';
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const answer = await ask(fourQuestion, { noCache: true });
  const total = performance.now() - t;
  const critical = Math.max(...answer.sources.map((s) => s.latencyMs));
  totals.push(total);
  ratios.push(total / critical);
  sourcesSeen = answer.sources.map((s) => `${s.name} ${s.latencyMs.toFixed(0)} ms`).join(', ');
  if (answer.sources.length !== 4 || answer.sources.some((s) => s.status !== 'OK')) {
    throw new Error(`expected four OK sources: ${sourcesSeen}`);
  }
}
emulator.clearFaults();

console.log(machineLine());
console.log(
  `runs: ${RUNS} (cache hits: ${RUNS * 10}); extractive synthesis; providers emulated on loopback\n`,
);
console.log('| measure | p50 | p95 |');
console.log('|---|---|---|');
console.log(
  `| answer, cold (no caches), 1 source | ${percentile(cold, 0.5).toFixed(2)} ms | ${percentile(cold, 0.95).toFixed(2)} ms |`,
);
console.log(
  `| answer, exact-cache hit | ${percentile(hits, 0.5).toFixed(3)} ms | ${percentile(hits, 0.95).toFixed(3)} ms |`,
);
console.log(
  `| answer, cold, 4 sources at 40/80/120/160 ms | ${percentile(totals, 0.5).toFixed(1)} ms | ${percentile(totals, 0.95).toFixed(1)} ms |`,
);
console.log(
  `| ... its critical path ratio (total / slowest source) | ${percentile(ratios, 0.5).toFixed(3)}x | ${percentile(ratios, 0.95).toFixed(3)}x |`,
);
console.log(`| ... sequential baseline (sum of the four) | 400 ms | |`);
console.log(`\nlast run's sources: ${sourcesSeen}`);

await emulator.close();
await rm(dataDir, { recursive: true, force: true });
