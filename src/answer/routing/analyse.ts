import { CRYPTO_QUOTE_CURRENCIES } from '../../sources/symbols.js';
import { isRareWord } from '../../language/word-weights.js';
import { PLACE_NAMES } from '../dictionaries/places.js';
import { COMPANY_ALIASES } from '../dictionaries/companies.js';
import { COIN_ALIASES, coinPair } from '../dictionaries/crypto.js';
import { CURRENCY_ALIASES } from '../dictionaries/currencies.js';
import { docClauses } from './docs.js';
import {
  DOC_WORDS,
  FOREIGN_WORDS,
  INTO_WORDS,
  KNOWLEDGE_WORDS,
  MARKET_WORDS,
  NEWS_NOUNS,
  PRICE_WORDS,
  RATE_WORDS,
  TIME_WORDS,
  WEATHER_WORDS,
  WHY_WORDS,
} from './lexicon.js';
import { findMarkets, type MarketMention } from './markets.js';
import { findCurrencies, pairCurrencies, type CurrencyMention, type RatePair } from './money.js';
import { findNewsSpans, topicText } from './news.js';
import { closestWord } from './phrases.js';
import { findPlaces, timesOf, type PlaceMention, type WeatherTime } from './places.js';
import { phraseKey, segment, tokenize, type Segment, type Token } from './text.js';

/** What the rules read in a question, each item with the token where it is asked for. */
export interface Analysis {
  places: PlaceMention[];
  /** The time asked about at each place, in the same order. */
  times: WeatherTime[];
  /** Quote symbols, in order. */
  symbols: string[];
  rates: RatePair[];
  news: string[];
  /** Documentation question, or null. */
  search: string | null;
  /** Token positions of the first mention of each kind, to order intents as asked. */
  at: { weather: number; quote: number; exchangeRate: number; news: number; search: number };
  /** Capitalised or unknown words a geocoder may recognise when no place was found. */
  placeCandidates: string[];
}

const CUE_VOCABULARY = [
  ...WEATHER_WORDS,
  ...TIME_WORDS,
  ...MARKET_WORDS,
  ...NEWS_NOUNS,
  ...RATE_WORDS,
];
// Words the dictionaries know are not typos ("quota" is not "quote", "stooq" is not "stock").
const KNOWN_WORDS = new Set([
  ...DOC_WORDS,
  ...FOREIGN_WORDS,
  ...[...COMPANY_ALIASES, ...COIN_ALIASES, ...CURRENCY_ALIASES].flatMap((a) =>
    phraseKey(a.phrase).split(' '),
  ),
]);
const GAP_WORDS = new Set([...MARKET_WORDS, ...INTO_WORDS, 'of', 'the', 'a', 'current']);

/** Corrects lower-case typos of cue words ("temprature", "tomorow"); names are left alone. */
function correctTypos(tokens: Token[]): Token[] {
  return tokens.map((t) => {
    if (t.kind !== 'word' || t.capital || !isRareWord(t.norm)) return t;
    if (PLACE_NAMES.has(t.norm) || KNOWN_WORDS.has(t.norm)) return t;
    const fixed = closestWord(t.norm, CUE_VOCABULARY);
    return fixed === null ? t : { ...t, norm: fixed };
  });
}

/** The currency written right after a mention ("bitcoin in euros", "Apple stock price in euros"). */
function pricedIn(
  tokens: readonly Token[],
  m: MarketMention,
  currencies: readonly CurrencyMention[],
) {
  return currencies.find((c) => {
    if (c.from < m.to || c.from - m.to > 3) return false;
    return tokens.slice(m.to, c.from).every((t) => GAP_WORDS.has(t.norm));
  });
}

/** Reads a question; see Analysis. Pure and synchronous: the router adds the geocoder check. */
export function analyse(question: string): Analysis {
  const tokens = correctTypos(tokenize(question));
  const segments = segment(tokens);
  const free = tokens.map((t) => t.kind !== 'punct');
  const markets = findMarkets(tokens, free);
  const currencies = findCurrencies(tokens, free);
  const segmentOf = (i: number): Segment | undefined =>
    segments.find((s) => i >= s.from && i < s.to);
  const has = (seg: Segment, test: (t: Token, i: number) => boolean) =>
    tokens.slice(seg.from, seg.to).some((t, k) => test(t, seg.from + k));
  const cueWord = (t: Token) =>
    WEATHER_WORDS.has(t.norm) || MARKET_WORDS.has(t.norm) || NEWS_NOUNS.has(t.norm);
  const mentionAt = (i: number) => [...markets, ...currencies].some((m) => i >= m.from && i < m.to);
  const docs = docClauses(tokens, segments, (seg) =>
    has(seg, (t, i) => cueWord(t) || mentionAt(i)),
  );
  const inDoc = (i: number) => [...docs].some((s) => i >= s.from && i < s.to);

  const otherCue = (i: number) => {
    const t = tokens[i] as Token;
    return (
      WEATHER_WORDS.has(t.norm) ||
      PRICE_WORDS.has(t.norm) ||
      DOC_WORDS.has(t.norm) ||
      ['rate', 'exchange', 'convert'].includes(t.norm) ||
      currencies.some((c) => c.from === i)
    );
  };
  const dataSegments = segments.filter((s) => !docs.has(s));
  const spans = findNewsSpans(tokens, dataSegments, (i) => !inDoc(i), otherCue);
  const inNews = (i: number) => spans.some((s) => i >= s.from && i < s.to);
  const usable = (i: number) => !inDoc(i) && !inNews(i);
  const usableTokens = (test: (t: Token) => boolean) => tokens.some((t, i) => usable(i) && test(t));

  // Quotes: named outside news topics (unless a "who founded" question), or named in a topic
  // with a price word after it, or claimed by a price word whose clause names nothing else.
  const live = markets.filter((m) => !inDoc(m.from));
  const outside = live.filter((m) => !inNews(m.from));
  const inside = live.filter((m) => inNews(m.from));
  const quoted = new Set<MarketMention>();
  const marketWordUsed = usableTokens((t) => MARKET_WORDS.has(t.norm));
  for (const m of outside) {
    // "Amazon rainforest": a name that is also a word is priced only when prices are talked about.
    if (m.weak && !marketWordUsed) continue;
    const seg = segmentOf(m.from);
    const knowledge =
      seg &&
      has(seg, (t) => KNOWLEDGE_WORDS.has(t.norm)) &&
      !has(seg, (t) => PRICE_WORDS.has(t.norm));
    if (!knowledge) quoted.add(m);
  }
  for (const m of inside) if (PRICE_WORDS.has(tokens[m.to]?.norm ?? '')) quoted.add(m);
  for (const seg of dataSegments) {
    const orphan = has(seg, (t, i) => usable(i) && PRICE_WORDS.has(t.norm) && !mentionAt(i));
    if (orphan && !outside.some((m) => segmentOf(m.from) === seg))
      inside.forEach((m) => quoted.add(m));
  }

  // A coin priced in a currency is a pair; an equity priced in another currency needs a rate.
  const consumed = new Set<CurrencyMention>();
  const symbols: string[] = [];
  const rates: RatePair[] = [];
  for (const m of markets.filter((x) => quoted.has(x))) {
    const currency = pricedIn(tokens, m, currencies);
    if (m.kind === 'crypto' && currency && CRYPTO_QUOTE_CURRENCIES.has(currency.code)) {
      consumed.add(currency);
      symbols.push(coinPair(m.coin as string, currency.code));
      continue;
    }
    if (m.kind === 'equity' && currency) {
      consumed.add(currency);
      if (currency.code !== m.currency)
        rates.push({ base: m.currency as string, target: currency.code });
    }
    symbols.push(m.symbol);
  }
  const free2 = currencies.filter((c) => !consumed.has(c) && usable(c.from));
  // One currency alone is a rate question when it is converted, compared or said to move.
  const rateAsked =
    usableTokens(
      (t) => RATE_WORDS.has(t.norm) || MARKET_WORDS.has(t.norm) || WHY_WORDS.has(t.norm),
    ) ||
    tokens.some(
      (t, i) =>
        usable(i) && (t.norm === 'much' || t.norm === 'many') && tokens[i - 1]?.norm === 'how',
    );
  rates.push(...pairCurrencies(tokens, free2, rateAsked));

  // News: each topic, then "why" questions about what is quoted or converted.
  const antecedent = (from: number) =>
    [...live].reverse().find((m) => m.from < from)?.name ??
    live.find((m) => m.from >= from)?.name ??
    null;
  const news: string[] = [];
  const fallbackTopic = () =>
    outside.map((m) => m.name).join(' ') || inside.map((m) => m.name).join(' ') || 'top stories';
  for (const span of spans)
    news.push(topicText(tokens, span, antecedent(span.from)) || fallbackTopic());
  if (usableTokens((t) => WHY_WORDS.has(t.norm))) {
    const subjects =
      outside.length > 0 ? outside.map((m) => m.name) : free2.slice(0, 1).map((c) => c.name);
    news.push(...subjects);
  }

  const weatherAsked = usableTokens((t) => WEATHER_WORDS.has(t.norm));
  const placeFree = free.map((f, i) => f && usable(i));
  const places = weatherAsked ? findPlaces(tokens, placeFree) : [];
  const placeCandidates =
    weatherAsked && places.length === 0
      ? tokens
          .filter((t, i) => placeFree[i] && t.kind === 'word' && t.capital && !cueWord(t))
          .map((t) => t.text)
      : [];

  const docList = segments.filter((s) => docs.has(s));
  const first = docList[0];
  const last = docList[docList.length - 1];
  const search =
    first && last
      ? question
          .normalize('NFC')
          .slice((tokens[first.from] as Token).start, (tokens[last.to - 1] as Token).end)
          .replace(/[?!.\s]+$/, '')
      : null;

  const firstOf = (positions: number[]) =>
    positions.length > 0 ? Math.min(...positions) : Infinity;
  return {
    places,
    times: timesOf(tokens, places, usable),
    symbols: [...new Set(symbols)],
    rates,
    news: news.filter((q, i) => news.findIndex((n) => n.toLowerCase() === q.toLowerCase()) === i),
    search,
    placeCandidates: placeCandidates.slice(0, 3),
    at: {
      weather: firstOf(places.map((p) => p.from)),
      quote: firstOf([...quoted].map((m) => m.from)),
      exchangeRate: firstOf(currencies.filter((c) => usable(c.from)).map((c) => c.from)),
      news: firstOf(spans.map((s) => s.cue)),
      search: first ? first.from : Infinity,
    },
  };
}
