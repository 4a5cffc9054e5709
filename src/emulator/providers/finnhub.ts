import {
  json,
  type EmulatedProvider,
  type EmulatedRequest,
  type EmulatedResponse,
} from '../types.js';
import {
  EQUITIES,
  equityPrice,
  round,
  roundPrice,
  type FinanceEmulatorOptions,
} from './finance-data.js';
import { barOf, currentSession, lastTradeTime, sessionBefore } from './market-sessions.js';

/** Finnhub's 429 body (for fault injection). */
export const FINNHUB_RATE_LIMITED: EmulatedResponse = json(429, {
  error: 'API limit reached. Please try again later. Remaining Limit: 0',
});

/** What Finnhub answers for a symbol it does not know: HTTP 200 and zeros. */
const UNKNOWN = { c: 0, d: null, dp: null, h: 0, l: 0, o: 0, pc: 0, t: 0 };

/** The `/api/v1/quote` body for `symbol` (Finnhub spelling, `BRK.B`) at unix second `t`. */
export function finnhubQuote(symbol: string, t: number): Record<string, number | null> {
  const equity = EQUITIES.get(symbol.toUpperCase().replace('.', '-'));
  if (!equity) return UNKNOWN;
  const price = (at: number) => roundPrice('equity', equityPrice(equity.symbol, at) as number);
  const tradedAt = lastTradeTime('equity', t);
  const session = currentSession('equity', t);
  const today = barOf(price, session.start, session.end, tradedAt, 0);
  const previousClose = price(sessionBefore('equity', session).end);
  const change = today.close - previousClose;
  return {
    c: today.close,
    d: round(change, 2),
    dp: round((change / previousClose) * 100, 4),
    h: today.high,
    l: today.low,
    o: today.open,
    pc: previousClose,
    t: tradedAt,
  };
}

/** Options of the Finnhub emulator. */
export interface FinnhubEmulatorOptions extends FinanceEmulatorOptions {
  /** The only token accepted; any non-empty token when absent. */
  token?: string;
}

/** Finnhub `/api/v1/quote?symbol=` with the token in `token=` or `X-Finnhub-Token`. */
export function finnhubProvider(options: FinnhubEmulatorOptions = {}): EmulatedProvider {
  const now = options.now ?? Date.now;
  return {
    name: 'finnhub',
    handle(request: EmulatedRequest) {
      if (request.path !== '/api/v1/quote') return undefined;
      const header = request.headers['x-finnhub-token'];
      const token = request.params.get('token') ?? (Array.isArray(header) ? header[0] : header);
      if (!token) return json(401, { error: 'Please use an API key.' });
      if (options.token !== undefined && token !== options.token) {
        return json(401, { error: 'Invalid API key' });
      }
      return json(200, finnhubQuote(request.params.get('symbol') ?? '', Math.floor(now() / 1000)));
    },
    // Finnhub's router is Go's: an unknown path gets its plain-text 404.
    notFound: () => ({
      status: 404,
      body: '404 page not found',
      contentType: 'text/plain; charset=utf-8',
    }),
  };
}
