import { createCircuitBreaker, type BreakerOptions, type BreakerState } from './breaker.js';
import { createUpstreamGuard, type UpstreamGuard } from './guard.js';
import {
  createProviderQuota,
  quotaFor,
  type ProviderQuota,
  type QuotaLimits,
  type QuotaRedis,
} from './quota.js';
import { createRetryPolicy, type RetryOptions } from './retry.js';

/** One provider's line in `health` and the metrics. */
export interface ProviderHealthEntry {
  provider: string;
  breaker: BreakerState;
  /** Failed calls in the breaker's window. */
  failures: number;
  /** Successful calls in the breaker's window. */
  successes: number;
  /** Calls left this minute; absent when the provider has no per-minute quota. */
  quotaRemainingMinute?: number;
  /** Calls left today; absent when the provider has no daily quota. */
  quotaRemainingDay?: number;
}

/** A breaker transition of one provider. */
export interface ProviderStateChange {
  provider: string;
  from: BreakerState;
  to: BreakerState;
  /** Epoch ms. */
  at: number;
}

/** Every provider's breaker and quota, as `health` and the metrics read them. */
export interface ProviderHealth {
  /** One entry per provider, in the order they were registered. */
  snapshot(): ProviderHealthEntry[];
  /** Subscribes to breaker transitions of every provider; returns the unsubscribe function. */
  onStateChange(listener: (change: ProviderStateChange) => void): () => void;
}

/** The in-process registry: one guard per provider, built on first use. */
export interface ProviderRegistry extends ProviderHealth {
  /** The guard of `provider` (the name adapters pass to `requestUpstream`). */
  guard(provider: string): UpstreamGuard;
}

export interface ProviderRegistryOptions {
  retry: RetryOptions;
  breaker: Omit<BreakerOptions, 'now'>;
  /** PROVIDER_QUOTAS overrides of the free-plan defaults. */
  quotas?: Readonly<Record<string, QuotaLimits>>;
  /** Counts quotas in Redis (shared by replicas) when present. */
  redis?: QuotaRedis;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Builds guards per provider from one configuration and reports their state. */
export function createProviderRegistry(options: ProviderRegistryOptions): ProviderRegistry {
  const { now = Date.now } = options;
  const retry = createRetryPolicy(options.retry);
  const guards = new Map<string, UpstreamGuard>();
  const quotas = new Map<string, ProviderQuota>();
  const listeners = new Set<(change: ProviderStateChange) => void>();

  function quotaOf(provider: string): ProviderQuota | undefined {
    const { key, limits } = quotaFor(provider, options.quotas);
    if (limits.perMinute === undefined && limits.perDay === undefined) return undefined;
    let quota = quotas.get(key);
    if (!quota) {
      quota = createProviderQuota({ key, limits, redis: options.redis, now });
      quotas.set(key, quota);
    }
    return quota;
  }

  return {
    guard(provider) {
      let guard = guards.get(provider);
      if (guard) return guard;
      const breaker = createCircuitBreaker({ ...options.breaker, now });
      breaker.onStateChange(({ from, to, at }) => {
        for (const listener of listeners) listener({ provider, from, to, at });
      });
      guard = createUpstreamGuard({
        provider,
        retry,
        breaker,
        quota: quotaOf(provider),
        now,
        sleep: options.sleep,
      });
      guards.set(provider, guard);
      return guard;
    },
    snapshot() {
      return [...guards.values()].map(({ provider, breaker, quota }) => {
        const entry: ProviderHealthEntry = {
          provider,
          breaker: breaker.state,
          ...breaker.counts(),
        };
        const left = quota?.remaining();
        if (left?.minute !== undefined) entry.quotaRemainingMinute = left.minute;
        if (left?.day !== undefined) entry.quotaRemainingDay = left.day;
        return entry;
      });
    },
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
