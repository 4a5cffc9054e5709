import { COINS } from '../../sources/symbols.js';

/** One name of a coin as the router matches it. */
export interface CoinAlias {
  /** Lower-case phrase (`bitcoin`, `btc`, `shiba inu`). */
  phrase: string;
  /** Ticker as in COINS (`BTC`). */
  coin: string;
  /** A common word too ("link", "dot", "stellar"): needs capitals or a market word nearby. */
  weak: boolean;
}

// Names people use besides COINS' display names; the ones that are ordinary words are weak.
const EXTRA: Readonly<Record<string, readonly string[]>> = {
  BTC: ['bitcoin', 'bitcoins', 'btc'],
  ETH: ['ethereum', 'ether', 'eth'],
  USDT: ['usdt'],
  BNB: ['bnb', 'binance coin'],
  SOL: ['solana'],
  USDC: ['usdc', 'usd coin'],
  XRP: ['xrp', 'ripple'],
  DOGE: ['dogecoin', 'doge'],
  ADA: ['cardano'],
  AVAX: ['avax'],
  SHIB: ['shib', 'shiba inu'],
  TON: ['toncoin'],
  LINK: ['chainlink'],
  DOT: ['polkadot'],
  BCH: ['bitcoin cash', 'bch'],
  LTC: ['litecoin', 'ltc'],
  XLM: ['xlm'],
  UNI: ['uniswap'],
  TRX: ['trx'],
};
const WEAK = new Set([
  'tether',
  'tron',
  'avalanche',
  'stellar',
  'cosmos',
  'cosmos hub',
  'sol',
  'ada',
  'dot',
  'link',
  'uni',
  'atom',
  'ton',
]);

/** Every coin name and alias, from COINS (src/sources/symbols.ts) plus common names. */
export const COIN_ALIASES: readonly CoinAlias[] = Object.entries(COINS).flatMap(([coin, info]) => {
  const phrases = new Set([info.name.toLowerCase(), coin.toLowerCase(), ...(EXTRA[coin] ?? [])]);
  return [...phrases].map((phrase) => ({ phrase, coin, weak: WEAK.has(phrase) }));
});

/** The pair symbol of a coin priced in a fiat currency: `BTC` + `EUR` gives `BTC-EUR`. */
export function coinPair(coin: string, fiat = 'USD'): string {
  return `${coin}-${fiat}`;
}
