/**
 * `npm run bench:breaker`: a provider outage under steady load, against the provider emulator.
 * Quotes are requested at a fixed rate through the equity chain Yahoo -> Stooq (no cache, so every
 * request reaches a provider); Yahoo then fails (HTTP 500, or hangs) for a while and comes back.
 * Measured with the circuit breaker on (config values) and, as the baseline, off (retries only):
 * time from outage start to the breaker opening, calls sent to the dead provider before it opened
 * and during the whole outage, request latency during the outage, and how long after the provider
 * came back requests were served by it again. Config comes from the environment (BREAKER_*,
 * RETRY_MAX_ATTEMPTS, UPSTREAM_TIMEOUT_MS), with shorter bench defaults for the timeout (1 s) and
 * the half-open wait (3 s) so a run takes about a minute.
 */
import type { Cache } from '../src/cache/types.js';
import { loadConfig } from '../src/config.js';
import { allProviders } from '../src/emulator/providers/index.js';
import { startEmulator } from '../src/emulator/server.js';
import type { Fault } from '../src/emulator/types.js';
import { createSilentLogger } from '../src/logger.js';
import type { BreakerState } from '../src/resilience/breaker.js';
import { createProviderRegistry } from '../src/resilience/registry.js';
import { withResilience } from '../src/resilience/resilient-source.js';
import { createFallbackChain } from '../src/sources/chain.js';
import { createStooqSource } from '../src/sources/stooq.js';
import type { Source, SourceDeps } from '../src/sources/types.js';
import { createYahooSource } from '../src/sources/yahoo.js';
import { machineLine } from './machine.js';

const RATE_PER_SECOND = 20;
const WARM_MS = 1_000;
const OUTAGE_MS = 5_000;
const AFTER_MS = 6_000;
const SYMBOLS = ['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'NVDA', 'TSLA', 'META', 'NFLX', 'IBM', 'JPM'];

const config = loadConfig({
  UPSTREAM_TIMEOUT_MS: '1000',
  BREAKER_HALF_OPEN_AFTER_MS: '3000',
  ...process.env,
  LOG_LEVEL: 'silent',
});
const emulator = await startEmulator({ providers: allProviders() });
const noCache: Cache = { get: async () => undefined, set: async () => {}, delete: async () => {} };
const unlimited = { perMinute: 1_000_000, perDay: 1_000_000_000 };

interface Outcome {
  start: number;
  ms: number;
  provider: string | undefined;
}

async function scenario(fault: Fault, breakerOn: boolean) {
  const registry = createProviderRegistry({
    retry: { maxRetries: config.RETRY_MAX_ATTEMPTS },
    breaker: {
      failureRatio: config.BREAKER_FAILURE_RATIO,
      minRequests: breakerOn ? config.BREAKER_MIN_REQUESTS : Number.MAX_SAFE_INTEGER,
      windowMs: config.BREAKER_WINDOW_MS,
      halfOpenAfterMs: config.BREAKER_HALF_OPEN_AFTER_MS,
    },
    quotas: { yahoo: unlimited, stooq: unlimited },
  });
  const deps = (provider: string): SourceDeps => ({
    fetch,
    cache: noCache,
    logger: createSilentLogger(),
    baseUrl: emulator.baseUrl(provider),
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
  });
  const guarded = <K, V>(source: Source<K, V>) =>
    withResilience(source, { guard: registry.guard(source.name) });
  const chain = createFallbackChain('equity', [
    guarded(createYahooSource({ ...deps('yahoo'), concurrency: 8 })),
    guarded(createStooqSource(deps('stooq'))),
  ]);

  const transitions: Array<{ to: BreakerState; at: number }> = [];
  registry.onStateChange(({ to, at }) => transitions.push({ to, at }));
  const outcomes: Outcome[] = [];
  const inFlight: Array<Promise<void>> = [];
  let n = 0;
  const timer = setInterval(() => {
    const symbol = SYMBOLS[n++ % SYMBOLS.length] as string;
    const start = Date.now();
    inFlight.push(
      chain.loadMany([symbol]).then(([result]) => {
        const provider = result instanceof Error || !result ? undefined : result.provider;
        outcomes.push({ start, ms: Date.now() - start, provider });
      }),
    );
  }, 1000 / RATE_PER_SECOND);

  emulator.clearFaults();
  emulator.resetCalls();
  await sleep(WARM_MS);
  const outageStart = Date.now();
  const callsBefore = emulator.calls('yahoo');
  let callsAtOpen: number | undefined;
  registry.onStateChange(({ to }) => {
    if (to === 'open' && callsAtOpen === undefined) callsAtOpen = emulator.calls('yahoo');
  });
  emulator.inject('yahoo', { fault });
  await sleep(OUTAGE_MS);
  const outageEnd = Date.now();
  const outageCalls = emulator.calls('yahoo') - callsBefore;
  emulator.clearFaults();
  await sleep(AFTER_MS);
  clearInterval(timer);
  await Promise.all(inFlight);

  const opened = transitions.find((t) => t.to === 'open' && t.at >= outageStart);
  const during = outcomes.filter((o) => o.start >= outageStart && o.start < outageEnd);
  const backOnYahoo = outcomes.find((o) => o.start >= outageEnd && o.provider === 'yahoo');
  const latencies = during.map((o) => o.ms).sort((a, b) => a - b);
  return {
    fault: fault.kind === 'respond' ? `HTTP ${fault.response.status}` : fault.kind,
    breaker: breakerOn ? 'on' : 'off (retries only)',
    toOpenMs: opened ? opened.at - outageStart : undefined,
    wastedBeforeOpen: callsAtOpen === undefined ? undefined : callsAtOpen - callsBefore,
    outageCalls,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    failed: during.filter((o) => o.provider === undefined).length,
    requests: during.length,
    recoverMs: backOnYahoo ? backOnYahoo.start - outageEnd : undefined,
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const show = (value: number | undefined, unit = '') =>
  value === undefined ? '-' : `${value}${unit}`;

const faults: Fault[] = [
  {
    kind: 'respond',
    response: { status: 500, body: 'Internal Server Error', contentType: 'text/plain' },
  },
  { kind: 'hang' },
];
const rows = [];
for (const fault of faults) {
  for (const breakerOn of [true, false]) rows.push(await scenario(fault, breakerOn));
}

console.log(machineLine());
console.log(
  `load: ${RATE_PER_SECOND} quotes/s through Yahoo -> Stooq (no cache), Yahoo down for ${OUTAGE_MS / 1000} s; ` +
    `BREAKER_FAILURE_RATIO=${config.BREAKER_FAILURE_RATIO} BREAKER_MIN_REQUESTS=${config.BREAKER_MIN_REQUESTS} ` +
    `BREAKER_WINDOW_MS=${config.BREAKER_WINDOW_MS} BREAKER_HALF_OPEN_AFTER_MS=${config.BREAKER_HALF_OPEN_AFTER_MS} ` +
    `RETRY_MAX_ATTEMPTS=${config.RETRY_MAX_ATTEMPTS} UPSTREAM_TIMEOUT_MS=${config.UPSTREAM_TIMEOUT_MS}\n`,
);
console.log(
  'fault    | breaker            | to open  | Yahoo calls before open | Yahoo calls in outage | p50 / p95 latency in outage | failed/requests | back on Yahoo after recovery',
);
console.log(
  '---------|--------------------|----------|-------------------------|-----------------------|-----------------------------|-----------------|-----------------------------',
);
for (const r of rows) {
  console.log(
    [
      r.fault.padEnd(8),
      r.breaker.padEnd(18),
      show(r.toOpenMs, ' ms').padEnd(8),
      show(r.wastedBeforeOpen).padEnd(23),
      String(r.outageCalls).padEnd(21),
      `${r.p50} / ${r.p95} ms`.padEnd(27),
      `${r.failed}/${r.requests}`.padEnd(15),
      show(r.recoverMs, ' ms'),
    ].join(' | '),
  );
}
await emulator.close();
