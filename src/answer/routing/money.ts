import { CURRENCY_ALIASES, CURRENCY_SIGNS } from '../dictionaries/currencies.js';
import { INTO_WORDS, RATE_WORDS } from './lexicon.js';
import { createPhraseIndex } from './phrases.js';
import type { Token } from './text.js';

/** A currency named in a question, tokens `[from, to)`, with the amount written next to it. */
export interface CurrencyMention {
  from: number;
  to: number;
  code: string;
  /** As written (`yen`, `Swiss francs`), for news topics. */
  name: string;
  amount?: number;
}

const NAMES = createPhraseIndex(CURRENCY_ALIASES.map((a) => [a.phrase, a] as const));
const SCALES: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  million: 1e6,
  mn: 1e6,
  bn: 1e9,
  billion: 1e9,
};
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  five: 5,
  ten: 10,
  twenty: 20,
  fifty: 50,
  hundred: 100,
};
const CONTEXT_WORDS = new Set([...INTO_WORDS, ...RATE_WORDS]);

/** The amount written just before token `end` (`100`, `1 million`, `a hundred`), if any. */
function amountBefore(tokens: readonly Token[], end: number): number | undefined {
  let i = end - 1;
  let scale = 1;
  const scaleWord = tokens[i] && SCALES[(tokens[i] as Token).norm];
  if (scaleWord !== undefined) [scale, i] = [scaleWord, i - 1];
  const t = tokens[i];
  if (t?.kind === 'number') return Number(t.norm) * scale;
  const word = t ? NUMBER_WORDS[t.norm] : undefined;
  return word === undefined || (scale === 1 && word === 1 && t?.norm !== 'one')
    ? undefined
    : word * scale;
}

/** The amount written just after a currency sign (`£50`, `€ 20`). */
function amountAfter(
  tokens: readonly Token[],
  from: number,
): { amount: number; to: number } | null {
  const t = tokens[from];
  if (t?.kind !== 'number') return null;
  const scale = tokens[from + 1] ? SCALES[(tokens[from + 1] as Token).norm] : undefined;
  return { amount: Number(t.norm) * (scale ?? 1), to: from + (scale === undefined ? 1 : 2) };
}

function nearContext(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = Math.max(0, from - 2); i < Math.min(tokens.length, to + 2); i++) {
    if ((i < from || i >= to) && CONTEXT_WORDS.has((tokens[i] as Token).norm)) return true;
  }
  return false;
}

/**
 * Currencies named where `free` is true, claiming their tokens (and a sign's amount). A weak name
 * ("won", "pounds") counts next to an amount, a conversion word, or another currency.
 */
export function findCurrencies(tokens: readonly Token[], free: boolean[]): CurrencyMention[] {
  const found: Array<CurrencyMention & { weak: boolean }> = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!free[i]) continue;
    const t = tokens[i] as Token;
    const sign = t.kind === 'sign' ? CURRENCY_SIGNS.get(t.norm) : undefined;
    if (sign) {
      const after = amountAfter(tokens, i + 1);
      const to = after?.to ?? i + 1;
      const amount = after?.amount ?? amountBefore(tokens, i);
      found.push({
        from: i,
        to,
        code: sign,
        name: t.text,
        weak: false,
        ...(amount === undefined ? {} : { amount }),
      });
      i = to - 1;
      continue;
    }
    const match = NAMES.longestAt(tokens, i);
    if (!match || free.slice(i, i + match.length).includes(false)) continue;
    const alias = match.values.find((a) => !a.capitalsOnly || t.upper);
    if (!alias) continue;
    const to = i + match.length;
    const amount = amountBefore(tokens, i);
    const name = tokens
      .slice(i, to)
      .map((x) => x.text)
      .join(' ');
    const weak = alias.weak && amount === undefined && !nearContext(tokens, i, to);
    found.push({
      from: i,
      to,
      code: alias.code,
      name,
      weak,
      ...(amount === undefined ? {} : { amount }),
    });
    i = to - 1;
  }
  const anyStrong = found.some((m) => !m.weak);
  return found
    .filter((m) => !m.weak || anyStrong)
    .map(({ weak: _weak, ...mention }) => {
      for (let j = mention.from; j < mention.to; j++) free[j] = false;
      return mention;
    });
}

/** A currency pair to convert. */
export interface RatePair {
  base: string;
  target: string;
  amount?: number;
}

/**
 * Pairs the currencies of a question. An amount marks the base ("100 dollars in yen", "how many
 * rupees for 1 euro"); else the first named is the base and the others are targets ("dollar
 * against the euro and the pound"). One currency alone is priced in US dollars (dollars in euros),
 * and only when `rateAsked` (a rate word was used).
 */
export function pairCurrencies(
  tokens: readonly Token[],
  mentions: readonly CurrencyMention[],
  rateAsked: boolean,
): RatePair[] {
  const distinct = mentions.filter((m, i) => mentions.findIndex((n) => n.code === m.code) === i);
  const withAmount = (m: CurrencyMention): RatePair =>
    m.amount === undefined
      ? { base: m.code, target: '' }
      : { base: m.code, target: '', amount: m.amount };
  if (distinct.length === 0) return [];
  if (distinct.length === 1) {
    const only = distinct[0] as CurrencyMention;
    if (!rateAsked && only.amount === undefined) return [];
    return [{ ...withAmount(only), target: only.code === 'USD' ? 'EUR' : 'USD' }];
  }
  const amounts = distinct.filter((m) => m.amount !== undefined);
  let base =
    amounts.length === 1 ? (amounts[0] as CurrencyMention) : (distinct[0] as CurrencyMention);
  const first = distinct[0] as CurrencyMention;
  const second = distinct[1] as CurrencyMention;
  // "how many yen to the dollar", "how many euros do I get for a pound": the first currency is
  // what is counted, so it is the target, whatever words lead to the second.
  const counted = ['many', 'much'].includes(tokens[first.from - 1]?.norm ?? '');
  if (amounts.length === 0 && counted) base = second;
  return distinct.filter((m) => m !== base).map((m) => ({ ...withAmount(base), target: m.code }));
}
