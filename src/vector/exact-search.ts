import { dot } from './embedder.js';
import { MinHeap } from './heap.js';
import type { SearchHit } from './hnsw.js';

/** The exact top k and what finding them cost. */
export interface ExactSearchResult {
  hits: SearchHit[];
  /** Always the number of vectors: an exact search compares the query with every one. */
  distanceComputations: number;
}

/**
 * Brute-force k nearest neighbours by cosine (dot product of unit vectors): the ground truth the
 * HNSW index is measured against. `vectors` are [id, vector] pairs (`array.entries()` works).
 */
export function exactSearch(
  vectors: Iterable<readonly [number, Float32Array]>,
  query: Float32Array,
  k: number,
): ExactSearchResult {
  const best = new MinHeap(); // the k highest scores, lowest on top
  let count = 0;
  for (const [id, vector] of vectors) {
    count++;
    const score = dot(query, vector);
    if (best.size < k) best.push(id, score);
    else if (score > best.peekKey()) {
      best.pop();
      best.push(id, score);
    }
  }
  const hits = best
    .entries()
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
  return { hits, distanceComputations: count };
}
