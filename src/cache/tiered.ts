import type { Cache, GetOptions } from './types.js';

export interface TieredCacheOptions {
  /** The fast, per-process tier. */
  local: Cache;
  /** The shared tier (Redis), already wrapped so failures are misses. */
  remote: Cache;
  /** Upper bound on how long a value stays in the local tier; keeps replicas close to Redis. */
  localTtlSeconds: number;
}

/**
 * A small local tier in front of a shared one. Reads try local, then remote (and copy the value
 * down); writes go to both. The local TTL is short so replicas converge on what Redis holds.
 */
export function createTieredCache({ local, remote, localTtlSeconds }: TieredCacheOptions): Cache {
  const { peek } = local;
  return {
    ...(peek && { peek }),
    async get<T>(key: string, options?: GetOptions) {
      const near = options?.shared ? undefined : await local.get<T>(key);
      if (near !== undefined) return near;
      const far = await remote.get<T>(key);
      if (far !== undefined) await local.set(key, far, { ttlSeconds: localTtlSeconds });
      return far;
    },
    async set(key, value, { ttlSeconds }) {
      await Promise.all([
        local.set(key, value, { ttlSeconds: Math.min(ttlSeconds, localTtlSeconds) }),
        remote.set(key, value, { ttlSeconds }),
      ]);
    },
    async delete(key) {
      await Promise.all([local.delete(key), remote.delete(key)]);
    },
  };
}
