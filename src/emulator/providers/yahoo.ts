import { utcOffsetMinutes } from '../../sources/zoned-time.js';
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
  EQUITIES,
  equityPrice,
  type FinanceEmulatorOptions,
  fxRate,
  maxSwing,
  roundPrice,
  sessionVolume,
  unitHash,
} from './finance-data.js';
import {
  barOf,
  currentSession,
  lastTradeTime,
  marketTimeZone,
  sessionBefore,
  sessionsUpTo,
  type MarketKind,
  type Session,
} from './market-sessions.js';

/** An instrument Yahoo's chart knows, with its unrounded price curve. */
export interface YahooInstrument {
  kind: MarketKind;
  symbol: string;
  name: string;
  currency: string;
  exchangeName: string;
  fullExchangeName: string;
  instrumentType: string;
  firstTradeDate: number;
  /** Volume of a full session. */
  volume: number;
  price(t: number): number;
  /** The level the price swings around at `t` (for the 52-week range). */
  level(t: number): number;
}

/** Resolves a Yahoo symbol (`AAPL`, `BTC-EUR`, `EURUSD=X`); undefined when Yahoo has no data. */
export function yahooInstrument(input: string): YahooInstrument | undefined {
  const symbol = input.toUpperCase();
  const equity = EQUITIES.get(symbol);
  if (equity) {
    const nasdaq = equity.exchange === 'NMS';
    return {
      kind: 'equity',
      symbol,
      name: equity.name,
      currency: 'USD',
      exchangeName: equity.exchange,
      fullExchangeName: nasdaq ? 'NasdaqGS' : 'NYSE',
      instrumentType: 'EQUITY',
      firstTradeDate: 315_000_000 + Math.round(unitHash(symbol) * 9e8),
      volume: equity.volume,
      price: (t) => equityPrice(symbol, t) as number,
      level: () => equity.basePrice,
    };
  }
  const crypto = /^([A-Z]+)-([A-Z]{3})$/.exec(symbol);
  const coin = crypto && COINS.get(crypto[1] as string);
  if (crypto && coin && CURRENCIES.has(crypto[2] as string)) {
    const vs = crypto[2] as string;
    return {
      kind: 'crypto',
      symbol,
      name: `${coin.name} ${vs}`,
      currency: vs,
      exchangeName: 'CCC',
      fullExchangeName: 'CCC',
      instrumentType: 'CRYPTOCURRENCY',
      firstTradeDate: 1_410_912_000,
      volume: coin.supply * coin.basePrice * coin.volumeShare,
      price: (t) => coinPrice(coin.symbol, vs, t) as number,
      level: (t) => coin.basePrice * (fxRate('USD', vs, t) as number),
    };
  }
  const fx = /^([A-Z]{3})([A-Z]{3})=X$/.exec(symbol);
  if (fx && fx[1] !== fx[2] && CURRENCIES.has(fx[1] as string) && CURRENCIES.has(fx[2] as string)) {
    const [, base = '', quote = ''] = fx;
    return {
      kind: 'fx',
      symbol,
      name: `${base}/${quote}`,
      currency: quote,
      exchangeName: 'CCY',
      fullExchangeName: 'CCY',
      instrumentType: 'CURRENCY',
      firstTradeDate: 1_070_236_800,
      volume: 0,
      price: (t) => fxRate(base, quote, t) as number,
      level: (t) => fxRate(base, quote, t) as number,
    };
  }
  return undefined;
}

const INTERVALS: Readonly<Record<string, number>> = {
  '1m': 60,
  '2m': 120,
  '5m': 300,
  '15m': 900,
  '30m': 1800,
  '60m': 3600,
  '90m': 5400,
  '1h': 3600,
  '1d': 0,
};
const VALID_RANGES = ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'];
const RANGE_DAYS: Readonly<Record<string, number>> = {
  '1mo': 30,
  '3mo': 91,
  '6mo': 182,
  '1y': 365,
  '2y': 730,
};

const chartError = (status: number, code: string, description: string) =>
  json(status, { chart: { result: null, error: { code, description } } });

/** The real 404 body for an unknown symbol. */
const NOT_FOUND = () => chartError(404, 'Not Found', 'No data found, symbol may be delisted');

function tzAbbreviation(kind: MarketKind, offsetMinutes: number): string {
  if (kind === 'equity') return offsetMinutes === -240 ? 'EDT' : 'EST';
  if (kind === 'fx') return offsetMinutes === 60 ? 'BST' : 'GMT';
  return 'UTC';
}

function sessionsOf(kind: MarketKind, range: string, t: number): Session[] {
  if (range === '1d') return sessionsUpTo(kind, t, { count: 1 });
  if (range === '5d') return sessionsUpTo(kind, t, { count: 5 });
  const year = new Date(t * 1000).getUTCFullYear();
  const since =
    range === 'ytd' ? Date.UTC(year, 0, 1) / 1000 : t - (RANGE_DAYS[range] ?? 1826) * 86_400;
  return sessionsUpTo(kind, t, { since });
}

function chart(
  instrument: YahooInstrument,
  interval: string,
  range: string,
  t: number,
): EmulatedResponse {
  const { kind } = instrument;
  const step = INTERVALS[interval] as number;
  const tradedAt = lastTradeTime(kind, t);
  const sessions = sessionsOf(kind, range, tradedAt);
  const first = sessions[0] ?? currentSession(kind, t);
  const current = currentSession(kind, t);
  const price = (at: number) => roundPrice(kind, instrument.price(at));
  const bars: Array<{ time: number; bar: ReturnType<typeof barOf> | null }> = [];
  const volumeOf = (session: Session) =>
    sessionVolume(instrument.symbol, session.start, instrument.volume);
  for (const session of sessions) {
    if (step === 0) {
      const bar = barOf(price, session.start, session.end, tradedAt, volumeOf(session));
      bars.push({ time: session.start, bar });
      continue;
    }
    const share = (volumeOf(session) * step) / (session.end - session.start);
    for (let at = session.start; at < Math.min(session.end, tradedAt); at += step) {
      // Yahoo leaves a bar empty (every field null) when nothing traded in it.
      const empty = kind === 'equity' && unitHash(`${instrument.symbol}@${at}`) < 0.03;
      bars.push({ time: at, bar: empty ? null : barOf(price, at, at + step, tradedAt, share) });
    }
  }
  const today = barOf(price, current.start, current.end, tradedAt, volumeOf(current));
  const previousClose = price(sessionBefore(kind, first).end);
  const gmtoffset = utcOffsetMinutes(t * 1000, marketTimeZone(kind)) * 60;
  const timezone = tzAbbreviation(kind, gmtoffset / 60);
  const period = (start: number, end: number) => ({ timezone, end, start, gmtoffset });
  const equity = kind === 'equity';
  const column = (pick: (bar: NonNullable<(typeof bars)[number]['bar']>) => number) =>
    bars.map(({ bar }) => (bar ? pick(bar) : null));
  // Yahoo's bars are float32 values widened to double, hence 4.270999908447266 for 4.271.
  const float = Math.fround;
  const swing = maxSwing(kind);
  const level = instrument.level(t);
  const meta = {
    currency: instrument.currency,
    symbol: instrument.symbol,
    exchangeName: instrument.exchangeName,
    fullExchangeName: instrument.fullExchangeName,
    instrumentType: instrument.instrumentType,
    firstTradeDate: instrument.firstTradeDate,
    regularMarketTime: tradedAt,
    hasPrePostMarketData: equity,
    gmtoffset,
    timezone,
    exchangeTimezoneName: marketTimeZone(kind),
    regularMarketPrice: price(tradedAt),
    fiftyTwoWeekHigh: roundPrice(kind, Math.max(today.high, level * swing)),
    fiftyTwoWeekLow: roundPrice(kind, Math.min(today.low, level / swing)),
    regularMarketDayHigh: today.high,
    regularMarketDayLow: today.low,
    regularMarketVolume: Math.round(today.volume),
    longName: instrument.name,
    shortName: instrument.name,
    chartPreviousClose: previousClose,
    ...(range === '1d' ? { previousClose, scale: 3 } : {}),
    priceHint: kind === 'fx' ? 4 : price(tradedAt) < 1 ? 6 : 2,
    currentTradingPeriod: {
      pre: equity
        ? period(current.start - 5.5 * 3600, current.start)
        : period(current.start, current.start),
      regular: period(current.start, current.end),
      post: equity ? period(current.end, current.end + 4 * 3600) : period(current.end, current.end),
    },
    ...(step === 0 ? {} : { tradingPeriods: sessions.map((s) => [period(s.start, s.end)]) }),
    dataGranularity: interval,
    range,
    validRanges: VALID_RANGES,
  };
  return json(200, {
    chart: {
      result: [
        {
          meta,
          timestamp: bars.map((b) => b.time),
          indicators: {
            quote: [
              {
                open: column((b) => float(b.open)),
                close: column((b) => float(b.close)),
                high: column((b) => float(b.high)),
                volume: column((b) => Math.round(b.volume)),
                low: column((b) => float(b.low)),
              },
            ],
          },
        },
      ],
      error: null,
    },
  });
}

/** Yahoo Finance v8 chart: `/v8/finance/chart/<symbol>?interval=&range=`. */
export function yahooProvider(options: FinanceEmulatorOptions = {}): EmulatedProvider {
  const now = options.now ?? Date.now;
  return {
    name: 'yahoo',
    handle(request: EmulatedRequest) {
      const match = /^\/v8\/finance\/chart\/([^/]+)$/.exec(request.path);
      if (!match) return undefined;
      const instrument = yahooInstrument(decodeURIComponent(match[1] as string));
      if (!instrument) return NOT_FOUND();
      const interval = request.params.get('interval') ?? '1d';
      const range = request.params.get('range') ?? '1mo';
      if (INTERVALS[interval] === undefined) {
        return chartError(
          400,
          'Bad Request',
          `Invalid input - interval=${interval} is not supported. Valid intervals: [${Object.keys(INTERVALS).join(', ')}]`,
        );
      }
      if (!VALID_RANGES.includes(range)) {
        return chartError(400, 'Bad Request', `Invalid input - range=${range} is not supported`);
      }
      const intraday = (INTERVALS[interval] as number) > 0;
      if (intraday && !['1d', '5d', '1mo'].includes(range)) {
        return chartError(
          422,
          'Unprocessable Entity',
          `${interval} data not available for range=${range}. The requested range must be within the last 60 days.`,
        );
      }
      return chart(instrument, interval, range, Math.floor(now() / 1000));
    },
    notFound: () =>
      json(404, {
        finance: { result: null, error: { code: 'Not Found', description: 'HTTP 404 Not Found' } },
      }),
  };
}
