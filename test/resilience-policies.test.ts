import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createRedisKeyv, type RedisKeyv } from '../src/cache/redis.js';
import { ErrorCode, GatewayError, notFound } from '../src/errors.js';
import { createSilentLogger } from '../src/logger.js';
import { createCircuitBreaker, type BreakerTransition } from '../src/resilience/breaker.js';
import { openSourceScope } from '../src/resilience/scope.js';
import { createUpstreamGuard } from '../src/resilience/guard.js';
import { createProviderQuota, quotaFor } from '../src/resilience/quota.js';
import { createRedisRefreshLock } from '../src/resilience/refresh-lock.js';
import { createProviderRegistry } from '../src/resilience/registry.js';
import { createRetryPolicy, isRetryable } from '../src/resilience/retry.js';
import { createSingleFlight } from '../src/resilience/single-flight.js';
import { providerSkipped, skipReason } from '../src/resilience/skip.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const down = () => new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'p answered HTTP 500');
const clock = (start = 1_000_000) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('circuit breaker', () => {
  const options = { failureRatio: 0.5, minRequests: 4, windowMs: 10_000, halfOpenAfterMs: 1_000 };

  it('opens only once the window holds enough calls and the failure ratio is reached', () => {
    const time = clock();
    const breaker = createCircuitBreaker({ ...options, now: time.now });
    breaker.admit()?.failure();
    breaker.admit()?.failure();
    breaker.admit()?.failure();
    assert.equal(breaker.state, 'closed', 'three calls are fewer than minRequests');
    breaker.admit()?.success();
    assert.equal(breaker.state, 'closed', 'a success does not open it');
    breaker.admit()?.failure();
    assert.equal(breaker.state, 'open', '4 of 5 failed');
    assert.equal(breaker.admit(), undefined, 'an open circuit admits nothing');
    assert.deepEqual(breaker.counts(), { failures: 4, successes: 1 });
  });

  it('forgets outcomes older than the window', () => {
    const time = clock();
    const breaker = createCircuitBreaker({ ...options, now: time.now });
    for (let i = 0; i < 3; i++) breaker.admit()?.failure();
    time.advance(11_000);
    breaker.admit()?.failure();
    assert.equal(breaker.state, 'closed');
    assert.deepEqual(breaker.counts(), { failures: 1, successes: 0 });
  });

  it('lets one probe through after the wait: success closes, failure opens again', () => {
    const time = clock();
    const breaker = createCircuitBreaker({ ...options, minRequests: 1, now: time.now });
    const seen: BreakerTransition[] = [];
    breaker.onStateChange((t) => seen.push(t));
    breaker.admit()?.failure();
    time.advance(999);
    assert.equal(breaker.admit(), undefined);
    time.advance(1);
    assert.equal(breaker.state, 'half-open');
    const probe = breaker.admit();
    assert.ok(probe);
    assert.equal(breaker.admit(), undefined, 'only one probe at a time');
    probe.failure();
    assert.equal(breaker.state, 'open');
    time.advance(1_000);
    const cancelled = breaker.admit();
    cancelled?.cancel();
    const second = breaker.admit();
    assert.ok(second, 'a cancelled probe frees the slot');
    second.success();
    assert.equal(breaker.state, 'closed');
    assert.deepEqual(
      breaker.counts(),
      { failures: 0, successes: 0 },
      'closing starts a new window',
    );
    assert.deepEqual(
      seen.map((t) => `${t.from}>${t.to}`),
      ['closed>open', 'open>half-open', 'half-open>open', 'open>half-open', 'half-open>closed'],
    );
  });

  it('ignores a second report on one ticket', () => {
    const breaker = createCircuitBreaker({ ...options, minRequests: 1 });
    const ticket = breaker.admit();
    ticket?.success();
    ticket?.failure();
    assert.equal(breaker.state, 'closed');
  });
});

describe('source scope', () => {
  it('reports a ticket deferred after the scope settled, so a half-open probe is never lost', () => {
    const time = clock();
    const breaker = createCircuitBreaker({
      failureRatio: 0.5,
      minRequests: 1,
      windowMs: 10_000,
      halfOpenAfterMs: 1_000,
      now: time.now,
    });
    breaker.admit()?.failure();
    time.advance(1_000);
    const registry = createProviderRegistry({
      retry: { maxRetries: 0 },
      breaker: { failureRatio: 0.5, minRequests: 5, windowMs: 1000, halfOpenAfterMs: 1000 },
    });
    const { scope, settle } = openSourceScope(registry.guard('p'));
    // The source call returned (a sibling call was refused) before its probe answered.
    settle();
    const probe = breaker.admit();
    assert.ok(probe, 'half-open: one probe');
    scope.defer(probe);
    assert.equal(breaker.state, 'closed', 'the late probe was reported and closed the breaker');
  });
});

describe('retry policy', () => {
  it('backs off exponentially with jitter, honours Retry-After, and stops at maxRetries', () => {
    const low = createRetryPolicy({ maxRetries: 3, baseDelayMs: 100, random: () => 0 });
    const high = createRetryPolicy({ maxRetries: 3, baseDelayMs: 100, random: () => 1 });
    assert.deepEqual(
      [0, 1, 2].map((n) => low.delayBefore(n, down())),
      [50, 100, 200],
    );
    assert.deepEqual(
      [0, 1, 2].map((n) => high.delayBefore(n, down())),
      [100, 200, 400],
    );
    assert.equal(low.delayBefore(3, down()), undefined);
    const limited = new GatewayError(ErrorCode.UPSTREAM_RATE_LIMITED, 'slow down', {
      retryAfterSeconds: 2,
    });
    assert.equal(low.delayBefore(0, limited), 2000);
  });

  it('retries transport failures, timeouts and 429, never answers, bad bodies or skips', () => {
    assert.equal(isRetryable(down()), true);
    assert.equal(isRetryable(new GatewayError(ErrorCode.UPSTREAM_TIMEOUT, 't')), true);
    assert.equal(isRetryable(new GatewayError(ErrorCode.UPSTREAM_RATE_LIMITED, 'r')), true);
    assert.equal(isRetryable(new GatewayError(ErrorCode.UPSTREAM_BAD_RESPONSE, 'b')), false);
    assert.equal(isRetryable(notFound('none')), false);
    assert.equal(isRetryable(providerSkipped('p', 'circuit-open')), false);
    assert.equal(isRetryable(new Error('bug')), false);
  });
});

describe('upstream guard', () => {
  const policy = (maxRetries = 2) =>
    createRetryPolicy({ maxRetries, baseDelayMs: 1, maxDelayMs: 1 });
  const breaker = () =>
    createCircuitBreaker({
      failureRatio: 0.5,
      minRequests: 100,
      windowMs: 60_000,
      halfOpenAfterMs: 1,
    });

  it('retries an idempotent call until it answers; a POST is tried once', async () => {
    const guard = createUpstreamGuard({ provider: 'p', retry: policy(), breaker: breaker() });
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls < 3) throw down();
      return 'ok';
    };
    assert.equal(await guard.call(flaky, { timeoutMs: 1000, idempotent: true }), 'ok');
    assert.equal(calls, 3);
    calls = 0;
    await assert.rejects(guard.call(flaky, { timeoutMs: 1000, idempotent: false }), GatewayError);
    assert.equal(calls, 1);
    assert.deepEqual(guard.breaker.counts(), { failures: 3, successes: 1 });
  });

  it('never retries past the budget of two attempt timeouts, nor past the caller deadline', async () => {
    const guard = createUpstreamGuard({ provider: 'p', retry: policy(5), breaker: breaker() });
    const budgets: number[] = [];
    const slow = async (timeoutMs: number) => {
      budgets.push(timeoutMs);
      await new Promise((r) => setTimeout(r, timeoutMs));
      throw new GatewayError(ErrorCode.UPSTREAM_TIMEOUT, 'slow');
    };
    const started = Date.now();
    await assert.rejects(guard.call(slow, { timeoutMs: 150, idempotent: true }));
    assert.ok(budgets.length >= 2 && budgets.length <= 3, `${budgets.length} attempts`);
    assert.ok(Date.now() - started < 2 * 150 + 100, 'within two timeouts');

    budgets.length = 0;
    await assert.rejects(
      guard.call(slow, { timeoutMs: 150, idempotent: true, deadline: Date.now() + 120 }),
    );
    assert.equal(budgets.length, 1, 'no second attempt after the caller deadline');
    assert.ok((budgets[0] as number) <= 120, 'the attempt is cut to the deadline');
  });

  it('holds every call back for Retry-After, and skips at once when that is past the deadline', async () => {
    const guard = createUpstreamGuard({ provider: 'p', retry: policy(0), breaker: breaker() });
    const limited = async () => {
      throw new GatewayError(ErrorCode.UPSTREAM_RATE_LIMITED, 'slow down', {
        retryAfterSeconds: 30,
      });
    };
    await assert.rejects(guard.call(limited, { timeoutMs: 100, idempotent: true }));
    let called = false;
    const error = await guard
      .call(
        async () => {
          called = true;
        },
        { timeoutMs: 100, idempotent: true },
      )
      .catch((e: unknown) => e);
    assert.equal(called, false);
    assert.equal(skipReason(error), 'retry-after');
    assert.ok(error instanceof GatewayError && error.code === ErrorCode.UPSTREAM_RATE_LIMITED);
    assert.ok((error.retryAfterSeconds ?? 0) > 25);
  });
});

describe('single flight', () => {
  it('lets the first caller lead and the others join its result', async () => {
    const flights = createSingleFlight<string>();
    assert.equal(flights.join('k'), undefined);
    const settle = flights.lead('k');
    const joined = flights.join('k');
    assert.ok(joined);
    assert.throws(() => flights.lead('k'), /already has a leader/);
    settle('v');
    assert.equal(await joined, 'v');
    assert.equal(flights.size, 0);
    assert.equal(flights.join('k'), undefined);
  });
});

describe('quotas', () => {
  it('defaults to the free plans, takes overrides, and counts geocoding with forecasts', () => {
    assert.deepEqual(quotaFor('newsapi'), { key: 'newsapi', limits: { perDay: 100 } });
    assert.deepEqual(quotaFor('open-meteo-geocoding').key, 'open-meteo');
    assert.deepEqual(quotaFor('newsapi', { newsapi: { perMinute: 10 } }).limits, {
      perDay: 100,
      perMinute: 10,
    });
    assert.deepEqual(quotaFor('unknown').limits, {});
  });

  it('refuses the call past the allowance, with the time to wait, and reports what is left', async () => {
    const quota = createProviderQuota({ key: 'p', limits: { perMinute: 2, perDay: 10 } });
    assert.deepEqual(quota.remaining(), { minute: 2, day: 10 });
    assert.deepEqual(await quota.take(), { ok: true });
    assert.deepEqual(await quota.take(), { ok: true });
    const refused = await quota.take();
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && refused.window === 'minute' && refused.retryAfterMs > 0);
    assert.deepEqual(quota.remaining(), { minute: 0, day: 8 });
  });

  it('a registry snapshot lists every provider with its breaker and quota', () => {
    const registry = createProviderRegistry({
      retry: { maxRetries: 0 },
      breaker: { failureRatio: 0.5, minRequests: 5, windowMs: 1000, halfOpenAfterMs: 1000 },
      quotas: { yahoo: { perMinute: 7 } },
    });
    registry.guard('yahoo');
    registry.guard('vector');
    assert.deepEqual(registry.snapshot(), [
      {
        provider: 'yahoo',
        breaker: 'closed',
        failures: 0,
        successes: 0,
        quotaRemainingMinute: 7,
        quotaRemainingDay: 5000,
      },
      { provider: 'vector', breaker: 'closed', failures: 0, successes: 0 },
    ]);
    assert.equal(registry.guard('yahoo'), registry.guard('yahoo'), 'one guard per provider');
  });
});

describe('quotas and refresh locks in Redis', () => {
  let redis: RedisKeyv;
  let dead: RedisKeyv;
  const namespace = `sluice-test-${randomUUID()}`;
  before(async () => {
    const logger = createSilentLogger();
    redis = createRedisKeyv({ url: REDIS_URL, namespace, logger });
    assert.equal(await redis.ping(1000), true, 'the tests need Redis at TEST_REDIS_URL');
    dead = createRedisKeyv({ url: 'redis://127.0.0.1:1', namespace, logger });
  });
  after(async () => {
    await redis.client.del([`${namespace}:quota:minute:shared`, `${namespace}:quota:day:shared`]);
    await redis.close();
    await dead.close();
  });

  it('two replicas share one allowance', async () => {
    const shared = { client: redis.client, namespace, timeoutMs: 200 };
    const limits = { perMinute: 3 };
    const a = createProviderQuota({ key: 'shared', limits, redis: shared });
    const b = createProviderQuota({ key: 'shared', limits, redis: shared });
    const verdicts = [await a.take(), await b.take(), await a.take(), await b.take()];
    assert.deepEqual(
      verdicts.map((v) => v.ok),
      [true, true, true, false],
    );
  });

  it('counts in memory while Redis is unreachable, without waiting for it', async () => {
    const quota = createProviderQuota({
      key: 'shared',
      limits: { perMinute: 1 },
      redis: { client: dead.client, namespace, timeoutMs: 50 },
    });
    const started = Date.now();
    assert.deepEqual(await quota.take(), { ok: true });
    assert.equal((await quota.take()).ok, false);
    assert.ok(Date.now() - started < 500);
  });

  it('one replica takes a refresh lock, the other finds it held until it is released', async () => {
    const options = { namespace, lockMs: 2000, timeoutMs: 200 };
    const a = createRedisRefreshLock({ ...options, client: redis.client });
    const b = createRedisRefreshLock({ ...options, client: redis.client });
    const key = `k-${randomUUID()}`;
    const first = await a.acquire(key);
    assert.equal(first.status, 'acquired');
    assert.equal((await b.acquire(key)).status, 'held');
    if (first.status === 'acquired') await first.release();
    const again = await b.acquire(key);
    assert.equal(again.status, 'acquired');
    if (again.status === 'acquired') await again.release();
  });

  it('an unreachable Redis means no lock: the caller goes ahead', async () => {
    const lock = createRedisRefreshLock({
      client: dead.client,
      namespace,
      lockMs: 1000,
      timeoutMs: 50,
    });
    assert.equal((await lock.acquire('k')).status, 'unavailable');
  });
});
