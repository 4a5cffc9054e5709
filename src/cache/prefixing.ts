import type { Cache } from './types.js';

/** Namespaces every key, e.g. per provider: `open-meteo:forecast:…`. */
export function createPrefixingCache(inner: Cache, prefix: string): Cache {
  const { peek } = inner;
  return {
    get: (key, options) => inner.get(prefix + key, options),
    ...(peek && { peek: <T>(key: string) => peek<T>(prefix + key) }),
    set: (key, value, options) => inner.set(prefix + key, value, options),
    delete: (key) => inner.delete(prefix + key),
  };
}
