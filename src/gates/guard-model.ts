import {
  loadModel,
  predict,
  sparseFeatures,
  type LinearModel,
  type SparseFeatures,
} from './classifier.js';
import { loadWordVectors } from '../language/word-vectors.js';
import { gloveVector } from '../vector/glove-embedder.js';
import { detectPromptInjection, type InjectionAssessment } from './injection-rules.js';
import { assessContentSafety, type SafetyAssessment, type SafetyCategory } from './safety-rules.js';
import { STOPWORDS, tokenize } from '../language/text.js';

/**
 * The input guards: the rule detectors as a high-precision first pass, then a trained linear
 * model (src/gates/classifier.ts) over n-grams and the rules' scores, which reads phrasings the
 * rules never saw. Models: src/gates/models/*.json, trained by `npm run train:guards`.
 */

/** Names of the committed guard models (their file names). */
export type GuardModelName = 'prompt-injection' | 'content-safety';

/**
 * Concepts the guards weigh, as single words: a text's feature for each is the highest cosine of
 * any of its words to the concept's GloVe vector, so a word training never saw still counts by its
 * meaning ("methamphetamine" near "drug", "credentials" near "password"). The model learns the
 * weights; these are only the axes.
 */
const CONCEPTS = (
  'weapon bomb drug poison kill hurt suicide steal hack fraud stalk abuse racist terrorist ' +
  'child sexual illegal ignore instructions pretend unrestricted rules prompt developer'
).split(' ');

/** Dense features of both guard models, in this order (training calls this too). */
export const GUARD_DENSE: readonly string[] = [
  'injection_rules',
  'safety_rules',
  'log_length',
  ...CONCEPTS.map((c) => `concept_${c}`),
  ...Array.from({ length: 100 }, (_, d) => `glove_${d}`),
];

let conceptVectors: Float32Array[] | undefined;

/** Per concept, the highest cosine of a word of the text (its first 400 words) to it; 0 if none. */
function conceptScores(text: string): number[] {
  const table = loadWordVectors();
  conceptVectors ??= CONCEPTS.map((c) => unit(table.vector(c) as Float32Array));
  const best = new Array<number>(CONCEPTS.length).fill(0);
  const seen = new Set<string>();
  for (const word of tokenize(text).slice(0, 400)) {
    if (word.length < 3 || STOPWORDS.has(word) || seen.has(word)) continue;
    seen.add(word);
    const v = table.vector(word);
    if (!v) continue;
    const u = unit(v);
    conceptVectors.forEach((c, i) => {
      let cos = 0;
      for (let d = 0; d < u.length; d++) cos += (u[d] as number) * (c[d] as number);
      if (cos > (best[i] as number)) best[i] = cos;
    });
  }
  return best;
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const scale = n > 0 ? 1 / Math.sqrt(n) : 0;
  return v.map((x) => x * scale);
}

/**
 * The dense features of a text: the two rule detectors' scores, its log-scaled length, and its
 * GloVe SIF sentence vector (meaning beyond the words seen in training: "credentials" ~ "password").
 */
export function guardDense(text: string): number[] {
  return denseOf(text, detectPromptInjection(text), assessContentSafety(text));
}

function denseOf(text: string, injection: InjectionAssessment, safety: SafetyAssessment): number[] {
  return [
    injection.score,
    safety.safe ? 0 : 1,
    Math.log1p(text.length) / 8,
    ...conceptScores(text),
    ...gloveVector(text.slice(0, 2000)),
  ];
}

/** Everything both guards read of one text, computed once. */
interface TextReading {
  text: string;
  injection: InjectionAssessment;
  safety: SafetyAssessment;
  dense: number[];
  sparse: Map<string, SparseFeatures>;
}

// The question gates read the same question back to back (injection, then safety): one reading
// serves both. One entry, so nothing grows.
let lastReading: TextReading | undefined;

function read(text: string): TextReading {
  if (lastReading?.text === text) return lastReading;
  const injection = detectPromptInjection(text);
  const safety = assessContentSafety(text);
  lastReading = {
    text,
    injection,
    safety,
    dense: denseOf(text, injection, safety),
    sparse: new Map(),
  };
  return lastReading;
}

function probability(model: LinearModel, reading: TextReading): number {
  const specKey = JSON.stringify(model.features);
  let sparse = reading.sparse.get(specKey);
  if (!sparse) {
    sparse = sparseFeatures(reading.text, model.features);
    reading.sparse.set(specKey, sparse);
  }
  return predict(model, sparse, reading.dense);
}

/** The model's probability that `text` is in its flagged class. */
export function guardProbability(model: LinearModel, text: string): number {
  return probability(model, read(text));
}

export interface InjectionVerdict {
  injected: boolean;
  /** The model's probability, or the rules' score when they are surer. */
  score: number;
  /** The rule signals found, and `classifier` when the model flagged the text. */
  signals: string[];
}

/** Whether a text (a question or a retrieved passage) carries a prompt injection or jailbreak. */
export function assessInjection(
  text: string,
  model: LinearModel = loadModel('prompt-injection'),
): InjectionVerdict {
  const reading = read(text);
  const rules = reading.injection;
  const p = probability(model, reading);
  const byModel = p >= model.threshold;
  return {
    injected: rules.injected || byModel,
    score: Math.round(Math.max(p, rules.score) * 1000) / 1000,
    signals: byModel ? [...rules.signals, 'classifier'] : rules.signals,
  };
}

export interface SafetyVerdict {
  safe: boolean;
  /** The rules' categories; `harmful_request` when only the model flagged the text. */
  categories: Array<SafetyCategory | 'harmful_request'>;
  score: number;
}

/** Whether a question asks for harmful content (the rules' categories, else the model). */
export function assessRequestSafety(
  text: string,
  model: LinearModel = loadModel('content-safety'),
): SafetyVerdict {
  const reading = read(text);
  const rules = reading.safety;
  const p = probability(model, reading);
  const categories: SafetyVerdict['categories'] = [...rules.categories];
  if (categories.length === 0 && p >= model.threshold) categories.push('harmful_request');
  return {
    safe: categories.length === 0,
    categories,
    score: Math.round(Math.max(p, rules.score) * 1000) / 1000,
  };
}
