/**
 * `npm run bench:otel`: throughput over loopback with tracing off and on, for (a) a bare Apollo
 * Server 5 over a trivial schema and (b) Sluice's gateway answering a cached quotes + weather
 * query. Each variant runs in its own process with OpenTelemetry loaded before the app
 * (`node --import bench/.otel-hook.mjs`: bench/otel-hook.ts transpiled), spans exported over
 * OTLP/HTTP to a sink in this process that counts them by name. Load: CONNECTIONS keep-alive
 * connections sending requests back to back for SECONDS (at most MAX_REQUESTS), after a warm-up; a
 * target's servers stay up through its ROUNDS rounds, which interleave the modes so drift in the
 * machine's speed hits them alike; the ratio is the median of each round's ratio to that round's
 * `off` run. `off again` is a second untraced server of the same build: how far apart two
 * identical processes read is the bench's own noise, the yardstick for every other row.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emulatorEnv } from '../src/emulator/env.js';
import { allProviders } from '../src/emulator/providers/index.js';
import { startEmulator } from '../src/emulator/server.js';
import { load } from './load.js';
import { machineLine, median, range } from './machine.js';
import { placement, startServerProcess, type ServerProcess } from './server-process.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const MAX_REQUESTS = 200_000;
// bench/otel-hook.ts says what each mode traces; `http only` and `sluice` are the gateway's own
// spans, which a bare Apollo Server does not have.
const ALL_MODES = [
  'off',
  'off again',
  'standard',
  'ignore-resolve',
  'instrumentation',
  'http only',
  'sluice',
  'spans dropped',
  'spans batched',
] as const;
type Mode = (typeof ALL_MODES)[number];
const UNTRACED: readonly Mode[] = ['off', 'off again'];
/** Modes that make Sluice's spans and send none. */
const UNSENT: readonly Mode[] = ['spans dropped', 'spans batched'];
const GATEWAY_ONLY: readonly Mode[] = ['http only', 'sluice', ...UNSENT];
/** Modes whose spans reach the sink. */
const EXPORTING = ALL_MODES.filter((mode) => !UNTRACED.includes(mode) && !UNSENT.includes(mode));
// BENCH_MODES=sluice runs only those, beside the two untraced servers (`off` is the baseline).
const MODES = ALL_MODES.filter(
  (mode) => UNTRACED.includes(mode) || (process.env.BENCH_MODES?.split(',').includes(mode) ?? true),
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

// The OTLP sink: counts and drops every export.
let exportedBytes = 0;
const spanNames = new Map<string, number>();
const sink = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    exportedBytes += body.length;
    const { resourceSpans = [] } = JSON.parse(body.toString('utf8')) as {
      resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: Array<{ name: string }> }> }>;
    };
    for (const { scopeSpans = [] } of resourceSpans)
      for (const { spans = [] } of scopeSpans)
        for (const { name } of spans) spanNames.set(name, (spanNames.get(name) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
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

let tracedRequests = 0;

async function run(server: ServerProcess, target: Target, mode: Mode, ms: number) {
  const body = JSON.stringify({ query: TARGETS[target].query });
  const result = await load({
    url: server.url,
    body: () => body,
    connections: CONNECTIONS,
    ms,
    maxRequests: MAX_REQUESTS,
  });
  if (EXPORTING.includes(mode)) tracedRequests += result.requests;
  return result;
}

async function measure(server: ServerProcess, target: Target, mode: Mode): Promise<Result> {
  const cpuBefore = await server.cpuMicros();
  const { rps, requests } = await run(server, target, mode, SECONDS * 1000);
  const cpu = (await server.cpuMicros()) - cpuBefore;
  return { rps, cpuPerRequestUs: cpu / requests };
}

console.log(machineLine());
console.log(
  `load: ${CONNECTIONS} connections, ${SECONDS} s per variant and round after a 1.5 s warm-up, ${ROUNDS} rounds interleaved (median of each round's ratio to its \`off\` run); spans exported over OTLP/HTTP to a local sink; ${placement}`,
);
const targets = (process.env.BENCH_TARGETS?.split(',') ?? Object.keys(TARGETS)) as Target[];
for (const target of targets) {
  const modes = MODES.filter((mode) => target === 'sluice' || !GATEWAY_ONLY.includes(mode));
  const runs = Object.fromEntries(modes.map((mode) => [mode, [] as Result[]])) as Record<
    Mode,
    Result[]
  >;
  // A target's servers (one per mode) stay up through its rounds, idle while another is measured:
  // many short alternated rounds ride out this machine's swings in speed.
  const servers = new Map<Mode, ServerProcess>();
  try {
    for (const mode of modes) {
      const server = await startServer(target, mode);
      servers.set(mode, server);
      await run(server, target, mode, 1500); // warm-up: JIT, caches, Apollo's document store
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of modes) runs[mode].push(await measure(servers.get(mode)!, target, mode));
    }
  } finally {
    for (const server of servers.values()) server.stop();
  }
  console.log(
    `\n${target === 'bare' ? '(a) bare Apollo Server 5, trivial schema' : '(b) Sluice gateway, cached quotes + weather'}`,
  );
  console.log('tracing           req/s   ratio (rounds)   server CPU µs/req');
  for (const mode of modes) {
    const rps = median(runs[mode].map((r) => r.rps));
    const cpu = median(runs[mode].map((r) => r.cpuPerRequestUs));
    const ratios = runs[mode].map((r, round) => r.rps / runs.off[round]!.rps);
    const spread = range(ratios);
    console.log(
      `${mode.padEnd(15)} ${rps.toFixed(0).padStart(7)}  ${median(ratios).toFixed(2).padStart(5)}x ${spread.padEnd(11)}  ${cpu.toFixed(0).padStart(8)}`,
    );
  }
}
// Spans still in a server's queue when it stops are not counted: a few hundred at most.
const names = [...spanNames].map(([name, count]) => `${count} ${name}`).join(', ');
// A traced gateway exports its own HTTP span: without it the figures measure less than production.
if (
  targets.includes('sluice') &&
  MODES.some((mode) => EXPORTING.includes(mode)) &&
  !spanNames.has('POST /graphql')
) {
  throw new Error(`the gateway's HTTP span was never exported (spans: ${names})`);
}
// Its operation spans too, when a mode that makes them ran.
if (targets.includes('sluice') && MODES.includes('sluice') && !spanNames.has('query Dashboard')) {
  throw new Error(`the gateway's operation span was never exported (spans: ${names})`);
}
console.log(
  `\nexported ${(exportedBytes / 2 ** 20).toFixed(1)} MiB of OTLP/JSON for ${tracedRequests} traced requests: ${names}`,
);
await emulator.close();
sink.close();
