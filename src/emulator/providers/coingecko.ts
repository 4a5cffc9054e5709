import {
  json,
  type EmulatedProvider,
  type EmulatedRequest,
  type EmulatedResponse,
} from '../types.js';
import {
  COINS,
  coinPrice,
  CURRENCIES,
  round,
  roundPrice,
  unitHash,
  type EmulatedCoin,
  type FinanceEmulatorOptions,
} from './finance-data.js';

/**
 * CoinGecko's rate-limit body. Its free tier sends it with HTTP 429, and sometimes with 200, so
 * both are offered for fault injection.
 */
export function coinGeckoRateLimited(status: 200 | 429 = 429): EmulatedResponse {
  return json(status, {
    status: {
      error_code: 429,
      error_message:
        "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits.",
    },
  });
}

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);

/** When CoinGecko last refreshed a coin: every 30 s, each coin on its own beat. */
export function lastUpdatedAt(coin: EmulatedCoin, t: number): number {
  const beat = Math.floor(unitHash(coin.id) * 30);
  return Math.floor((t - beat) / 30) * 30 + beat;
}

function coinsAsked(params: URLSearchParams): EmulatedCoin[] {
  const all = [...COINS.values()];
  const ids = list(params.get('ids'));
  if (ids.length > 0) return all.filter((coin) => ids.includes(coin.id));
  const names = list(params.get('names'));
  if (names.length > 0) return all.filter((coin) => names.includes(coin.name.toLowerCase()));
  const symbols = list(params.get('symbols'));
  return all.filter((coin) => symbols.includes(coin.symbol.toLowerCase()));
}

function priceOf(coin: EmulatedCoin, vs: string, t: number, precision: string | null): number {
  const value = coinPrice(coin.symbol, vs, t) as number;
  if (precision === 'full') return value;
  if (precision !== null && /^\d+$/.test(precision))
    return round(value, Math.min(18, Number(precision)));
  return roundPrice('crypto', value);
}

/** The `/simple/price` body at unix second `t`, as CoinGecko builds it. */
export function simplePrice(
  params: URLSearchParams,
  t: number,
): Record<string, Record<string, number>> {
  const flag = (name: string) => params.get(name) === 'true';
  const precision = params.get('precision');
  const currencies = list(params.get('vs_currencies')).filter((vs) =>
    CURRENCIES.has(vs.toUpperCase()),
  );
  const body: Record<string, Record<string, number>> = {};
  for (const coin of coinsAsked(params)) {
    const at = lastUpdatedAt(coin, t);
    const entry: Record<string, number> = {};
    for (const vs of currencies) {
      const code = vs.toUpperCase();
      const price = coinPrice(coin.symbol, code, at) as number;
      entry[vs] = priceOf(coin, code, at, precision);
      if (flag('include_market_cap')) entry[`${vs}_market_cap`] = price * coin.supply;
      if (flag('include_24hr_vol')) {
        entry[`${vs}_24h_vol`] =
          price *
          coin.supply *
          coin.volumeShare *
          (0.8 + 0.4 * unitHash(`${coin.id}@${Math.floor(at / 86_400)}`));
      }
      if (flag('include_24hr_change')) {
        const before = coinPrice(coin.symbol, code, at - 86_400) as number;
        entry[`${vs}_24h_change`] = ((price - before) / before) * 100;
      }
    }
    if (currencies.length > 0 && flag('include_last_updated_at')) entry.last_updated_at = at;
    if (currencies.length > 0) body[coin.id] = entry;
  }
  return body;
}

/** CoinGecko v3 `/api/v3/simple/price` (keyless or with a Demo key) and `/api/v3/ping`. */
export function coinGeckoProvider(options: FinanceEmulatorOptions = {}): EmulatedProvider {
  const now = options.now ?? Date.now;
  return {
    name: 'coingecko',
    handle(request: EmulatedRequest) {
      if (request.path === '/api/v3/ping') return json(200, { gecko_says: '(V3) To the Moon!' });
      if (request.path !== '/api/v3/simple/price') return undefined;
      const { params } = request;
      if (!params.get('vs_currencies'))
        return json(400, { error: 'Missing parameter vs_currencies' });
      if (!params.get('ids') && !params.get('names') && !params.get('symbols')) {
        return json(400, { error: 'Missing parameter ids' });
      }
      return json(200, simplePrice(params, Math.floor(now() / 1000)));
    },
    notFound: () =>
      json(404, { error: 'Incorrect path. Please check https://www.coingecko.com/api/' }),
  };
}
