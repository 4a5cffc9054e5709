import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createErrorsAreMissesCache } from './errors-are-misses.js';
import { createMemoryCache } from './keyv.js';
import { createKeyvCache } from './keyv.js';
import { createRedisKeyv, type RedisKeyv } from './redis.js';
import { createTieredCache } from './tiered.js';
import type { Cache } from './types.js';

export interface CacheStack {
  cache: Cache;
  /** Present when REDIS_URL is set. */
  redis?: RedisKeyv;
  close(): Promise<void>;
}

/**
 * In-memory (bounded LRU) by default; with REDIS_URL, a short-lived local tier in front of Redis,
 * where every Redis operation has a deadline and a failure counts as a miss.
 */
export function createCacheFromConfig(config: Config, logger: Logger): CacheStack {
  const local = createMemoryCache({ maxEntries: config.LOCAL_CACHE_MAX_ENTRIES });
  if (!config.REDIS_URL) return { cache: local, close: async () => {} };
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
    cache: createTieredCache({ local, remote, localTtlSeconds: config.LOCAL_CACHE_TTL_SECONDS }),
    redis,
    close: () => redis.close(),
  };
}
