import { badInput } from '../errors.js';
import type { AssetClass } from './model.js';

/** A coin we can name and price on CoinGecko. */
export interface CoinInfo {
  /** CoinGecko id (`bitcoin`), used in `/simple/price?ids=`. */
  id: string;
  name: string;
}

/** The top coins by market cap: ticker -> CoinGecko id and display name. */
export const COINS: Readonly<Record<string, CoinInfo>> = {
  BTC: { id: 'bitcoin', name: 'Bitcoin' },
  ETH: { id: 'ethereum', name: 'Ethereum' },
  USDT: { id: 'tether', name: 'Tether' },
  BNB: { id: 'binancecoin', name: 'BNB' },
  SOL: { id: 'solana', name: 'Solana' },
  USDC: { id: 'usd-coin', name: 'USDC' },
  XRP: { id: 'ripple', name: 'XRP' },
  DOGE: { id: 'dogecoin', name: 'Dogecoin' },
  TRX: { id: 'tron', name: 'TRON' },
  ADA: { id: 'cardano', name: 'Cardano' },
  AVAX: { id: 'avalanche-2', name: 'Avalanche' },
  SHIB: { id: 'shiba-inu', name: 'Shiba Inu' },
  TON: { id: 'the-open-network', name: 'Toncoin' },
  LINK: { id: 'chainlink', name: 'Chainlink' },
  DOT: { id: 'polkadot', name: 'Polkadot' },
  BCH: { id: 'bitcoin-cash', name: 'Bitcoin Cash' },
  LTC: { id: 'litecoin', name: 'Litecoin' },
  XLM: { id: 'stellar', name: 'Stellar' },
  UNI: { id: 'uniswap', name: 'Uniswap' },
  ATOM: { id: 'cosmos', name: 'Cosmos Hub' },
};

/** Fiat currencies a crypto pair may be quoted in (`BTC-USD`). */
export const CRYPTO_QUOTE_CURRENCIES: ReadonlySet<string> = new Set([
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'CHF',
  'CAD',
  'AUD',
  'CNY',
  'KRW',
  'INR',
]);

/** A symbol normalised and classified. `base`/`quote` are set for crypto and FX pairs. */
export interface ParsedSymbol {
  assetClass: AssetClass;
  /** Upper case, as keys and `Quote.symbol` carry it. */
  symbol: string;
  base?: string;
  quote?: string;
}

const ALLOWED = /^[A-Z0-9.^=-]+$/;
const FX = /^([A-Z]{3})([A-Z]{3})=X$/;
const CRYPTO = /^([A-Z0-9]{2,10})-([A-Z]{3})$/;
const MAX_LENGTH = 20;

/**
 * Normalises and classifies a symbol: `EURUSD=X` is FX, `<coin>-<fiat>` is CRYPTO (an unknown coin
 * too: Yahoo may know it), everything else EQUITY. Throws BAD_USER_INPUT for a malformed symbol.
 */
export function parseSymbol(input: string): ParsedSymbol {
  const symbol = input.trim().toUpperCase();
  if (symbol === '') throw badInput('A symbol must not be empty');
  if (symbol.length > MAX_LENGTH) throw badInput(`A symbol has at most ${MAX_LENGTH} characters`);
  if (!ALLOWED.test(symbol)) {
    throw badInput('A symbol may contain only letters, digits and . ^ = -');
  }
  const fx = FX.exec(symbol);
  if (fx) return { assetClass: 'FX', symbol, base: fx[1] as string, quote: fx[2] as string };
  const crypto = CRYPTO.exec(symbol);
  if (crypto && CRYPTO_QUOTE_CURRENCIES.has(crypto[2] as string)) {
    return { assetClass: 'CRYPTO', symbol, base: crypto[1] as string, quote: crypto[2] as string };
  }
  return { assetClass: 'EQUITY', symbol };
}

/**
 * The positions of each asset class's symbols in `parsed`, in order, for the classes present: one
 * pass (a filter per class, with `flatMap`, was the quote router's largest cost on the warm path).
 */
export function slotsByAssetClass(parsed: readonly ParsedSymbol[]): Map<AssetClass, number[]> {
  const slots = new Map<AssetClass, number[]>();
  parsed.forEach(({ assetClass }, i) => {
    const list = slots.get(assetClass);
    if (list) list.push(i);
    else slots.set(assetClass, [i]);
  });
  return slots;
}

/** The asset class of a symbol; throws BAD_USER_INPUT when it is malformed. */
export function classifySymbol(symbol: string): AssetClass {
  return parseSymbol(symbol).assetClass;
}

/** Quote TTLs by asset class: equities move fastest, FX quotes least. */
export const QUOTE_TTL_SECONDS: Readonly<Record<AssetClass, number>> = {
  EQUITY: 15,
  CRYPTO: 30,
  FX: 300,
};

/** TTL of an exchange rate (daily reference rates). */
export const EXCHANGE_RATE_TTL_SECONDS = 3600;

/** Normalises an ISO 4217 code; throws BAD_USER_INPUT unless it is three letters. */
export function parseCurrency(input: string): string {
  const code = input.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw badInput('A currency is a three-letter ISO 4217 code');
  return code;
}

/**
 * Loads the keys that parse and keeps, in key order, the parse error in the slot of each that does
 * not: malformed input never reaches a provider. `parse` throws for a bad key.
 */
export async function loadParsed<K, P, V>(
  keys: readonly K[],
  parse: (key: K) => P,
  load: (parsed: P[]) => Promise<Array<V | Error>>,
): Promise<Array<V | Error>> {
  const results: Array<V | Error> = new Array(keys.length);
  const slots: number[] = [];
  const valid: P[] = [];
  keys.forEach((key, i) => {
    try {
      valid.push(parse(key));
      slots.push(i);
    } catch (error) {
      results[i] = error instanceof Error ? error : new Error(String(error));
    }
  });
  if (valid.length > 0) {
    const loaded = await load(valid);
    slots.forEach((slot, j) => {
      results[slot] = loaded[j] as V | Error;
    });
  }
  return results;
}
