import type { PersistedQueryOptions } from '@apollo/server';
import type { Cache } from './types.js';

/** Apollo's `KeyValueCache<string>` (APQ, the response cache plugin): TTL in seconds, optional. */
export type KeyValueCache = NonNullable<PersistedQueryOptions['cache']>;

export interface KeyValueCacheOptions {
  /** Prefix of every key in the stack, so `invalidateCache` and the key lists can tell them apart. */
  prefix: string;
  /** TTL of a write without one; without this, such writes are dropped (nothing unbounded is kept). */
  defaultTtlSeconds?: number;
}

/**
 * Apollo's cache interface over the gateway's cache stack (memory, or the local tier in front of
 * Redis shared by every replica), so what Apollo's plugins keep is shared and invalidated like the
 * rest.
 */
export function asKeyValueCache(
  cache: Cache,
  { prefix, defaultTtlSeconds }: KeyValueCacheOptions,
): KeyValueCache {
  return {
    async get(key) {
      const value = await cache.get<unknown>(prefix + key);
      return typeof value === 'string' ? value : undefined;
    },
    async set(key, value, options) {
      const ttl = options?.ttl && options.ttl > 0 ? options.ttl : defaultTtlSeconds;
      if (ttl) await cache.set(prefix + key, value, { ttlSeconds: ttl });
    },
    async delete(key) {
      await cache.delete(prefix + key);
    },
  };
}
