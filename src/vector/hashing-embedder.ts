import { fmix32, fnv1a } from '../language/hash.js';
import { stem, tokenizeWithParts as tokenize } from '../language/text.js';
import { normalise, type Embedder } from './embedder.js';

/** Settings of the hashing embedder. */
export interface HashingEmbedderOptions {
  /** Vector length; features are hashed into this many signed buckets. */
  dimension?: number;
}

/** Bump when tokenising, stemming or hashing changes: stored vectors are then rebuilt. */
const VERSION = 'hashing-v3';
const BIGRAM_WEIGHT = 0.7;

// Small on purpose: words that carry meaning in questions about Sluice ("key", "set", "limit") stay.
const STOP_WORDS = new Set(
  (
    'a an the and or of to in on for with by at from as is are was were be been being it its this ' +
    'that these those what which who whom how when where why do does did i you we they he she my ' +
    'your our their me us can could should would will shall may might must there here about into ' +
    'than then so if but also just any all some such each has have had am im very too only'
  ).split(' '),
);

/** A deterministic feature-hashing embedder: no network, no model files, pure TypeScript. */
export function createHashingEmbedder({ dimension = 512 }: HashingEmbedderOptions = {}): Embedder {
  if (!Number.isInteger(dimension) || dimension < 8)
    throw new RangeError('dimension must be an integer >= 8');
  return {
    id: VERSION,
    dimension,
    async embed(texts) {
      return texts.map((text) => hashingVector(text, dimension));
    },
  };
}

/**
 * The vector of one text: unigrams and bigrams of stemmed, non-stop-word tokens, each hashed to a
 * bucket with a sign (so collisions cancel instead of piling up), weighted 1 + ln(tf), L2-normalised.
 */
export function hashingVector(text: string, dimension: number): Float32Array {
  const tokens = tokenize(text);
  const content = tokens.filter((token) => !STOP_WORDS.has(token)).map(stem);
  // A text of stop words only ("what is it") still gets a vector rather than zero.
  const terms = content.length > 0 ? content : tokens.map(stem);
  const counts = new Map<string, number>();
  const bump = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  terms.forEach((term, i) => {
    bump(term);
    if (i > 0) bump(`${terms[i - 1]}|${term}`);
  });
  const vector = new Float32Array(dimension);
  for (const [feature, tf] of counts) {
    const h = fnv1a(feature);
    const bucket = fmix32(h) % dimension;
    const sign = fmix32(h ^ 0x9e3779b9) & 1 ? 1 : -1;
    const weight = feature.includes('|') ? BIGRAM_WEIGHT : 1;
    // Sublinear tf: a word repeated ten times is not ten times as relevant.
    vector[bucket] = (vector[bucket] as number) + sign * weight * (1 + Math.log(tf));
  }
  return normalise(vector);
}
