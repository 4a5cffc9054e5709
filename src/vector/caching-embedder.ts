import { createHash } from 'node:crypto';
import type { Cache } from '../cache/types.js';
import type { Embedder } from './embedder.js';

/** The cache of embeddings and how long entries live. */
export interface CachingEmbedderOptions {
  cache: Cache;
  /** Default one day: an embedding of a text by one model never changes. */
  ttlSeconds?: number;
}

/**
 * Wraps an embedder so each text's vector is kept in a cache (per embedder id and dimension), for
 * repeated search queries against a paid API. The cache holds plain number arrays (JSON-safe).
 */
export function createCachingEmbedder(
  inner: Embedder,
  { cache, ttlSeconds = 86_400 }: CachingEmbedderOptions,
): Embedder {
  const keyOf = (text: string) =>
    `embedding:${inner.id}:${inner.dimension}:${createHash('sha256').update(text).digest('base64url')}`;
  return {
    id: inner.id,
    dimension: inner.dimension,
    async embed(texts, onUsage) {
      const keys = texts.map(keyOf);
      const cached = await Promise.all(keys.map((key) => cache.get<number[]>(key)));
      const missing = texts.filter((_, i) => cached[i]?.length !== inner.dimension);
      const fresh = missing.length > 0 ? await inner.embed(missing, onUsage) : [];
      let next = 0;
      return Promise.all(
        texts.map(async (_, i) => {
          const hit = cached[i];
          if (hit?.length === inner.dimension) return Float32Array.from(hit);
          const vector = fresh[next++] as Float32Array;
          await cache.set(keys[i] as string, Array.from(vector), { ttlSeconds });
          return vector;
        }),
      );
    },
  };
}
