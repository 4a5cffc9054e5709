import type { Cache } from '../../cache/types.js';
import { withTimeout } from '../../resilience/with-timeout.js';

/** One cached question as the catalog lists it (the answer itself lives under its own key). */
export interface CatalogEntry {
  id: string;
  question: string;
  options: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** What a replica reads from the catalog to bring its index up to date. */
export interface CatalogSnapshot {
  /** Every id the catalog lists that has not expired. */
  live: Set<string>;
  /** The entries of the live ids the reader did not know. */
  fresh: CatalogEntry[];
}

/**
 * The list of cached questions that every replica's semantic index follows: bounded to
 * `maxEntries` (the soonest to expire dropped first), expired entries dropped.
 */
export interface SemanticCatalog {
  /** Adds or replaces an entry, then drops expired entries and trims. Never rejects. */
  add(entry: CatalogEntry, at: number): Promise<void>;
  /**
   * The live ids at `at`, with the entries of those `isKnown` rejects; undefined when the catalog
   * could not be read (the reader keeps what it has). Never rejects.
   */
  read(at: number, isKnown: (id: string) => boolean): Promise<CatalogSnapshot | undefined>;
}

/** Told about a failed catalog operation (for a log line); must not throw. */
export type CatalogErrorHandler = (error: unknown, operation: 'add' | 'read') => void;

/** The catalog's key in the cache stack; under `answer:` so invalidating answers removes it. */
export const CATALOG_KEY = 'answer:semantic:catalog';

export interface CacheSemanticCatalogOptions {
  cache: Cache;
  maxEntries: number;
  onError?: CatalogErrorHandler;
}

// Writers sharing one cache take turns, so no add reads a list another add is about to replace.
const turns = new WeakMap<Cache, Promise<unknown>>();

/**
 * The catalog as one list under `answer:semantic:catalog` in a cache (in-process without Redis).
 * Adds are read-modify-write, serialised per cache: correct within one process, not across
 * processes sharing a remote cache (use the Redis catalog there).
 */
export function createCacheSemanticCatalog({
  cache,
  maxEntries,
  onError = () => {},
}: CacheSemanticCatalogOptions): SemanticCatalog {
  async function write(entry: CatalogEntry, at: number) {
    const list = ((await cache.get<CatalogEntry[]>(CATALOG_KEY)) ?? []).filter(
      (e) => e.expiresAt > at && e.id !== entry.id,
    );
    list.push(entry);
    list.sort((a, b) => b.expiresAt - a.expiresAt);
    const kept = list.slice(0, maxEntries).filter((e) => e.expiresAt > at);
    if (kept.length === 0) return cache.delete(CATALOG_KEY);
    const ttlSeconds = ((kept[0] as CatalogEntry).expiresAt - at) / 1000;
    await cache.set(CATALOG_KEY, kept, { ttlSeconds });
  }

  return {
    add(entry, at) {
      const turn = (turns.get(cache) ?? Promise.resolve())
        .then(() => write(entry, at))
        .catch((error: unknown) => onError(error, 'add'));
      turns.set(cache, turn);
      return turn;
    },
    async read(at, isKnown) {
      try {
        const list = (await cache.get<CatalogEntry[]>(CATALOG_KEY)) ?? [];
        const current = list.filter((e) => e.expiresAt > at);
        return {
          live: new Set(current.map((e) => e.id)),
          fresh: current.filter((e) => !isKnown(e.id)),
        };
      } catch (error) {
        onError(error, 'read');
        return undefined;
      }
    },
  };
}

/** The node-redis commands the Redis catalog uses (@keyv/redis `client` has them). */
export interface CatalogRedisClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  zRangeByScore(key: string, min: string | number, max: string | number): Promise<unknown>;
  hmGet(key: string, fields: string[]): Promise<unknown>;
}

export interface RedisSemanticCatalogOptions {
  client: CatalogRedisClient;
  /** REDIS_NAMESPACE: keys are `<namespace>:answer:semantic:catalog:{ids,entries}`. */
  namespace: string;
  maxEntries: number;
  /** Per Redis command (REDIS_OPERATION_TIMEOUT_MS); a slower Redis counts as down for that call. */
  timeoutMs: number;
  onError?: CatalogErrorHandler;
}

// KEYS: the sorted set (id by expiry), the hash (id -> entry JSON).
// ARGV: id, expiresAt, entry JSON, now, maxEntries. One script, so concurrent writers never
// lose an entry and the set and the hash never disagree. Both keys expire with the last entry.
const ADD = `
local ids, entries = KEYS[1], KEYS[2]
local function drop(doomed)
  for i = 1, #doomed, 500 do
    redis.call('HDEL', entries, unpack(doomed, i, math.min(i + 499, #doomed)))
  end
end
redis.call('ZADD', ids, ARGV[2], ARGV[1])
redis.call('HSET', entries, ARGV[1], ARGV[3])
drop(redis.call('ZRANGEBYSCORE', ids, '-inf', ARGV[4]))
redis.call('ZREMRANGEBYSCORE', ids, '-inf', ARGV[4])
local excess = redis.call('ZCARD', ids) - tonumber(ARGV[5])
if excess > 0 then
  drop(redis.call('ZRANGE', ids, 0, excess - 1))
  redis.call('ZREMRANGEBYRANK', ids, 0, excess - 1)
end
local last = redis.call('ZRANGE', ids, -1, -1, 'WITHSCORES')
if last[2] then
  redis.call('PEXPIREAT', ids, last[2])
  redis.call('PEXPIREAT', entries, last[2])
end
return 0
`;

/**
 * The catalog in Redis, shared by every replica: a sorted set of ids scored by expiry and a hash of
 * entries, changed only by one script (atomic, so no writer loses another's entry). A read fetches
 * the live ids and only the entries the reader lacks. Every command has a deadline; a failure is
 * reported to `onError` and counts as a miss.
 */
export function createRedisSemanticCatalog({
  client,
  namespace,
  maxEntries,
  timeoutMs,
  onError = () => {},
}: RedisSemanticCatalogOptions): SemanticCatalog {
  // Not the in-process catalog's key: a string left there by an older version must not collide.
  const ids = `${namespace}:${CATALOG_KEY}:ids`;
  const entries = `${namespace}:${CATALOG_KEY}:entries`;

  return {
    async add(entry, at) {
      try {
        await withTimeout(
          client.eval(ADD, {
            keys: [ids, entries],
            arguments: [
              entry.id,
              String(Math.ceil(entry.expiresAt)),
              JSON.stringify(entry),
              String(Math.floor(at)),
              String(maxEntries),
            ],
          }),
          timeoutMs,
        );
      } catch (error) {
        onError(error, 'add');
      }
    },
    async read(at, isKnown) {
      try {
        const reply = await withTimeout(
          client.zRangeByScore(ids, `(${Math.floor(at)}`, '+inf'),
          timeoutMs,
        );
        const live = new Set(reply as string[]);
        const unknown = [...live].filter((id) => !isKnown(id));
        if (unknown.length === 0) return { live, fresh: [] };
        const bodies = (await withTimeout(client.hmGet(entries, unknown), timeoutMs)) as (
          string | null
        )[];
        const fresh: CatalogEntry[] = [];
        for (const body of bodies) if (body) fresh.push(JSON.parse(body) as CatalogEntry);
        return { live, fresh };
      } catch (error) {
        onError(error, 'read');
        return undefined;
      }
    },
  };
}
