import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createErrorsAreMissesCache } from '../src/cache/errors-are-misses.js';
import { Keyv } from 'keyv';
import { createKeyvCache } from '../src/cache/keyv.js';
import { createMemoryCache } from '../src/cache/memory.js';
import { createObservedCache } from '../src/cache/observed.js';
import { createPrefixingCache } from '../src/cache/prefixing.js';
import { createRedisKeyv, type RedisKeyv } from '../src/cache/redis.js';
import { createTieredCache } from '../src/cache/tiered.js';
import type { Cache } from '../src/cache/types.js';
import { createSilentLogger } from '../src/logger.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createSilentLogger();
const opened: RedisKeyv[] = [];
after(async () => {
  await Promise.all(opened.map((r) => r.close()));
});

function redisCache(): Cache {
  const redis = createRedisKeyv({
    url: REDIS_URL,
    namespace: `sluice-test-${randomUUID()}`,
    logger,
  });
  opened.push(redis);
  return createKeyvCache(redis.keyv);
}

/** The one conformance suite every Cache implementation passes. */
function describeCacheContract(name: string, make: () => Cache) {
  describe(`cache contract: ${name}`, () => {
    it('misses on an unknown key', async () => {
      assert.equal(await make().get('nope'), undefined);
    });
    it('round-trips a JSON value', async () => {
      const cache = make();
      const value = { a: 1, b: ['x', null], c: { fetchedAt: '2026-01-01T00:00:00.000Z' } };
      await cache.set('k', value, { ttlSeconds: 60 });
      assert.deepEqual(await cache.get('k'), value);
    });
    it('expires after the TTL', async () => {
      const cache = make();
      await cache.set('short', 'v', { ttlSeconds: 0.05 });
      await sleep(150);
      assert.equal(await cache.get('short'), undefined);
    });
    it('deletes', async () => {
      const cache = make();
      await cache.set('d', 1, { ttlSeconds: 60 });
      await cache.delete('d');
      assert.equal(await cache.get('d'), undefined);
    });
    it('peeks, where it can, what get returns', async (t) => {
      const cache = make();
      if (!cache.peek) return t.skip('no in-process tier');
      const value = { a: 1, at: '2026-01-01T00:00:00.000Z' };
      assert.equal(cache.peek('p'), undefined);
      await cache.set('p', value, { ttlSeconds: 60 });
      assert.deepEqual(cache.peek('p'), value);
      assert.equal(cache.peek('p'), await cache.get('p'), 'the same object');
      await cache.set('short', 'v', { ttlSeconds: 0.05 });
      await sleep(150);
      assert.equal(cache.peek('short'), undefined, 'expired');
      await cache.delete('p');
      assert.equal(cache.peek('p'), undefined, 'deleted');
    });
  });
}

describe('peek', () => {
  it('is there exactly where an in-process tier is', () => {
    const memory = () => createMemoryCache({ maxEntries: 10 });
    assert.ok(memory().peek);
    assert.ok(createPrefixingCache(memory(), 'p:').peek);
    assert.ok(createObservedCache(memory(), () => {}).peek);
    assert.ok(createTieredCache({ local: memory(), remote: memory(), localTtlSeconds: 5 }).peek);
    assert.equal(createErrorsAreMissesCache(memory(), { timeoutMs: 50 }).peek, undefined);
    assert.equal(createPrefixingCache(createKeyvCache(new Keyv()), 'p:').peek, undefined);
    assert.equal(createObservedCache(createKeyvCache(new Keyv()), () => {}).peek, undefined);
  });

  it("of a tiered cache reads this process's copy only: the shared tier's is for get", async () => {
    const local = createMemoryCache({ maxEntries: 10 });
    const remote = createMemoryCache({ maxEntries: 10 });
    const cache = createTieredCache({ local, remote, localTtlSeconds: 5 });
    await remote.set('k', 'shared', { ttlSeconds: 60 });
    assert.equal(cache.peek?.('k'), undefined);
    assert.equal(await cache.get('k'), 'shared');
    assert.equal(cache.peek?.('k'), 'shared', 'get copied it down');
  });

  it('is reported by an observed cache when it finds the value, and only then', async () => {
    const seen: unknown[] = [];
    const cache = createObservedCache(createMemoryCache({ maxEntries: 10 }), (v) => seen.push(v));
    assert.equal(cache.peek?.('k'), undefined);
    assert.deepEqual(seen, [], 'a peek miss is left to the get that follows it');
    assert.equal(await cache.get('k'), undefined);
    await cache.set('k', 1, { ttlSeconds: 60 });
    assert.equal(cache.peek?.('k'), 1);
    assert.deepEqual(seen, [undefined, 1]);
  });
});

describeCacheContract('memory (Keyv over LRU)', () => createMemoryCache({ maxEntries: 100 }));
describeCacheContract('redis (Keyv + @keyv/redis)', redisCache);
describeCacheContract('tiered memory -> redis', () =>
  createTieredCache({
    local: createMemoryCache({ maxEntries: 100 }),
    remote: redisCache(),
    localTtlSeconds: 5,
  }),
);
describeCacheContract('prefixing', () =>
  createPrefixingCache(createMemoryCache({ maxEntries: 100 }), 'p:'),
);
describeCacheContract('errors-are-misses over memory', () =>
  createErrorsAreMissesCache(createMemoryCache({ maxEntries: 100 }), { timeoutMs: 50 }),
);

describe('memory cache bounds', () => {
  it('evicts the least recently used entry past maxEntries', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set('a', 1, { ttlSeconds: 60 });
    await cache.set('b', 2, { ttlSeconds: 60 });
    await cache.get('a');
    await cache.set('c', 3, { ttlSeconds: 60 });
    assert.equal(await cache.get('b'), undefined);
    assert.equal(await cache.get('a'), 1);
  });
});

describe('a remote cache that fails or stalls', () => {
  const stalled: Cache = {
    get: () => new Promise(() => {}),
    set: () => new Promise(() => {}),
    delete: () => new Promise(() => {}),
  };
  const failing: Cache = {
    get: () => Promise.reject(new Error('boom')),
    set: () => Promise.reject(new Error('boom')),
    delete: () => Promise.reject(new Error('boom')),
  };

  it('counts a stalled operation as a miss after the timeout', async () => {
    const failures: string[] = [];
    const cache = createErrorsAreMissesCache(stalled, {
      timeoutMs: 30,
      onError: (_, op) => failures.push(op),
    });
    const started = Date.now();
    assert.equal(await cache.get('k'), undefined);
    await cache.set('k', 1, { ttlSeconds: 1 });
    assert.ok(Date.now() - started < 500);
    assert.deepEqual(failures, ['get', 'set']);
  });

  it('counts a failing operation as a miss', async () => {
    const cache = createErrorsAreMissesCache(failing, { timeoutMs: 30 });
    assert.equal(await cache.get('k'), undefined);
    await cache.delete('k');
  });

  it('a tiered cache keeps serving from the local tier when the remote stalls', async () => {
    const cache = createTieredCache({
      local: createMemoryCache({ maxEntries: 10 }),
      remote: createErrorsAreMissesCache(stalled, { timeoutMs: 20 }),
      localTtlSeconds: 5,
    });
    await cache.set('k', 'v', { ttlSeconds: 60 });
    assert.equal(await cache.get('k'), 'v');
  });

  it('a shared read of a tiered cache goes past the local copy, and refreshes it', async () => {
    const local = createMemoryCache({ maxEntries: 10 });
    const remote = createMemoryCache({ maxEntries: 10 });
    const cache = createTieredCache({ local, remote, localTtlSeconds: 5 });
    await cache.set('k', 'old', { ttlSeconds: 60 });
    // Another replica writes the shared tier; this one's local copy is now behind.
    await remote.set('k', 'new', { ttlSeconds: 60 });
    assert.equal(await cache.get('k'), 'old');
    assert.equal(await cache.get('k', { shared: true }), 'new');
    assert.equal(await cache.get('k'), 'new', 'the local copy follows');
  });

  it('Redis that is not there: every operation is a fast miss, never a hang', async () => {
    const redis = createRedisKeyv({ url: 'redis://127.0.0.1:1', namespace: 'absent', logger });
    opened.push(redis);
    const cache = createErrorsAreMissesCache(createKeyvCache(redis.keyv), { timeoutMs: 50 });
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      assert.equal(await cache.get(`k${i}`), undefined);
      await cache.set(`k${i}`, i, { ttlSeconds: 60 });
    }
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    assert.equal(await redis.ping(100), false);
  });
});
