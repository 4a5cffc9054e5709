import { findPlaceSpans, findPlaces, type PlaceSpan } from './gazetteer.js';
import {
  AUXILIARIES,
  CAPITALISED_MONTHS,
  CURRENCY_CODES,
  CURRENCY_WORDS,
  DEGREE_WORDS,
  FUNCTION_WORDS,
  FUTURE_AUXILIARIES,
  LIGHT_WORDS,
  NEGATION_CUES,
  PAST_AUXILIARIES,
  POSSESSIVES,
  TIME_WORDS,
  WH_PHRASES,
  WH_WORDS,
  type WhClass,
} from './question-lexicon.js';
import { stemWord, tokenizeQuestion, type QuestionToken } from './question-tokens.js';
import {
  canonicalWord,
  currenciesOf,
  isTimeWord,
  numbersOf,
  termKey,
  timesOf,
} from './question-values.js';
import { isRareWord, wordIdf } from './word-weights.js';

/** What kind of answer a question asks for: a question-word class, yes/no, or none (a statement). */
export type QuestionForm = WhClass | 'polar' | 'statement';

/** Everything the matcher compares about one question, computed once (the index stores it). */
export interface QuestionFeatures {
  text: string;
  /** Lower-case words and numbers joined by single spaces: the exact cache's key. */
  normalised: string;
  /**
   * The words with what the vetoes compare taken out or made canonical: time words dropped,
   * number words as digits, demonyms as places. What the embedder sees, so that "right now" and
   * "currently" or "seven" and "7" do not lower the similarity (the vetoes check them instead).
   */
  canonical: string;
  /** Lower-case words, in order (contractions expanded). */
  words: readonly string[];
  /** Stem of every word and number, weighted by its IDF (function words weigh less, light ones least). */
  terms: ReadonlyMap<string, number>;
  /** The topic words: stems of words that are not function words, with their surface forms. */
  content: ReadonlyMap<string, { word: string; idf: number }>;
  /** Canonical numbers: `3`, `2.5`, `10%`, `3rd` (also "third"), and tokens with digits (`ps4`). */
  numbers: ReadonlySet<string>;
  /** The numbers that are years (1000-2100) or decades (`1990s`). */
  years: ReadonlySet<string>;
  /** Time expressions (`tomorrow`, `next week`, `monday`); `now` when the question names none. */
  times: ReadonlySet<string>;
  /** Count of negation cues (not, never, without, n't…). */
  negations: number;
  /** Possessive determiners used (my, your, our…). */
  possessives: ReadonlySet<string>;
  /** Canonical place names (gazetteer and demonyms). */
  places: ReadonlySet<string>;
  /** Capitalised names that are not places or sentence starts, lower case. */
  names: ReadonlySet<string>;
  /** Acronyms and tickers (`AAPL`, `GPA`), and meaningful symbols (`==`, `@`, `++`). */
  symbols: ReadonlySet<string>;
  /** ISO-style currency codes named by word, sign or code. */
  currencies: ReadonlySet<string>;
  /** Degree scales and their directions: best gives good:+1, cheapest gives price:-1. */
  degrees: ReadonlyMap<string, ReadonlySet<1 | -1>>;
  form: QuestionForm;
  tense: 'past' | 'present' | 'future';
}

/** Share of its IDF a function word weighs in word overlap; light words weigh less still. */
export const FUNCTION_WEIGHT = 0.5;
export const LIGHT_WEIGHT = 0.05;

/** Extracts the features of a question (pure; about 20 µs for a typical question). */
export function questionFeatures(text: string): QuestionFeatures {
  const tokens = tokenizeQuestion(text);
  const wordTokens = tokens.filter((token) => token.kind !== 'symbol');
  const words = wordTokens.map((token) => token.lower);
  const shouting = isShouting(wordTokens);
  const places = findPlaceSpans(wordTokens.map((token) => (shouting ? token.lower : token.text)));
  const terms = new Map<string, number>();
  const content = new Map<string, { word: string; idf: number }>();
  const canonical: string[] = [];
  for (const [i, word] of words.entries()) {
    if (isTimeWord(words, i)) continue; // compared by the time veto, with "now" implied
    canonical.push(canonicalWord(word));
    const stem = termKey(word);
    const idf = wordIdf(word);
    const weight = LIGHT_WORDS.has(word)
      ? idf * LIGHT_WEIGHT
      : FUNCTION_WORDS.has(word)
        ? idf * FUNCTION_WEIGHT
        : idf;
    terms.set(stem, Math.max(terms.get(stem) ?? 0, weight));
    if (!FUNCTION_WORDS.has(word)) content.set(stem, { word, idf });
  }
  const { numbers, years } = numbersOf(wordTokens);
  return {
    text,
    normalised: words.join(' '),
    canonical: canonical.join(' '),
    words,
    terms,
    content,
    numbers,
    years,
    times: timesOf(wordTokens),
    negations: words.filter((word) => NEGATION_CUES.has(word)).length,
    possessives: new Set(words.filter((word) => POSSESSIVES.has(word))),
    places: new Set(places.map((span) => span.place)),
    names: namesOf(wordTokens, shouting, places),
    symbols: symbolsOf(tokens, shouting),
    currencies: currenciesOf(tokens),
    degrees: degreesOf(words),
    form: formOf(words),
    tense: tenseOf(words),
  };
}

function isShouting(tokens: readonly QuestionToken[]): boolean {
  const upper = tokens.filter((t) => t.kind === 'word' && /^\p{Lu}{2,}$/u.test(t.text)).length;
  return upper >= 3 && upper * 2 > tokens.length;
}

function namesOf(
  tokens: readonly QuestionToken[],
  shouting: boolean,
  places: readonly PlaceSpan[],
): Set<string> {
  const names = new Set<string>();
  if (shouting) return names;
  for (const [i, token] of tokens.entries()) {
    if (places.some((span) => i >= span.start && i < span.end)) continue;
    const { text, lower } = token;
    if (token.kind !== 'word' || !/^\p{Lu}/u.test(text) || /^\p{Lu}[\p{Lu}\d]+$/u.test(text))
      continue;
    if (FUNCTION_WORDS.has(lower) || TIME_WORDS.has(lower) || CAPITALISED_MONTHS.has(lower))
      continue;
    // A capital at the start of a sentence is grammar, unless the word is no common English word.
    if (token.initial && !isRareWord(lower)) continue;
    names.add(lower);
  }
  return names;
}

function symbolsOf(tokens: readonly QuestionToken[], shouting: boolean): Set<string> {
  const symbols = new Set<string>();
  for (const { text, kind } of tokens) {
    if (kind === 'word') {
      const acronym = !shouting && /^\p{Lu}[\p{Lu}\d]{1,5}$/u.test(text);
      if (acronym && !CURRENCY_CODES.has(text) && findPlaces([text]).length === 0)
        symbols.add(text);
      continue;
    }
    if (kind !== 'symbol' || text in CURRENCY_WORDS) continue;
    const core = text.replace(/^[.,?!;:"'*]+|[.,?!;:"'*]+$/g, '');
    if (/^(\(\)|\[\]|\{\}|<>)$/.test(core)) symbols.add(core);
    else {
      const meaningful = core.replace(/[()[\]{}\-–—/&…'"*.,?!;:]/g, '');
      if (meaningful) symbols.add(meaningful);
    }
  }
  return symbols;
}

function degreesOf(words: readonly string[]): Map<string, Set<1 | -1>> {
  const degrees = new Map<string, Set<1 | -1>>();
  const add = (scale: string, direction: 1 | -1) =>
    degrees.set(scale, (degrees.get(scale) ?? new Set()).add(direction));
  for (const [i, word] of words.entries()) {
    for (const [scale, direction] of DEGREE_WORDS[word] ?? []) {
      add(scale, direction);
      // "most effective" and "least effective" sit on the scale of their adjective.
      const next = words[i + 1];
      if (scale === 'amount' && next !== undefined && !FUNCTION_WORDS.has(next))
        add(stemWord(next), direction);
    }
  }
  return degrees;
}

function formOf(words: readonly string[]): QuestionForm {
  const first = words[0];
  // "Can you tell me what…", "do you know why…": an indirect question takes its question word.
  const indirect =
    /^(?:can|could|would|will|do|does) (?:you|anyone|someone|somebody|anybody) (?:please )?(?:tell|explain|know|say)\b/.test(
      words.slice(0, 6).join(' '),
    );
  if (first !== undefined && AUXILIARIES.has(first) && !indirect) return 'polar';
  for (const [i, word] of words.entries()) {
    const next = words[i + 1] ?? '';
    const phrase = WH_PHRASES[`${word} ${next}`];
    if (phrase) return phrase;
    // "How good is…", "how strong are…": how + adjective + verb asks for a degree, not a manner.
    if (word === 'how' && next && !FUNCTION_WORDS.has(next) && AUXILIARIES.has(words[i + 2] ?? ''))
      return 'degree';
    const single = WH_WORDS[word];
    if (single) return single;
  }
  return indirect ? 'polar' : 'statement';
}

function tenseOf(words: readonly string[]): QuestionFeatures['tense'] {
  if (words.some((word) => FUTURE_AUXILIARIES.has(word))) return 'future';
  // "Is it going to rain" is the future too (but not "going to Paris").
  if (
    words.some(
      (word, i) => word === 'going' && words[i + 1] === 'to' && !isPlaceOrNoun(words[i + 2]),
    )
  )
    return 'future';
  const auxiliary = words.find((word) => AUXILIARIES.has(word));
  return auxiliary !== undefined && PAST_AUXILIARIES.has(auxiliary) ? 'past' : 'present';
}

/** Whether the word after "going to" is a destination rather than a verb (a rough, safe guess). */
function isPlaceOrNoun(word: string | undefined): boolean {
  return word === undefined || FUNCTION_WORDS.has(word) || findPlaces([word]).length > 0;
}
