import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { QuotesDocument, WeatherInThreePlacesDocument } from '../src/client/index.js';
import { startTestGateway, useGateways, type TestGateway } from './support/gateway.js';

const TEN = ['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'NVDA', 'TSLA', 'META', 'NFLX', 'IBM', 'JPM'];

describe('batching and de-duplication through DataLoaders and the cache', () => {
  // The data path itself: whole responses are not kept here (test/response-cache.test.ts).
  const fixture = useGateways({ env: { RESPONSE_CACHE: 'false' } });
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  before(() => ({ emulator, gateway } = fixture));

  it('3 places in one request: 3 geocoding calls and ONE forecast call; warm: none', async () => {
    emulator.resetCalls();
    const cold = await gateway.execute(WeatherInThreePlacesDocument, {
      a: 'Berlin',
      b: 'Paris',
      c: 'Tokyo',
    });
    assert.equal(cold.errors, undefined);
    assert.equal(emulator.calls('open-meteo-geocoding'), 3);
    assert.equal(emulator.calls('open-meteo'), 1);
    const [forecastCall] = emulator.requests('open-meteo');
    assert.equal(forecastCall?.searchParams.get('latitude')?.split(',').length, 3);

    emulator.resetCalls();
    const warm = await gateway.execute(WeatherInThreePlacesDocument, {
      a: 'Berlin',
      b: 'Paris',
      c: 'Tokyo',
    });
    assert.deepEqual(warm.data, cold.data);
    assert.equal(emulator.calls(), 0);
  });

  it('the same thing asked twice in one request is one upstream call', async () => {
    emulator.resetCalls();
    const { errors } = await gateway.execute(WeatherInThreePlacesDocument, {
      a: 'Sydney',
      b: 'sydney',
      c: 'Sydney ',
    });
    assert.equal(errors, undefined);
    assert.equal(emulator.calls('open-meteo-geocoding'), 1);
    assert.equal(emulator.calls('open-meteo'), 1);
  });

  it('10 equities: one Yahoo call per symbol, each symbol once; Stooq serves all 10 in one call', async () => {
    emulator.resetCalls();
    const cold = await gateway.execute(QuotesDocument, { symbols: [...TEN, 'AAPL', 'MSFT'] });
    assert.equal(cold.errors, undefined);
    assert.equal(emulator.calls('yahoo'), 10);
    assert.equal(emulator.calls(), 10);

    emulator.resetCalls();
    await gateway.execute(QuotesDocument, { symbols: TEN });
    assert.equal(emulator.calls(), 0, 'warm: served from cache');

    // Yahoo unavailable: the chain falls back to Stooq, which takes all symbols in one call.
    const fresh = await startTestGateway(emulator);
    try {
      emulator.inject('yahoo', {
        fault: { kind: 'respond', response: { status: 429, body: '', contentType: 'text/plain' } },
      });
      emulator.resetCalls();
      const viaStooq = await fresh.execute(QuotesDocument, { symbols: TEN });
      assert.equal(viaStooq.errors, undefined);
      assert.ok(viaStooq.data?.quotes?.every((q) => q?.provider === 'stooq'));
      assert.equal(emulator.calls('stooq'), 1);
    } finally {
      emulator.clearFaults();
      await fresh.close();
    }
  });
});
