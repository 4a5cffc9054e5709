/**
 * Number and date formatting shared by the context the model reads and the extractive text, so a
 * value is written the same way in both (the grounding gate compares them).
 */
export function celsius(value: number | null): string | null {
  return value === null ? null : `${value.toFixed(1)} °C`;
}

export function percent(value: number | null, signed = false): string | null {
  if (value === null) return null;
  const text = `${value.toFixed(2)}%`;
  return signed && value > 0 ? `+${text}` : text;
}

/** Prices: 2 decimals, or 4 significant decimals below 1 (FX, small coins). */
export function amount(value: number): string {
  const digits = Math.abs(value) < 1 ? 4 : 2;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function signedAmount(value: number): string {
  return value > 0 ? `+${amount(value)}` : amount(value);
}

/** `2026-11-25T09:30:00.000Z` -> `2026-11-25 09:30 UTC`. */
export function utcTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
