import { createHash } from 'node:crypto';
import type { Cache } from '../../cache/types.js';
import type { SemanticIndex } from './semantic-index.js';
import type { Logger } from '../../logger.js';
import { normaliseQuestion, type CachedAnswer } from '../answer-cache.js';

interface CatalogEntry {
  id: string;
  question: string;
  options: string;
  expiresAt: number;
}

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

export interface SemanticAnswerCache {
  lookup(question: string, options: string): Promise<SemanticHit | undefined>;
  store(question: string, options: string, answer: CachedAnswer, ttlSeconds: number): Promise<void>;
}

export interface SemanticAnswerCacheOptions {
  /** Where answers and the shared catalog live (Keyv: memory, or Redis for every replica). */
  cache: Cache;
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

const CATALOG_KEY = 'answer:semantic:catalog';
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * The semantic answer cache. Answers are stored in the shared cache; each replica keeps an
 * in-memory nearest-neighbour index of cached questions and refreshes it from a shared catalog
 * (a bounded list in the same cache) so a question cached by one replica can match on another.
 * The catalog is read-modify-write: two replicas writing at once may drop one entry from it, which
 * costs a future miss, never a wrong answer (the answer itself is stored under its own key).
 */
export function createSemanticAnswerCache(
  options: SemanticAnswerCacheOptions,
): SemanticAnswerCache {
  const {
    cache,
    createIndex,
    logger,
    maxEntries = 2000,
    maxIndexes = 64,
    syncIntervalMs = 5000,
    now = Date.now,
  } = options;
  // Insertion order is recency: a used index is moved to the end, the first is the eldest.
  const indexes = new Map<string, SemanticIndex>();
  // What the local indexes hold: id -> when it expires and which index has it.
  const known = new Map<string, { expiresAt: number; options: string }>();
  let lastSync = 0;

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

  async function addLocal(entry: CatalogEntry) {
    if (!known.has(entry.id) && known.size >= maxEntries) {
      let soonest: string | undefined;
      let soonestAt = Infinity;
      for (const [id, { expiresAt }] of known) {
        if (expiresAt < soonestAt) [soonest, soonestAt] = [id, expiresAt];
      }
      if (soonest !== undefined) forget(soonest);
    }
    known.set(entry.id, { expiresAt: entry.expiresAt, options: entry.options });
    await indexFor(entry.options).add(entry.id, entry.question);
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
    const catalog = (await cache.get<CatalogEntry[]>(CATALOG_KEY)) ?? [];
    for (const entry of catalog) {
      if (entry.expiresAt > at && !known.has(entry.id)) await addLocal(entry);
    }
  }

  return {
    async lookup(question, opts) {
      const at = now();
      evictExpired(at);
      await sync(at);
      if (!indexes.has(opts)) return undefined;
      const index = indexFor(opts);
      if (index.size === 0) return undefined;
      const hit = await index.lookup(question);
      if (!hit) return undefined;
      const stored = await cache.get<StoredAnswer>(`answer:semantic:${hit.id}`);
      // Expired or evicted from the shared cache: forget it here too.
      if (!stored || stored.options !== opts) {
        forget(hit.id);
        return undefined;
      }
      return { answer: stored.answer, question: stored.question, similarity: hit.similarity };
    },
    async store(question, opts, answer, ttlSeconds) {
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
      await addLocal(entry);
      try {
        const catalog = ((await cache.get<CatalogEntry[]>(CATALOG_KEY)) ?? []).filter(
          (e) => e.expiresAt > at && e.id !== id,
        );
        catalog.push(entry);
        catalog.sort((a, b) => b.expiresAt - a.expiresAt);
        const ttl = Math.max(...catalog.map((e) => (e.expiresAt - at) / 1000));
        await cache.set(CATALOG_KEY, catalog.slice(0, maxEntries), { ttlSeconds: ttl });
      } catch (error) {
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'semantic catalog not updated',
        );
      }
    },
  };
}
