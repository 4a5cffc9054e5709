import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTimeResolver } from 'graphql-scalars';
import { seededRandom } from '../src/language/hash.js';
import { DateTimeScalar, isCanonicalDateTime } from '../src/resolvers/scalars.js';

/** What a scalar's output becomes on the wire, or the error it raised. */
function sent(serialize: (value: unknown) => unknown, value: unknown): string {
  try {
    return `sent ${JSON.stringify(serialize(value))}`;
  } catch (error) {
    return `refused ${(error as Error).message}`;
  }
}

const ours = (value: unknown) => DateTimeScalar.serialize(value);
const library = (value: unknown) => DateTimeResolver.serialize(value);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('the DateTime scalar', () => {
  it('sends what graphql-scalars sends, and refuses what it refuses, for every kind of value', () => {
    const values: unknown[] = [
      '2026-12-07T21:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2024-02-29T12:00:00.000Z', // leap year
      '2000-02-29T12:00:00.000Z', // leap year (divisible by 400)
      '2023-02-29T12:00:00.000Z', // not a leap year
      '1900-02-29T12:00:00.000Z', // not a leap year (divisible by 100)
      '2026-02-30T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-12-00T00:00:00.000Z',
      '2026-12-07T24:00:00.000Z',
      '2026-12-07T23:60:00.000Z',
      '2026-12-31T23:59:60.000Z', // a leap second: graphql-scalars rolls it over
      '2026-12-07T21:00:00Z', // no fraction
      '2026-12-07T21:00:00.5Z',
      '2026-12-07T21:00:00.123456Z',
      '2026-12-07T21:00:00.000+09:00',
      '2026-12-07T21:00:00-05:00',
      '2026-12-07t21:00:00.000z',
      ' 2026-12-07T21:00:00.000Z',
      '2026-12-07T21:00:00.000Z\n',
      '2026-12-07',
      '',
      'yesterday',
      new Date('2026-12-07T21:00:00.000Z'),
      new Date(Number.NaN),
      0,
      1_765_141_200_000,
      true,
      null,
      { toString: () => '2026-12-07T21:00:00.000Z' },
    ];
    for (const value of values) {
      assert.equal(sent(ours, value), sent(library, value), `for ${String(value)}`);
    }
  });

  it('agrees with graphql-scalars on every day of the calendar, in and out of leap years', () => {
    const random = seededRandom(9);
    for (const year of [1600, 1700, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 2026]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const time = `${pad(Math.floor(random() * 24), 2)}:${pad(Math.floor(random() * 60), 2)}`;
          const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}:${pad(Math.floor(random() * 60), 2)}.${pad(Math.floor(random() * 1000), 3)}Z`;
          assert.equal(sent(ours, value), sent(library, value), value);
        }
      }
    }
  });

  it('takes the shortcut for the timestamps the adapters keep, and only for those', () => {
    assert.equal(isCanonicalDateTime(new Date(1_765_141_200_000).toISOString()), true);
    assert.equal(ours('2026-12-07T21:00:00.000Z'), '2026-12-07T21:00:00.000Z');
    assert.equal(isCanonicalDateTime('2026-12-07T21:00:00Z'), false);
    assert.equal(isCanonicalDateTime('2023-02-29T00:00:00.000Z'), false);
    assert.ok(ours('2026-12-07T21:00:00Z') instanceof Date, 'graphql-scalars answers the rest');
  });

  it('reads arguments as graphql-scalars does', () => {
    const parsed = DateTimeScalar.parseValue('2026-12-07T21:00:00+09:00');
    assert.deepEqual(parsed, DateTimeResolver.parseValue('2026-12-07T21:00:00+09:00'));
    assert.throws(() => DateTimeScalar.parseValue('2026-02-30T00:00:00Z'));
  });
});
