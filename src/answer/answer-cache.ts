import { createHash } from 'node:crypto';
import type { Cache } from '../cache/types.js';
import { FUNCTION_WORDS } from '../language/question-lexicon.js';
import { canonicalWord } from '../language/question-values.js';
import { stem, tokenize } from '../language/text.js';
import { describePlan, type Intent, type RoutePlan } from './router.js';
import type { AnswerModel, AnswerOptions } from './types.js';

/** What is kept of an answer: everything but the per-request trace and cache info. */
export type CachedAnswer = Omit<AnswerModel, 'trace' | 'cache' | 'id'>;

/** Anything but printable ASCII, tab and line breaks: text without it is its own NFKC form. */
const NOT_PLAIN_ASCII = /[^\x20-\x7e\t\n\r]/;

/** Question text as the exact cache compares it: case, spacing and final punctuation folded. */
export function normaliseQuestion(question: string): string {
  // ICU's normaliser was a tenth of an exact hit's own CPU, and most questions are plain ASCII.
  return (NOT_PLAIN_ASCII.test(question) ? question.normalize('NFKC') : question)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.]+$/, '')
    .trim();
}

/**
 * The version of `CachedAnswer`'s shape: raise it when a stored field is added or changes meaning,
 * so replicas never serve an entry written by an older release (2: `SourceCall.args`).
 */
const CACHED_ANSWER_SHAPE = 2;

/**
 * The options that change an answer, in a stable form (two requests differing only elsewhere share
 * entries), the version of the guard models that screened it and the stored shape's version.
 */
export function optionsKey(options: AnswerOptions, model: string, guards = ''): string {
  const sources = options.sources ? [...new Set(options.sources)].sort().join(',') : '*';
  return `v${CACHED_ANSWER_SHAPE}|${model}|${sources}|${options.maxSources ?? ''}|${guards}`;
}

/**
 * The plan-cache key of a question the router turned into data lookups only (weather, quotes,
 * rates, news): two questions with the same plan ask for the same data, whatever their wording
 * ("How's the weather in Montevideo at the moment?" and "What's the weather in Montevideo right
 * now?"). Null when the plan searches the documents (their answers follow the question's words)
 * or is empty. A news topic counts by its words whatever their order ("Mars mission", "mission to
 * Mars"), and converting 1 unit asks for the rate ("how many rand does one real buy").
 */
export function planKey(plan: RoutePlan): string | null {
  if (plan.intents.length === 0 || plan.intents.some((i) => i.kind === 'search')) return null;
  return `plan: ${describePlan({ intents: plan.intents.map(canonicalIntent) })}`;
}

function canonicalIntent(intent: Intent): Intent {
  if (intent.kind === 'news') return { ...intent, query: topicKey(intent.query) };
  if (intent.kind === 'exchangeRate' && intent.amount === 1) {
    const { amount: _one, ...rate } = intent;
    return rate;
  }
  return intent;
}

/** A news topic's content words, stemmed, demonyms as places, in a stable order. */
function topicKey(query: string): string {
  const words = tokenize(query.toLowerCase()).filter((word) => !FUNCTION_WORDS.has(word));
  return [...new Set(words.map((word) => stem(canonicalWord(word))))].sort().join(' ');
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

export interface ExactAnswerCache {
  get(question: string, optionsKey: string): Promise<CachedAnswer | undefined>;
  set(
    question: string,
    optionsKey: string,
    answer: CachedAnswer,
    ttlSeconds: number,
  ): Promise<void>;
}

/** The exact answer cache: Keyv-backed (shared through Redis when configured), keyed by question and options. */
export function createExactAnswerCache(cache: Cache): ExactAnswerCache {
  const keyOf = (question: string, options: string) =>
    `answer:exact:${digest(`${options}\n${normaliseQuestion(question)}`)}`;
  return {
    get: (question, options) => cache.get<CachedAnswer>(keyOf(question, options)),
    set: (question, options, answer, ttlSeconds) =>
      cache.set(keyOf(question, options), answer, { ttlSeconds }),
  };
}
