import { createHash } from 'node:crypto';
import type { Cache } from '../../cache/types.js';
import type { SemanticIndex } from './semantic-index.js';
import type { Logger } from '../../logger.js';
import type { UsageSink } from '../../vector/embedder.js';
import { normaliseQuestion, type CachedAnswer } from '../answer-cache.js';
import {
  createCacheSemanticCatalog,
  createRedisSemanticCatalog,
  type CatalogEntry,
  type CatalogRedisClient,
} from './catalog.js';

interface StoredAnswer {
  question: string;
  options: string;
  answer: CachedAnswer;
}

export interface SemanticHit {
  answer: CachedAnswer;
  question: string;
  similarity: number;
}

/**
 * Answers found again by meaning. The embedding of the question looked up or stored is billed to
 * `onUsage`; embeddings of entries synced from other replicas are the gateway's own.
 */
export interface SemanticAnswerCache {
  lookup(question: string, options: string, onUsage?: UsageSink): Promise<SemanticHit | undefined>;
  store(
    question: string,
    options: string,
    answer: CachedAnswer,
    ttlSeconds: number,
    onUsage?: UsageSink,
  ): Promise<void>;
}

export interface SemanticAnswerCacheOptions {
  /** Where answers live (memory, or tiered memory and Redis); the catalog too, without `redis`. */
  cache: Cache;
  /**
   * With Redis, the catalog is a sorted set and a hash there, changed atomically, so replicas
   * writing at once lose no entry. Keys live under `namespace`; each command has `timeoutMs`.
   */
  redis?: { client: CatalogRedisClient; namespace: string; timeoutMs: number };
  /** Builds one in-process index per options key (questions asked with other options never match). */
  createIndex: () => SemanticIndex;
  logger: Logger;
  /** Most entries kept, in the catalog and in this replica's indexes (soonest expiring dropped first). */
  maxEntries?: number;
  /** Most distinct option sets indexed here (least recently used dropped first): clients choose options. */
  maxIndexes?: number;
  /** How often a replica reads the shared catalog for questions other replicas cached. */
  syncIntervalMs?: number;
  now?: () => number;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * The semantic answer cache. Answers are stored in the shared cache; each replica keeps an
 * in-memory nearest-neighbour index of cached questions and, every `syncIntervalMs`, brings it in
 * line with the catalog (catalog.ts): it adds the entries other replicas listed and forgets those
 * the catalog no longer lists (expired, trimmed, invalidated). A catalog that cannot be read leaves
 * the index as it is; an answer whose key is gone is a miss, so the index never serves a removed one.
 */
export function createSemanticAnswerCache(
  options: SemanticAnswerCacheOptions,
): SemanticAnswerCache {
  const {
    cache,
    redis,
    createIndex,
    logger,
    maxEntries = 2000,
    maxIndexes = 64,
    syncIntervalMs = 5000,
    now = Date.now,
  } = options;
  // Insertion order is recency: a used index is moved to the end, the first is the eldest.
  const indexes = new Map<string, SemanticIndex>();
  const onError = (error: unknown, operation: 'add' | 'read') =>
    logger.debug(
      { operation, err: error instanceof Error ? error.message : String(error) },
      'semantic catalog unavailable',
    );
  const catalog = redis
    ? createRedisSemanticCatalog({ ...redis, maxEntries, onError })
    : createCacheSemanticCatalog({ cache, maxEntries, onError });
  // What the local indexes hold: id -> when it expires, which index has it, and the sync round
  // it was added in (an entry added while a read is under way is not forgotten by that read).
  const known = new Map<string, { expiresAt: number; options: string; round: number }>();
  let lastSync = 0;
  let round = 0;

  const forget = (id: string) => {
    const entry = known.get(id);
    if (!entry) return;
    known.delete(id);
    indexes.get(entry.options)?.remove(id);
  };

  const indexFor = (opts: string) => {
    let index = indexes.get(opts);
    if (index) indexes.delete(opts);
    else index = createIndex();
    indexes.set(opts, index);
    for (const [eldest] of indexes) {
      if (indexes.size <= maxIndexes) break;
      indexes.delete(eldest);
      for (const [id, entry] of known) if (entry.options === eldest) known.delete(id);
    }
    return index;
  };

  async function addLocal(entry: CatalogEntry, onUsage?: UsageSink) {
    if (!known.has(entry.id) && known.size >= maxEntries) {
      let soonest: string | undefined;
      let soonestAt = Infinity;
      for (const [id, { expiresAt }] of known) {
        if (expiresAt < soonestAt) [soonest, soonestAt] = [id, expiresAt];
      }
      if (soonest !== undefined) forget(soonest);
    }
    known.set(entry.id, { expiresAt: entry.expiresAt, options: entry.options, round });
    await indexFor(entry.options).add(entry.id, entry.question, onUsage);
  }

  let lastEviction = 0;
  function evictExpired(at: number) {
    if (at - lastEviction < 1000) return; // a walk of `known` at most once a second, not per lookup
    lastEviction = at;
    for (const [id, { expiresAt }] of known) if (expiresAt <= at) forget(id);
  }

  async function sync(at: number) {
    if (at - lastSync < syncIntervalMs) return;
    lastSync = at;
    const started = ++round;
    const snapshot = await catalog.read(at, (id) => known.has(id));
    if (!snapshot) return;
    for (const [id, entry] of known) {
      if (entry.round < started && !snapshot.live.has(id)) forget(id);
    }
    for (const entry of snapshot.fresh) {
      if (entry.expiresAt > at && !known.has(entry.id)) await addLocal(entry);
    }
  }

  return {
    async lookup(question, opts, onUsage) {
      const at = now();
      evictExpired(at);
      await sync(at);
      if (!indexes.has(opts)) return undefined;
      const index = indexFor(opts);
      if (index.size === 0) return undefined;
      const hit = await index.lookup(question, onUsage);
      if (!hit) return undefined;
      const stored = await cache.get<StoredAnswer>(`answer:semantic:${hit.id}`);
      // Expired or evicted from the shared cache: forget it here too.
      if (!stored || stored.options !== opts) {
        forget(hit.id);
        return undefined;
      }
      return { answer: stored.answer, question: stored.question, similarity: hit.similarity };
    },
    async store(question, opts, answer, ttlSeconds, onUsage) {
      const at = now();
      const id = digest(`${opts}\n${normaliseQuestion(question)}`);
      const entry: CatalogEntry = {
        id,
        question,
        options: opts,
        expiresAt: at + ttlSeconds * 1000,
      };
      await cache.set(
        `answer:semantic:${id}`,
        { question, options: opts, answer } satisfies StoredAnswer,
        { ttlSeconds },
      );
      // Listed first: a sync that reads the catalog after this entry joined the index then sees it.
      await catalog.add(entry, at);
      await addLocal(entry, onUsage);
    },
  };
}
