import type { Gate, GateResult } from './types.js';
import { verdict } from './types.js';

/** Options of the input gate; lengths are in Unicode code points of the trimmed question. */
export interface InputLengthOptions {
  maxChars?: number;
  minChars?: number;
  /** Largest share of symbols (not letters, digits, marks or spaces) a question may have. */
  maxSymbolShare?: number;
}

/** What is wrong with a question, if anything. */
export type InputProblem =
  | { kind: 'too_long'; length: number; max: number }
  | { kind: 'too_short'; length: number; min: number }
  | { kind: 'control_characters' }
  | { kind: 'unpaired_surrogate' }
  | { kind: 'mostly_symbols'; share: number };

/** C0 and C1 controls except tab, newline and carriage return; bidi overrides hide what text says. */
function hasControlCharacter(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
    if ((c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
      return true;
  }
  return false;
}
const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// The share is only meaningful on a question of some length: "C++?" is fine.
const MIN_CHARS_FOR_SHARE = 10;

/** Checks a question's shape; null when it is acceptable. Pure. */
export function inspectInput(text: string, options: InputLengthOptions = {}): InputProblem | null {
  const { maxChars = 500, minChars = 3, maxSymbolShare = 0.3 } = options;
  if (UNPAIRED.test(text)) return { kind: 'unpaired_surrogate' };
  if (hasControlCharacter(text)) return { kind: 'control_characters' };
  const length = [...text.trim()].length;
  if (length > maxChars) return { kind: 'too_long', length, max: maxChars };
  if (length < minChars) return { kind: 'too_short', length, min: minChars };
  const visible = countMatches(text, VISIBLE);
  if (visible >= MIN_CHARS_FOR_SHARE) {
    const share = countMatches(text, SYMBOL) / visible;
    if (share > maxSymbolShare) return { kind: 'mostly_symbols', share };
  }
  return null;
}

/** Code points that are not white space, and of those the ones not a letter, mark or digit. */
const VISIBLE = /\S/gu;
const SYMBOL = /[^\s\p{L}\p{M}\p{N}]/gu;

/** How many times a global pattern matches `text` (one regex pass, no array per character). */
function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text) !== null) count += 1;
  return count;
}

function describe(problem: InputProblem): string {
  switch (problem.kind) {
    case 'too_long':
      return `The question is too long (${problem.length} characters, at most ${problem.max}).`;
    case 'too_short':
      return `The question is too short (${problem.length} characters, at least ${problem.min}).`;
    case 'control_characters':
      return 'The question contains control characters.';
    case 'unpaired_surrogate':
      return 'The question contains invalid Unicode (an unpaired surrogate).';
    case 'mostly_symbols':
      return `The question is mostly symbols (${Math.round(problem.share * 100)}% are not letters or digits).`;
    default: {
      const never: never = problem;
      return never;
    }
  }
}

/** The INPUT gate over the raw question: FAILED with a client-safe message on any problem. */
export function createInputLengthGate(options: InputLengthOptions = {}): Gate<string> {
  const gate = { name: 'input_length', stage: 'INPUT', severity: 'ERROR' } as const;
  return {
    ...gate,
    check: function checkInput(question: string): GateResult {
      const problem = inspectInput(question, options);
      return problem
        ? verdict(gate, 'FAILED', describe(problem))
        : verdict(gate, 'PASSED', 'The question is well formed.');
    },
  };
}
