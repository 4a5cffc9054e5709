import type { QuestionFeatures } from './question-features.js';
import { stemWord } from './question-tokens.js';

/**
 * How well a lower-case word is matched by another question: 1 when a word there has the same
 * stem, `FUZZY` when one looks like a variant or typo of it (shared long prefix, one edit, or two
 * words written as one), 0 otherwise.
 */
export function wordMatch(word: string, other: QuestionFeatures): number {
  if (other.terms.has(stemWord(word))) return 1;
  return fuzzyCounterpart(word, other) === undefined ? 0 : FUZZY;
}

/** The word of another question that looks like a variant or typo of `word`, if any. */
export function fuzzyCounterpart(word: string, other: QuestionFeatures): string | undefined {
  if (word.length < 5) return undefined;
  const words = other.words;
  for (let i = 0; i < words.length; i++) {
    const candidate = words[i] as string;
    if (related(word, candidate)) return candidate;
    const joined = candidate + (words[i + 1] ?? '');
    if (word === joined) return joined;
  }
  return undefined;
}

/** Credit for a variant or a typo rather than the same word. */
export const FUZZY = 0.7;

/** Whether an acronym (`GPA`) spells the initials of consecutive words in a question. */
export function spellsInitials(acronym: string, other: QuestionFeatures): boolean {
  const letters = acronym.toLowerCase();
  if (!/^[a-z]{2,6}$/.test(letters)) return false;
  const initials = other.words.map((word) => word[0]).join('');
  return initials.includes(letters);
}

function related(a: string, b: string): boolean {
  if (b.length < 5) return false;
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
  if (prefix >= 5 && prefix >= 0.7 * Math.min(a.length, b.length)) return true;
  return Math.abs(a.length - b.length) <= 1 && withinOneEdit(a, b);
}

/** Levenshtein distance <= 1, with a swap of neighbours counting as one edit. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  if (restA.slice(1) === restB.slice(1)) return true; // substitution
  if (restA.slice(1) === restB || restA === restB.slice(1)) return true; // deletion / insertion
  return (
    restA.length > 1 &&
    restA[0] === restB[1] &&
    restA[1] === restB[0] &&
    restA.slice(2) === restB.slice(2)
  );
}
