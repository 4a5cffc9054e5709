import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { withTimeout } from './with-timeout.js';

/** Outbound requests a provider allows us (PROVIDER_QUOTAS entries). */
export interface QuotaLimits {
  perMinute?: number;
  perDay?: number;
}

/**
 * Free-plan allowances (README "Terms and limits"). Where the provider publishes none the figure is
 * a conservative guess well above what Sluice's caching needs, so it only stops a runaway loop:
 * - yahoo: unofficial and quick to answer 429; one call per symbol, and a 15 s TTL needs at most
 *   4 calls per symbol per minute.
 * - stooq: a low, unpublished daily hits limit; one call per batch of symbols.
 * - frankfurter: no published limit, but a community service; rates are cached for an hour.
 * - hn-algolia: about 10,000/hour per IP, so 160/min (9,600/hour).
 * - openweathermap: 1,000,000/month is about 32,000/day.
 */
export const DEFAULT_QUOTAS: Readonly<Record<string, QuotaLimits>> = {
  'open-meteo': { perMinute: 600, perDay: 10_000 },
  openweathermap: { perMinute: 60, perDay: 30_000 },
  newsapi: { perDay: 100 },
  'hn-algolia': { perMinute: 160 },
  finnhub: { perMinute: 60 },
  coingecko: { perMinute: 30 },
  yahoo: { perMinute: 60, perDay: 5_000 },
  stooq: { perMinute: 20, perDay: 500 },
  frankfurter: { perMinute: 60, perDay: 10_000 },
};

/** Providers that draw on another's allowance: Open-Meteo counts geocoding with forecasts. */
export const QUOTA_SHARED_WITH: Readonly<Record<string, string>> = {
  'open-meteo-geocoding': 'open-meteo',
};

/** The quota a provider's calls count against, and its limits (defaults, then overrides). */
export function quotaFor(
  provider: string,
  overrides: Readonly<Record<string, QuotaLimits>> = {},
): { key: string; limits: QuotaLimits } {
  const key = QUOTA_SHARED_WITH[provider] ?? provider;
  return { key, limits: { ...DEFAULT_QUOTAS[key], ...overrides[key] } };
}

/** The answer to "may we make one more call?". */
export type QuotaVerdict =
  { ok: true } | { ok: false; window: 'minute' | 'day'; retryAfterMs: number };

/** A provider's outbound allowance. */
export interface ProviderQuota {
  readonly key: string;
  readonly limits: QuotaLimits;
  /** Counts one call, or refuses it when a window is used up. Never rejects. */
  take(): Promise<QuotaVerdict>;
  /** What was left at the last call, per window (the full allowance once the window has rolled). */
  remaining(): { minute?: number; day?: number };
}

/** The node-redis client quotas are counted with (rate-limiter-flexible drives it). */
export interface QuotaRedis {
  client: object;
  /** Key prefix of the deployment (REDIS_NAMESPACE). */
  namespace: string;
  /** Each count is abandoned after this and made in memory instead. */
  timeoutMs: number;
}

export interface ProviderQuotaOptions {
  key: string;
  limits: QuotaLimits;
  /** Counts in Redis, so every replica shares one allowance; in memory when absent or failing. */
  redis?: QuotaRedis;
  now?: () => number;
}

const WINDOWS = [
  { window: 'minute', limit: 'perMinute', seconds: 60 },
  { window: 'day', limit: 'perDay', seconds: 86_400 },
] as const;

/**
 * A quota over rate-limiter-flexible: a minute and a day window, each counted in Redis when
 * configured (RateLimiterRedis) and in memory otherwise. A Redis failure or a slow answer counts
 * the call in memory instead (this replica's share), so an outage never blocks a call.
 */
export function createProviderQuota(options: ProviderQuotaOptions): ProviderQuota {
  const { key, limits, redis, now = Date.now } = options;
  const windows = WINDOWS.flatMap(({ window, limit, seconds }) => {
    const points = limits[limit];
    if (points === undefined) return [];
    const memory = new RateLimiterMemory({
      points,
      duration: seconds,
      keyPrefix: `quota-${window}`,
    });
    const shared = redis
      ? new RateLimiterRedis({
          storeClient: redis.client,
          useRedisPackage: true,
          rejectIfRedisNotReady: true,
          points,
          duration: seconds,
          keyPrefix: `${redis.namespace}:quota:${window}`,
        })
      : undefined;
    return [{ window, points, memory, shared, left: points, resetAt: 0 }];
  });

  async function consume(w: (typeof windows)[number]): Promise<RateLimiterRes> {
    if (w.shared) {
      try {
        return await withTimeout(w.shared.consume(key), redis?.timeoutMs ?? 50);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw error;
        // Redis is down or slow: count it here rather than block or lose the call.
      }
    }
    return w.memory.consume(key);
  }

  return {
    key,
    limits,
    async take() {
      for (const w of windows) {
        try {
          const res = await consume(w);
          w.left = res.remainingPoints;
          w.resetAt = now() + res.msBeforeNext;
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          w.left = 0;
          w.resetAt = now() + error.msBeforeNext;
          return { ok: false, window: w.window, retryAfterMs: error.msBeforeNext };
        }
      }
      return { ok: true };
    },
    remaining() {
      const at = now();
      const left: { minute?: number; day?: number } = {};
      for (const w of windows) left[w.window] = at >= w.resetAt ? w.points : w.left;
      return left;
    },
  };
}
