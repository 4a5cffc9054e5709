import type { Evidence } from '../answer/evidence.js';
import { isStale } from '../sources/cached.js';
import { verdict, type Gate } from './types.js';

/** `freshness` (DATA, WARNING): data past its source's TTL (served stale after a failure) is flagged. */
export function createFreshnessGate(
  now: () => number = Date.now,
): Gate<{ evidence: readonly Evidence[] }> {
  const gate = { name: 'freshness', stage: 'DATA', severity: 'WARNING' } as const;
  return {
    ...gate,
    check({ evidence }) {
      const timed = evidence.filter((e) => e.fetchedAt !== null && e.ttlSeconds !== null);
      if (timed.length === 0) return verdict(gate, 'SKIPPED', 'No time-sensitive data');
      const at = now();
      const stale = timed.filter((e) =>
        isStale({ fetchedAt: e.fetchedAt as string, ttlSeconds: e.ttlSeconds as number }, at),
      );
      if (stale.length === 0)
        return verdict(gate, 'PASSED', `${timed.length} payloads within their TTL`, 1);
      const names = [...new Set(stale.map((e) => e.title ?? e.source))].join(', ');
      return verdict(
        gate,
        'WARNING',
        `Stale data (older than its TTL): ${names}`,
        1 - stale.length / timed.length,
      );
    },
  };
}
