import { zonedParts } from '../../sources/zoned-time.js';
import type { EmulatedProvider, EmulatedRequest, EmulatedResponse } from '../types.js';
import {
  EQUITIES,
  equityPrice,
  roundPrice,
  sessionVolume,
  type FinanceEmulatorOptions,
} from './finance-data.js';
import { barOf, currentSession, lastTradeTime } from './market-sessions.js';

const CSV = 'text/csv';
/** Stooq prints its own (Polish) local time. */
const STOOQ_TIME_ZONE = 'Europe/Warsaw';
const MISSING = 'N/D';

/** What Stooq sends, with HTTP 200, once the daily quota is spent (for fault injection). */
export const STOOQ_DAILY_LIMIT: EmulatedResponse = {
  status: 200,
  body: 'Exceeded the daily hits limit',
  contentType: 'text/html',
};

/** The columns of the `f=` field letters, in the order Stooq knows them. */
const FIELDS: ReadonlyArray<[letters: string, header: string]> = [
  ['s', 'Symbol'],
  ['d2', 'Date'],
  ['t2', 'Time'],
  ['o', 'Open'],
  ['h', 'High'],
  ['l', 'Low'],
  ['c', 'Close'],
  ['v', 'Volume'],
  ['n', 'Name'],
];

/** Splits `f=sd2t2ohlcvn` into field letters (`d2` and `t2` are two characters); unknown ones drop. */
export function parseFieldLetters(f: string): Array<[string, string]> {
  const columns: Array<[string, string]> = [];
  for (let i = 0; i < f.length;) {
    const two = FIELDS.find(([letters]) => letters.length === 2 && f.startsWith(letters, i));
    const field = two ?? FIELDS.find(([letters]) => letters === f[i]);
    if (field) columns.push(field);
    i += two ? 2 : 1;
  }
  return columns;
}

/** One CSV row of `symbol` (as asked, e.g. `aapl.us`) at unix second `t`, keyed by header name. */
export function stooqRow(symbol: string, t: number): Record<string, string> {
  const echoed = symbol.toUpperCase();
  const ticker = /^(.+)\.US$/.exec(echoed)?.[1];
  const equity = ticker === undefined ? undefined : EQUITIES.get(ticker);
  if (!equity) {
    return Object.fromEntries(
      FIELDS.map(([, header]) => [header, header === 'Symbol' ? echoed : MISSING]),
    );
  }
  const tradedAt = lastTradeTime('equity', t);
  const session = currentSession('equity', t);
  const price = (at: number) => roundPrice('equity', equityPrice(equity.symbol, at) as number);
  const volume = sessionVolume(equity.symbol, session.start, equity.volume);
  const bar = barOf(price, session.start, session.end, tradedAt, volume);
  const local = zonedParts(tradedAt * 1000, STOOQ_TIME_ZONE);
  return {
    Symbol: echoed,
    Date: local.date,
    Time: local.time,
    Open: String(bar.open),
    High: String(bar.high),
    Low: String(bar.low),
    Close: String(bar.close),
    Volume: String(bar.volume),
    Name: equity.stooqName,
  };
}

/** Stooq's CSV quotes: `/q/l/?s=aapl.us+msft.us&f=sd2t2ohlcvn&h&e=csv`, CRLF line ends. */
export function stooqProvider(options: FinanceEmulatorOptions = {}): EmulatedProvider {
  const now = options.now ?? Date.now;
  return {
    name: 'stooq',
    handle(request: EmulatedRequest) {
      if (request.path !== '/q/l/' && request.path !== '/q/l') return undefined;
      // A `+` in the query is a space once decoded; Stooq splits on either.
      const symbols = (request.params.get('s') ?? '').split(/[\s+,]+/).filter(Boolean);
      const columns = parseFieldLetters(request.params.get('f') ?? 'sd2t2ohlcv');
      const t = Math.floor(now() / 1000);
      const lines = symbols.map((symbol) => {
        const row = stooqRow(symbol, t);
        return columns.map(([, header]) => row[header]).join(',');
      });
      if (request.params.has('h')) lines.unshift(columns.map(([, header]) => header).join(','));
      return { status: 200, body: lines.map((line) => `${line}\r\n`).join(''), contentType: CSV };
    },
    notFound: () => ({
      status: 404,
      body: '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>',
      contentType: 'text/html',
    }),
  };
}
