import { isRareWord } from '../../language/word-weights.js';
import { REGION_CODES } from '../../sources/place-qualifier.js';
import {
  PLACE_NAMES,
  PLACES_NEEDING_CAPITAL,
  QUALIFIER_PLACES,
  displayPlace,
} from '../dictionaries/places.js';
import {
  DAY_NOUNS,
  FOREIGN_COUNTS,
  FOREIGN_TIME_PHRASES,
  FOREIGN_TIME_WORDS,
  ENGLISH_WEEKDAYS,
  FOREIGN_WEEKDAYS,
  PLACE_PREPOSITIONS,
  PLACE_STOP_WORDS,
  TIME_WORDS,
  WEATHER_WORDS,
  type TimeKind,
} from './lexicon.js';
import { closestWord, createPhraseIndex } from './phrases.js';
import { fold, type Token } from './text.js';

/** A place named in a question, tokens `[from, to)`. */
export interface PlaceMention {
  from: number;
  to: number;
  /** As written when the gazetteer knows it; the gazetteer's name when a typo was corrected. */
  name: string;
  /** In the gazetteer (else only a name after "in"/"at"/"for", for the geocoder to check). */
  known: boolean;
}

const INDEX = createPhraseIndex(
  [...PLACE_NAMES].map(([name, canonical]) => [name, canonical] as const),
);
const SINGLE_WORD_PLACES = INDEX.words;
const SLOT_WORDS = PLACE_PREPOSITIONS;
const LIST_WORDS = new Set([',', 'and', 'or']);
const MAX_SLOT_WORDS = 3;

function written(tokens: readonly Token[], from: number, to: number): string {
  return tokens
    .slice(from, to)
    .map((t) => t.text)
    .join(' ');
}

/** Gazetteer places; a name that is also a word ("Nice", "US") needs its capital(s). */
function knownAt(tokens: readonly Token[], i: number): PlaceMention | null {
  const match = INDEX.longestAt(tokens, i);
  if (!match) return null;
  const t = tokens[i] as Token;
  const key = tokens
    .slice(i, i + match.length)
    .map((x) => x.norm)
    .join(' ');
  if (PLACES_NEEDING_CAPITAL.has(key) && !(key.length <= 2 ? t.upper : t.capital)) return null;
  const to = i + match.length;
  const canonical = match.values[0] as string;
  const name =
    fold(written(tokens, i, to)) === canonical ? written(tokens, i, to) : displayPlace(canonical);
  return { from: i, to, name, known: true };
}

/** A word that can be part of a place name after "in": a name or an unknown word, not a cue. */
function slotWord(t: Token | undefined): boolean {
  if (t?.kind !== 'word') return false;
  if (PLACE_STOP_WORDS.has(t.norm) || TIME_WORDS.has(t.norm) || WEATHER_WORDS.has(t.norm))
    return false;
  return t.capital || isRareWord(t.norm);
}

/**
 * A name after "in"/"at"/"for" the gazetteer lacks: a lower-case one is corrected when it is a typo
 * of a known place ("barcelonna"); a capitalised one is kept as written, since it is more likely a
 * spelling the gazetteer lacks ("Marrakech") for the geocoder to resolve.
 */
function slotAt(
  tokens: readonly Token[],
  i: number,
  free: readonly boolean[],
  found: readonly PlaceMention[],
): PlaceMention | null {
  const before = tokens[i - 1]?.norm ?? '';
  // "in X", or the next name of a list of places ("Paris, Rio and Lima").
  const listed =
    LIST_WORDS.has(before) && found.some((p) => p.to === i - 1) && (tokens[i] as Token).capital;
  if (!SLOT_WORDS.has(before) && !listed) return null;
  let to = i;
  while (to < tokens.length && to - i < MAX_SLOT_WORDS && free[to] && slotWord(tokens[to])) to++;
  if (to === i) return null;
  if (to === i + 1 && !(tokens[i] as Token).capital) {
    const fixed = closestWord((tokens[i] as Token).norm, SINGLE_WORD_PLACES);
    if (fixed !== null) {
      const canonical = PLACE_NAMES.get(fixed) as string;
      return { from: i, to, name: displayPlace(canonical), known: true };
    }
  }
  return { from: i, to, name: written(tokens, i, to), known: false };
}

/**
 * The `, Texas` / `, TX` / `, France` after a city: a region or country the gazetteer knows, or a
 * state or province code in capitals. A region or country is not qualified ("France, Spain and
 * Italy" stays three places), nor is a city followed by another city ("Paris, London and Rome").
 */
function qualifierAfter(
  tokens: readonly Token[],
  place: PlaceMention,
  free: readonly boolean[],
): number | null {
  if (tokens[place.to]?.norm !== ',') return null;
  if (QUALIFIER_PLACES.has(fold(place.name))) return null;
  const at = place.to + 1;
  const t = tokens[at];
  if (t?.kind !== 'word' || !free[at] || !t.capital) return null;
  if (t.upper && REGION_CODES.has(t.text)) return at + 1;
  const match = INDEX.longestAt(tokens, at);
  const canonical = match?.values[0];
  if (!match || canonical === undefined || !QUALIFIER_PLACES.has(canonical)) return null;
  return free.slice(at, at + match.length).includes(false) ? null : at + match.length;
}

/** Places named where `free` is true, in order, claiming their tokens. */
export function findPlaces(tokens: readonly Token[], free: boolean[]): PlaceMention[] {
  const found: PlaceMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!free[i]) continue;
    let place = knownAt(tokens, i) ?? slotAt(tokens, i, free, found);
    if (!place || free.slice(place.from, place.to).includes(false)) continue;
    // "Paris, Texas": one place, its qualifier kept as written for the geocoder to match.
    const end = qualifierAfter(tokens, place, free);
    if (end !== null) {
      const qualifier = written(tokens, place.to + 1, end);
      place = { ...place, to: end, name: `${place.name}, ${qualifier}` };
    }
    found.push(place);
    for (let j = place.from; j < place.to; j++) free[j] = false;
    i = place.to - 1;
  }
  return found;
}

/** When a weather question asks about. */
export type When = 'now' | 'today' | 'tomorrow' | 'weekend' | 'week' | 'weekday' | 'days';

/** The time of a weather question and the forecast days it needs (1-16). */
export interface WeatherTime {
  when: When;
  days: number;
  /** The day named, for `weekday` (`saturday`). */
  weekday?: string;
}

const WEEKDAYS: ReadonlySet<string> = new Set(ENGLISH_WEEKDAYS);
const COUNTS: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  ten: 10,
  fourteen: 14,
};
const TODAY = new Set(['today', 'tonight', 'morning', 'afternoon', 'evening', 'later']);
const NOW = new Set(['now', 'currently', 'presently', 'rn', 'moment']);

const KIND_TIMES: Readonly<Record<TimeKind, WeatherTime>> = {
  now: { when: 'now', days: 1 },
  today: { when: 'today', days: 1 },
  tomorrow: { when: 'tomorrow', days: 2 },
  weekend: { when: 'weekend', days: 7 },
  week: { when: 'week', days: 7 },
};

/** A time phrase of another language at token `i` ("fin de semana", "week-end", "esta noche"). */
function foreignPhraseAt(tokens: readonly Token[], i: number): WeatherTime | null {
  for (const [phrase, kind] of FOREIGN_TIME_PHRASES) {
    if (phrase.every((w, k) => tokens[i + k]?.norm === w)) return KIND_TIMES[kind];
  }
  return null;
}

/** A time word of another language at token `i` ("mañana", "heute", "sábado"). */
function foreignTimeAt(tokens: readonly Token[], i: number): WeatherTime | null {
  const word = (tokens[i] as Token).norm;
  const kind = FOREIGN_TIME_WORDS.get(word);
  if (kind !== undefined) return KIND_TIMES[kind];
  const weekday = FOREIGN_WEEKDAYS.get(word);
  return weekday === undefined ? null : { when: 'weekday', days: 7, weekday };
}

/**
 * The first time expression among `tokens[i]` with `usable(i)`: "next 3 days" and "5-day" (a
 * 7-day span is a week), weekend, week, a weekday, tomorrow, today/tonight, now, and the same in
 * the other languages of languages.ts; null if none.
 */
export function findWhen(
  tokens: readonly Token[],
  usable: (i: number) => boolean,
): WeatherTime | null {
  for (let i = 0; i < tokens.length; i++) {
    if (!usable(i)) continue;
    const phrase = foreignPhraseAt(tokens, i);
    if (phrase) return phrase;
    const word = (tokens[i] as Token).norm;
    const next = tokens[i + 1]?.norm ?? '';
    const count =
      (tokens[i] as Token).kind === 'number'
        ? Number(word)
        : (COUNTS[word] ?? FOREIGN_COUNTS.get(word));
    if (count !== undefined && DAY_NOUNS.has(next) && count >= 1) {
      const days = Math.min(16, Math.round(count));
      return days === 7 ? { when: 'week', days } : { when: 'days', days };
    }
    if (word === 'weekend') return { when: 'weekend', days: 7 };
    if (word === 'week' || word === 'weekly') return { when: 'week', days: 7 };
    if (WEEKDAYS.has(word)) return { when: 'weekday', days: 7, weekday: word };
    if (word === 'tomorrow' || word === 'tmrw' || word === 'tmr')
      return { when: 'tomorrow', days: 2 };
    if (TODAY.has(word)) return { when: 'today', days: 1 };
    if (NOW.has(word)) return { when: 'now', days: 1 };
    const foreign = foreignTimeAt(tokens, i);
    if (foreign) return foreign;
  }
  return null;
}

/** The time of a weather question: see findWhen; without one, "forecast" asks for 3 days, else now. */
export function readWhen(tokens: readonly Token[], usable: (i: number) => boolean): WeatherTime {
  const forecast = tokens.some((t, i) => usable(i) && t.norm.startsWith('forecast'));
  return (
    findWhen(tokens, usable) ?? (forecast ? { when: 'days', days: 3 } : { when: 'now', days: 1 })
  );
}

/**
 * The time of each place: a time written after it, before the next place ("Paris today and Rome
 * tomorrow"), else the question's time ("weather for tomorrow in Lagos and Nairobi").
 */
export function timesOf(
  tokens: readonly Token[],
  places: readonly PlaceMention[],
  usable: (i: number) => boolean,
): WeatherTime[] {
  const overall = readWhen(tokens, usable);
  return places.map((place, k) => {
    const end = places[k + 1]?.from ?? tokens.length;
    return findWhen(tokens, (i) => usable(i) && i >= place.to && i < end) ?? overall;
  });
}
