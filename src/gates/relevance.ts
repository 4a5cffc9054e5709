import { tokenizeWithParts } from '../language/text.js';
import type { Evidence } from '../answer/evidence.js';
import { verdict, type Gate } from './types.js';

export interface RelevanceOptions {
  /** Minimum cosine of a passage to its query (depends on the embedder). */
  passageThreshold: number;
}

// Words too common in news queries to say what a story is about.
const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'in',
  'on',
  'for',
  'and',
  'or',
  'to',
  'is',
  'are',
  'what',
  'news',
  'latest',
  'about',
]);
/** Words of a text, with the parts of brand names ("OpenAI" is about AI, "ChatGPT" about GPT). */
const words = (text: string) =>
  new Set(tokenizeWithParts(text).filter((w) => w.length > 1 && !STOP.has(w)));

function urlPath(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/**
 * Whether retrieved evidence is about its query: a passage's similarity clears the threshold; an
 * article shares a content word with the query. Live data (weather, quotes, rates) is relevant by
 * construction: it was fetched for the key the question named.
 */
export function isRelevant(evidence: Evidence, { passageThreshold }: RelevanceOptions): boolean {
  switch (evidence.kind) {
    case 'search':
      return evidence.passage.score >= passageThreshold;
    case 'news': {
      const query = words(evidence.query);
      if (query.size === 0) return true;
      // The link's path is what the publisher filed the story under (`/ai-artificial-intelligence/`).
      const { title, summary, url } = evidence.article;
      const text = words(`${title} ${summary ?? ''} ${urlPath(url)}`);
      return [...query].some(
        (w) => text.has(w) || [...text].some((t) => t.startsWith(w) || w.startsWith(t)),
      );
    }
    default:
      return true;
  }
}

/** `relevance` (RETRIEVAL, ERROR): retrieved passages and articles below the bar are dropped. */
export function createRelevanceGate(
  options: RelevanceOptions,
): Gate<{ evidence: readonly Evidence[] }> {
  const gate = { name: 'relevance', stage: 'RETRIEVAL', severity: 'ERROR' } as const;
  return {
    ...gate,
    check({ evidence }) {
      const retrieved = evidence.filter((e) => e.kind === 'search' || e.kind === 'news');
      if (retrieved.length === 0) return verdict(gate, 'SKIPPED', 'No retrieved text');
      const kept = retrieved.filter((e) => isRelevant(e, options));
      const best = Math.max(
        0,
        ...retrieved
          .filter((e) => e.kind === 'search')
          .map((e) => (e.kind === 'search' ? e.passage.score : 0)),
      );
      const score = retrieved.some((e) => e.kind === 'search')
        ? best
        : kept.length / retrieved.length;
      if (kept.length === 0)
        return verdict(gate, 'FAILED', 'Nothing retrieved is relevant to the question', score);
      if (kept.length < retrieved.length) {
        return verdict(
          gate,
          'WARNING',
          `${retrieved.length - kept.length} of ${retrieved.length} retrieved items dropped as irrelevant`,
          score,
        );
      }
      return verdict(gate, 'PASSED', `${kept.length} retrieved items relevant`, score);
    },
  };
}
