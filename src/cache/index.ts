import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createErrorsAreMissesCache } from './errors-are-misses.js';
import { createKeyvCache } from './keyv.js';
import { createMemoryCache, type MemoryCache } from './memory.js';
import { createObservedCache } from './observed.js';
import { createRedisKeyv, type RedisKeyv } from './redis.js';
import { createTieredCache } from './tiered.js';
import type { Cache } from './types.js';

export interface CacheStack {
  cache: Cache;
  /** The per-process tier (the whole cache without Redis), listable for invalidation. */
  local: MemoryCache;
  /** Present when REDIS_URL is set. */
  redis?: RedisKeyv;
  close(): Promise<void>;
}

/**
 * In-memory (bounded LRU) by default; with REDIS_URL, a short-lived local tier in front of Redis,
 * where every Redis operation has a deadline and a failure counts as a miss.
 */
export function createCacheFromConfig(
  config: Config,
  logger: Logger,
  /** Told whether each lookup of a tier hit (the metrics' cache hit rates). */
  onLayerGet?: (layer: 'local' | 'redis', hit: boolean) => void,
): CacheStack {
  const local = createMemoryCache({
    maxEntries: config.LOCAL_CACHE_MAX_ENTRIES,
    maxBytes: config.LOCAL_CACHE_MAX_BYTES,
  });
  const observed = (cache: Cache, layer: 'local' | 'redis') =>
    onLayerGet ? createObservedCache(cache, (v) => onLayerGet(layer, v !== undefined)) : cache;
  if (!config.REDIS_URL) return { cache: observed(local, 'local'), local, close: async () => {} };
  const redis = createRedisKeyv({
    url: config.REDIS_URL,
    namespace: config.REDIS_NAMESPACE,
    logger,
  });
  const remote = createErrorsAreMissesCache(createKeyvCache(redis.keyv), {
    timeoutMs: config.REDIS_OPERATION_TIMEOUT_MS,
    onError: (error, operation) =>
      logger.debug(
        { operation, err: error instanceof Error ? error.message : String(error) },
        'redis miss',
      ),
  });
  return {
    cache: createTieredCache({
      local: observed(local, 'local'),
      remote: observed(remote, 'redis'),
      localTtlSeconds: config.LOCAL_CACHE_TTL_SECONDS,
    }),
    local,
    redis,
    close: () => redis.close(),
  };
}
