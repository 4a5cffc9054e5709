import type { Cache } from '../cache/types.js';

/** Provenance every cached model carries, so `fetchedAt` and `stale` survive the cache. */
export interface Fetched {
  /** ISO time the upstream answered (not the time it was read from cache). */
  fetchedAt: string;
  /** Freshness budget of the value; past it the value is stale. */
  ttlSeconds: number;
}

/** Whether a value is past its TTL at `now`. Computed, never stored. */
export function isStale(value: Fetched, now = Date.now()): boolean {
  return now - Date.parse(value.fetchedAt) > value.ttlSeconds * 1000;
}

export interface CachedLoadOptions<K, V extends Fetched> {
  cache: Cache;
  /** Cache key of one key: must include every parameter that changes the answer. */
  keyOf(key: K): string;
  /** How long a value is fresh. */
  ttlSeconds: number;
  /** How long past its TTL a value is kept to be served, marked stale, when the upstream fails. */
  graceSeconds: number;
  /** Fetches the distinct keys that missed; the DataLoader contract (same length and order). */
  load(keys: readonly K[]): Promise<Array<V | Error>>;
}

/**
 * A batch load through the cache: reads every key, sends one `load` for the distinct misses, writes
 * what came back, and serves a kept stale value in the slot of a key whose reload failed.
 */
export async function loadManyCached<K, V extends Fetched>(
  keys: readonly K[],
  options: CachedLoadOptions<K, V>,
): Promise<Array<V | Error>> {
  const { cache, keyOf, ttlSeconds, graceSeconds, load } = options;
  const cacheKeys = keys.map(keyOf);
  const distinct = [...new Map(cacheKeys.map((ck, i) => [ck, keys[i] as K])).entries()];
  const cached = await Promise.all(distinct.map(([ck]) => cache.get<V>(ck)));

  const found = new Map<string, V | Error>();
  const stale = new Map<string, V>();
  const misses: Array<[string, K]> = [];
  const now = Date.now();
  distinct.forEach((entry, i) => {
    const hit = cached[i];
    if (hit !== undefined && !isStale(hit, now)) found.set(entry[0], hit);
    else {
      if (hit !== undefined) stale.set(entry[0], hit);
      misses.push(entry);
    }
  });

  if (misses.length > 0) {
    const loaded = await load(misses.map(([, key]) => key));
    if (loaded.length !== misses.length) {
      throw new TypeError(
        `load must return an array of the same length as its keys: got ${loaded.length} for ${misses.length}`,
      );
    }
    await Promise.all(
      misses.map(async ([ck], i) => {
        const value = loaded[i] as V | Error;
        if (value instanceof Error) {
          found.set(ck, stale.get(ck) ?? value);
          return;
        }
        found.set(ck, value);
        await cache.set(ck, value, { ttlSeconds: ttlSeconds + graceSeconds });
      }),
    );
  }
  return cacheKeys.map((ck) => found.get(ck) as V | Error);
}
