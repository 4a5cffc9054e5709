/**
 * `npm run bench:gateway` (warm), `bench:hot` (whole-response cache), `bench:answer-hit`: Sluice
 * over loopback against a bare Apollo Server 5 serving the same response shape from memory
 * (bench/server.ts `bare-shape`: Sluice's schema, every root field a constant), in one run.
 *
 * - warm: `quotes` of 10 symbols + `weather` for 2 places, upstream values cached, response cache
 *   off (RESPONSE_CACHE=false): the data path itself; again in a process that has answered one
 *   question first, as a production gateway has (the answer path's async context is then live for
 *   every promise of every request).
 * - hot: the same query with the response cache on; beside it `raw`, a `node:http` server sending
 *   the response's bytes, the ceiling of any server here.
 * - answer-hit: an exact-cache-hit `answer` with all its typed fields, against the bare server's
 *   data query.
 *
 * - expiry: the warm query for EXPIRY_SECONDS (several 15 s quote TTLs) at a steady rate, with
 *   each second's p99 and max latency: with refresh ahead, expiry should show no step.
 *
 * Each variant runs in its own process (Sluice from its `dist/` build), all of a scenario's up at
 * once, each checked (one request without errors) and warmed up first; load is autocannon, the
 * issue's own instrument (BENCH_CLIENT=node: bench/load.ts, the heavier `node:http` client of the
 * earlier figures, whose own cost caps the raw ceiling near 4-7x), CONNECTIONS keep-alive
 * connections back to back for SECONDS per variant and round; ROUNDS rounds interleave the variants
 * so drift in the machine's speed hits them alike; "vs bare" is the median of each round's ratio
 * to that round's bare run (with the rounds' range), beside the median req/s, server CPU per
 * request and latency.
 * `BENCH_BASELINE=<checkout>` (e.g. `git worktree add /tmp/base <commit>` with `node_modules`
 * linked) adds, after each Sluice variant, the same variant served by that checkout's build, in the
 * same interleaved rounds: a change against the commit before it, in one run, on one machine state.
 * Usage: `tsx bench/gateway.ts [warm|hot|answer-hit ...]` (all when none is named).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emulatorEnv } from '../src/emulator/env.js';
import { allProviders } from '../src/emulator/providers/index.js';
import { startEmulator } from '../src/emulator/server.js';
import autocannon from 'autocannon';
import { load } from './load.js';
import { machineLine, median, percentile, range } from './machine.js';
import { ANSWER_QUERY } from './queries.js';
import { placement, startServerProcess, type ServerProcess } from './server-process.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
// `autocannon` (default), the issue's instrument; `node` for bench/load.ts, the earlier figures'.
const CLIENT = process.env.BENCH_CLIENT === 'node' ? 'node' : 'autocannon';
const JSON_HEADERS = { 'content-type': 'application/json' };

const SYMBOLS = [
  'AAPL',
  'MSFT',
  'GOOGL',
  'AMZN',
  'NVDA',
  'TSLA',
  'META',
  'IBM',
  'BTC-USD',
  'EURUSD=X',
];
const WEATHER_FIELDS = `location { name region country latitude longitude }
  current { temperatureC apparentTemperatureC humidity windSpeedKmh precipitationMm description }
  daily { date minC maxC precipitationMm description } provider fetchedAt stale`;
const DASHBOARD = `query Dashboard {
  quotes(symbols: ${JSON.stringify(SYMBOLS)}) {
    symbol name price currency change changePercent previousClose asOf provider stale
  }
  osaka: weather(location: "Osaka", days: 3) { ${WEATHER_FIELDS} }
  berlin: weather(location: "Berlin", days: 3) { ${WEATHER_FIELDS} }
}`;
const HIT_QUESTION = 'What is the weather in Osaka and the price of AAPL?';

type Target = 'sluice' | 'bare-shape' | 'raw';
interface Variant {
  label: string;
  target: Target;
  query: string;
  variables?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Sent once before the warm-up: what the process has done before it serves `query`. */
  before?: { query: string; variables?: Record<string, unknown> };
  /** Another checkout whose build serves this variant (BENCH_BASELINE); this one by default. */
  root?: string;
}
const SCENARIOS: Record<string, { title: string; variants: Variant[] }> = {
  warm: {
    title: 'warm data query (10 quotes + 2 places, upstream values cached, no response cache)',
    variants: [
      { label: 'bare Apollo 5', target: 'bare-shape', query: DASHBOARD },
      { label: 'Sluice', target: 'sluice', query: DASHBOARD, env: { RESPONSE_CACHE: 'false' } },
      {
        label: 'Sluice, has answered',
        target: 'sluice',
        query: DASHBOARD,
        env: { RESPONSE_CACHE: 'false' },
        before: { query: ANSWER_QUERY, variables: { question: HIT_QUESTION } },
      },
    ],
  },
  hot: {
    title: 'the same query repeated (whole-response cache)',
    variants: [
      { label: 'bare Apollo 5', target: 'bare-shape', query: DASHBOARD },
      { label: 'Sluice, response cache', target: 'sluice', query: DASHBOARD },
      { label: 'raw node:http, fixed bytes', target: 'raw', query: DASHBOARD },
    ],
  },
  'answer-hit': {
    title: "exact-cache-hit answer with all its typed fields, against bare Apollo's data query",
    variants: [
      { label: 'bare Apollo 5 (data query)', target: 'bare-shape', query: DASHBOARD },
      {
        label: 'Sluice answer, exact hit',
        target: 'sluice',
        query: ANSWER_QUERY,
        variables: { question: HIT_QUESTION },
      },
    ],
  },
};

const BASELINE = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE) : undefined;
/** The baseline checkout's commit, and whether it has uncommitted changes. */
function describeCheckout(root: string): string {
  const git = (...args: string[]) =>
    spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' }).stdout.trim();
  const commit = git('rev-parse', '--short', 'HEAD') || 'not a git checkout';
  return `${root} at ${commit}${git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : ''}`;
}
if (BASELINE) {
  for (const scenario of Object.values(SCENARIOS)) {
    scenario.variants = scenario.variants.flatMap((variant) =>
      variant.target === 'sluice'
        ? [variant, { ...variant, label: `${variant.label} [base]`, root: BASELINE }]
        : [variant],
    );
  }
}

const EXPIRY_SECONDS = Number(process.env.BENCH_EXPIRY_SECONDS ?? 40);
const EXPIRY_RATE = Number(process.env.BENCH_EXPIRY_RATE ?? 300);
const named = process.argv.slice(2).filter((arg) => arg in SCENARIOS || arg === 'expiry');
const scenarios = named.length > 0 ? named : Object.keys(SCENARIOS);

const emulator = await startEmulator({ providers: allProviders() });
const baseEnv = {
  ...emulatorEnv(emulator),
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  // The load comes from one address: the per-caller limits would cut it off.
  RATE_LIMIT_PER_MINUTE: '1000000000',
  DAILY_BUDGET_USD: '1000000',
};

// The bare servers answer with the data Sluice serves, so every variant sends the same shape.
const fixtureDir = await mkdtemp(join(tmpdir(), 'sluice-bench-gateway-'));
const fixturePath = join(fixtureDir, 'data.json');
// Removed however the bench ends, a failed variant included.
process.on('exit', () => rmSync(fixtureDir, { recursive: true, force: true }));
{
  const server = await startServerProcess({ ...baseEnv, BENCH_TARGET: 'sluice' });
  try {
    const { data } = await checkedPost(server.url, JSON.stringify({ query: DASHBOARD }), 'fixture');
    await writeFile(fixturePath, JSON.stringify(data));
  } finally {
    server.stop();
  }
}

interface Result {
  rps: number;
  cpuUs: number;
  p50: number;
  p99: number;
}

const runLoad = CLIENT === 'node' ? runNode : runAutocannon;

/** A variant's server, started, checked and warmed up, ready for rounds of `measure`. */
interface Started {
  server: ServerProcess;
  body: string;
}

async function start(variant: Variant): Promise<Started> {
  const server = await startServerProcess(
    { ...baseEnv, ...variant.env, BENCH_TARGET: variant.target, BENCH_FIXTURE: fixturePath },
    [],
    variant.root,
  );
  try {
    const body = JSON.stringify({ query: variant.query, variables: variant.variables });
    // Checked requests first: a variant that answers with errors fails the bench.
    if (variant.before)
      await checkedPost(server.url, JSON.stringify(variant.before), variant.label);
    await checkedPost(server.url, body, variant.label);
    await runLoad(server.url, body, 1500); // warm-up: JIT, caches (the answer's first ask fills its exact cache)
    return { server, body };
  } catch (error) {
    server.stop();
    throw error;
  }
}

async function measure({ server, body }: Started): Promise<Result> {
  const cpuBefore = await server.cpuMicros();
  const { rps, requests, p50, p99 } = await runLoad(server.url, body, SECONDS * 1000);
  const cpu = (await server.cpuMicros()) - cpuBefore;
  return { rps, cpuUs: cpu / requests, p50, p99 };
}

/** A GraphQL POST that must answer 200 with data and no errors; its JSON body. */
async function checkedPost(url: URL, body: string, label: string): Promise<{ data: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: JSON_HEADERS, body });
  const json = (await response.json()) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || json.errors || !json.data) {
    throw new Error(`${label}: ${response.status} ${JSON.stringify(json)}`);
  }
  return { data: json.data };
}

interface Run {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
}

/** autocannon (the instrument): CONNECTIONS keep-alive connections, flat out. */
async function runAutocannon(url: URL, body: string, ms: number): Promise<Run> {
  const result = await autocannon({
    url: url.href,
    method: 'POST',
    headers: JSON_HEADERS,
    body,
    connections: CONNECTIONS,
    duration: ms / 1000,
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `autocannon: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    rps: result.requests.total / (ms / 1000),
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** bench/load.ts, the node:http client the other benches use (a heavier client: a lower ceiling). */
async function runNode(url: URL, body: string, ms: number): Promise<Run> {
  const { rps, requests, latencies } = await load({
    url,
    body: () => body,
    connections: CONNECTIONS,
    ms,
  });
  return { rps, requests, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

console.log(machineLine());
if (BASELINE) console.log(`baseline ([base] rows): ${describeCheckout(BASELINE)}`);
console.log(
  `load: ${CLIENT === 'node' ? 'bench/load.ts' : 'autocannon'}, ${CONNECTIONS} connections, ${SECONDS} s per variant and round after a 1.5 s warm-up, ${ROUNDS} rounds interleaved (median); ${placement}`,
);
for (const name of scenarios) {
  if (name === 'expiry') {
    await expiry();
    continue;
  }
  const { title, variants } = SCENARIOS[name]!;
  // Every variant's server stays up for the whole scenario (idle while another is measured), so
  // rounds are cheap: many short ones, alternated, ride out this machine's swings in speed.
  const started: Started[] = [];
  const runs = variants.map(() => [] as Result[]);
  try {
    for (const variant of variants) started.push(await start(variant));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, variant] of started.entries()) runs[i]!.push(await measure(variant));
    }
  } finally {
    for (const { server } of started) server.stop();
  }
  console.log(`\n${name}: ${title}`);
  console.log(
    'variant                           req/s   vs bare (rounds)          CPU µs/req   p50 ms   p99 ms',
  );
  for (const [i, variant] of variants.entries()) {
    const pick = (f: (r: Result) => number) => median(runs[i]!.map(f));
    // Each round's ratio against the bare run just before it: the machine's speed drifts between
    // rounds more than between two neighbouring runs, so the ratio is taken within a round.
    const ratios = runs[i]!.map((r, round) => r.rps / runs[0]![round]!.rps);
    const spread = range(ratios);
    console.log(
      `${variant.label.padEnd(32)} ${pick((r) => r.rps)
        .toFixed(0)
        .padStart(6)}   ${median(ratios).toFixed(2).padStart(6)}x ${spread.padEnd(13)}   ${pick(
        (r) => r.cpuUs,
      )
        .toFixed(0)
        .padStart(10)}   ${pick((r) => r.p50)
        .toFixed(2)
        .padStart(6)}   ${pick((r) => r.p99)
        .toFixed(2)
        .padStart(6)}`,
    );
  }
}
await emulator.close();

/** Each second of a long steady run of the warm query: does latency step when quotes expire? */
async function expiry(): Promise<void> {
  const server = await startServerProcess({
    ...baseEnv,
    RESPONSE_CACHE: 'false',
    BENCH_TARGET: 'sluice',
  });
  try {
    const body = JSON.stringify({ query: DASHBOARD });
    await load({ url: server.url, body: () => body, connections: CONNECTIONS, ms: 1500 });
    const started = performance.now();
    const seconds: number[][] = [];
    const { latencies, rps } = await load({
      url: server.url,
      body: () => body,
      connections: CONNECTIONS,
      ms: EXPIRY_SECONDS * 1000,
      ratePerSecond: EXPIRY_RATE,
      onResponse: (ms) => {
        const second = Math.floor((performance.now() - started) / 1000);
        (seconds[second] ??= []).push(ms);
      },
    });
    console.log(
      `\nexpiry: the warm query at ${EXPIRY_RATE}/s for ${EXPIRY_SECONDS} s (equity quotes live 15 s, crypto 30 s; no response cache): ${rps.toFixed(0)} req/s, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms overall`,
    );
    console.log('second   req   p50 ms   p99 ms   max ms');
    seconds.forEach((values, second) =>
      console.log(
        `${String(second).padStart(6)} ${String(values.length).padStart(5)}   ${percentile(values, 0.5).toFixed(1).padStart(6)}   ${percentile(values, 0.99).toFixed(1).padStart(6)}   ${Math.max(
          ...values,
        )
          .toFixed(1)
          .padStart(6)}`,
      ),
    );
  } finally {
    server.stop();
  }
}
