import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { findProjectRoot } from '../paths.js';
import { hashString } from '../language/hash.js';
import { normaliseForScreening } from '../language/screening.js';
import { stem, tokenize } from '../language/text.js';

/**
 * A linear text classifier for the input guards: logistic regression over hashed word and
 * character n-grams plus a few dense features (the rule detectors' scores, the text's length).
 * Trained by `npm run train:guards` (src/cli/train-guards.ts); the weights are a committed JSON
 * file loaded once at start. Pure and synchronous at prediction time (~0.1 ms for a question).
 */

/** Sparse features of one text: hashed bucket indexes and their values. */
export interface SparseFeatures {
  indexes: Uint32Array;
  values: Float32Array;
}

/** How features are extracted; stored with the model, so a model always reads text as trained. */
export interface FeatureSpec {
  /** Hash buckets of the sparse part (a power of two). */
  buckets: number;
  /** Character n-gram lengths, inside word boundaries (`" kill "` → `" ki"`, `"kil"`, …). */
  charGrams: readonly number[];
  /** Texts longer than this are read from their first `maxChars` characters. */
  maxChars: number;
}

/** Dense features appended after the sparse ones, computed by the caller (rule scores). */
export type DenseFeatures = readonly number[];

/** A trained model as stored. */
export interface LinearModel {
  version: 1;
  name: string;
  features: FeatureSpec;
  /** Names of the dense features, in order. */
  dense: readonly string[];
  bias: number;
  /** `buckets` sparse weights then one per dense feature. */
  weights: Float32Array;
  /** Probability at or above which a text is flagged (chosen in training, see its report). */
  threshold: number;
  /** What training measured, for the record (printed by `train:guards`). */
  report: Record<string, unknown>;
}

const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.7;
const CHAR_WEIGHT = 0.5;

/** The sparse features of a text: stemmed words, word bigrams and character n-grams, each block L2-normalised. */
export function sparseFeatures(text: string, spec: FeatureSpec): SparseFeatures {
  const norm = normaliseForScreening(text.slice(0, spec.maxChars));
  const words = tokenize(norm).map(stem);
  const counts = new Map<number, number>();
  const block = (features: readonly string[], weight: number) => {
    if (features.length === 0) return;
    const local = new Map<number, number>();
    for (const f of features) {
      const bucket = hashString(f) & (spec.buckets - 1);
      local.set(bucket, (local.get(bucket) ?? 0) + 1);
    }
    let norm2 = 0;
    for (const v of local.values()) norm2 += v * v;
    const scale = weight / Math.sqrt(norm2);
    for (const [bucket, v] of local) counts.set(bucket, (counts.get(bucket) ?? 0) + v * scale);
  };
  block(
    words.map((w) => `w:${w}`),
    WORD_WEIGHT,
  );
  block(
    words.slice(1).map((w, i) => `b:${words[i]} ${w}`),
    BIGRAM_WEIGHT,
  );
  const grams: string[] = [];
  for (const word of norm.split(/[^\p{L}\p{N}']+/u)) {
    if (!word) continue;
    const padded = ` ${word} `;
    for (const n of spec.charGrams)
      for (let i = 0; i + n <= padded.length; i++) grams.push(`c:${padded.slice(i, i + n)}`);
  }
  block(grams, CHAR_WEIGHT);
  const indexes = Uint32Array.from(counts.keys());
  const values = Float32Array.from(indexes, (i) => counts.get(i) as number);
  return { indexes, values };
}

/** The model's probability that a text belongs to the flagged class. */
export function predict(model: LinearModel, sparse: SparseFeatures, dense: DenseFeatures): number {
  let z = model.bias;
  const { weights } = model;
  for (let k = 0; k < sparse.indexes.length; k++)
    z += (weights[sparse.indexes[k] as number] as number) * (sparse.values[k] as number);
  const offset = model.features.buckets;
  for (let d = 0; d < dense.length; d++)
    z += (weights[offset + d] as number) * (dense[d] as number);
  return 1 / (1 + Math.exp(-z));
}

interface StoredModel extends Omit<LinearModel, 'weights'> {
  /** Little-endian float32, base64. */
  weights: string;
}

/** The model as JSON (weights as base64 float32), deterministic for the same weights. */
export function serialiseModel(model: LinearModel): string {
  const bytes = Buffer.from(
    model.weights.buffer,
    model.weights.byteOffset,
    model.weights.byteLength,
  );
  const stored: StoredModel = { ...model, weights: bytes.toString('base64') };
  return `${JSON.stringify(stored, null, 1)}\n`;
}

/** Reads a model written by `serialiseModel`; throws on a file that is not one. */
export function parseModel(json: string): LinearModel {
  const stored = JSON.parse(json) as StoredModel;
  if (stored.version !== 1 || typeof stored.weights !== 'string')
    throw new Error(`not a version 1 guard model: ${stored.name ?? 'unnamed'}`);
  const bytes = Buffer.from(stored.weights, 'base64');
  const weights = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  if (weights.length !== stored.features.buckets + stored.dense.length)
    throw new Error(
      `guard model ${stored.name}: ${weights.length} weights for ${stored.features.buckets} buckets and ${stored.dense.length} dense features`,
    );
  return { ...stored, weights };
}

const loaded = new Map<string, { model: LinearModel; digest: string }>();

function load(name: string) {
  let entry = loaded.get(name);
  if (!entry) {
    const json = readFileSync(modelPath(name), 'utf8');
    const digest = createHash('sha256').update(json).digest('hex').slice(0, 12);
    entry = { model: parseModel(json), digest };
    loaded.set(name, entry);
  }
  return entry;
}

/** A committed model by file name under src/gates/models (loaded once per process). */
export function loadModel(name: string): LinearModel {
  return load(name).model;
}

/** The digest of a committed model's file: which version made a verdict. */
export function modelDigest(name: string): string {
  return load(name).digest;
}

/**
 * Where a committed model lives: beside this module under tsx; the build copies no JSON, so from
 * `dist/src/gates/` it is found through the repository root instead.
 */
export function modelPath(name: string): URL {
  const beside = new URL(`./models/${name}.json`, import.meta.url);
  if (existsSync(beside)) return beside;
  return new URL(`src/gates/models/${name}.json`, findProjectRoot(new URL('.', import.meta.url)));
}
