/**
 * Wall-clock time in an IANA zone, with nothing but Intl: Stooq stamps quotes in Warsaw time and the
 * ECB fixes its reference rates at 16:00 Frankfurt time, so both need local time to UTC and back.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Local calendar parts of an instant in `timeZone`; `weekday` is 0 (Sunday) to 6. */
export interface ZonedParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM:SS */
  time: string;
  weekday: number;
}

/** The local date, time and weekday of `epochMs` in `timeZone`. */
export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** Minutes `timeZone` is ahead of UTC at `epochMs` (CET is 60, CEST 120). */
export function utcOffsetMinutes(epochMs: number, timeZone: string): number {
  const { date, time } = zonedParts(epochMs, timeZone);
  const wall = Date.parse(`${date}T${time}Z`);
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant (ms) of a local `YYYY-MM-DD` and `HH:MM[:SS]` in `timeZone`, or NaN when either is
 * malformed. In the hour skipped or repeated by a DST change, the later offset wins.
 */
export function zonedTimeToEpochMs(date: string, time: string, timeZone: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}(:\d{2})?$/.test(time)) return Number.NaN;
  const wall = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  if (Number.isNaN(wall)) return Number.NaN;
  const guess = wall - utcOffsetMinutes(wall, timeZone) * 60_000;
  // A second pass settles the offset when the first guess fell on the other side of a DST change.
  return wall - utcOffsetMinutes(guess, timeZone) * 60_000;
}
