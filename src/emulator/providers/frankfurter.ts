import { zonedTimeToEpochMs } from '../../sources/zoned-time.js';
import {
  json,
  type EmulatedProvider,
  type EmulatedRequest,
  type EmulatedResponse,
} from '../types.js';
import { CURRENCIES, fxRate, roundFixing, type FinanceEmulatorOptions } from './finance-data.js';

/** The first day of ECB reference rates. */
const FIRST_DATE = '1999-01-04';
const NOT_FOUND = () => json(404, { message: 'not found' });

const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Unix second of the ECB's 16:00 Frankfurt fixing on `date`. */
export function fixingTime(date: string): number {
  return zonedTimeToEpochMs(date, '16:00', 'Europe/Berlin') / 1000;
}

/**
 * The fixing date in force at unix second `t`, on or before `date` when given: the latest weekday
 * whose 16:00 fixing has happened (TARGET holidays are ignored).
 */
export function fixingDate(t: number, date?: string): string {
  let day = date ?? new Date(t * 1000).toISOString().slice(0, 10);
  for (;;) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && fixingTime(day) <= t) return day;
    day = dayBefore(day);
  }
}

/** The reference rate of `base` in `target` fixed on `date`, rounded as the ECB rounds. */
export function referenceRate(base: string, target: string, date: string): number | undefined {
  const rate = fxRate(base, target, fixingTime(date));
  return rate === undefined ? undefined : roundFixing(rate);
}

function rates(params: URLSearchParams, date: string): EmulatedResponse {
  const base = (params.get('base') ?? params.get('from') ?? 'EUR').toUpperCase();
  const symbols = params.get('symbols') ?? params.get('to');
  const wanted = symbols === null ? [...CURRENCIES.keys()] : symbols.toUpperCase().split(',');
  const amountText = params.get('amount') ?? '1';
  const amount = Number(amountText);
  if (amountText.trim() === '' || !Number.isFinite(amount) || amount <= 0) {
    return json(422, { message: 'amount must be a positive number' });
  }
  if (![base, ...wanted].every((code) => /^[A-Z]{3}$/.test(code))) {
    return json(422, { message: 'currency codes must have three letters' });
  }
  if (![base, ...wanted].every((code) => CURRENCIES.has(code))) return NOT_FOUND();
  const result: Record<string, number> = {};
  for (const code of [...new Set(wanted)].sort()) {
    if (code === base) continue; // the base is left out of `rates`
    result[code] = roundFixing((referenceRate(base, code, date) as number) * amount);
  }
  return json(200, { amount, base, date, rates: result });
}

/** Frankfurter v1: `/v1/latest`, `/v1/<YYYY-MM-DD>` and `/v1/currencies`, ECB rates by day. */
export function frankfurterProvider(options: FinanceEmulatorOptions = {}): EmulatedProvider {
  const now = options.now ?? Date.now;
  return {
    name: 'frankfurter',
    handle(request: EmulatedRequest) {
      const t = Math.floor(now() / 1000);
      if (request.path === '/v1/currencies')
        return json(200, Object.fromEntries([...CURRENCIES].sort()));
      if (request.path === '/v1/latest') return rates(request.params, fixingDate(t));
      const day = /^\/v1\/(\d{4}-\d{2}-\d{2})$/.exec(request.path)?.[1];
      if (day === undefined || Number.isNaN(Date.parse(day))) return undefined;
      if (day < FIRST_DATE) return NOT_FOUND();
      const today = new Date(t * 1000).toISOString().slice(0, 10);
      return rates(request.params, fixingDate(t, day < today ? day : today));
    },
    notFound: () => json(404, { status: 404, message: 'not found' }),
  };
}
