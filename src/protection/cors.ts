import type { RequestHandler } from 'express';
import cors from 'cors';

/**
 * CORS for `/graphql` from CORS_ORIGINS: `*` lets any origin read responses (keys travel in a
 * header, never in cookies, so no credentials mode); a comma list allows only those origins.
 */
export function createCors(origins: string): RequestHandler {
  const list = origins
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  // Browsers may only read these response headers cross-origin when exposed.
  const common = { maxAge: 600, exposedHeaders: ['retry-after', 'ratelimit-remaining'] };
  if (list.length === 0 || list.includes('*')) return cors({ origin: '*', ...common });
  return cors({ origin: list, ...common });
}
