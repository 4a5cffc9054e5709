import type { RequestHandler } from 'express';
import type { Metrics } from './metrics.js';

/**
 * Counts requests the protection layer refused with HTTP 429 (its per-caller rate limit), seen
 * from outside: the limiter needs no knowledge of metrics.
 */
export function countRateLimited(
  metrics: Pick<Metrics, 'recordRateLimitRejection'>,
): RequestHandler {
  return function rateLimitCounter(_req, res, next) {
    res.once('finish', () => {
      if (res.statusCode === 429) metrics.recordRateLimitRejection();
    });
    next();
  };
}
