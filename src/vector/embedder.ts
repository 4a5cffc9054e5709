/**
 * Turns texts into unit-length vectors, so cosine similarity is a dot product. Implementations:
 * the local hashing embedder (no network, no model files) and the OpenAI embeddings API.
 */
export interface Embedder {
  /** Names the model and its version, e.g. `hashing-v1` or `openai:text-embedding-3-small`. */
  readonly id: string;
  /**
   * Length of every vector this embedder returns. When the server decides it (an
   * OpenAI-compatible server with no configured dimension), the length of the server's first
   * answer, and the model's documented length until then.
   */
  readonly dimension: number;
  /**
   * Takes `dimension` as this embedder's length when the server decides it and has not answered
   * with another yet (an index it built before says what it returns); false when the length is
   * fixed. Absent on embedders whose length never varies.
   */
  adoptDimension?(dimension: number): boolean;
  /**
   * One vector per text, in order. Vectors are L2-normalised (a text with no features is zero).
   * `onUsage` is told the tokens of every paid request made for these texts, to bill the caller.
   */
  embed(texts: readonly string[], onUsage?: UsageSink): Promise<Float32Array[]>;
}

/** Tokens one paid embeddings request used. */
export interface EmbeddingUsage {
  model: string;
  promptTokens: number;
  totalTokens: number;
}

/** Where a caller's embedding usage goes: its request's cost ledger, or the usage log. */
export type UsageSink = (usage: EmbeddingUsage) => void;

/** Scales a vector in place to unit length; a zero vector is left as it is. */
export function normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] as number) ** 2;
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) * scale;
  return vector;
}

/** Dot product of two vectors of the same length (cosine similarity for unit vectors). */
export function dot(a: Float32Array, b: Float32Array): number {
  // Four accumulators: about a third faster than the plain loop on V8 (the hot path of search).
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += (a[i] as number) * (b[i] as number);
    s1 += (a[i + 1] as number) * (b[i + 1] as number);
    s2 += (a[i + 2] as number) * (b[i + 2] as number);
    s3 += (a[i + 3] as number) * (b[i + 3] as number);
  }
  for (; i < n; i++) s0 += (a[i] as number) * (b[i] as number);
  return s0 + s1 + s2 + s3;
}
