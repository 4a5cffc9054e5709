import { contextSlot } from '../context-slot.js';

const deadlines = contextSlot<number>('deadline');

/**
 * Runs `fn` under an absolute deadline (epoch ms): upstream calls made inside it never start an
 * attempt or wait for a retry past it. Nested deadlines keep the earlier one.
 */
export function withDeadline<T>(deadline: number, fn: () => T): T {
  const outer = deadlines.get();
  return deadlines.run(outer === undefined ? deadline : Math.min(outer, deadline), fn);
}

/** The caller's deadline (epoch ms), if one is set. */
export function currentDeadline(): number | undefined {
  return deadlines.get();
}

/** Runs `fn` with no deadline: for work that outlives the request that started it. */
export function withoutDeadline<T>(fn: () => T): T {
  return deadlines.run(undefined, fn);
}
