/**
 * The emulated market shared by the Yahoo, Stooq, Finnhub, CoinGecko and Frankfurter emulators, so
 * every provider quotes the same price for the same instrument at the same instant. Prices are a
 * deterministic function of time (a few slow sine waves around a base level), so repeated calls look
 * live and tests can compute the expected value with the helpers exported here.
 */

/** Options of every finance emulator. */
export interface FinanceEmulatorOptions {
  /** The emulator's clock, unix ms; `Date.now` by default (tests pin it). */
  now?: () => number;
}

/** [symbol, long name, Stooq name, Yahoo exchange code, base price (USD), average daily volume] */
type EquityRow = [string, string, string, 'NMS' | 'NYQ', number, number];

// prettier-ignore
const EQUITY_ROWS: EquityRow[] = [
  ['AAPL', 'Apple Inc.', 'APPLE', 'NMS', 228.4, 52_000_000],
  ['MSFT', 'Microsoft Corporation', 'MICROSOFT', 'NMS', 421.6, 21_000_000],
  ['GOOGL', 'Alphabet Inc.', 'ALPHABET-A', 'NMS', 171.3, 27_000_000],
  ['AMZN', 'Amazon.com, Inc.', 'AMAZON.COM', 'NMS', 192.8, 41_000_000],
  ['NVDA', 'NVIDIA Corporation', 'NVIDIA', 'NMS', 124.9, 230_000_000],
  ['TSLA', 'Tesla, Inc.', 'TESLA', 'NMS', 251.2, 96_000_000],
  ['META', 'Meta Platforms, Inc.', 'META PLATFORMS', 'NMS', 563.1, 13_000_000],
  ['NFLX', 'Netflix, Inc.', 'NETFLIX', 'NMS', 702.5, 3_200_000],
  ['IBM', 'International Business Machines Corporation', 'IBM', 'NYQ', 221.7, 4_100_000],
  ['JPM', 'JPMorgan Chase & Co.', 'JPMORGAN CHASE', 'NYQ', 229.3, 9_300_000],
  ['BRK-B', 'Berkshire Hathaway Inc.', 'BERKSHIRE HATHAWAY-B', 'NYQ', 462.4, 3_600_000],
  ['V', 'Visa Inc.', 'VISA', 'NYQ', 301.9, 6_800_000],
  ['KO', 'The Coca-Cola Company', 'COCA-COLA', 'NYQ', 69.8, 13_500_000],
  ['DIS', 'The Walt Disney Company', 'WALT DISNEY', 'NYQ', 96.4, 8_900_000],
];

/** [ticker, CoinGecko id, name, base price (USD), circulating supply, 24h volume share of cap] */
type CoinRow = [string, string, string, number, number, number];

// prettier-ignore
const COIN_ROWS: CoinRow[] = [
  ['BTC', 'bitcoin', 'Bitcoin', 67_250, 19_790_000, 0.022],
  ['ETH', 'ethereum', 'Ethereum', 3_240, 120_300_000, 0.045],
  ['SOL', 'solana', 'Solana', 152.4, 470_000_000, 0.05],
  ['XRP', 'ripple', 'XRP', 0.5421, 56_900_000_000, 0.04],
  ['ADA', 'cardano', 'Cardano', 0.3874, 35_000_000_000, 0.03],
  ['DOGE', 'dogecoin', 'Dogecoin', 0.1236, 146_000_000_000, 0.06],
  ['BNB', 'binancecoin', 'BNB', 583.7, 145_900_000, 0.02],
  ['USDT', 'tether', 'Tether', 1.0002, 119_000_000_000, 0.4],
];

/** ECB reference rates per EUR (2025-04-04, as in the Frankfurter sample), and each currency's name. */
// prettier-ignore
const ECB_ROWS: Array<[string, number, string]> = [
  ['AUD', 1.8098, 'Australian Dollar'], ['BGN', 1.9558, 'Bulgarian Lev'], ['BRL', 6.3407, 'Brazilian Real'],
  ['CAD', 1.5696, 'Canadian Dollar'], ['CHF', 0.9407, 'Swiss Franc'], ['CNY', 8.0518, 'Chinese Renminbi Yuan'],
  ['CZK', 25.142, 'Czech Koruna'], ['DKK', 7.4618, 'Danish Krone'], ['GBP', 0.84985, 'British Pound'],
  ['HKD', 8.5933, 'Hong Kong Dollar'], ['HUF', 405.7, 'Hungarian Forint'], ['IDR', 18751, 'Indonesian Rupiah'],
  ['ILS', 4.1244, 'Israeli New Sheqel'], ['INR', 94.43, 'Indian Rupee'], ['ISK', 144.7, 'Icelandic Króna'],
  ['JPY', 160.56, 'Japanese Yen'], ['KRW', 1601.11, 'South Korean Won'], ['MXN', 22.539, 'Mexican Peso'],
  ['MYR', 4.906, 'Malaysian Ringgit'], ['NOK', 11.6815, 'Norwegian Krone'], ['NZD', 1.9613, 'New Zealand Dollar'],
  ['PHP', 63.294, 'Philippine Peso'], ['PLN', 4.2625, 'Polish Złoty'], ['RON', 4.9773, 'Romanian Leu'],
  ['SEK', 10.974, 'Swedish Krona'], ['SGD', 1.4804, 'Singapore Dollar'], ['THB', 37.793, 'Thai Baht'],
  ['TRY', 42.03, 'Turkish Lira'], ['USD', 1.1057, 'United States Dollar'], ['ZAR', 21.079, 'South African Rand'],
];

/** An emulated listed share. */
export interface EmulatedEquity {
  symbol: string;
  name: string;
  stooqName: string;
  exchange: 'NMS' | 'NYQ';
  basePrice: number;
  volume: number;
}

/** An emulated coin, priced in USD. */
export interface EmulatedCoin {
  symbol: string;
  id: string;
  name: string;
  basePrice: number;
  supply: number;
  volumeShare: number;
}

/** The emulated equities by symbol. */
export const EQUITIES: ReadonlyMap<string, EmulatedEquity> = new Map(
  EQUITY_ROWS.map(([symbol, name, stooqName, exchange, basePrice, volume]) => [
    symbol,
    { symbol, name, stooqName, exchange, basePrice, volume },
  ]),
);

/** The emulated coins by ticker. */
export const COINS: ReadonlyMap<string, EmulatedCoin> = new Map(
  COIN_ROWS.map(([symbol, id, name, basePrice, supply, volumeShare]) => [
    symbol,
    { symbol, id, name, basePrice, supply, volumeShare },
  ]),
);

/** Every currency the ECB fixes, EUR included, with its name. */
export const CURRENCIES: ReadonlyMap<string, string> = new Map([
  ['EUR', 'Euro'],
  ...ECB_ROWS.map(([code, , name]) => [code, name] as [string, string]),
]);

const ECB_BASE = new Map(ECB_ROWS.map(([code, rate]) => [code, rate]));
/** How far each kind of price swings (log amplitude); the lev is pegged, stablecoins barely move. */
const AMPLITUDE = { equity: 0.04, crypto: 0.08, fx: 0.012, stable: 0.0008, pegged: 0 };

/** A stable number in [0, 1) from a string (FNV-1a). */
export function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

const PERIODS = [23 * 86_400, 4.1 * 86_400, 5.3 * 3_600, 1_000];
const WEIGHTS = [0.5, 0.3, 0.15, 0.05];

/** The price multiplier of `key` at unix second `t`: exp(amplitude * s) with |s| <= 1. */
export function drift(key: string, t: number, amplitude: number): number {
  let s = 0;
  PERIODS.forEach((period, i) => {
    const phase = unitHash(`${key}#${i}`) * 2 * Math.PI;
    s += (WEIGHTS[i] as number) * Math.sin((2 * Math.PI * t) / period + phase);
  });
  return Math.exp(amplitude * s);
}

/** Units of `code` per euro at unix second `t` (1 for EUR); undefined for an unknown currency. */
export function eurRate(code: string, t: number): number | undefined {
  if (code === 'EUR') return 1;
  const base = ECB_BASE.get(code);
  if (base === undefined) return undefined;
  const amplitude =
    code === 'BGN' ? AMPLITUDE.pegged : code === 'DKK' ? AMPLITUDE.stable : AMPLITUDE.fx;
  return base * drift(`fx:${code}`, t, amplitude);
}

/** Units of `quote` per one `base` at unix second `t`. */
export function fxRate(base: string, quote: string, t: number): number | undefined {
  const from = eurRate(base, t);
  const to = eurRate(quote, t);
  return from === undefined || to === undefined ? undefined : to / from;
}

/** An equity's unrounded price at unix second `t`. */
export function equityPrice(symbol: string, t: number): number | undefined {
  const equity = EQUITIES.get(symbol);
  return equity && equity.basePrice * drift(`eq:${symbol}`, t, AMPLITUDE.equity);
}

/** A coin's unrounded price in `vs` (any ECB currency or EUR) at unix second `t`. */
export function coinPrice(symbol: string, vs: string, t: number): number | undefined {
  const coin = COINS.get(symbol);
  const usdTo = fxRate('USD', vs, t);
  if (!coin || usdTo === undefined) return undefined;
  const amplitude = symbol === 'USDT' ? AMPLITUDE.stable : AMPLITUDE.crypto;
  return coin.basePrice * drift(`cc:${symbol}`, t, amplitude) * usdTo;
}

/** The highest multiplier `drift` can reach for a kind of instrument (for 52-week ranges). */
export function maxSwing(kind: 'equity' | 'crypto' | 'fx'): number {
  return Math.exp(AMPLITUDE[kind]);
}

/** The volume of one session: the average, varied per session but stable. */
export function sessionVolume(key: string, sessionStart: number, average: number): number {
  return Math.round(average * (0.6 + 0.8 * unitHash(`${key}@${sessionStart}`)));
}

/** Rounds to a fixed number of decimals. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Rounds the way exchanges quote: cents for equities, more digits for small prices. */
export function roundPrice(kind: 'equity' | 'crypto' | 'fx', value: number): number {
  if (kind === 'equity') return round(value, 2);
  if (kind === 'fx') return round(value, value >= 20 ? 3 : 5);
  if (value >= 100) return round(value, 2);
  return value >= 1 ? round(value, 4) : Number(value.toPrecision(5));
}

/** The ECB's rounding: five significant digits, but never fewer than two decimals. */
export function roundFixing(value: number): number {
  const digits = Math.floor(Math.log10(Math.abs(value))) + 1;
  return round(value, Math.max(2, 5 - digits));
}
