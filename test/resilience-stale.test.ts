import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { createMemoryCache } from '../src/cache/memory.js';
import type { Cache } from '../src/cache/types.js';
import { ErrorCode, GatewayError } from '../src/errors.js';
import type { ProviderEmulator } from '../src/emulator/server.js';
import type { LockAttempt, RefreshLock } from '../src/resilience/refresh-lock.js';
import { createProviderRegistry } from '../src/resilience/registry.js';
import { observeSource } from '../src/observability/sources.js';
import { withResilience } from '../src/resilience/resilient-source.js';
import {
  isDueForRefresh,
  isStale,
  loadManyCached,
  REFRESH_AHEAD_FRACTION,
  refreshFailure,
  type Fetched,
} from '../src/sources/cached.js';
import { createFallbackChain } from '../src/sources/chain.js';
import { badResponse } from '../src/sources/http.js';
import { normaliseForecastKey } from '../src/sources/open-meteo.js';
import type { Source } from '../src/sources/types.js';
import { AnswerDocument, WeatherDocument } from '../src/client/index.js';
import { useGateways, type TestGateway } from './support/gateway.js';

interface Value extends Fetched {
  provider: string;
}

const TTL = 60;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const down = (provider: string) =>
  new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, `${provider} down`, { provider });

/** A cached provider whose upstream is scripted: up (answers fresh) or down. */
function provider(name: string, cache: Cache = createMemoryCache({ maxEntries: 100 })) {
  const state = { up: true, loads: 0 };
  const source: Source<string, Value> = {
    name,
    // As every adapter does: the resilient call's scope goes to loadManyCached.
    loadMany: (keys, context) =>
      loadManyCached<string, Value>(keys, {
        scope: context?.scope,
        cache,
        keyOf: (k) => `${name}:${k}`,
        ttlSeconds: TTL,
        graceSeconds: 3600,
        load: async (misses) => {
          state.loads += 1;
          await new Promise((r) => setTimeout(r, 10));
          return misses.map(() =>
            state.up ? { provider: name, fetchedAt: minutesAgo(0), ttlSeconds: TTL } : down(name),
          );
        },
      }),
  };
  /** Puts a copy fetched `minutes` ago in the cache. */
  const keep = (key: string, minutes: number) =>
    cache.set(
      `${name}:${key}`,
      { provider: name, fetchedAt: minutesAgo(minutes), ttlSeconds: TTL },
      { ttlSeconds: 3600 },
    );
  return { source, state, cache, keep };
}

describe('stale copies in a chain', () => {
  it('tries the next provider before settling for a stale copy', async () => {
    const a = provider('a');
    const b = provider('b');
    await a.keep('k', 5);
    a.state.up = false;
    const [result] = await createFallbackChain('c', [a.source, b.source]).loadMany(['k']);
    assert.ok(!(result instanceof Error));
    assert.equal(result?.provider, 'b');
    assert.equal(isStale(result as Value), false);
  });

  it('serves the freshest stale copy any provider kept when every provider fails', async () => {
    const a = provider('a');
    const b = provider('b');
    const chain = createFallbackChain('c', [a.source, b.source]);
    a.state.up = false;
    b.state.up = false;
    await a.keep('x', 30);
    await b.keep('x', 10);
    await a.keep('y', 10);
    await b.keep('y', 30);
    await b.keep('z', 10);
    const results = await chain.loadMany(['x', 'y', 'z', 'none']);
    assert.deepEqual(
      results.map((r) => (r instanceof Error ? r.message : r.provider)),
      ['b', 'a', 'b', 'a down; b down'],
    );
    for (const r of results.slice(0, 3)) assert.equal(isStale(r as Value), true);
  });

  it('marks a copy served because its refresh failed, and only that', async () => {
    const a = provider('a');
    await a.keep('k', 5);
    a.state.up = false;
    const [stale] = await a.source.loadMany(['k']);
    assert.ok(refreshFailure(stale) instanceof GatewayError);
    a.state.up = true;
    const [fresh] = await a.source.loadMany(['k']);
    assert.equal(refreshFailure(fresh), undefined);
  });
});

describe('single flight in loadManyCached', () => {
  it('makes one load for concurrent identical misses; a failure reaches every caller', async () => {
    const a = provider('a');
    const all = await Promise.all(Array.from({ length: 8 }, () => a.source.loadMany(['k', 'k'])));
    assert.equal(a.state.loads, 1);
    assert.equal(new Set(all.flat().map((v) => (v as Value).fetchedAt)).size, 1);

    const b = provider('b');
    b.state.up = false;
    const failed = await Promise.all(Array.from({ length: 4 }, () => b.source.loadMany(['k'])));
    assert.equal(b.state.loads, 1);
    for (const [r] of failed) assert.ok(r instanceof GatewayError);
  });
});

describe('reads of loadManyCached', () => {
  it('reads keys this process holds synchronously (peek), and asks get only for the others', async () => {
    const memory = createMemoryCache({ maxEntries: 100 });
    const asked: string[] = [];
    const cache: Cache = {
      ...memory,
      get: (key, options) => {
        asked.push(key);
        return memory.get(key, options);
      },
    };
    const a = provider('a', cache);
    await a.keep('x', 0);
    await a.keep('y', 0);
    const [x, y, repeated] = await a.source.loadMany(['x', 'y', 'x']);
    assert.deepEqual(asked, [], 'every key was in memory: no get');
    assert.equal(a.state.loads, 0);
    assert.equal((x as Value).provider, 'a');
    assert.equal((y as Value).provider, 'a');
    assert.equal(repeated, x, 'a key asked twice is served in both slots');
    assert.deepEqual(await a.source.loadMany(['y', 'x']), [y, x], 'fresh reads, in key order');

    const [, z, again] = await a.source.loadMany(['x', 'z', 'y']);
    assert.deepEqual(asked, ['a:z'], 'only the key memory did not hold');
    assert.equal(a.state.loads, 1);
    assert.equal((z as Value).provider, 'a', 'loaded, in its own slot');
    assert.equal(again, y, 'the same cached object, in key order');
  });
});

describe('source wrappers', () => {
  it('turn a source that throws synchronously into a rejection, as async functions would', async () => {
    const broken: Source<string, Value> = {
      name: 'broken',
      loadMany: () => {
        throw new TypeError('a programming error');
      },
    };
    const registry = createProviderRegistry({
      retry: { maxRetries: 0 },
      breaker: { failureRatio: 0.5, minRequests: 5, windowMs: 1000, halfOpenAfterMs: 1000 },
    });
    const observer = {
      recordSourceCall: () => {},
      recordUpstream: () => {},
      recordSourceCache: () => {},
    };
    const wrapped = [
      withResilience(broken, { guard: registry.guard('broken') }),
      observeSource(broken, observer),
    ];
    for (const source of wrapped) {
      let loading: Promise<unknown> | undefined;
      assert.doesNotThrow(() => (loading = source.loadMany(['k'])));
      await assert.rejects(loading as Promise<unknown>, /a programming error/);
    }
  });
});

describe('refresh lock in loadManyCached', () => {
  const registry = createProviderRegistry({
    retry: { maxRetries: 0 },
    breaker: { failureRatio: 0.5, minRequests: 5, windowMs: 1000, halfOpenAfterMs: 1000 },
  });
  /** A lock that answers `status` and records releases. */
  const lock = (status: LockAttempt['status'], waitMs = 200) => {
    const log = { released: 0 };
    const refreshLock: RefreshLock = {
      waitMs,
      pollMs: 20,
      acquire: async () =>
        status === 'acquired'
          ? { status, release: async () => void (log.released += 1) }
          : { status },
    };
    return { refreshLock, log };
  };
  const locked = (p: ReturnType<typeof provider>, refreshLock: RefreshLock) =>
    withResilience(p.source, { guard: registry.guard(p.source.name), refreshLock });

  it('loads and releases when it takes the lock, or when Redis is unavailable', async () => {
    for (const status of ['acquired', 'unavailable'] as const) {
      const a = provider('a');
      const { refreshLock, log } = lock(status);
      const [value] = await locked(a, refreshLock).loadMany(['k']);
      assert.equal(a.state.loads, 1);
      assert.equal((value as Value).provider, 'a');
      assert.equal(log.released, status === 'acquired' ? 1 : 0);
    }
  });

  it('serves its stale copy at once, unmarked, while another replica holds the lock', async () => {
    const a = provider('a');
    await a.keep('k', 5);
    const [value] = await locked(a, lock('held').refreshLock).loadMany(['k']);
    assert.equal(a.state.loads, 0);
    assert.equal(isStale(value as Value), true);
    assert.equal(refreshFailure(value), undefined, 'not a failure: the chain must not move on');
  });

  it('with no copy, polls for the value the other replica writes', async () => {
    const a = provider('a');
    setTimeout(() => void a.keep('k', 0), 60);
    const [value] = await locked(a, lock('held').refreshLock).loadMany(['k']);
    assert.equal(a.state.loads, 0);
    assert.equal(isStale(value as Value), false);
  });

  it('takes the lock after another replica refreshed the key: serves that value, loads nothing', async () => {
    for (const kept of [5, undefined]) {
      const a = provider('a');
      if (kept !== undefined) await a.keep('k', kept);
      const log = { released: 0 };
      // The other replica's refresh ends (value written, lock released) between our cache read
      // and our SET NX, which then succeeds.
      const lateLock: RefreshLock = {
        waitMs: 200,
        pollMs: 20,
        acquire: async () => {
          await a.keep('k', 0);
          return { status: 'acquired', release: async () => void (log.released += 1) };
        },
      };
      const [value] = await locked(a, lateLock).loadMany(['k']);
      assert.equal(a.state.loads, 0, `kept ${kept}: no second upstream call`);
      assert.equal(isStale(value as Value), false);
      assert.equal(log.released, 1);
    }
  });

  it('loads itself when nothing arrives in time', async () => {
    const a = provider('a');
    const [value] = await locked(a, lock('held', 100).refreshLock).loadMany(['k']);
    assert.equal(a.state.loads, 1);
    assert.equal((value as Value).provider, 'a');
  });
});

describe('refresh ahead in loadManyCached', () => {
  const registry = createProviderRegistry({
    retry: { maxRetries: 0 },
    breaker: { failureRatio: 0.5, minRequests: 5, windowMs: 1000, halfOpenAfterMs: 1000 },
  });
  /** Fraction of the TTL, in minutes ago, of a copy past the refresh-ahead point but fresh. */
  const dueAge = (TTL * (1 - REFRESH_AHEAD_FRACTION / 2)) / 60;
  const settled = () => new Promise((r) => setTimeout(r, 50));

  it('serves a due copy at once and refreshes it once in the background', async () => {
    const a = provider('a');
    await a.keep('k', dueAge);
    const before = await a.cache.get<Value>('a:k');
    const all = await Promise.all(Array.from({ length: 5 }, () => a.source.loadMany(['k'])));
    // Served the copy it had: nobody waited on the refresh.
    for (const [value] of all) assert.equal((value as Value).fetchedAt, before?.fetchedAt);
    await settled();
    assert.equal(a.state.loads, 1);
    const after = await a.cache.get<Value>('a:k');
    assert.notEqual(after?.fetchedAt, before?.fetchedAt);
    assert.equal(isDueForRefresh(after as Value), false);
  });

  it('leaves a copy early in its TTL alone', async () => {
    const a = provider('a');
    await a.keep('k', (TTL * 0.5) / 60);
    await a.source.loadMany(['k']);
    await settled();
    assert.equal(a.state.loads, 0);
  });

  it('keeps the copy when the refresh fails', async () => {
    const a = provider('a');
    await a.keep('k', dueAge);
    a.state.up = false;
    const [served] = await withResilience(a.source, { guard: registry.guard('a') }).loadMany(['k']);
    assert.equal(refreshFailure(served), undefined);
    await settled();
    assert.equal(a.state.loads, 1);
    assert.equal(isStale((await a.cache.get<Value>('a:k')) as Value), false);
  });

  it('makes no upstream call while another replica holds the refresh lock', async () => {
    const a = provider('a');
    await a.keep('k', dueAge);
    const refreshLock: RefreshLock = {
      waitMs: 200,
      pollMs: 20,
      acquire: async () => ({ status: 'held' }),
    };
    await withResilience(a.source, { guard: registry.guard('a'), refreshLock }).loadMany(['k']);
    await settled();
    assert.equal(a.state.loads, 0);
  });
});

describe('serve stale end to end', () => {
  const fixture = useGateways({
    env: {
      OPENWEATHERMAP_API_KEY: 'test-key',
      OPENAI_BASE_URL: undefined,
      RETRY_MAX_ATTEMPTS: '0',
      BREAKER_MIN_REQUESTS: '100',
      // The tests age the data tier's copies; a whole response kept from before would hide it.
      RESPONSE_CACHE: 'false',
    },
  });
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  before(() => ({ emulator, gateway } = fixture));
  beforeEach(() => emulator.clearFaults());
  afterEach(() => emulator.clearFaults());

  let coordinates: { latitude: number; longitude: number };
  /** Rewrites every cached Osaka forecast of `provider` as fetched `minutes` ago. */
  async function age(providerName: string, minutes: number) {
    const { cache } = gateway.app.cacheStack;
    let aged = 0;
    for (let days = 1; days <= 16; days++) {
      const k = normaliseForecastKey({ ...coordinates, days });
      const key = `v1:${providerName}:forecast:v1:${k.latitude},${k.longitude}:${days}`;
      const value = await cache.get<Fetched>(key);
      if (!value) continue;
      await cache.set(key, { ...value, fetchedAt: minutesAgo(minutes) }, { ttlSeconds: 3600 });
      aged += 1;
    }
    assert.ok(aged > 0, `no cached ${providerName} forecast`);
  }
  const weather = async () => {
    const { data, errors } = await gateway.execute(WeatherDocument, { location: 'Osaka', days: 3 });
    assert.equal(errors, undefined, JSON.stringify(errors));
    assert.ok(data?.weather);
    return data.weather;
  };
  const failBoth = () => {
    const failure = { status: 500, body: 'Internal Server Error', contentType: 'text/plain' };
    emulator.inject('open-meteo', { fault: { kind: 'respond', response: failure } });
    emulator.inject('openweathermap', { fault: { kind: 'respond', response: failure } });
  };

  it('a provider with only a stale copy gives way to the next, which answers fresh', async () => {
    const first = await weather();
    assert.equal(first.provider, 'open-meteo');
    coordinates = { latitude: first.location.latitude, longitude: first.location.longitude };
    await age('open-meteo', 20);
    emulator.inject('open-meteo', {
      fault: {
        kind: 'respond',
        response: { status: 500, body: 'Internal Server Error', contentType: 'text/plain' },
      },
    });
    const second = await weather();
    assert.equal(second.provider, 'openweathermap');
    assert.equal(second.stale, false);
  });

  it('when the whole chain fails, serves the freshest stale copy, marked stale', async () => {
    await age('open-meteo', 30);
    await age('openweathermap', 20);
    failBoth();
    const fromOwm = await weather();
    assert.deepEqual([fromOwm.provider, fromOwm.stale], ['openweathermap', true]);

    await age('open-meteo', 15);
    await age('openweathermap', 25);
    const fromOpenMeteo = await weather();
    assert.deepEqual([fromOpenMeteo.provider, fromOpenMeteo.stale], ['open-meteo', true]);
    assert.equal(fromOpenMeteo.fetchedAt, minutesAgoRounded(fromOpenMeteo.fetchedAt, 15));
  });

  it('answer reports the source as STALE', async () => {
    const question = 'What is the temperature in Osaka right now?';
    const healthy = await gateway.execute(AnswerDocument, { question, options: { noCache: true } });
    assert.equal(healthy.errors, undefined, JSON.stringify(healthy.errors));
    await age('open-meteo', 30);
    await age('openweathermap', 40);
    failBoth();
    const { data, errors } = await gateway.execute(AnswerDocument, {
      question,
      options: { noCache: true },
    });
    assert.equal(errors, undefined, JSON.stringify(errors));
    const call = data?.answer?.sources.find((s) => s.name === 'weather:Osaka');
    assert.ok(call, JSON.stringify(data?.answer?.sources));
    assert.deepEqual([call.status, call.provider], ['STALE', 'open-meteo']);
  });
});

/** `fetchedAt` itself when it is about `minutes` old (so a mismatch shows both values). */
function minutesAgoRounded(fetchedAt: string, minutes: number): string {
  const age = (Date.now() - Date.parse(fetchedAt)) / 60_000;
  return Math.abs(age - minutes) < 1 ? fetchedAt : `${minutes} minutes ago`;
}

describe('bad bodies in loadManyCached', () => {
  const registry = createProviderRegistry({
    retry: { maxRetries: 0 },
    breaker: { failureRatio: 0.9, minRequests: 100, windowMs: 60_000, halfOpenAfterMs: 1000 },
  });

  /**
   * A resilient provider `name` whose load makes `attempts` upstream calls that answer (their
   * breaker tickets deferred, as `requestUpstream` does) and then returns `results`, or rejects.
   */
  const provider = (name: string, attempts: number, results: () => Array<Value | Error>) =>
    withResilience<string, Value>(
      {
        name,
        loadMany: (keys, context) =>
          loadManyCached<string, Value>(keys, {
            scope: context?.scope,
            cache: createMemoryCache({ maxEntries: 10 }),
            keyOf: (k) => k,
            ttlSeconds: TTL,
            graceSeconds: 0,
            load: async (_misses, scope) => {
              assert.ok(scope, 'the resilient call hands its scope to the load');
              for (let i = 0; i < attempts; i++) {
                await scope.guard.call(async () => 'answered', {
                  timeoutMs: 100,
                  idempotent: true,
                  defer: scope.defer,
                });
              }
              return results();
            },
          }),
      },
      { guard: registry.guard(name) },
    );
  const fresh = (name: string): Value => ({
    provider: name,
    fetchedAt: minutesAgo(0),
    ttlSeconds: TTL,
  });
  const counts = (name: string) => registry.guard(name).breaker.counts();

  it('counts one failure per bad body, however many keys it fills', async () => {
    const bad = badResponse('one', 'a body in an unexpected format');
    await provider('one', 2, () => [bad, bad, fresh('one')]).loadMany(['a', 'b', 'c']);
    assert.deepEqual(counts('one'), { failures: 1, successes: 1 });
  });

  it('counts a load that rejects with a bad body', async () => {
    const rejecting = provider('two', 1, () => {
      throw badResponse('two', 'a body that is not JSON');
    });
    await assert.rejects(rejecting.loadMany(['a']));
    assert.deepEqual(counts('two'), { failures: 1, successes: 0 });
  });

  it("does not count another provider's bad body, nor other errors", async () => {
    await provider('three', 2, () => [
      badResponse('elsewhere', 'a body in an unexpected format'),
      down('three'),
    ]).loadMany(['a', 'b']);
    assert.deepEqual(counts('three'), { failures: 0, successes: 2 });
  });
});
