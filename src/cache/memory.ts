import { LRUCache } from 'lru-cache';
import type { Cache } from './types.js';

export interface MemoryCacheOptions {
  /** Entries kept before the least recently used are evicted. */
  maxEntries: number;
  /**
   * Bytes kept (keys and values as JSON, two bytes per UTF-16 unit) before the least recently
   * used are evicted: entries vary from a quote (~300 B) to an answer with its sources (~20 KB),
   * so a count alone does not bound memory. Default: no byte bound.
   */
  maxBytes?: number;
  /** How often a write first drops expired entries (default 5 s; 0 on every write, for tests). */
  purgeIntervalMs?: number;
}

/** The in-process cache, which can also list what it holds (for invalidation). */
export interface MemoryCache extends Cache {
  /** Every key currently held (expired entries may still be listed until read). */
  keys(): string[];
}

/**
 * A bounded in-process cache: an LRU map of values as they are, frozen (deeply), so a read costs
 * a lookup, not a JSON round trip, and a caller that tried to change a shared value would fail
 * loudly instead of changing what the next reader gets. Writes pay once: the JSON round trip that
 * makes the value what a remote tier would return (dates become strings, `undefined` drops out),
 * which also gives its size.
 */
export function createMemoryCache({
  maxEntries,
  maxBytes,
  purgeIntervalMs = 5000,
}: MemoryCacheOptions): MemoryCache {
  const lru = new LRUCache<string, Entry>({
    max: maxEntries,
    ttlAutopurge: false,
    ...(maxBytes ? { maxSize: maxBytes, sizeCalculation: (entry: Entry) => entry.bytes } : {}),
  });
  // lru-cache drops an expired entry only when it is read or pushed out by the bounds, so entries
  // written once and never read again (most answers; a quote lives 15 s) stayed until the cache
  // was full. A walk of the entries (~2 ms at 10k) every few seconds frees them.
  let nextPurge = 0;
  return {
    get<T>(key: string) {
      return Promise.resolve(lru.get(key)?.value as T | undefined);
    },
    peek: <T>(key: string) => lru.get(key)?.value as T | undefined,
    async set(key, value, { ttlSeconds }) {
      const now = Date.now();
      if (now >= nextPurge) {
        nextPurge = now + purgeIntervalMs;
        lru.purgeStale();
      }
      const json = JSON.stringify(value);
      if (json === undefined) return;
      const bytes = Math.max(1, (json.length + key.length) * 2);
      if (maxBytes && bytes > maxBytes) {
        lru.delete(key);
        return;
      }
      const entry = { value: deepFreeze(JSON.parse(json) as unknown), bytes };
      lru.set(key, entry, { ttl: Math.max(1, Math.round(ttlSeconds * 1000)) });
    },
    async delete(key) {
      lru.delete(key);
    },
    keys: () => [...lru.keys()],
  };
}

interface Entry {
  value: unknown;
  bytes: number;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
