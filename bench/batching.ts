/**
 * `npm run bench:batching`: upstream calls for one request asking `quotes` of 10 symbols and
 * `weather` for 3 places, cold and warm, against the provider emulator; side by side with a
 * baseline that sends each field's key on its own through the same adapters with no cache (what a
 * resolver-per-field gateway without DataLoaders or Keyv would do). Then the same counts for
 * growing lists (`quotes` of 1 to 100 symbols, `weather` for 1 to 20 places, each list in one
 * request, each on a fresh gateway) and for 50 concurrent identical requests on a cold cache.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../src/app.js';
import type { Cache } from '../src/cache/types.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { emulatorEnv } from '../src/emulator/env.js';
import { COINS, CURRENCIES, EQUITIES } from '../src/emulator/providers/finance-data.js';
import { allProviders } from '../src/emulator/providers/index.js';
import { startEmulator } from '../src/emulator/server.js';
import { createSilentLogger } from '../src/logger.js';
import { createSources } from '../src/sources/index.js';
import { parseSymbol } from '../src/sources/symbols.js';
import { machineLine } from './machine.js';

const SYMBOLS = ['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'NVDA', 'TSLA', 'META', 'NFLX', 'IBM', 'JPM'];
const PLACES = ['Berlin', 'Paris', 'Tokyo'];
const QUERY = `query Dashboard {
  quotes(symbols: ${JSON.stringify(SYMBOLS)}) { symbol price provider }
  ${PLACES.map((p, i) => `w${i}: weather(location: "${p}") { location { name } current { temperatureC } provider }`).join('\n  ')}
}`;

const emulator = await startEmulator({ providers: allProviders() });
const dataDir = await mkdtemp(join(tmpdir(), 'sluice-bench-'));
const logger = createSilentLogger();
// The data path: whole responses are not kept (a repeated query would be served from them).
const config = loadConfig({
  LOG_LEVEL: 'silent',
  DATA_DIR: dataDir,
  RESPONSE_CACHE: 'false',
  ...emulatorEnv(emulator),
});
const app = await createApp(config, logger);

const perProvider = () =>
  Object.fromEntries(
    ['yahoo', 'stooq', 'open-meteo-geocoding', 'open-meteo'].map((p) => [p, emulator.calls(p)]),
  );

/**
 * Closes a gateway this bench started with `apollo.start()`: `Gateway.stop()` stops Apollo only
 * when `listen()` started it, so without the explicit stop each app leaves its SIGINT/SIGTERM
 * handlers on `process` (a MaxListenersExceededWarning past ten apps).
 */
async function closeApp(target: App) {
  await target.gateway.apollo.stop();
  await target.close();
}

async function run() {
  emulator.resetCalls();
  const started = performance.now();
  const response = await app.gateway.apollo.executeOperation(
    { query: QUERY },
    { contextValue: createContext(app.contextDeps) },
  );
  const ms = performance.now() - started;
  if (response.body.kind !== 'single' || response.body.singleResult.errors) {
    throw new Error(`query failed: ${JSON.stringify(response.body)}`);
  }
  return { calls: emulator.calls(), perProvider: perProvider(), ms };
}

await app.gateway.apollo.start();
// Warm the JIT and Apollo's document cache on other keys, so "cold" means a cold cache only.
await app.gateway.apollo.executeOperation(
  {
    query: `{ quotes(symbols: ["V", "BRK-B"]) { price } a: weather(location: "London") { provider } b: weather(location: "Sydney") { provider } }`,
  },
  { contextValue: createContext(app.contextDeps) },
);
const cold = await run();
const warm = await run();

// Yahoo answering 429: the equity chain falls back to Stooq, which takes all 10 symbols in one call.
const second = await createApp({ ...config, DATA_DIR: join(dataDir, 'second') }, logger);
await second.gateway.apollo.start();
emulator.inject('yahoo', {
  fault: { kind: 'respond', response: { status: 429, body: '', contentType: 'text/plain' } },
});
emulator.resetCalls();
const fallbackStart = performance.now();
await second.gateway.apollo.executeOperation(
  { query: QUERY },
  { contextValue: createContext(second.contextDeps) },
);
const yahooDown = {
  calls: emulator.calls(),
  perProvider: perProvider(),
  ms: performance.now() - fallbackStart,
};
emulator.clearFaults();
await closeApp(second);

// Baseline: the same adapters, one key per call, nothing cached.
const noCache: Cache = { get: async () => undefined, set: async () => {}, delete: async () => {} };
const bare = createSources({
  config,
  fetch,
  cache: noCache,
  logger,
  vectorIndex: app.sources.vectorIndex,
});
emulator.resetCalls();
const baselineStart = performance.now();
await Promise.all([
  ...SYMBOLS.map((s) => bare.quotes.loadMany([s])),
  ...PLACES.map(async (p) => {
    const [geo] = await bare.geocoder.loadMany([p]);
    if (!geo || geo instanceof Error) throw geo ?? new Error('no geocode');
    await bare.forecast.loadMany([
      { latitude: geo.place.latitude, longitude: geo.place.longitude, days: 3 },
    ]);
  }),
]);
const baseline = {
  calls: emulator.calls(),
  perProvider: perProvider(),
  ms: performance.now() - baselineStart,
};

console.log(machineLine());
console.log(
  'one request: quotes(10 symbols) + weather(3 places); upstream = provider emulator on loopback\n',
);
console.log(
  'run                         | upstream calls | yahoo | stooq | geocoding | forecast | ms',
);
console.log(
  '----------------------------|----------------|-------|-------|-----------|----------|------',
);
for (const [name, r] of [
  ['baseline: per key, no cache', baseline],
  ['sluice cold', cold],
  ['sluice warm (cached)', warm],
  ['sluice cold, Yahoo 429s', yahooDown],
] as const) {
  const p = r.perProvider;
  console.log(
    `${name.padEnd(28)}| ${String(r.calls).padEnd(15)}| ${String(p.yahoo).padEnd(6)}| ${String(p.stooq).padEnd(6)}| ${String(p['open-meteo-geocoding']).padEnd(10)}| ${String(p['open-meteo']).padEnd(9)}| ${r.ms.toFixed(1)}`,
  );
}

await closeApp(app);

// ---------------------------------------------------------------------------------------------
// Growing lists and concurrent identical requests. Each run gets a fresh gateway (own DATA_DIR,
// so a cold Keyv cache) with the whole-response cache off: otherwise the warm run's identical
// query would be answered whole and never reach the loaders whose caching is being counted.

/** Emulated instruments interleaved, so any prefix past a few mixes equities, crypto and FX. */
const MIXED_SYMBOLS = (() => {
  const equities = [...EQUITIES.keys()];
  const crypto = ['USD', 'EUR', 'GBP', 'JPY', 'CHF'].flatMap((vs) =>
    [...COINS.keys()].map((coin) => `${coin}-${vs}`),
  );
  const majors = ['EUR', 'USD', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'SEK'];
  const unknown = majors.filter((code) => !CURRENCIES.has(code));
  if (unknown.length > 0) throw new Error(`the emulator lacks currencies ${unknown.join(', ')}`);
  const fx = majors.flatMap((base) =>
    majors.filter((quote) => quote !== base).map((quote) => `${base}${quote}=X`),
  );
  const lists = [equities, crypto, fx];
  const mixed: string[] = [];
  for (let i = 0; mixed.length < equities.length + crypto.length + fx.length; i++) {
    for (const list of lists) if (i < list.length) mixed.push(list[i] as string);
  }
  return mixed;
})();

// The emulator's 13 place names give 19 distinct places once qualified; the 20th is made up.
const MIXED_PLACES = [
  'Berlin',
  'Paris',
  'Tokyo',
  'Osaka',
  'Nairobi',
  'London',
  'New York',
  'Sydney',
  'Darwin',
  'Brasília',
  'Perth',
  'Portland',
  'Hollywood',
  'Paris, Texas',
  'Perth, Scotland',
  'London, Ontario',
  'Sydney, Nova Scotia',
  'Portland, Maine',
  'Hollywood, Florida',
  'Atlantis',
];

const PROVIDERS = [
  'yahoo',
  'finnhub',
  'stooq',
  'coingecko',
  'frankfurter',
  'open-meteo-geocoding',
  'open-meteo',
] as const;

/** A `fetch` that records the peak number of requests in flight to one provider. */
function createPeakFetch(baseUrl: string) {
  let inFlight = 0;
  let peak = 0;
  const peakFetch: typeof globalThis.fetch = async function peakFetch(input, init) {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(baseUrl)) return fetch(input, init);
    peak = Math.max(peak, ++inFlight);
    try {
      return await fetch(input, init);
    } finally {
      inFlight -= 1;
    }
  };
  return { fetch: peakFetch, peak: () => peak, reset: () => void (peak = 0) };
}
const yahooPeak = createPeakFetch(emulator.baseUrl('yahoo'));

let freshApps = 0;
async function freshApp(): Promise<App> {
  freshApps += 1;
  const fresh = await createApp(
    loadConfig({
      LOG_LEVEL: 'silent',
      DATA_DIR: join(dataDir, `fresh-${freshApps}`),
      RESPONSE_CACHE: 'false',
      ...emulatorEnv(emulator),
    }),
    logger,
    yahooPeak.fetch,
  );
  await fresh.gateway.apollo.start();
  return fresh;
}

interface Measured {
  calls: number;
  perProvider: Record<(typeof PROVIDERS)[number], number>;
  /** Error count per `extensions.code` over every response. */
  errors: Map<string, number>;
  yahooPeak: number;
  ms: number;
}

/** Runs `requests` copies of `query` at once, each with its own context, and counts upstream calls. */
async function measure(target: App, query: string, requests = 1): Promise<Measured> {
  emulator.resetCalls();
  yahooPeak.reset();
  const started = performance.now();
  const responses = await Promise.all(
    Array.from({ length: requests }, () =>
      target.gateway.apollo.executeOperation(
        { query },
        { contextValue: createContext(target.contextDeps) },
      ),
    ),
  );
  const ms = performance.now() - started;
  const errors = new Map<string, number>();
  for (const response of responses) {
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    for (const error of response.body.singleResult.errors ?? []) {
      const code = String(error.extensions?.code ?? 'NO_CODE');
      errors.set(code, (errors.get(code) ?? 0) + 1);
    }
  }
  const perProvider = Object.fromEntries(
    PROVIDERS.map((p) => [p, emulator.calls(p)]),
  ) as Measured['perProvider'];
  return { calls: emulator.calls(), perProvider, errors, yahooPeak: yahooPeak.peak(), ms };
}

const quotesQuery = (symbols: readonly string[]) =>
  `query Quotes { quotes(symbols: ${JSON.stringify(symbols)}) { symbol price provider } }`;
const weatherQuery = (places: readonly string[]) =>
  `query Weather {\n  ${places.map((p, i) => `w${i}: weather(location: ${JSON.stringify(p)}) { location { name } current { temperatureC } provider }`).join('\n  ')}\n}`;

async function withFreshApp<T>(use: (target: App) => Promise<T>): Promise<T> {
  const fresh = await freshApp();
  try {
    return await use(fresh);
  } finally {
    await closeApp(fresh);
  }
}

/** Cold then warm on one fresh gateway. */
const coldAndWarm = (query: string) =>
  withFreshApp(async (fresh): Promise<[Measured, Measured]> => [
    await measure(fresh, query),
    await measure(fresh, query),
  ]);

const errorsCell = (errors: Map<string, number>) =>
  errors.size === 0 ? '-' : [...errors].map(([code, n]) => `${n} ${code}`).join(', ');
const cell = (value: unknown, width: number) => String(value).padEnd(width);

/** How many of `symbols` are equities, crypto pairs and FX pairs: `4/3/3`. */
const assetMix = (symbols: readonly string[]) =>
  (['EQUITY', 'CRYPTO', 'FX'] as const)
    .map((kind) => symbols.filter((s) => parseSymbol(s).assetClass === kind).length)
    .join('/');

const quoteRuns: Array<[string, Measured]> = [];
for (const size of [1, 10, 50, 100]) {
  const symbols = MIXED_SYMBOLS.slice(0, size);
  const [cold, warm] = await coldAndWarm(quotesQuery(symbols));
  quoteRuns.push([`${size} (${assetMix(symbols)}) cold`, cold], [`${size} warm`, warm]);
}

const weatherRuns: Array<[string, Measured]> = [];
for (const size of [1, 5, 20]) {
  const [cold, warm] = await coldAndWarm(weatherQuery(MIXED_PLACES.slice(0, size)));
  weatherRuns.push([`${size} cold`, cold], [`${size} warm`, warm]);
}

// Each on a fresh gateway, so no test finds keys an earlier one cached; "alone" is the same request
// on its own, cold, whose calls times 50 is what 50 requests would cost without a shared flight.
const fiftyAtOnce = async (name: string, query: string) => ({
  name,
  alone: await withFreshApp((fresh) => measure(fresh, query)),
  fifty: await withFreshApp((fresh) => measure(fresh, query, 50)),
});
const MIXED_TEN = MIXED_SYMBOLS.slice(0, 10);
const concurrentRuns = [
  await fiftyAtOnce('weather(location: "Osaka")', weatherQuery(['Osaka'])),
  await fiftyAtOnce(`quotes(${SYMBOLS.length} equities)`, quotesQuery(SYMBOLS)),
  await fiftyAtOnce(`quotes(10 mixed, ${assetMix(MIXED_TEN)})`, quotesQuery(MIXED_TEN)),
];

const upstreamConcurrency = config.UPSTREAM_CONCURRENCY;
console.log(`\n${machineLine()}`);
console.log(
  `quotes(N symbols) in one request, fresh gateway per N (cold Keyv, response cache off); N = equity/crypto/FX.
Yahoo (and Finnhub, first in the equity chain only with FINNHUB_API_KEY, unset here) take one symbol
per call: equity calls = distinct symbols, at most UPSTREAM_CONCURRENCY=${upstreamConcurrency} in flight. Crypto goes
to CoinGecko first (every coin and currency in one call), FX to Frankfurter (one call per base currency).\n`,
);
console.log(
  'symbols (eq/cc/fx)  | upstream | yahoo | stooq | coingecko | frankfurter | yahoo peak in flight | errors       | ms',
);
console.log(
  '--------------------|----------|-------|-------|-----------|-------------|----------------------|--------------|------',
);
for (const [name, r] of quoteRuns) {
  const p = r.perProvider;
  console.log(
    `${cell(name, 20)}| ${cell(r.calls, 9)}| ${cell(p.yahoo, 6)}| ${cell(p.stooq, 6)}| ${cell(p.coingecko, 10)}| ${cell(p.frankfurter, 12)}| ${cell(r.yahooPeak, 21)}| ${cell(errorsCell(r.errors), 13)}| ${r.ms.toFixed(1)}`,
  );
}

console.log(`\n${machineLine()}`);
console.log(
  `weather for N places, aliased fields of one request, fresh gateway per N (cold Keyv, response cache off).
The emulator knows 13 place names (19 places once qualified, e.g. "Paris, Texas"); the 20th, "Atlantis", is made up.\n`,
);
console.log('places   | upstream | geocoding | forecast | errors       | ms');
console.log('---------|----------|-----------|----------|--------------|------');
for (const [name, r] of weatherRuns) {
  const p = r.perProvider;
  console.log(
    `${cell(name, 9)}| ${cell(r.calls, 9)}| ${cell(p['open-meteo-geocoding'], 10)}| ${cell(p['open-meteo'], 9)}| ${cell(errorsCell(r.errors), 13)}| ${r.ms.toFixed(1)}`,
  );
}
const warmMisses = weatherRuns.filter(([name, r]) => name.endsWith('warm') && r.calls > 0);
for (const [name, r] of warmMisses) {
  console.log(
    `note: "${name}" still makes ${r.calls} call(s) with ${errorsCell(r.errors)}: a place not found is not cached, so it is geocoded again.`,
  );
}

console.log(`\n${machineLine()}`);
console.log(
  `50 concurrent identical requests, cold cache, one context each (own DataLoaders); goal: one upstream
call per distinct key (in-process single flight), not one per request. "alone x50" = the calls of
the same request sent on its own to another cold gateway, times 50.\n`,
);
console.log(
  'request x50                      | upstream | alone x50 | per provider                        | errors       | ms',
);
console.log(
  '---------------------------------|----------|-----------|-------------------------------------|--------------|------',
);
for (const { name, alone, fifty: r } of concurrentRuns) {
  const used = Object.entries(r.perProvider)
    .filter(([, n]) => n > 0)
    .map(([p, n]) => `${p.replace('open-meteo-geocoding', 'geocoding')} ${n}`)
    .join(', ');
  console.log(
    `${cell(name, 33)}| ${cell(r.calls, 9)}| ${cell(alone.calls * 50, 10)}| ${cell(used, 36)}| ${cell(errorsCell(r.errors), 13)}| ${r.ms.toFixed(1)}`,
  );
}

await emulator.close();
await rm(dataDir, { recursive: true, force: true });
