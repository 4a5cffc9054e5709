import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { findProjectRoot } from '../paths.js';

/**
 * GraphiQL's policy: everything from this origin, so the page provably loads nothing from the
 * network but the gateway. Beyond `'self'` it allows only what the page was seen to need (each
 * removal below makes Chromium refuse resources and log errors):
 * - `style-src 'unsafe-inline'`: monaco writes its theme, decorations and metrics into `<style>`
 *   elements and `style` attributes at run time, and monaco 0.52 has no nonce hook (dozens of refusals);
 * - `font-src data:`: graphiql's stylesheet embeds its fonts as `data:` URLs (8 refusals);
 * - `worker-src 'self'`: the editor, JSON and GraphQL workers are bundled files on this origin.
 * Scripts stay `'self'` only: no inline script, no `eval`, no `blob:` workers.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface GraphiqlOptions {
  /** `production` serves nothing: `/graphiql` is a 404 like any unknown path. */
  nodeEnv: 'development' | 'production' | 'test';
  /** The built page (`npm run build:graphiql`); defaults to `<repo>/dist/web/graphiql`. */
  dir?: string;
}

/** Where `npm run build:graphiql` writes the page, from `src/` (tsx) and `dist/src/` alike. */
export function defaultGraphiqlDir(): string {
  return fileURLToPath(new URL('dist/web/graphiql/', findProjectRoot()));
}

/** On every response of the page, workers included: a worker's policy is its script's header. */
function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', GRAPHIQL_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/**
 * GraphiQL 5 at `/graphiql` (mount it there), bundled from npm so it works with no network,
 * in development and test only: production keeps introspection off, so the router is empty there.
 * `index.html` is revalidated on every load (`no-cache`); hashed files under `assets/` are cached
 * for a year as immutable. The build is looked up per request, so building after start works, and
 * a missing build answers 503 with the command to run. Needs no API key: the page holds no data,
 * and its calls to `/graphql` carry the key typed in its Headers editor.
 */
export function createGraphiqlRouter(options: GraphiqlOptions): Router {
  const router = express.Router();
  if (options.nodeEnv === 'production') return router;
  const dir = options.dir ?? defaultGraphiqlDir();
  const index = join(dir, 'index.html');

  router.get(['/', '/index.html'], function graphiqlIndex(_req, res) {
    setSecurityHeaders(res);
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .set('Cache-Control', 'no-store')
        .send('GraphiQL is not built: run `npm run build:web`, then reload.\n');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      setHeaders(res, path) {
        setSecurityHeaders(res);
        const hashed = path.startsWith(join(dir, 'assets') + sep);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  return router;
}
