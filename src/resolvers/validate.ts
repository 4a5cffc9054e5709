import { badInput } from '../errors.js';

/** Argument bounds, checked before any upstream call. */
export const limits = {
  maxTextLength: 200,
  maxDays: 16,
  maxNewsLimit: 50,
  maxSearchK: 50,
  maxSymbols: 100,
} as const;

/** A trimmed, non-empty string of bounded length, or BAD_USER_INPUT naming the argument. */
export function requireText(
  name: string,
  value: string,
  max: number = limits.maxTextLength,
): string {
  const text = value.trim();
  if (text === '') throw badInput(`\`${name}\` must not be empty`);
  if (text.length > max) throw badInput(`\`${name}\` must be at most ${max} characters`);
  return text;
}

/** An integer within [min, max], or BAD_USER_INPUT naming the argument. */
export function requireRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`\`${name}\` must be an integer from ${min} to ${max}`);
  }
  return value;
}
