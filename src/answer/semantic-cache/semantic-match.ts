import { dot, type Embedder, type UsageSink } from '../../vector/embedder.js';
import { questionFeatures, type QuestionFeatures } from '../../language/question-features.js';
import { findVeto, VETOES, type Veto, type VetoName } from './semantic-vetoes.js';
import { stemWord } from '../../language/question-tokens.js';
import { FUZZY, fuzzyCounterpart } from '../../language/word-match.js';
import { wordIdf } from '../../language/word-weights.js';

/** A question's features plus its embedding: what `compare` needs, computed once per question. */
export interface MatchFeatures extends QuestionFeatures {
  vector: Float32Array;
}

/** Whether a question may be served another's cached answer, and why not. */
export interface MatchResult {
  /** Blend of embedding cosine and IDF-weighted word overlap, in [0, 1]. */
  similarity: number;
  hit: boolean;
  /** The veto that applied, `below threshold`, or null on a hit. */
  reason: VetoName | 'below threshold' | null;
}

export interface SemanticMatcherOptions {
  /** Any embedder: the local hashing one, or OpenAI's in production (re-tune the threshold then). */
  embedder: Embedder;
  /** Similarity at or above which a pair with no veto is a hit. Default tuned for the hashing embedder. */
  threshold?: number;
  /** Share of the embedding cosine in the similarity; the rest is word overlap. Default 0.3. */
  embeddingWeight?: number;
  /** The vetoes to apply, in order. Default: all of them. */
  vetoes?: readonly Veto[];
}

/** Decides semantic-cache hits between two questions. */
export interface SemanticMatcher {
  readonly threshold: number;
  /** Features and embeddings of questions, in order (one embedder call, its usage to `onUsage`). */
  features(questions: readonly string[], onUsage?: UsageSink): Promise<MatchFeatures[]>;
  /** Compares two questions' precomputed features (pure and synchronous). */
  compare(a: MatchFeatures, b: MatchFeatures): MatchResult;
  /** Whether `b` may be served the cached answer of `a` (the relation is symmetric). */
  match(a: string, b: string): Promise<MatchResult>;
}

/** Threshold tuned on the even rows of QQP dev for <= 1% false hits (see eval/semantic-cache.ts). */
export const DEFAULT_THRESHOLD = 0.8;

/**
 * A semantic-cache matcher: similarity = w·cosine(embeddings) + (1 - w)·word overlap, a hit when
 * it reaches the threshold and no veto (numbers, dates, negation, places, symbols, question words,
 * names, subjects) applies. Precision over recall: a false hit serves a wrong answer.
 */
export function createSemanticMatcher(options: SemanticMatcherOptions): SemanticMatcher {
  const {
    embedder,
    threshold = DEFAULT_THRESHOLD,
    embeddingWeight = 0.3,
    vetoes = VETOES,
  } = options;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError('threshold must be in [0, 1]');
  if (!(embeddingWeight >= 0 && embeddingWeight <= 1))
    throw new RangeError('embeddingWeight must be in [0, 1]');

  const similarity = (a: MatchFeatures, b: MatchFeatures): number => {
    // Identical wording is a perfect match, unless there is no wording ("???" is not "!!!").
    if (a.normalised === b.normalised) return a.normalised === '' ? 0 : 1;
    const cosine = Math.max(0, dot(a.vector, b.vector));
    return embeddingWeight * cosine + (1 - embeddingWeight) * wordOverlap(a, b);
  };

  const matcher: SemanticMatcher = {
    threshold,
    async features(questions, onUsage) {
      const features = questions.map(questionFeatures);
      const vectors = await embedder.embed(
        features.map((f) => f.canonical || f.normalised),
        onUsage,
      );
      return features.map((f, i) => ({ ...f, vector: vectors[i] as Float32Array }));
    },
    compare: function compare(a, b) {
      const score = similarity(a, b);
      const veto = findVeto(a, b, vetoes);
      if (veto) return { similarity: score, hit: false, reason: veto };
      if (score < threshold) return { similarity: score, hit: false, reason: 'below threshold' };
      return { similarity: score, hit: true, reason: null };
    },
    match: async function match(a, b) {
      const [fa, fb] = await matcher.features([a, b]);
      return matcher.compare(fa as MatchFeatures, fb as MatchFeatures);
    },
  };
  return matcher;
}

/**
 * IDF-weighted word overlap: the smaller of the shares of each question's weight that the other
 * covers, so a question that adds a detail scores as low as one that drops it. A variant or typo
 * counts `FUZZY`, at the weight of the rarer-looking side capped by its counterpart's (a typo is
 * no rarer than the word it misspells).
 */
export function wordOverlap(a: QuestionFeatures, b: QuestionFeatures): number {
  return Math.min(coverage(a, b), coverage(b, a));
}

/**
 * Weight of unseen evidence added to every question (about half a rare word): two short questions
 * that share all their words share little, so they score lower than two long ones that do.
 */
export const EVIDENCE_PRIOR = 5;

function coverage(a: QuestionFeatures, b: QuestionFeatures): number {
  let total = 0;
  let covered = 0;
  for (const [stem, weight] of a.terms) {
    if (b.terms.has(stem)) {
      total += weight;
      covered += weight;
      continue;
    }
    const word = a.content.get(stem)?.word;
    const counterpart = word === undefined ? undefined : fuzzyCounterpart(word, b);
    if (counterpart === undefined) {
      total += weight;
      continue;
    }
    const capped = Math.min(weight, b.terms.get(stemWord(counterpart)) ?? wordIdf(counterpart));
    total += capped;
    covered += capped * FUZZY;
  }
  return total === 0 ? 0 : covered / (total + EVIDENCE_PRIOR);
}
