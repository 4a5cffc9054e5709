import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';

/** Answers a preflight itself (true); otherwise sets the response's CORS headers (false). */
export type Cors = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * CORS for `/graphql` from CORS_ORIGINS, by the `cors` package (it works on node's own request and
 * response): `*` lets any origin read responses (keys travel in a header, never in cookies, so no
 * credentials mode); a comma list allows only those origins. A preflight is answered with 204 and
 * cached for 600 s.
 */
export function createCors(origins: string): Cors {
  const list = origins
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  // Browsers may only read these response headers cross-origin when exposed.
  const common = { maxAge: 600, exposedHeaders: ['retry-after', 'ratelimit-remaining'] };
  const middleware = cors(
    list.length === 0 || list.includes('*')
      ? { origin: '*', ...common }
      : { origin: list, ...common },
  );
  return function corsHeaders(req, res) {
    // With a fixed origin setting the package decides synchronously: it calls `next` for a
    // request to go on, and ends a preflight itself.
    let answered = true;
    middleware(req, res, () => {
      answered = false;
    });
    return answered;
  };
}
