import { UNLISTED_IDF, WORD_IDF_BANDS } from './english-frequency.js';

const IDF = new Map<string, number>();
for (const [idf, list] of WORD_IDF_BANDS) for (const word of list.split(/\s+/)) IDF.set(word, idf);

/**
 * Inverse document frequency of a lower-case word in general English (SUBTLEXus): about 3 for
 * "you", 9 for "grab", 13 for "burgundy"; words outside the list (names, jargon) get the most.
 */
export function wordIdf(word: string): number {
  return IDF.get(word) ?? UNLISTED_IDF;
}

/** Whether a lower-case word is outside the list of common English words (a name, jargon, a typo). */
export function isRareWord(word: string): boolean {
  return !IDF.has(word);
}
