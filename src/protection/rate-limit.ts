import type { IncomingMessage } from 'node:http';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
} from 'rate-limiter-flexible';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { GraphQLStep } from '../http/request-state.js';
import { queryParams } from '../http/url.js';
import { sendGraphQLError } from './respond.js';

/** The outcome of taking points from a caller's minute. */
export type RateVerdict =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** Points per caller per minute. */
export interface RateLimiter {
  /** Takes `cost` points from `key`'s current minute. Never rejects (a store failure allows). */
  consume(key: string, cost: number): Promise<RateVerdict>;
}

export interface RateLimiterOptions {
  /** RATE_LIMIT_PER_MINUTE. */
  pointsPerMinute: number;
  logger: Logger;
  /**
   * The cache stack's Redis (a node-redis v4+ `client`, and `ping`, which connects it): the limit
   * is then shared by every replica using the same Redis and `keyPrefix`. While Redis is down or
   * slower than `redisTimeoutMs`, each replica limits alone, in memory.
   */
  redis?: RedisConnection;
  /** Key prefix in Redis, e.g. `<REDIS_NAMESPACE>:ratelimit`. */
  keyPrefix?: string;
  redisTimeoutMs?: number;
}

/** What the limiter needs of the cache stack's Redis connection. */
export interface RedisConnection {
  client: unknown;
  ping(timeoutMs: number): Promise<boolean>;
}

/** A rate limiter in memory, or in Redis with an in-memory insurance limiter. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { pointsPerMinute: points, logger, keyPrefix = 'ratelimit' } = options;
  const memory = new RateLimiterMemory({ points, duration: 60, keyPrefix });
  let limiter: { consume(key: string, points: number): Promise<RateLimiterRes> } = memory;
  let connect = () => {};
  if (options.redis) {
    const { client, ping } = options.redis;
    let lastAttempt = 0;
    // Keyv connects its client lazily, on a cache operation; a limit check must not wait for one.
    connect = () => {
      if ((client as { isReady?: boolean }).isReady === true) return;
      if (Date.now() - lastAttempt < 1000) return;
      lastAttempt = Date.now();
      void ping(1000);
    };
    connect();
    const redis = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      points,
      duration: 60,
      keyPrefix,
    });
    limiter = new RLWrapperTimeouts({
      limiter: redis,
      insuranceLimiter: memory,
      timeoutMs: options.redisTimeoutMs ?? 100,
    });
  }
  return {
    async consume(key, cost) {
      connect();
      try {
        const res = await limiter.consume(key, Math.max(1, Math.ceil(cost)));
        return { allowed: true, remaining: res.remainingPoints };
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
          };
        }
        // Both stores failed: refusing everyone would turn a limiter fault into an outage.
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'rate limiter failed',
        );
        return { allowed: true, remaining: 0 };
      }
    },
  };
}

export interface RateLimitOptions {
  limiter: RateLimiter;
  /** Points a request costs, from its GraphQL parameters (see createRequestCost). */
  cost(params: unknown): Promise<number>;
  /** The client address under TRUST_PROXY, for a request without a principal. */
  clientIp(req: IncomingMessage): string;
}

/** Charges the request (true), or answers 429 itself (false). */
export type RateLimit = GraphQLStep;

/**
 * After auth and body parsing and before GraphQL: charges the request its points (`state.cost`
 * when already known, else its operation's cost) to its principal (API key, or IP when
 * anonymous) and answers HTTP 429 RATE_LIMITED with `Retry-After` when the caller's minute is
 * spent.
 */
export function createRateLimit({ limiter, cost, clientIp }: RateLimitOptions): RateLimit {
  return async function rateLimit(req, res, state) {
    const key = state.principal?.id ?? `ip:${clientIp(req)}`;
    state.cost ??= await cost(req.method === 'GET' ? queryParams(req.url) : state.body);
    const verdict = await limiter.consume(key, state.cost);
    if (verdict.allowed) {
      res.setHeader('ratelimit-remaining', String(verdict.remaining));
      return true;
    }
    const seconds = verdict.retryAfterSeconds;
    sendGraphQLError(
      res,
      429,
      ErrorCode.RATE_LIMITED,
      `Rate limit exceeded; retry in ${seconds} s`,
      {
        headers: { 'retry-after': String(seconds) },
        extensions: { retryAfterSeconds: seconds },
      },
    );
    return false;
  };
}
