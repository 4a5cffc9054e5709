import { normalise, type Embedder } from './embedder.js';

/** One part of a hybrid embedder and its share of the similarity. */
export interface HybridPart {
  embedder: Embedder;
  /** Share of the cosine this part contributes (shares are normalised to sum to 1). */
  weight: number;
}

/**
 * Concatenates the unit vectors of several embedders, each scaled by the square root of its
 * share, so the cosine of two hybrid vectors is the weighted mean of the parts' cosines: a dense
 * meaning signal (GloVe) beside a lexical one (hashed words), as hybrid search does, in one
 * vector the index and the caches handle like any other.
 */
export function createHybridEmbedder(parts: readonly HybridPart[]): Embedder {
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  if (parts.length === 0 || !(total > 0) || parts.some((p) => !(p.weight >= 0)))
    throw new RangeError('a hybrid embedder needs parts with non-negative weights summing above 0');
  const scales = parts.map((p) => Math.sqrt(p.weight / total));
  const dimension = parts.reduce((sum, p) => sum + p.embedder.dimension, 0);
  const id = `hybrid(${parts.map((p) => `${p.embedder.id}*${(p.weight / total).toFixed(2)}`).join('+')})`;
  return {
    id,
    dimension,
    async embed(texts, onUsage) {
      const vectors = await Promise.all(parts.map((p) => p.embedder.embed(texts, onUsage)));
      return texts.map((_, t) => {
        const out = new Float32Array(dimension);
        let offset = 0;
        parts.forEach((part, k) => {
          const v = (vectors[k] as Float32Array[])[t] as Float32Array;
          const scale = scales[k] as number;
          for (let d = 0; d < v.length; d++) out[offset + d] = (v[d] as number) * scale;
          offset += part.embedder.dimension;
        });
        // Parts are unit vectors, so this only matters when one of them is zero (no known word).
        return normalise(out);
      });
    },
  };
}
