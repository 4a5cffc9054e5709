import type { Cache, GetOptions } from './types.js';

/**
 * A cache that reports what each `get` found (the value, or undefined on a miss) and otherwise
 * passes through: how metrics count hits without the layers knowing about metrics. A `peek` that
 * finds the value is reported as a `get` would be; one that does not is not reported, since the
 * caller's `get` that follows it is.
 */
export function createObservedCache(cache: Cache, onGet: (value: unknown) => void): Cache {
  const { peek } = cache;
  return {
    ...(peek && {
      peek<T>(key: string) {
        const value = peek<T>(key);
        if (value !== undefined) onGet(value);
        return value;
      },
    }),
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
