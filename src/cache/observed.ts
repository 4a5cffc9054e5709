import type { Cache, GetOptions } from './types.js';

/**
 * A cache that reports what each `get` found (the value, or undefined on a miss) and otherwise
 * passes through: how metrics count hits without the layers knowing about metrics.
 */
export function createObservedCache(cache: Cache, onGet: (value: unknown) => void): Cache {
  return {
    // A `then`, not an async function: a read of the in-process tier passes several of these, and
    // with promise hooks on (AsyncLocalStorage) each `await` allocates a promise of its own.
    get: <T>(key: string, options?: GetOptions) =>
      cache.get<T>(key, options).then((value) => {
        onGet(value);
        return value;
      }),
    set: (key, value, options) => cache.set(key, value, options),
    delete: (key) => cache.delete(key),
  };
}
