import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CachedAnswer } from '../src/answer/answer-cache.js';
import {
  CATALOG_KEY,
  createRedisSemanticCatalog,
  type CatalogRedisClient,
} from '../src/answer/semantic-cache/catalog.js';
import {
  createSemanticAnswerCache,
  type SemanticAnswerCache,
} from '../src/answer/semantic-cache/semantic-answer-cache.js';
import type { SemanticIndex } from '../src/answer/semantic-cache/semantic-index.js';
import { createCacheFromConfig, type CacheStack } from '../src/cache/index.js';
import { createErrorsAreMissesCache } from '../src/cache/errors-are-misses.js';
import {
  createCacheInvalidator,
  type CacheInvalidator,
  type InvalidationRedisClient,
} from '../src/cache/invalidation.js';
import { createKeyvCache } from '../src/cache/keyv.js';
import { createMemoryCache } from '../src/cache/memory.js';
import { createRedisKeyv, type RedisKeyv } from '../src/cache/redis.js';
import { loadConfig } from '../src/config.js';
import { createSilentLogger } from '../src/logger.js';
import { exactTextIndex } from './support/semantic-index.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createSilentLogger();
const answer = { text: 'x' } as unknown as CachedAnswer;
const closing: Array<() => Promise<void>> = [];
const namespaces: string[] = [];
after(async () => {
  const redis = createRedisKeyv({ url: REDIS_URL, namespace: 'cleanup', logger });
  if (await redis.ping(1000)) {
    for (const namespace of namespaces) {
      const keys = await redis.client.keys(`${namespace}:*`);
      if (keys.length > 0) await redis.client.del(keys);
    }
  }
  await redis.close();
  for (const close of closing.reverse()) await close();
});

/** A namespace of its own for each test, removed from Redis when the file is done. */
function freshNamespace(): string {
  const namespace = `sluice-test-${randomUUID()}`;
  namespaces.push(namespace);
  return namespace;
}

/** A clock the test moves; it starts at the real time, since Redis expires keys by the real one. */
function testClock() {
  const clock = { at: Date.now(), now: () => clock.at };
  return clock;
}

interface Replica {
  semantic: SemanticAnswerCache;
  stack: CacheStack;
  /** Questions held by this replica's local indexes. */
  indexed(): number;
}

/**
 * One gateway replica's cache stack (its own local tier and Redis connection) and semantic cache,
 * connected (Keyv connects its client on first use; in the gateway the exact cache's lookup does).
 */
async function replica(
  namespace: string,
  now: () => number,
  options: { maxEntries?: number } = {},
): Promise<Replica> {
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL,
    REDIS_NAMESPACE: namespace,
    // Generous, so a loaded machine does not turn a slow command into a lost entry here.
    REDIS_OPERATION_TIMEOUT_MS: '2000',
    LOCAL_CACHE_TTL_SECONDS: '300',
  });
  const stack = createCacheFromConfig(config, logger);
  closing.push(() => stack.close());
  const indexes: SemanticIndex[] = [];
  const redis = stack.redis as RedisKeyv;
  assert.ok(await redis.ping(1000), 'the test Redis answers');
  const semantic = createSemanticAnswerCache({
    cache: stack.cache,
    redis: { client: redis.client, namespace, timeoutMs: config.REDIS_OPERATION_TIMEOUT_MS },
    createIndex: () => {
      const index = exactTextIndex();
      indexes.push(index);
      return index;
    },
    logger,
    now,
    ...(options.maxEntries ? { maxEntries: options.maxEntries } : {}),
  });
  return { semantic, stack, indexed: () => indexes.reduce((n, index) => n + index.size, 0) };
}

/** A client of the shared Redis, for reading what the catalog holds. */
async function inspector(namespace: string) {
  const redis = createRedisKeyv({ url: REDIS_URL, namespace, logger });
  closing.push(() => redis.close());
  await redis.ping(1000);
  const { client } = redis;
  return {
    client,
    ids: () => client.zRange(`${namespace}:${CATALOG_KEY}:ids`, 0, -1),
    entries: () => client.hLen(`${namespace}:${CATALOG_KEY}:entries`),
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const SYNC_MS = 5000;

describe('semantic catalog in Redis', () => {
  it('two replicas storing 50 questions each, interleaved, lose none', async () => {
    const namespace = freshNamespace();
    const clock = testClock();
    const [a, b] = [await replica(namespace, clock.now), await replica(namespace, clock.now)];
    await Promise.all(
      range(50).flatMap((i) => [
        a.semantic.store(`a question ${i}`, '*', answer, 600),
        b.semantic.store(`b question ${i}`, '*', answer, 600),
      ]),
    );
    const redis = await inspector(namespace);
    assert.equal((await redis.ids()).length, 100);
    assert.equal(await redis.entries(), 100);

    // A third replica, started afterwards, finds every one at its first refresh.
    const c = await replica(namespace, clock.now);
    for (const i of range(50)) {
      assert.ok(await c.semantic.lookup(`a question ${i}`, '*'), `a question ${i}`);
      assert.ok(await c.semantic.lookup(`b question ${i}`, '*'), `b question ${i}`);
    }
    assert.equal(c.indexed(), 100);
  });

  it("a replica finds another's questions after its next refresh, not before", async () => {
    const namespace = freshNamespace();
    const clock = testClock();
    const [a, b] = [await replica(namespace, clock.now), await replica(namespace, clock.now)];
    assert.equal(await b.semantic.lookup('weather in Paris', '*'), undefined);
    await a.semantic.store('weather in Paris', '*', answer, 600);
    clock.at += SYNC_MS - 1;
    assert.equal(await b.semantic.lookup('weather in Paris', '*'), undefined, 'not refreshed yet');
    clock.at += 1;
    const hit = await b.semantic.lookup('weather in Paris', '*');
    assert.equal(hit?.question, 'weather in Paris');
    assert.deepEqual(hit?.answer, answer);
  });

  it('drops expired entries from the catalog and from replicas that knew them', async () => {
    const namespace = freshNamespace();
    const clock = testClock();
    const [a, b] = [await replica(namespace, clock.now), await replica(namespace, clock.now)];
    await a.semantic.store('short lived', '*', answer, 2);
    await a.semantic.store('long lived', '*', answer, 600);
    await b.semantic.lookup('long lived', '*');
    assert.equal(b.indexed(), 2);

    clock.at += SYNC_MS;
    await a.semantic.store('later', '*', answer, 600);
    const redis = await inspector(namespace);
    assert.equal((await redis.ids()).length, 2, 'the expired entry left the sorted set');
    assert.equal(await redis.entries(), 2, 'and the hash');
    assert.equal(await b.semantic.lookup('short lived', '*'), undefined);
    assert.ok(await b.semantic.lookup('later', '*'));
    assert.equal(b.indexed(), 2);
  });

  it('keeps maxEntries, the latest to expire, and replicas forget the ones trimmed', async () => {
    const namespace = freshNamespace();
    const clock = testClock();
    const a = await replica(namespace, clock.now, { maxEntries: 5 });
    const b = await replica(namespace, clock.now, { maxEntries: 5 });
    for (const i of range(5)) await a.semantic.store(`q ${i}`, '*', answer, 100 + i);
    assert.ok(await b.semantic.lookup('q 0', '*'), 'b knows the first five');

    for (const i of range(3)) await a.semantic.store(`q ${5 + i}`, '*', answer, 105 + i);
    const redis = await inspector(namespace);
    assert.equal((await redis.ids()).length, 5);
    assert.equal(await redis.entries(), 5);
    clock.at += SYNC_MS;
    // Its answer is still in the cache: a miss here means b followed the catalog.
    assert.equal(await b.semantic.lookup('q 0', '*'), undefined, 'trimmed, so forgotten');
    for (const i of range(5)) assert.ok(await b.semantic.lookup(`q ${3 + i}`, '*'), `q ${3 + i}`);
    assert.equal(b.indexed(), 5);
  });

  it('invalidateCache(answer) removes the catalog, and no replica serves its entries', async () => {
    const namespace = freshNamespace();
    const clock = testClock();
    const [a, b] = [await replica(namespace, clock.now), await replica(namespace, clock.now)];
    const invalidators: CacheInvalidator[] = [];
    for (const { stack } of [a, b]) {
      const invalidator = await createCacheInvalidator({
        local: stack.local,
        redis: {
          client: (stack.redis as RedisKeyv).client as unknown as InvalidationRedisClient,
          namespace,
        },
        logger,
      });
      invalidators.push(invalidator);
      closing.push(() => invalidator.close());
    }
    const redis = await inspector(namespace);
    // Both replicas subscribed, so b hears a's invalidation.
    const channel = `${namespace}:invalidate`;
    while (((await redis.client.pubSubNumSub(channel))[channel] ?? 0) < 2) await sleep(10);

    await a.semantic.store('weather in Rome', '*', answer, 600);
    await b.semantic.store('news about Rome', '*', answer, 600);
    assert.ok(await b.semantic.lookup('weather in Rome', '*'), 'b serves a question of a');
    assert.ok(await a.semantic.lookup('news about Rome', '*'), 'a serves a question of b');

    const removed = await (invalidators[0] as CacheInvalidator).invalidate({
      prefixes: ['answer:'],
    });
    assert.equal(removed, 4, 'two answers, the sorted set and the hash');
    assert.deepEqual(await redis.client.keys(`${namespace}:answer:*`), []);
    await sleep(100); // the pub/sub message reaches b

    // Before any refresh: the answers are gone from every tier, so the index's hits are misses.
    assert.equal(await a.semantic.lookup('weather in Rome', '*'), undefined);
    assert.equal(await b.semantic.lookup('weather in Rome', '*'), undefined);
    assert.equal(await b.semantic.lookup('news about Rome', '*'), undefined);
    clock.at += SYNC_MS;
    await a.semantic.lookup('anything', '*');
    await b.semantic.lookup('anything', '*');
    assert.equal(a.indexed(), 0, 'a followed the emptied catalog');
    assert.equal(b.indexed(), 0, 'b followed the emptied catalog');

    await a.semantic.store('weather in Oslo', '*', answer, 600);
    clock.at += SYNC_MS;
    assert.ok(await b.semantic.lookup('weather in Oslo', '*'), 'the catalog works again');
  });
  it('invalidateCache(answer, olderThanSeconds) removes the catalog too', async () => {
    const namespace = freshNamespace();
    const a = await replica(namespace, testClock().now);
    await a.semantic.store('weather in Rome', '*', answer, 600);
    const invalidator = await createCacheInvalidator({
      local: a.stack.local,
      redis: {
        client: (a.stack.redis as RedisKeyv).client as unknown as InvalidationRedisClient,
        namespace,
      },
      logger,
    });
    closing.push(() => invalidator.close());
    await invalidator.invalidate({ prefixes: ['answer:'], olderThanSeconds: 1 });
    const redis = await inspector(namespace);
    assert.deepEqual(await redis.client.keys(`${namespace}:answer:*`), []);
  });
});

describe('semantic catalog when Redis fails', () => {
  it('Redis not there: stores do not throw, lookups miss, and neither waits long', async () => {
    const clock = testClock();
    const dead = createRedisKeyv({ url: 'redis://127.0.0.1:1', namespace: 'absent', logger });
    closing.push(() => dead.close());
    const semantic = createSemanticAnswerCache({
      cache: createErrorsAreMissesCache(createKeyvCache(dead.keyv), { timeoutMs: 50 }),
      redis: { client: dead.client, namespace: 'absent', timeoutMs: 50 },
      createIndex: exactTextIndex,
      logger,
      now: clock.now,
    });
    const started = Date.now();
    for (const i of range(5)) {
      await semantic.store(`question ${i}`, '*', answer, 600);
      clock.at += SYNC_MS;
      assert.equal(await semantic.lookup(`question ${i}`, '*'), undefined);
    }
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('Redis that hangs: each command gives up at its deadline; the local tier still answers', async () => {
    const clock = testClock();
    const never = () => new Promise<never>(() => {});
    const hanging: CatalogRedisClient = { eval: never, zRangeByScore: never, hmGet: never };
    const errors: string[] = [];
    const catalog = createRedisSemanticCatalog({
      client: hanging,
      namespace: 'hanging',
      maxEntries: 10,
      timeoutMs: 20,
      onError: (_, operation) => errors.push(operation),
    });
    await catalog.add(
      { id: 'x', question: 'q', options: '*', expiresAt: clock.at + 1000 },
      clock.at,
    );
    assert.equal(await catalog.read(clock.at, () => false), undefined);
    assert.deepEqual(errors, ['add', 'read']);

    const semantic = createSemanticAnswerCache({
      cache: createMemoryCache({ maxEntries: 100 }),
      redis: { client: hanging, namespace: 'hanging', timeoutMs: 20 },
      createIndex: exactTextIndex,
      logger,
      now: clock.now,
    });
    const started = Date.now();
    await semantic.store('weather in Lima', '*', answer, 600);
    clock.at += SYNC_MS;
    assert.ok(await semantic.lookup('weather in Lima', '*'), 'an unread catalog keeps the index');
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });
});

describe('semantic catalog without Redis', () => {
  it('two caches in one process, storing at once, lose no entry', async () => {
    const clock = testClock();
    const cache = createMemoryCache({ maxEntries: 1000 });
    const make = () =>
      createSemanticAnswerCache({ cache, createIndex: exactTextIndex, logger, now: clock.now });
    const [a, b] = [make(), make()];
    await Promise.all(
      range(50).flatMap((i) => [
        a.store(`a question ${i}`, '*', answer, 600),
        b.store(`b question ${i}`, '*', answer, 600),
      ]),
    );
    const c = make();
    for (const i of range(50)) {
      assert.ok(await c.lookup(`a question ${i}`, '*'), `a question ${i}`);
      assert.ok(await c.lookup(`b question ${i}`, '*'), `b question ${i}`);
    }
  });

  it('invalidating answer: removes the catalog, and the cache forgets its entries', async () => {
    const clock = testClock();
    const local = createMemoryCache({ maxEntries: 1000 });
    let indexed = 0;
    const semantic = createSemanticAnswerCache({
      cache: local,
      createIndex: () => {
        const index = exactTextIndex();
        const add = index.add.bind(index);
        index.add = async (id, question) => {
          indexed++;
          await add(id, question);
        };
        return index;
      },
      logger,
      now: clock.now,
    });
    await semantic.store('weather in Kyiv', '*', answer, 600);
    const invalidator = await createCacheInvalidator({ local, logger });
    assert.equal(await invalidator.invalidate({ prefixes: ['answer:'] }), 2, 'answer and catalog');
    assert.deepEqual(local.keys(), []);
    assert.equal(await semantic.lookup('weather in Kyiv', '*'), undefined);
    clock.at += SYNC_MS;
    assert.equal(await semantic.lookup('weather in Kyiv', '*'), undefined);
    assert.equal(indexed, 1, 'not added back from a catalog that is gone');
  });
});
