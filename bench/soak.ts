/**
 * `npm run bench:soak`: does the gateway stay as fast and as small as it started under mixed
 * traffic? A gateway process (bench/server.ts, providers and the LLM emulated on localhost) takes
 * ROUNDS rounds of: the data query (`quotes` of 10 equities + `weather` for two places, values
 * cached) for DATA_SECONDS, then `answer` traffic for ANSWER_SECONDS: exact-cache hits, paraphrases
 * (semantic hits) and questions never asked (misses). Each round prints throughput, latency and RSS
 * beside the first round's, so anything that grows with requests and is walked by them shows as a
 * falling ratio. Idle time between rounds (IDLE_SECONDS) shows whether it recovers.
 * With BENCH_REQUESTS (`npm run bench:soak-100k`): that many mixed requests at BENCH_RATE per
 * second instead, with event-loop lag, RSS and heap every 10,000 and the RSS growth after warm-up.
 */
import { emulatorEnv } from '../src/emulator/env.js';
import { allProviders } from '../src/emulator/providers/index.js';
import { startEmulator } from '../src/emulator/server.js';
import { load, type LoadResult } from './load.js';
import { machineLine, percentile } from './machine.js';
import { ANSWER_QUERY } from './queries.js';
import { startServerProcess } from './server-process.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const DATA_SECONDS = Number(process.env.BENCH_DATA_SECONDS ?? 3);
const ANSWER_SECONDS = Number(process.env.BENCH_ANSWER_SECONDS ?? 2);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 0);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** The long soak (`npm run bench:soak-100k`): this many mixed requests at RATE per second. */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 0);
const RATE = Number(process.env.BENCH_RATE ?? 300);
const BLOCK = 10_000;

const DATA_QUERY = `{
  quotes(symbols: ["AAPL", "MSFT", "GOOGL", "AMZN", "META", "NVDA", "TSLA", "IBM", "NFLX", "JPM"]) {
    symbol name price currency change changePercent previousClose asOf provider stale
  }
  weather(location: "Nairobi", days: 3) { location { name country } current { temperatureC description } daily { date minC maxC description } provider fetchedAt stale }
  osaka: weather(location: "Osaka", days: 3) { location { name country } current { temperatureC description } daily { date minC maxC description } provider fetchedAt stale }
}`;

const PLACES = ['Osaka', 'Nairobi', 'London', 'Paris', 'Tokyo', 'Berlin', 'Sydney', 'Toronto'];
const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'TSLA', 'IBM', 'NFLX'];
/** Answer traffic: 60% one exact repeat, 20% paraphrases of it, 20% questions not asked before. */
function question(n: number): string {
  const slot = n % 10;
  if (slot < 6) return "What's the weather in Osaka right now?";
  if (slot < 8)
    return slot === 6
      ? 'What is the weather in Osaka right now?'
      : "What's the weather like in Osaka now?";
  const place = PLACES[n % PLACES.length] ?? 'Osaka';
  const symbol = SYMBOLS[Math.floor(n / 10) % SYMBOLS.length] ?? 'AAPL';
  return `How is ${symbol} doing and what is the weather in ${place}? (${n})`;
}

const emulator = await startEmulator({ providers: allProviders(), port: 0 });
const server = await startServerProcess({
  ...emulatorEnv(emulator),
  BENCH_TARGET: 'sluice',
  // The load comes from one address: the per-caller limit and budget would cut it off.
  RATE_LIMIT_PER_MINUTE: '1000000000',
  DAILY_BUDGET_USD: '1000000',
});

const dataBody = JSON.stringify({ query: DATA_QUERY });
const answerBody = (n: number) =>
  JSON.stringify({ query: ANSWER_QUERY, variables: { question: question(n) } });

interface Round {
  data: LoadResult;
  answers: LoadResult;
  rss: number;
  heap: number;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ratio = (value: number, first: number) => `${(value / first).toFixed(2)}x`;

console.log(machineLine());
console.log(
  `load: ${CONNECTIONS} connections; per round ${DATA_SECONDS} s of the data query, then ${ANSWER_SECONDS} s of answers (60% exact repeats, 20% paraphrases, 20% new)${IDLE_SECONDS ? `, ${IDLE_SECONDS} s idle` : ''}; RSS and heap after a full GC`,
);
// Warm-up: upstream values cached, JIT warm, the repeated question answered once.
await load({ url: server.url, body: () => dataBody, connections: 2, ms: 500 });
await load({
  url: server.url,
  body: () => answerBody(0),
  connections: 1,
  ms: 0,
  maxRequests: 1,
  allowErrors: true,
});
if (REQUESTS > 0) {
  await steadySoak();
  server.stop();
  await emulator.close();
  process.exit(0);
}

const rounds: Round[] = [];
let answered = 0;
console.log(
  '\n| round | data req/s | data p50 | data p99 | answer req/s | answer p50 | errors | RSS | heap |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (let r = 0; r < ROUNDS; r++) {
  const data = await load({
    url: server.url,
    body: () => dataBody,
    connections: CONNECTIONS,
    ms: DATA_SECONDS * 1000,
    allowErrors: true,
  });
  const offset = answered;
  const answers = await load({
    url: server.url,
    body: (n) => answerBody(offset + n),
    connections: CONNECTIONS,
    ms: ANSWER_SECONDS * 1000,
    allowErrors: true,
  });
  answered += answers.requests;
  if (IDLE_SECONDS) await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const { rss, heapUsed } = await server.memory();
  const round = { data, answers, rss, heap: heapUsed };
  rounds.push(round);
  const first = rounds[0] ?? round;
  const p50 = (l: LoadResult) => percentile(l.latencies, 0.5);
  console.log(
    `| ${r + 1} | ${data.rps.toFixed(0)} (${ratio(data.rps, first.data.rps)}) | ${p50(data).toFixed(1)} ms (${ratio(p50(data), p50(first.data))}) | ${percentile(data.latencies, 0.99).toFixed(1)} ms | ${answers.rps.toFixed(0)} (${ratio(answers.rps, first.answers.rps)}) | ${p50(answers).toFixed(1)} ms | ${data.failures + answers.failures} | ${mb(rss)} (${ratio(rss, first.rss)}) | ${mb(heapUsed)} (${ratio(heapUsed, first.heap)}) |`,
  );
}
const total = rounds.reduce((n, r) => n + r.data.requests + r.answers.requests, 0);
console.log(`\n${total} requests (${answered} answers)`);
server.stop();
await emulator.close();

/**
 * Mixed traffic, request n of the long soak: 60% the data query, 15% the exact-hit answer, 5% its
 * paraphrases (semantic hits), 10% answers never asked, 5% an over-long question (a coded
 * BAD_USER_INPUT), 5% weather for a place no geocoder knows (a coded NOT_FOUND).
 */
function mixed(n: number): string {
  const slot = n % 20;
  if (slot < 12) return dataBody;
  if (slot < 15) return answerBody(0);
  if (slot === 15) return answerBody(6 + 10 * (n % 2));
  if (slot < 18) return answerBody(8 + 10 * n);
  if (slot === 18)
    return JSON.stringify({
      query: ANSWER_QUERY,
      variables: { question: `Why ${'?'.repeat(600)}` },
    });
  return JSON.stringify({ query: `{ weather(location: "Nowhereville ${n % 50}") { provider } }` });
}

/** 100k requests at a steady rate; every 10k: throughput, latency, event-loop lag, RSS, heap. */
async function steadySoak(): Promise<void> {
  console.log(
    `\nsteady soak: ${REQUESTS} requests at ${RATE}/s on ${CONNECTIONS} connections, in blocks of ${BLOCK} (60% data, 15% exact answers, 5% paraphrases, 10% new answers, 10% coded errors)`,
  );
  console.log(
    '\n| requests | req/s | p50 | p99 | errors | loop lag p99 | loop lag max | RSS | heap |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  const rss: number[] = [];
  for (let done = 0; done < REQUESTS; done += BLOCK) {
    await server.lag();
    const block = await load({
      url: server.url,
      body: (n) => mixed(done + n),
      connections: CONNECTIONS,
      ms: 3_600_000,
      maxRequests: Math.min(BLOCK, REQUESTS - done),
      ratePerSecond: RATE,
      allowErrors: true,
    });
    const lag = await server.lag();
    const memory = await server.memory();
    rss.push(memory.rss);
    console.log(
      `| ${done + block.requests} | ${block.rps.toFixed(0)} | ${percentile(block.latencies, 0.5).toFixed(1)} ms | ${percentile(block.latencies, 0.99).toFixed(1)} ms | ${block.failures} | ${lag.p99.toFixed(1)} ms | ${lag.max.toFixed(1)} ms | ${mb(memory.rss)} | ${mb(memory.heapUsed)} |`,
    );
  }
  // Warm-up is the first 20k: caches filling, JIT; growth after it is what must stay bounded.
  const base = rss[Math.min(1, rss.length - 1)] ?? NaN;
  const last = rss[rss.length - 1] ?? NaN;
  const growth = (last / base - 1) * 100;
  console.log(
    `\nRSS after warm-up (${mb(base)} at 20k) to the end (${mb(last)}): ${growth >= 0 ? '+' : ''}${growth.toFixed(1)}% (goal <= 15%: ${growth <= 15 ? 'met' : 'NOT met'})`,
  );
  console.log('errors: the 10% coded-error requests (over-long question, unknown place) by design');
}
