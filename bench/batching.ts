/**
 * `npm run bench:batching`: upstream calls for one request asking `quotes` of 10 symbols and
 * `weather` for 3 places, cold and warm, against the provider emulator; side by side with a
 * baseline that sends each field's key on its own through the same adapters with no cache (what a
 * resolver-per-field gateway without DataLoaders or Keyv would do).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import type { Cache } from '../src/cache/types.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { emulatorEnv } from '../src/emulator/env.js';
import { allProviders } from '../src/emulator/providers/index.js';
import { startEmulator } from '../src/emulator/server.js';
import { createSilentLogger } from '../src/logger.js';
import { createSources } from '../src/sources/index.js';
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
const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...emulatorEnv(emulator) });
const app = await createApp(config, logger);

const perProvider = () =>
  Object.fromEntries(
    ['yahoo', 'stooq', 'open-meteo-geocoding', 'open-meteo'].map((p) => [p, emulator.calls(p)]),
  );

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
await second.close();

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

await app.close();
await emulator.close();
await rm(dataDir, { recursive: true, force: true });
