import { asKeyValueCache, type KeyValueCache } from '../cache/key-value-cache.js';
import type { Cache } from '../cache/types.js';

/** Apollo's KeyValueCache<string>, as `persistedQueries.cache` takes it. */
export type ApqCache = KeyValueCache;

/**
 * Automatic persisted queries in the cache stack (memory, or local tier + Redis shared by
 * replicas), under `v1:` (Apollo adds its own `apq:` prefix to the key). A registration Apollo
 * passes no TTL for is kept a day: APQ clients re-register on a miss.
 */
export function createApqCache(cache: Cache): ApqCache {
  return asKeyValueCache(cache, { prefix: 'v1:', defaultTtlSeconds: 24 * 60 * 60 });
}

/** The document Apollo registered under a sha256 hash, read the way Apollo reads it. */
export function persistedDocument(
  cache: ApqCache,
  sha256Hash: string,
): Promise<string | undefined> {
  return cache.get(`apq:${sha256Hash}`);
}
