/**
 * A server process of bench/otel.ts (loaded after bench/otel-hook.ts): BENCH_TARGET=`bare` is a
 * bare Apollo Server 5 over a trivial schema, `sluice` the whole gateway (createApp) with its
 * providers pointed at the emulator URLs in the environment. Prints `url <graphql url>`, then
 * `cpu <user+system µs>` whenever it receives a line on stdin.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

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

async function sluice(): Promise<string> {
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createSilentLogger } = await import('../src/logger.js');
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    DATA_DIR: await mkdtemp(join(tmpdir(), 'sluice-bench-otel-')),
  });
  const app = await createApp(config, createSilentLogger());
  return app.gateway.listen(0, '127.0.0.1');
}

const url = process.env.BENCH_TARGET === 'sluice' ? await sluice() : await bare();
process.stdout.write(`url ${url}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`cpu ${user + system}\n`);
});
