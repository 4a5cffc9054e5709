import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QuotesDocument, WeatherDocument } from '../src/client/index.js';
import { sharedRedisEnv, useGateways, type TestGateway } from './support/gateway.js';

describe('two gateway instances sharing one Redis', () => {
  // The data tier itself: whole responses are not kept here (test/response-cache.test.ts).
  const fixture = useGateways({ count: 2, env: { ...sharedRedisEnv(), RESPONSE_CACHE: 'false' } });

  it('a value cached by one instance is served to the other without an upstream call', async () => {
    const { emulator, gateways } = fixture;
    const [first, second] = gateways as [TestGateway, TestGateway];
    emulator.resetCalls();
    const a = await first.execute(WeatherDocument, { location: 'London', days: 2 });
    assert.equal(a.errors, undefined);
    assert.equal(emulator.calls(), 2, 'geocoding + forecast on the first instance');

    emulator.resetCalls();
    const b = await second.execute(WeatherDocument, { location: 'London', days: 2 });
    assert.equal(emulator.calls(), 0, 'the second instance read Redis');
    assert.deepEqual(b.data, a.data, 'same values, same fetchedAt');
  });

  it('keys read namespace:v1:provider:request, with one separator and the provider once', async () => {
    const { gateway } = fixture;
    const client = gateway.app.cacheStack.redis?.client as unknown as {
      keys(pattern: string): Promise<string[]>;
    };
    const namespace = gateway.config.REDIS_NAMESPACE;
    const keys = await client.keys(`${namespace}*`);
    assert.ok(keys.length > 0);
    assert.ok(
      keys.includes(`${namespace}:v1:open-meteo-geocoding:search:en:1:london`),
      JSON.stringify(keys),
    );
    for (const key of keys) {
      assert.ok(!key.includes('::'), key);
      assert.doesNotMatch(key, /v1:([\w-]+):\1:/, key);
    }
  });

  it('reports Redis in /readyz', async () => {
    const first = fixture.gateway;
    const ready = await fetch(first.url.replace(/\/graphql$/, '/readyz'));
    const body = (await ready.json()) as { checks: Record<string, boolean> };
    assert.equal(ready.status, 200);
    assert.equal(body.checks.redis, true);
  });
});

describe('a gateway whose Redis is unreachable', () => {
  const fixture = useGateways({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });

  it('keeps answering from the local tier, without stalls, and says it is not ready', async () => {
    const { emulator, gateway } = fixture;
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
