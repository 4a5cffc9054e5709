import { DEMONYMS } from './gazetteer.js';
import {
  CAPITALISED_MONTHS,
  CURRENCY_CODES,
  CURRENCY_WORDS,
  NOW_PHRASES,
  NOW_WORDS,
  NUMBER_WORDS,
  ORDINAL_WORDS,
  TIME_MODIFIERS,
  TIME_UNITS,
  TIME_WORDS,
} from './question-lexicon.js';
import { stemWord, type QuestionToken } from './question-tokens.js';

/*
 * The values in a question that the vetoes compare exactly: numbers (digits, written, ordinal,
 * years), time expressions and currencies, plus the canonical forms word overlap and the embedder
 * see for them.
 */

/**
 * The key a word is matched on: its stem, or a canonical form for words the vetoes compare as
 * values ("seven" is `7`, "third" is `3th`, "European" is `europe`).
 */
export function termKey(word: string): string {
  const number = NUMBER_WORDS[word];
  if (number !== undefined && number < 100) return String(number);
  const ordinal = ORDINAL_WORDS[word];
  if (ordinal !== undefined) return `${ordinal}th`;
  if (/^\d+(?:st|nd|rd|th)$/.test(word)) return word.replace(/\D+$/, 'th');
  return DEMONYMS.get(word) ?? stemWord(word);
}

/** A word as the embedder should see it: number words as digits, demonyms as place names. */
export function canonicalWord(word: string): string {
  const number = NUMBER_WORDS[word];
  if (number !== undefined && number < 100) return String(number);
  return DEMONYMS.get(word) ?? word;
}

/** Whether words[i] is part of a time expression ("now", "right now", "next week", "tomorrow"). */
export function isTimeWord(words: readonly string[], i: number): boolean {
  const word = words[i] as string;
  const next = words[i + 1];
  const previous = words[i - 1];
  if (NOW_WORDS.has(word) || TIME_WORDS.has(word)) return true;
  if (word === 'right' && next === 'now') return true;
  if (TIME_MODIFIERS.has(word) && next !== undefined && TIME_UNITS.has(next)) return true;
  return TIME_UNITS.has(word) && previous !== undefined && TIME_MODIFIERS.has(previous);
}

/** Canonical numbers of a question, and which of them are years or decades. */
export function numbersOf(tokens: readonly QuestionToken[]): {
  numbers: Set<string>;
  years: Set<string>;
} {
  const numbers = new Set<string>();
  const years = new Set<string>();
  let run: number | undefined; // a written number being read ("twenty five")
  let current = 0;
  const flush = () => {
    if (run !== undefined) numbers.add(String(run + current));
    run = undefined;
    current = 0;
  };
  for (const [i, token] of tokens.entries()) {
    const word = token.lower;
    const value = NUMBER_WORDS[word];
    const before = tokens[i - 1]?.lower;
    if (value !== undefined && (value < 100 || run !== undefined || before === 'a')) {
      run ??= 0;
      if (value >= 1000) {
        run += (current || 1) * value;
        current = 0;
      } else if (value === 100) current = (current || 1) * 100;
      else current += value;
      continue;
    }
    if (word === 'and' && run !== undefined) continue;
    flush();
    const ordinal = ORDINAL_WORDS[word];
    if (ordinal !== undefined) numbers.add(`${ordinal}th`);
    else if (token.kind === 'number') {
      const canonical = word.replace(/^(\d+)(?:st|nd|rd|th)$/, '$1th');
      numbers.add(canonical);
      if (/^(1\d{3}|20\d{2}|2100)$/.test(canonical) || /^\d{2,4}s$/.test(canonical))
        years.add(canonical);
    } else if (/\d/.test(word)) numbers.add(word);
  }
  flush();
  return { numbers, years };
}

/** Time expressions of a question; `now` when it names none. */
export function timesOf(tokens: readonly QuestionToken[]): Set<string> {
  const times = new Set<string>();
  const words = tokens.map((token) => token.lower);
  const joined = ` ${words.join(' ')} `;
  if (NOW_PHRASES.some((phrase) => joined.includes(` ${phrase} `))) times.add('now');
  for (let i = 0; i < tokens.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    if (word === 'day' && words[i + 1] === 'after' && words[i + 2] === 'tomorrow') {
      times.add('day after tomorrow');
      i += 2;
    } else if (word === 'day' && words[i + 1] === 'before' && words[i + 2] === 'yesterday') {
      times.add('day before yesterday');
      i += 2;
    } else if (TIME_MODIFIERS.has(word) && next !== undefined && TIME_UNITS.has(next)) {
      const modifier = /^(coming|upcoming|following)$/.test(word)
        ? 'next'
        : /^(past|previous)$/.test(word)
          ? 'last'
          : word;
      // "this weekend" is the weekend a bare "weekend" means; "next weekend" is another.
      times.add(modifier === 'this' ? next : `${modifier} ${next}`);
      i++;
    } else if (TIME_WORDS.has(word)) times.add(word);
    else if (NOW_WORDS.has(word)) times.add('now');
    else if (CAPITALISED_MONTHS.has(word) && /^\p{Lu}/u.test(tokens[i]?.text ?? '')) {
      if (!tokens[i]?.initial) times.add(word);
    }
  }
  // Why: "weather in Paris" asks about now, so it may serve "weather in Paris right now" only.
  if (times.size === 0) times.add('now');
  return times;
}

/** Currency codes a question names by word, sign or code. */
export function currenciesOf(tokens: readonly QuestionToken[]): Set<string> {
  const currencies = new Set<string>();
  for (const [i, token] of tokens.entries()) {
    const next = tokens[i + 1];
    // "$AAPL" is a cashtag, not dollars.
    if (token.text === '$' && next?.kind === 'word' && /^\p{Lu}{1,5}$/u.test(next.text)) continue;
    const code = CURRENCY_WORDS[token.lower] ?? (CURRENCY_CODES.has(token.text) ? token.text : '');
    if (code) currencies.add(code);
  }
  return currencies;
}
