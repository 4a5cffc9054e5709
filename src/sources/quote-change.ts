/** The daily move of a quote; every field null when the previous close is unknown or zero. */
export interface QuoteChange {
  change: number | null;
  changePercent: number | null;
  previousClose: number | null;
}

/** Rounds away binary noise (`0.1 + 0.2`) without losing the digits of tiny prices. */
export function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/** Change and percent change of `price` against `previousClose`. */
export function changeFrom(price: number, previousClose: number | null | undefined): QuoteChange {
  if (previousClose == null || !Number.isFinite(previousClose) || previousClose === 0) {
    return { change: null, changePercent: null, previousClose: null };
  }
  const change = price - previousClose;
  return {
    change: tidy(change),
    changePercent: tidy((change / previousClose) * 100),
    previousClose,
  };
}

/** Seconds since the epoch to an ISO instant. */
export function isoFromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
