/**
 * `npm run bench:otel`: throughput over loopback with tracing off and on, for (a) a bare Apollo
 * Server 5 over a trivial schema and (b) Sluice's gateway answering a cached quotes + weather
 * query. Each variant runs in its own process with OpenTelemetry loaded before the app
 * (`node --import tsx --import bench/otel-hook.ts`), spans exported over OTLP/HTTP to a sink in
 * this process. Load: CONNECTIONS keep-alive connections sending requests back to back for
 * SECONDS (at most MAX_REQUESTS), after a warm-up; rounds interleave the variants so drift in the
 * machine's speed hits them alike, and the median round is reported.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emulatorEnv } from '../src/emulator/env.js';
import { allProviders } from '../src/emulator/providers/index.js';
import { startEmulator } from '../src/emulator/server.js';
import { load } from './load.js';
import { machineLine, median } from './machine.js';
import { placement, startServerProcess, type ServerProcess } from './server-process.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MAX_REQUESTS = 200_000;
const ALL_MODES = ['off', 'standard', 'ignore-resolve', 'http only', 'sluice'] as const;
type Mode = (typeof ALL_MODES)[number];
// BENCH_MODES=off,sluice runs only those (`off` always runs: it is the baseline).
const MODES = ALL_MODES.filter(
  (mode) => mode === 'off' || (process.env.BENCH_MODES?.split(',').includes(mode) ?? true),
);

const TARGETS = {
  bare: { query: '{ hello items { id name price } }' },
  sluice: {
    query: `query Dashboard {
      quotes(symbols: ["AAPL", "MSFT", "BTC-USD", "EURUSD=X"]) { symbol price currency change provider stale }
      weather(location: "Osaka", days: 3) {
        location { name country } current { temperatureC description }
        daily { date minC maxC description } provider fetchedAt stale
      }
    }`,
  },
} as const;
type Target = keyof typeof TARGETS;

// The OTLP sink: accepts and drops every export.
let exportedBytes = 0;
const sink = createServer((req, res) => {
  req.on('data', (chunk: Buffer) => (exportedBytes += chunk.length));
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
const emulator = await startEmulator({ providers: allProviders() });

async function startServer(target: Target, mode: Mode): Promise<ServerProcess> {
  return startServerProcess(
    {
      ...emulatorEnv(emulator),
      NODE_ENV: 'production',
      BENCH_TARGET: target,
      BENCH_TRACING: mode,
      BENCH_OTLP_ENDPOINT: sinkUrl,
      // The load comes from one address: the per-caller limit would cut it off.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      // The data path, traced: a whole-response cache hit would skip the work being traced.
      RESPONSE_CACHE: 'false',
    },
    ['./bench/otel-hook.ts'],
  );
}

interface Result {
  rps: number;
  cpuPerRequestUs: number;
}

async function measure(target: Target, mode: Mode): Promise<Result> {
  const server = await startServer(target, mode);
  try {
    const body = JSON.stringify({ query: TARGETS[target].query });
    const run = (ms: number) =>
      load({
        url: server.url,
        body: () => body,
        connections: CONNECTIONS,
        ms,
        maxRequests: MAX_REQUESTS,
      });
    await run(1500); // warm-up: JIT, caches, Apollo's document store
    const cpuBefore = await server.cpuMicros();
    const { rps, requests } = await run(SECONDS * 1000);
    const cpu = (await server.cpuMicros()) - cpuBefore;
    return { rps, cpuPerRequestUs: cpu / requests };
  } finally {
    server.stop();
  }
}

console.log(machineLine());
console.log(
  `load: ${CONNECTIONS} connections, ${SECONDS} s per variant after a 1.5 s warm-up, ${ROUNDS} rounds (median); spans exported over OTLP/HTTP to a local sink; ${placement}`,
);
const targets = (process.env.BENCH_TARGETS?.split(',') ?? Object.keys(TARGETS)) as Target[];
for (const target of targets) {
  const runs = Object.fromEntries(MODES.map((mode) => [mode, [] as Result[]])) as Record<
    Mode,
    Result[]
  >;
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of MODES) runs[mode].push(await measure(target, mode));
  }
  const off = median(runs.off.map((r) => r.rps));
  console.log(
    `\n${target === 'bare' ? '(a) bare Apollo Server 5, trivial schema' : '(b) Sluice gateway, cached quotes + weather'}`,
  );
  console.log('tracing           req/s   ratio  server CPU µs/req');
  for (const mode of MODES) {
    const rps = median(runs[mode].map((r) => r.rps));
    const cpu = median(runs[mode].map((r) => r.cpuPerRequestUs));
    console.log(
      `${mode.padEnd(15)} ${rps.toFixed(0).padStart(7)}  ${(rps / off).toFixed(2).padStart(5)}x  ${cpu.toFixed(0).padStart(8)}`,
    );
  }
}
console.log(`\nexported ${(exportedBytes / 2 ** 20).toFixed(1)} MiB of OTLP/JSON`);
await emulator.close();
sink.close();
