import type { RedisKeyv } from '../cache/redis.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createRedisRefreshLock, type RefreshLock } from './refresh-lock.js';
import { createProviderRegistry, type ProviderRegistry } from './registry.js';

/** The resilience layer of one gateway: guards per provider and, with Redis, the refresh lock. */
export interface Resilience {
  registry: ProviderRegistry;
  refreshLock?: RefreshLock;
}

/**
 * Builds the layer from config (RETRY_*, BREAKER_*, PROVIDER_QUOTAS, REFRESH_LOCK_MS). With Redis,
 * quotas are counted there (one allowance for every replica) and refreshes take a shared lock;
 * every Redis command has the REDIS_OPERATION_TIMEOUT_MS deadline and failing means "go ahead".
 */
export function createResilienceFromConfig(
  config: Config,
  { redis, logger }: { redis?: RedisKeyv; logger: Logger },
): Resilience {
  const timeoutMs = config.REDIS_OPERATION_TIMEOUT_MS;
  const registry = createProviderRegistry({
    retry: { maxRetries: config.RETRY_MAX_ATTEMPTS },
    breaker: {
      failureRatio: config.BREAKER_FAILURE_RATIO,
      minRequests: config.BREAKER_MIN_REQUESTS,
      windowMs: config.BREAKER_WINDOW_MS,
      halfOpenAfterMs: config.BREAKER_HALF_OPEN_AFTER_MS,
    },
    quotas: config.PROVIDER_QUOTAS,
    redis: redis && { client: redis.client, namespace: config.REDIS_NAMESPACE, timeoutMs },
  });
  registry.onStateChange(({ provider, from, to }) => {
    const log = to === 'open' ? logger.warn.bind(logger) : logger.info.bind(logger);
    log({ provider, from, to }, 'circuit breaker state');
  });
  const refreshLock =
    redis &&
    createRedisRefreshLock({
      client: redis.client,
      namespace: config.REDIS_NAMESPACE,
      lockMs: config.REFRESH_LOCK_MS,
      timeoutMs,
    });
  return { registry, refreshLock };
}
