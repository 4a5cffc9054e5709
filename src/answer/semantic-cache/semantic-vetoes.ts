import type { QuestionFeatures } from '../../language/question-features.js';
import { WEATHER_ASPECTS } from '../../language/question-lexicon.js';
import { spellsInitials, wordMatch } from '../../language/word-match.js';

/** The reasons a near-duplicate question may still not be served another's answer. */
export type VetoName =
  | 'different year'
  | 'different number'
  | 'different time'
  | 'negation mismatch'
  | 'different place'
  | 'different currency'
  | 'different symbol'
  | 'different comparative'
  | 'different question word'
  | 'different question form'
  | 'different tense'
  | 'different addressee'
  | 'different name'
  | 'different subject'
  | 'opposite direction'
  | 'different weather aspect';

/** One named rule: true when the two questions must not share an answer. */
export interface Veto {
  readonly name: VetoName;
  applies(a: QuestionFeatures, b: QuestionFeatures): boolean;
}

/** Content words at least this rare (IDF; ~rank 3,000 in spoken English) name a question's subject. */
export const SALIENT_IDF = 10;

const differ = <T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean =>
  a.size !== b.size || [...a].some((item) => !b.has(item));

/** Years differ ("AAPL in 2023" vs "in 2024"), or one question names a year the other does not. */
export const differentYear: Veto = {
  name: 'different year',
  applies: (a, b) => differ(a.years, b.years),
};

/** Any number, written ("two") or in digits, ordinal or model number (`ps4`), differs. */
export const differentNumber: Veto = {
  name: 'different number',
  applies: (a, b) => differ(withOne(a, b), withOne(b, a)),
};

// "one" is not read as a number (mostly a pronoun), but it does match a written 1.
const withOne = (a: QuestionFeatures, b: QuestionFeatures): ReadonlySet<string> =>
  b.numbers.has('1') && !a.numbers.has('1') && a.words.includes('one')
    ? new Set([...a.numbers, '1'])
    : a.numbers;

/** Time expressions differ; a question with none asks about now ("right now" matches it). */
export const differentTime: Veto = {
  name: 'different time',
  applies: (a, b) => differ(a.times, b.times),
};

/** One question is negated and the other is not ("will it rain" vs "will it not rain"). */
export const negationMismatch: Veto = {
  name: 'negation mismatch',
  applies: (a, b) => a.negations > 0 !== b.negations > 0,
};

/** Places differ, including a place named on one side only ("bikes" vs "bikes in India"). */
export const differentPlace: Veto = {
  name: 'different place',
  applies: (a, b) => differ(a.places, b.places),
};

/** Currencies differ (EUR vs GBP, bitcoin vs ether, "$" vs "€"). */
export const differentCurrency: Veto = {
  name: 'different currency',
  applies: (a, b) => differ(a.currencies, b.currencies),
};

/**
 * A ticker, acronym or symbol on one side is missing from the other (AAPL vs MSFT, `==` vs `=`);
 * an acronym spelled out on the other side ("GPA", "grade point average") still matches.
 */
export const differentSymbol: Veto = {
  name: 'different symbol',
  applies: (a, b) => unmatchedSymbol(a, b) || unmatchedSymbol(b, a),
};

function unmatchedSymbol(a: QuestionFeatures, b: QuestionFeatures): boolean {
  for (const symbol of a.symbols) {
    if (b.symbols.has(symbol)) continue;
    if (
      /^\p{L}/u.test(symbol) &&
      (b.words.includes(symbol.toLowerCase()) || spellsInitials(symbol, b))
    )
      continue;
    return true;
  }
  return false;
}

/**
 * Degree words clash: the same scale in opposite directions (best vs worst, most vs least, rose vs
 * fell), or specific scales with none in common (cheapest vs fastest). "Best" and "most" are
 * generic, so "best" and "most effective" do not clash.
 */
export const differentComparative: Veto = {
  name: 'different comparative',
  applies: (a, b) => {
    for (const [scale, directions] of a.degrees) {
      const other = b.degrees.get(scale);
      if (other && ![...directions].some((direction) => other.has(direction))) return true;
    }
    const specificA = [...a.degrees.keys()].filter((scale) => !GENERIC_SCALES.has(scale));
    const specificB = [...b.degrees.keys()].filter((scale) => !GENERIC_SCALES.has(scale));
    return (
      specificA.length > 0 &&
      specificB.length > 0 &&
      !specificA.some((scale) => b.degrees.has(scale))
    );
  },
};

const GENERIC_SCALES = new Set(['good', 'amount']);

/**
 * Question words ask for different things: who vs when vs where vs why vs how many vs how good.
 * "What" and "which" can ask for most things, so they clash only with "who" (a thing is not a
 * person) and "how good" (a degree is not a thing); "how" (manner) clashes with the rest.
 */
export const differentQuestionWord: Veto = {
  name: 'different question word',
  applies: ({ form: a }, { form: b }) => {
    if (a === b || a === 'polar' || b === 'polar' || a === 'statement' || b === 'statement')
      return false;
    if (a === 'open' || b === 'open')
      return [a, b].some((form) => form === 'person' || form === 'degree');
    return true;
  },
};

/** One question asks about the future ("will", "shall") and the other does not. */
export const differentTense: Veto = {
  name: 'different tense',
  applies: (a, b) => (a.tense === 'future') !== (b.tense === 'future'),
};

/**
 * One question asks about the answerer's own ("your happiness") and the other is impersonal, with
 * no possessive and no "you" ("happiness"). "Your" against "my" is the generic you.
 */
export const differentAddressee: Veto = {
  name: 'different addressee',
  applies: (a, b) => personal(a, b) || personal(b, a),
};

const personal = (a: QuestionFeatures, b: QuestionFeatures) =>
  a.possessives.has('your') &&
  !b.words.includes('you') &&
  !['your', 'my', 'our'].some((word) => b.possessives.has(word));

/** A yes/no question is not a question-word question ("Can hard work beat talent?" vs "Why does…"). */
export const differentQuestionForm: Veto = {
  name: 'different question form',
  applies: ({ form: a }, { form: b }) =>
    (a === 'polar') !== (b === 'polar') && a !== 'statement' && b !== 'statement',
};

/** A capitalised name on one side has no counterpart on the other (Kolkata vs Bangalore, Zogenix). */
export const differentName: Veto = {
  name: 'different name',
  applies: (a, b) => unmatchedName(a, b) || unmatchedName(b, a),
};

function unmatchedName(a: QuestionFeatures, b: QuestionFeatures): boolean {
  return [...a.names].some((name) => wordMatch(name, b) === 0);
}

/**
 * Each side has a rare content word the other lacks: the subject was swapped ("reddit" vs
 * "nootropics", "nitrogen" vs "sulfur"), whatever else the questions share.
 */
export const differentSubject: Veto = {
  name: 'different subject',
  applies: (a, b) => unmatchedSalient(a, b) && unmatchedSalient(b, a),
};

function unmatchedSalient(a: QuestionFeatures, b: QuestionFeatures): boolean {
  for (const { word, idf } of a.content.values())
    if (idf >= SALIENT_IDF && !/\d/.test(word) && wordMatch(word, b) === 0) return true;
  return false;
}

/**
 * Opposite particles of the same verb: "turn on" vs "turn off", "scale up" vs "scale down". The
 * embedder sees the same words; the answers are opposite. Each side has one of a pair and not the
 * other.
 */
export const oppositeDirection: Veto = {
  name: 'opposite direction',
  applies: (a, b) =>
    OPPOSITES.some(
      ([x, y]) =>
        (has(a, x) && has(b, y) && !has(a, y) && !has(b, x)) ||
        (has(a, y) && has(b, x) && !has(a, x) && !has(b, y)),
    ),
};

const OPPOSITES: ReadonlyArray<readonly [string, string]> = [
  ['on', 'off'],
  ['up', 'down'],
  ['high', 'low'],
];
const has = (features: QuestionFeatures, word: string) => features.words.includes(word);

/**
 * The two questions ask about different parts of the weather ("do I need an umbrella" and "do I
 * need sunscreen", "is it windy" and "is it humid"), or one about a part and the other about the
 * weather as a whole. The weather plan records the place and the day, not which part was asked.
 */
export const differentWeatherAspect: Veto = {
  name: 'different weather aspect',
  applies: (a, b) => differ(weatherAspects(a), weatherAspects(b)),
};

function weatherAspects(features: QuestionFeatures): Set<string> {
  const aspects = new Set<string>();
  for (const word of features.words) {
    const aspect = WEATHER_ASPECTS[word];
    if (aspect !== undefined) aspects.add(aspect);
  }
  return aspects;
}

/** Every veto, cheapest and most specific first (the first that applies names the reason). */
export const VETOES: readonly Veto[] = [
  differentYear,
  differentNumber,
  differentTime,
  negationMismatch,
  differentPlace,
  differentCurrency,
  differentSymbol,
  differentComparative,
  oppositeDirection,
  differentQuestionWord,
  differentQuestionForm,
  differentTense,
  differentAddressee,
  differentName,
  differentSubject,
];

/** The first veto that applies to a pair, or null. */
export function findVeto(
  a: QuestionFeatures,
  b: QuestionFeatures,
  vetoes: readonly Veto[] = VETOES,
): VetoName | null {
  for (const veto of vetoes) if (veto.applies(a, b)) return veto.name;
  return null;
}

/**
 * The vetoes that still apply between two questions with the same routed plan: what a plan does
 * not record (a negation, another time than the plan's day, a year, a number, a comparative:
 * "yesterday" routes to today's weather, "2023" to today's quote). Wording (question words, form,
 * tense, subject) is what the plan already made irrelevant: "will it rain tomorrow" and "is rain
 * expected tomorrow" are one forecast.
 */
export const PLAN_VETOES: readonly Veto[] = [
  negationMismatch,
  differentTime,
  differentYear,
  differentNumber,
  differentComparative,
  differentWeatherAspect,
  oppositeDirection,
];
