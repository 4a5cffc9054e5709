import { tokenize } from '../language/text.js';
import { loadWordVectors, SIF_A, sifWeight, type WordVectors } from '../language/word-vectors.js';
import { normalise, type Embedder } from './embedder.js';

/** Settings of the GloVe SIF embedder. */
export interface GloveEmbedderOptions {
  /** SIF smoothing constant a in a / (a + p(w)); smaller down-weights frequent words more. */
  a?: number;
  /** The artefact to read (the bundled `src/language/data/glove-100k.bin` by default). */
  path?: URL;
}

/** Bump when tokenising, weighting or the artefact changes: stored vectors are then rebuilt. */
const VERSION = 'glove-sif-v2';
/** Shortest sub-word tried when a word is not in the table ("word pieces"). */
const MIN_PIECE = 4;

/** One token resolved to table entries (rank, weight) or a made-up vector for an unknown word. */
type Resolved = Known | { oov: Float32Array };
type Known = { ranks: number[]; weights: number[] };
/** What the memo keeps for an unknown word: a marker, not its vector (see `resolver`). */
const UNKNOWN = 'unknown';

/**
 * Sentence vectors from pre-trained GloVe word vectors (100d, 100k words), by SIF (Arora et al.
 * 2017, "A simple but tough-to-beat baseline for sentence embeddings"): the sum of the tokens'
 * vectors weighted a / (a + p(w)), p(w) from the frequency rank by Zipf's law, minus the
 * projection on the table's common component, L2-normalised. Local, deterministic, no network.
 */
export function createGloveEmbedder({ a = SIF_A, path }: GloveEmbedderOptions = {}): Embedder {
  if (!(a > 0)) throw new RangeError('a must be > 0');
  const table = loadWordVectors(path);
  const resolve = resolver(table, a);
  return {
    id: VERSION,
    dimension: table.dimension,
    async embed(texts) {
      return texts.map((text) => sentenceVector(table, resolve, text));
    },
  };
}

let sharedVector: ((text: string) => Float32Array) | undefined;

/** The default GloVe SIF vector of one text, synchronously (features of the input guards). */
export function gloveVector(text: string): Float32Array {
  if (!sharedVector) {
    const table = loadWordVectors();
    const resolve = resolver(table, SIF_A);
    sharedVector = (t) => sentenceVector(table, resolve, t);
  }
  return sharedVector(text);
}

function sentenceVector(
  table: WordVectors,
  resolve: (token: string) => Resolved,
  text: string,
): Float32Array {
  const dimension = table.dimension;
  const out = new Float32Array(dimension);
  const tokens = tokenize(text);
  if (tokens.length === 0) return out;
  for (const token of tokens) {
    const r = resolve(token);
    if ('oov' in r) {
      for (let d = 0; d < dimension; d++) out[d] = (out[d] as number) + (r.oov[d] as number);
    } else {
      for (let i = 0; i < r.ranks.length; i++)
        table.addTo(out, r.ranks[i] as number, r.weights[i] as number);
    }
  }
  const u = table.commonComponent;
  let projection = 0;
  for (let d = 0; d < dimension; d++) projection += (out[d] as number) * (u[d] as number);
  for (let d = 0; d < dimension; d++) out[d] = (out[d] as number) - projection * (u[d] as number);
  return normalise(out);
}

/**
 * Maps a token to table entries: the word itself; else the word without a trailing "'s", "es" or
 * "s"; else its greedy longest known sub-words of at least four letters, sharing the word's
 * weight; else a pseudo-random vector seeded by the word's hash (so a rare name or ticker still
 * matches itself exactly) with the weight of the rarest word. Memoised per embedder, bounded; an
 * unknown word's vector is remade on each use rather than kept: numbers, ids and typos make most
 * distinct tokens of an open stream of questions, and each kept vector cost ~650 B of heap (100
 * floats and their buffer) against ~1 µs to remake.
 */
function resolver(table: WordVectors, a: number): (token: string) => Resolved {
  const size = table.size;
  const weightOf = (rank: number) => sifWeight(rank, size, a);
  const rareWeight = weightOf(size);
  const oovLength = table.rareWordNorm * rareWeight;
  const cache = new Map<string, Known | typeof UNKNOWN>();
  const MAX_CACHE = 20_000;

  const lookup = (token: string): Known | typeof UNKNOWN => {
    const rank = table.rank(token);
    if (rank >= 0) return { ranks: [rank], weights: [weightOf(rank)] };
    for (const suffix of ["'s", 'es', 's']) {
      if (token.length > suffix.length + 2 && token.endsWith(suffix)) {
        const base = table.rank(token.slice(0, -suffix.length));
        if (base >= 0) return { ranks: [base], weights: [weightOf(base)] };
      }
    }
    const pieces = wordPieces(table, token);
    if (pieces.length > 0) {
      // The pieces stand for one word: together they weigh what one word of their rarity would.
      return { ranks: pieces, weights: pieces.map((p) => weightOf(p) / pieces.length) };
    }
    return UNKNOWN;
  };

  return (token) => {
    let r = cache.get(token);
    if (!r) {
      r = lookup(token);
      if (cache.size >= MAX_CACHE) cache.clear();
      cache.set(token, r);
    }
    return r === UNKNOWN ? { oov: hashedVector(token, table.dimension, oovLength) } : r;
  };
}

/** Greedy left-to-right longest known sub-words of at least MIN_PIECE letters, as ranks. */
function wordPieces(table: WordVectors, word: string): number[] {
  const pieces: number[] = [];
  let i = 0;
  while (i + MIN_PIECE <= word.length) {
    let found = -1;
    let end = word.length;
    // The whole word is known to be missing; start one shorter when i = 0.
    for (end = i === 0 ? word.length - 1 : word.length; end - i >= MIN_PIECE; end--) {
      found = table.rank(word.slice(i, end));
      if (found >= 0) break;
    }
    if (found >= 0) {
      pieces.push(found);
      i = end;
    } else i++;
  }
  return pieces;
}

/**
 * A deterministic pseudo-random direction for an unknown word, seeded by its FNV-1a hash, scaled
 * to `length` (a typical rare word's vector times its weight, so it counts like one).
 */
function hashedVector(word: string, dimension: number, length: number): Float32Array {
  let state = fnv1a(word) || 0x9e3779b9;
  const next = () => {
    // xorshift32: fast and deterministic; values in (0, 1].
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 1) / 4294967296;
  };
  const v = new Float32Array(dimension);
  for (let d = 0; d < dimension; d += 2) {
    // Box-Muller: Gaussian components give a uniformly distributed direction.
    const r = Math.sqrt(-2 * Math.log(next()));
    const t = 2 * Math.PI * next();
    v[d] = r * Math.cos(t);
    if (d + 1 < dimension) v[d + 1] = r * Math.sin(t);
  }
  normalise(v);
  for (let d = 0; d < dimension; d++) v[d] = (v[d] as number) * length;
  return v;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
