import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { MemoryCache } from './memory.js';

/** Which cache entries to remove. */
export interface InvalidationFilter {
  /** Key prefixes to consider (`v1:open-meteo:`, `answer:`); an empty string matches every key. */
  prefixes: string[];
  /** Glob over the rest of the key (`*` any run, `?` one character), case-insensitive. */
  pattern?: string | null;
  /** Only entries whose value was fetched more than this many seconds ago (entries without a time match). */
  olderThanSeconds?: number | null;
}

export interface CacheInvalidator {
  /**
   * Removes matching entries from this replica's local tier and from Redis, and tells every other
   * replica (Redis pub/sub) to drop them from its local tier. Resolves to the number of distinct keys
   * removed here and in Redis.
   */
  invalidate(filter: InvalidationFilter): Promise<number>;
  close(): Promise<void>;
}

/** The node-redis commands the invalidator uses. */
export interface InvalidationRedisClient {
  scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string | string[]>;
  get(key: string): Promise<string | null | unknown>;
  unlink(keys: string[]): Promise<unknown>;
  publish(channel: string, message: string): Promise<unknown>;
  duplicate(): InvalidationRedisClient & {
    connect(): Promise<unknown>;
    subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
    destroy?(): void;
    quit?(): Promise<unknown>;
    on(event: 'error', listener: (error: unknown) => void): unknown;
  };
}

export interface CacheInvalidatorOptions {
  local: MemoryCache;
  redis?: { client: InvalidationRedisClient; namespace: string };
  logger: Logger;
  now?: () => number;
}

/** `*` and `?` glob to an anchored, case-insensitive regular expression. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function matcher(filter: InvalidationFilter) {
  const pattern = filter.pattern ? globToRegExp(filter.pattern) : null;
  return (key: string) =>
    filter.prefixes.some(
      (prefix) => key.startsWith(prefix) && (!pattern || pattern.test(key.slice(prefix.length))),
    );
}

/** Whether a cached value (as Keyv stores it, or already unwrapped) is older than the cut-off. */
function olderThan(raw: unknown, cutoff: number): boolean {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return true;
    }
  }
  const inner = (value as { value?: unknown } | null)?.value ?? value;
  const fetchedAt = (inner as { fetchedAt?: unknown } | null)?.fetchedAt;
  if (typeof fetchedAt !== 'string') return true;
  return Date.parse(fetchedAt) < cutoff;
}

/** Builds the invalidator; with Redis it subscribes to the replicas' invalidation channel. */
export async function createCacheInvalidator(
  options: CacheInvalidatorOptions,
): Promise<CacheInvalidator> {
  const { local, redis, logger, now = Date.now } = options;
  const replica = randomUUID();
  const channel = redis ? `${redis.namespace}:invalidate` : '';

  async function dropLocal(filter: InvalidationFilter): Promise<string[]> {
    const matches = matcher(filter);
    const cutoff = filter.olderThanSeconds ? now() - filter.olderThanSeconds * 1000 : null;
    const removed: string[] = [];
    for (const key of local.keys()) {
      if (!matches(key)) continue;
      if (cutoff !== null && !olderThan(await local.get(key), cutoff)) continue;
      await local.delete(key);
      removed.push(key);
    }
    return removed;
  }

  let subscriber: ReturnType<InvalidationRedisClient['duplicate']> | undefined;
  if (redis) {
    const sub = redis.client.duplicate();
    subscriber = sub;
    sub.on('error', (error) =>
      logger.debug({ err: String(error) }, 'invalidation subscriber error'),
    );
    // In the background: a Redis that is down must not hold up start-up. Until the subscription
    // is up, other replicas' messages are missed and their entries live out the local tier's short TTL.
    sub
      .connect()
      .then(() =>
        sub.subscribe(channel, (message) => {
          try {
            const { origin, filter } = JSON.parse(message) as {
              origin: string;
              filter: InvalidationFilter;
            };
            if (origin !== replica) void dropLocal(filter);
          } catch (error) {
            logger.warn({ err: String(error) }, 'bad invalidation message');
          }
        }),
      )
      .catch((error: unknown) =>
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'invalidation channel unavailable',
        ),
      );
  }

  async function dropRedis(filter: InvalidationFilter): Promise<string[]> {
    if (!redis) return [];
    const prefix = `${redis.namespace}:`;
    const matches = matcher(filter);
    const cutoff = filter.olderThanSeconds ? now() - filter.olderThanSeconds * 1000 : null;
    const removed: string[] = [];
    // Redis globs need their own escaping; the prefix filter is exact, so scan the namespace.
    const escaped = prefix.replace(/[*?[\]\\]/g, '\\$&');
    for await (const batch of redis.client.scanIterator({ MATCH: `${escaped}*`, COUNT: 500 })) {
      const keys = (Array.isArray(batch) ? batch : [batch]).filter((k) =>
        matches(k.slice(prefix.length)),
      );
      const doomed: string[] = [];
      for (const key of keys) {
        // A key that is not a string (the semantic catalog's sorted set and hash) has no time of
        // its own: it matches, as entries without a time do.
        const raw = cutoff === null ? null : await redis.client.get(key).catch(() => null);
        if (cutoff !== null && !olderThan(raw, cutoff)) continue;
        doomed.push(key);
      }
      if (doomed.length > 0) await redis.client.unlink(doomed);
      removed.push(...doomed.map((k) => k.slice(prefix.length)));
    }
    return removed;
  }

  return {
    async invalidate(filter) {
      const removed = new Set(await dropLocal(filter));
      if (redis) {
        try {
          for (const key of await dropRedis(filter)) removed.add(key);
          await redis.client.publish(channel, JSON.stringify({ origin: replica, filter }));
        } catch (error) {
          logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'redis invalidation failed',
          );
        }
      }
      logger.info(
        { prefixes: filter.prefixes, pattern: filter.pattern, removed: removed.size },
        'cache invalidated',
      );
      return removed.size;
    },
    async close() {
      if (!subscriber) return;
      try {
        if (subscriber.destroy) subscriber.destroy();
        else await subscriber.quit?.();
      } catch {
        // Closing a subscriber whose connection already dropped is fine.
      }
    },
  };
}
