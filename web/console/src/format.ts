const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumSignificantDigits: 3,
});

/** US dollars for costs, which are often fractions of a cent: `$0.000123`, `$0.00`. */
export function formatUsd(value: number): string {
  if (value === 0) return '$0.00';
  if (Math.abs(value) < 0.01) return `$${value.toPrecision(3).replace(/0+$/, '')}`;
  return usd.format(value);
}

/** Milliseconds, one decimal under 10 ms. */
export function formatMs(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

/** A price or change with its sign when asked for: `+1.25`, `−0.40`. */
export function formatNumber(value: number, { signed = false, digits = 2 } = {}): string {
  const text = Math.abs(value).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  if (!signed || value === 0) return value < 0 ? `−${text}` : text;
  return value > 0 ? `+${text}` : `−${text}`;
}

/** A capitalised enum value for display: `RETRIEVAL` → `Retrieval`. */
export function titleCase(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase();
}
