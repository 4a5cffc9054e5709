import type { Evidence } from '../answer/evidence.js';
import { verdict, type Gate } from './types.js';

const finite = (n: number | null) => n === null || Number.isFinite(n);
const within = (n: number | null, min: number, max: number) => n === null || (n >= min && n <= max);

/**
 * Why a piece of evidence is not fit to use (a value out of any plausible range, an empty text),
 * or null when it is. Providers' bodies are already schema-checked; this catches values a schema
 * accepts but no real reading has (a 300 °C temperature, a negative price).
 */
export function invalidReason(evidence: Evidence): string | null {
  if (evidence.text.trim() === '') return 'empty';
  switch (evidence.kind) {
    case 'weather': {
      const { current, daily } = evidence.weather.forecast;
      const temps = [current?.temperatureC ?? null, current?.apparentTemperatureC ?? null];
      for (const day of daily) temps.push(day.minC, day.maxC);
      if (!temps.every((t) => finite(t) && within(t, -95, 65))) return 'temperature out of range';
      if (current && !within(current.humidity, 0, 100)) return 'humidity out of range';
      if (current && !within(current.windSpeedKmh, 0, 500)) return 'wind speed out of range';
      return null;
    }
    case 'quote':
      return evidence.quote.price > 0 && Number.isFinite(evidence.quote.price)
        ? null
        : 'price not positive';
    case 'exchangeRate':
      return evidence.rate.rate > 0 && Number.isFinite(evidence.rate.rate)
        ? null
        : 'rate not positive';
    case 'news':
      return evidence.article.title.trim() === '' ? 'headline missing' : null;
    case 'search':
      return Number.isFinite(evidence.passage.score) ? null : 'score not a number';
    default: {
      const never: never = evidence;
      throw new TypeError(`unknown evidence ${JSON.stringify(never)}`);
    }
  }
}

/** `data_validation` (DATA, ERROR): every payload is usable; unusable ones are dropped. */
export function createDataValidationGate(): Gate<{ evidence: readonly Evidence[] }> {
  const gate = { name: 'data_validation', stage: 'DATA', severity: 'ERROR' } as const;
  return {
    ...gate,
    check({ evidence }) {
      if (evidence.length === 0) return verdict(gate, 'SKIPPED', 'No data to validate');
      const invalid = evidence.map(invalidReason).filter((r): r is string => r !== null);
      const score = 1 - invalid.length / evidence.length;
      if (invalid.length === 0)
        return verdict(gate, 'PASSED', `${evidence.length} payloads valid`, 1);
      const status = invalid.length === evidence.length ? 'FAILED' : 'WARNING';
      return verdict(
        gate,
        status,
        `${invalid.length} of ${evidence.length} payloads dropped: ${[...new Set(invalid)].join(', ')}`,
        score,
      );
    },
  };
}
