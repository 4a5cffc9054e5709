import { phraseKey, type Token } from './text.js';

/** A dictionary of phrases (several words at most) to values, matched on token norms. */
export interface PhraseIndex<T> {
  /** Values of the longest phrase starting at token `i`, with its length in tokens. */
  longestAt(tokens: readonly Token[], i: number): { length: number; values: readonly T[] } | null;
  /** Every single-word phrase, for typo correction. */
  readonly words: readonly string[];
}

/** Builds a phrase index; phrases are normalised like question tokens (`Coca-Cola` = `coca cola`). */
export function createPhraseIndex<T>(entries: Iterable<readonly [string, T]>): PhraseIndex<T> {
  const map = new Map<string, T[]>();
  let maxWords = 1;
  for (const [phrase, value] of entries) {
    const key = phraseKey(phrase);
    if (key === '') continue;
    maxWords = Math.max(maxWords, key.split(' ').length);
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  }
  const words = [...map.keys()].filter((key) => !key.includes(' '));
  return {
    words,
    longestAt(tokens, i) {
      for (let n = Math.min(maxWords, tokens.length - i); n >= 1; n--) {
        const slice = tokens.slice(i, i + n);
        if (slice.some((t) => t.kind === 'punct')) continue;
        const values = map.get(slice.map((t) => t.norm).join(' '));
        if (values) return { length: n, values };
      }
      return null;
    },
  };
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[i - 1] as number[])[j]! + 1,
        row[j - 1]! + 1,
        (d[i - 1] as number[])[j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[i - 2] as number[])[j - 2]! + 1);
      }
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length]!;
}

/** Typos forgiven for a word of this length: none under 5 letters, 1 up to 7, 2 from 8. */
export function typoBudget(length: number): number {
  return length < 5 ? 0 : length < 8 ? 1 : 2;
}

/**
 * The one vocabulary word closest to `word` within its typo budget, or null when none or several
 * are equally close. Only candidates with the same first letter count: first letters are rarely
 * mistyped, and it keeps the search small.
 */
export function closestWord(word: string, vocabulary: Iterable<string>): string | null {
  const budget = typoBudget(word.length);
  if (budget === 0) return null;
  let best: string | null = null;
  let bestDistance = budget + 1;
  let tie = false;
  for (const candidate of vocabulary) {
    if (candidate[0] !== word[0] || Math.abs(candidate.length - word.length) > budget) continue;
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) [best, bestDistance, tie] = [candidate, distance, false];
    else if (distance === bestDistance && candidate !== best) tie = true;
  }
  return tie ? null : best;
}
