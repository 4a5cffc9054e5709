/**
 * A server process of the HTTP benchmarks (bench/otel.ts loads bench/otel-hook.ts first):
 * BENCH_TARGET=`bare` is a bare Apollo Server 5 over a trivial schema; `bare-shape` a bare Apollo
 * Server 5 over Sluice's own schema answering every root field from memory (the response data in
 * the JSON file BENCH_FIXTURE, by field name or alias: the same response shape, none of the work);
 * `raw` a `node:http` server sending that response's bytes (the ceiling of any GraphQL server);
 * `sluice` the whole gateway (createApp) as `npm start` runs it, from tsc's build in `dist/` (not
 * `src/` through tsx, which wraps every function expression in a naming helper), with its
 * providers pointed at the emulator URLs in the environment. Prints
 * `url <graphql url>`, then answers each line on stdin: `cpu` with `cpu <user+system µs>`, `mem`
 * with `mem <rss bytes> <heap used bytes>` (after a full GC when run with --expose-gc), `lag` with
 * `lag <p99 ms> <max ms>` of the event-loop delay since the previous `lag`.
 */
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type * as AppModule from '../src/app.js';
import type * as ConfigModule from '../src/config.js';
import type * as LoggerModule from '../src/logger.js';

async function bare(): Promise<string> {
  const typeDefs = `type Item { id: ID! name: String! price: Float! }
    type Query { hello: String! items: [Item!]! }`;
  const items = Array.from({ length: 10 }, (_, i) => ({
    id: String(i),
    name: `item ${i}`,
    price: i * 1.5,
  }));
  const server = new ApolloServer({
    typeDefs,
    resolvers: { Query: { hello: () => 'world', items: () => items } },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return `${url.replace(/\/$/, '')}/`;
}

/** The fixture's root values by field name and alias; the first of a name answers it. */
async function fixture(): Promise<Record<string, unknown>> {
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(process.env.BENCH_FIXTURE ?? '', 'utf8')) as Record<
    string,
    unknown
  >;
}

async function bareShape(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { DateResolver, DateTimeResolver } = await import('graphql-scalars');
  const data = await fixture();
  const typeDefs = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
  // Each root field answers from memory: by its alias when the query has one, else by its name.
  const fromMemory = (_: unknown, __: unknown, ___: unknown, info: { path: { key: unknown } }) =>
    data[String(info.path.key)];
  const server = new ApolloServer({
    typeDefs,
    resolvers: {
      DateTime: DateTimeResolver,
      Date: DateResolver,
      Query: { quotes: fromMemory, weather: fromMemory, quote: fromMemory },
    },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return `${url.replace(/\/$/, '')}/`;
}

async function raw(): Promise<string> {
  const { createServer } = await import('node:http');
  const body = Buffer.from(JSON.stringify({ data: await fixture() }));
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-length': body.length })
        .end(body),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}/`;
}

async function sluice(): Promise<string> {
  const built = (path: string) => new URL(`../dist/src/${path}`, import.meta.url).href;
  const { createApp } = (await import(built('app.js'))) as typeof AppModule;
  const { loadConfig } = (await import(built('config.js'))) as typeof ConfigModule;
  const { createSilentLogger } = (await import(built('logger.js'))) as typeof LoggerModule;
  // Its own data directory, gone when the process ends (the bench stops it with SIGINT).
  const dataDir = await mkdtemp(join(tmpdir(), 'sluice-bench-server-'));
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  const app = await createApp(config, createSilentLogger());
  return app.gateway.listen(0, '127.0.0.1');
}

const targets: Record<string, () => Promise<string>> = {
  sluice,
  bare,
  'bare-shape': bareShape,
  raw,
};
const url = await (targets[process.env.BENCH_TARGET ?? 'bare'] ?? bare)();
process.stdout.write(`url ${url}\n`);
process.stdin.setEncoding('utf8');
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
const gc = (globalThis as { gc?: () => void }).gc;
let pending = '';
process.stdin.on('data', (chunk: string) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    if (line === 'lag') {
      // Event-loop delay since the last `lag`: p99 and max, ms.
      process.stdout.write(`lag ${lag.percentile(99) / 1e6} ${lag.max / 1e6}\n`);
      lag.reset();
    } else if (line === 'mem') {
      gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      process.stdout.write(`mem ${rss} ${heapUsed}\n`);
    } else {
      const { user, system } = process.cpuUsage();
      process.stdout.write(`cpu ${user + system}\n`);
    }
  }
});

// SIGINT exits normally, so --cpu-prof writes its profile.
process.on('SIGINT', () => process.exit(0));
