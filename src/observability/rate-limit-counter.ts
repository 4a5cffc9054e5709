import type { ServerResponse } from 'node:http';
import type { Metrics } from './metrics.js';

/**
 * Counts requests the protection layer refused with HTTP 429 (its per-caller rate limit), seen
 * from outside: the limiter needs no knowledge of metrics.
 */
export function countRateLimited(
  metrics: Pick<Metrics, 'recordRateLimitRejection'>,
): (res: ServerResponse) => void {
  return function rateLimitCounter(res) {
    res.once('finish', () => {
      if (res.statusCode === 429) metrics.recordRateLimitRejection();
    });
  };
}
