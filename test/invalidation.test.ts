import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { globToRegExp } from '../src/cache/invalidation.js';
import { invalidationPrefixes } from '../src/resolvers/admin.js';
import { InvalidateCacheDocument, QuoteDocument, WeatherDocument } from '../src/client/index.js';
import { sharedRedisEnv, useGateways, type TestGateway } from './support/gateway.js';

describe('invalidateCache across replicas sharing Redis', () => {
  // A long local tier, so only the pub/sub message can empty replica b's copy in time.
  const fixture = useGateways({
    count: 2,
    env: { ...sharedRedisEnv(), LOCAL_CACHE_TTL_SECONDS: '300' },
  });
  const replicas = () => fixture.gateways as [TestGateway, TestGateway];

  it('removes matching entries from Redis and from every replica local tier, and leaves the rest', async () => {
    const { emulator } = fixture;
    const [a, b] = replicas();
    await a.execute(WeatherDocument, { location: 'Berlin', days: 2 });
    await a.execute(QuoteDocument, { symbol: 'AAPL' });
    await b.execute(WeatherDocument, { location: 'Berlin', days: 2 });
    emulator.resetCalls();
    await b.execute(WeatherDocument, { location: 'Berlin', days: 2 });
    assert.equal(emulator.calls(), 0, 'b serves Berlin from its local tier');

    const removed = await a.execute(InvalidateCacheDocument, { source: 'weather', pattern: '*' });
    assert.equal(removed.errors, undefined);
    assert.equal(removed.data?.invalidateCache, 2, 'the geocoding entry and the forecast entry');
    await sleep(100); // the pub/sub message reaches b

    emulator.resetCalls();
    await b.execute(WeatherDocument, { location: 'Berlin', days: 2 });
    assert.equal(emulator.calls('open-meteo-geocoding'), 1, 'b fetched again');
    emulator.resetCalls();
    await b.execute(QuoteDocument, { symbol: 'AAPL' });
    assert.equal(emulator.calls(), 0, 'quotes were not touched');
  });

  it('matches a glob over the key and keeps recent entries when olderThanSeconds says so', async () => {
    const [a] = replicas();
    await a.execute(QuoteDocument, { symbol: 'MSFT' });
    const recent = await a.execute(InvalidateCacheDocument, {
      source: 'yahoo',
      olderThanSeconds: 3600,
    });
    assert.equal(recent.data?.invalidateCache, 0);
    const msft = await a.execute(InvalidateCacheDocument, { source: 'quote', pattern: '*msft*' });
    assert.equal(msft.data?.invalidateCache, 1);
  });

  it('rejects an unknown source with BAD_USER_INPUT', async () => {
    const [a] = replicas();
    const bad = await a.execute(InvalidateCacheDocument, { source: 'horoscope' });
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });
});

describe('invalidation helpers', () => {
  it('turns globs into anchored, case-insensitive expressions', () => {
    assert.ok(globToRegExp('*paris*').test('geocode:PARIS,fr'));
    assert.ok(!globToRegExp('paris').test('xparis'));
    assert.ok(globToRegExp('a?c').test('abc'));
    assert.ok(!globToRegExp('a.c').test('abc'), 'dots are literal');
  });

  it('maps sources to cache key prefixes', () => {
    const chains = {
      geocoding: ['open-meteo-geocoding'],
      forecast: ['open-meteo'],
      news: ['hn-algolia'],
      equity: ['yahoo', 'stooq'],
      crypto: ['coingecko', 'yahoo'],
      fx: ['frankfurter', 'yahoo'],
      rates: ['frankfurter', 'yahoo'],
    };
    assert.deepEqual(invalidationPrefixes(undefined, chains), ['']);
    assert.deepEqual(invalidationPrefixes('answer', chains), ['answer:']);
    assert.deepEqual(invalidationPrefixes('stooq', chains), ['v1:stooq:']);
    assert.deepEqual(invalidationPrefixes('weather', chains), [
      'v1:open-meteo-geocoding:',
      'v1:open-meteo:',
    ]);
  });
});
