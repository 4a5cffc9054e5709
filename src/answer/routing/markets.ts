import { isRareWord } from '../../language/word-weights.js';
import { COMPANIES_BY_SYMBOL, COMPANY_ALIASES, type Company } from '../dictionaries/companies.js';
import { COIN_ALIASES, coinPair } from '../dictionaries/crypto.js';
import { CURRENCY_CODES } from '../dictionaries/currencies.js';
import { MARKET_WORDS, NEWS_NOUNS } from './lexicon.js';
import { closestWord, createPhraseIndex } from './phrases.js';
import type { Token } from './text.js';

/** A company, coin or symbol named in a question, tokens `[from, to)`. */
export interface MarketMention {
  from: number;
  to: number;
  kind: 'equity' | 'crypto' | 'fx';
  /** Quote symbol: `AAPL`, `SAP.DE`, `EURUSD=X`; a coin's is its pair in USD until priced otherwise. */
  symbol: string;
  /** As written, for news topics (`NVIDIA`, `Meta`). */
  name: string;
  /** Listing currency of an equity. */
  currency?: string;
  /** The coin's ticker (`BTC`). */
  coin?: string;
  /** Named by a word that is also an ordinary word ("Apple", "Amazon"). */
  weak?: boolean;
}

type Named = { weak: boolean } & ({ company: Company } | { coin: string });

const NAMES = createPhraseIndex<Named>([
  ...COMPANY_ALIASES.map((a): [string, Named] => [a.phrase, { weak: a.weak, company: a.company }]),
  ...COIN_ALIASES.map((a): [string, Named] => [a.phrase, { weak: a.weak, coin: a.coin }]),
]);
// Typos are forgiven only against names that are not ordinary words.
const STRONG_NAMES = new Set(
  [...COMPANY_ALIASES, ...COIN_ALIASES]
    .filter((a) => !a.weak && !a.phrase.includes(' ') && a.phrase.length >= 5)
    .map((a) => a.phrase.toLowerCase()),
);
const SYMBOL = /^[A-Z0-9]{2,6}(?:\.[A-Z]{1,2}|-[A-Z]{1,3}|=X)$/;
const CUE_WORDS = new Set([...MARKET_WORDS, ...NEWS_NOUNS]);

/** Whether a market or news word sits within two words of tokens `[from, to)`. */
export function nearMarketWord(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = Math.max(0, from - 2); i < Math.min(tokens.length, to + 2); i++) {
    if ((i < from || i >= to) && CUE_WORDS.has((tokens[i] as Token).norm)) return true;
  }
  return false;
}

function nameOf(tokens: readonly Token[], from: number, to: number): string {
  return tokens
    .slice(from, to)
    .map((t) => t.text.replace(/['’]s$/, ''))
    .join(' ');
}

function fromSymbol(symbol: string): Omit<MarketMention, 'from' | 'to' | 'name'> {
  if (symbol.endsWith('=X')) return { kind: 'fx', symbol };
  const [base = '', quote = ''] = symbol.split('-');
  if (COIN_ALIASES.some((a) => a.coin === base) && CURRENCY_CODES.has(quote)) {
    return { kind: 'crypto', symbol, coin: base };
  }
  const company = COMPANIES_BY_SYMBOL.get(symbol);
  return { kind: 'equity', symbol, currency: company?.currency ?? 'USD' };
}

function fromNamed(named: Named): Omit<MarketMention, 'from' | 'to' | 'name'> {
  if ('coin' in named) return { kind: 'crypto', symbol: coinPair(named.coin), coin: named.coin };
  return { kind: 'equity', symbol: named.company.symbol, currency: named.company.currency };
}

/** Reads the mention starting at token `i`, if any: symbols, cashtags, names, tickers, typos. */
function mentionAt(tokens: readonly Token[], i: number): MarketMention | null {
  const t = tokens[i] as Token;
  const at = (length: number, found: Omit<MarketMention, 'from' | 'to' | 'name'>) => ({
    ...found,
    from: i,
    to: i + length,
    name: nameOf(tokens, i, i + length),
  });
  if (t.kind === 'cashtag') {
    const symbol = t.norm.toUpperCase();
    const coin = COIN_ALIASES.find((a) => a.coin === symbol);
    return at(1, coin ? fromNamed({ weak: false, coin: coin.coin }) : fromSymbol(symbol));
  }
  if (t.kind !== 'word' && t.kind !== 'number') return null;
  if (t.first && SYMBOL.test(t.compound) && !CURRENCY_CODES.has(t.compound.split('-')[0] ?? '')) {
    let length = 1;
    while (i + length < tokens.length && !(tokens[i + length] as Token).first) length++;
    return at(length, fromSymbol(t.compound));
  }
  const named = NAMES.longestAt(tokens, i);
  if (named) {
    const strong = named.values.find((v) => !v.weak);
    const capitalised = t.capital || t.upper;
    const value =
      strong ??
      (capitalised || nearMarketWord(tokens, i, i + named.length) ? named.values[0] : undefined);
    if (value)
      return { ...at(named.length, fromNamed(value)), ...(value.weak ? { weak: true } : {}) };
  }
  const ticker = t.norm.toUpperCase();
  const company = COMPANIES_BY_SYMBOL.get(ticker);
  // Tickers: in capitals (one or two letters only next to a market word), or rare lower-case words.
  if (
    company &&
    ((t.upper && (ticker.length > 2 || nearMarketWord(tokens, i, i + 1))) ||
      (ticker.length >= 3 && isRareWord(t.norm)))
  ) {
    return at(1, fromNamed({ weak: false, company }));
  }
  const next = tokens[i + 1];
  if (t.upper && /^[A-Z]{2,5}$/.test(t.text) && next && /^(stock|shares?)$/.test(next.norm)) {
    return at(1, fromSymbol(t.text));
  }
  if (isRareWord(t.norm) && nearMarketWord(tokens, i, i + 1)) {
    const fixed = closestWord(t.norm, STRONG_NAMES);
    const guess = fixed === null ? null : NAMES.longestAt([{ ...t, norm: fixed }], 0);
    if (guess?.values[0]) return at(1, fromNamed(guess.values[0]));
  }
  return null;
}

/**
 * Companies, coins and symbols named in the tokens where `free` is true, in order, claiming
 * their tokens. Weak names ("apple") need a capital or a market word nearby.
 */
export function findMarkets(tokens: readonly Token[], free: boolean[]): MarketMention[] {
  const found: MarketMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!free[i]) continue;
    const mention = mentionAt(tokens, i);
    if (!mention || free.slice(mention.from, mention.to).includes(false)) continue;
    found.push(mention);
    for (let j = mention.from; j < mention.to; j++) free[j] = false;
    i = mention.to - 1;
  }
  return found;
}
