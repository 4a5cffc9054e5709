import { zonedParts, zonedTimeToEpochMs } from '../../sources/zoned-time.js';

/** How an emulated market trades (holidays are ignored). */
export type MarketKind = 'equity' | 'crypto' | 'fx';

interface Calendar {
  timeZone: string;
  /** Local opening time, HH:MM. */
  open: string;
  /** Session length in seconds. */
  length: number;
  weekdaysOnly: boolean;
}

const CALENDARS: Readonly<Record<MarketKind, Calendar>> = {
  equity: { timeZone: 'America/New_York', open: '09:30', length: 6.5 * 3600, weekdaysOnly: true },
  fx: { timeZone: 'Europe/London', open: '00:00', length: 24 * 3600, weekdaysOnly: true },
  crypto: { timeZone: 'UTC', open: '00:00', length: 24 * 3600, weekdaysOnly: false },
};

/** One trading session, in unix seconds. */
export interface Session {
  start: number;
  end: number;
}

/** The calendar's time zone name (e.g. for Yahoo's `exchangeTimezoneName`). */
export function marketTimeZone(kind: MarketKind): string {
  return CALENDARS[kind].timeZone;
}

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Sessions that opened at or before `t`, newest last: the `count` latest, or (with `since`) every
 * one that opened at or after `since`.
 */
export function sessionsUpTo(
  kind: MarketKind,
  t: number,
  limit: { count?: number; since?: number },
): Session[] {
  const calendar = CALENDARS[kind];
  const found: Session[] = [];
  let date = zonedParts(t * 1000, calendar.timeZone).date;
  const maxDays =
    (limit.count ?? 0) * 2 + 10 + (limit.since === undefined ? 0 : (t - limit.since) / 86_400);
  for (let day = 0; day < maxDays; day++, date = previousDay(date)) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (calendar.weekdaysOnly && (weekday === 0 || weekday === 6)) continue;
    const start = zonedTimeToEpochMs(date, calendar.open, calendar.timeZone) / 1000;
    if (start > t) continue;
    if (limit.since !== undefined && start < limit.since) break;
    found.unshift({ start, end: start + calendar.length });
    if (limit.count !== undefined && found.length >= limit.count) break;
  }
  return found;
}

/** The latest session that opened at or before `t`. */
export function currentSession(kind: MarketKind, t: number): Session {
  return sessionsUpTo(kind, t, { count: 1 })[0] as Session;
}

/** The session before `session`. */
export function sessionBefore(kind: MarketKind, session: Session): Session {
  return sessionsUpTo(kind, session.start - 1, { count: 1 })[0] as Session;
}

/** The instant of the last trade at `t`: now while a session is open, else the last close. */
export function lastTradeTime(kind: MarketKind, t: number): number {
  return Math.min(t, currentSession(kind, t).end);
}

/** Open, high, low, close and volume of one bar, every price through `price`. */
export interface Bar {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * The bar from `from` to `to` (cut at `t` when it is still running), sampling the price curve so
 * high and low bracket open and close. `volume` is the full bar's; it is prorated.
 */
export function barOf(
  price: (t: number) => number,
  from: number,
  to: number,
  t: number,
  volume: number,
): Bar {
  const through = Math.min(to, t);
  const samples = Array.from({ length: 9 }, (_, i) => price(from + ((through - from) * i) / 8));
  return {
    open: samples[0] as number,
    high: Math.max(...samples),
    low: Math.min(...samples),
    close: samples[8] as number,
    volume: Math.round((volume * (through - from)) / Math.max(1, to - from)),
  };
}
