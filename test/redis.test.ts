import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { QuotesDocument, WeatherDocument } from './generated/operations.js';
import { startTestEmulator } from './support/emulator.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two gateway instances sharing one Redis', () => {
  let emulator: ProviderEmulator;
  let first: TestGateway;
  let second: TestGateway;
  before(async () => {
    emulator = await startTestEmulator();
    // A fresh namespace per run: nothing from an earlier run can be served.
    const env = { REDIS_URL, REDIS_NAMESPACE: `sluice-test-${randomUUID()}` };
    first = await startTestGateway(emulator, env);
    second = await startTestGateway(emulator, env);
  });
  after(async () => {
    await first.close();
    await second.close();
    await emulator.close();
  });

  it('a value cached by one instance is served to the other without an upstream call', async () => {
    emulator.resetCalls();
    const a = await first.execute(WeatherDocument, { location: 'London', days: 2 });
    assert.equal(a.errors, undefined);
    assert.equal(emulator.calls(), 2, 'geocoding + forecast on the first instance');

    emulator.resetCalls();
    const b = await second.execute(WeatherDocument, { location: 'London', days: 2 });
    assert.equal(emulator.calls(), 0, 'the second instance read Redis');
    assert.deepEqual(b.data, a.data, 'same values, same fetchedAt');
  });

  it('reports Redis in /readyz', async () => {
    const ready = await fetch(first.url.replace(/\/graphql$/, '/readyz'));
    const body = (await ready.json()) as { checks: Record<string, boolean> };
    assert.equal(ready.status, 200);
    assert.equal(body.checks.redis, true);
  });
});

describe('a gateway whose Redis is unreachable', () => {
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  before(async () => {
    emulator = await startTestEmulator();
    gateway = await startTestGateway(emulator, { REDIS_URL: 'redis://127.0.0.1:1' });
  });
  after(async () => {
    await gateway.close();
    await emulator.close();
  });

  it('keeps answering from the local tier, without stalls, and says it is not ready', async () => {
    const started = Date.now();
    const cold = await gateway.execute(QuotesDocument, { symbols: ['AAPL', 'MSFT'] });
    assert.equal(cold.errors, undefined);
    emulator.resetCalls();
    const warm = await gateway.execute(QuotesDocument, { symbols: ['AAPL', 'MSFT'] });
    assert.equal(warm.errors, undefined);
    assert.equal(emulator.calls(), 0, 'local tier served');
    assert.ok(Date.now() - started < 2000);
    const ready = await fetch(gateway.url.replace(/\/graphql$/, '/readyz'));
    assert.equal(ready.status, 503);
  });
});
