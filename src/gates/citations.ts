import { verdict } from './types.js';
import type { Gate, GateResult } from './types.js';
import {
  contentWords,
  extractNumbers,
  numberSupported,
  splitSentences,
  vocabulary,
} from '../language/text.js';

/** A numbered source an answer may cite as `[index]`. */
export interface Citation {
  index: number;
  snippet: string;
}

/** What the citations gate reads: the answer text with `[n]` markers and the citations offered. */
export interface CitationsInput {
  answer: string;
  citations: Citation[];
}

/**
 * The citations verdict. `problems` make the answer invalid (a marker with no such citation, a
 * cited sentence its snippets do not support); `warnings` do not (a number stated uncited).
 * `score` is the share of sentences that needed a citation and have a supporting one.
 */
export interface CitationsAssessment {
  valid: boolean;
  score: number;
  problems: string[];
  warnings: string[];
}

/** Tuning of the citations check. */
export interface CitationsOptions {
  /** Share of a cited sentence's content words that must occur in its snippets (default 0.5). */
  minOverlap?: number;
}

const MARKER = /\[(\d+(?:\s*[,;–-]\s*\d+)*)\]/g;

/** The indexes a marker names: "[1, 3]" is 1 and 3, "[2-4]" is 2, 3 and 4. */
function markerIndexes(body: string): number[] {
  return body.split(/\s*[,;]\s*/).flatMap((part) => {
    const [from, to] = part.split(/\s*[–-]\s*/).map(Number);
    if (from === undefined || Number.isNaN(from)) return [];
    if (to === undefined || Number.isNaN(to) || to < from || to - from > 50) return [from];
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

/**
 * Checks an answer's citations: every `[n]` must name a citation; every cited sentence must be
 * supported by the snippets it cites (its numbers occur in them, rounding to the shown precision
 * allowed, and enough of its content words do); a sentence stating a number with no citation is a
 * warning.
 */
export function checkCitations(
  input: CitationsInput,
  options: CitationsOptions = {},
): CitationsAssessment {
  const minOverlap = options.minOverlap ?? 0.5;
  const byIndex = new Map(input.citations.map((c) => [c.index, c.snippet]));
  const problems: string[] = [];
  const warnings: string[] = [];
  // A marker after the full stop belongs to the sentence before it: "... 11.6 °C. [1]".
  const text = input.answer.replace(/([.!?])((?:\s*\[\d[^\]]*\])+)/g, '$2$1');
  let needing = 0;
  let supported = 0;
  for (const [i, sentence] of splitSentences(text).entries()) {
    // Sentence numbers, not quotes: these reasons reach clients and must not echo the answer.
    const which = `sentence ${i + 1}`;
    const indexes = [...sentence.matchAll(MARKER)].flatMap((m) => markerIndexes(m[1] ?? ''));
    const claim = sentence.replace(MARKER, '').trim();
    const numbers = extractNumbers(claim).filter((n) => /\d/.test(n.raw));
    if (!indexes.length) {
      if (numbers.length) {
        needing++;
        warnings.push(`${which} states a number without a citation`);
      }
      continue;
    }
    needing++;
    const unknown = [...new Set(indexes.filter((i) => !byIndex.has(i)))];
    if (unknown.length) {
      problems.push(`${which} cites [${unknown.join('], [')}], which is not a citation`);
      continue;
    }
    const snippets = [...new Set(indexes)].map((i) => byIndex.get(i) ?? '');
    const snippetNumbers = snippets.flatMap(extractNumbers);
    const missingNumbers = numbers.filter((n) => !numberSupported(n, snippetNumbers));
    const words = contentWords(claim);
    const vocab = vocabulary(snippets);
    const overlap = words.length ? words.filter((w) => vocab.has(w)).length / words.length : 1;
    const cited = `[${[...new Set(indexes)].join('], [')}]`;
    if (missingNumbers.length) {
      problems.push(`${which} states a number that ${cited} does not`);
    } else if (overlap < minOverlap) {
      problems.push(`${which} is not supported by ${cited}`);
    } else {
      supported++;
    }
  }
  return {
    valid: problems.length === 0,
    score: needing ? supported / needing : 1,
    problems,
    warnings,
  };
}

/**
 * The citations gate (OUTPUT, ERROR): FAILED on a marker naming no citation or a cited sentence
 * its snippets do not support, WARNING when a number is stated without a citation.
 */
export function createCitationsGate(options: CitationsOptions = {}): Gate<CitationsInput> {
  const gate = { name: 'citations', stage: 'OUTPUT', severity: 'ERROR' } as const;
  return {
    ...gate,
    check: function checkCitationsGate(input: CitationsInput): GateResult {
      if (!input.answer.trim()) return verdict(gate, 'SKIPPED', 'No answer to check.');
      const a = checkCitations(input, options);
      const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
      if (!a.valid) {
        const first = a.problems[0] ?? '';
        const more =
          a.problems.length > 1 ? ` (${count(a.problems.length, 'problem')} in all)` : '';
        return verdict(gate, 'FAILED', `Citation problem: ${first}${more}.`, a.score);
      }
      if (a.warnings.length) {
        return verdict(
          gate,
          'WARNING',
          `${a.warnings.length === 1 ? '1 sentence states' : `${a.warnings.length} sentences state`} a number without a citation.`,
          a.score,
        );
      }
      return verdict(gate, 'PASSED', 'Every citation is valid and supports its sentence.', a.score);
    },
  };
}
