import type { Cache, GetOptions } from './types.js';

/**
 * A cache that reports what each `get` found (the value, or undefined on a miss) and otherwise
 * passes through: how metrics count hits without the layers knowing about metrics.
 */
export function createObservedCache(cache: Cache, onGet: (value: unknown) => void): Cache {
  return {
    async get<T>(key: string, options?: GetOptions) {
      const value = await cache.get<T>(key, options);
      onGet(value);
      return value;
    },
    set: (key, value, options) => cache.set(key, value, options),
    delete: (key) => cache.delete(key),
  };
}
