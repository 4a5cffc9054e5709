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
  /**
   * Bytes kept (keys and serialised values, two bytes per UTF-16 unit) before the least recently
   * used are evicted: entries vary from a quote (~300 B) to an answer with its sources (~20 KB),
   * so a count alone does not bound memory. Default: no byte bound.
   */
  maxBytes?: number;
}

/** The in-process cache, which can also list what it holds (for invalidation). */
export interface MemoryCache extends Cache {
  /** Every key currently held (expired entries may still be listed until read). */
  keys(): string[];
}

/**
 * A bounded in-process cache: Keyv over an LRU map. Keyv calls `store.set(key, value, ttlMs)`,
 * while lru-cache takes options as its third argument, so the store is adapted rather than passed
 * as is (passing it silently drops every write that has a TTL).
 */
export function createMemoryCache({ maxEntries, maxBytes }: MemoryCacheOptions): MemoryCache {
  const lru = new LRUCache<string, object>({
    max: maxEntries,
    ttlAutopurge: false,
    ...(maxBytes
      ? {
          maxSize: maxBytes,
          // Keyv hands the store its serialised string; anything else is counted at 1 KiB.
          sizeCalculation: (value: unknown, key: string) =>
            Math.max(1, (typeof value === 'string' ? value.length : 512) * 2 + key.length * 2),
        }
      : {}),
  });
  const store = {
    get: (key: string) => lru.get(key),
    set(key: string, value: object, ttl?: number) {
      // Keyv's serialiser builds its string by concatenation: V8 keeps that as a rope of every
      // piece (several times the characters' size, measured). One flat copy is what is kept.
      const kept = typeof value === 'string' ? (flat(value) as unknown as object) : value;
      lru.set(key, kept, ttl ? { ttl } : undefined);
      return true;
    },
    delete: (key: string) => lru.delete(key),
    clear: () => lru.clear(),
    has: (key: string) => lru.has(key),
  };
  // No key prefix: the LRU holds the cache's own keys, so they can be listed and matched.
  const keyv = new Keyv({ store: store as unknown as Map<string, unknown>, useKeyPrefix: false });
  return { ...createKeyvCache(keyv), keys: () => [...lru.keys()] };
}

/** A flat copy of a string (V8 keeps concatenations as trees of their pieces until flattened). */
function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
