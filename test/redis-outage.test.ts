import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { NewsDocument, QuotesDocument, WeatherDocument } from '../src/client/index.js';
import { startTestEmulator } from './support/emulator.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** This test's own redis-server (never the shared one on 6379), ready to accept connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server not ready: ${output}`)), 5000);
    child.once('error', reject);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('a Redis outage', () => {
  let emulator: ProviderEmulator;
  let redis: ChildProcess;
  let port: number;
  let first: TestGateway;
  let second: TestGateway;
  before(async () => {
    port = await freePort();
    redis = await startRedis(port);
    emulator = await startTestEmulator();
    const env = {
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_NAMESPACE: `sluice-test-${randomUUID()}`,
    };
    first = await startTestGateway(emulator, env);
    second = await startTestGateway(emulator, env);
  });
  after(async () => {
    await first.close();
    await second.close();
    await stopRedis(redis);
    await emulator.close();
  });

  /** news(query) on a gateway; returns the Hacker News calls it made. */
  async function news(gateway: TestGateway, query: string): Promise<number> {
    const before = emulator.calls('hn-algolia');
    const { data, errors } = await gateway.execute(NewsDocument, { query, limit: 3 });
    assert.equal(errors, undefined, JSON.stringify(errors));
    assert.ok(Array.isArray(data?.news));
    return emulator.calls('hn-algolia') - before;
  }

  it('keeps answering while Redis is down, and writes reach Redis again once it is back', async () => {
    assert.equal(await news(first, 'redis before'), 1);
    assert.equal(await news(second, 'redis before'), 0, 'the replicas share Redis');

    await stopRedis(redis);
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const weather = await first.execute(WeatherDocument, { location: 'Paris', days: 2 });
      const quotes = await first.execute(QuotesDocument, { symbols: ['AAPL', 'BTC-USD'] });
      assert.equal(weather.errors, undefined, JSON.stringify(weather.errors));
      assert.equal(quotes.errors, undefined, JSON.stringify(quotes.errors));
      await news(second, `during outage ${i}`);
      // No stall: Redis commands fail at once (no offline queue) or after their 50 ms deadline.
      assert.ok(Date.now() - started < 1500, `${Date.now() - started} ms during the outage`);
    }
    emulator.resetCalls();
    await first.execute(WeatherDocument, { location: 'Paris', days: 2 });
    assert.equal(emulator.calls(), 0, 'the local tier serves while Redis is away');

    redis = await startRedis(port);
    const deadline = Date.now() + 8000;
    let shared = false;
    for (let i = 0; !shared && Date.now() < deadline; i++) {
      const query = `after restart ${i}`;
      await news(first, query);
      shared = (await news(second, query)) === 0;
      if (!shared) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(shared, 'a value written after the restart reached the other replica through Redis');
  });
});
