import type { PersistedQueryOptions } from '@apollo/server';
import type { Cache } from '../cache/types.js';

/** Apollo's KeyValueCache<string>, as `persistedQueries.cache` takes it. */
export type ApqCache = NonNullable<PersistedQueryOptions['cache']>;

/** How long a registered query is kept when Apollo passes no TTL (APQ clients re-register on a miss). */
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

/**
 * Adapts our Cache (memory, or local tier + Redis shared by replicas) to the KeyValueCache Apollo's
 * automatic persisted queries use, under `v1:` (Apollo adds its own `apq:` prefix to the key).
 */
export function createApqCache(cache: Cache): ApqCache {
  const key = (k: string) => `v1:${k}`;
  return {
    async get(k) {
      const value = await cache.get<unknown>(key(k));
      return typeof value === 'string' ? value : undefined;
    },
    async set(k, value, options) {
      const ttl = options?.ttl;
      await cache.set(key(k), value, { ttlSeconds: ttl && ttl > 0 ? ttl : DEFAULT_TTL_SECONDS });
    },
    async delete(k) {
      await cache.delete(key(k));
    },
  };
}

/** The document Apollo registered under a sha256 hash, read the way Apollo reads it. */
export function persistedDocument(
  cache: ApqCache,
  sha256Hash: string,
): Promise<string | undefined> {
  return cache.get(`apq:${sha256Hash}`);
}
