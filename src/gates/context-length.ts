import type { Evidence } from '../answer/evidence.js';
import { verdict, type Gate } from './types.js';

export interface ContextLengthOptions {
  /** Most characters of context sent to synthesis (about maxChars / 4 tokens). */
  maxChars: number;
}

/**
 * Keeps evidence in order until the budget is spent; live data comes first in the plan, so the
 * items cut are the lowest-ranked passages and articles.
 */
export function fitContext(
  evidence: readonly Evidence[],
  { maxChars }: ContextLengthOptions,
): Evidence[] {
  const kept: Evidence[] = [];
  let used = 0;
  for (const item of evidence) {
    if (used + item.text.length > maxChars) continue;
    kept.push(item);
    used += item.text.length;
  }
  return kept;
}

/** `context_length` (RETRIEVAL, WARNING): the context fits the model's budget; overflow is cut. */
export function createContextLengthGate(
  options: ContextLengthOptions,
): Gate<{ evidence: readonly Evidence[] }> {
  const gate = { name: 'context_length', stage: 'RETRIEVAL', severity: 'WARNING' } as const;
  return {
    ...gate,
    check({ evidence }) {
      if (evidence.length === 0) return verdict(gate, 'SKIPPED', 'No context');
      const total = evidence.reduce((sum, e) => sum + e.text.length, 0);
      const kept = fitContext(evidence, options);
      const score = Math.min(1, total / options.maxChars);
      if (kept.length === evidence.length)
        return verdict(gate, 'PASSED', `${total} characters of context`, score);
      if (kept.length === 0)
        return verdict(gate, 'FAILED', 'No context item fits the budget', score);
      return verdict(
        gate,
        'WARNING',
        `${evidence.length - kept.length} context items cut to fit ${options.maxChars} characters`,
        score,
      );
    },
  };
}
