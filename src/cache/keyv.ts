import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import type { Cache } from './types.js';

/** Adapts a Keyv instance (any store) to the Cache interface. */
export function createKeyvCache(keyv: Keyv): Cache {
  return {
    async get<T>(key: string) {
      return (await keyv.get(key)) as T | undefined;
    },
    async set(key, value, { ttlSeconds }) {
      await keyv.set(key, value, Math.max(1, Math.round(ttlSeconds * 1000)));
    },
    async delete(key) {
      await keyv.delete(key);
    },
  };
}

export interface MemoryCacheOptions {
  /** Entries kept before the least recently used are evicted. */
  maxEntries: number;
}

/** A bounded in-process cache: Keyv over an LRU map. */
export function createMemoryCache({ maxEntries }: MemoryCacheOptions): Cache {
  const store = new LRUCache<string, object>({ max: maxEntries });
  // Keyv only needs a Map-like store; LRUCache provides get/set/delete/clear.
  return createKeyvCache(new Keyv({ store: store as unknown as Map<string, unknown> }));
}
