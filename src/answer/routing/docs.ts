import { API_FIELDS, API_NOUNS, DOC_PHRASES, DOC_WORDS } from './lexicon.js';
import type { Segment, Token } from './text.js';

// An error code or environment variable as written: UPSTREAM_TIMEOUT, REDIS_URL.
const IDENTIFIER = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/**
 * Whether a clause asks about the gateway itself: it names Sluice, a provider, an error code or an
 * environment variable, uses the gateway's vocabulary (cache, TTL, fallback, rate limit, API key),
 * or names an API field as such ("the weather query").
 */
export function isDocClause(tokens: readonly Token[], seg: Segment): boolean {
  for (let i = seg.from; i < seg.to; i++) {
    const t = tokens[i] as Token;
    if (DOC_WORDS.has(t.norm) || IDENTIFIER.test(t.text)) return true;
    if (DOC_PHRASES.some((phrase) => phrase.every((word, k) => tokens[i + k]?.norm === word)))
      return true;
    if (API_FIELDS.has(t.norm) && API_NOUNS.has(tokens[i + 1]?.norm ?? '')) return true;
  }
  return false;
}

/**
 * The clauses of a question that are documentation questions. A clause with nothing of its own to
 * fetch right after one continues it ("Is X free, and what's its quota?").
 */
export function docClauses(
  tokens: readonly Token[],
  segments: readonly Segment[],
  hasData: (seg: Segment) => boolean,
): Set<Segment> {
  const docs = new Set<Segment>();
  segments.forEach((seg, k) => {
    const previous = segments[k - 1];
    if (isDocClause(tokens, seg) || (previous && docs.has(previous) && !hasData(seg)))
      docs.add(seg);
  });
  return docs;
}
